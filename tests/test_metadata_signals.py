"""The metadata signals one by one: folding, titles past chrome, levels, towns, place weighing."""
import pytest

from nianbao.indexer.metadata import extract
from nianbao.indexer.metadata.agencies import agency_type, parse_full
from nianbao.indexer.metadata.divisions import Place
from nianbao.indexer.metadata.fold import Page
from nianbao.indexer.metadata.level import name_level, town_name
from nianbao.indexer.metadata.place import Clue, decide, gather_clues
from nianbao.indexer.metadata.title import heading_title


def test_traditional_page_is_folded_and_names_come_back_as_published():
    page = Page("廣州市教育局\n本報(bào)告是根據(jù)《條例》編制。")
    assert page.traditional
    assert page.text.startswith("广州市教育局\n本报告是根据")
    assert page.published("广州市教育局") == "廣州市教育局"


def test_url_line_left_in_the_text_is_the_address():
    page = Page("原文链接: http://www.ninghai.gov.cn/a.html\n\n正文。")
    assert page.url == "http://www.ninghai.gov.cn/a.html" and page.text.strip() == "正文。"


@pytest.mark.parametrize("text, title", [
    ("首页 > 政务公开 > 年度报告\n发布时间：2023-01-13 浏览次数：12\n对坊乡2023年政府信息公开工作年度报告\n根据《条例》……",
     "对坊乡2023年政府信息公开工作年度报告"),
    ("标 题 | 西藏自治区人民政府办公厅2021年政府信息公开工作年度报告 | ||\n索引号 | 000014349 |",
     "西藏自治区人民政府办公厅2021年政府信息公开工作年度报告"),
    ("自治区民政厅2021\n政府信息公开工作年度报告\n一、总体情况", "自治区民政厅2021政府信息公开工作年度报告"),
    ("政府信息公开年报\n本报告根据《条例》编制。", None),  # a category label is no title
    ('{"status":true,"data":{"manuscriptId":"9d7b","title":"拉萨市政府信息公开指南","content":"正文"}}',
     "拉萨市政府信息公开指南"),  # a raw CMS answer names its document in a field
    # A spaced label without a colon; a metadata block's cells are never the title.
    ("标   题 县政府办2022年度政府信息公开工作年度报告\n发布机构 县政府办公室", "县政府办2022年度政府信息公开工作年度报告"),
    ("索 引 号: 00817804-9/2023-08749 分类: 信息公开年度报告\n名  称: 海口市2015年政府信息公开工作年度报告\n",
     "海口市2015年政府信息公开工作年度报告"),
    # A site's name over its column label is chrome; the title split over the next two lines is the title.
    ("北京市西城区人民政府\n政府信息公开年报\n北京市西城区人民防空办公室2020\n政府信息公开工作年度报告\n发布时间:2021-01-19",
     "北京市西城区人民防空办公室2020政府信息公开工作年度报告"),
    # A label run into its value; a report phrase that is the object of a rule stays whole.
    ("索引号000014349/2023-74857\n标题水城区杨梅乡2022年政府信息公开工作年度报告\n", "水城区杨梅乡2022年政府信息公开工作年度报告"),
    ("图片\n山西省人民政府办公厅政府信息公开年度报告制度(试行)\n第一条 为不断提高政府信息公开工作的质量",
     "山西省人民政府办公厅政府信息公开年度报告制度(试行)"),
    # A title that names its publisher is not joined with the site-name line before it.
    ("泾县黄村镇\n您现在所在的位置: 网站首页 > 政府信息公开\n黄村镇2014年度信息年度公开报告\n发布时间:2015-01-06",
     "黄村镇2014年度信息年度公开报告"),
])
def test_titles_past_site_chrome(text, title):
    assert heading_title(text) == title


@pytest.mark.parametrize("agency, level", [
    ("教育部", "central"), ("国家统计局", "central"), ("辽宁省退役军人事务厅", "province"),
    ("北京市生态环境局", "province"), ("北京市海淀区教育委员会", "county"), ("兴安盟生态环境局", "city"),
    ("鄂托克旗人民政府", "county"), ("仙桃市人民政府", "county"), ("区民政局", "county"),
    ("市民政局", "city_or_county"), ("彭场镇人民政府", "town"), ("十堰市生态环境局郧阳分局", "county"),
    ("住房和城乡建设局", None), ("阿里地区行政公署", "city"), ("海南州人民政府", "city"),
])
def test_levels_from_agency_names(agency, level):
    assert name_level(agency) == level


