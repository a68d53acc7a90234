"""Attachments: a crawl saves a report page and its attachment (the report body, its 统计表) side
by side; the attachment's text joins its page's document instead of becoming an orphan.

A page names its attachments in a crawl export's 附件链接 column (CSV/JSONL rows; several links
separated by ``;``) or by links in the page's HTML (``href``).

Decisions:
- A link names a local file when, in this order: it is a relative path to an existing file in
  the page's folder or one folder below it; or the file name at the end of the URL's path, or
  of a path in its query (``download.jsp?pathfile=/atm/7/2023….docx``), percent-decoded, is a
  file in the page's folder, else in the folder named after the page (``page_files/``, ``page/``),
  else in exactly one other folder directly below the page's folder (two candidates: ambiguous,
  not joined: never a guess).
- Only files of attachment formats are joined (PDF, Word, WPS, Excel, ET, OFD, images). A page
  that links more than ``MAX_ATTACHMENTS`` local attachments is a listing page, not a report:
  nothing is joined to it or claimed by it.
- The attachment's text follows the page's text after a blank line, in link order; an attachment
  whose text the page already holds (80% of its 4-character shingles) is not added twice, but is
  still the page's. A document with an OCR'd attachment has quality ``ocr``. A page row with no
  text of its own whose attachments are all spreadsheets is a statistics table (kind hint).
- An attachment that cannot be read is not joined; read alone it reports its own error. One that
  is joined, read alone, is a ReadError naming its page (``readers.read_file``), so the build
  lists it as skipped with that reason and it is not indexed twice. That check reads the file
  once more (its own errors must surface), a cost paid once per attachment.
- Pages are found for an attachment in its own folder and the folder above; their links are
  cached per process by (path, size, mtime).
"""
import os
import re
from urllib.parse import parse_qsl, unquote, urlsplit

from ..report import ReadError

ATTACHMENT_SUFFIXES = {".pdf", ".doc", ".docx", ".wps", ".xls", ".xlsx", ".et", ".ofd",
                       ".png", ".jpg", ".jpeg", ".tif", ".tiff"}
PAGE_SUFFIXES = {".html", ".htm", ".shtml", ".mht", ".mhtml", ".csv", ".jsonl"}
SHEET_SUFFIXES = {".xls", ".xlsx", ".et"}
MAX_ATTACHMENTS = 5
_SPLIT = re.compile(r"[;；,，|\s]+")
_HREF = re.compile(rb"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>'"]+))""", re.I)
_CJK = re.compile(r"[\u3400-\u9fff]")
_claims_cache = {}
_listing_cache = {}


def split_refs(value):
    """The links in a 附件链接 cell (separated by ``;``, ``,``, ``|`` or whitespace)."""
    return [ref for ref in _SPLIT.split(str(value or "").strip()) if ref]


def html_links(data):
    """The href values of a page's markup (bytes), decoded as UTF-8 or else GB18030."""
    links = []
    for match in _HREF.finditer(data):
        raw = next(g for g in match.groups() if g is not None).strip()
        try:
            links.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            links.append(raw.decode("gb18030", "replace"))
    return links


def resolve(page_path, refs):
    """The local attachment files that ``refs`` name, in link order, without repeats."""
    folder = os.path.dirname(str(page_path)) or "."
    stem = os.path.splitext(os.path.basename(page_path))[0]
    found = []
    for ref in refs:
        path = _resolve_one(folder, stem, ref)
        if path:
            path = os.path.normpath(path)  # relative when the page's path is, as the build lists files
            if path not in found and os.path.abspath(path) != os.path.abspath(page_path):
                found.append(path)
    return found if len(found) <= MAX_ATTACHMENTS else []


def _resolve_one(folder, stem, ref):
    ref = ref.strip().replace("&amp;", "&")
    if not ref or ref.startswith(("#", "javascript:", "mailto:")):
        return None
    parts = urlsplit(ref)
    if not parts.scheme and not parts.netloc:
        local = os.path.normpath(os.path.join(folder, unquote(parts.path)))
        if _is_attachment(local) and _within(folder, local):
            return local
    names = [os.path.basename(unquote(parts.path))]
    names += [os.path.basename(unquote(v).replace("\\", "/")) for _, v in parse_qsl(parts.query)]
    for name in names:
        if os.path.splitext(name)[1].lower() not in ATTACHMENT_SUFFIXES:
            continue
        here = os.path.join(folder, name)
        if os.path.isfile(here):
            return here
        subfolders = _subfolders(folder)
        own = [d for d in subfolders if os.path.basename(d) in (stem, stem + "_files", stem + ".files", stem + "_附件")]
        for d in own:
            if os.path.isfile(os.path.join(d, name)):
                return os.path.join(d, name)
        hits = [os.path.join(d, name) for d in subfolders if os.path.isfile(os.path.join(d, name))]
        if len(hits) == 1:
            return hits[0]
    return None


