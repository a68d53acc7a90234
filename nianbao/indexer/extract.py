"""File → Report: readers, cleaning, metadata and sections glued together.

Decisions:
- One guard per file: whatever fails in a file, in its reader or in any step after it
  (cleaning, metadata, sections, statistics: all of ``build_report``), makes that file
  an ExtractError with the reason (naming the row of a crawl CSV/JSONL), never an
  exception that stops ``nianbao index`` or ``nianbao extract``. A file is one unit: when
  one of its documents fails, the file is skipped whole and the summary says which row.
- Size limits (``indexer.limits``): a file over ``max_file_bytes`` is not read at all (an
  ExtractError naming its size and the limit); a report whose clean text is longer than
  ``max_report_chars`` keeps its first ``max_report_chars`` characters, cut at a line
  break where one is near, and a warning naming the file goes to the ``nianbao.extract``
  log (stderr of ``nianbao index``/``extract``). Real reports are 2,000 to 30,000
  characters and their files rarely over 10 MB, so the defaults (64 MB, 500,000
  characters) only stop files that are no report (a 50 MB text dump), and keep a report
  page and a one-character query on it fast. Where the limits come from: ``indexer.limits``.
"""
import logging
import os
from stat import S_ISREG
from dataclasses import dataclass

from . import clean, metadata, readers, sections, stats
from .labels import KINDS
from .limits import get_limits
from .report import Report, ReadError

log = logging.getLogger("nianbao.extract")

_CUT_AT_LINE = 2000  # look this far back for a line break to cut a long report at


@dataclass
class ExtractError:
    """A file that could not be turned into reports, and why."""

    path: str
    reason: str

    def __str__(self):
        return f"{self.path}: {self.reason}"


def iter_files(paths):
    """Yield every file under ``paths`` (files and folders, recursively, sorted)."""
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        yield os.path.join(root, name)
        else:
            yield path


def build_report(doc, limits=None):
    """Clean a reader's Document and extract its metadata, sections and statistics."""
    limits = limits or get_limits()
    # Clean at most twice the limit: cleaning only shrinks text, and never reads the rest
    # of a huge dump.
    raw = doc.text[:2 * limits.max_report_chars]
    text = clean.clean_text(raw)
    truncated = len(text) > limits.max_report_chars or len(raw) < len(doc.text)
    if truncated:
        text = _cut(text, limits.max_report_chars)
        log.warning("%s: text cut to its first %d characters (report length limit %d; "
                    "--max-report-chars raises it)", doc.path, len(text), limits.max_report_chars)
    report = Report(path=doc.path, text=text, format=doc.format, source_quality=doc.quality,
                    attachments=list(doc.attachments), truncated=truncated)
    metadata.apply_metadata(report, doc.header)
    if doc.header.get("kind") in KINDS:  # the reader knows better (a spreadsheet alone)
        report.kind = doc.header["kind"]
    report.sections = sections.split_sections(text)
    # the reader's own text: cleaning merges the tab and blank-line runs that mark blank cells
    result = stats.extract_stats(raw, prose=report.kind != "other")
    report.stats = None if result.empty else result.to_dict()
    report.stats_issues = result.issues
    return report


def _cut(text, limit):
    """The first ``limit`` characters of ``text``, ending at a line break when one is near."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    line_end = head.rfind("\n", limit - _CUT_AT_LINE)
    return head[:line_end] if line_end > 0 else head


def read_documents(path, limits=None):
    """The reader's Documents of one file, or an ExtractError (too large, unreadable)."""
    limits = limits or get_limits()
    try:
        info = os.stat(path)
    except OSError as exc:
        return ExtractError(path, f"cannot open ({exc.strerror or exc})")
    if not S_ISREG(info.st_mode):  # a FIFO or a device would block the read
        return ExtractError(path, "not a regular file")
    size = info.st_size
    if size > limits.max_file_bytes:
        return ExtractError(path, f"file too large: {size / 2**20:.1f} MB, limit "
                                  f"{limits.max_file_bytes / 2**20:g} MB (--max-file-mb raises it)")
    try:
        return readers.read_file(path)
    except ReadError as exc:
        return ExtractError(path, str(exc))
    except Exception as exc:  # a broken file must never stop a whole run
        return ExtractError(path, f"unreadable ({type(exc).__name__}: {exc})")


def failed_step(path, doc, exc):
    """The ExtractError of a file one of whose documents failed after the reader."""
    where = doc.path[len(str(path)):] if doc.path.startswith(str(path)) else ""  # "#row5"
    return ExtractError(path, f"extraction failed{' at ' + where if where else ''} "
                              f"({type(exc).__name__}: {exc})")


def extract_file(path, limits=None):
    """Return the list of Reports in one file, or an ExtractError (never raises)."""
    limits = limits or get_limits()
    docs = read_documents(path, limits)
    if isinstance(docs, ExtractError):
        return docs
    reports = []
    for doc in docs:
        try:
            report = build_report(doc, limits)
        except Exception as exc:  # any step after the reader, the same guard
            return failed_step(path, doc, exc)
        if report.text.strip():
            reports.append(report)
    if not reports:
        return ExtractError(path, "no text found")
    return reports


def extract_paths(paths):
    """Yield Reports and ExtractErrors for every file under ``paths``."""
    for path in iter_files(paths):
        result = extract_file(path)
        if isinstance(result, ExtractError):
            yield result
        else:
            yield from result