@pytest.mark.parametrize("agency, town", [
    ("越秀区人民政府梅花村街道办事处", "梅花村街道"), ("乌拉特中旗巴音乌兰苏木", "巴音乌兰苏木"),
    ("宁海县越溪乡", "越溪乡"), ("乡村振兴局", None), ("县住房和城乡建设局", None),
])
def test_town_names(agency, town):
    assert town_name(agency) == town


@pytest.mark.parametrize("text, agency", [
    ("岳西县五河镇人民政府\n五河镇2017年度政务信息公开工作年报\n2017年，我镇继续加大政务公开力度。", "五河镇人民政府"),
    ("方正县大罗密镇2023年政府信息公开工作年度报告\n如对本报告有疑问，请联系方正县大罗密镇。", "大罗密镇"),
    ("梅花村街道2022年政府信息公开工作年度报告\n来源：广州市越秀区人民政府梅花村街道办事处", "梅花村街道办事处"),
])
def test_town_bodies_are_named_by_their_government_as_the_text_writes_it(text, agency):
    assert extract(text, {}).agency == agency


def test_weak_clues_confirm_but_do_not_decide():
    weihai = Place("山东省", "威海市")
    assert decide([Clue("phone", "0631", [weihai], 1.5), Clue("postcode", "264200", [weihai], 1.5)], 2).place == Place()
    clues = [Clue("mention", "威海市", [weihai], 1.0), Clue("phone", "0631", [weihai], 1.5)]
    assert decide(clues, 2).place == weihai


def test_ambiguous_district_stays_null_without_another_clue():
    xian = [Place("陕西省", "西安市", "长安区"), Place("河北省", "石家庄市", "长安区")]
    assert decide([Clue("agency", "长安区民政局", xian, 10.0)], 3).place == Place()
    clues = [Clue("agency", "长安区民政局", xian, 10.0), Clue("cited", "西安市…规定", [Place("陕西省", "西安市")], 1.5)]
    assert decide(clues, 3).place == xian[0]


def test_a_county_name_gives_city_and_province_and_a_ministry_gets_no_place():
    meta = extract("鄞州区民政局2021年政府信息公开工作年度报告\n根据《条例》编制。", {})
    assert (meta.province, meta.city, meta.district, meta.level) == ("浙江省", "宁波市", "鄞州区", "county")
    meta = extract("教育部2020年政府信息公开工作年度报告\n根据《条例》编制。地址：北京市西城区", {})
    assert (meta.agency, meta.province, meta.level) == ("教育部", None, "central")


@pytest.mark.parametrize("text, agency", [
    # 我局 and the body's own document, website or column: that body.
    ("一、总体情况\n2022年，我局全面贯彻《条例》，认真落实《广州市人民政府办公厅关于印发广州市2022政务公开工作要点分工方案的通知》"
     "精神，制定实施《广州市应急管理局2022年政务公开工作实施方案》。", "广州市应急管理局"),
    ("本年度报告结合我局2024年实际工作情况编制而成。本年度报告电子版可以从乌海市统计局门户网下载。", "乌海市统计局"),
    ("2023年，我局坚持以习近平新时代中国特色社会主义思想为指导，围绕省委省政府总体部署。"
     "全年通过甘肃林业和草原局门户网站发布信息8000余条。国家林草局转发我省信息330条。", "甘肃林业和草原局"),
    ("2023年，我乡按照县委、县政府统一部署，完善《均村乡人民政府信息公开指南》，在兴国县政府门户网站公开。", "均村乡人民政府"),
    # A directive from above is not the body's own document; two bodies of the kind name nobody.
    ("2022年，我局认真落实《广州市应急管理局关于做好政务公开工作的通知》。", None),
    ("我局通过乌海市统计局门户网和乌海市财政局门户网站公开信息。", None),
    # 我单位 says no kind: any office the text presents as its own, named by its level word.
    ("一、总体情况\n申请人对我单位回复事项表示认可。\n市生态环境局政府信息公开指南表述清晰。", "市生态环境局"),
    # 县人民政府 or 我县 alone: the government of the county found.
    ("2022年，县人民政府坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《湖南省法治政府建设实施纲要》，"
     "制定了《岳阳县人民政府常务会会前学法制度》。", "岳阳县人民政府"),
    ("2019年，南昌县全面贯彻党的十九大精神。我县拟定了《南昌县机构改革实施方案》。", "南昌县人民政府"),
    ("2018年政府信息公开工作年度报告\n2018年，我县认真贯彻《条例》，在吉安县人民政府门户网站公开信息1200条。", "吉安县人民政府"),
    # A department's notice says 结合我省实际 too: no government is read into it.
    ("关于做好工伤保险工作的通知\n各市人力资源社会保障局：现就有关事项通知如下，请结合我省实际贯彻落实。"
     "河北省工伤保险条例规定的待遇标准不变。", None),
])
def test_a_body_named_only_as_itself(text, agency):
    assert extract(text, {}).agency == agency


