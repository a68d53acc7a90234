"""Regenerate nianbao/indexer/data/divisions.tsv and towns.tsv from the JioNLP wheel.

Provenance: the national administrative-division list (province / prefecture / county /
township levels, with adcodes, short names and the renaming history) ships inside the
``jionlp`` wheel on PyPI (Apache-2.0): ``jionlp/dictionary/china_location.zip`` and
``jionlp/dictionary/china_location_change.txt``. Tested with jionlp 1.5.31. We copy what
metadata resolution needs, so the project does not depend on jionlp at run time.

divisions.tsv rows (``kind adcode name short province city county``):
- ``province`` / ``city`` / ``county``: the current divisions;
- ``former_city`` / ``former_county``: names from the renaming history, resolved to the
  division that took them over;
- ``alias_city`` / ``alias_county``: the short forms official texts use for autonomous
  divisions, built from JioNLP's short name: 黔东南州 (short + 州) for a 自治州, 石柱县 for a
  自治县, and JioNLP's own short name where it is a complete name (科右前旗).

renamings.tsv rows (``name province city county until``): each former name with the division
that took it over and the date of the change (YYYY-MM-DD), so that a report can be placed in
the division as it stood in its year.

towns.tsv rows (``name county_adcode``): every township-level unit (乡, 镇, 街道, 苏木 …)
with the adcode of the county that holds it (a divisions.tsv ``county`` row). Town names repeat across the country; the table is only used
to find the candidates of a name.

Usage::

    pip download --no-deps jionlp -d /tmp/jio
    python scripts/make_divisions.py /tmp/jio/jionlp-*.whl nianbao/indexer/data
"""
import io
import os
import sys
import zipfile


def _read(wheel_path):
    with zipfile.ZipFile(wheel_path) as wheel:
        inner = zipfile.ZipFile(io.BytesIO(wheel.read("jionlp/dictionary/china_location.zip")))
        text = inner.read("china_location.txt").decode("utf-8")
        changes = wheel.read("jionlp/dictionary/china_location_change.txt").decode("utf-8")
    return text, changes


def _aliases(kind, name, short):
    """Short official forms of an autonomous division's name."""
    # JioNLP keeps the level word in a short name whose stem alone is taken (海南州, 河南县, 塔县).
    if kind == "city" and name.endswith("自治州") and short:
        return [short if short.endswith("州") else short + "州"]
    if kind == "county" and name.endswith("自治县") and short:
        return [short if short.endswith("县") else short + "县"]
    if kind == "county" and name.endswith("旗") and short.endswith("旗") and short != name:
        return [short]
    return []


def rows_from_wheel(wheel_path):
    """Yield (table, row) pairs: table is ``divisions`` or ``towns``."""
    text, changes = _read(wheel_path)
    province = city = county = county_code = None
    outside = False
    for line in text.splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        parts = line.strip("\t\r ").split("\t")
        name = parts[0]
        if depth == 0:
            # Reports come from the mainland: Taiwan (71), Hong Kong (81) and Macao (82) are left out.
            outside = len(parts) > 1 and parts[1][:2] in ("71", "81", "82")
        if outside:
            continue
        if depth == 3:
            if county_code:
                yield "towns", (name, county_code)
            continue
        if depth > 3 or len(parts) < 3:
            continue
        code, short = parts[1], parts[2]
        if depth == 0:
            province, city, county_code = name, None, None
            yield "divisions", ("province", code, name, short, name, "", "")
        elif depth == 1:
            city, county_code = name, None
            yield "divisions", ("city", code, name, short, province, name, "")
            for alias in _aliases("city", name, short):
                yield "divisions", ("alias_city", code, alias, short, province, name, "")
        else:
            county_code = code
            yield "divisions", ("county", code, name, short, province, city, name)
            for alias in _aliases("county", name, short):
                yield "divisions", ("alias_county", code, alias, short, province, city, name)
    # Renamed or merged divisions: the old name resolves to the new parents.
    for line in changes.splitlines():
        if "=>" not in line:
            continue
        old, new = line.strip().split("=>")
        old_parts, new_parts = old.split("\t"), new.split("\t")
        date = old_parts[0]
        if len(old_parts) >= 8 and len(new_parts) == 3:
            yield "divisions", ("former_county", "", old_parts[6], old_parts[7], *new_parts)
            yield "renamings", (old_parts[6], *new_parts, date)
        elif len(old_parts) == 6 and len(new_parts) == 2:
            yield "divisions", ("former_city", "", old_parts[4], old_parts[5], new_parts[0], new_parts[1], "")
            yield "renamings", (old_parts[4], new_parts[0], new_parts[1], "", date)


HEADERS = {"divisions": "kind\tadcode\tname\tshort\tprovince\tcity\tcounty",
           "renamings": "name\tprovince\tcity\tcounty\tuntil",
           "towns": "name\tcounty_adcode"}


def main(argv):
    out_dir = argv[2] if len(argv) > 2 else os.path.join(os.path.dirname(__file__), "..", "nianbao", "indexer", "data")
    tables = {name: [] for name in HEADERS}
    seen = set()
    for table, row in rows_from_wheel(argv[1]):
        if (table, row) not in seen:
            seen.add((table, row))
            tables[table].append(row)
    for table, rows in tables.items():
        with open(os.path.join(out_dir, table + ".tsv"), "w", encoding="utf-8") as f:
            f.write(HEADERS[table] + "\n")
            for row in rows:
                f.write("\t".join(row) + "\n")


if __name__ == "__main__":
    main(sys.argv)
