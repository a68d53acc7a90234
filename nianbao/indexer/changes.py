"""What changed since last year: a report's sentences against the same office's previous report.

A sentence is a run of text between 。！？；!?; or line breaks, compared in its matching form
(``fold.normal``) with whitespace removed; runs shorter than ``MIN_SENTENCE`` characters
(table cells, numbers, short headings) are not sentences. ``sentence_hashes`` gives a report's
distinct sentences as 32-bit BLAKE2 hashes (stable across processes, unlike ``hash()``; two
reports' hundred sentences collide by chance about once in a hundred thousand pairs),
which the build stores so ``copied_share`` — the share of this year's sentences found
word for word in last year's — is one sorted-array intersection per report (the
``沿用上年比例`` figure: filter and sort by it). ``diff`` gives the sentence-level changes
for the report page: each sentence of either year marked same / added / removed.
"""
import difflib
import re
from hashlib import blake2b

import numpy as np

from .fold import normal

MIN_SENTENCE = 6
MAX_OPS = 3000  # sentences shown in one diff (a longer report's diff is cut, and says so)
_SPLIT = re.compile(r"[。！？；!?;\n]+")
_SPACE = re.compile(r"\s+")


def sentences(text):
    """The report's sentences as published, each with its comparison form: [(shown, form)]."""
    out = []
    for piece in _SPLIT.split(text or ""):
        shown = piece.strip()
        form = _SPACE.sub("", normal(shown))
        if len(form) >= MIN_SENTENCE:
            out.append((shown, form))
    return out


def sentence_hashes(text):
    """Sorted distinct 32-bit hashes of the report's sentences (comparison forms)."""
    found = {int.from_bytes(blake2b(form.encode("utf-8"), digest_size=4).digest(), "little")
             for _, form in sentences(text)}
    return np.array(sorted(found), dtype=np.uint32)


def copied_share(mine, previous):
    """Share of ``mine``'s sentences also in ``previous`` (sorted hash arrays); NaN if none."""
    if not len(mine):
        return float("nan")
    return len(np.intersect1d(mine, previous, assume_unique=True)) / len(mine)


def diff(previous_text, text):
    """Sentence-level changes from last year's text to this year's.

    Returns {"ops": [{"op": "same"|"added"|"removed", "text": sentence}], "share": copied
    share of this year's sentences, "cut": True when the list was cut at ``MAX_OPS``}.
    """
    old, new = sentences(previous_text), sentences(text)
    matcher = difflib.SequenceMatcher(None, [f for _, f in old], [f for _, f in new], autojunk=False)
    ops = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops += [{"op": "same", "text": s} for s, _ in new[j1:j2]]
        else:
            ops += [{"op": "removed", "text": s} for s, _ in old[i1:i2]]
            ops += [{"op": "added", "text": s} for s, _ in new[j1:j2]]
    before = {f for _, f in old}
    forms = {f for _, f in new}
    share = len(forms & before) / len(forms) if forms else None
    return {"ops": ops[:MAX_OPS], "share": share, "cut": len(ops) > MAX_OPS}
