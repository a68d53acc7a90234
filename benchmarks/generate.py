"""Generate a large, realistic corpus of annual reports, deterministic for a seed.

    python -m benchmarks.generate --reports 10000 --out bench-out/10k [--seed 1] [--jobs 2]

Each report is published by a body drawn from the national division list
(``nianbao/indexer/data/divisions.tsv``) and a common agency type; its text is recombined from
sentences of the real reports (``benchmarks.sources``) with the body's own names, years
and varied numbers, in the pre-2019 (概述 … 附表) or 2019+ (six parts with their tables)
format by year. The files go under ``DIR/reports/`` (index that folder);
``DIR/manifest.jsonl`` records, per file, what metadata extraction should find: ``path``
(relative to DIR), ``agency``, ``province``, ``city``, ``district``, ``year`` (plus
``title``, ``format``, ``published``). The manifest sits outside ``reports/`` so that
indexing the reports never meets it.

Decisions:
- Reports come in groups of six consecutive years from one body (same agency, rising
  years), as a real crawl of an agency's column does.
- Levels: 10% provincial bodies (厅/委/局 or 人民政府; no city or district), 30% city
  bodies (no district), 60% county-level bodies. A municipality (北京, 上海, 天津, 重庆)
  contributes only its districts, whose city is the municipality itself (as in
  divisions.tsv).
- A county body's published name is ``<city><county><type>`` in 40% of reports and
  ``<county><type>`` otherwise; the manifest records the name as published.
- Before 2019 the emergency-management office is 安全生产监督管理局 (renamed in the 2018
  reform), so the old-name case is exercised.
- File formats (``--formats`` restricts them): txt UTF-8 45% (a third of them with a
  crawler header block), txt GB18030 10%, HTML UTF-8 25%, HTML gb2312-declared 5%,
  docx 15% — crawled columns are mostly page text and saved pages, attachments mostly
  Word files (PDF is left out: its text layer cannot be generated realistically here).
- File names are neutral (``reports/000/000123.txt``) so no extractor can read metadata
  off them; a thousand files per folder.
- Only the corpus and shared sources present when generating are used: the same seed on
  the same sources gives byte-identical files (the pools' sizes are printed).
"""
import argparse
import functools
import json
import multiprocessing
import os
import random
import re
import sys
import time
from pathlib import Path

from . import render, sources, tables

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "reports" / "extracted"
GROUP = 6
FORMATS = (  # (name, extension, share)
    ("txt-utf8", ".txt", 45),
    ("txt-gb18030", ".txt", 10),
    ("html-utf8", ".html", 25),
    ("html-gb2312", ".html", 5),
    ("docx", ".docx", 15),
)
PROVINCE_TYPES = (
    "人民政府", "人民政府办公厅", "教育厅", "财政厅", "应急管理厅", "卫生健康委员会", "科学技术厅",
    "工业和信息化厅", "人力资源和社会保障厅", "生态环境厅", "交通运输厅", "民政厅", "自然资源厅",
    "住房和城乡建设厅", "农业农村厅", "水利厅", "商务厅", "文化和旅游厅", "审计厅", "司法厅",
    "市场监督管理局", "统计局", "机关事务管理局", "发展和改革委员会", "医疗保障局",
)
LOCAL_TYPES = (
    "人民政府", "人民政府办公室", "教育局", "财政局", "应急管理局", "卫生健康委员会", "科学技术局",
    "工业和信息化局", "人力资源和社会保障局", "生态环境局", "交通运输局", "民政局", "自然资源和规划局",
    "住房和城乡建设局", "农业农村局", "水利局", "商务局", "文化和旅游局", "审计局", "司法局",
    "市场监督管理局", "统计局", "机关事务管理局", "发展和改革委员会", "医疗保障局", "退役军人事务局",
)
OLD_NAMES = {"应急管理局": "安全生产监督管理局", "应急管理厅": "安全生产监督管理局"}
TITLES = (
    "{a}{y}年政府信息公开工作年度报告",
    "{a}{y}年度政府信息公开工作年度报告",
    "{a}{y}年度政府信息公开工作报告",
    "{a}{y}年政府信息公开年度报告",
    "{a}关于{y}年度政府信息公开工作的报告",
)
PRE2019_SECTIONS = (  # (section key, heading variants)
    ("overview", ("概述", "总体情况", "基本情况")),
    ("organization", ("组织领导和制度建设情况", "政府信息公开的组织领导和制度建设情况")),
    ("proactive", ("主动公开政府信息情况", "主动公开政府信息的情况")),
    ("requests", ("依申请公开政府信息情况", "依申请公开政府信息和不予公开政府信息情况")),
    ("fees", ("政府信息公开的收费及减免情况", "收费及减免情况")),
    ("review_litigation", ("因政府信息公开申请行政复议、提起行政诉讼的情况", "行政复议和行政诉讼情况")),
    ("confidentiality", ("政府信息公开保密审查及监督检查情况", "保密审查及监督检查情况")),
    ("problems", ("政府信息公开工作存在的主要问题及改进情况", "存在的主要问题及改进措施")),
)
POST2019_SECTIONS = (
    ("overview", "总体情况", None),
    ("proactive", "主动公开政府信息情况", tables.proactive_table),
    ("requests", "收到和处理政府信息公开申请情况", tables.requests_table),
    ("review_litigation", "政府信息公开行政复议、行政诉讼情况", tables.review_table),
    ("problems", "存在的主要问题及改进情况", None),
    ("other_matters", "其他需要报告的事项", None),
)
NUMERALS = "一二三四五六七八九十"
FILL = re.compile(sources.YEAR + r"(.)|\d+(?![\d年月日号])")  # dates and durations kept