@pytest.mark.parametrize("text, place", [
    # A channel named after the place: “武汉民政”微信公众号, 、铜陵城管微信公众号, 《深圳晚报》.
    ("市民政局2021年政府信息公开工作年度报告\n一、总体情况\n“武汉民政”微信公众号发布信息28条。", ("湖北省", "武汉市", None)),
    ("南山区安监局2010年政府信息公开工作年度报告\n通过《深圳晚报》、《南山新闻网》等媒体提供信息49条。",
     ("广东省", "深圳市", "南山区")),
    # A county-level city whose prefecture has no support of its own.
    ("市发展和改革局2023年政府信息公开工作年度报告\n通过“抚远发改”微信公众号发布信息，"
     "在黑龙江省投资项目在线审批监管平台公开。", ("黑龙江省", "佳木斯市", "抚远市")),
    # An ordinary word in a list is no place: 光明 (a 深圳 district) in 《光明日报》 does not decide alone,
    # and a quoted name is a channel only by its channel word (“阿里云” is no 阿里地区 site).
    ("区民政局2021年政府信息公开工作年度报告\n在《光明日报》发布信息。", (None, None, None)),
    ("市民政局2021年政府信息公开工作年度报告\n依托“阿里云”建设政务平台。", (None, None, None)),
    ("县民政局2013年政府信息公开工作年度报告\n在阳朔县门户网站《阳朔视窗》公开信息。", ("广西壮族自治区", "桂林市", "阳朔县")),
])
def test_places_from_channel_names(text, place):
    meta = extract(text, {})
    assert (meta.province, meta.city, meta.district) == place


@pytest.mark.parametrize("text, agency", [
    # A sentence's subject is the whole body (not the government it belongs to); a bracketed
    # second name is dropped; a clause after a comma names its subject.
    ("??一、总体情况\n??2025年,辽宁省人民政府办公厅坚持以习近平新时代中国特色社会主义思想为指导。", "辽宁省人民政府办公厅"),
    ("2019年,宁波国家高新区(新材料科技城)管委会办公室政务公开工作按照年初下发的要点推进。", "宁波国家高新区管委会办公室"),
    ("2012年，在市委、市政府的坚强领导下，雅安工业园区管委会认真贯彻落实《条例》的规定。", "雅安工业园区管委会"),
    # 由…综合…编制: the compiling body's government.
    ("青海省2013年政府信息公开工作年度报告是根据《条例》要求，由青海省人民政府办公厅综合各市、州人民政府的"
     "年度报告编制而成。", "青海省人民政府"),
    # A place or town whose name starts like a clause word is still a name.
    ("对坊乡2023年政府信息公开工作年度报告\n根据《条例》编制。", "对坊乡"),
])
def test_agencies_in_running_text(text, agency):
    assert extract(text, {}).agency == agency


