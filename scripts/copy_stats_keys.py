"""Copy the statistics contract's key table into the package (nianbao/indexer/data/stats_keys.tsv).

The contract lives in ../shared/stats/keys.tsv (one key per statutory table cell); the package keeps a
verbatim copy so an installed nianbao needs no checkout of the contract. Run after the contract changes:

    python scripts/copy_stats_keys.py [path/to/keys.tsv]
"""
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "stats" / "keys.tsv"
TARGET = ROOT / "nianbao" / "indexer" / "data" / "stats_keys.tsv"


def main(argv):
    source = Path(argv[1]) if len(argv) > 1 else SOURCE
    header = source.read_text("utf-8").split("\n", 1)[0]
    if header.split("\t") != ["key", "formats", "label"]:
        raise SystemExit(f"{source}: not the contract's key table (header {header!r})")
    shutil.copyfile(source, TARGET)
    print(f"copied {source} -> {TARGET}")


if __name__ == "__main__":
    main(sys.argv)
