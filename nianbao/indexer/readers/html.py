"""HTML pages saved from government websites: find the article body, drop the site chrome.

Decisions:
- Charset: a BOM, else strict UTF-8 (sites that moved to UTF-8 often still declare gb2312,
  and valid UTF-8 Chinese is never GBK by chance), else the page's declared charset
  (``<meta charset>`` or http-equiv, first 4 KB; gb2312/gbk → gb18030), else as text files.
- Body: among elements whose id/class names a CMS article container (TRS_Editor, zoom,
  Custom_UnionStyle, article, content, detail, view, con, txt, main-text …) take the most
  specific one that holds at least 85% of the Chinese text of the richest such container;
  when no container holds a real article (< 100 Chinese characters), take the element whose
  direct <p>/<div> children carry the most Chinese text.
- Chrome (script, style, nav, header, footer, forms, iframes, and elements whose id/class says
  nav/menu/breadcrumb/share/footer/print/toolbar/sidebar) is removed before the body is chosen.
- Tables: one line per <tr>, cells separated by a tab, a cell's own line breaks become spaces.
- Whitespace: HTML collapses source whitespace; a collapsed run that contained a line break
  between two Chinese characters is dropped (Word-generated markup wraps lines mid-word).
- Header: title from meta ArticleTitle/og:title, else <h1>, else an element whose class says
  title, else the longest ``_``/``|``/`` - ``-separated part of <title>; date from meta PubDate (and similar), else a
  发布时间/日期/时间 label in the page; url from meta Url/og:url; source from meta ContentSource.
- Depth: the walks over the tree use explicit stacks, not recursion, so a page nested
  thousands of levels deep (unclosed <font> tags by the thousand) reads like any other.
- Attachments: a local file the page links to (``<a href>``) of an attachment format joins the
  page's document (attachments.py).
- Speed: after BeautifulSoup builds the tree, one walk removes comments and chrome and records
  the body candidates with their text counts (summed bottom-up, each string counted once), the
  first <h1> and the title-class elements; bs4's find_all with a Python predicate would cost a
  full-tree walk each, and get_text per candidate re-reads nested text.
"""
import re

from bs4 import BeautifulSoup, CData, Comment, NavigableString, Tag

from . import attachments
from .text import decode_bytes
from ..report import Document

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)""", re.I)
_CJK = re.compile(r"[\u3400-\u9fff]")
_WS = re.compile(r"[ \t\n\r\f]+")
_WS_CJK_BREAK = re.compile(r"(?<=[\u3400-\u9fff\u3000-\u303f\uff00-\uffef])[ \t\r\f]*\n[ \t\n\r\f]*(?=[\u3400-\u9fff\u3000-\u303f\uff00-\uffef])")
_NEWLINES = re.compile(r"[ ]*\n[ \n]*")
_BODY_NAME = re.compile(
    r"^(?:trs_editor|trs_ueditor|zoom|custom_unionstyle|article|article[_-]?content|articlecontent|"
    r"article[_-]?con|content|contents|main[_-]?content|main[_-]?text|detail|details|detail[_-]?content|"
    r"view|con|con[_-]?text|txt|text|news[_-]?content|newscontent|pages_content|wz|zw|zwnr|nr|"
    r"info[_-]?content|xxgk[_-]?content|body[_-]?text|bt[_-]?content|ue_table)$",
    re.I,
)
_CHROME_NAME = re.compile(
    r"(?:^|[_-])(?:nav|navbar|menu|submenu|breadcrumbs?|crumbs?|share|share_box|bdshare|footer|foot|copyright|"
    r"sidebar|toolbar|print|fontsize|font_size|location|position|dqwz|search|ewm|qrcode)(?:$|[_-])",
    re.I,
)
_BODY_HINT = re.compile(r"content|article|text|zoom|editor|detail|main", re.I)
_CHROME_TAG_SET = {"script", "style", "noscript", "iframe", "nav", "header", "footer", "form", "select",
                   "button", "input", "textarea", "object", "svg", "link", "meta", "head", "template"}
_TITLE_CLASS = re.compile("title", re.I)
_BLOCK = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table", "tr",
          "section", "article", "blockquote", "pre", "dl", "dt", "dd", "center", "hr", "tbody"}
_CELL = {"td", "th"}
_DATE_LABEL = re.compile(r"(?:发布时间|发布日期|成文日期|日期|时间)\s*[:：]\s*(\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}(?:\s*日)?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)")
_TITLE_PARTS = re.compile(r"\s*[_|｜]\s*|\s+[-—–]+\s+")
_META_TITLE = ("articletitle", "og:title", "dc.title", "title")
_META_DATE = ("pubdate", "publishdate", "firstpublishedtime", "article:published_time",
              "og:article:published_time", "dc.date", "createdate", "publishtime")


def page_charset(data):
    """Return the charset a page declares in its first 4 KB, or None."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "ignore") if m else None


