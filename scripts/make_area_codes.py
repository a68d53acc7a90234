"""Regenerate nianbao/indexer/data/area_codes.tsv: landline area code → province and city.

Provenance: ``jionlp/dictionary/landline_phone_area_code.txt`` in the ``jionlp`` wheel on PyPI
(Apache-2.0; tested with 1.5.31), lines like ``0631 山东/威海``. Its short names are resolved to
full official names against ``data/divisions.tsv`` (itself generated from the same wheel by
make_divisions.py): 威海 → 威海市, 海南藏族 → 海南藏族自治州. A code whose city cannot be resolved
to exactly one division keeps only its province.

Caveat kept in mind by the extractor: one code can serve several divisions (0898 is all of
Hainan, 0728 serves 仙桃/潜江/天门), so a code's city is weak evidence on its own.

Usage::

    pip download --no-deps jionlp -d /tmp/jio
    python scripts/make_area_codes.py /tmp/jio/jionlp-*.whl > nianbao/indexer/data/area_codes.tsv
"""
import sys
import zipfile
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "nianbao" / "indexer" / "data"


def load_divisions():
    """(provinces by short name, cities by (province, name prefix))."""
    provinces, cities = {}, []
    with open(DATA / "divisions.tsv", encoding="utf-8") as f:
        next(f)
        for line in f:
            kind, _code, name, short, province, city, _county = line.rstrip("\n").split("\t")
            if kind == "province":
                provinces[short] = name
            elif kind == "city":
                cities.append((province, name, short))
    return provinces, cities


def main(argv):
    provinces, cities = load_divisions()
    with zipfile.ZipFile(argv[1]) as wheel:
        text = wheel.read("jionlp/dictionary/landline_phone_area_code.txt").decode("utf-8")
    print("code\tprovince\tcity")
    for line in text.splitlines():
        parts = line.split()
        if len(parts) != 2 or "/" not in parts[1]:
            continue
        code, (prov_short, city_short) = parts[0], parts[1].split("/", 1)
        province = provinces.get(prov_short)
        if province is None:
            continue
        matches = {name for p, name, short in cities
                   if p == province and (name.startswith(city_short) or short == city_short)}
        if province == provinces.get(city_short):  # 北京/北京: a municipality, no city level
            matches = set()
        city = matches.pop() if len(matches) == 1 else ""
        print(f"{code}\t{province}\t{city}")


if __name__ == "__main__":
    main(sys.argv)
