"""Readers: file → list of Documents, one reader per format, chosen by content then suffix.

Decisions:
- The first bytes decide where they are unambiguous, whatever the suffix: ``%PDF`` is read as
  PDF; a zip (``PK``) by its members (``word/document.xml`` docx, ``xl/workbook.xml`` xlsx,
  ``OFD.xml`` OFD); an OLE2 compound file (bytes ``D0 CF 11 E0``) by its streams
  (``WordDocument`` .doc/.wps, ``Workbook``/``Book`` .xls/.et; olefile lists them); an image
  (PNG, JPEG, TIFF, BMP, GIF) is OCR'd; a MIME message with multipart/related is MHTML; an HTML
  start (``<!doctype``/``<html``/``<head``/``<meta``) in a .txt/.htm/.html/.doc/.xls or
  suffix-less file is HTML (Word and Excel "save as web page" files are often named .doc/.xls).
  So a PDF saved as .txt or an .xls named .doc still reads. Document.format says what was read.
- A suffix we read with no matching content (a .pdf without ``%PDF``, a .docx that is not a
  zip) is a ReadError naming the mismatch; so is an encrypted Office file, a PowerPoint file or
  an RTF file (often saved as .doc).
- A file that a page of the same crawl names as its attachment is read as part of that page
  (``attachments.py``); read alone it is a ReadError naming the page, so it is not indexed twice.
- ReadError messages name the reason only; the caller adds the path.
"""
import io
import re
import zipfile
from pathlib import Path

from . import attachments
from .doc import read_doc
from .docx import read_docx
from .html import read_html
from .mhtml import looks_like_mhtml, read_mhtml
from .ocr import read_image
from .ofd import is_ofd, read_ofd
from .pdf import read_pdf
from .rows import read_csv, read_jsonl
from .sheet import read_xls, read_xlsx
from .text import read_txt
from ..report import ReadError

READERS = {
    ".txt": read_txt,
    ".text": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".shtml": read_html,
    ".docx": read_docx,
    ".doc": read_doc,
    ".wps": read_doc,
    ".xls": read_xls,
    ".et": read_xls,
    ".xlsx": read_xlsx,
    ".ofd": read_ofd,
    ".mht": read_mhtml,
    ".mhtml": read_mhtml,
    ".pdf": read_pdf,
    ".csv": read_csv,
    ".jsonl": read_jsonl,
    ".png": read_image,
    ".jpg": read_image,
    ".jpeg": read_image,
    ".tif": read_image,
    ".tiff": read_image,
    ".bmp": read_image,
    ".gif": read_image,
}
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|meta|body)[\s>]", re.I | re.S)
_TEXTLIKE = {".txt", ".text", ".htm", ".html", ".shtml", ".doc", ".xls", ".wps", ".et", ""}
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"GIF87a", b"GIF89a")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# the readers whose files a crawl saves as attachments of a page
_ATTACHMENT_READERS = {read_pdf, read_docx, read_doc, read_xls, read_xlsx, read_ofd, read_image}


def sniff(data, suffix):
    """Return the reader suggested by the file's first bytes, or None."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf")
    if data[:1024].lstrip().startswith(b"%PDF"):
        return read_pdf
    if data.startswith(b"PK\x03\x04"):
        return _zip_reader(data, suffix)
    if data.startswith(_OLE_MAGIC[:4]):
        return _ole_reader(data)
    if data.startswith(_IMAGE_MAGIC) or (data.startswith(b"BM") and suffix == ".bmp"):
        return read_image
    if head.startswith(b"{\\rtf"):
        raise ReadError("RTF document (often named .doc): not supported, save it as .docx")
    if looks_like_mhtml(head):
        return read_mhtml
    if suffix in _TEXTLIKE and _HTML_START.match(head):
        return read_html
    return None


def _zip_reader(data, suffix):
    """docx, xlsx or OFD, told apart by the zip's members."""
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        if READERS.get(suffix) in (read_docx, read_xlsx, read_ofd):
            return READERS[suffix]  # a truncated download: its own reader names the format
        raise ReadError(f"truncated or corrupt zip archive ({type(exc).__name__})") from exc
    if "word/document.xml" in names:
        return read_docx
    if "xl/workbook.xml" in names:
        return read_xlsx
    if is_ofd(names):
        return read_ofd
    if "mimetype" in names or "content.xml" in names:
        raise ReadError("OpenDocument (.odt/.ods) file: not supported, save it as .docx/.xlsx")
    raise ReadError("zip archive that is not a Word, Excel or OFD document")


def _ole_reader(data):
    """.doc/.wps or .xls/.et, told apart by the OLE2 file's streams."""
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            streams = {"/".join(entry) for entry in ole.listdir()}
    except (OSError, ValueError, IndexError, TypeError) as exc:
        raise ReadError(f"truncated or corrupt Office file (OLE2: {type(exc).__name__})") from exc
    if "WordDocument" in streams:
        return read_doc
    if "Workbook" in streams or "Book" in streams:
        return read_xls
    if "EncryptedPackage" in streams or "EncryptionInfo" in streams:
        raise ReadError("password-protected Office file: cannot be read")
    if "PowerPoint Document" in streams:
        raise ReadError("PowerPoint file: not supported")
    raise ReadError("OLE2 file that is neither a Word nor an Excel document")


def read_file(path):
    """Return the Documents in ``path``; raise ReadError when it cannot be read."""
    return _read(path, alone=True)


def read_attachment(path):
    """Return the Documents of a file read as a page's attachment."""
    return _read(path, alone=False)


def _read(path, alone):
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
        if reader in (read_doc, read_xls):
            raise ReadError(f"not a {suffix} file (not an OLE2 compound file)")
        if reader in (read_xlsx, read_ofd):
            raise ReadError(f"not a {suffix} file (not a zip archive)")
        if reader is read_image:
            raise ReadError(f"not a {suffix} image")
    docs = reader(path, data)
    if alone and reader in _ATTACHMENT_READERS:
        page = attachments.claimed_by(path)
        if page:
            raise ReadError(f"附件，已并入 {page}")
    return docs