def read_html(path, data):
    """Read a saved web page: its article body as text, its title and date as header."""
    markup = decode_bytes(data, page_charset(data))
    soup = BeautifulSoup(markup, "lxml")
    metas, title_tag = [], None
    for node in soup.descendants:  # one cheap pass instead of find_all("meta") and soup.title
        name = node.name
        if name == "meta":
            metas.append(node)
        elif name == "title" and title_tag is None:
            title_tag = node
    header = _meta_header(metas)
    head_title = title_tag.get_text(" ", strip=True) if title_tag else ""
    root = soup.body or soup
    page = _Page(root)
    counts = _prune(soup, page, root is soup)
    container = _find_body(root, page.candidates, (counts if root is soup else page.root_counts)[0])
    header.setdefault("title", _page_title(page, container, head_title))
    if "date" not in header:
        m = _DATE_LABEL.search(_text_head(root, 5000))
        if m:
            header["date"] = m.group(1)
    header = {k: v for k, v in header.items() if v}
    doc = Document(path=str(path), text=html_text(container), format="html", header=header)
    # a local file the page links to (its attachment) joins the page's text
    return [attachments.join(doc, path, attachments.html_links(data))]


def _meta_header(metas):
    """Title, date, url and source from <meta> tags."""
    header = {}
    names = {}
    for meta in metas:
        name = (meta.get("name") or meta.get("property") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if name and content and name not in names:
            names[name] = content
    for key in _META_TITLE:
        if names.get(key):
            header["title"] = names[key]
            break
    for key in _META_DATE:
        if names.get(key):
            header["date"] = names[key]
            break
    url = names.get("url") or names.get("og:url")
    if url:
        header["url"] = url
    if names.get("contentsource"):
        header["source"] = names["contentsource"]
    return header


def _names(tag):
    """The id and class tokens of ``tag``."""
    names = list(tag.get("class") or [])
    if tag.get("id"):
        names.append(tag["id"])
    return names


def _is_chrome(tag, names):
    """True for an element whose id/class says it is navigation, sharing or a footer."""
    if tag.name in ("html", "body"):
        return False
    # "print_content", "main_nav_content": a name that also says body is not chrome
    return any(_CHROME_NAME.search(n) for n in names) and not any(_BODY_HINT.search(n) for n in names)


class _Page:
    """What one walk over the page records: body candidates, the first <h1>, title-class tags."""
    __slots__ = ("root", "candidates", "root_counts", "h1", "titled")

    def __init__(self, root):
        self.root, self.candidates, self.root_counts, self.h1, self.titled = root, [], (0, 0), None, []


def _prune(node, page, in_root):
    """Remove comments and chrome below ``node``, recording what ``page`` needs on the way.

    Returns the (Chinese characters, characters) of the node's text as get_text() gives it, so
    each candidate's text is counted once, bottom-up. An explicit stack, not recursion: a
    page may nest thousands of unclosed tags.
    """
    # frame: [tag, children, next index, cjk, size, in_root for its children, candidate slot]
    stack = [[node, tuple(node.contents), 0, 0, 0, in_root, None]]
    while True:
        frame = stack[-1]
        children, i = frame[1], frame[2]
        if i == len(children):
            stack.pop()
            tag, counts = frame[0], (frame[3], frame[4])
            if frame[6] is not None:
                page.candidates[frame[6]] = (tag, counts)
            if tag is page.root:
                page.root_counts = counts
            if not stack:
                return counts
            stack[-1][3] += counts[0]
            stack[-1][4] += counts[1]
            continue
        frame[2] = i + 1
        child = children[i]
        cls = child.__class__
        if cls is NavigableString or cls is CData:  # the strings get_text() counts
            frame[3] += len(_CJK.findall(child))
            frame[4] += len(child)
            continue
        if cls is Comment:
            child.extract()
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name in _CHROME_TAG_SET:
            child.decompose()
            continue
        attrs = child.attrs
        slot = None
        if "class" in attrs or "id" in attrs:
            names = _names(child)
            if names:
                if _is_chrome(child, names):
                    child.decompose()
                    continue
                if frame[5] and any(_BODY_NAME.match(n) for n in names):
                    slot = len(page.candidates)
                    page.candidates.append(None)
                if any(_TITLE_CLASS.search(n) for n in attrs.get("class") or ()):
                    page.titled.append(child)
        if name == "h1" and page.h1 is None:
            page.h1 = child
        stack.append([child, tuple(child.contents), 0, 0, 0, frame[5] or child is page.root, slot])


def _find_body(root, candidates, root_cjk):
    """The element holding the article text (``candidates``: (tag, (cjk, size)) in page order)."""
    best = max((c for _, (c, _) in candidates), default=0)
    if best >= 100:
        good = [(tag, size) for tag, (c, size) in candidates if c >= 0.85 * best]
        return min(good, key=lambda x: x[1])[0]
    totals = {}
    for block in root.find_all(["p", "div", "td"]):
        own = "".join(s for s in block.find_all(string=True, recursive=False))
        count = len(_CJK.findall(own))
        if count and block.parent is not None:
            totals[id(block.parent)] = (block.parent, totals.get(id(block.parent), (None, 0))[1] + count)
    if totals:
        parent, count = max(totals.values(), key=lambda x: x[1])
        if count >= 0.3 * root_cjk:
            return parent
    return root


def _text_head(root, limit):
    """``root.get_text(" ")[:limit]`` without joining the whole page."""
    parts, size = [], -1  # size: length of " ".join(parts)
    for string in root.strings:
        parts.append(string)
        size += len(string) + 1
        if size >= limit:
            break
    return " ".join(parts)[:limit]


def _page_title(page, container, head_title):
    """A title from the page itself when no meta tag gives one."""
    h1 = page.h1
    if h1 and len(_CJK.findall(h1.get_text())) >= 4:
        return _WS.sub(" ", h1.get_text()).strip()
    for tag in page.titled:
        text = _WS.sub(" ", tag.get_text()).strip()
        if 6 <= len(_CJK.findall(text)) and len(text) <= 100 and container not in tag.parents:
            return text
    # "报告标题_栏目_网站名": the report title is the longest part
    return max(_TITLE_PARTS.split(head_title), key=len) or None


def html_text(node):
    """Text of an element: blocks on their own lines, table rows as tab-separated cells."""
    return _NEWLINES.sub("\n", "".join(_walk(node))).strip()


def _inline(text):
    return _WS.sub(" ", _WS_CJK_BREAK.sub("", text))


def _walk(node):
    """The text parts of ``node``'s contents (see html_text).

    An explicit stack, not recursion (a page may nest thousands of tags): each frame is an
    iterator over children and what to do when it ends (close a block, a cell or a row);
    ``outs`` holds the list being written: the page's, a row's cells, a cell's parts.
    """
    outs = [[]]
    stack = [(iter(node.contents), None)]
    while stack:
        it, kind = stack[-1]
        child = next(it, None)
        if child is None:
            stack.pop()
            if kind == "block":
                outs[-1].append("\n")
            elif kind == "cell":
                text = "".join(outs.pop()).replace("\n", " ")
                outs[-1].append(_WS.sub(" ", text).strip())
            elif kind == "row":
                cells = outs.pop()
                outs[-1].append("\n" + "\t".join(cells) + "\n")
            continue
        if kind == "row":  # the row's iterator yields its cells only
            outs.append([])
            stack.append((iter(child.contents), "cell"))
        elif isinstance(child, NavigableString):
            outs[-1].append(_inline(str(child)))
        elif isinstance(child, Tag):
            name = child.name
            if name == "tr":
                outs.append([])
                stack.append((iter([c for c in child.contents if isinstance(c, Tag) and c.name in _CELL]),
                              "row"))
            elif name in _BLOCK:
                outs[-1].append("\n")
                stack.append((iter(child.contents), "block"))
            else:
                stack.append((iter(child.contents), None))
    return outs[0]
