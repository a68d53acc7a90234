"""Word 97-2003 binary documents (.doc, and .wps that WPS Office writes in the same format).

Decisions:
- Read with Debian's ``antiword`` in DocBook mode (``antiword -x db``), parsed with lxml:
  paragraphs in reading order and real table structure (a row per ``<row>``, one tab-separated
  cell per ``<entry>``, the paragraphs of a cell joined by a space, as the docx reader does).
  Antiword's text mode pads table cells into ``|…|`` columns and wraps a long cell over several
  lines, losing which text belongs to which cell.
- antiword over catdoc: on Word 97 files made from real reports' text (LibreOffice, the Word 97
  filter) antiword gave every Chinese character of all five seed reports in order; catdoc garbled
  20–30% of them (pieces stored as 16-bit text decoded as 8-bit). LibreOffice reads them too but
  costs a 2–5 s start per file and a 300 MB install.
- antiword needs a seekable file: it gets the path, or a temporary copy when the bytes did not
  come from that path.
- antiword missing: a clear per-file ReadError naming the Debian package. A file antiword
  rejects (Word 2/6/95, encrypted, damaged) is a ReadError with antiword's own message.
- Headers/footers and text boxes are skipped (antiword skips them; page furniture in reports).
"""
import os
import shutil
import subprocess
import tempfile

from lxml import etree

from ..report import Document, ReadError

MISSING = "需要安装 antiword 才能读取 .doc/.wps 文件（apt-get install antiword）"
TIMEOUT = 120


def read_doc(path, data):
    """Read a Word 97-2003 .doc/.wps file: paragraphs and tables in reading order."""
    binary = shutil.which("antiword")
    if not binary:
        raise ReadError(MISSING)
    if os.path.isfile(path) and os.path.getsize(path) == len(data):
        xml = _antiword(binary, str(path))
    else:
        with tempfile.NamedTemporaryFile(suffix=".doc") as tmp:
            tmp.write(data)
            tmp.flush()
            xml = _antiword(binary, tmp.name)
    fmt = "wps" if str(path).lower().endswith(".wps") else "doc"
    return [Document(path=str(path), text="\n".join(docbook_lines(xml)), format=fmt)]


def _antiword(binary, filename):
    try:
        out = subprocess.run([binary, "-x", "db", filename], capture_output=True, timeout=TIMEOUT,
                             env=dict(os.environ, LC_ALL="C.UTF-8"))
    except subprocess.TimeoutExpired as exc:
        raise ReadError(f"antiword timed out after {TIMEOUT} s") from exc
    if out.returncode != 0 or not out.stdout.strip():
        message = out.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ReadError(f"antiword cannot read it ({message[-1] if message else 'no output'})")
    return out.stdout


def docbook_lines(xml):
    """Lines of antiword's DocBook output: one per paragraph, one tab-separated line per row."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, recover=True,
                             huge_tree=True)
    root = etree.fromstring(xml, parser)
    if root is None:
        raise ReadError("antiword gave no readable output")
    lines = []
    for element in root.iter("para", "row", "title"):
        if element.tag == "title":
            if "".join(element.itertext()).strip():
                lines.append("".join(element.itertext()).strip())
        elif element.tag == "row":
            cells = [" ".join(_para_texts(entry)) for entry in element.iter("entry")]
            lines.append("\t".join(cells))
        elif not any(a.tag in ("entry", "para") for a in element.iterancestors()):
            # a paragraph holding a table only contributes the table's rows
            own = "".join(_text_outside_tables(element)).strip("\n")
            if own.strip() or element.find(".//informaltable") is None:
                lines.append(own.strip(" \n"))
    return lines


def _para_texts(entry):
    """The non-empty lines of a table cell."""
    text = "".join(entry.itertext())
    return [line.strip() for line in text.split("\n") if line.strip()]


def _text_outside_tables(element):
    """Text of ``element`` without the tables nested in it."""
    if element.text:
        yield element.text
    for child in element:
        if child.tag not in ("informaltable", "table"):
            yield from _text_outside_tables(child)
        if child.tail:
            yield child.tail
