"""Round six's categories of misreads, on real openings (expected values read off the pages)."""
import pytest

from nianbao.indexer.metadata import extract


@pytest.mark.parametrize("text, place", [
    # A mirror put its own domain where the county's name stood; the county portal's name
    # “中国永嘉” still says where the body sits (永嘉县委农办/县农业局, 2016).
    ("根据《中华人民共和国政府信息公开条例》(以下简称《条例》)要求,现公布puroview.com委农办(县农业局)2016年政府信息"
     "公开工作年度报告。本年报中所列数据的统计期限自2016年1月1日起至2016年12月31日止。本年报的电子版可以在“中国永嘉”"
     "县政府门户网站(www.puroview.com)上下载。\n一、概述\n《中华人民共和国政府信息公开条例》(以下简称《条例》)颁布施行"
     "以来,我办(局)高度重视信息公开工作,按照县政府的统一部署安排,认真贯彻落实了《条例》和县政府对政府信息公开工作的"
     "有关精神及各项要求。", ("浙江省", "温州市", "永嘉县")),
    # A spam string replaced the city's name; the portal “中国衡水” survives (衡水市, 2016).
    ("本年度报告的电子版可从“中国衡水”门户网站(http://www.ty-jd.com/)下载。如对本年度报告有疑问,请与市政府信息"
     "公开协调小组办公室联系。全市各级行政机关认真贯彻《条例》。全市共主动公开政府信息。", ("河北省", "衡水市", None)),
])
def test_a_government_portal_named_china_and_its_place(text, place):
    meta = extract(text, {})
    assert (meta.province, meta.city, meta.district) == place


@pytest.mark.parametrize("text", [
    # 微山县商务局 (2018): 平台和县商务预报网站 is "the platform and the county's 商务预报 site".
    "根据《条例》及县政府有关文件要求,特向社会公布2018年度本局信息公开工作年度报告。截至2018年底,县商务局依托政府信息"
    "公开平台和县商务预报网站,主动及时公开政府信息。",
])
def test_and_run_into_a_county_word_is_no_county_named_he(text):
    meta = extract(text, {})
    assert (meta.province, meta.city, meta.district) == (None, None, None)


def test_a_one_character_county_run_into_a_verb_is_still_named():
    # 云县林业和草原局 (2023): 规范云县林业和草原局… names 云县 (临沧市).
    text = ("一、总体情况\n开展政府信息公开保密审查工作,进一步规范云县林业和草原局信息采编、审核、发布工作流程。公开《临沧市"
            "林业和草原局关于印发<临沧市古茶树保护条例行政裁量权基准>的通知》。")
    assert extract(text, {}).district == "云县"


def test_and_before_a_county_government_is_no_county_named_he():
    # 《条例》和县政府: "and the county government", not 和县 (安徽); nothing else places the body.
    text = ("根据《条例》要求,现公布本单位2016年政府信息公开工作年度报告。\n一、概述\n《条例》颁布施行以来,我办高度重视"
            "信息公开工作,按照县政府的统一部署安排,认真贯彻落实了《条例》和县政府对政府信息公开工作的有关精神及各项要求。")
    meta = extract(text, {})
    assert (meta.province, meta.city, meta.district) == (None, None, None)


def test_a_zone_whose_own_name_ends_like_a_district_is_not_that_district():
    # 银湖湾滨海新区 (江门市新会区) is no 天津市滨海新区: words before 滨海新区 that are no place make
    # it the zone's own name; its web host places it.
    text = ("一、总体情况\n(一)主动公开情况。2022年,银湖湾滨海新区在政府信息公开目录系统(http://www.xinhui.gov.cn/jmxhqjjkf/"
            "gkmlpt/index)主动公开组织机构、部门文件、工作动态、部门预决算等栏目的政府信息共86条。通过“银湖湾滨海新区”"
            "微信公众号发布稿件约1820条;聚焦滨海新区的热点、重点和亮点。\n(二)依申请公开情况。2022年,滨海新区共收到0条"
            "政府信息公开申请。\n(四)平台建设情况。滨海新区贯彻落实《中华人民共和国政府信息公开条例》。")
    header = {"url": "http://www.xinhui.gov.cn/gzjg/qzfpcjg/jmxhjjkfqglwyh/tzgg/content/post_2784401.html"}
    meta = extract(text, header)
    assert (meta.province, meta.city) == ("广东省", "江门市")


