"""clean_text on real reports and on the artifacts seen in them."""
import re

import pytest

from nianbao.indexer.clean import clean_text
from nianbao.indexer.readers import read_file
from variants import REPORTS, SEEDS

CJK = re.compile(r"[\u3400-\u9fff]")
REAL = SEEDS + sorted((REPORTS / "raw" / "changwu__pingtan-gov-zwgk-archive").glob("*.txt"))[:5]
needs_shared = pytest.mark.skipif(not SEEDS, reason="../shared is absent")


@pytest.mark.parametrize("artifact", [
    "PAGE", "PAGE  ", "PAGE \\* MERGEFORMAT", "— 6 —", "- 1 -", "－ 12 －", "第 3 页 共 5 页", "第3页",
    "共5页 第3页", "[打印本页] [关闭窗口]", "【打印】【关闭】", "字号：大 中 小 | 打印 | 关闭",
    "当前位置：首页 > 政务公开 > 政府信息公开年报", "首页 > 政务公开 > 年报",
])
def test_artifact_lines_are_removed(artifact):
    assert clean_text(f"一、概述\n{artifact}\n二、主动公开") == "一、概述\n二、主动公开"


@pytest.mark.parametrize("line", [
    "335", "2018", "1.5", "关闭窗口后请重新打印申请表。", "第3页所列事项已全部办结。", "首页栏目调整为政务公开专题。",
    "PAGE 是页码域", "- 共受理申请1件",
])
def test_real_content_lines_are_kept(line):
    assert clean_text(f"统计数\n{line}\n合计") == f"统计数\n{line}\n合计"


def test_bookmark_marker_removed_inside_a_line():
    assert clean_text("[bookmark: _GoBack]\u00a0\u00a0  本年度报告是根据") == "本年度报告是根据"


def test_whitespace_normalisation():
    raw = "\ufeff  标题\r\n\r\n\r\n\r\n\u3000\u3000正文\u3000内容，Open  Data\u3000Portal。\r\n\t\t统计指标\t\t\t单位\t\t335\t\n"
    assert clean_text(raw) == "标题\n\n正文内容，Open Data Portal。\n统计指标\t单位\t335"


@needs_shared
@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name[:40])
def test_real_reports_keep_every_chinese_character(path):
    [doc] = read_file(path)
    text = clean_text(doc.text)
    assert CJK.findall(text) == CJK.findall(doc.text)
    assert "_GoBack" not in text and not re.search(r"(?m)^(PAGE|— \d+ —)$", text)
    assert "\r" not in text and "\n\n\n" not in text and "\u3000" not in text
    assert not re.search(r"(?m)^[ \t]", text)
    assert clean_text(text) == text


@needs_shared
def test_flattened_statistics_table_keeps_its_numbers():
    tables = [p.read_text("utf-8") for p in SEEDS if "\t" in p.read_text("utf-8")]
    raw = max(tables, key=lambda t: len(re.findall(r"(?m)^\s*\d+\s*$", t)))
    numbers = re.findall(r"(?m)^\s*(\d+)\s*$", raw)
    assert len(numbers) > 5
    assert re.findall(r"(?m)^(\d+)$", clean_text(raw)) == numbers
