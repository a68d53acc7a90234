"""Publishers: only well-formed body names are returned, whatever source offered them."""
import pytest

from nianbao.indexer.metadata import extract
from nianbao.indexer.metadata.agencies import parse_prefix, well_formed
from nianbao.indexer.metadata.publisher import after_junk


@pytest.mark.parametrize("name, expected", [
    # A place chain, a level word, a central head, a ministry, a zone or a known office: a body.
    ("镇巴县人民政府", True), ("市政府办公厅", True), ("交通运输部", True), ("中华人民共和国交通运输部", True),
    ("审计署", True), ("太湖流域管理局", True), ("人力资源社会保障部办公厅", True), ("全国人民代表大会常务委员会", True), ("高新区管委会", True), ("黄村镇", True), ("教育局", True),
    ("兰考县", True),
    # Verb phrases, self words, page chrome and template placeholders never are.
    ("印发市政府办公厅", False), ("明确一名管委会", False), ("进一步提高我镇", False), ("返回顶部", False),
    ("xx县供销社", False), ("某某局", False), ("县政府网站", False), ("编制应急管理部", False),
    ("县级以上地方人民政府", False), ("现将大湾乡", False), ("汇总全镇", False), ("提升开发区", False),
    # A verb's character run into a listed town (县街街道 is one): no town.
    ("使县街街道", False), ("县街街道", True),
    # A function part alone that the type table does not know says nothing of whose it is.
    ("项目中心", False), ("", False), (None, False),
    # Joint issuers run together are no one body.
    ("人力资源社会保障部国家发展改革委财政部", False),
])
def test_well_formed_body_names(name, expected):
    assert well_formed(name) == expected


@pytest.mark.parametrize("text, expected", [
    # A ministry's own name ends the name whatever follows; 部门 is no ministry.
    ("中华人民共和国交通运输部施行《政府信息公开条例》办法", "中华人民共和国交通运输部"),
    ("住房城乡建设部关于做好信息公开工作的通知", "住房城乡建设部"),
    ("县民政部门", None),
])
def test_ministries_by_their_own_names(text, expected):
    assert parse_prefix(text) == expected


@pytest.mark.parametrize("text, agency", [
    # Page chrome on the first line is no publisher: the heading names it.
    ("返回顶部\n\n镇巴县人民政府工作规则\n\n第一章总则\n一、根据有关法律,制定本规则。", "镇巴县人民政府"),
    # A verb phrase run into a heading names nobody.
    ("印发市政府办公厅关于信息公开相关配套制度的通知\n现将文件印发给你们,请遵照执行。", None),
    # A clause's words before a self word are no town.
    ("一、基本情况\n2016年,我镇认真贯彻落实《条例》,进一步提高我镇政府信息公开工作水平。", None),
])
def test_junk_is_never_the_agency(text, agency):
    assert extract(text, {}).agency == agency


def test_rejected_names_are_traced():
    meta = extract("返回顶部\n\n镇巴县人民政府工作规则\n\n第一章总则", {})
    assert "first_line: 返回顶部" in meta.trace["agency"]["rejected"]


@pytest.mark.parametrize("text, agency", [
    # Contact phrases: 请与/可与/可向…联系/咨询, a label cell in brackets, a zone's own office.
    ("本报告全文在门户网站公布。如对本报告有疑问,可与辽源市民政局联系(地址:人民大街100号)。", "辽源市民政局"),
    ("对本报告如有疑问,可向福州市鼓楼区财政局咨询。", "福州市鼓楼区财政局"),
    ("[ 索 引 号 ] | 0001/2019-01 | [ 发布机构 ] | 郯城县郯城经济开发区管委会 | |\n根据《条例》编制本报告。",
     "郯城县郯城经济开发区管委会"),
    ("如对本报告有任何疑问,请联系:常熟经济技术开发区党政办公室,电话:0512-52699806。", "常熟经济技术开发区管委会"),
])
def test_contact_and_metadata_phrases(text, agency):
    assert extract(text, {}).agency == agency