def test_a_prefecture_speaking_of_itself_is_a_city_body_whatever_its_address():
    # 巴州 (巴音郭楞蒙古自治州) says 我州/全州; its address lies in 库尔勒市, its seat: no district.
    text = ("本报告是依据国务院《政府信息公开条例》要求,由巴州人民政府编制的2017年度政府信息公开工作年度报告。\n"
            "报告中所列数据统计期限自2017年1月1日起至12月31日。如对报告有任何疑问,请与巴州人民政府电子政务办公室联系"
            "(地址:新疆库尔勒市巴音东路45号;邮编:841000;联系电话:0996-2018537;电子邮箱:bzzfbgs@163.com)。\n一、概述\n"
            "2017年,我州深入贯彻自治区党委、政府统一部署,扎实推进全州政府信息公开工作有力有序开展。\n二、工作开展情况\n"
            "印发《巴音郭楞蒙古自治州人民政府工作规则》(巴政发〔2017〕8号),明确推进政务公开工作职能及规则。调整我州政务"
            "公开领导小组。")
    meta = extract(text, {})
    assert (meta.province, meta.city, meta.district, meta.level) == (
        "新疆维吾尔自治区", "巴音郭楞蒙古自治州", None, "city")


@pytest.mark.parametrize("text, level", [
    # 全州 in a county's own text (全州县) is no prefecture's word.
    ("2015年,全州县共主动公开政府信息120条,全州县各乡镇设立公开栏,全州县教育局开设专栏。", None),
    ("2017年,我州深入贯彻自治区党委、政府统一部署,扎实推进全州政府信息公开工作。", "city"),
])
def test_quanzhou_county_is_no_prefecture_word(text, level):
    from nianbao.indexer.metadata.level import text_level

    assert text_level(text) == level


@pytest.mark.parametrize("text, agency", [
    # The office calls itself 我办/本办 and has its own guide (钦州市人民政府办公室, 2013).
    ("本报告是根据《中华人民共和国政府信息公开条例》(以下简称《条例》)要求编制。本报告中所列数据的统计期限自2013年1月1日"
     "起至12月31日止。如对本报告有任何疑问,请与钦州市人民政府办公室文电科联系(地址:钦州市永福东大街11号钦州市行政信息"
     "中心B615室,邮编:535099,电话:0777-3688596)。\n一、政府信息公开工作的基本情况\n我办把政府信息公开工作列入日常工作。"
     "按照《条例》要求,成立了本办政府信息公开工作领导小组。根据实际情况及时更新了《钦州市人民政府办公室信息公开指南》。",
     "钦州市人民政府办公室"),
    # The office, not the government, acts in the report's sentences (保亭黎族苗族自治县人民政府办公室, 2021).
    ("标题:2021年政府信息公开工作年度报告\n索 引 号:75439382-4/2022-00047 分 类:其他 / 综合政务 发文机关:保亭县政府办公室 "
     "成文日期:2022年01月27日 发文字号:无 发布日期:2022年01月27日 发布机构:保亭黎族苗族自治县人民政府办公室\n"
     "2021年政府信息公开工作年度报告\n一、总体情况\n2021年,县政府办公室认真贯彻落实《国务院办公厅关于印发2021年政务公开"
     "工作要点的通知》(国办发〔2021〕12号)要求,坚持以人民为中心深化政务公开。\n(一)主动公开政府信息情况。\n2021年,"
     "县政府办公室通过县政府门户网站政府信息公开专栏主动公开政府信息74条。\n(二)依申请公开政府信息情况。\n县政府办公室"
     "切实转变观念,强化服务理念,以规范答复文书格式为重点。", "保亭黎族苗族自治县人民政府办公室"),
    # A government's report for its whole province, in which its office works (江苏省人民政府, 2009):
    # the government's.
    ("一、政府信息公开主要做法\n2009年,省政府办公厅在做好省政府信息公开日常事务的同时,切实担负起推进、指导、协调、监督"
     "全省政府信息公开工作的责任,努力推动《条例》在我省全面、正确、有效地贯彻实施。全省政府信息公开工作规范基本形成。\n"
     "(一)进一步明确政府信息公开工作机构。明确省政府办公厅为全省政府信息公开工作的主管部门。2009年,在《省政府办公厅"
     "关于印发江苏省人民政府办公厅主要职责内设机构和人员编制规定的通知》(苏政办发〔2009〕176号)中,明确省政府办公厅"
     "具有“指导、监督全省政府信息公开工作”的职责。", "江苏省人民政府"),
])
def test_a_government_office_reporting_on_itself(text, agency):
    # The last page is a wiki copy whose address spells its title (江苏省人民政府2009年…报告).
    header = {"url": "https://jendow.com.tw/wiki/%E6%B1%9F%E8%98%87%E7%9C%81%E4%BA%BA%E6%B0%91%E6%94%BF%E5%BA%9C"
                     "2009%E5%B9%B4%E6%94%BF%E5%BA%9C%E4%BF%A1%E6%81%AF%E5%85%AC%E9%96%8B%E5%B7%A5%E4%BD%9C%E5%B9%B4"
                     "%E5%BA%A6%E5%A0%B1%E5%91%8A"} if agency == "江苏省人民政府" else {}
    assert extract(text, header).agency == agency


