"""Scoring extracted metadata against a hand-labelled folder of report pages.

A labelled folder holds ``*.txt`` files (crawler exports) and ``gold.tsv`` with the columns
``file kind year province city district agency_any level note`` (and optionally ``town``),
following the conventions of ``shared/reports/pages/README.md``. Each field of each file is
scored ``right``, ``wrong`` (a non-null value that is not the labelled one) or ``null``
(nothing extracted where a value was labelled).

Decisions:
- ``-`` (the level does not exist for the body): only null is right; any value is wrong.
- ``?`` (the text does not settle it): null is right and any value is wrong — the labeller
  judged that no value follows from the text, so a value is a guess.
- ``X~`` (only the URL host says it): ``X`` is the expected value.
- ``agency_any`` lists accepted names separated by ``|``; a name is also right when it names
  the same body as an accepted name in a form a labeller accepts (``same_body``): its
  simplified form (traditional-script pages); the same function part after a place chain that
  ends the other's (闽清县人民政府 for 福州市闽清县人民政府, 陆家镇人民政府 for 盘锦市双台子区
  陆家镇人民政府 — 南京市鼓楼区财政局 is not 福州市鼓楼区财政局: neither chain ends the other);
  a place or zone named alone for its government or committee (兰考县 / 兰考县人民政府, 常熟经济
  技术开发区 / 常熟经济技术开发区管委会), 政府 for 人民政府 (县政府 / 县人民政府), and a name without
  its bracketed second name (…临空经济区管理委员会 / …临空经济区(廊坊)管理委员会). Added in round
  four; before it, only the exact and the simplified forms were accepted.
- ``kind``: ``report`` is our ``annual_report``; ``other`` is anything else.
- ``level``: gold ``central`` → ``central``, ``province-*`` → ``province``, ``city-*`` →
  ``city``, ``county-*`` → ``county``, ``town`` → ``town``. A ``zone`` committee is levelled by
  what holds it: ``county`` when the gold names its district, else ``city`` when it names a
  city, else ``province``.
"""
import csv
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from .fold import to_simplified

FIELDS = ("kind", "year", "province", "city", "district", "agency", "level", "town")
_LEVELS = {"central": "central", "province-gov": "province", "province-dept": "province",
           "city-gov": "city", "city-dept": "city", "county-gov": "county", "county-dept": "county",
           "town": "town"}


@dataclass
class Score:
    """Per-field counts of right / wrong / null, and the misses for inspection."""

    counts: dict = field(default_factory=lambda: {f: {"right": 0, "wrong": 0, "null": 0} for f in FIELDS})
    misses: list = field(default_factory=list)  # (file, field, expected, got)
    files: int = 0
    seconds: float = 0.0

    def rate(self, name, outcome="right"):
        """Share of scored files with ``outcome`` for field ``name``."""
        total = sum(self.counts[name].values())
        return self.counts[name][outcome] / total if total else 0.0

    def table(self):
        """The per-field table as text (one line per field)."""
        lines = [f"{'field':9}{'right':>7}{'wrong':>7}{'null':>7}{'right%':>9}{'wrong%':>9}"]
        for name in FIELDS:
            c = self.counts[name]
            if not sum(c.values()):
                continue
            lines.append(f"{name:9}{c['right']:7}{c['wrong']:7}{c['null']:7}"
                         f"{self.rate(name):9.1%}{self.rate(name, 'wrong'):9.1%}")
        return "\n".join(lines)


def _expected_level(row):
    level = row.get("level", "")
    if level != "zone":
        return _LEVELS.get(level, "?")
    district, city = row["district"].rstrip("~"), row["city"].rstrip("~")
    if district not in ("?", "-", ""):
        return "county"
    if city not in ("?", "-", ""):
        return "city"
    return "province"


def _judge(expected, got):
    """right / wrong / null for one plain field (``-``/``?``/``~`` conventions)."""
    expected = expected.strip().rstrip("~")
    if expected in ("-", "?", ""):
        return "right" if got is None else "wrong"
    if got is None:
        return "null"
    return "right" if str(got) == expected else "wrong"


