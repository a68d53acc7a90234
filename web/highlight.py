"""Safe HTML for highlighted text: snippets from the service and the report page's full text.

Snippets arrive as HTML strings with ``<mark>`` around matches. They are not trusted:
``safe_snippet`` splits on the mark tags, unescapes and re-escapes every other piece
(so a stray ``<script>`` or ``<b>`` becomes visible text) and re-inserts only balanced
``<mark>``/``</mark>``. The report page builds its HTML from plain text and match offsets,
escaping every slice, so document text is always shown as text.
"""
import html
import re

from markupsafe import Markup, escape

_MARK = re.compile(r"(</?mark>)", re.IGNORECASE)


def safe_snippet(snippet):
    """Return the snippet as Markup whose only tags are balanced <mark> pairs."""
    out, open_mark = [], False
    for piece in _MARK.split(snippet):
        tag = piece.lower()
        if tag == "<mark>":
            if not open_mark:
                out.append("<mark>")
                open_mark = True
        elif tag == "</mark>":
            if open_mark:
                out.append("</mark>")
                open_mark = False
        elif piece:
            out.append(str(escape(html.unescape(piece))))
    if open_mark:
        out.append("</mark>")
    return Markup("".join(out))


def plain_snippet(snippet):
    """Return the snippet as plain text (marks dropped), for exports."""
    return html.unescape(_MARK.sub("", snippet))


def _merge(matches, length):
    """Sorted, non-overlapping, in-range match spans (the longest wins where they overlap)."""
    spans = []
    for start, end in sorted((max(0, s), min(length, e)) for s, e in matches):
        if end <= start:
            continue
        if spans and start < spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    return spans


def render_text(text, sections, matches):
    """Return (Markup of the full text, number of matches).

    Each section is a ``<section id="at-{start}">`` (start = its character offset, so the
    outline links to it) and each match a ``<mark id="m{n}">``, so ``#m0`` is the first match.
    A match crossing a section start is split there and continues in the next section.
    """
    spans = _merge(matches or [], len(text))
    starts = {s["start"] for s in sections if 0 < s["start"] < len(text)}
    span_at = {s: e for s, e in spans}
    cuts = sorted(starts | {0, len(text)} | {p for span in spans for p in span})
    out = ['<section class="sec" id="at-0">']
    n, mark_end = 0, -1
    for a, b in zip(cuts, cuts[1:]):
        if a in starts:
            out.append("</mark>" if a < mark_end else "")
            out.append(f'</section><section class="sec" id="at-{a}">')
            out.append("<mark>" if a < mark_end else "")
        if a in span_at:
            mark_end = span_at[a]
            out.append(f'<mark id="m{n}">')
            n += 1
        out.append(str(escape(text[a:b])))
        if b == mark_end:
            out.append("</mark>")
    out.append("</section>")
    return Markup("".join(out)), n