@pytest.mark.parametrize("title, text, kind", [
    # A wiki copy of the report under a news-style headline (海关总署, 2012).
    ("海关总署发布2012年政府信息公开工作年度报告",
     "海关总署发布2012年政府信息公开工作年度报告\n\n发挥中国海关门户网站作用,全年公开各类政府信息6万多条。 通过中国海关"
     "门户网站总计公开署令2条,公告64条。\n\n一、主要工作概述\n2012年,海关总署政府信息公开工作按照《条例》和《办法》规定,"
     "主动公开政府信息,规范工作程序,依法答复依申请公开事项,社会满意度获得提高。", "annual_report"),
    # A newspaper's item about a province's report (贵州日报 via www.gov.cn, 2017).
    ("贵州省发布2016年政府信息公开工作年度报告",
     "贵州省发布2016年政府信息公开工作年度报告\n\n2017-03-28 10:18 来源: 贵州日报\n字号: 默认 超大 | 打印 |\n\n"
     "27日,贵州省人民政府正式向社会发布2016年政府信息公开工作年度报告。报告通过“图表版”、“图文版”、“视频动画版”,详细"
     "介绍了2016年全省各级政府及部门开展政府信息公开工作的情况。\n\n报告显示,全省创新构建“发布、解读、回应”三位一体的"
     "政府信息大公开体系。", "other"),
    # No title: a news lede on the report's publication (齐鲁壹点, 2019).
    (None,
     "来源:齐鲁壹点\n2019-03-31 11:40:03\n3月31日,山东省人民政府办公厅对外公布了2018年政府信息公开工作年度报告。报告内容"
     "涵盖全省各市人民政府、省政府各部门2018年1月1日至2018年12月31日的政府信息公开工作情况。\n2018年,山东省各级各部门"
     "深入学习贯彻党的十九大精神,大力推进决策、执行、管理、服务、结果公开,全省政务公开水平迈上了新台阶。", "other"),
])
def test_news_of_a_report_and_the_report_under_a_headline(title, text, kind):
    from nianbao.indexer.metadata.kind import find_kind

    assert find_kind(title, text) == kind