def _within(folder, path):
    """True when ``path`` is in ``folder`` or in a folder directly below it."""
    folder, parent = os.path.abspath(folder), os.path.dirname(os.path.abspath(path))
    return parent == folder or os.path.dirname(parent) == folder


def _is_attachment(path):
    return os.path.splitext(path)[1].lower() in ATTACHMENT_SUFFIXES and os.path.isfile(path)


def _subfolders(folder):
    """The folders directly below ``folder`` (cached while the folder is unchanged)."""
    return [path for path, is_dir in _listing(folder) if is_dir]


def _listing(folder):
    """[(path, is a folder)] of a folder's entries, cached by the folder's mtime: a flat crawl
    folder of 10,000 pages is listed once, not once per link or attachment."""
    try:
        key = (os.path.abspath(folder), os.stat(folder).st_mtime_ns)
    except OSError:
        return []
    if key not in _listing_cache:
        try:
            entries = sorted((e.path, e.is_dir()) for e in os.scandir(folder) if not e.name.startswith("."))
        except OSError:
            entries = []
        if len(_listing_cache) > 256:
            _listing_cache.clear()
        _listing_cache[key] = entries
    return _listing_cache[key]


def join(doc, page_path, refs):
    """Append the text of the local attachments ``refs`` name to ``doc`` (see the docstring)."""
    from . import read_attachment

    files = resolve(page_path, refs)
    if not files:
        return doc
    had_text = bool(doc.text.strip())
    sheets_only = True
    for path in files:
        try:
            parts = read_attachment(path)
        except Exception:  # a ReadError or a reader's crash: a broken attachment never loses its page
            continue
        text = "\n\n".join(d.text for d in parts if d.text.strip())
        if not text.strip():
            continue
        doc.attachments.append(path)
        sheets_only = sheets_only and os.path.splitext(path)[1].lower() in SHEET_SUFFIXES
        if _already_in(text, doc.text):
            continue
        doc.text = (doc.text.rstrip() + "\n\n" + text) if doc.text.strip() else text
        if any(d.quality == "ocr" for d in parts):
            doc.quality = "ocr"
    if doc.attachments and not had_text and sheets_only:
        doc.header.setdefault("kind", "statistics_table")
    return doc


def _shingles(text):
    chars = "".join(_CJK.findall(text))
    return {chars[i:i + 4] for i in range(max(len(chars) - 3, 0))}


def _already_in(text, page_text):
    """True when the page's text already holds 80% of the attachment's 4-character shingles."""
    mine = _shingles(text)
    if not mine or not page_text.strip():
        return False
    return len(mine & _shingles(page_text)) >= 0.8 * len(mine)


def claimed_by(path):
    """The page (``page.html``, ``export.csv#row12``) that joins the attachment ``path``, or None."""
    if os.path.splitext(path)[1].lower() not in ATTACHMENT_SUFFIXES:
        return None
    target = os.path.abspath(path)
    folder = os.path.dirname(target)
    for directory in (folder, os.path.dirname(folder)):
        pages = [path for path, is_dir in _listing(directory)
                 if not is_dir and os.path.splitext(path)[1].lower() in PAGE_SUFFIXES]
        for page in pages:
            for label, files in _claims(page):
                if target in {os.path.abspath(f) for f in files}:
                    return label
    return None


def _claims(page):
    """[(page label, attachment files)] of one page file, cached by (path, size, mtime)."""
    try:
        stat = os.stat(page)
    except OSError:
        return []
    key = (os.path.abspath(page), stat.st_size, stat.st_mtime_ns)
    if key not in _claims_cache:
        _claims_cache[key] = [(label, resolve(page, refs)) for label, refs in page_refs(page)]
    return _claims_cache[key]


def page_refs(page):
    """[(label, links)] of a page file: one per CSV/JSONL row, one for an HTML/MHTML page."""
    suffix = os.path.splitext(page)[1].lower()
    try:
        with open(page, "rb") as f:
            data = f.read()
    except OSError:
        return []
    try:
        if suffix in (".csv", ".jsonl"):
            from .rows import row_attachment_refs

            return row_attachment_refs(page, data, suffix)
        if suffix in (".mht", ".mhtml"):
            from .mhtml import html_payload

            data = html_payload(data) or b""
        return [(page, html_links(data))]
    except (ReadError, ValueError, UnicodeError):
        return []
