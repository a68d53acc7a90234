"""Plain-text reading: encoding detection and crawler header blocks.

Decisions:
- Encoding: a BOM wins (UTF-8/UTF-16); then strict UTF-8; then strict GB18030 (a superset
  of GB2312 and GBK, so every gb2312/gbk file and guess is decoded as gb18030); only then
  charset-normalizer, whose gb2312/gbk guesses are also decoded as gb18030.
- UTF-16 without a BOM is recognised by its NUL bytes: when the first 8 KB hold NULs and
  decode, as UTF-16 LE or BE, to text that is almost all CJK, ASCII, punctuation and
  whitespace, the file is UTF-16 in that byte order. Any other file with NUL bytes in
  its first 8 KB, or with many control characters there, is binary, not text.
- Control characters (NUL and the other C0 controls but tab, line feed, form feed and
  carriage return) that remain anywhere in decoded text are dropped: they are never
  report text, and a stray NUL past the first 8 KB must not reach the index.
- A crawler header block is recognised only at the very top, only when it has at least two
  known keys (标题, 日期, 来源, 原文链接, …), and only when it ends with a separator line
  (``==== 正文 ====``, ``-----``) or a blank line: so a body that starts with a line such as
  ``时间：2017年…`` is never eaten. Unknown ``key: value`` lines inside such a block (文号, 栏目,
  本地目录, 页面链接…) are dropped with it.
"""
import re

from ..report import Document, ReadError

_GB_ALIASES = {"gb2312", "gbk", "gb_2312", "gb_2312-80", "x-gbk", "cp936", "936", "euc-cn", "hz-gb-2312", "csgb2312"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_TEXTLIKE_CHAR = re.compile(r"[\t\n\r\f\x20-\x7e\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u2010-\u2027]")
_SAMPLE = 8192

HEADER_KEYS = {
    "标题": "title", "题目": "title", "文章标题": "title", "名称": "title", "title": "title",
    "日期": "date", "时间": "date", "发布时间": "date", "发布日期": "date", "成文日期": "date",
    "date": "date", "pubdate": "date",
    "来源": "source", "来源网站": "source", "信息来源": "source", "source": "source",
    "发布机构": "agency", "发文机关": "agency", "发布单位": "agency", "公开主体": "agency",
    "原文链接": "url", "访问地址": "url", "链接": "url", "网址": "url", "原文地址": "url", "url": "url",
}
_KEY_LINE = re.compile(r"^[ \t\u3000]*([\w\u4e00-\u9fff]{1,8})[ \t\u3000]*[:：][ \t\u3000]*(.*?)[ \t\u3000\r]*$")
_SEPARATOR = re.compile(r"^[ \t]*(?:[=＝]{3,}.*|[-—_－]{3,}.*|[*]{3,}.*)$")
_NOTE_LINE = re.compile(r"^[ \t]*页面链接")
_URL = re.compile(r"^(?:https?://|www\.)", re.I)
_MAX_HEADER_LINES = 20


def normalize_charset(name):
    """Map a declared or guessed charset to the codec to decode with (gb2312/gbk → gb18030)."""
    name = (name or "").strip().strip("'\"").lower()
    if name in _GB_ALIASES or name.startswith("gb"):
        return "gb18030"
    return name or None


def decode_bytes(data, declared=None):
    """Decode ``data`` as text (BOM, UTF-8, declared charset, GB18030); raise ReadError if binary."""
    if not data.strip():
        raise ReadError("empty file")
    if data.startswith(b"\xef\xbb\xbf"):
        return _checked(data[3:].decode("utf-8", errors="replace"))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _checked(data.decode("utf-16", errors="replace"))
    if b"\x00" in data[:_SAMPLE]:
        codec = _utf16_without_bom(data)
        if codec is None:
            raise ReadError("binary file, not text")
        return _checked(data.decode(codec, errors="replace"))
    candidates = ["utf-8", normalize_charset(declared), "gb18030"]
    for codec in candidates:
        if not codec:
            continue
        try:
            return _checked(data.decode(codec))
        except (UnicodeDecodeError, LookupError):
            continue
    return _checked(_guess(data))


def _guess(data):
    """Last resort for text that is neither valid UTF-8 nor valid GB18030."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise ReadError("binary file or unknown text encoding")
    return data.decode(normalize_charset(best.encoding), errors="replace")


def _utf16_without_bom(data):
    """"utf-16-le" or "utf-16-be" when ``data`` reads as text in that byte order, else None."""
    sample = data[:_SAMPLE]
    sample = sample[:len(sample) // 2 * 2]  # whole code units only
    for codec in ("utf-16-le", "utf-16-be"):
        text = sample.decode(codec, errors="replace")
        if text and len(_TEXTLIKE_CHAR.findall(text)) >= 0.95 * len(text):
            return codec
    return None


def _checked(text):
    """Reject decoded text that is mostly control characters (a binary file); drop the rest."""
    sample = text[:_SAMPLE]
    if len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise ReadError("binary file, not text")
    return _CONTROL.sub("", text) if _CONTROL.search(text) else text


def split_header(text):
    """Split a crawler header block off ``text``: return ``(header, body)``."""
    lines = text.split("\n", _MAX_HEADER_LINES + 2)
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    header, known, end = {}, 0, None
    for i in range(start, min(len(lines), start + _MAX_HEADER_LINES + 1)):
        line = lines[i]
        if not line.strip() or _SEPARATOR.match(line):
            end = i
            break
        if _NOTE_LINE.match(line):
            continue
        m = _KEY_LINE.match(line)
        if not m:
            return {}, text
        field = HEADER_KEYS.get(m.group(1).lower())
        if field is None:
            continue
        known += 1
        value = m.group(2).strip()
        if field == "source" and _URL.match(value):
            field = "url"
        if value and field not in header:
            header[field] = value
    if end is None or known < 2:
        return {}, text
    return header, "\n".join(lines[end + 1:])


def read_txt(path, data):
    """Read a text file (any common Chinese encoding), with its crawler header if any."""
    header, body = split_header(decode_bytes(data))
    return [Document(path=str(path), text=body, format="txt", header=header)]
