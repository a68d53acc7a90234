"""The form text is matched in: traditional characters folded to simplified, then lowercased.

``normal(text)`` is what the index stores terms of and what queries are compared with, so
應急管理局 finds 应急管理局 and the reverse, and 'APP' finds 'app'. The fold table
(``data/fold.tsv``, generated from OpenCC by ``scripts/make_fold.py``) maps one character to
one character, so ``normal(text)`` has the length of ``text`` (except for the handful of
characters whose lowercase is longer, such as 'İ'): match offsets found in the normal form
are offsets into the text as published, which is what is displayed and highlighted.
"""
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "fold.tsv"


@lru_cache(maxsize=1)
def _table():
    pairs = {}
    with open(DATA, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or "\t" not in line:
                continue
            trad, simp = line.rstrip("\n").split("\t")
            pairs[ord(trad)] = simp
    return pairs


def fold(text):
    """``text`` with traditional characters replaced by their simplified forms (same length)."""
    return text.translate(_table())


def normal(text):
    """The matching form of ``text``: folded to simplified, then lowercased."""
    return text.translate(_table()).lower()


def load():
    """Load the fold table now (before forking workers or serving)."""
    _table()
