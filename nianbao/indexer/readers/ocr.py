"""OCR with Tesseract (simplified Chinese): scanned PDF pages and images of reports.

Decisions:
- Tesseract is called as the ``tesseract`` binary (Debian ``tesseract-ocr`` with
  ``tesseract-ocr-chi-sim``), not through a wrapper: one subprocess per page image, stdout read
  as UTF-8. pytesseract would only add a dependency around the same call.
- OCR is on when the binary and its ``chi_sim`` model are installed, off when ``NIANBAO_OCR=0``;
  when it is off or missing a file that needs it gets a clear per-file error (``MISSING``).
- ``OMP_THREAD_LIMIT=1``: Tesseract's OpenMP threads spin against each other and against the
  index build's worker processes (a page took 11 s instead of 1.8 s on 2 cores).
- Language ``chi_sim`` alone, page segmentation mode 3 (automatic: real scans have tables and
  several blocks): adding ``eng`` made Chinese no better and OCR 40% slower on report pages.
- Tesseract puts spaces between Chinese characters and between Chinese and digits; they are
  removed (spaces between two latin words stay). Lines are then rejoined as PDF text lines are
  (``pdf.join_pdf_lines``): a full line that does not end a sentence continues on the next.
- A PDF page is rendered at its scan's own resolution (pdf.py), and Tesseract is told that
  resolution; an image file's resolution is Tesseract's to read from the file.
- Measured on scans made from real reports' text (``python -m benchmarks.ocr_accuracy``: 16 pt
  Song typeface, 200 dpi, 0.3° skew, speckles): character error rate 2.0% over 10 reports and
  67 pages, 0.3-1.6% on running text, 3-7% on reports whose statistics tables were flattened to
  one short cell per line (lone digits are what Tesseract misses most); about 2 s a page on one
  core (9.1 s for a 5-page report on an idle machine).
- An image smaller than 300 px on either side is a logo or an icon, not a page: no OCR.
"""
import functools
import os
import re
import shutil
import subprocess
import tempfile

from ..report import ReadError

MISSING = "需要安装 tesseract-ocr 和 tesseract-ocr-chi-sim 才能识别扫描件（apt-get install tesseract-ocr tesseract-ocr-chi-sim）"
DISABLED = "OCR 已关闭（NIANBAO_OCR=0），扫描件未识别"
LANGUAGE = "chi_sim"
DPI = 300  # for a page whose scan resolution is unknown
MIN_IMAGE_SIDE = 300
PAGE_TIMEOUT = 300  # seconds for one page; a real page takes 2-10 s

_CJK = "\u3400-\u9fff\uf900-\ufaff"
_CJK_PUNCT = "\u3000-\u303f\uff00-\uffef\u2018-\u201d\u2026\u2014"
_SPACES = re.compile(r"(?<=[%s%s]) +(?=[%s%s0-9A-Za-z%%])|(?<=[0-9A-Za-z%%]) +(?=[%s%s])"
                     % (_CJK, _CJK_PUNCT, _CJK, _CJK_PUNCT, _CJK, _CJK_PUNCT))


@functools.lru_cache(maxsize=1)
def _installed():
    """The tesseract binary when it and the chi_sim model are installed, else None."""
    binary = shutil.which("tesseract")
    if not binary:
        return None
    try:
        out = subprocess.run([binary, "--list-langs"], capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    langs = (out.stdout + out.stderr).decode("utf-8", "replace").split()
    return binary if LANGUAGE in langs else None


def unavailable():
    """Why OCR cannot run here (a Chinese message), or None when it can."""
    if os.environ.get("NIANBAO_OCR", "").strip().lower() in ("0", "off", "no", "false"):
        return DISABLED
    return None if _installed() else MISSING


def recognise(image_path, dpi=None):
    """OCR one image file (any format Tesseract reads; every page of a TIFF) into text lines.

    ``dpi`` is given for pages we rendered; an image file's own resolution is Tesseract's to read.
    """
    reason = unavailable()
    if reason:
        raise ReadError(reason)
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    try:
        command = [_installed(), str(image_path), "stdout", "-l", LANGUAGE, "--psm", "3"]
        if dpi:
            command += ["--dpi", str(dpi)]
        out = subprocess.run(command, capture_output=True, timeout=PAGE_TIMEOUT, env=env)
    except subprocess.TimeoutExpired as exc:
        raise ReadError(f"OCR 超时（单页超过 {PAGE_TIMEOUT} 秒）") from exc
    if out.returncode != 0:
        message = out.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ReadError(f"OCR 失败（tesseract: {message[-1] if message else out.returncode}）")
    return [_SPACES.sub("", line.strip()) for line in out.stdout.decode("utf-8", "replace").splitlines()]


def recognise_pil(image, dpi=DPI):
    """OCR a PIL image (a rendered page): written to a temporary PNG for Tesseract."""
    with tempfile.TemporaryDirectory(prefix="nianbao-ocr-") as tmp:
        path = os.path.join(tmp, "page.png")
        image.save(path, dpi=(dpi, dpi))
        return recognise(path, dpi=dpi)


def read_image(path, data):
    """Read an image of a report page (PNG, JPEG, TIFF, BMP, GIF) by OCR."""
    from PIL import Image, UnidentifiedImageError

    from .pdf import join_pdf_lines
    from ..report import Document

    try:
        with Image.open(path) as image:
            width, height = image.size
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise ReadError(f"truncated or corrupt image ({type(exc).__name__})") from exc
    if min(width, height) < MIN_IMAGE_SIDE:
        raise ReadError(f"image too small to be a page ({width}×{height} px)")
    lines = recognise(path)
    text = join_pdf_lines(lines)
    if len(re.findall("[%s]" % _CJK, text)) < 10:
        raise ReadError("no text recognised in the image")
    return [Document(path=str(path), text=text, format="image", quality="ocr")]