@functools.lru_cache(maxsize=4)
def _pools(source_paths):
    """Divisions and sentence pools, cut once per process for the same sources."""
    div = sources.load_divisions()
    return div, sources.build_pools(source_paths, div)


class Generator:
    """Everything shared by all reports of one corpus: divisions, sentence pools, seed."""

    def __init__(self, seed, source_paths, formats=None):
        started = time.perf_counter()
        self.seed = seed
        self.div, self.pools = _pools(tuple(str(p) for p in source_paths))
        chosen = [f for f in FORMATS if formats is None or f[0].split("-")[0] in formats or f[0] in formats]
        if not chosen:
            raise ValueError(f"no known format in {formats}")
        self.formats = chosen
        self.format_weights = [f[2] for f in chosen]
        self.setup_seconds = time.perf_counter() - started

    def body(self, group):
        """The publishing body of a group of reports: names, place and level, from the seed."""
        rng = random.Random(f"{self.seed}:body:{group}")
        level = rng.choices(("province", "city", "county"), (10, 30, 60))[0]
        if level == "province":
            province = rng.choice(self.div.provinces)
            return {"level": level, "province": province, "city": None, "district": None,
                    "place": province, "prefix": province, "type": rng.choice(PROVINCE_TYPES)}
        if level == "city":
            province, city = rng.choice(self.div.cities)
            return {"level": level, "province": province, "city": city, "district": None,
                    "place": city, "prefix": city, "type": rng.choice(LOCAL_TYPES)}
        province, city, county = rng.choice(self.div.counties)
        prefix = city + county if rng.random() < 0.4 and city != province else county
        kind = rng.choice(LOCAL_TYPES)
        return {"level": level, "province": province, "city": city, "district": county,
                "place": county, "prefix": prefix, "type": kind}

    def report(self, i):
        """Report number ``i``: (manifest entry without path, file extension, file bytes)."""
        group = i // GROUP
        body = self.body(group)
        start = random.Random(f"{self.seed}:start:{group}").randint(2008, 2025 - GROUP + 1)
        year = start + i % GROUP
        rng = random.Random(self.seed * 1_000_003 + i)
        kind = OLD_NAMES.get(body["type"], body["type"]) if year < 2019 else body["type"]
        agency = body["prefix"] + kind
        if kind.startswith("人民政府"):
            self_suffix = body["place"][-1]
        else:
            self_suffix = "委" if kind.endswith("委员会") else kind[-1]
        title = rng.choice(TITLES).format(a=agency, y=year)
        published = f"{year + 1}-{rng.randint(1, 3):02d}-{rng.randint(1, 28):02d}"
        size = {"province": 4.0, "city": 2.0, "county": 1.0}[body["level"]] * rng.uniform(0.3, 1.5)
        blocks = self.blocks(rng, year, size)
        y, m, d = published.split("-")
        blocks += [("p", agency), ("p", f"{y}年{int(m)}月{int(d)}日")]
        texts = [c for k, c in blocks if k != "table"]
        filled = self.fill("\n".join(texts), rng, year, agency, body["place"], self_suffix).split("\n")
        it = iter(filled)
        blocks = [(k, c if k == "table" else next(it)) for k, c in blocks]
        name, ext, _share = rng.choices(self.formats, self.format_weights)[0]
        data = self.render(name, rng, title, blocks, body, agency, published)
        entry = {"agency": agency, "province": body["province"], "city": body["city"],
                 "district": body["district"], "year": year, "title": title, "format": name,
                 "published": published}
        return entry, ext, data

    def blocks(self, rng, year, size):
        """Headings, paragraphs and tables of one report, still holding markers."""
        era = "pre2019" if year < 2019 else "post2019"
        blocks = [("p", self.paragraph(rng, era, "preface", 2, 4))]
        if era == "pre2019":
            sections = [s for s in PRE2019_SECTIONS if s[0] != "confidentiality" or rng.random() < 0.6]
            for n, (key, headings) in enumerate(sections):
                blocks.append(("h", f"{NUMERALS[n]}、{rng.choice(headings)}"))
                for _ in range(rng.randint(1, 4) if key in ("overview", "proactive", "problems") else 1):
                    blocks.append(("p", self.paragraph(rng, era, key, 1, 5)))
            blocks.append(("h", f"{NUMERALS[len(sections)]}、附表：政府信息公开情况统计表"))
            blocks.append(("table", tables.pre2019_table(rng, size)))
            return blocks
        for n, (key, heading, table) in enumerate(POST2019_SECTIONS):
            blocks.append(("h", f"{NUMERALS[n]}、{heading}"))
            if table:
                blocks.append(("table", table(rng, size)))
            else:
                for _ in range(rng.randint(2, 6) if key == "overview" else rng.randint(1, 3)):
                    blocks.append(("p", self.paragraph(rng, era, key, 2, 6)))
        return blocks

    def paragraph(self, rng, era, key, low, high):
        """A few sentences of one section type (the overview pool stands in for an empty one)."""
        pool = self.pools.sentences.get((era, key)) or self.pools.sentences[(era, "overview")]
        return "".join(rng.choice(pool) for _ in range(rng.randint(low, high)))

    @staticmethod
    def fill(text, rng, year, agency, place, self_suffix):
        """Replace markers by this report's names and years, and vary every other number."""
        text = text.replace(sources.AGENCY, agency).replace(sources.PLACE, place)
        text = text.replace(sources.SELF, self_suffix)

        def number(m):
            if m.group(1):
                return str(year + ord(m.group(1)) - ord("a") - 9)
            digits = m.group()
            if digits[0] == "0" or len(digits) > 6:
                return digits  # phone numbers, postcodes, codes: kept as written
            n = int(digits)
            return str(int(n / 2 + rng.random() * 1.5 * n)) if n > 1 else digits

        return FILL.sub(number, text)

    @staticmethod
    def render(name, rng, title, blocks, body, agency, published):
        """The file's bytes in format ``name``."""
        if name.startswith("txt"):
            header = None
            if rng.random() < 1 / 3:
                header = {"标题": title, "发布时间": f"{published} 10:00", "来源": agency}
            text = render.render_txt(title, blocks, header)
            return text.encode("gb18030" if name == "txt-gb18030" else "utf-8")
        if name.startswith("html"):
            return render.render_html(title, blocks, body["place"], published, agency,
                                      "gb2312" if name == "html-gb2312" else "utf-8")
        return render.render_docx(title, blocks)