def test_a_sample_report_to_copy_is_no_report_and_no_bodys():
    # A forum copy of a 范文 (pinggu.org): years and place left blank, 区政府… anyone's.
    text = ("政府信息公开年度工作报告范文\n本年度报告是根据《中华人民共和国政府信息公开条例》\n(以下简称《条例》\n)和《市政府"
            "信息公开规定》\n(以下简称《规定》\n)要求,由市区编制。本年度报告的电子版可以在本区政府网站。如对本年度报告有任何"
            "疑问,请联系:区政府信息公开联席会议办公室。\n一、概述\n根据《规定》要求,年\n5月1日起,本区开始开展政府信息公开工作。")
    meta = extract(text, {"title": "政府信息公开年度工作报告范文",
                                             "url": "https://m.pinggu.org/bbs/thread-15273420-1-1.html"})
    assert (meta.kind, meta.agency) == ("other", None)


def test_a_guide_speaking_of_itself_in_book_marks_is_no_report():
    # 青海湖景区保护利用管理局's 信息公开指南 on a spam mirror, no title: 建议阅读本《指南》.
    text = ("青海湖管理局-pg电子游戏下载\n\n      根据《中华人民共和国政府信息公开条例》(以下简称《条例》),本机关制作和从公民、"
            "法人或者其他组织获取由本机关保存的政府信息,除依法免予公开的外,由本机关负责主动公开或者依公民、法人或者其他组织"
            "的申请予以提供。\n\n      为了更好地提供政府信息公开服务,本机关编制了《青海湖景区保护利用管理局信息公开指南》"
            "(以下简称《指南》)。需要获得本机关政府信息公开服务的公民、法人或者其他组织,建议阅读本《指南》。本《指南》每年"
            "更新一次。\n\n一、信息分类和编排体系\n")
    assert extract(text, {}).kind == "other"


def test_a_town_named_short_in_the_title_is_listed_by_its_full_name():
    # 西城区广内街道办事处 (2013): the contact line names it 广安门内街道办事处, the town's listed name.
    text = ("西城区广内街道办事处2013年政府信息公开工作年度报告\n发布时间:2014-3-20\n引言\n本报告是根据《中华人民共和国政府信息"
            "公开条例》(以下简称《条例》)要求,由西城区广内街道编制的2013年度政府信息公开年度报告。\n如对本报告有任何疑问,"
            "请联系:西城区广安门内街道办事处(地址:北京市西城区感化胡同3号院12号楼)。")
    meta = extract(text, {"title": "西城区广内街道办事处2013年政府信息公开工作年度报告"})
    assert (meta.agency, meta.town, meta.district) == ("广内街道办事处", "广安门内街道", "西城区")


def test_a_town_named_with_its_county_in_a_cited_title_is_placed():
    # 馆前镇 (2010, a wiki copy): its county is named only in a document it published,
    # 《关于成立长汀县馆前镇2010年春运工作领导小组的通知》.
    text = ("馆前镇2010年度政府信息公开报告\n\n本报告根据《中华人民共和国政府信息公开条例》及相关文件精神的要求进行编制。"
            "数据统计期限为2010年1月1日至2010年12月31日。\n\n概述\n\n2010年,馆前镇政府信息公开工作在镇党委政府的领导下,"
            "坚持以科学发展观为指导。\n1、机构职能\n例如公开了《关于成立馆前镇人口普查领导小组的通知》、 《关于成立长汀县馆前镇"
            "2010年春运工作领导小组的通知》等文件。")
    meta = extract(text, {"title": "馆前镇2010年度政府信息公开报告"})
    assert (meta.province, meta.city, meta.district, meta.town) == ("福建省", "龙岩市", "长汀县", "馆前镇")


