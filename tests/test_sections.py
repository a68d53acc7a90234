"""Section splitting on the seeds and the real reports in ../shared/reports."""
import csv
import re
from pathlib import Path

import pytest

from nianbao.indexer.sections import TAXONOMY, classify_heading, split_sections

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"
REPORTS = SHARED / "reports"

needs_shared = pytest.mark.skipif(not REPORTS.is_dir(), reason="../shared/reports is absent")


def body_of(raw):
    """The page text of a shared report: after `==== 正文 ====` or a crawler header block."""
    if "==== 正文 ====" in raw:
        return raw.split("==== 正文 ====", 1)[1].split("\n", 1)[1]
    if raw.startswith("标题:") and "\n\n" in raw:
        return raw.split("\n\n", 1)[1]
    return raw


def shared_reports():
    """(title, year, era, kind, text) for every document listed in INDEX.tsv."""
    if not REPORTS.is_dir():
        return []
    with open(REPORTS / "INDEX.tsv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [(r["title"], r["year"], r["format_era"], r["kind"],
             body_of((REPORTS / r["extracted"]).read_text(encoding="utf-8")).strip())
            for r in rows]


REPORT_LIST = shared_reports()
REPORT_IDS = [f"{title}-{year}" for title, year, *_ in REPORT_LIST]


def seed_text(prefix):
    """The text of the seed whose file name starts with ``prefix``."""
    path = next(SEEDS.glob(prefix + "_*.txt"), None)
    if path is None:
        pytest.skip("../shared/seeds is absent")
    return path.read_text(encoding="utf-8-sig")


# Expected top-level keys, read from the documents' own headings.
SEED_KEYS = {
    # 一、概述 / 二、政府信息公开情况 (disclosure figures) / 三、存在的主要问题和改进措施
    "000": ["preface", "overview", "proactive", "problems"],
    # 一、…基本情况 二、围绕上级工作推进… 三、主动公开 四、依申请 五、收费 六、复议诉讼 七、问题
    "001": ["preface", "overview", "key_areas", "proactive", "requests", "fees",
            "review_litigation", "problems"],
    # 一、概 述 … 十、所属事业单位… 十一、存在的主要问题和改进措施
    "002": ["preface", "overview", "organization", "interpretation", "key_areas", "proactive",
            "requests", "fees", "review_litigation", "confidentiality", "other_matters",
            "problems"],
    # 二 and 八 stand unnumbered (组织领导和制度建设情况, 建议和提案公开情况); 附件 统计表 at the end,
    # whose table rows are numbered 一、…十四、 again.
    "003": ["preface", "overview", "organization", "proactive", "interpretation", "requests",
            "fees", "review_litigation", "other_matters", "confidentiality", "problems",
            "statistics"],
    # 2020 format; 主动公开政府信息情况 under 一、 is a subsection, 其他需要报告的事项 stands for 六、
    "004": ["preface", "overview", "proactive", "requests", "review_litigation", "problems",
            "other_matters"],
}


def assert_well_formed(text, sections):
    """Contiguous, covering the text, each starting with its heading, keys and labels valid."""
    assert sections, "no sections"
    assert sections[0].start == 0 and sections[-1].end == len(text)
    for before, after in zip(sections, sections[1:]):
        assert before.end == after.start
    for section in sections:
        assert section.start < section.end
        assert section.key in TAXONOMY and section.label == TAXONOMY[section.key]
        body = text[section.start:section.end]
        if section.key == "preface":  # its "heading" is its first line (the title, if any)
            body = body.lstrip()
        else:
            assert section.heading
        assert body.startswith(section.heading)


def one_line(text):
    """A crawl-style variant: every line stripped and joined by two full-width spaces."""
    return "\u3000\u3000".join(line.strip() for line in text.splitlines() if line.strip())


@pytest.mark.parametrize("prefix", sorted(SEED_KEYS))
def test_seed_section_keys(prefix):
    text = seed_text(prefix)
    sections = split_sections(text)
    assert_well_formed(text, sections)
    assert [s.key for s in sections] == SEED_KEYS[prefix]