@pytest.mark.parametrize("text, header, agency", [
    # A city bureau's county branch when the report speaks as a county body and names it.
    ("现公布2017年度梅州市公安局政府信息公开工作年度报告，内容涵盖梅州市公安局梅县区分局的政府信息公开情况。\n"
     "一、概述\n2017年，我局在区委、区政府的正确领导下推进工作。", {}, "梅州市公安局梅县区分局"),
    # The level word says more than the bare office; a doubled level word is a typo.
    ("城市管理局2020年政府信息公开工作年度报告\n发布机构：市城市管理局\n正文。", {}, "市城市管理局"),
    ("本报告由伊宁县人民政府办公室编制。如有疑问，请联系：伊宁县县人民政府电子政务办公室。", {}, "伊宁县人民政府"),
    # A wiki mirror's address spells the page's title.
    ("根据《条例》规定，现将有关情况报告如下。", {"url": "https://newton.com.tw/wiki/%E6%B1%9F%E8%98%87%E7%9C%81%E4%BA%BA"
     "%E6%B0%91%E6%94%BF%E5%BA%9C2009%E5%B9%B4%E6%94%BF%E5%BA%9C%E4%BF%A1%E6%81%AF%E5%85%AC%E9%96%8B%E5%B7%A5%E4%BD%9C"
     "%E5%B9%B4%E5%BA%A6%E5%A0%B1%E5%91%8A"}, "江苏省人民政府"),
])
def test_fullest_and_branch_names(text, header, agency):
    assert extract(text, header).agency == agency


def test_a_document_number_confirms_a_province_but_does_not_decide_it():
    # 浙政办发: 浙江; but 新政办 is also 新乡's (河南), so the abbreviation alone decides nothing.
    meta = extract("省民政厅2020年政府信息公开工作年度报告\n根据《通知》（浙政办发〔2019〕12号）要求编制。", {})
    assert meta.province is None
    clues = [c.source for c in gather_clues(Page("根据（浙政办发〔2019〕12号）要求编制。"), None, None)]
    assert clues == ["docnumber"]


@pytest.mark.parametrize("name, kind", [
    # Bodies whose names end in no generic suffix are known by the type table.
    ("宜城市供销联社", "供销合作社"), ("临沂市供销合作社联合社", "供销合作社"), ("区残联", "残疾人联合会"),
    ("肃北县残疾人联合会", "残疾人联合会"), ("南京海关", "海关"), ("海关总署", "海关"), ("阿里地区行署", "行政公署"),
    ("哈尔滨市外侨办", "外事"), ("西城区人民防空办公室", "人民防空"), ("湖南省机关事务管理局", "机关事务管理"),
    ("乐山市法制办", "司法"), ("北京市红十字会", "红十字会"), ("上海市工商联", "工商业联合会"),
])
def test_agency_types_of_public_bodies(name, kind):
    assert parse_full(name) == name and agency_type(name) == kind


@pytest.mark.parametrize("text, agency", [
    # Opening phrases: 由…结合/按照…编制, 公布…, 编制并发布…, 现向社会公开…, a hand-wrapped line.
    ("本报告根据《中华人民共和国政府信息公开条例》的要求,由宜城市供销联社结合工作实际编制。", "宜城市供销联社"),
    ("本报告由临沂市供销合作社联合社按照《中华人民共和国政府信息公开条例》和有关法律法规的要求编制。"
     "对本报告如有疑问，请与临沂市供销合作社联合社办公室联系。", "临沂市供销合作社联合社"),
    ("2018年度,我会在区委区政府的领导下,认真做好政府信息公开工作。现根据有关规定,公布2018年区残联政府信息公开工作年度报告。",
     "区残联"),
    ("根据《湖南省2023年政务公开工作要点》要求,编制并发布省机关事务管理局2023年政府信息公开年度报告。", "省机关事务管理局"),
    ("一、总体情况\n根据有关通知要求,现向社会公开上思县南屏瑶族乡2021年政府信息公开工作年度报告。", "南屏瑶族乡"),
    ("本报告是根据《中华人民共和国政府信息公开条例》要求,由石景山区司法\n局编制的2010年度政府信息公开年度报告。",
     "石景山区司法局"),
    ("根据《条例》等文件的有关要求,塔城市人民政府办公室编写了本报告。", "塔城市人民政府"),
    # A sentence's subject before a verb of its own.
    ("一、概述\n2018年,红桥区卫生健康委贯彻落实党的十九大精神,做好政府信息公开工作。", "红桥区卫生健康委"),
    # A disclosure office is its government's; a government's town office is the town's.
    ("对本报告如有疑问,请与保定市徐水区政务公开办公室联系(地址:河北省保定市徐水区)。", "徐水区人民政府"),
    ("如对报告有任何疑问,请与宣武区政府大栅栏街道办事处信息公开办公室联系。", "大栅栏街道办事处"),
    # A 地区's government is its 行政公署; a party work committee publishes nothing.
    ("阿里地区2022年度政府信息公开工作年度报告\n本报告根据《条例》要求编制。", "阿里地区行政公署"),
    ("一、总体情况\n开发区党工委高度重视政府信息公开工作,深入贯彻落实有关文件精神。", None),
    # A known town behind spam; a byline under another document's title.
    ("puroview.com沙头镇2008年政府信息公开工作年度报告\n根据《条例》要求,现公布本年度报告。", "沙头镇"),
    ("【政策解读】关于《清水县2023年度法治政府建设工作总结的报告》的政策解读\n清水县人民政府 2024年01月08日\n正文。",
     "清水县人民政府"),
    ("阿克苏地区行政公署(行署办公室)政府信息公开指南\n根据《条例》,为方便公民获取政府信息,特制定本指南。", "阿克苏地区行政公署"),
    # 我办 and its own website named by its level word.
    ("现公布2011年我办政府信息公开工作年度报告。\n新闻处负责政务公开信息在市外侨办网站发布。", "市外侨办"),
])
def test_publishers_of_every_kind(text, agency):
    assert extract(text, {}).agency == agency