def test_a_zones_bracketed_part_is_where_its_committee_sits():
    # 北京大兴国际机场临空经济区(廊坊)管理委员会 (2022): the 廊坊 part of the zone, in 河北, not 北京.
    text = ("您现在的位置:首页 > 决战临空 > 聚焦临空\n\n北京大兴国际机场临空经济区(廊坊)管理委员会 2022年政府信息公开工作年度报告"
            "\n\n来源:廊坊临空经济区 撰写时间:2023-01-19 15:54:20 字体: 分享\n\n  一、总体情况\n\n  2022年,北京大兴国际机场"
            "临空经济区(廊坊)管理委员会认真贯彻落实国务院、省、市政务公开和政府信息公开的有关要求。")
    meta = extract(text, {"url": "http://lflkq.lf.gov.cn/juezhanlinkong/jujiaolinkong/2023-01-19/2421.html"})
    assert (meta.province, meta.city, meta.district) == ("河北省", "廊坊市", None)


def test_a_zone_named_after_a_province_and_a_county_is_not_levelled_by_its_city():
    # 宁夏平罗工业园区管理委员会 (a guide on the 石嘴山 portal): the zone's name names 平罗县, so it may
    # be the county's or the city's zone: its level is not settled as the city's.
    text = ("政府信息公开指南\n\n根据《中华人民共和国政府信息公开条例》(以下简称《条例》),编制《宁夏平罗工业园区管理委员会政府"
            "信息公开指南》。本《指南》将根据政府信息公开情况及时更新。\n\n一、政府信息公开工作机构\n\n宁夏平罗工业园区管理委员会"
            "办公室是本单位政府信息公开工作的责任科室。\n\n受理电话:0952-6582355\n\n办公地址:平罗县山水大道596号")
    meta = extract(text, {"url": "http://www.shizuishan.gov.cn/zwgk/bmxxgk/szssrmfkbgs/zfxxgkzn_61208/"})
    assert (meta.province, meta.level) == ("宁夏回族自治区", None)


@pytest.mark.parametrize("text, level", [
    # 杭州钱江经济开发区 (2022) answers to 区政府 (余杭区), named in the text only as such: the level
    # is the district's, which is not found — not the city's its name gives.
    ("根据《中华人民共和国政府信息公开条例》、省市区关于政府信息公开工作有关规定和要求,特编制杭州钱江经济开发区2022年度政府"
     "信息公开工作报告,并向社会公布。\n\n一、总体情况\n\n2022年,杭州钱江经济开发区认真落实区政府关于政府信息公开工作相关要求,"
     "不断增强信息公开工作效率。", None),
    # 长春高新区 (2015) calls itself 本区/全区, with no 区政府 above it: the city's zone.
    ("根据《中华人民共和国政务信息公开条例》(下称“《条例》”),特向社会公布2015年度长春高新区信息公开年度报告。如对本报告有"
     "任何疑问,请与长春新区管委会办公室联系(地址:长春市龙湖大路5799号;邮编:130000;电话:81335551)。\n一、概述\n"
     "2015年,长春高新区认真落实《中华人民共和国政府信息公开条例》和长春市人民政府办公厅关于印发2015年政府信息公开工作方案的"
     "通知》(长府办函[2015]16号)要求,紧紧围绕本区的重点工作,努力使全区政府信息公开工作进一步深化、规范、高效。", "city"),
])
def test_a_zone_answering_to_a_district_government_is_not_the_citys(text, level):
    assert extract(text, {}).level == level


def test_a_sentence_with_a_bar_in_spam_is_no_row_of_cells():
    # 北京市发展和改革委员会 (2008) on a spam mirror: the bar inside 直播|官网: cuts no title out of
    # the opening sentence, and no unplaced 发展和改革委员会 is taken from it.
    text = ("引言\n本报告是根据《中华人民共和国政府信息公开条例》(以下简称《条例》)要求,由北京市滚球体育app_188篮球比分-直播|官网:"
            "发展和改革委员会编制的2008年度政府信息公开年度报告。\n全文包括概述,主动公开政府信息的情况。\n一、概述\n根据《条例》"
            "要求,2008年5月1日起我委开始开展政府信息公开工作。")
    meta = extract(text, {})
    assert meta.title is None and meta.agency in (None, "北京市发展和改革委员会")


