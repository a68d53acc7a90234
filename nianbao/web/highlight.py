"""HTML for highlighted text, made here at the edge from plain text and match offsets.

The search service returns snippets as ``{"text", "matches"}`` and a report's text with the
offsets of its matches; every slice of text is escaped and the only markup added is our
own ``<mark>``, so document text is always shown as text.
"""
from markupsafe import Markup, escape


def snippet_html(snippet):
    """A snippet dict as Markup: its text escaped, each match wrapped in ``<mark>``."""
    text, out, pos = snippet["text"], [], 0
    for start, end in _merge(snippet.get("matches") or [], len(snippet["text"])):
        out += [str(escape(text[pos:start])), "<mark>", str(escape(text[start:end])), "</mark>"]
        pos = end
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


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
