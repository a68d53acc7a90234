"""Readers: one function per file format, chosen by suffix. (Placeholder: txt only.)"""
from pathlib import Path

from .report import Document, ReadError


def read_txt(path):
    """Read a UTF-8 text file."""
    return [Document(path=str(path), text=Path(path).read_text("utf-8-sig"), format="txt")]


READERS = {".txt": read_txt}


def read_file(path):
    """Return the Documents in ``path``; raise ReadError when it cannot be read."""
    reader = READERS.get(Path(path).suffix.lower())
    if reader is None:
        raise ReadError(f"unsupported file type {Path(path).suffix or '(none)'}")
    return reader(path)