@pytest.mark.parametrize("prefix", sorted(SEED_KEYS))
def test_seed_normalised_whitespace_same_keys(prefix):
    """What the cleaner may hand over (lines stripped, blank lines dropped) splits the same."""
    text = "\n".join(line.strip() for line in seed_text(prefix).splitlines() if line.strip())
    sections = split_sections(text)
    assert_well_formed(text, sections)
    assert [s.key for s in sections] == SEED_KEYS[prefix]


@pytest.mark.parametrize("prefix", ["000", "001", "002"])
def test_seed_on_one_line_like_a_crawl(prefix):
    """Headings after `。` + full-width spaces inside one long line are still found."""
    text = one_line(seed_text(prefix))
    sections = split_sections(text)
    assert_well_formed(text, sections)
    assert [s.key for s in sections] == SEED_KEYS[prefix]


def test_seed_004_subsection_line_does_not_split():
    text = seed_text("004")
    sections = split_sections(text)
    overview = next(s for s in sections if s.key == "overview")
    # The unnumbered 主动公开政府信息情况 line and the 监督保障情况 line stay inside 总体情况.
    assert "主动公开政府信息情况\n" in text[overview.start:overview.end]
    assert "监督保障情况" in text[overview.start:overview.end]
    # …情况。在政策法规方面… is a sentence, not a heading.
    assert not any(s.heading.startswith("发布解读回应") for s in sections)


def test_seed_003_statistics_table_numbering_is_not_top_level():
    text = seed_text("003")
    sections = split_sections(text)
    stats = sections[-1]
    assert stats.key == "statistics" and stats.heading.startswith("附件")
    assert "十四、政府信息公开会议和培训情况" in text[stats.start:stats.end]


@pytest.mark.parametrize("heading, key", [
    ("一、概述", "overview"),
    ("一、 概 述", "overview"),
    ("一、总体情况", "overview"),
    ("一、本年度政府信息公开工作基本情况", "overview"),
    ("二、政府信息公开的组织领导和制度建设情况", "organization"),
    ("组织领导和制度建设情况", "organization"),
    ("二、主动公开政府信息情况", "proactive"),
    ("五、主动公开政府信息情况及公开平台建设情况", "proactive"),
    ("三、发布解读、回应社会关切以及互动交流情况", "interpretation"),
    ("四、政策公开及解读、回应社会关切及互动交流情况", "interpretation"),
    ("四、重点领域政府信息公开工作推进情况", "key_areas"),
    ("三、收到和处理政府信息公开申请情况", "requests"),
    ("四、依申请公开政府信息和不予公开政府信息情况", "requests"),
    ("六、政府信息公开申请的办理情况", "requests"),
    ("五、政府信息公开的收费及减免情况", "fees"),
    ("四、政府信息公开行政复议、行政诉讼情况", "review_litigation"),
    ("六、因政府信息公开申请行政复议、提起行政诉讼情况", "review_litigation"),
    ("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况", "review_litigation"),
    ("九、政府信息公开保密审查及监督检查情况", "confidentiality"),
    ("五、存在的主要问题及改进情况", "problems"),
    ("十、存在的主要问题及下一步工作安排", "problems"),
    ("六、其他需要报告的事项", "other_matters"),
    ("十、所属事业单位信息公开推进措施和落实情况", "other_matters"),
    ("建议和提案公开情况", "other_matters"),
    ("附件：2018年度政府信息公开工作情况统计表", "statistics"),
    ("七、平潭综合实验区政府信息公开情况统计表", "statistics"),
    ("四、审批事项及处理情况", "other"),
    ("二、严格规范公正文明执法", "other"),
])
def test_classify_heading(heading, key):
    assert classify_heading(heading) == key


@needs_shared
@pytest.mark.parametrize("title, year, era, kind, text", REPORT_LIST, ids=REPORT_IDS)
def test_shared_sections_well_formed(title, year, era, kind, text):
    assert_well_formed(text, split_sections(text))


# The six parts of the 2019+ format, and how to tell from the text that a report has each.
SIX_PARTS = [
    ("overview", "(?:总体|基本)情况"),
    ("proactive", "主动公开政府信息情况"),
    ("requests", "收到和处理政府信息公开申请情况"),
    ("review_litigation", "复议"),
    ("problems", "存在的主要问题"),
    ("other_matters", "其他需要报告的事项"),
]
POST_2019 = [r for r in REPORT_LIST if r[2] == "post-2019" and r[3] == "annual_report"]


