"""The text metadata is read from: a window of the report folded to simplified characters,
with mirror-site pinyin glosses removed, and a way back to the characters as published.

Decisions:
- Only the opening (``HEAD_WINDOW`` characters) and the end (``TAIL_WINDOW``) are read: title,
  publisher, place and year are stated there, and it keeps metadata cost independent of length.
- Traditional characters are folded with OpenCC's ``t2s`` (a maintained library; phrases such
  as 頭髮 fold correctly). Values about places come out simplified; the agency is returned as
  the page prints it (``Page.published``).
- A leading ``原文链接: URL`` line left in the text by the reader is the page's address, not text.
- A pinyin gloss in parentheses right after a Chinese character (``根據(jù)``, ``公開(kāi)``) is a
  big5 gateway's reading aid, not text, and goes before folding.
"""
import re
from functools import lru_cache

HEAD_WINDOW = 4000
TAIL_WINDOW = 800
# A crawler export whose only header line is its address (原文链接: …) reaches us with that line
# still in the text: the reader wants two header keys before it takes a block as a header.
_URL_LINE = re.compile(r"\A\s*(?:原文链接|原文地址|访问地址|网址|链接|url|URL)\s*[:：]\s*(\S+)[ \t]*\n")
GLOSS = _GLOSS = re.compile(r"(?<=[\u3400-\u9fff])[(（][a-zA-Z\u00c0-\u01dc\u0300-\u036f]{1,8}[)）]")


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text):
    """``text`` with traditional characters folded to simplified (OpenCC t2s)."""
    return _converter().convert(text) if text else text


class Page:
    """A report's metadata window: ``text`` (folded) plus the header and URL."""

    def __init__(self, text, header=None):
        header = header or {}
        self.header = header
        self.url = header.get("url") or ""
        line = _URL_LINE.match(text)
        if line:
            self.url = self.url or line.group(1)
            text = text[line.end():]
        if len(text) > HEAD_WINDOW + TAIL_WINDOW:
            raw = text[:HEAD_WINDOW] + "\n" + text[-TAIL_WINDOW:]
        else:
            raw = text
        kept = []
        pieces, last = [], 0
        for match in _GLOSS.finditer(raw):
            pieces.append(raw[last:match.start()])
            kept.extend(range(last, match.start()))
            last = match.end()
        pieces.append(raw[last:])
        kept.extend(range(last, len(raw)))
        stripped = "".join(pieces)
        folded = to_simplified(stripped)
        self.raw = raw
        self.traditional = folded != stripped
        if len(folded) != len(stripped):  # a phrase changed length: fold character by character
            folded = "".join(to_simplified(c) for c in stripped)
        self.text = folded
        # Counting a name's mentions reads the whole text (cheap); a traditional page is read in
        # its folded window, where the simplified names are.
        self.full = folded if self.traditional else text
        self._origin = kept
        self.title_header = to_simplified(_GLOSS.sub("", header.get("title") or ""))

    @property
    def head(self):
        """The opening of the folded text."""
        return self.text[:HEAD_WINDOW]

    def published(self, name):
        """``name`` (found in the folded text) as the page prints it, else ``name`` itself."""
        if not name or not self.traditional:
            return name
        index = self.text.find(name)
        if index < 0:
            return name
        start, end = self._origin[index], self._origin[index + len(name) - 1] + 1
        original = self.raw[start:end]
        # A gloss inside the name is dropped from the published form too.
        return _GLOSS.sub("", original)
