"""Regenerate nianbao/indexer/data/divisions.tsv from the JioNLP wheel's location dictionary.

The national administrative-division list (province / prefecture / county level, with
adcodes) ships inside the ``jionlp`` wheel on PyPI (Apache-2.0). We keep only the top three
levels plus the renaming history, which is all metadata resolution needs, so the project
does not depend on jionlp at run time.

Usage::

    pip download --no-deps jionlp -d /tmp/jio
    python scripts/make_divisions.py /tmp/jio/jionlp-*.whl > nianbao/indexer/data/divisions.tsv
"""
import io
import sys
import zipfile


def rows_from_wheel(wheel_path):
    """Yield TSV rows: kind, adcode, name, short, province, city, county."""
    with zipfile.ZipFile(wheel_path) as wheel:
        inner = zipfile.ZipFile(io.BytesIO(wheel.read("jionlp/dictionary/china_location.zip")))
        text = inner.read("china_location.txt").decode("utf-8")
        changes = wheel.read("jionlp/dictionary/china_location_change.txt").decode("utf-8")
    province = city = None
    for line in text.splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        parts = line.strip("\t").split("\t")
        if depth > 2 or len(parts) < 3:
            continue
        name, code, short = parts[0], parts[1], parts[2]
        if depth == 0:
            province, city = name, None
            yield ("province", code, name, short, name, "", "")
        elif depth == 1:
            city = name
            yield ("city", code, name, short, province, name, "")
        else:
            yield ("county", code, name, short, province, city, name)
    # Renamed or merged divisions: the old name resolves to the new parents.
    for line in changes.splitlines():
        if "=>" not in line:
            continue
        old, new = line.split("=>")
        old_parts, new_parts = old.split("\t"), new.split("\t")
        old_name = old_parts[-2] if len(old_parts) % 2 == 0 else old_parts[-1]
        if len(old_parts) >= 8 and len(new_parts) == 3:
            yield ("former_county", "", old_parts[6], old_parts[7], *new_parts)
        elif len(old_parts) == 6 and len(new_parts) == 2:
            yield ("former_city", "", old_parts[4], old_parts[5], new_parts[0], new_parts[1], "")


def main(argv):
    seen = set()
    print("kind\tadcode\tname\tshort\tprovince\tcity\tcounty")
    for row in rows_from_wheel(argv[1]):
        if row not in seen:
            seen.add(row)
            print("\t".join(row))


if __name__ == "__main__":
    main(sys.argv)