@pytest.mark.parametrize("text, agency", [
    # A government named by its place only: 我县 outweighs an office's 本部门/本机关.
    ("根据《条例》和《巴彦淖尔市政府信息公开工作年度报告制度》的规定,结合我县实际,对2016年度工作进行了总结。\n"
     "1、推进我县权责清单编制工作。我县于2016年印发了《磴口县人民政府办公室关于开展责任清单编制工作的通知》,"
     "建立本部门的责任清单。", "磴口县人民政府"),
    # A report that speaks for every body of its area is its government's.
    ("一、基本情况概述\n2015年,全省各级行政机关认真贯彻落实《条例》和《河南省政府信息公开规定》,使政府信息公开工作更好地服务于河南经济社会发展。",
     "河南省人民政府"),
    # A sentence's subject that is a place: its government.
    ("一、总体情况\n(一)主动公开情况。三亚市坚持以习近平新时代中国特色社会主义思想为指导,深化重点领域信息公开。",
     "三亚市人民政府"),
    # A body that a sentence names as its subject and the text names again.
    ("一、总体情况\n(一)主动公开情况。2022年,广德市农业农村局在政府信息公开网上主动公开信息513条。\n"
     "(二)依申请公开情况。2022年度,广德市农业农村局受理依申请公开0件。", "广德市农业农村局"),
    # A county whose name a spam mirror replaced: the government as the text names it.
    ("hth网页版登录入口官网发布\n2011\n年政府信息公开\n年度报告\n一、基本情况概述\n我县始终高度重视政府信息公开工作,"
     "把政府信息公开列入县政府工作日程。我县建立了工作机制。", "县政府"),
])
def test_governments_named_by_place_or_level_word(text, agency):
    assert extract(text, {}).agency == agency


@pytest.mark.parametrize("text, header, agency", [
    # A template's placeholder names no body.
    ("根据《条例》要求,特编制xx县供销社20政府信息公开度报告。\n一、概述\n我社按照有关规定开展工作。", {}, None),
    # An office whose name ends in 室.
    ("海口市人民政府研究室2022年政府信息公开工作年度报告\n一、总体情况", {}, "海口市人民政府研究室"),
    # A document's red header and a 政府工作报告's speaker name the issuer.
    ("南开区政府信息公开\n天津市南开区人民政府办公室文件\n南开政办发[2008] 20号\n关于转发配套制度的通知\n"
     "现将文件印发给你们,请遵照执行。", {}, "天津市南开区人民政府办公室"),
    ("2017年1月10日在延长县第十八届人民代表大会第一次会议上\n延长县人民政府县长 曹林虎\n各位代表:\n"
     "现在,我代表县人民政府向大会报告工作。", {}, "延长县人民政府"),
    # A document number before a title is no name.
    ("各县(市、区)人民政府:\n根据有关要求,现就统计报送工作通知如下。",
     {"title": "并政办发〔2014〕57号《太原市人民政府办公厅关于做好政府信息公开情况统计报送工作的通知》"}, "太原市人民政府办公厅"),
    # A body's own budget names it when nothing else does.
    ("依据《条例》第五十条之规定,制作本报告。\n一、总体情况\n结合街道职能,在数字东城上及时公开"
     "《2019年北京市东城区人民政府建国门街道办事处部门预算》。", {}, "建国门街道办事处"),
    # A zone named by its kind alone.
    ("2022年,开发区坚持以习近平新时代中国特色社会主义思想为指导,深入推进政务公开工作。", {}, "开发区"),
])
def test_issuers_of_every_form(text, header, agency):
    assert extract(text, header).agency == agency


def test_spam_between_a_place_and_its_office_is_cut():
    assert after_junk("北京市滚球体育app_188篮球比分-直播|官网:发展和改革委员会") == "北京市发展和改革委员会"
    assert after_junk("英国威廉希尔公司市统计局") == "市统计局"


