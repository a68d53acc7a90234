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