@needs_shared
@pytest.mark.parametrize("title, year, era, kind, text", POST_2019,
                         ids=[f"{t}-{y}" for t, y, *_ in POST_2019])
def test_post_2019_six_parts_in_order(title, year, era, kind, text):
    # A part is expected when the text numbers it (一、…六、); a few crawled pages omit one.
    expected = [key for key, words in SIX_PARTS
                if re.search("[一二三四五六]、[^。]{0,16}" + words, text)]
    assert len(expected) >= 4
    keys = [s.key for s in split_sections(text)]
    assert [k for k in keys if k in dict(SIX_PARTS)] == expected


PRE_2019 = [r for r in REPORT_LIST if r[2] == "pre-2019" and r[3] == "annual_report"]


# Older-format parts: the key a numbered heading with these words must give.
OLDER_PARTS = [
    ("overview", "概述|基本情况"),
    ("proactive", "主动公开政府信息情况"),
    ("requests", "依申请公开"),
    ("fees", "收费及减免"),
    ("review_litigation", "复议"),
    ("problems", "主要问题|存在的问题"),
    ("statistics", "统计表"),
]


@needs_shared
@pytest.mark.parametrize("title, year, era, kind, text", PRE_2019,
                         ids=[f"{t}-{y}" for t, y, *_ in PRE_2019])
def test_pre_2019_expected_parts(title, year, era, kind, text):
    keys = [s.key for s in split_sections(text)]
    expected = [key for key, words in OLDER_PARTS
                if re.search("[一二三四五六七八九十]、[^。]{0,20}(?:%s)" % words, text)]
    assert expected
    for key in expected:
        assert key in keys
    if "statistics" in expected:
        assert keys[-1] == "statistics"


INTRO_RE = re.compile(r"本(?:年度)?报告[^。]{0,20}由[^。]*(?:组成|构成|部分)")
WITH_INTRO = [r for r in REPORT_LIST if INTRO_RE.search(r[4])]


@needs_shared
@pytest.mark.parametrize("title, year, era, kind, text", WITH_INTRO,
                         ids=[f"{t}-{y}" for t, y, *_ in WITH_INTRO])
def test_intro_listing_the_parts_is_not_split(title, year, era, kind, text):
    listing = INTRO_RE.search(text)
    starts = [s.start for s in split_sections(text)]
    assert not [p for p in starts if listing.start() < p < listing.end()]


@pytest.mark.parametrize("prefix", ["000", "001", "004"])
def test_seed_intro_listing_the_parts_is_not_split(prefix):
    text = seed_text(prefix)
    listing = INTRO_RE.search(text)
    assert listing
    sections = split_sections(text)
    assert sections[0].key == "preface" and sections[0].end > listing.end()


@needs_shared
def test_statistics_table_alone_is_one_statistics_section():
    tables = [r for r in REPORT_LIST if r[3] == "annual_report_stats_table_only"]
    assert tables
    for *_, text in tables:
        sections = split_sections(text)
        assert [s.key for s in sections] == ["statistics"]


@needs_shared
def test_statistics_appendix_recognised_in_older_reports():
    with_table = [r for r in PRE_2019 if re.search("[一二三四五六七八九十]、[^。]{0,20}统计表", r[4])]
    assert len(with_table) >= 3
    for *_, text in with_table:
        last = split_sections(text)[-1]
        assert last.key == "statistics" and "统计表" in last.heading


def test_empty_and_headingless_text():
    assert split_sections("") == []
    text = "本单位2020年未开展相关工作。"
    sections = split_sections(text)
    assert [(s.key, s.start, s.end) for s in sections] == [("preface", 0, len(text))]


def test_second_level_used_only_without_first_level():
    text = ("某局2021年政府信息公开年度报告\n（一）主动公开情况\n全年公开信息10条。\n"
            "（二）依申请公开情况\n未收到申请。\n（三）存在的主要问题\n宣传不够。\n")
    assert [s.key for s in split_sections(text)] == ["preface", "proactive", "requests", "problems"]
    text2 = "报告\n一、总体情况\n（一）主动公开情况\n内容。\n二、存在的主要问题\n问题。\n"
    assert [s.key for s in split_sections(text2)] == ["preface", "overview", "problems"]