def test_a_template_preamble_naming_the_government_gives_way_to_the_bureau_that_says_we():
    # 西秀区退役军人事务局 (2021): the preamble copied from the government's says 现公布西秀区人民政府
    # (区人民政府办公室)…报告, but the text says 我局 and the contact is the bureau.
    text = ("根据《中华人民共和国政府信息公开条例》(国务院令第711号,以下简称《条例》)要求,现公布西秀区人民政府(区人民政府办公室)"
            "2021年政府信息公开工作年度报告。报告电子版可在西秀区人民政府网政府信息公开专栏下载(http://www.xixiu.gov.cn/zfxxgk)。"
            "公众如需进一步咨询了解相关信息,请与西秀区退役军人事务局办公室联系(地址:安顺市黄果树大街21号西秀区退役军人事务局"
            "3楼311办公室 ,邮编:561000,电话:0851-33227627)。\n一、总体情况\n(一)主动公开\n2021年依托政府门户网站政务公开平台,"
            "我局门户网站共开设9各栏目,重点打造政务公开栏目。")
    assert extract(text, {}).agency == "西秀区退役军人事务局"


@pytest.mark.parametrize("text, agency", [
    # A news item: the office published the province's report (齐鲁壹点, 2019).
    ("来源:齐鲁壹点\n2019-03-31 11:40:03\n3月31日,山东省人民政府办公厅对外公布了2018年政府信息公开工作年度报告。报告内容"
     "涵盖全省各市人民政府、省政府各部门2018年1月1日至2018年12月31日的政府信息公开工作情况。\n今年山东省人民政府办公厅"
     "创新发布形式,市民可以登录中国政府网、山东省人民政府门户网查看。\n(齐鲁晚报·齐鲁壹点记者 邢振宇)", "山东省人民政府办公厅"),
    # A notice the offices sign on lines of their own (岳办发〔2017〕2号).
    ("各县市区委、人民政府,岳阳经济技术开发区,市直各单位:\n\n《关于全面推进政务公开工作的实施意见》已经市委、市人民政府"
     "同意,现印发给你们,请结合实际认真贯彻执行。\n\n中共岳阳市委办公室\n\n岳阳市人民政府办公室\n\n2017年1月10日\n\n"
     "关于全面推进政务公开工作的实施意见\n\n根据《中共中央办公厅国务院办公厅印发〈关于全面推进政务公开工作的意见〉的通知》"
     "要求,结合我市实际,现就全面推进政务公开工作提出如下实施意见。", "岳阳市人民政府办公室"),
])
def test_another_document_of_a_government_office_is_the_offices(text, agency):
    meta = extract(text, {})
    assert (meta.kind, meta.agency) == ("other", agency)


def test_a_bureau_relying_on_its_platform_is_the_we_of_the_report():
    # 微山县商务局 (2018): the text says 本局/我局 and names itself once, 县商务局依托….
    text = ("根据《中华人民共和国政府信息公开条例》、《山东省政府信息公开办法》及县政府有关文件要求,特向社会公布2018年度本局信息"
            "公开工作年度报告。\n一、政府信息公开工作情况概述\n我局认真实施《中华人民共和国政府信息公开条例》,紧密结合商务工作"
            "实际,全力推进全局政府信息公开工作。截至2018年底,县商务局依托政府信息公开平台和县商务预报网站,主动及时公开政府"
            "信息。")
    assert extract(text, {}).agency == "县商务局"


