"""CSV and JSONL crawl exports: one Document per row (per line).

Decisions:
- Columns are matched by name, case-insensitively, Chinese or English (标题/title,
  内容/正文/content/text, 时间/日期/发布时间/date/pubdate, 访问地址/url/链接, 来源网站/source,
  发布机构/agency); the first matching column wins.
- A row whose content is empty (the page's text was an attachment) is skipped, not an error,
  unless its 附件链接 column names a local file (attachments.py): the attachment's text joins
  the row's document, whether the row has text of its own or not.
- A CSV row is numbered as a spreadsheet does (header = row 1; a multi-line cell is still
  one row), a JSONL line by its line number; Document.path is ``<file>#row<N>``.
- A JSONL line that is not a JSON object is skipped; a file with no content column at all is
  a ReadError.
- A CSV quote that is never closed (or a quoted cell with text after its closing quote)
  would make the rows after it part of one cell: the CSV is parsed strictly and such a
  file is a ReadError naming the row and line where the bad cell starts, rather than
  indexed with rows silently missing.
"""
import csv
import io
import json

from . import attachments
from .text import decode_bytes
from ..report import Document, ReadError

COLUMNS = {
    "title": ("标题", "title", "题目", "文章标题", "名称"),
    "text": ("内容", "正文", "content", "text", "body", "文章内容", "正文内容"),
    "date": ("发布时间", "时间", "日期", "发布日期", "date", "pubdate", "publish_time", "published", "time"),
    "url": ("访问地址", "url", "链接", "原文链接", "网址", "link", "href"),
    "source": ("来源网站", "来源", "source", "site"),
    "agency": ("发布机构", "发文机关", "agency", "publisher"),
    "attachments": ("附件链接", "附件", "附件地址", "attachments", "attachment"),
}

csv.field_size_limit(1 << 30)


def _column_map(names):
    """Map each Document field to the first column that names it."""
    lowered = {str(n).strip().lstrip("\ufeff").lower(): n for n in names}
    found = {}
    for field, aliases in COLUMNS.items():
        for alias in aliases:
            if alias.lower() in lowered:
                found[field] = lowered[alias.lower()]
                break
    return found


def _document(path, number, record, columns, fmt):
    text = str(record.get(columns["text"]) or "")
    refs = attachments.split_refs(record.get(columns.get("attachments")))
    if not text.strip() and not refs:
        return None
    header = {}
    for field in ("title", "date", "url", "source", "agency"):
        value = record.get(columns.get(field))
        if value is not None and str(value).strip():
            header[field] = str(value).strip()
    doc = attachments.join(Document(path=f"{path}#row{number}", text=text, format=fmt, header=header), path, refs)
    return doc if doc.text.strip() else None


def row_attachment_refs(path, data, suffix):
    """[(``file#rowN``, links in its 附件链接 column)] for the rows of a CSV/JSONL export."""
    found = []
    if suffix == ".csv":
        rows = csv.reader(io.StringIO(decode_bytes(data), newline=""))
        names = next(rows, None) or []
        column = _column_map(names).get("attachments")
        if column is None:
            return []
        i = names.index(column)
        for number, row in enumerate(rows, 2):
            if i < len(row) and row[i].strip():
                found.append((f"{path}#row{number}", attachments.split_refs(row[i])))
        return found
    for number, line in enumerate(decode_bytes(data).split("\n"), 1):
        try:
            record = json.loads(line) if line.strip() else None
        except json.JSONDecodeError:
            continue
        if isinstance(record, dict):
            column = _column_map(record.keys()).get("attachments")
            if column is not None and record.get(column):
                found.append((f"{path}#row{number}", attachments.split_refs(record[column])))
    return found


def _csv_rows(text):
    """Yield (spreadsheet row number, cells); raise ReadError at a row with a broken quote."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    number = 0
    while True:
        number, line = number + 1, reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error:
            raise ReadError(f"unbalanced quote in row {number} (line {line}): a quoted cell is not "
                            f"closed where it should be, so the rows after it would be lost") from None
        yield number, row


def read_csv(path, data):
    """Read a crawl CSV: one Document per row with content."""
    rows = _csv_rows(decode_bytes(data))
    names = next(rows, (1, None))[1]
    columns = _column_map(names or [])
    if "text" not in columns:
        raise ReadError("CSV has no content column (内容/正文/content/text)")
    index = {name: i for i, name in enumerate(names)}
    docs = []
    for number, row in rows:
        record = {name: row[i] for name, i in index.items() if i < len(row)}
        doc = _document(path, number, record, columns, "csv")
        if doc:
            docs.append(doc)
    return docs


def read_jsonl(path, data):
    """Read a crawl JSONL file: one Document per line (a JSON object) with content."""
    docs, seen_content_key = [], False
    for number, line in enumerate(decode_bytes(data).split("\n"), 1):
        try:
            record = json.loads(line) if line.strip() else None
        except json.JSONDecodeError:
            continue
        if not isinstance(record, dict):
            continue
        columns = _column_map(record.keys())
        if "text" not in columns:
            continue
        seen_content_key = True
        doc = _document(path, number, record, columns, "jsonl")
        if doc:
            docs.append(doc)
    if not seen_content_key:
        raise ReadError("JSONL has no object with a content field (内容/正文/content/text)")
    return docs
