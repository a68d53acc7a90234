"""Cleaning of extracted text. (Placeholder.)"""


def clean_text(text):
    """Return ``text`` cleaned of conversion artifacts."""
    return text.strip()