@pytest.mark.parametrize("text, level", [
    # Places read only from cited documents or mentions say nothing of the body's level.
    ("本年度报告是根据《湖南省人民政府办公厅关于政府信息公开若干问题的意见》精神,由本局政务公开领导小组办公室编制的。", None),
    # A zone whose own name names a county may be the county's or the city's.
    ("奉化经济开发区滨海新区管委会2013年度政府信息公开工作报告\n根据《条例》编制。", None),
    ("兰州新区管委会2020年政府信息公开工作年度报告\n根据《条例》编制。", "city"),
    # A town body's county comes from the name that gave it.
    ("标题水城区杨梅乡2022年政府信息公开工作年度报告\n一、总体情况\n2022年,杨梅乡政务公开工作坚持依法公开。", "town"),
])
def test_levels_left_open_when_nothing_settles_them(text, level):
    assert extract(text, {}).level == level


def test_a_town_body_is_placed_by_the_name_that_gave_its_county():
    meta = extract("标题水城区杨梅乡2022年政府信息公开工作年度报告\n一、总体情况\n2022年,杨梅乡政务公开工作坚持依法公开。", {})
    assert (meta.agency, meta.town, meta.province, meta.city, meta.district) == (
        "杨梅乡", "杨梅乡", "贵州省", "六盘水市", "水城区")


def test_a_glossed_header_title_is_read_without_its_glosses():
    meta = extract("根據(jù)《條例》,塔城市人民政府辦公室編寫了本報(bào)告。",
                   {"title": "塔城市人民政府2023年政府信息公開(kāi)工作年度報(bào)告"})
    assert (meta.title, meta.kind) == ("塔城市人民政府2023年政府信息公开工作年度报告", "annual_report")


def test_a_district_the_list_no_longer_has_blocks_todays_district():
    # 宣武区 was merged into 西城区 in 2010: a 2009 town office's district is not 西城区.
    meta = extract("本报告的电子版可在网站下载。如对报告有任何疑问,请与宣武区政府大栅栏街道办事处信息公开办公室联系"
                   "(地址:北京市宣武区棕树斜街26号)。\n统计期限自2009年1月1日起,至2009年12月31日止。", {})
    assert (meta.agency, meta.town, meta.province, meta.district) == ("大栅栏街道办事处", "大栅栏街道", "北京市", None)


@pytest.mark.parametrize("text, expected", [
    # A vertically managed office: its national head first, then the local office and its place.
    ("国家税务总局杭州市西湖区税务局2021年政府信息公开工作年度报告\n根据《条例》编制。",
     ("国家税务总局杭州市西湖区税务局", "税务", "county", "浙江省", "杭州市", "西湖区")),
    ("国家税务总局2019年政府信息公开工作年度报告\n根据《条例》编制。", ("国家税务总局", "税务", "central", None, None, None)),
    ("国家统计局北京调查总队2015年政府信息公开工作年度报告\n根据《条例》编制。",
     ("国家统计局北京调查总队", "统计调查", "province", "北京市", None, None)),
])
def test_vertically_managed_offices(text, expected):
    meta = extract(text, {})
    assert (meta.agency, meta.agency_type, meta.level, meta.province, meta.city, meta.district) == expected
