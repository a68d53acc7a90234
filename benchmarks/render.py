"""Rendering a generated report as a file: txt (UTF-8 or GB18030), an HTML page, or docx.

A report is a title plus a list of blocks: ``("h", text)`` a heading, ``("p", text)`` a
paragraph, ``("table", rows)`` a table. Each renderer returns the file's bytes.

- txt: what crawlers save. Some files start with a crawler header block (标题/发布时间/来源),
  tables are flattened to one row per line with tab-separated cells.
- HTML: a government site's article page: header, navigation, breadcrumb, title, a meta
  line (发布时间/来源/浏览次数), the body in ``<div class="TRS_Editor">`` with real
  ``<table>``s, share buttons, footer (主办单位, 网站标识码, ICP备案) and scripts. Some pages
  declare gb2312 and are encoded GB18030, as many government sites still are.
- docx: python-docx's own default template (its styles, settings, content types) with a
  ``word/document.xml`` written here as a string: building the document through
  python-docx's object model costs ~50 ms per report with the statistics tables, far too
  slow for 100,000 reports, while the package it reads back is the same. The template's
  other parts are compressed once into a zip that each report's file appends to.
"""
import datetime
import io
import re
import zipfile
import zlib
from html import escape

_DOCX_TEMPLATE = None
_SECT_PR = re.compile(r"<w:sectPr.*</w:sectPr>", re.S)
FIXED_TIME = datetime.datetime(2020, 1, 1)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def render_txt(title, blocks, header=None):
    """Plain text: title, paragraphs, tables as tab-separated lines."""
    lines = []
    if header:
        lines += [f"{k}: {v}" for k, v in header.items()]
        lines.append("")
    lines += [title, ""]
    for kind, content in blocks:
        if kind == "table":
            lines += ["\t".join(row) for row in content]
        else:
            lines.append(content)
    return "\n".join(lines) + "\n"


def _table_html(rows):
    out = ['<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse">']
    for i, row in enumerate(rows):
        tag = "th" if i == 0 else "td"
        out.append("<tr>" + "".join(f"<{tag}><p>{escape(c)}</p></{tag}>" for c in row) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def render_html(title, blocks, site, published, source, charset="utf-8"):
    """A government site's article page around the report."""
    body = []
    for kind, content in blocks:
        if kind == "table":
            body.append(_table_html(content))
        elif kind == "h":
            body.append(f'<p style="text-indent:2em"><strong>{escape(content)}</strong></p>')
        else:
            body.append(f'<p style="text-indent:2em">{escape(content)}</p>')
    nav = "".join(f'<li><a href="/{i}/">{escape(n)}</a></li>' for i, n in enumerate(
        ("首页", "政务公开", "政务服务", "互动交流", f"走进{site}")))
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="{charset}">
<meta name="SiteName" content="{escape(site)}人民政府">
<meta name="ColumnName" content="政府信息公开年报">
<meta name="ArticleTitle" content="{escape(title)}">
<meta name="PubDate" content="{published} 09:30">
<title>{escape(title)}_政府信息公开年报_{escape(site)}人民政府</title>
<link rel="stylesheet" href="/images/common.css">
<script src="/js/jquery.min.js"></script>
</head>
<body>
<div class="header"><div class="logo"><img src="/images/logo.png" alt="{escape(site)}人民政府门户网站"></div>
<div class="top-links"><a href="#">无障碍浏览</a> <a href="#">长者模式</a> <a href="#">登录</a> <a href="#">注册</a></div>
<form class="search" action="/search"><input name="q" placeholder="请输入关键词"><button>搜索</button></form></div>
<div class="nav"><ul>{nav}</ul></div>
<div class="main">
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/nb/">政府信息公开年报</a></div>
<div class="article">
<h1 class="title">{escape(title)}</h1>
<div class="info"><span>发布时间：{published}</span> <span>来源：{escape(source)}</span> <span>浏览次数：<em id="hits">0</em></span> <span>字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></span></div>
<div class="TRS_Editor">
{chr(10).join(body)}
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
<div class="tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
</div>
<div class="footer">
<p><a href="#">网站地图</a> | <a href="#">联系我们</a> | <a href="#">隐私声明</a></p>
<p>主办单位：{escape(site)}人民政府办公室　承办单位：{escape(site)}大数据中心</p>
<p>网站标识码：{zlib.crc32(site.encode()):010d}　ICP备案号：ICP备05012345号　公安机关备案号：11010502000001号</p>
</div>
<script>var _hmt = _hmt || []; document.getElementById("hits").innerHTML = "1024";</script>
</body>
</html>
""".encode("gb18030" if charset == "gb2312" else "utf-8")


def _docx_template():
    """(zip bytes of every part but word/document.xml, that part's sectPr), built once."""
    global _DOCX_TEMPLATE
    if _DOCX_TEMPLATE is None:
        import docx

        src, dst = io.BytesIO(), io.BytesIO()
        document = docx.Document()
        document.core_properties.created = document.core_properties.modified = FIXED_TIME
        document.save(src)
        with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
            for name in z.namelist():
                if name != "word/document.xml":
                    out.writestr(_entry(name), z.read(name))
            sect = _SECT_PR.search(z.read("word/document.xml").decode("utf-8"))
        _DOCX_TEMPLATE = (dst.getvalue(), sect.group() if sect else "")
    return _DOCX_TEMPLATE


def _entry(name):
    """A zip entry with a fixed timestamp, so the same seed gives byte-identical files."""
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _run(text):
    return f'<w:r><w:t xml:space="preserve">{escape(text, quote=False)}</w:t></w:r>'


def _docx_table(rows):
    width = max(len(r) for r in rows)
    grid = "".join('<w:gridCol w:w="1000"/>' for _ in range(width))
    trs = []
    for row in rows:
        cells = list(row) + [""] * (width - len(row))
        trs.append("<w:tr>" + "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="1000" w:type="dxa"/></w:tcPr><w:p>{_run(c)}</w:p></w:tc>' for c in cells
        ) + "</w:tr>")
    return (f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
            f'<w:tblGrid>{grid}</w:tblGrid>{"".join(trs)}</w:tbl>')


def render_docx(title, blocks):
    """A .docx with a title paragraph, headings, paragraphs and real tables."""
    template, sect = _docx_template()
    body = [f'<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr>{_run(title)}</w:p>']
    for kind, content in blocks:
        if kind == "table":
            body.append(_docx_table(content))
        elif kind == "h":
            body.append(f'<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>{_run(content)}</w:p>')
        else:
            body.append(f"<w:p>{_run(content)}</w:p>")
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W_NS}">'
           f'<w:body>{"".join(body)}{sect}</w:body></w:document>')
    buf = io.BytesIO(template)
    with zipfile.ZipFile(buf, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr(_entry("word/document.xml"), xml.encode("utf-8"))
    return buf.getvalue()
