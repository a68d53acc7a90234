"""Word .docx reader: the text python-docx would give, read straight from the package's XML.

Decisions:
- The body's paragraphs and tables in document order; a table row is one line of
  tab-separated cells (a merged cell is written once); page headers/footers are skipped.
  The text is python-docx's (Paragraph.text, row.cells; a test compares them on real
  reports) but read with lxml from the main document part that ``_rels/.rels`` names, with
  two compiled XPaths: opening a package through python-docx built objects for every part
  and relationship and cost five times the whole read. A cell marked as continuing a
  vertical merge with no cell above it (python-docx raises) keeps its own text; XML
  comments in the body are skipped; entities are never resolved (no external fetches).
"""
import io
import posixpath
import zipfile

from lxml import etree

from ..report import Document, ReadError

_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True,
                          remove_comments=True)


def main_part(package):
    """The zip member holding a Word package's main document (``word/document.xml`` usually)."""
    rels = etree.fromstring(package.read("_rels/.rels"), _PARSER)
    for rel in rels.iter(_RELS_NS + "Relationship"):
        if rel.get("Type") == _OFFICE_DOCUMENT:
            return posixpath.normpath(rel.get("Target", "").lstrip("/"))
    raise KeyError("no officeDocument relationship")


def read_docx(path, data):
    """Read a .docx: paragraphs and tables in document order."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            root = etree.fromstring(package.read(main_part(package)), _PARSER)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError) as exc:
        raise ReadError(f"truncated or corrupt docx ({type(exc).__name__})") from exc
    except etree.XMLSyntaxError as exc:
        raise ReadError(f"not a Word document (XMLSyntaxError: {exc})") from exc
    body = root.find(_W + "body")
    if body is None:
        raise ReadError("not a Word document (no w:body)")
    return [Document(path=str(path), text=body_text(body), format="docx")]


def body_text(body):
    """The text of a ``w:body`` element: paragraphs, and table rows as tab-separated cells."""
    lines, paragraph = [], None
    # python-docx's Paragraph/_Cell objects cost an xpath per property: walk the XML instead
    for item in _BODY_ITEMS(body):
        if item.__class__ is str:
            paragraph.append(item)
        elif item.tag == _P:
            if paragraph is not None:
                lines.append("".join(paragraph))
            paragraph = []
        elif item.tag == _TBL:
            if paragraph is not None:
                lines.append("".join(paragraph))
            paragraph = None
            lines.extend(_table_rows(item))
        else:
            paragraph.append(_run_item_text(item))
    if paragraph is not None:
        lines.append("".join(paragraph))
    return "\n".join(lines)


# Run text as python-docx's Paragraph.text gives it: the w:t, w:tab, w:br … children of the
# paragraph's runs, its hyperlinks' runs included; text nodes come back as plain strings.
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{%s}" % _W_NS
_P, _TBL, _TR, _TC, _BR = _W + "p", _W + "tbl", _W + "tr", _W + "tc", _W + "br"
_GRID_BEFORE, _GRID_SPAN, _VMERGE, _VAL, _TYPE = (_W + n for n in ("gridBefore", "gridSpan", "vMerge", "val", "type"))
_RUN_CHARS = {_W + "tab": "\t", _W + "ptab": "\t", _W + "cr": "\n", _W + "noBreakHyphen": "-"}


def _paragraph_items(p):
    """XPath (from the parent of ``p`` elements) for the p markers and their runs' text pieces."""
    runs = f"({p}/w:r | {p}/w:hyperlink/w:r)"
    special = "self::w:tab or self::w:ptab or self::w:cr or self::w:br or self::w:noBreakHyphen"
    return f"{p} | {runs}/w:t/text() | {runs}/*[{special}]"


def _xpath(expr):
    return etree.XPath(expr, namespaces={"w": _W_NS}, smart_strings=False)


_BODY_ITEMS = _xpath("w:tbl | " + _paragraph_items("w:p"))
_TABLE_ITEMS = _xpath("w:tr | w:tr/w:trPr/w:gridBefore | w:tr/w:tc | w:tr/w:tc/w:tcPr/w:gridSpan | "
                      "w:tr/w:tc/w:tcPr/w:vMerge | " + _paragraph_items("w:tr/w:tc/w:p"))


def _run_item_text(element):
    """Text of a non-w:t run child: tab, carriage return, non-breaking hyphen or break."""
    if element.tag == _BR:
        # only a line break is text; page and column breaks are not
        return "\n" if element.get(_TYPE, "textWrapping") == "textWrapping" else ""
    return _RUN_CHARS[element.tag]


class _Cell:
    """A w:tc: its grid span, whether it continues a vertical merge, its paragraphs' text."""
    __slots__ = ("span", "continued", "paragraphs", "root")

    def __init__(self):
        self.span, self.continued, self.paragraphs, self.root = 1, False, [], self

    def text(self):
        texts = ("".join(p).strip() for p in self.paragraphs)
        return " ".join(t for t in texts if t)


def _table_rows(tbl):
    """One tab-separated line per row; a merged cell is written once (python-docx's row.cells)."""
    rows, row, cell, paragraph = [], None, None, None
    for item in _TABLE_ITEMS(tbl):
        if item.__class__ is str:
            paragraph.append(item)
            continue
        tag = item.tag
        if tag == _TR:
            row = [0]  # grid columns skipped before the first cell, then the cells
            rows.append(row)
        elif tag == _TC:
            cell = _Cell()
            row.append(cell)
        elif tag == _P:
            paragraph = []
            cell.paragraphs.append(paragraph)
        elif tag == _GRID_SPAN:
            cell.span = int(item.get(_VAL))
        elif tag == _VMERGE:
            cell.continued = item.get(_VAL, "continue") == "continue"
        elif tag == _GRID_BEFORE:
            row[0] = int(item.get(_VAL))
        else:
            paragraph.append(_run_item_text(item))
    lines, above = [], {}
    for row in rows:
        # a cell continuing a vertical merge shows the text of the cell above at its grid offset
        offset, starts, cells, seen = row[0], {}, [], set()
        for cell in row[1:]:
            if cell.continued and offset in above:
                cell.root = above[offset].root
            starts.setdefault(offset, cell)
            offset += cell.span
            root = cell.root
            if root.span > 0 and id(root) not in seen:
                seen.add(id(root))
                cells.append(root.text())
        above = starts
        lines.append("\t".join(cells))
    return lines
