"""What a page's web address says about where its publisher sits: division names spelled in
pinyin or initials in the host (ninghai.gov.cn → 宁海县, hljwch.gov.cn → 黑龙江省/五常市).

Decisions:
- The host is read from ``header["url"]``; a big5 gateway's address
  (``…/gate/big5/www.beijing.gov.cn/…``) is read for the host it relays.
- Each label (between dots) must be spelled entirely by division spellings from
  ``data/pinyin.tsv`` (full pinyin of a name's stem, or its initials); a label only partly
  spelled says nothing. All the spellings of one host must fit one place (五常 inside 黑龙江);
  when they do not, labels spelled only by initials give way to one spelled in full
  (sycyy.yinchuan.gov.cn: a zone's own initials beside 银川).
- A host spelled only with initials (hz, qzlc, bjtzh) is weak evidence: it is returned as
  such, and the place module never lets it decide alone (hz is 杭州, 湖州, 惠州 or 菏泽).
  Non-government hosts (mirrors) are weak too: their names are arbitrary words; a mirror
  spelled by initials alone (newton, jendow) is no clue at all.
"""
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from .divisions import Place, divisions, pinyin_keys

# Labels that are never place spellings (technical or generic parts of government hosts).
_GENERIC = {"www", "gov", "cn", "com", "net", "org", "edu", "big5", "gate", "m", "wap", "www2",
            "xxgk", "zwgk", "gk", "zfxxgk", "public", "info", "web", "site", "portal", "http", "https"}
_MIN_FULL = 4  # a full spelling shorter than this (an, xi) is too common to count


@dataclass
class HostClue:
    """Places a host spells: ``options`` (alternatives) and whether the spelling is strong."""

    host: str
    spelled: str
    options: list
    strong: bool


def host_of(url):
    """The host a URL names (the relayed host for big5 gateways), lower case, no port."""
    if not url:
        return ""
    gate = re.search(r"/gate/big5/([^/]+)", url)
    if gate:
        return gate.group(1).split(":")[0].lower()
    try:
        return (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    except ValueError:
        return ""


def _segment(label):
    """Every way to spell ``label`` entirely with division keys: lists of (key, kind, names)."""
    keys = pinyin_keys()
    results = []

    def walk(i, parts):
        if len(results) > 20:
            return
        if i == len(label):
            results.append(list(parts))
            return
        for j in range(len(label), i + 1, -1):
            key = label[i:j]
            if key in keys:
                entries = keys[key]
                kinds = {k for k, _ in entries}
                kind = "full" if "full" in kinds and len(key) >= _MIN_FULL else "initials"
                names = [n for k, n in entries if k == "full"] if kind == "full" else [n for _k, n in entries]
                parts.append((key, kind, names))
                walk(j, parts)
                parts.pop()

    walk(0, [])
    return results


def _places(names):
    table = divisions()
    return [place for name in names for _level, place in table.candidates(name)]


def _fit(groups):
    """Merged places taking one option from each group so that all are compatible."""
    merged = [Place()]
    for group in groups:
        nxt = []
        for known in merged:
            for place in group:
                if place.compatible(known):
                    nxt.append(Place(*(a or b for a, b in zip(known.fields(), place.fields()))))
        merged = list(dict.fromkeys(nxt))[:200]
        if not merged:
            return []
    return merged


@lru_cache(maxsize=512)
def host_clue(url):
    """The HostClue of ``url``, or None when its host spells no division."""
    host = host_of(url)
    if not host or re.fullmatch(r"[\d.]+", host):
        return None
    labels = [label for label in re.split(r"[.\-]", host) if label and label not in _GENERIC]
    groups, spelled, strong = [], [], False
    for label in labels:
        if label.isdigit():
            continue
        best = None
        for parts in _segment(label):
            # Fewest pieces, then most full spellings.
            rank = (len(parts), -sum(kind == "full" for _k, kind, _n in parts))
            if best is None or rank < best[0]:
                best = (rank, parts)
        if best is None:
            continue
        for key, kind, names in best[1]:
            groups.append((_places(names), kind == "full"))
            spelled.append(key)
            strong = strong or kind == "full"
    if not groups:
        return None
    options = _fit([places for places, _full in groups])
    if not options and strong:
        # A label of initials that fits nothing (sycyy.yinchuan: a zone's own initials) does
        # not veto a name spelled in full.
        options = _fit([places for places, full in groups if full])
        spelled = [key for key, (_places_, full) in zip(spelled, groups) if full]
    if not options:
        return None
    government = host.endswith(".gov.cn") or ".gov." in host
    if not government and not strong:
        return None  # a mirror named with letters that happen to spell initials (newton, jendow)
    return HostClue(host, "+".join(spelled), options, strong and government)
