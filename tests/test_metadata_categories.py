"""Round five's categories of misreads, on real openings (expected values read off the pages)."""
import pytest

from nianbao.indexer.metadata import extract
from nianbao.indexer.metadata.kind import find_kind


@pytest.mark.parametrize("title, kind", [
    # An office's name with 计划 (规划, 考核, 专项) in it says nothing of the document's kind.
    ("厦门市集美区人口和计划生育局2010年政府信息公开工作年度报告", "annual_report"),
    # The document's own words still do.
    ("文字解读:关于济南市历城区市场监督管理局2023年政府信息公开工作年度报告的解读", "other"),
])
def test_kind_from_titles_naming_their_publisher(title, kind):
    assert find_kind(title, "根据《中华人民共和国政府信息公开条例》,现公布本年度报告。") == kind


def test_a_guide_that_says_it_makes_itself_is_no_report():
    # 鹤岗市乡村振兴局's 信息公开指南: an agency line, then 制定本公开指南 (not 制定本指南).
    text = ("市乡村振兴局\n\n为便利社会公众获取部门信息,规范部门信息公开申请提交和接收行为,根据《中华人民共和国政府"
            "信息公开条例》(国务院令第711号)有关规定,制定本公开指南。\n\n一、信息公开主要内容\n\n按照《条例》第十九条、"
            "第二十条规定主动公开政府信息。")
    assert extract(text, {}).kind == "other"


@pytest.mark.parametrize("text, title, agency", [
    # A metadata block's 来源 cell without a colon and its 内容概述 cell quoting the opening come
    # before the title (石泉县水利局, 2020).
    ("索引号 /2021-0000 公开日期: 2021-01-29 14:26\n来源 水利局\n内容概述 根据《中华人民共和国政府信息公开条例》"
     "和《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》(国办公开函【2019】60号)"
     "规定,结合我县水利工作情况,特向社会公布石泉县水利局2020年政府信息公开年度报告。\n\n"
     "石泉县水利局2020年度政府信息公开工作年度报告\n\n  根据《中华人民共和国政府信息公开条例》规定,特向社会公布"
     "石泉县水利局2020年政府信息公开年度报告。",
     "石泉县水利局2020年度政府信息公开工作年度报告", "石泉县水利局"),
    # A bulleted block with one cell per line: the column name (部门信息公开年度报告) is no title and
    # the cell under 发布机构 (the portal's office) is no line of the body's own (开远市林业和草原局, 2020).
    ("• 部门信息公开年度报告\n  • 索引号\n    20240914-173703-448\n  • 发布机构\n    开远市人民政府办公室\n"
     "  • 文号\n  • 发布日期\n    2021-01-29\n  • 时效性\n    有效\n\n开远市林业和草原局2020年度政府信息公开工作年度报告\n\n"
     "一、总体情况\n\n根据中华人民共和国政府信息公开条例以下简称《条例》)相关规定和《开远市人民政府办公室关于编制公布政府"
     "信息公开工作年度报告有关事项的通知》要求,市林业和草原局根据实际编制本年度政府信息公开工作年度报告。",
     "开远市林业和草原局2020年度政府信息公开工作年度报告", "开远市林业和草原局"),
])
def test_metadata_cells_before_the_title(text, title, agency):
    meta = extract(text, {})
    assert (meta.title, meta.agency) == (title, agency)


def test_a_metadata_cell_is_never_a_line_of_its_own():
    # The same bulleted block without the title line: the 发布机构 cell is metadata, not first_line.
    text = ("  • 发布机构\n    开远市人民政府办公室\n  • 文号\n  • 发布日期\n    2021-01-29\n\n"
            "根据《条例》相关规定,市林业和草原局根据实际编制本年度政府信息公开工作年度报告。")
    assert "first_line: 开远市人民政府办公室" not in extract(text, {}).trace["agency"]["candidates"]


@pytest.mark.parametrize("text, agency", [
    # 现公布X2025年…报告 names X whole, as a title does (鞍山市铁西区, 2025).
    ("根据《中华人民共和国政府信息公开条例》(以下简称《条例》)第四十九条、第五十条规定,现公布鞍山市铁西区政府办公室"
     "2025年政府信息公开工作年度报告。", "鞍山市铁西区政府办公室"),
    # A government's 领导小组办公室 with a task of its own is a body, not the government's office (广元, 2016).
    ("本报告所列数据自2016年1月1日至2016年12月31日。 如对本年报有疑问,请与广元市人民政府重点建设项目领导小组办公室"
     "综合科联系(地址:广元市利州区滨河南路19号;邮编:628000;", "广元市人民政府重点建设项目领导小组办公室"),
])
def test_offices_named_whole(text, agency):
    assert extract(text, {}).agency == agency


def test_a_beijing_area_office_is_a_town_body():
    # Beijing's 地区办事处 governs a town-level 地区 (北京市朝阳区三间房地区办事处, 2012).
    text = ("首页>>政府信息公开>>政府信息公开年报\n\n2012年北京市朝阳区三间房地区办事处政府信息公开工作年度报告\n\n"
            "日期:2013-03-29 00:00:00 10:35 来源:三间房地区 打印页面 关闭页面\n\n"
            "    本报告是根据《中华人民共和国政府信息公开条例》(以下简称《条例》)要求,由北京市朝阳区三间房地区办事处"
            "编制的2012年度政府信息公开年度报告。")
    meta = extract(text, {})
    assert (meta.agency, meta.level, meta.town, meta.province, meta.district) == (
        "三间房地区办事处", "town", "三间房地区", "北京市", "朝阳区")


def test_a_bonded_port_zone_is_a_zone():
    # 保税港区 is a zone: levelled by what holds it, here the municipality (天津东疆保税港区, 2020).
    text = ("天津东疆保税港区管理委员会政府信息公开工作2020年度报告 |\n根据《中华人民共和国政府信息公开条例》(国务院令第711号,"
            "以下简称《条例》)和《中华人民共和国政府信息公开工作年度报告格式(试行)》(国办公开办函〔2019〕60号),"
            "本年度报告由总体情况、主动公开政府信息情况组成。\n一、总体情况\n2020年,东疆保税港区管委会严格按照《中华人民共和国"
            "政府信息公开条例》要求,认真贯彻落实区委、区政府关于全面推进政务公开的决策部署。")
    meta = extract(text, {})
    assert (meta.agency, meta.province, meta.city, meta.district, meta.level) == (
        "天津东疆保税港区管理委员会", "天津市", None, None, "province")


def test_a_zone_kind_alone_names_no_place():
    # 保税区 is the short name the code list gives 衡阳综合保税区; a 保税区 elsewhere is no 衡阳 body
    # (张家港's 保税区 naming no place, 2021).
    text = ("2021年,保税区在市政务公开办的领导下,坚持以公开为常态,不公开为例外,切实做好政府信息公开工作。现结合工作实际,"
            "将保税区2021年度政府信息公开年度报告如下: 一、总体情况 3. 2021年,保税区对官方微信公众号“金港潮”严把政治关。")
    meta = extract(text, {})
    assert (meta.province, meta.city, meta.level) == (None, None, None)


def test_a_former_prefecture_keeps_the_name_its_body_used():
    # 吐鲁番地区 became 吐鲁番市 in 2015; its 公安局's 2012 report (a traditional mirror) is placed in
    # the prefecture as it stood then.
    text = ("2012年,根據《中華人民共和國政府信息公開條例》(以下簡稱《條例》)和《新疆維吾爾自治區實施〈政府信息公開條例〉辦法》"
            "(以下簡稱《辦法》)的精神,按照行署的部署和要求,吐魯番地區公安局結合工作實際,現特向社會公布吐魯番地區公安局"
            "2012年度政府信息公開工作報告。本報告中所列數據的統計時限自2012年1月1日起至2012年12月31日止。如對本報告有任何疑問,"
            "請與吐魯番地區公安局辦公室聯系(地址:吐魯番市綠州東路274號;郵編:838000;電話(傳真):8525522)。")
    meta = extract(text, {})
    assert (meta.agency, meta.province, meta.city, meta.district, meta.level, meta.year) == (
        "吐魯番地區公安局", "新疆维吾尔自治区", "吐鲁番地区", None, "city", 2012)


def test_the_bodies_above_are_no_own_area_words():
    # A county bureau's report (云县林业和草原局, 2023) relays 党中央、国务院决策部署和省委、省政府工作要求:
    # the pair names the province above it, not its own level.
    text = ("一、總體情況\n(一)主動公開情況\n嚴格按照要求在政府網站縣林業和草原局專欄轉載黨中央、國務院決策部署和省委、省政府工作要求,"
            "及時傳遞黨和政府權威聲音。及時轉載了《臨滄市林業和草原局關于印發<臨滄市古茶樹保護條例行政裁量權基準>的通知》。\n"
            "(三)加強政府信息管理。2023年,深入推進政務公開管理工作。進一步規範云縣林業和草原局信息採編、審核、發布工作流程。"
            "2023年縣林業和草原局無12345政務服務便民熱線問題反饋。")
    assert extract(text, {}).level != "province"


