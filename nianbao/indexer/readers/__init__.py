"""Readers: file → list of Documents, one reader per format, chosen by content then suffix.

Decisions:
- The first bytes decide where they are unambiguous, whatever the suffix: ``%PDF`` is read as
  PDF, a zip (``PK``) as docx, an HTML start (``<!doctype``/``<html``/``<head``/``<meta``) in a
  .txt/.htm/.html or suffix-less file as HTML; so a PDF or a page saved as .txt still reads.
  Document.format says what was actually read.
- A legacy OLE file (.doc/.xls/.wps) is a clear "unsupported" error, not garbage text.
- A suffix we read with no matching content (a .pdf without ``%PDF``, a .docx that is not a
  zip) is a ReadError naming the mismatch.
- ReadError messages name the reason only; the caller adds the path.
"""
import re
from pathlib import Path

from .html import read_html
from .docx import read_docx
from .pdf import read_pdf
from .rows import read_csv, read_jsonl
from .text import read_txt
from ..report import ReadError

READERS = {
    ".txt": read_txt,
    ".text": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".shtml": read_html,
    ".docx": read_docx,
    ".pdf": read_pdf,
    ".csv": read_csv,
    ".jsonl": read_jsonl,
}
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|meta|body)[\s>]", re.I | re.S)
_TEXTLIKE = {".txt", ".text", ".htm", ".html", ".shtml", ""}


def sniff(data, suffix):
    """Return the reader suggested by the file's first bytes, or None."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf")
    if data[:1024].lstrip().startswith(b"%PDF"):
        return read_pdf
    if data.startswith(b"PK\x03\x04"):
        return read_docx
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReadError("legacy Office (OLE .doc/.xls) file: not supported, save it as .docx")
    if suffix in _TEXTLIKE and _HTML_START.match(head):
        return read_html
    return None


def read_file(path):
    """Return the Documents in ``path``; raise ReadError when it cannot be read."""
    suffix = Path(path).suffix.lower()
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot open ({exc.strerror or exc})") from exc
    if not data.strip():
        raise ReadError("empty file")
    reader = sniff(data, suffix)
    if reader is None:
        reader = READERS.get(suffix)
        if reader is None:
            raise ReadError(f"unsupported file type {suffix or '(no suffix)'}")
        if reader is read_pdf:
            raise ReadError("not a PDF (no %PDF header)")
        if reader is read_docx:
            raise ReadError("not a docx (not a zip archive)")
    return reader(path, data)
