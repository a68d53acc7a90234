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


def match_count(matches, length):
    """How many highlighted matches ``matches`` make (overlapping ones merge)."""
    return len(_merge(matches or [], length))


def render_text(text, sections, matches, start=0, end=None):
    """Return (Markup of ``text[start:end]``, number of matches shown).

    Each section is a ``<section id="at-{start}">`` (start = its character offset, so the
    outline links to it) and each match a ``<mark id="m{n}">``, numbered across the whole
    text, so ``#m0`` is the first match wherever the page starts. A match crossing a
    section start (or the page's ends) is split there and continues in the next section.
    A page that starts inside a section opens it without an id (its anchor is on the page
    where it starts).
    """
    end = len(text) if end is None else end
    all_spans = _merge(matches or [], len(text))
    n = sum(1 for _, e in all_spans if e <= start)
    spans = [(max(a, start), min(b, end)) for a, b in all_spans if b > start and a < end]
    starts = {s["start"] for s in sections if start < s["start"] < end}
    span_at = {s: e for s, e in spans}
    cuts = sorted(starts | {start, end} | {p for span in spans for p in span})
    opening = start == 0 or any(s["start"] == start for s in sections)
    out = [f'<section class="sec" id="at-{start}">' if opening else '<section class="sec">']
    shown, mark_end = 0, -1
    for a, b in zip(cuts, cuts[1:]):
        if a in starts:
            out.append("</mark>" if a < mark_end else "")
            out.append(f'</section><section class="sec" id="at-{a}">')
            out.append("<mark>" if a < mark_end else "")
        if a in span_at:
            mark_end = span_at[a]
            out.append(f'<mark id="m{n}">')
            n += 1
            shown += 1
        out.append(str(escape(text[a:b])))
        if b == mark_end:
            out.append("</mark>")
    out.append("</section>")
    return Markup("".join(out)), shown


def text_pages(text, size):
    """``[start, end)`` of each page of a long text: about ``size`` characters, ending after a
    line break where one falls in the page's second half."""
    bounds, start = [], 0
    while len(text) - start > size:
        cut = text.rfind("\n", start + size // 2, start + size)
        end = cut + 1 if cut >= 0 else start + size
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds
