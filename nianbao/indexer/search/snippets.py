"""Match offsets and highlighted snippets, computed on the stored text (no 32K limit).

Whoosh's highlighter re-analyses only the first 32K characters of a field; reports are
often longer, so we find the query's literal strings in the stored section text ourselves.

Decisions:
- A literal matches case-insensitively (as the analyzers lowercase), and whitespace in a
  literal (a quoted ``"保密 审查"``) matches any run of whitespace.
- Overlapping matches are merged into one mark covering their union, so the longest
  match always wins and marks never nest or cross (保密审查 and 审查制 in 保密审查制度 →
  one mark over 保密审查制). Touching matches stay separate marks.
- A snippet is one or more whole sentences (ended by 。！？；!?; or a line break) of
  100-200 characters around a match; a sentence longer than 200 characters is cut around
  the match and "…" shows the cut. Windows are ranked by how many distinct literals they
  show, then by matches; up to three non-overlapping windows are returned in text order.
- Whitespace runs inside a snippet are shown as one space.
- A snippet is plain data, ``{"text": str, "matches": [[start, end], ...]}`` with offsets
  into its own text: markup (HTML ``<mark>``, terminal colours) is made at the edge.
"""
import bisect
import re

MIN_CHARS = 100
MAX_CHARS = 200
LEAD_CHARS = 150
MAX_SNIPPETS = 3
_BOUNDARY = re.compile(r"[。！？；!?;\n]")
_SPACE = re.compile(r"\s+")


def literal_pattern(literals):
    """One regex finding every (overlapping) occurrence of any literal, longest first."""
    alts = []
    for lit in sorted({lit for lit in literals if lit.strip()}, key=len, reverse=True):
        alts.append(r"\s+".join(re.escape(part) for part in lit.split()))
    if not alts:
        return None
    # A lookahead matches at every position, so overlapping occurrences are all found.
    return re.compile("(?=(" + "|".join(alts) + "))", re.IGNORECASE)


def find_matches(text, literals, pattern=None):
    """Return merged ``[start, end)`` spans of the literals' occurrences in ``text``."""
    pattern = pattern or literal_pattern(literals)
    if pattern is None:
        return []
    spans = []
    for m in pattern.finditer(text):
        start, end = m.start(1), m.end(1)
        if spans and start < spans[-1][1]:
            if end > spans[-1][1]:
                spans[-1][1] = end
        else:
            spans.append([start, end])
    return spans


def excerpt(text, start, end, spans):
    """``text[start:end]`` as a snippet dict, whitespace folded, the spans inside it as matches."""
    pieces, matches, length, pos = [], [], 0, start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        before, marked = _fold(text[pos:s]), _fold(text[s:e])
        pieces += [before, marked]
        matches.append([length + len(before), length + len(before) + len(marked)])
        length += len(before) + len(marked)
        pos = e
    pieces.append(_fold(text[pos:end]))
    joined = "".join(pieces)
    lead = len(joined) - len(joined.lstrip())
    joined = joined.strip()
    matches = [[max(0, a - lead), min(len(joined), b - lead)] for a, b in matches]
    return {"text": joined, "matches": [m for m in matches if m[0] < m[1]]}


def _fold(piece):
    """A piece of text with its whitespace runs folded into one space."""
    return _SPACE.sub(" ", piece)


def _shifted(snippet, prefix, suffix):
    """The snippet with ``prefix``/``suffix`` (an ellipsis) added, its offsets moved."""
    n = len(prefix)
    return {"text": prefix + snippet["text"] + suffix,
            "matches": [[a + n, b + n] for a, b in snippet["matches"]]}


def sentence_bounds(text):
    """Sorted offsets where a sentence may start: 0, after each terminator, len(text)."""
    bounds = [0]
    bounds.extend(m.end() for m in _BOUNDARY.finditer(text))
    if bounds[-1] != len(text):
        bounds.append(len(text))
    return bounds


def _window(text, bounds, span):
    """The ``(start, end, cut_left, cut_right)`` window of whole sentences around a span."""
    s, e = span
    i = bisect.bisect_right(bounds, s) - 1
    j = bisect.bisect_left(bounds, e)
    start, end = bounds[i], bounds[min(j, len(bounds) - 1)]
    if end - start > MAX_CHARS:
        # One long sentence: cut it around the match.
        room = max(MAX_CHARS - (e - s), 0)
        start = max(start, s - room // 3)
        end = min(end, max(e, start + MAX_CHARS))
        return start, end, start > bounds[i], end < bounds[min(j, len(bounds) - 1)]
    while end - start < MIN_CHARS:
        grew = False
        if j + 1 < len(bounds) and bounds[j + 1] - start <= MAX_CHARS:
            j += 1
            end = bounds[j]
            grew = True
        elif i > 0 and end - bounds[i - 1] <= MAX_CHARS:
            i -= 1
            start = bounds[i]
            grew = True
        if not grew:
            break
    return start, end, False, False


def make_snippets(text, spans, limit=MAX_SNIPPETS):
    """Up to ``limit`` snippet dicts of ``text`` around the given match spans."""
    if not spans:
        return []
    bounds = sentence_bounds(text)
    candidates = {}
    for span in spans:
        window = _window(text, bounds, span)
        candidates.setdefault(window[:2], window)
    # Merged spans are disjoint and sorted, so a window's spans are one slice of them.
    starts, ends = [s for s, _ in spans], [e for _, e in spans]
    keys = [text[s:e].lower() for s, e in spans]
    scored = []
    for (start, end), window in candidates.items():
        first, last = bisect.bisect_right(ends, start), bisect.bisect_left(starts, end)
        distinct = len(set(keys[first:last])) if last - first > 1 else last - first
        scored.append((-distinct, first - last, start, window))
    scored.sort()
    chosen = []
    for _, _, _, window in scored:
        if all(window[1] <= c[0] or window[0] >= c[1] for c in chosen):
            chosen.append(window)
            if len(chosen) == limit:
                break
    out = []
    for start, end, cut_left, cut_right in sorted(chosen):
        out.append(_shifted(excerpt(text, start, end, spans), "…" if cut_left else "",
                            "…" if cut_right else ""))
    return out


def lead_snippet(text, length=LEAD_CHARS):
    """The first ``length`` characters of ``text`` as a snippet without matches."""
    lead = _SPACE.sub(" ", text).strip()
    return {"text": lead[:length] + ("…" if len(lead) > length else ""), "matches": []}
