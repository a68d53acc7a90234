"""Section splitting and the canonical taxonomy. (Placeholder.)"""
from .report import Section


def split_sections(text):
    """Return the report's top-level sections."""
    return [Section("other", "其他", "", 0, len(text))]