@pytest.mark.parametrize("text, expected", [
    # Central bodies by their own names: no place.
    ("审计署2021年政府信息公开工作年度报告\n根据《条例》编制。", ("审计署", "central", None)),
    ("太湖流域管理局2015年政府信息公开工作年度报告\n根据《条例》编制。", ("太湖流域管理局", "central", None)),
    # A town named like a province (广州市越秀区's 北京街道) says nothing of the province.
    ("一、总体情况\n2020年,在区委、区政府的正确领导下,新葡京博彩官网区人民政府北京街道办事处认真贯彻落实《条例》。",
     ("北京街道办事处", "town", None)),
    # A zone in a 直辖市 named after its district: the district's or the municipality's, not settled.
    ("永川高新技术产业开发区管理委员会2020年政府信息公开工作年度报告\n一、总体情况\n2020年,永川高新技术产业开发区"
     "管理委员会认真贯彻执行《条例》。", ("永川高新技术产业开发区管理委员会", None, "重庆市")),
])
def test_levels_and_places_of_named_bodies(text, expected):
    meta = extract(text, {})
    assert (meta.agency, meta.level, meta.province) == expected


@pytest.mark.parametrize("title, expected", [
    # Joint issuers: the lead one; a ministry's general office is central.
    ("人力资源社会保障部财政部关于使用失业保险基金支持脱贫攻坚的通知", ("人力资源社会保障部", "central")),
    ("人力资源社会保障部办公厅关于开展工伤保险内部控制专项检查的通知", ("人力资源社会保障部办公厅", "central")),
])
def test_ministries_in_titles(title, expected):
    meta = extract("各省、自治区、直辖市人力资源社会保障厅:\n现将有关事项通知如下。", {"title": title})
    assert (meta.agency, meta.level) == expected


@pytest.mark.parametrize("text, agency", [
    # More ways a report names its compiler or its contact.
    ("根据《条例》要求,宁海县民政局依据《条例》,编制了2019年度政府信息公开工作年度报告。", "宁海县民政局"),
    ("联系单位:宁海县民政局办公室,联系电话:0574-65212345。", "宁海县民政局"),
    ("本报告是宁海县民政局根据《条例》要求编制的2019年度政府信息公开工作年度报告。", "宁海县民政局"),
    ("本报告由宁海县民政局负责解释。", "宁海县民政局"),
    ("对本报告有疑问的,可致电宁海县民政局办公室(电话0574-65212345)。", "宁海县民政局"),
])
def test_more_compiler_and_contact_phrases(text, agency):
    assert extract(text, {}).agency == agency


def test_a_self_word_and_the_one_body_of_its_kind_a_clause_names():
    text = ("2019年,我局按照区政府要求,坚持以公开为原则。我局累计主动公开政府信息1135条。\n"
            "在公开人大代表建议和政协提案办理方面,区财政局对涉及公共利益的重要建议提案办理结果予以公开。")
    assert extract(text, {}).agency == "区财政局"
    # Two bodies of the kind: nobody.
    assert extract(text + "县民政局对此予以配合。", {}).agency is None


def test_a_free_trade_zone_keeps_its_bracketed_province():
    text = ("如对本报告有任何疑问,请联系:中国(福建)自由贸易试验区福州片区管理委员会(福州保税港区管理委员会)政府信息公开办公室,"
            "地址:福州市长乐区湖文路201号,电话:0591-28200507。\n一、总体情况\n2022年,我委认真贯彻落实《条例》。")
    meta = extract(text, {})
    assert (meta.agency, meta.level, meta.city) == ("中国(福建)自由贸易试验区福州片区管理委员会", "city", "福州市")


@pytest.mark.parametrize("text, agency", [
    # A breadcrumb's column per body names it when nothing heavier does.
    ("您当前的位置:首页 > 区司法局 > 政府信息公开 > 年度报告\n\n2010年政府信息公开年度报告\n一、概述\n"
     "我局按照《条例》要求开展工作。", "区司法局"),
    ("您当前所在位置: 首页 > 各乡镇信息公开 > 对坊乡 > 年度报告 > 信息公开年度报告\n一、总体情况\n根据《条例》编制。", "对坊乡"),
    # A breadcrumb of categories names nobody.
    ("当前位置: 首页 > 政府信息公开 > 政府信息公开年报\n一、总体情况\n根据《条例》编制。", None),
])
def test_breadcrumbs(text, agency):
    assert extract(text, {}).agency == agency
