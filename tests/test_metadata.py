"""Metadata on the seeds and the real reports in ../shared/reports, through the full chain."""
import csv
from pathlib import Path

import pytest

from nianbao.indexer.extract import extract_file
from nianbao.indexer.metadata import KINDS, find_kind, find_published, find_title, find_year

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"
REPORTS = SHARED / "reports"
needs_shared = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared is absent")


def seed(prefix):
    path = next(SEEDS.glob(prefix + "_*.txt"))
    reports = extract_file(str(path))
    assert isinstance(reports, list), reports
    return reports[0]


def fields(report):
    return (report.agency, report.agency_type, report.province, report.city, report.district, report.year)


@needs_shared
def test_seed_000_abbreviated_agency_takes_fullest_published_name():
    report = seed("000")
    assert report.title == "2017年度环翠区安监局信息公开工作年度报告"
    assert fields(report) == ("威海市环翠区安监局", "应急管理", "山东省", "威海市", "环翠区", 2017)
    assert report.kind == "annual_report"


@needs_shared
def test_seed_001_agency_only_in_signature():
    report = seed("001")
    assert fields(report) == ("昌邑区机关事务管理局", "机关事务管理", "吉林省", "吉林市", "昌邑区", 2017)
    assert report.published == "2018-01-17"


@needs_shared
def test_seed_002_003_004():
    assert fields(seed("002")) == ("张店区应急管理局", "应急管理", "山东省", "淄博市", "张店区", 2017)
    report = seed("003")
    assert fields(report) == ("环翠区工业和信息化局", "工业和信息化", "山东省", "威海市", "环翠区", 2018)
    assert report.published == "2019-03-15"  # 填报日期
    report = seed("004")
    assert fields(report) == ("威海市环翠区应急管理局", "应急管理", "山东省", "威海市", "环翠区", 2020)
    assert report.published == "2021-01-20"


def test_title_from_heading_lines_and_truncated_header():
    text = "2017年度环翠区安监局\n信息公开工作年度报告\n\n根据《条例》……"
    assert find_title(text, {}) == "2017年度环翠区安监局信息公开工作年度报告"
    body = "正文……附件：河北省科学技术厅2023年政府信息公开工作年度报告.doc"
    assert find_title(body, {"title": "河北省科学技术厅2023年政府信息公开工作年度报..."}) == \
        "河北省科学技术厅2023年政府信息公开工作年度报告"


def test_year_is_the_reported_year():
    assert find_year("二〇一七年政府信息公开工作年度报告", "") == 2017
    assert find_year("信息公开年报", "本报告的统计数据时限为2015年1月1日至2015年12月31日。") == 2015
    # Years in book titles name other documents.
    assert find_year(None, "根据《2016年政务公开工作要点》，现将上一年度情况报告如下。", "2017-02-01") == 2016
    assert find_year(None, "根据《2016年政务公开工作要点》开展工作。") is None


@pytest.mark.parametrize("text, url, kind, expected", [
    ("《条例》实施以来，我局认真贯彻《条例》精神。2008年主要工作情况如下。", "", "annual_report", 2008),
    ("2009年年报根据《条例》编制，由概述、主动公开政府信息情况组成。", "", "annual_report", 2009),
    # A year named once and alone, confirmed by a date in the first half of the next year
    # (the address, or the date the page starts with); a later repost confirms nothing.
    ("一、总体情况\n2022年共收到8项依申请公开。", "http://xxgk.siping.gov.cn/ndbg/202301/t20230103_1.html",
     "annual_report", 2022),
    ("2019年3月26日本年度报告由管委会编制。二、主动公开\n管委会2018年共公开信息276条。", "", "annual_report", 2018),
    ("一、总体情况\n2022年共收到8项依申请公开。", "http://www.kzrd.com/news/HTML_M/202502/2026.html",
     "annual_report", None),
    ("一、总体情况\n2022年共收到8项依申请公开。", "", "annual_report", None),
    # A notice's own document number gives its year; numbers it cites do not.
    ("海南省人民政府办公厅关于印发制度的通知\n(琼府办〔2011〕214号)\n各市、县人民政府：", "", "other", 2011),
    ("各市、县人民政府：根据《通知》(国办发〔2019〕54号)要求", "", "other", None),
])
def test_year_without_a_title(text, url, kind, expected):
    assert find_year(None, text, None, kind, url) == expected


def test_published_prefers_signature_over_header():
    text = "……进一步改进。\n河北省教育厅\n2014年1月16日"
    assert find_published(text, {"date": "2014年01月07日"}) == "2014-01-16"
    assert find_published("没有落款。", {"date": "2018-01-29 14:30:00"}) == "2018-01-29"
    assert find_published("力争于2019年3月31日前完成。", {}) is None