_WORKER = {}


def _init_worker(generator, out):
    _WORKER["gen"], _WORKER["out"] = generator, out


def _write_range(bounds):
    """Write reports [start, stop) and return their manifest lines."""
    gen, out = _WORKER["gen"], _WORKER["out"]
    lines = []
    for i in range(*bounds):
        entry, ext, data = gen.report(i)
        rel = f"reports/{i // 1000:03d}/{i:06d}{ext}"
        path = out / rel
        if i % 1000 == 0 or i == bounds[0]:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        lines.append(json.dumps({"path": rel, **entry}, ensure_ascii=False))
    return lines


def generate(reports, out, seed=1, jobs=1, formats=None, source_paths=None):
    """Write ``reports`` files and ``manifest.jsonl`` under ``out``; return the Generator."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = source_paths or [p for p in (REPO / "corpus", SHARED) if p.exists()]
    gen = Generator(seed, paths, formats)
    chunk = 500
    ranges = [(s, min(s + chunk, reports)) for s in range(0, reports, chunk)]
    with open(out / "manifest.jsonl", "w", encoding="utf-8") as manifest:
        if jobs > 1:
            ctx = multiprocessing.get_context("fork")
            with ctx.Pool(jobs, _init_worker, (gen, out)) as pool:
                for lines in pool.imap(_write_range, ranges):
                    manifest.write("\n".join(lines) + "\n")
        else:
            _init_worker(gen, out)
            for r in ranges:
                manifest.write("\n".join(_write_range(r)) + "\n")
    return gen


def main(argv=None):
    """Command line: ``python -m benchmarks.generate --reports N --out DIR``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, required=True, help="number of reports")
    parser.add_argument("--out", required=True, help="output folder (created)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=1, help="worker processes")
    parser.add_argument("--formats", help="comma-separated subset of txt,html,docx (or txt-utf8, …)")
    args = parser.parse_args(argv)
    formats = set(args.formats.split(",")) if args.formats else None
    t0 = time.perf_counter()
    gen = generate(args.reports, args.out, args.seed, args.jobs, formats)
    took = time.perf_counter() - t0 - gen.setup_seconds
    print(f"sentence pools from {gen.pools.sources} real reports ({gen.setup_seconds:.1f} s):", file=sys.stderr)
    print(gen.pools.summary(), file=sys.stderr)
    size = sum(f.stat().st_size for f in Path(args.out).rglob("*") if f.is_file())
    print(f"{args.reports} reports, {size / 1e6:.1f} MB in {took:.1f} s "
          f"({args.reports / took:.0f} reports/s) -> {os.path.join(args.out, 'manifest.jsonl')}")


if __name__ == "__main__":
    main()
