"""Regenerate nianbao/indexer/data/postcodes.tsv: postal-code prefix → province / city / county.

Provenance: ``china_region/region.csv`` in the ``china-region`` wheel on PyPI (MIT, version
0.0.11, data of 2019: one representative postal code per county-level division). Names are
resolved to current divisions through ``data/divisions.tsv`` (renamed counties through its
``former_county`` rows); rows that resolve to nothing are dropped.

Chinese postal codes are hierarchical: the first two digits name the province, the first
three or four the postal district (a prefecture city as a rule) and the first four or five the
county office. A prefix is written only where it is reliable in this data: every county whose
code starts with it lies in one city (then ``city`` is set) or in one county (then ``county``
is set too), and at least two counties support a city-level prefix. The extractor looks up the
longest listed prefix of a code, and treats the answer as supporting evidence, not proof.

Usage::

    pip download --no-deps china-region -d /tmp/pk
    python scripts/make_postcodes.py /tmp/pk/china_region-*.whl > nianbao/indexer/data/postcodes.tsv
"""
import csv
import io
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "nianbao" / "indexer" / "data"


def load_counties():
    """(province, county name) → (province, city, county) for current and former names."""
    table = defaultdict(set)
    with open(DATA / "divisions.tsv", encoding="utf-8") as f:
        next(f)
        for line in f:
            kind, _code, name, _short, province, city, county = line.rstrip("\n").split("\t")
            if kind in ("county", "former_county"):
                table[(province, name)].add((province, city, county))
    return table


def main(argv):
    counties = load_counties()
    with zipfile.ZipFile(argv[1]) as wheel:
        rows = list(csv.DictReader(io.StringIO(wheel.read("china_region/region.csv").decode("utf-8"))))
    places = []
    for row in rows:
        code = row["zipCode"].strip()
        found = counties.get((row["province"], row["county"]))
        if len(code) == 6 and code.isdigit() and found and len(found) == 1:
            places.append((code, *next(iter(found))))
    print("prefix\tprovince\tcity\tcounty")
    for length in (2, 3, 4, 5):
        groups = defaultdict(set)
        for code, province, city, county in places:
            groups[code[:length]].add((province, city, county))
        for prefix, members in sorted(groups.items()):
            provinces = {m[0] for m in members}
            cities = {m[1] for m in members}
            if len(provinces) != 1:
                continue
            province = provinces.pop()
            if length == 2:
                print(f"{prefix}\t{province}\t\t")
            elif len(members) == 1 and length >= 5:
                _p, city, county = next(iter(members))
                print(f"{prefix}\t{province}\t{city}\t{county}")
            elif len(cities) == 1 and len(members) >= 2:
                city = cities.pop()
                if city and city != province and "直辖" not in city:
                    print(f"{prefix}\t{province}\t{city}\t")


if __name__ == "__main__":
    main(sys.argv)