def _judge_agency(accepted, got):
    if accepted.strip() == "?":
        return "right" if got is None else "wrong"
    if got is None:
        return "null"
    names = [a.strip() for a in accepted.split("|") if a.strip()]
    return "right" if got in names or any(same_body(got, name) for name in names) else "wrong"


_GOVERNMENT_END = re.compile(r"(?:人民政府|政府|管理委员会|管委会)$")
# A bracketed second name or place inside a name (…临空经济区(廊坊)管理委员会, 人力资源社会保障部(含
# 国家公务员局)) names the same body; 中国(福建)自由贸易试验区 keeps its bracket.
_BRACKETED = re.compile(r"(?<!中国)[（(][^（）()]{1,12}[)）]")


def _body_key(name):
    """(place chain, function part less a government's suffix) of a simplified name."""
    from .agencies import split_agency

    places, function = split_agency(_BRACKETED.sub("", to_simplified(name)))
    return places, _GOVERNMENT_END.sub("", function)


def same_body(got, accepted):
    """True when ``got`` names the body ``accepted`` names, in another accepted form: simplified,
    with more or fewer places above the same deepest place, or a place or zone alone for its
    government (see the module's decisions). Never across different places or functions."""
    if to_simplified(got) == to_simplified(accepted):
        return True
    (places, function), (other_places, other_function) = _body_key(got), _body_key(accepted)
    if function != other_function or not (function or places):
        return False
    shorter, longer = sorted((places, other_places), key=len)
    if not shorter and longer:
        # An unplaced office (发展和改革委员会) is not a placed one; a town or zone names its place.
        from .agencies import ZONE, is_town

        if not (is_town(function) or ZONE.fullmatch(function)):
            return False
    return longer[len(longer) - len(shorter):] == shorter


def read_gold(folder):
    """The rows of ``folder/gold.tsv`` as dicts."""
    with open(Path(folder) / "gold.tsv", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def score_folder(folder):
    """Extract every file listed in ``folder/gold.tsv`` and score it; returns a Score."""
    from ..extract import extract_file

    score = Score()
    for row in read_gold(folder):
        path = Path(folder) / row["file"]
        if not path.is_file():
            continue
        start = time.perf_counter()
        result = extract_file(str(path))
        score.seconds += time.perf_counter() - start
        report = result[0] if isinstance(result, list) else None
        score.files += 1
        got = {name: getattr(report, name, None) for name in FIELDS}
        if got["kind"] is not None:
            got["kind"] = "report" if got["kind"] == "annual_report" else "other"
        outcomes = {
            "kind": _judge(row["kind"], got["kind"]),
            "year": _judge(row["year"], got["year"]),
            "province": _judge(row["province"], got["province"]),
            "city": _judge(row["city"], got["city"]),
            "district": _judge(row["district"], got["district"]),
            "agency": _judge_agency(row["agency_any"], got["agency"]),
        }
        level = _expected_level(row)
        if level != "?":
            outcomes["level"] = _judge(level, got["level"])
        if "town" in row and row["town"] is not None:
            outcomes["town"] = _judge(row["town"] or "-", got["town"])
        for name, outcome in outcomes.items():
            score.counts[name][outcome] += 1
            if outcome != "right":
                expected = row["agency_any"] if name == "agency" else (
                    level if name == "level" else row[name])
                score.misses.append((row["file"], name, expected, got[name]))
    return score


def main(argv=None):
    """Print the score table of each labelled folder (``--misses``: every miss too)."""
    import argparse

    parser = argparse.ArgumentParser(description="Score extracted metadata against labelled page folders.")
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--misses", action="store_true", help="list every wrong or missing value")
    args = parser.parse_args(argv)
    for folder in args.folders:
        score = score_folder(folder)
        print(f"{folder}: {score.files} files, {score.seconds / max(score.files, 1) * 1000:.1f} ms per file")
        print(score.table())
        if args.misses:
            for file, name, expected, got in sorted(score.misses, key=lambda m: (m[1], m[0])):
                print(f"  {file}\t{name}\texpected {expected}\tgot {got}")


if __name__ == "__main__":
    main()
