"""Known-item search: does "<agency as printed> <year>年" put that report first?

    python -m benchmarks.known_items [LABELLED_DIR ...] [--misses]

Each LABELLED_DIR holds report files and a ``gold.tsv`` labelled by hand (columns ``file``,
``kind``, ``year``, ``agency_any``: the body's names separated by ``|``); the default is
``../shared/reports/pages``. The labelled files of all the directories are indexed together
(the more reports, the harder the ranking), with ``nianbao index``'s code.

For every row of kind ``report`` with a year and an agency, the query is what a user who
knows the report types: the longest of its agency names that the file prints, a space, and
``<year>年``. Rows whose file prints none of the names are counted apart (the query would
be a guess). A query succeeds when the first result is the file, or another labelled file
of the same year sharing an agency name (the same report saved twice). Prints the share
first and in the top 3; ``--misses`` lists the others.
"""
import argparse
import csv
import shutil
import tempfile
from pathlib import Path

from nianbao.indexer.report import report_id
from nianbao.indexer.index.build import build_index
from nianbao.indexer.search import SearchRequest, open_service

SHARED = Path(__file__).resolve().parents[2] / "shared"


def labelled(dirs):
    """[(set name, file path, gold row)] of every labelled file present."""
    rows = []
    for folder in map(Path, dirs):
        with open(folder / "gold.tsv", encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                path = folder / row["file"]
                if path.is_file():
                    rows.append((folder.name, path, row))
    return rows


def queries(rows, copies):
    """[(query, wanted ids, name)] and the rows whose text prints none of their names."""
    out, unprinted = [], []
    names = {}
    for (_, _, row), copy in zip(rows, copies):
        names[copy] = ({n for n in row["agency_any"].split("|") if n and n not in "-?~"},
                       row["year"])
    for (_, path, row), copy in zip(rows, copies):
        agencies, year = names[copy]
        if row["kind"] != "report" or not year.isdigit() or not agencies:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        printed = [n for n in row["agency_any"].split("|") if n in agencies and n in text]
        if not printed:
            unprinted.append(path.name)
            continue
        wanted = {report_id(str(c)) for c, (other, y) in names.items()
                  if y == year and other & agencies}
        name = max(printed, key=len)  # the fullest name printed, as a user would type it
        out.append((f"{name} {year}年", wanted, f"{path.parent.name}/{path.name}"))
    return out, unprinted


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="*", default=[str(SHARED / "reports" / "pages")])
    parser.add_argument("--misses", action="store_true", help="list the queries that miss")
    args = parser.parse_args(argv)
    rows = labelled(args.dirs)
    work = Path(tempfile.mkdtemp(prefix="known-items-"))
    try:
        copies = []
        for name, path, _ in rows:  # one folder, names kept apart by their set
            copy = work / "reports" / f"{name}-{path.name}"
            copy.parent.mkdir(exist_ok=True)
            shutil.copyfile(path, copy)
            copies.append(copy.resolve())
        build_index([str(work / "reports")], str(work / "index"))
        items, unprinted = queries(rows, copies)
        service = open_service(str(work / "index"))
        first = top3 = 0
        misses = []
        for q, wanted, name in items:
            ids = [r["id"] for r in service.search(SearchRequest(q=q, per_page=3)).results]
            first += bool(ids) and ids[0] in wanted
            top3 += bool(wanted.intersection(ids))
            if not ids or ids[0] not in wanted:
                misses.append(f"{name}\t{q}\t{'in top 3' if wanted.intersection(ids) else 'not in top 3'}")
        service.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    n = len(items)
    print(f"{len(rows)} labelled files indexed together; {n} known-item queries "
          f"({len(unprinted)} reports print none of their labelled names: not asked)")
    print(f"first: {first}/{n} = {100 * first / max(n, 1):.1f}%   "
          f"top 3: {top3}/{n} = {100 * top3 / max(n, 1):.1f}%")
    if args.misses:
        print("\n".join(misses))


if __name__ == "__main__":
    main()
