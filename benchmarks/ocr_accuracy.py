"""OCR accuracy and speed on scans made from real reports' text.

Each report is laid out as printed (16 pt Song typeface, 28 characters a line), rendered to page
images as a desk scanner would leave a signed paper copy (200 dpi, 0.3° skew, speckles), saved as
an image-only PDF, and read back through the PDF reader (pypdfium2 rendering + Tesseract chi_sim).
The character error rate is the Levenshtein distance between the source's and the OCR text's
Chinese characters, digits and latin letters, over the source's count.

    python -m benchmarks.ocr_accuracy                 # the five seeds and five 平潭 reports
    python -m benchmarks.ocr_accuracy --dpi 300 --rotate 0 --noise 0
"""
import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from formats import char_error_rate, to_scanned_pdf, wrap  # noqa: E402
from variants import REPORTS, SEEDS  # noqa: E402

from nianbao.indexer.readers import ocr, read_file  # noqa: E402

READABLE = re.compile(r"[\u3400-\u9fff0-9A-Za-z]")


def sources():
    """(name, text) of the real reports measured: the seeds and crawled 平潭 report bodies."""
    for seed in SEEDS:
        yield seed.name, seed.read_text("utf-8")
    pages = sorted((REPORTS / "raw" / "changwu__pingtan-gov-zwgk-archive").glob("*.txt"))[:5]
    for page in pages:
        yield page.name[:30], page.read_text("utf-8").split("正文 ====================\n", 1)[-1]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dpi", type=int, default=200)
    parser.add_argument("--rotate", type=float, default=0.3)
    parser.add_argument("--noise", type=float, default=0.002)
    args = parser.parse_args(argv)
    if ocr.unavailable():
        sys.exit(ocr.unavailable())
    total_chars = total_errors = total_pages = 0
    total_seconds = 0.0
    print(f"scan: {args.dpi} dpi, skew {args.rotate}°, speckles {args.noise:.2%} of pixels")
    print(f"{'report':32} {'pages':>5} {'chars':>6} {'CER':>6} {'s/page':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in sources():
            lines = wrap(text)
            pdf = to_scanned_pdf(lines, Path(tmp) / "scan.pdf", dpi=args.dpi, rotate=args.rotate, noise=args.noise)
            pages = (len(lines) + 23) // 24
            started = time.perf_counter()
            [doc] = read_file(pdf)
            seconds = time.perf_counter() - started
            source = "".join(READABLE.findall(text))
            cer = char_error_rate(source, "".join(READABLE.findall(doc.text)))
            total_chars += len(source)
            total_errors += cer * len(source)
            total_pages += pages
            total_seconds += seconds
            print(f"{name:32} {pages:5d} {len(source):6d} {cer:6.2%} {seconds / pages:7.2f}")
    print(f"{'all':32} {total_pages:5d} {total_chars:6d} {total_errors / total_chars:6.2%} "
          f"{total_seconds / total_pages:7.2f}")


if __name__ == "__main__":
    main()
