"""The publishing agency: its fullest name as published, from title, signature, phrases and header."""
from . import agencies
from .divisions import divisions
from .patterns import REPORT_WORDS, SIGNATURE, TAIL, TITLE_YEAR


def title_agency(title):
    """The publisher named in a title (year and report words removed), or None."""
    if not title:
        return None
    rest = TITLE_YEAR.sub("", title)
    cut = REPORT_WORDS.search(rest)
    rest = (rest[:cut.start()] if cut else rest).strip(" \u3000\t-—_：:（）()")
    if not rest:
        return None
    return agencies.parse_full(rest) or agencies.parse_prefix(rest)


def signature_agencies(text):
    """Agencies signing the report: a name before a date, or a last line that is a name."""
    tail = text[-TAIL:]
    found = [agencies.parse_full(m.group(1)) for m in SIGNATURE.finditer(tail) if m.group(1)]
    lines = [line.strip(" \t\u3000") for line in tail.splitlines() if line.strip(" \t\u3000")]
    for line in lines[-3:]:
        found.append(agencies.parse_full(line) if len(line) <= 30 else None)
    return [name for name in reversed(found) if name and agencies.split_agency(name)[1]]


def find_agency(title, text, header):
    """The publishing body's fullest name as published, or None."""
    candidates = signature_agencies(text) + agencies.phrase_agencies(text)
    for key in ("agency", "source"):
        value = header.get(key) or ""
        name = agencies.parse_prefix(value) if "http" not in value else None
        if name:
            candidates.append(name)
    base = title_agency(title) or (candidates[0] if candidates else None)
    if base is None:
        return None
    if not agencies.split_agency(base)[1]:
        base = _government_of(base, candidates, text) or base
    return _fullest(base, candidates, text)


def _government_of(place, candidates, text):
    # The formal name the text uses most (人民政府, 管委会), else a government candidate (…政府).
    counts = {place + suffix: text.count(place + suffix) for suffix in ("人民政府", "管委会", "管理委员会")}
    best = max(counts, key=counts.get)
    if counts[best]:
        return best
    for name in candidates:
        names, _function = agencies.split_agency(name)
        if "".join(names) == place and agencies.agency_type(name) in agencies.GOVERNMENT_TYPES:
            return name
    return None


def _level(place):
    return 3 if place.district else 2 if place.city else 1 if place.province else 0


def _place_of(name, text=""):
    return divisions().resolve(agencies.split_agency(name)[0], text)


def _fullest(base, candidates, text):
    """The longest name of the same body as ``base`` among the candidates and its mentions."""
    kind, place = agencies.agency_type(base), _place_of(base, text)
    level = _level(place)
    pool = candidates + _prefixed_mentions(base, text) + _renamed_mentions(base, kind, text)
    same = [name for name in pool if agencies.agency_type(name) == kind
            and _place_of(name, text).compatible(place)
            and (level == 0 or _level(_place_of(name, text)) == level)]
    if level == 0:
        placed = [name for name in same if agencies.split_agency(name)[0]]
        return placed[0] if placed else base
    return max([base] + same, key=len)


def _prefixed_mentions(name, text, limit=20):
    """``name`` as it appears in ``text`` with the place names written right before it."""
    table, found, start = divisions(), [], 0
    for _ in range(limit):
        index = text.find(name, start)
        if index < 0:
            break
        start, prefix = index + len(name), ""
        while True:
            for length in range(min(table.max_len, index), 1, -1):
                if text[index - length:index] in table.names:
                    prefix, index = text[index - length:index] + prefix, index - length
                    break
            else:
                break
        if prefix:
            found.append(prefix + name)
    return found


def _renamed_mentions(name, kind, text):
    """Other names of the same office after the same places (河北省科技厅 → 河北省科学技术厅)."""
    places = "".join(agencies.split_agency(name)[0])
    if not places or not kind:
        return []
    return [places + other for other in agencies.type_names(kind) if places + other in text]