def test_kinds():
    assert list(KINDS) == ["annual_report", "statistics_table", "other"]
    assert find_kind("河北省工业和信息化厅2020年法治政府建设情况", "") == "other"
    assert find_kind("政府信息公开情况统计表（ 2018年度）", "") == "statistics_table"
    assert find_kind("关于印发《社会保险经办规程》的通知", "各市人力资源和社会保障局：") == "other"
    # A page-2 fragment under a navigation list (- 政策解读) is still a report.
    fragment = "- 政策解读\n- 经济发展\n二、主动公开政府信息的情况\n各政府机关按照《条例》规定，主动公开政府信息。"
    assert find_kind(None, fragment) == "annual_report"
    assert find_kind(None, "关于做好政务公开工作的解读\n一、起草背景") == "other"


def index_rows():
    with open(REPORTS / "INDEX.tsv", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


@pytest.mark.skipif(not (REPORTS / "INDEX.tsv").is_file(), reason="../shared/reports is absent")
def test_accuracy_on_real_reports():
    """Per-field accuracy over every document in INDEX.tsv, read from its raw file."""
    kinds = {"annual_report": "annual_report", "annual_report_stats_table_only": "statistics_table"}
    cache, results = {}, []
    for row in index_rows():
        raw = str(REPORTS / row["raw_file"])
        reports = cache.setdefault(raw, extract_file(raw))
        assert isinstance(reports, list), reports
        suffix = "#row" + row["row"] if row["row"] else ""
        (report,) = [r for r in reports if r.path.endswith(suffix)] if suffix else reports
        results.append((row, report, kinds.get(row["kind"], "other")))
    n = len(results)
    agency = sum(r.agency == row["agency"] for row, r, _ in results) / n
    year = sum(r.year == int(row["year"]) for row, r, _ in results) / n
    province = sum(r.province == row["province"] for row, r, _ in results) / n
    kind = sum(r.kind == want for _, r, want in results) / n
    print(f"\n{n} documents: agency {agency:.1%} year {year:.1%} province {province:.1%} kind {kind:.1%}")
    assert agency >= 0.95
    assert year == 1.0
    assert kind == 1.0
    # Never a wrong province; None only where the document names no place at all.
    assert all(r.province in (row["province"], None) for row, r, _ in results)
    for row, r, _ in results:
        if r.province is None:
            assert "省" not in r.text and row["province"][:2] not in r.text
    assert province >= 0.98


def test_statistics_yearbook_notice_is_not_an_annual_report():
    title = "关于印发《2020年河北省人力资源和社会保障事业发展统计年报》的通知"
    assert find_kind(title, "各市人力资源社会保障局：现将统计年报印发给你们。") == "other"


@pytest.mark.parametrize("title, published, kind, expected", [
    ("关于印发人力资源服务业创新发展行动计划（2023-2025年）的通知", "2022-12-05", "other", None),
    ("河北省教育厅2023年政府信息公开工作年度报告", "2024-01-29", "annual_report", 2023),
    ("河北省教育厅2023年政府信息公开工作年度报告", "2022-01-29", "annual_report", 2023),
    ("河北省教育厅2023年政府信息公开工作年度报告", None, "annual_report", 2023),
])
def test_year_of_other_documents_never_after_publication(title, published, kind, expected):
    assert find_year(title, "", published, kind) == expected


def test_published_from_the_page_date_line():
    text = "天门市彭市镇2022年政府信息公开工作年度报告\n发布时间:2023-01-10 17:27 来源:彭市镇人民政府\n正文。"
    assert find_published(text, {}) == "2023-01-10"
    # What the document says comes first.
    assert find_published(text + "\n彭市镇人民政府\n2023年1月9日", {}) == "2023-01-09"


def test_dates_before_the_regulation_are_not_publication_dates():
    text = "某某局2020年政府信息公开工作年度报告\n正文。\n某某局\n1973年3月28日"
    assert find_published(text, {"date": "2021-03-28 10:00"}) == "2021-03-28"


@pytest.mark.parametrize("listed, body, expected", [
    ("河北省科学技术厅2022年政府信息公开工作年度报...", "根据《条例》规定，发布本年度报告。",
     "河北省科学技术厅2022年政府信息公开工作年度报告"),
    ("某某局2022年政府信息公开工作...", "根据《条例》规定，发布本年度报告。", "某某局2022年政府信息公开工作..."),
])
def test_title_cut_by_a_listing_page(listed, body, expected):
    assert find_title(body, {"title": listed}) == expected
