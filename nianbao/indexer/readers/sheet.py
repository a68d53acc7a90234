"""Spreadsheets: statistics tables published as .xls/.et (xlrd) and .xlsx (openpyxl).

Decisions:
- Each visible sheet becomes rows of tab-separated cells, as tables read from Word and HTML:
  a merged cell is written once in its row and repeated in the rows it spans below (python-docx's
  row.cells, so the statistics extraction reads every format's tables alike). Empty cells inside
  a row stay (columns keep their place), trailing empty cells and empty rows are dropped, a
  cell's own line breaks become spaces. Hidden sheets (lookup lists, drafts) are skipped.
- With more than one sheet, each sheet's rows follow a line with its name unless the name is a
  default one (Sheet1, 工作表1), and sheets are separated by a blank line.
- Values as shown, not as stored: a whole number without ``.0`` (335.0 → 335), other numbers
  with at most 15 significant digits (binary noise dropped), dates as ``YYYY-MM-DD``, formulas
  by their cached result (openpyxl ``data_only``; a formula never calculated reads empty),
  error cells empty.
- A spreadsheet standing alone is a statistics table: ``header["kind"] = "statistics_table"``
  for metadata to honour. Attached to a page it is part of that page's report (attachments.py).
- .et (WPS spreadsheets) is the same BIFF8 workbook as .xls inside an OLE2 file, or an xlsx zip
  in newer WPS versions; the file's bytes decide which reader runs.
- xlrd writes warnings to stdout by default; they go to a null stream, since stdout may be
  ``nianbao extract --json``.
"""
import datetime
import io
import os
import re
import zipfile

from ..report import Document, ReadError

STATISTICS_TABLE = "statistics_table"
_DEFAULT_SHEET = re.compile(r"^\s*(?:sheet|工作表)\s*\d*\s*$", re.I)
_LINE_BREAKS = re.compile(r"\s*[\r\n\v]+\s*")
_ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"}


def read_xls(path, data):
    """Read a BIFF (.xls/.et) workbook with xlrd: every visible sheet as rows of cells."""
    import xlrd

    with open(os.devnull, "w") as quiet:
        try:
            try:
                book = xlrd.open_workbook(file_contents=data, formatting_info=True, logfile=quiet)
            except NotImplementedError:  # formatting_info is not supported for every BIFF version
                book = xlrd.open_workbook(file_contents=data, logfile=quiet)
        except xlrd.XLRDError as exc:
            raise ReadError(f"not a readable Excel workbook ({exc})") from exc
        except (xlrd.compdoc.CompDocError, AssertionError, IndexError, KeyError, ValueError, OSError,
                EOFError, UnicodeDecodeError) as exc:
            raise ReadError(f"truncated or corrupt Excel workbook ({type(exc).__name__})") from exc
    sheets = []
    for sheet in book.sheets():
        if sheet.visibility != 0:
            continue
        grid = [[_xls_value(sheet.cell(r, c), book.datemode) for c in range(sheet.row_len(r))]
                for r in range(sheet.nrows)]
        merged = [(rlo, rhi - 1, clo, chi - 1) for rlo, rhi, clo, chi in sheet.merged_cells]
        sheets.append((sheet.name, _rows(grid, merged)))
    return [_document(path, sheets, _suffix_format(path, "xls"))]


def read_xlsx(path, data):
    """Read an .xlsx workbook with openpyxl: every visible sheet as rows of cells."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, EOFError) as exc:
        raise ReadError(f"truncated or corrupt xlsx ({type(exc).__name__})") from exc
    except Exception as exc:  # openpyxl raises its own errors for malformed parts
        raise ReadError(f"not a readable xlsx workbook ({type(exc).__name__})") from exc
    sheets = []
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue
        grid = [[_value(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        merged = [(m.min_row - 1, m.max_row - 1, m.min_col - 1, m.max_col - 1)
                  for m in sheet.merged_cells.ranges]
        sheets.append((sheet.title, _rows(grid, merged)))
    return [_document(path, sheets, _suffix_format(path, "xlsx"))]


def _suffix_format(path, default):
    return "et" if str(path).lower().endswith(".et") else default


def _document(path, sheets, fmt):
    sheets = [(name, rows) for name, rows in sheets if rows]
    parts = []
    for name, rows in sheets:
        if len(sheets) > 1 and not _DEFAULT_SHEET.match(name):
            rows = [name.strip()] + rows
        parts.append("\n".join(rows))
    return Document(path=str(path), text="\n\n".join(parts), format=fmt,
                    header={"kind": STATISTICS_TABLE})


def _rows(grid, merged):
    """Tab-separated lines of a sheet's cell grid, merged ranges as the docx reader writes them."""
    skip, repeat = set(), {}
    for top, bottom, left, right in merged:
        for r in range(top, bottom + 1):
            for c in range(left, right + 1):
                if (r, c) != (top, left):
                    skip.add((r, c))
            if r != top:
                repeat[(r, left)] = (top, left)
    lines = []
    for r, row in enumerate(grid):
        cells = []
        for c in range(len(row)):
            if (r, c) in repeat:
                top, left = repeat[(r, c)]
                cells.append(grid[top][left] if left < len(grid[top]) else "")
            elif (r, c) not in skip:
                cells.append(row[c])
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            lines.append("\t".join(cells))
    return lines


def _xls_value(cell, datemode):
    import xlrd

    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return _value(xlrd.xldate.xldate_as_datetime(cell.value, datemode))
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return _value(cell.value)
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if cell.value else "FALSE"
    if cell.ctype in (xlrd.XL_CELL_ERROR, xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    return _value(cell.value)


def _value(value):
    """A cell's value as the spreadsheet shows it (see the module docstring)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else format(value, ".15g")
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(" ", "minutes")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    text = str(value)
    if text in _ERRORS:
        return ""
    return _LINE_BREAKS.sub(" ", text.strip())
