"""Metadata benchmark: milliseconds per document spent in metadata extraction alone.

    python -m benchmarks.bench_metadata [PATH ...] [--repeat 3]

Reads every document under the paths (default: ``../shared/reports/raw``, ``../shared/seeds``
and ``../shared/reports/pages``) once, cleans it as ``indexer.extract`` does, then times
``metadata.apply_metadata`` over all of them ``--repeat`` times (after one warm-up pass that
loads the data tables) and prints documents, mean characters and ms per document, next to the
whole ``extract`` step per document for scale.
"""
import argparse
import time
from pathlib import Path

from nianbao.indexer import clean, metadata, readers
from nianbao.indexer.extract import build_report, iter_files
from nianbao.indexer.report import Report

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEFAULT = [SHARED / "reports" / "raw", SHARED / "seeds", SHARED / "reports" / "pages"]


def load(paths):
    """Every readable document under ``paths``."""
    docs = []
    for path in iter_files([str(p) for p in paths]):
        if path.endswith((".tsv", ".md")):
            continue
        try:
            docs.extend(readers.read_file(path))
        except Exception:  # noqa: BLE001 - a broken file is skipped, as in a build
            continue
    return docs


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    docs = load(args.paths)
    texts = [(clean.clean_text(d.text), d) for d in docs]
    for text, doc in texts:  # warm-up: data tables load once per process
        metadata.apply_metadata(Report(path=doc.path, text=text, format=doc.format), doc.header)
    start = time.perf_counter()
    for _ in range(args.repeat):
        for text, doc in texts:
            metadata.apply_metadata(Report(path=doc.path, text=text, format=doc.format), doc.header)
    per_doc = (time.perf_counter() - start) / args.repeat / len(texts)
    start = time.perf_counter()
    for doc in docs:
        build_report(doc)
    whole = (time.perf_counter() - start) / len(docs)
    chars = sum(len(t) for t, _ in texts) / len(texts)
    print(f"{len(texts)} documents, {chars:.0f} characters on average")
    print(f"metadata: {per_doc * 1000:.2f} ms per document; whole extract step: {whole * 1000:.2f} ms per document")


if __name__ == "__main__":
    main()
