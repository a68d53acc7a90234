"""Kind and year: what a text is, and the year it reports on (or, for another document, was issued)."""
import pytest

from nianbao.indexer.metadata import extract
from nianbao.indexer.metadata.dates import arabic_dates
from nianbao.indexer.metadata.kind import find_kind


@pytest.mark.parametrize("text, kind", [
    # A notice to subordinate bodies: its addressee line ends in their bodies, or it hands a text out.
    ("建保[2011]64号\n各省、自治区住房城乡建设厅,北京市住房城乡建设委,新疆生产建设兵团建设局:\n"
     "为加强社会监督,请按照以下要求公开保障性安居工程建设信息。\n一、信息公开内容", "other"),
    ("各县、区市场监督管理局,市局相关科室:\n《基层政务公开标准指引》已经市局同意,现印发给你们,请遵照执行。", "other"),
    # A guide or a rule says what it is.
    ("安顺市政府及其部门依法公开的政府信息,根据《中华人民共和国政府信息公开条例》,制定本指南。", "other"),
    # News about disclosure work.
    ("本报4月9日讯(记者 王超) 近日,东营市各级政府对政府信息进行了更新,2011年度主动公开政府信息109115条。", "other"),
    ("您对政务公开有哪些意见建议?\n近日,河北省政务公开社会评议调查问卷对外公布,调查政府信息公开年度报告内容。", "other"),
    # A template with placeholders.
    ("根据《条例》要求,特编制xx县供销社20政府信息公开度报告。本报告所列数据的统计期限自201月1日起。", "other"),
    # A report that mentions 记者 or an anonymised applicant (汪某某) is still a report.
    ("本年度报告根据《中华人民共和国政府信息公开条例》编制。\n一、总体情况\n召开新闻发布会8场,记者通气会1场。本年度收到公开申请5件,即汪某某申请公开信息。",
     "annual_report"),
])
def test_kind_from_the_opening(text, kind):
    assert find_kind(None, text) == kind


@pytest.mark.parametrize("text, header, year", [
    # A year run into the title's report words.
    ("东河区卫生健康委员会\n2021政府信息公开工作年度报告\n按照《条例》要求,现将报告如下:", {}, 2021),
    # A whole calendar year as the statistics period outweighs a page title's publication year.
    ("应急管理部2020年政府信息公开工作报告\n公告\n应急管理部 2019 年政府信息公开工作报告\n根据《条例》要求编制。"
     "报告所列数据的统计期限为 2019年 1 月 1 日至 2019 年 12 月 31 日。", {}, 2019),
    # A paragraph opening with its year, no comma.
    ("本年度报告是根据《条例》要求编制而成。\n 一、总体情况\n 2021年城中区政务公开工作在区委区政府的正确领导下顺利推进。",
     {}, 2021),
    # The first of 2015年度 and a paragraph's year wins over a later 2021年度 inside a sentence.
    ("2022年,是具有特殊重要意义的一年,番禺区卫生健康局围绕发展主线开展工作。番禺区获评广州市2021年度综合医改考核A等次。",
     {}, 2022),
    # Other documents: the date under a notice, a speech's date, a rule's effective date, a
    # document number below chrome, a guide's own publication date.
    ("各县、区市场监督管理局:\n《标准指引》已经市局同意,现印发给你们,请遵照执行。\n2020年6月3日\n(此件主动公开)", {}, 2020),
    ("各县(市)、区人民政府:\n现将六项制度印发给你们,请认真贯彻执行。\n二○○八年九月二十八日\n第一条 为做好工作,制定本制度。",
     {}, 2008),
    ("2017年1月10日在延长县第十八届人民代表大会第一次会议上\n延长县人民政府县长 曹林虎\n各位代表:\n"
     "一、2016年和过去五年工作回顾\n2016年,全县综合实力稳步提升。", {}, 2017),
    ("山西省人民政府办公厅政府信息公开年度报告制度(试行)\n第一条 为提高政府信息公开工作的质量,制定本制度。\n"
     "第九条 本制度自2008年5月1日起施行。", {}, 2008),
    ("返回顶部\n\n镇巴县人民政府工作规则\n\n  • 索引号:\n\n    6107280000/2024-001005\n  • 主题分类:\n\n  • 来源:\n\n"
     "  • 发文机构:\n\n    县政府网站\n  • 发文字号:\n\n    镇政发〔2024〕7号\n\n第一章总则\n一、根据有关法律,制定本规则。",
     {}, 2024),
    ("阿克苏地区行政公署政府信息公开指南\n发布日期:2017-07-06 浏览次数:\n根据《条例》,特制定本指南。\n"
     "一、2008年5月1日至今制发的政府信息。", {}, 2017),
])
def test_years(text, header, year):
    assert extract(text, header).year == year


@pytest.mark.parametrize("text, year", [
    # Dates in Chinese numerals read like Arabic ones.
    ("本报告统计时段为二〇一一年一月一日至二〇一一年十二月三十一日。根据《中华人民共和国政府信息公开条例》编制。", 2011),
    ("现将二〇一五年度政府信息公开工作情况报告如下:\n一、概述\n我局认真贯彻落实《条例》。", 2015),
    ("一、概述\n二〇一三年,我局认真贯彻落实《中华人民共和国政府信息公开条例》。", 2013),
    # A statistics period given by months, or as a year.
    ("本报告所列数据统计期限自2015年1月至12月。\n一、概述\n我局认真推进政府信息公开工作。", 2015),
    ("根据《条例》编制本报告。" + "全文包括概述、主动公开情况等部分。" * 30 + "本报告统计期间为2012年度。", 2012),
    ("本报告的报告期为2019年1月1日至12月31日。根据《条例》编制,现予公布。", 2019),
    ("本报告所列数据的时间范围为2019年1月1日至2019年12月31日。", 2019),
])
def test_years_however_written(text, year):
    assert extract(text, {}).year == year


def test_chinese_numeral_dates_become_arabic():
    assert arabic_dates("二〇一一年一月一日至二〇一一年十二月三十一日;二OO八年八月十八日") == \
        "2011年1月1日至2011年12月31日;2008年8月18日"
    assert arabic_dates("一二三四五") == "一二三四五"
