"""PDF reader (pypdf text layer).

Decisions:
- Page-number lines (``- 1 -``, ``— 2 —``, ``第 3 页``, or a bare number equal to the page
  number) at the top or bottom of a page are dropped, so paragraphs join across pages.
- Line breaks: a break is removed when the line before is a full line (at least 80% of the
  document's typical line width, so titles and paragraph ends keep their breaks), does not end
  a sentence (。！？：；), both sides are Chinese text (CJK, CJK punctuation or digits), and the
  next line does not start a heading (一、 （一） 1. 第一章 附件).
- Spaces that pypdf puts between Chinese characters and digits/latin (``2023 年``,
  ``第 1 条``) are removed; spaces between two latin words stay.
- A PDF with (almost) no extractable text has no text layer: ReadError.
- pypdf's own warnings ("EOF marker not found", …) are caught per file instead of going
  to stderr without a name: they join the ReadError's reason when the file cannot be
  read, and are logged with the file's path (``nianbao.readers`` log) when it can.
"""
import io
import logging
import re
import threading

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
    if sum(len(_WIDE.findall(p)) + len(p.split()) for p in pages) < 20:
        raise ReadError("no text layer (scanned PDF?)")
    lines = []
    for number, page in enumerate(pages, 1):
        lines.extend(_drop_page_numbers(page.split("\n"), number))
    lines = [_SPACE_CJK_ALNUM.sub("", line.strip()) for line in lines]
    return [Document(path=str(path), text=join_pdf_lines(lines), format="pdf")]


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
                and _JOIN_START.match(line) and not _HEADING.match(line)):
            out[-1] += line
        else:
            out.append(line)
    return "\n".join(out)
