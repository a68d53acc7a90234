"""Kind and year: what a text is, and the year it reports on (or, for another document, was issued)."""
import pytest

from nianbao.indexer.metadata import extract
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
