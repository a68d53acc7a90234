"""Sentence pools cut from real reports, one pool per (report format, section type).

The real reports in ``corpus/`` and ``../shared/reports/extracted`` are read with
``indexer.extract`` (so the text is nianbao's clean text), split at their top-level
headings (一、 二、 …), each heading classified into a section type by keywords, and
each section's body split into sentences (。！？；).

Sentences become templates: place names, agency names and self-references (我局, 本区)
are replaced by markers, and years by a marker holding the offset from the source
report's year, so that a generated report names its own agency, place and years
consistently and nothing of the source's identity leaks into it. Sentences that still
name the source's place after substitution (a short name such as 平潭 used alone) are
dropped.

Decisions: the section classifier here is deliberately independent of
``indexer.sections`` (the generator must not share the blind spots of the code it
benchmarks); a sentence must be 8-300 characters long, end with 。！？ or ；, contain at
most three whitespace runs (more means a flattened table), no URL or e-mail, and balanced
《》（）“” (an unbalanced one is a fragment of a line broken mid-sentence, as PDF text is).
"""
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from nianbao.indexer.extract import ExtractError, extract_paths

DIVISIONS = Path(__file__).resolve().parents[1] / "nianbao" / "indexer" / "data" / "divisions.tsv"

# Markers in sentence templates (control characters never occur in clean text).
AGENCY = "\x01"
PLACE = "\x03"
SELF = "\x05"  # the suffix of 我局/本区…: 局, 厅, 委, 区, 县, 市, 省
YEAR = "\x04"  # followed by one character: chr(ord("a") + 9 + offset)

# Section types, checked in this order (the first keyword found wins, so that
# 因政府信息公开申请行政复议 is review_litigation, not requests).
SECTION_KEYWORDS = (
    ("review_litigation", ("复议", "诉讼")),
    ("fees", ("收费",)),
    ("confidentiality", ("保密", "监督检查")),
    ("problems", ("问题", "改进")),
    ("other_matters", ("其他需要报告", "其他事项")),
    ("statistics", ("统计表", "附表")),
    ("requests", ("依申请", "申请")),
    ("proactive", ("主动公开",)),
    ("organization", ("组织", "制度建设", "机构")),
    ("overview", ("概述", "总体情况", "基本情况")),
)
HEADING = re.compile(r"(?:^|(?<=\s))([一二三四五六七八九十]{1,3})、\s*([^\s。；]{2,40})")
SENTENCE = re.compile(r"[^。！？；\n]*[。！？；]")
WHITESPACE_RUN = re.compile(r"\s+")
REJECT = re.compile(r"https?:|www\.|@|\.(?:com|cn)\b", re.I)
PAIRS = (("《", "》"), ("（", "）"), ("“", "”"), ("(", ")"))
YEAR_NUMBER = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
TITLE_YEAR = re.compile(r"((?:19|20)\d\d)\s*年度?(?:政府)?信息公开")
ANY_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
SELF_REF = re.compile(r"(?<=[我本])[局厅委区县市省](?![域内级划])")
# Agency types that follow a place name; 政府 must not start 政府信息.
AGENCY_AFTER_PLACE = re.compile(
    r"[\u4e00-\u9fff]{0,10}?(?:人民政府办公[室厅]|人民政府|管委会|管理委员会|委员会|厅|局|政府(?!信息))"
)
ZONE_SUFFIX = re.compile(r"综合实验区|经济技术开发区|高新技术产业开发区|经济开发区|开发区|实验区|新区")
PLACE_SUFFIXES = "省市区县旗州盟"


@dataclass
class Divisions:
    """The national division list, as the generator needs it."""

    provinces: list = field(default_factory=list)  # names
    cities: list = field(default_factory=list)  # (province, city)
    counties: list = field(default_factory=list)  # (province, city, county)
    names: set = field(default_factory=set)  # every full name, former names included
    shorts: dict = field(default_factory=dict)  # full name -> short name
    max_len: int = 0


def load_divisions(path=DIVISIONS):
    """Read divisions.tsv; skip HK/Macau/Taiwan and the 省直辖 pseudo-cities."""
    div = Divisions()
    skip = ("香港", "澳门", "台湾")
    municipalities = set()
    rows = Path(path).read_text("utf-8").splitlines()[1:]
    for line in rows:
        kind, _code, name, short, province, city, county = line.split("\t")
        if province.startswith(skip):
            continue
        div.names.add(name)
        if short and len(short) >= 2:
            div.shorts[name] = short
        if kind == "province":
            div.provinces.append(name)
        elif kind == "city":
            if name == province:
                municipalities.add(name)
            elif "直辖" not in name:
                div.cities.append((province, name))
        elif kind == "county" and "直辖" not in city:
            div.counties.append((province, city, name))
    # A municipality's departments are city and province at once: only its districts are used.
    div.provinces = [p for p in div.provinces if p not in municipalities]
    div.max_len = max(len(n) for n in div.names)
    return div


