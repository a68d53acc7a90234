"""PDF reader (pypdf text layer).

Decisions:
- Page-number lines (``- 1 -``, ``— 2 —``, ``第 3 页``, or a bare number equal to the page
  number) at the top or bottom of a page are dropped, so paragraphs join across pages.
- Line breaks: a break is removed when the line before is a full line (at least 80% of the
  document's typical line width, so titles and paragraph ends keep their breaks), does not end
  a sentence (。！？：；), both sides are Chinese text (CJK, CJK punctuation or digits), and the
  next line does not start a heading (一、 （一） 1. 第一章 附件); a table row (cells separated by
  tabs) is never joined.
- Spaces that pypdf puts between Chinese characters and digits/latin (``2023 年``,
  ``第 1 条``) are removed; spaces between two latin words stay.
- Scanned pages: a page with (almost) no text layer (under 10 characters) that shows an image
  is rendered (pypdfium2, a pip wheel of PDFium: no system library) at the resolution of its
  largest image, 150-400 dpi, and read by OCR. Rendering a 200 dpi scan at 300 dpi resamples it
  and raised the character error rate from 3.5% to 12% on the test scans (``ocr.py``). Its
  lines are rejoined like text-layer lines. A document with any OCR'd page
  has quality ``"ocr"``. A page with neither text nor image is blank and skipped.
- Without OCR (Tesseract missing or NIANBAO_OCR=0) a PDF whose text is all on scanned pages is a
  ReadError naming what to install; a PDF with some text-layer pages keeps those pages (the scanned
  ones, typically a signed last page, are left out: nothing that could be read is lost).
- A PDF with (almost) no extractable text and no image has no text layer: ReadError.
- pypdf's own warnings ("EOF marker not found", …) are caught per file instead of going
  to stderr without a name: they join the ReadError's reason when the file cannot be
  read, and are logged with the file's path (``nianbao.readers`` log) when it can.
"""
import io
import logging
import re
import threading

from . import ocr
from ..report import Document, ReadError

_CJK = "\u3400-\u9fff\uf900-\ufaff"
_CJK_PUNCT = "\u3000-\u303f\uff00-\uffef\u2018-\u201d\u2026\u2014"
_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–－─]\s*\d{1,4}\s*[-—–－─]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|\d{1,4})\s*$")
_SPACE_CJK_ALNUM = re.compile(r"(?<=[%s%s]) +(?=[0-9A-Za-z%%])|(?<=[0-9A-Za-z%%]) +(?=[%s%s])" % (_CJK, _CJK_PUNCT, _CJK, _CJK_PUNCT))
_JOIN_END = re.compile(r"[%s0-9%%、，,“”‘’《》（）()〔〕【】—…·]$" % _CJK)
_JOIN_START = re.compile(r"^[%s%s0-9]" % (_CJK, _CJK_PUNCT))
_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[、.．](?!\d)|"
    r"第[一二三四五六七八九十\d]+[章节部分条]|附件|附表|[①-⑳])"
)
_WIDE = re.compile(r"[^\x00-\x7f]")
_MIN_PAGE_TEXT = 10  # characters (not spaces) below which a page has no text layer
_MAX_WARNINGS = 5
log = logging.getLogger("nianbao.readers")


class _PdfWarnings(logging.Handler):
    """pypdf's log records, kept per thread while a file is read (else passed on)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.local = threading.local()

    def emit(self, record):
        kept = getattr(self.local, "kept", None)
        message = record.getMessage()
        if kept is None:
            log.warning("pypdf: %s", message)
        elif message not in kept and len(kept) < _MAX_WARNINGS:
            kept.append(message)

    def start(self):
        """Keep this thread's messages from now on."""
        self.local.kept = []

    def stop(self):
        """The messages kept since ``start`` (none on a second call)."""
        kept, self.local.kept = getattr(self.local, "kept", None), None
        return kept or []


_warnings = _PdfWarnings()
_pypdf_log = logging.getLogger("pypdf")
_pypdf_log.addHandler(_warnings)
_pypdf_log.propagate = False


