"""The form text is matched in: traditional characters folded to simplified, then lowercased.

``normal(text)`` is what the index stores terms of and what queries are compared with, so
應急管理局 finds 应急管理局 and the reverse, and 'APP' finds 'app'. The fold table
(``data/fold.tsv``, generated from OpenCC by ``scripts/make_fold.py``) maps one character to
one character, so ``normal(text)`` has the length of ``text`` (except for the handful of
characters whose lowercase is longer, such as 'İ'): match offsets found in the normal form
are offsets into the text as published, which is what is displayed and highlighted.
"""
import re
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "fold.tsv"
# How a text's matching form differs from it (``form_flags``), for the matcher's fast paths.
ASCII_CASE, OTHER_CASE, FOLDS = 1, 2, 4
_ASCII_UPPER = re.compile(r"[A-Z]")


@lru_cache(maxsize=1)
def _table():
    """(translate table, the set of characters it folds)."""
    pairs = {}
    with open(DATA, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or "\t" not in line:
                continue
            trad, simp = line.rstrip("\n").split("\t")
            pairs[ord(trad)] = simp
    # A set's isdisjoint() finds them 15x faster than a character-class regex over 5,000 chars.
    return pairs, frozenset(chr(c) for c in pairs)


def fold(text):
    """``text`` with traditional characters replaced by their simplified forms (same length)."""
    table, folds = _table()
    return text if folds.isdisjoint(text) else text.translate(table)


def normal(text):
    """The matching form of ``text``: folded to simplified, then lowercased."""
    table, folds = _table()
    # translate() looks every character up in a dict: only texts that need it pay for it.
    return (text if folds.isdisjoint(text) else text.translate(table)).lower()


def form_flags(text):
    """Bits saying how ``normal(text)`` differs from ``text``: ASCII_CASE (capital ASCII
    letters), OTHER_CASE (other letters that lowercase, such as Ａ), FOLDS (traditional
    characters); 0 when the text is its own matching form."""
    flags = 0 if _table()[1].isdisjoint(text) else FOLDS
    lowered = text.lower()
    if lowered != text:
        if _ASCII_UPPER.search(text):
            flags |= ASCII_CASE
        if text.encode("utf-8").lower() != lowered.encode("utf-8"):
            flags |= OTHER_CASE
    return flags


def load():
    """Load the fold table now (before forking workers or serving)."""
    _table()
