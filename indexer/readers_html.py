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
"""
import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from .readers_text import decode_bytes
from .report import Document

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
_CHROME_TAGS = ["script", "style", "noscript", "iframe", "nav", "header", "footer", "form", "select",
                "button", "input", "textarea", "object", "svg", "link", "meta", "head", "template"]
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
    header = _meta_header(soup)
    head_title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(_CHROME_TAGS):
        tag.decompose()
    for tag in soup.find_all(_is_chrome):
        tag.decompose()
    root = soup.body or soup
    container = _find_body(root)
    header.setdefault("title", _page_title(soup, container, head_title))
    if "date" not in header:
        m = _DATE_LABEL.search(root.get_text(" ")[:5000])
        if m:
            header["date"] = m.group(1)
    header = {k: v for k, v in header.items() if v}
    return [Document(path=str(path), text=html_text(container), format="html", header=header)]


def _meta_header(soup):
    """Title, date, url and source from <meta> tags."""
    header = {}
    metas = {}
    for meta in soup.find_all("meta"):
        name = (meta.get("name") or meta.get("property") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if name and content and name not in metas:
            metas[name] = content
    for key in _META_TITLE:
        if metas.get(key):
            header["title"] = metas[key]
            break
    for key in _META_DATE:
        if metas.get(key):
            header["date"] = metas[key]
            break
    url = metas.get("url") or metas.get("og:url")
    if url:
        header["url"] = url
    if metas.get("contentsource"):
        header["source"] = metas["contentsource"]
    return header


def _names(tag):
    """The id and class tokens of ``tag``."""
    names = list(tag.get("class") or [])
    if tag.get("id"):
        names.append(tag["id"])
    return names


def _is_chrome(tag):
    """True for an element whose id/class says it is navigation, sharing or a footer."""
    if tag.attrs is None or tag.name in ("html", "body"):
        return False
    names = _names(tag)
    # "print_content", "main_nav_content": a name that also says body is not chrome
    return any(_CHROME_NAME.search(n) for n in names) and not any(_BODY_HINT.search(n) for n in names)


def _cjk_count(tag):
    return len(_CJK.findall(tag.get_text()))


def _find_body(root):
    """The element holding the article text."""
    candidates = [(tag, _cjk_count(tag)) for tag in root.find_all(lambda t: any(_BODY_NAME.match(n) for n in _names(t)))]
    best = max((c for _, c in candidates), default=0)
    if best >= 100:
        good = [(tag, len(tag.get_text())) for tag, c in candidates if c >= 0.85 * best]
        return min(good, key=lambda x: x[1])[0]
    totals = {}
    for block in root.find_all(["p", "div", "td"]):
        own = "".join(s for s in block.find_all(string=True, recursive=False))
        count = len(_CJK.findall(own))
        if count and block.parent is not None:
            totals[id(block.parent)] = (block.parent, totals.get(id(block.parent), (None, 0))[1] + count)
    if totals:
        parent, count = max(totals.values(), key=lambda x: x[1])
        if count >= 0.3 * _cjk_count(root):
            return parent
    return root


def _page_title(soup, container, head_title):
    """A title from the page itself when no meta tag gives one."""
    h1 = soup.find("h1")
    if h1 and len(_CJK.findall(h1.get_text())) >= 4:
        return _WS.sub(" ", h1.get_text()).strip()
    for tag in soup.find_all(class_=re.compile("title", re.I)):
        text = _WS.sub(" ", tag.get_text()).strip()
        if 6 <= len(_CJK.findall(text)) and len(text) <= 100 and container not in tag.parents:
            return text
    # "报告标题_栏目_网站名": the report title is the longest part
    return max(_TITLE_PARTS.split(head_title), key=len) or None


def html_text(node):
    """Text of an element: blocks on their own lines, table rows as tab-separated cells."""
    parts = []
    _walk(node, parts)
    return _NEWLINES.sub("\n", "".join(parts)).strip()


def _inline(text):
    return _WS.sub(" ", _WS_CJK_BREAK.sub("", text))


def _walk(node, parts):
    for child in node.children:
        if isinstance(child, NavigableString):
            parts.append(_inline(str(child)))
        elif isinstance(child, Tag):
            name = child.name
            if name == "tr":
                cells = [_WS.sub(" ", _cell_text(c)).strip() for c in child.find_all(_CELL, recursive=False)]
                parts.append("\n" + "\t".join(cells) + "\n")
            elif name in _BLOCK:
                parts.append("\n")
                _walk(child, parts)
                parts.append("\n")
            else:
                _walk(child, parts)


def _cell_text(cell):
    parts = []
    _walk(cell, parts)
    return "".join(parts).replace("\n", " ")
