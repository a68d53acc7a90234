"""Regenerate nianbao/indexer/data/province_abbr.tsv: the one-character abbreviation of each
province-level division (浙 → 浙江省, 渝 → 重庆市), as document numbers use it (浙政办发〔2019〕12号).

Provenance: the JioNLP wheel on PyPI (Apache-2.0), ``jionlp/rule/rule_pattern.py``: the string
``CHINA_PROVINCE_ALIAS`` ("各省简称", one character per province) lists the abbreviations in the
order of the names in ``CHINA_PROVINCE_SHORT_PATTERN``. Tested with jionlp 1.5.31. The short
names are mapped to full names through ``divisions.tsv`` (its ``province`` rows' short column);
Hong Kong, Macao and Taiwan are left out, as in ``make_divisions.py``. The constants are read
with ``ast`` (the module is not imported), so jionlp need not be installed.

Usage::

    pip download --no-deps jionlp -d /tmp/jio
    python scripts/make_province_abbr.py /tmp/jio/jionlp-*.whl nianbao/indexer/data
"""
import ast
import os
import re
import sys
import zipfile


def _constants(wheel_path):
    with zipfile.ZipFile(wheel_path) as wheel:
        source = wheel.read("jionlp/rule/rule_pattern.py").decode("utf-8")
    values = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name in ("CHINA_PROVINCE_ALIAS", "CHINA_PROVINCE_SHORT_PATTERN"):
                values[name] = ast.literal_eval(node.value)
    return values["CHINA_PROVINCE_SHORT_PATTERN"], values["CHINA_PROVINCE_ALIAS"]


def rows(wheel_path, divisions_path):
    """(abbreviation, province) pairs."""
    pattern, aliases = _constants(wheel_path)
    shorts = re.sub(r"^\(|\)$", "", pattern).split("|")
    if len(shorts) != len(aliases):
        raise SystemExit(f"jionlp lists {len(shorts)} provinces and {len(aliases)} abbreviations")
    full = {}
    with open(divisions_path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if parts[0] == "province":
                full[parts[3]] = parts[2]
    for short, alias in zip(shorts, aliases):
        if short in full:  # not 香港, 澳门, 台湾
            yield alias, full[short]


def main(argv):
    out_dir = argv[2] if len(argv) > 2 else os.path.join(os.path.dirname(__file__), "..", "nianbao", "indexer", "data")
    with open(os.path.join(out_dir, "province_abbr.tsv"), "w", encoding="utf-8") as f:
        f.write("abbr\tprovince\n")
        for alias, province in rows(argv[1], os.path.join(out_dir, "divisions.tsv")):
            f.write(f"{alias}\t{province}\n")


if __name__ == "__main__":
    main(sys.argv)