def test_a_notice_reposted_under_a_bureaus_column_is_its_issuers():
    # 安庆市 (2015): the 发布机构 cell is the column's bureau; the notice's sentence names its issuer.
    text = ("当前位置: 首页 > 市交通运输局 > 监督保障> 政务公开制度\n索 引 号 003110926/201510-00216 信息分类 信息公开制度\n"
            "发布机构 市交通运输局 发布日期 2015-10-15 10:06:36\n信息名称 关于印发安庆市政务公开工作领导小组工作规则等公开制度的"
            "通知\n内容概述\n关于印发安庆市政务公开工作领导小组工作规则等公开制度的通知\n\n各县(市)、区人民政府,市政府各部门、"
            "各直属机构:\n\n按照政府信息公开“制度执行年”活动安排,市政府办公室对全市政务公开和政府信息公开工作制度进行修订完善,"
            "经市政府同意,现将《安庆市政务公开工作领导小组工作规则》、《安庆市政务公开工作监督检查办法》、《安庆市政务公开社会"
            "评议制度》、《安庆市政务公开责任追究暂行办法》、《安庆市政府信息公开工作考评暂行办法》、《安庆市政府信息主动公开"
            "工作制度》、《安庆市政府信息依申请公开工作制度》、《安庆市政府信息公开查阅制度》、《安庆市公文类政府信息公开的审核"
            "制度》、《安庆市政府信息发布保密审查办法》、《安庆市政府信息公开投诉举报制度》、《安庆市政府信息公开行政复议行政"
            "应诉办法》、《安庆市人民政府新闻发布会制度》印发给你们,请认真遵照执行。")
    meta = extract(text, {})
    assert (meta.kind, meta.agency) == ("other", "市政府办公室")


@pytest.mark.parametrize("name, places", [
    ("银湖湾滨海新区管委会", []),  # 银湖湾 is no place: the zone's own name
    ("浙江省东阳经济开发区管理委员会", [("浙江省", "金华市", "东阳市")]),  # a province's full name first
    ("安徽宣城高新技术产业开发区管委会", [("安徽省", "宣城市", None)]),  # a province's short name first
])
def test_zone_names_searched_for_a_division_only_after_places(name, places):
    from nianbao.indexer.metadata.place import zone_options

    assert [(p.province, p.city, p.district) for p in zone_options(name)] == places


def test_a_site_news_column_named_after_its_district_places_the_government():
    # 顺城区人民政府 (2017, a traditional mirror): the text says only 我区; its site's columns list
    # 顺城要闻 among 乡街动态 and 部门动态.
    text = ("根据《中华人民共和国政府信息公开条例》、《辽宁省政府信息公开规定》以及抚顺市办公厅政务公开办对于本年度政府信息公开"
            "工作报告事项的通知,结合我区实际情况特向社会公布2017年度政府信息公开工作报告。\n一、 总体工作情况\n按照《抚顺市人民"
            "政府办公厅关于印发2017年政务公开工作要点的通知》(抚政办〔2017〕27号)文件精神,政务公开领导小组指导全区认真贯彻落实,"
            "区政府办公室组织协调开展日常工作。\n二、主动公开信息情况\n2017年,我区主动公开政府信息共3915条。通过区政府网站公开"
            "信息2890条,其中政府文件75条、通知公告27条、乡街动态430条、顺城要闻388条、部门动态352条。")
    meta = extract(text, {})
    assert (meta.province, meta.city, meta.district) == ("辽宁省", "抚顺市", "顺城区")


def test_a_places_own_disclosure_group_names_its_government():
    # 武清区人民政府 (2016): no title, no self word of a department; its working group is the district's.
    text = ("本年度报告根据《中华人民共和国政府信息公开条例》(国务院令第492号,以下简称《条例》)和《天津市政府信息公开规定》"
            "(2008年市人民政府令第3号,以下简称《规定》)编制。\n一、概述\n2016年,按照国务院和市委、市政府的安排部署,紧紧围绕"
            "区委、区政府中心工作,坚持以公开为常态、不公开为例外原则,不断完善公开机制。\n(一)强化组织领导和机构建设。\n一是"
            "调整完善了“武清区政务公开工作领导小组”,由区政府主要领导任组长,区政府办公室、区监察局、区行政审批局、区民政局、"
            "区法制办、区财政局、区人力社保局相关负责人任小组成员。设立区政府政务公开办公室(设在区政府办公室)。")
    meta = extract(text, {"url": "https://www.tjwq.gov.cn/zwgk/zfxxgk/zfxxgkqzf/qzf/zfxxgknb2/202012/t20201216_5035007.html"})
    assert (meta.agency, meta.district) == ("武清区人民政府", "武清区")


