"""Regenerate nianbao/indexer/data/pinyin.tsv: the spellings of division names in web hosts.

Provenance: the names are those of ``data/divisions.tsv`` (from the JioNLP wheel, see
make_divisions.py); their pinyin is computed with ``pypinyin`` (PyPI, MIT; tested with 0.55),
toneless, heteronyms resolved by pypinyin's phrase dictionary.

One row per (spelling, division name): ``key kind name`` where ``kind`` is
- ``full``: the pinyin of the name without its level suffix (宁海县 → ninghai, 杭州市 → hangzhou),
  and of the whole name where the suffix is commonly spelled (ninghaixian);
- ``initials``: the first letters of each syllable of the stem (宁海 → nh, 五常 → wch uses the
  zh/ch/sh digraphs as well as w-c), which alone name many places (hz: 杭州, 湖州, 惠州 …).

Usage::

    python scripts/make_pinyin.py > nianbao/indexer/data/pinyin.tsv
"""
import re
import sys
from pathlib import Path

from pypinyin import Style, lazy_pinyin

DATA = Path(__file__).resolve().parent.parent / "nianbao" / "indexer" / "data"
SUFFIX = re.compile(r"(?:省|市|自治区|地区|林区|特区|区|县|旗|盟)$")


def stem(name, short):
    """The name without its level suffix: JioNLP's short name (宁海县 → 宁海, 黔东南苗族侗族
    自治州 → 黔东南, 科尔沁右翼前旗 → 科右前旗), else the name less a plain suffix."""
    if short and len(short) >= 2:
        return short
    rest = SUFFIX.sub("", name)
    return rest if len(rest) >= 2 else name


def spellings(name, short=""):
    """(key, kind) pairs for one division name."""
    base = stem(name, short)
    full = "".join(lazy_pinyin(base))
    keys = {(full, "full")}
    if base != name:
        keys.add(("".join(lazy_pinyin(name)), "full"))
    letters = lazy_pinyin(base, style=Style.FIRST_LETTER)
    keys.add(("".join(letters), "initials"))
    digraphs = "".join(s[:2] if s[:2] in ("zh", "ch", "sh") else s[:1] for s in lazy_pinyin(base))
    keys.add((digraphs, "initials"))
    return keys


def main():
    names = {}
    with open(DATA / "divisions.tsv", encoding="utf-8") as f:
        next(f)
        for line in f:
            kind, _code, name, short, *_rest = line.rstrip("\n").split("\t")
            if not kind.startswith("alias") and "直辖" not in name and "行政区划" not in name:
                names.setdefault(name, short)
    print("key\tkind\tname")
    for name in sorted(names):
        for key, kind in sorted(spellings(name, names[name])):
            if len(key) >= 2:
                print(f"{key}\t{kind}\t{name}")


if __name__ == "__main__":
    main()
    sys.exit(0)
