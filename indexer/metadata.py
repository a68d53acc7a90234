"""Metadata extraction. (Placeholder.)"""


def apply_metadata(report, header):
    """Fill ``report``'s metadata fields from its text and the reader's ``header``."""
    report.title = header.get("title")