def find_places(text, div):
    """Return (start, end) spans of place names: division names, chained (威海市环翠区), and zones."""
    spans = []
    for m in re.finditer(f"[{PLACE_SUFFIXES}]", text):
        end = m.end()
        for length in range(min(div.max_len, end), 1, -1):
            if text[end - length:end] in div.names:
                spans.append((end - length, end))
                break
    shorts = {s for s in div.shorts.values()}
    for m in ZONE_SUFFIX.finditer(text):
        for start in range(max(0, m.start() - 6), m.start()):
            if text[start:start + 2] in shorts or text[start:start + 3] in shorts:
                spans.append((start, m.end()))
                break
    spans.sort()
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:  # overlapping or adjacent: one place
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def templatize(text, div, year):
    """Replace places, agencies, self-references and years in ``text`` by markers."""
    out = []
    pos = 0
    for start, end in find_places(text, div):
        if start < pos:
            continue
        out.append(text[pos:start])
        m = AGENCY_AFTER_PLACE.match(text, end)
        if m and m.end() > end:
            out.append(AGENCY)
            pos = m.end()
        else:
            out.append(PLACE)
            pos = end
    out.append(text[pos:])
    result = SELF_REF.sub(SELF, "".join(out))

    def shift(m):
        offset = int(m.group(1)) - year
        return YEAR + chr(ord("a") + 9 + offset) if -9 <= offset <= 9 else m.group(1)

    return YEAR_NUMBER.sub(shift, result)


def source_year(report):
    """The year a source report is about: its title's, else the body's most frequent."""
    for text in (report.title or "", report.text[:400]):
        m = TITLE_YEAR.search(text)
        if m:
            return int(m.group(1))
    counts = Counter(ANY_YEAR.findall(report.text))
    return int(counts.most_common(1)[0][0]) if counts else None


def classify(heading):
    """Section type of a top-level heading, or None."""
    for key, words in SECTION_KEYWORDS:
        if any(w in heading for w in words):
            return key
    return None


def sentences(text):
    """Usable sentences of a section body."""
    for line in text.splitlines():
        for m in SENTENCE.finditer(line):
            s = m.group().strip()
            if 8 <= len(s) <= 300 and len(WHITESPACE_RUN.findall(s)) <= 3 and not REJECT.search(s) \
                    and balanced(s):
                yield s


def balanced(s):
    """True when brackets and quotes pair up (a fragment cut mid-line does not)."""
    for open_, close in PAIRS:
        depth = 0
        for ch in s:
            if ch == open_:
                depth += 1
            elif ch == close:
                depth -= 1
                if depth < 0:
                    return False
        if depth:
            return False
    return True


@dataclass
class Pools:
    """Sentence templates per (era, section key); era is 'pre2019' or 'post2019'."""

    sentences: dict = field(default_factory=lambda: defaultdict(list))
    sources: int = 0

    def summary(self):
        """One line per pool: era, key, number of sentences."""
        return "\n".join(f"{era}\t{key}\t{len(v)}" for (era, key), v in sorted(self.sentences.items()))


def build_pools(paths, div):
    """Cut every report under ``paths`` into sentence templates."""
    pools = Pools()
    seen = set()
    for report in extract_paths([str(p) for p in paths]):
        if isinstance(report, ExtractError) or report.kind != "annual_report":
            continue
        year = source_year(report)
        if year is None:
            continue
        era = "pre2019" if year < 2019 else "post2019"
        text = report.text
        heads = list(HEADING.finditer(text))
        if len(heads) < 3:
            continue
        pools.sources += 1
        home = {div.shorts[n] for s, e in find_places(text, div) for n in [text[s:e]] if n in div.shorts}
        bounds = [(None, "preface", 0, heads[0].start())]
        for i, h in enumerate(heads):
            end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
            bounds.append((h, classify(h.group(2)), h.end(), end))
        for _h, key, start, end in bounds:
            if key is None or key == "statistics":
                continue  # tables are generated, not recombined
            for s in sentences(text[start:end]):
                t = templatize(s, div, year)
                if t in seen or any(short in t for short in home):
                    continue
                seen.add(t)
                pools.sentences[(era, key)].append(t)
    return pools