def read_pdf(path, data):
    """Read a PDF's text layer, rejoining lines that the layout broke inside words."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    _warnings.start()
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as exc:
        said = "; ".join(_warnings.stop())
        raise ReadError(f"truncated or corrupt PDF ({type(exc).__name__}{'; ' + said if said else ''})") from exc
    finally:
        kept = _warnings.stop()
    for message in kept:
        log.warning("%s: pypdf: %s", path, message)
    scanned = [i for i, page in enumerate(pages) if len("".join(page.split())) < _MIN_PAGE_TEXT]
    quality = "text"
    if scanned:
        recognised = _ocr_pages(data, scanned, text_pages=len(pages) - len(scanned))
        if recognised:
            quality = "ocr"
        pages = [recognised.get(i, page) for i, page in enumerate(pages)]
    if sum(len(_WIDE.findall(p)) + len(p.split()) for p in pages) < 20:
        raise ReadError("no text layer (scanned PDF?)")
    lines = []
    for number, page in enumerate(pages, 1):
        lines.extend(_drop_page_numbers(page.split("\n"), number))
    lines = [_SPACE_CJK_ALNUM.sub("", line.strip()) for line in lines]
    return [Document(path=str(path), text=join_pdf_lines(lines), format="pdf", quality=quality)]


def _ocr_pages(data, numbers, text_pages):
    """OCR text of the pages (0-based ``numbers``) that show an image: {number: text}."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ReadError(f"truncated or corrupt PDF (pdfium: {exc})") from exc
    try:
        images = {n: _scan_dpi(document[n]) for n in numbers}
        images = {n: dpi for n, dpi in images.items() if dpi}
        if not images:
            return {}
        reason = ocr.unavailable()
        if reason:
            if text_pages:
                return {}  # keep the text-layer pages (module docstring)
            raise ReadError(f"no text layer (scanned PDF): {reason}")
        out = {}
        for n, dpi in images.items():
            bitmap = document[n].render(scale=dpi / 72, grayscale=True)
            out[n] = "\n".join(ocr.recognise_pil(bitmap.to_pil(), dpi=dpi))
        return out
    finally:
        document.close()


def _scan_dpi(page):
    """The resolution to render a page at for OCR: its largest image's own (so the scan is not
    resampled), within 150-400 dpi; None when the page shows no image."""
    import pypdfium2.raw as pdfium_c

    best = None
    for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]):
        try:
            width_px = image.get_px_size()[0]
            left, _, right, _ = image.get_bounds()
        except Exception:  # an image pdfium cannot measure still makes the page a scan
            width_px, left, right = 0, 0, 0
        dpi = width_px / ((right - left) / 72) if right - left > 72 else ocr.DPI
        best = max(best or 0, dpi)
    if best is None:
        return None
    return round(min(max(best, 150), 400))


def _drop_page_numbers(lines, number):
    """Remove page-number lines at the top and bottom of a page."""
    def is_page_number(line):
        m = _PAGE_NUMBER.match(line)
        if not m:
            return False
        digits = re.findall(r"\d+", line)
        # a bare number is a page number only if it is (close to) this page's number
        return not line.strip().isdigit() or abs(int(digits[0]) - number) <= 2
    while lines and (not lines[0].strip() or is_page_number(lines[0])):
        lines = lines[1:]
    while lines and (not lines[-1].strip() or is_page_number(lines[-1])):
        lines = lines[:-1]
    return lines


def _width(line):
    return len(line) + len(_WIDE.findall(line))


def join_pdf_lines(lines):
    """Join PDF layout lines back into paragraphs (see the module docstring)."""
    widths = sorted(_width(line) for line in lines if len(line) > 5)
    full = 0.8 * widths[int(len(widths) * 0.9)] if widths else 0
    out = []
    for line in lines:
        if not line:
            continue
        if (out and _width(out[-1]) >= full and _JOIN_END.search(out[-1])
                and _JOIN_START.match(line) and not _HEADING.match(line)
                and "\t" not in out[-1] and "\t" not in line):  # a table row (OFD) stays a row
            out[-1] += line
        else:
            out.append(line)
    return "\n".join(out)