def test_a_town_named_alone_gets_no_county():
    # A traditional mirror of 下管镇's 2009 report names no county, city or province: the town
    # table alone does not place it (another clue, a phone code or a mention, must agree).
    text = ("當前位置 : 首頁 |\n|\n索引號: | 1133068200259085XF/2015-28256 | 公開方式: | 主動公開 |\n發布單位: | 下管鎮 |\n"
            "2009年度下管鎮政府信息公開年度報告 | ||\n根據《中華人民共和國政府信息公開條例》有關規定,我鎮緊密立足鎮工作實際,"
            "進一步規範政府信息公開內容。現將2009年我鎮政府信息公開年度報告如下: 一、政府信息主動公開情況")
    meta = extract(text, {})
    assert (meta.agency, meta.town, meta.level, meta.province, meta.city, meta.district) == (
        "下管鎮", "下管镇", "town", None, None, None)


def test_a_government_is_not_read_out_of_its_disclosure_words():
    # 对全区政府信息公开单位… and 我区政府信息公开指南 name no 区政府: a district report that says only
    # 我区 and cites only 《天津市政府信息公开规定》 leaves its publisher null (2015).
    text = ("本年度报告根据《中华人民共和国政府信息公开条例》(国务院令第492号,以下简称《条例》)和《天津市政府信息公开规定》"
            "(2008年市人民政府令第3号,以下简称《规定》)编制。本年度报告中所列数据的统计期限自2015年1月1日起至2015年12月31日止。\n"
            "一、概述\n2015年,我区认真贯彻落实《条例》,按照国务院和市政府的统一部署,紧密围绕全区经济社会发展大局和重点工作,"
            "进一步畅通公开渠道。\n一是完善政府信息公开指南。对全区政府信息公开单位公开指南发布情况开展检查,经过整改,"
            "我区政府信息公开指南内容完整、格式规范。")
    meta = extract(text, {})
    assert (meta.agency, meta.province, meta.district, meta.year) == (None, "天津市", None, 2015)


@pytest.mark.parametrize("text, year", [
    # A whole calendar year with no period label (翠山湖管委会, 2018).
    ("根据《中华人民共和国政府信息公开条例》和上级政府信息公开工作的要求,现公布翠山湖管委会2018年政府信息公开工作年度报告。"
     "本报告内容涵盖2018年1月1日至12月31日期间的翠山湖管委会政府信息公开工作情况。", 2018),
    # A year's end the report's figures are counted to (长治市发展和改革委员会, 2016).
    ("本年度报告是根据《政府信息公开条例》的要求,由长治市发展和改革委员会编制。\n一、概述\n一年来,我委按照市委、市政府关于"
     "推进政府信息公开工作的部署和要求,扎实做好政府信息公开工作。到2016年12月31日止,全委已发布信息10897条。", 2016),
])
def test_years_from_periods_without_a_label(text, year):
    assert extract(text, {}).year == year


@pytest.mark.parametrize("text, agency", [
    # A body that calls itself 我局 and names its own working group (甘南州自然资源局, 2023).
    ("依据《中华人民共和国政府信息公开条例》(以下简称《条例》)规定,编制本报告。报告中所列数据统计期限为2023年1月1日至"
     "2023年12月31日。\n一、总体情况\n2023年,我局严格按照《中华人民共和国政府信息公开条例》要求,积极推进政府信息公开工作。\n"
     "(一)加强组织领导。年初,为切实保障政府信息公开工作做到公开透明,及时完善调整补充了甘南州自然资源局信息公开领导小组"
     "成员。", "甘南州自然资源局"),
    # … or sets one up (兴国县水利局, a traditional mirror, 2019).
    ("根據《中華人民共和國政府信息公開條例》和省、縣政府信息公開有關要求,我局編寫了2019年政府信息公開工作年度報告。\n"
     "一、總體概述\n1.組織領導情況。成立縣水利局宣傳信息報道工作領導小組,由局長任組長,同時落實專人負責。", "縣水利局"),
])
def test_a_body_named_by_its_own_working_group(text, agency):
    assert extract(text, {}).agency == agency
