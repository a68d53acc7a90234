"""File → Report: readers, cleaning, metadata and sections glued together."""
import os
from dataclasses import dataclass

from . import clean, metadata, readers, sections, stats
from .labels import KINDS
from .report import Report, ReadError


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


def build_report(doc):
    """Clean a reader's Document and extract its metadata and sections."""
    text = clean.clean_text(doc.text)
    report = Report(path=doc.path, text=text, format=doc.format, source_quality=doc.quality,
                    attachments=list(doc.attachments))
    metadata.apply_metadata(report, doc.header)
    if doc.header.get("kind") in KINDS:  # the reader knows better (a spreadsheet alone)
        report.kind = doc.header["kind"]
    report.sections = sections.split_sections(text)
    # the reader's own text: cleaning merges the tab and blank-line runs that mark blank cells
    result = stats.extract_stats(doc.text, prose=report.kind != "other")
    report.stats = None if result.empty else result.to_dict()
    report.stats_issues = result.issues
    return report


def extract_file(path):
    """Return the list of Reports in one file, or an ExtractError."""
    try:
        docs = readers.read_file(path)
    except ReadError as exc:
        return ExtractError(path, str(exc))
    except Exception as exc:  # a broken file must never stop a whole run
        return ExtractError(path, f"unreadable ({type(exc).__name__}: {exc})")
    reports = []
    for doc in docs:
        report = build_report(doc)
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
