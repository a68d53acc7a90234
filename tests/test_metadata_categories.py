"""Round five's categories of misreads, on real openings (expected values read off the pages)."""
import pytest

from nianbao.indexer.metadata import extract
from nianbao.indexer.metadata.kind import find_kind


@pytest.mark.parametrize("title, kind", [
    # An office's name with 计划, 规划, 考核 or 专项 in it says nothing of the document's kind.
    ("厦门市集美区人口和计划生育局2010年政府信息公开工作年度报告", "annual_report"),
    ("嘉兴市秀洲区卫生和计划生育局2016年度政府信息公开工作年度报告", "annual_report"),
    ("平湖市自然资源和规划局2021年度政府信息公开工作年度报告", "annual_report"),
    # The document's own words still do.
    ("文字解读:关于济南市历城区市场监督管理局2023年政府信息公开工作年度报告的解读", "other"),
    ("岳阳市人民政府关于2019年法治政府建设情况的报告", "other"),
    ("盐城市亭湖区2021年政务公开工作计划", "other"),
])
def test_kind_from_titles_naming_their_publisher(title, kind):
    assert find_kind(title, "根据《中华人民共和国政府信息公开条例》,现公布本年度报告。") == kind