def test_the_site_a_reports_copy_is_downloaded_from_places_the_body():
    # 吉林市科学技术局 (2011): the text names only 市科技局; its own site is 吉林市科技网.
    text = ("2011年,市科技局在市政务公开领导小组的正确领导下,积极推进政府信息公开工作,取得了较好成效。根据《中华人民共和国政府"
            "信息公开条例》的规定和市政府政务公开领导小组《关于做好2011年度政府信息公开年度报告编制发布工作的通知》要求,市科技局"
            "认真编制了本报告并向社会公布。报告中所列数据的统计期限自2011年1月1日起至2011年12月31日止。本报告的电子版可在吉林市"
            "科技网(www.jlst.gov.cn)上下载。\n一、基本工作情况\n(一)加强组织领导。因此,我局始终把政府信息公开工作当作推进民主"
            "管理的一项长期任务。")
    meta = extract(text, {})
    assert (meta.province, meta.city, meta.district, meta.level) == ("吉林省", "吉林市", None, "city")


def test_a_bracketed_second_name_stands_when_a_mirror_spoiled_the_first():
    # 永嘉县委农办(县农业局) (2016): the mirror put its domain where 永嘉县 stood.
    text = ("根据《中华人民共和国政府信息公开条例》(以下简称《条例》)要求,现公布puroview.com委农办(县农业局)2016年政府信息公开"
            "工作年度报告。本年报中所列数据的统计期限自2016年1月1日起至2016年12月31日止。本年报的电子版可以在“中国永嘉”县政府"
            "门户网站(www.puroview.com)上下载。")
    meta = extract(text, {})
    assert (meta.agency, meta.district) == ("县农业局", "永嘉县")


def test_a_year_the_report_builds_on_is_not_its_year():
    # 岳阳市档案局 (2012): 在2011年工作的基础上 twice names the year before; nothing states 2011 as
    # the report's year, so it is not taken for one.
    text = ("本年度报告是根据《中华人民共和国政府信息公开条例》(以下简称《条例》)精神,由本局政务公开领导小组办公室编制的。\n"
            "一、概述\n根据《条例》和市政府办、市政务公开领导小组办公室的要求,我局自2007底开始着手开展政府信息公开工作。在2011年"
            "工作的基础上,我们继续进行宣传和对信息公开指南与目录的完善。\n一是继续进行宣传。在2011年的基础上,对信息公开指南和"
            "目录的编制内容进行了进一步的完善、规范。\n二是认真梳理了政府信息。对2012年以来档案局制作和保存的相关信息进行了全面的"
            "梳理。")
    assert extract(text, {}).year != 2011


def test_a_government_work_report_is_of_the_year_after_the_one_it_reviews():
    # 信阳市 政府工作报告 of the 2020 session (delivered late, no date): it reviews 2019.
    text = ("信阳市人民政府市长 尚朝阳\n各位代表:\n现在,我代表市人民政府,向大会报告工作,请予审议,并请各位政协委员和其他列席"
            "人士提出意见。\n这次新冠肺炎疫情,是新中国成立以来我国遭遇的传播速度最快、感染范围最广、防控难度最大的重大突发公共"
            "卫生事件。\n一、2019年和今年以来工作回顾\n2019年是信阳发展史上具有里程碑意义的一年。")
    meta = extract(text, {})
    assert (meta.kind, meta.year) == ("other", 2020)


def test_a_disclosure_group_above_the_report_names_no_publisher():
    # A group the report obeys (按照…领导小组的要求), not one its body set up, names nobody.
    text = ("本年度报告根据《中华人民共和国政府信息公开条例》编制。\n一、概述\n2016年,按照“武清区政务公开工作领导小组”的安排部署,"
            "坚持以公开为常态、不公开为例外原则,不断完善公开机制。")
    assert extract(text, {}).agency is None
