"""Input size limits of the extraction: the largest file read, the longest report kept.

Decisions:
- Defaults: 64 MB per file and 500,000 characters of clean text per report. Real reports
  are 2,000 to 30,000 characters and their files (PDFs with scans of the seal included)
  rarely over 10 MB, so the defaults stop only what is no report (a 50 MB text dump)
  and keep a report page, and a one-character query on it, fast.
- Where they come from: ``NIANBAO_MAX_FILE_MB`` and ``NIANBAO_MAX_REPORT_CHARS`` in the
  environment, else the defaults; the ``nianbao index``/``extract`` options
  ``--max-file-mb`` and ``--max-report-chars`` replace them with ``set_limits`` before any
  work starts (the build's worker processes are forked afterwards and see the same).
- What happens past a limit is ``indexer.extract``'s: a file too large is skipped with its
  reason, a report too long is cut (with a warning naming the file).
"""
import math
import os
from dataclasses import dataclass

DEFAULT_MAX_FILE_MB = 64
DEFAULT_MAX_REPORT_CHARS = 500_000


@dataclass(frozen=True)
class Limits:
    """Input size limits: the largest file read, the longest report text kept."""

    max_file_bytes: int = DEFAULT_MAX_FILE_MB * 2**20
    max_report_chars: int = DEFAULT_MAX_REPORT_CHARS


def limits_from_env(environ=None):
    """Limits from ``NIANBAO_MAX_FILE_MB`` / ``NIANBAO_MAX_REPORT_CHARS``, else the defaults."""
    environ = os.environ if environ is None else environ

    def number(name, default):
        raw = (environ.get(name) or "").strip()
        if not raw:
            return default
        try:
            value = float(raw)
        except ValueError:
            raise ValueError(f"{name} must be a positive number, got {raw!r}") from None
        if not math.isfinite(value) or value <= 0:
            raise ValueError(f"{name} must be a positive number, got {raw!r}")
        return value

    return Limits(max_file_bytes=int(number("NIANBAO_MAX_FILE_MB", DEFAULT_MAX_FILE_MB) * 2**20),
                  max_report_chars=int(number("NIANBAO_MAX_REPORT_CHARS", DEFAULT_MAX_REPORT_CHARS)))


_limits = None


def get_limits():
    """The limits in force (``set_limits``, else the environment's, else the defaults)."""
    global _limits
    if _limits is None:
        _limits = limits_from_env()
    return _limits


def set_limits(limits):
    """Replace the limits in force for this process (and the workers it forks later)."""
    global _limits
    _limits = limits
