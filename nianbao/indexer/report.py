"""The plain data that flows between pipeline stages."""
import hashlib
from dataclasses import asdict, dataclass, field


@dataclass
class Document:
    """What a reader returns: one document's raw text and the fields its container stated.

    ``header`` holds what the file itself says about the document, outside its body:
    a crawler header block (标题/发布时间/来源/原文链接), an HTML page's <title> and date,
    a CSV row's 标题/时间/访问地址 columns. Keys used: ``title``, ``date``, ``source``,
    ``url``, ``agency``, and ``kind`` (a reader's hint: ``statistics_table`` for a
    spreadsheet standing alone).

    ``quality`` is ``"text"`` when the text came from the file's own text, ``"ocr"`` when any
    of it was recognised from images (scanned PDF pages, images, an OCR'd attachment).
    ``attachments`` lists the local files whose text was joined to this document.
    """

    path: str
    text: str
    format: str
    header: dict = field(default_factory=dict)
    quality: str = "text"
    attachments: list[str] = field(default_factory=list)


@dataclass
class Section:
    """A top-level section: canonical ``key``/``label``, the heading as published,
    and ``[start, end)`` character offsets into ``Report.text``."""

    key: str
    label: str
    heading: str
    start: int
    end: int


@dataclass
class Report:
    """One report, ready for indexing. Unknown fields are None, never guessed."""

    path: str
    text: str
    format: str
    title: str | None = None
    agency: str | None = None
    agency_type: str | None = None
    province: str | None = None
    city: str | None = None
    district: str | None = None
    level: str | None = None  # labels.LEVELS key: central / province / city / county / town
    town: str | None = None  # the 乡/镇/街道/苏木 when the publisher is one
    year: int | None = None
    published: str | None = None
    kind: str = "annual_report"
    sections: list[Section] = field(default_factory=list)
    source_quality: str = "text"  # "text" (native text) or "ocr" (any of it recognised from images)
    attachments: list[str] = field(default_factory=list)  # local files joined into this report
    truncated: bool = False  # the text was cut at the report length limit (indexer.limits)
    # the statutory tables' figures (``indexer.stats``): {"format", "values"} or None, and their issues
    stats: dict | None = None
    stats_issues: list = field(default_factory=list)

    def to_dict(self):
        """The JSON shape of ``nianbao extract --json``."""
        data = asdict(self)
        return {
            "path": data.pop("path"),
            "title": data.pop("title"),
            **data,
        }


class ReadError(Exception):
    """A file that cannot be read; the message names the reason (not the path)."""


def report_id(path):
    """Stable id of a report: 16 hex chars of the SHA-1 of its document path."""
    return hashlib.sha1(path.encode("utf-8")).hexdigest()[:16]
