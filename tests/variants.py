"""Generators of test variants of real reports (re-encoded, wrapped in a web page, docx, broken).

Everything here is made in code from real inputs at test time; nothing is checked in.
"""
import html
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = sorted((SHARED / "seeds").glob("*.txt")) if (SHARED / "seeds").is_dir() else []
REPORTS = SHARED / "reports"

GOV_PAGE = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{title}_某某区人民政府门户网站</title>
<script>var _hmt = _hmt || []; document.write("统计代码加载中请稍候");</script>
<style>.nav {{ color: red }} /* 样式表里的中文注释 */</style>
</head><body>
<div class="header"><a href="/">首页</a> <a href="/zwgk">政务公开</a> <a href="/hdjl">互动交流</a></div>
<div id="nav"><ul><li>政府信息公开指南</li><li>政府信息公开制度</li><li>法定主动公开内容</li></ul></div>
<div class="breadcrumb">当前位置：首页 &gt; 政务公开 &gt; 政府信息公开年报</div>
<div class="main">
  <h1>{title}</h1>
  <div class="info">发布时间：2021-01-15 09:30 来源：区政府办公室</div>
  <div class="{container}">{body}</div>
  <div class="share">分享到：微信 微博 QQ空间</div>
  <div class="tools">[打印本页] [关闭窗口]</div>
</div>
<div class="footer">主办单位：某某区人民政府办公室 版权所有 网站标识码 3710020001 备案号 鲁ICP备05001234号</div>
<script>console.log("页面底部脚本")</script>
</body></html>
"""


def reencode(src, dest, encoding):
    """Write the text of UTF-8 file ``src`` to ``dest`` in ``encoding`` ("utf-8-sig", "gb18030")."""
    dest.write_bytes(src.read_text("utf-8").encode(encoding))
    return dest


def wrap_in_gov_page(src, dest, container="TRS_Editor", title="政府信息公开工作年度报告"):
    """Wrap the lines of ``src`` as <p>s in a gb2312-declared government page with chrome."""
    lines = src.read_text("utf-8").splitlines()
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines)
    page = GOV_PAGE.format(title=html.escape(title), container=container, body=body)
    # declared gb2312; characters outside gb2312 are written as gb18030 as real sites do
    dest.write_bytes(page.encode("gb18030"))
    return dest


def to_docx(src, dest, table_rows=None, table_after=None):
    """Convert ``src`` to .docx, one paragraph per line, with a table after line ``table_after``."""
    import docx

    document = docx.Document()
    lines = src.read_text("utf-8").splitlines()
    for i, line in enumerate(lines):
        document.add_paragraph(line)
        if table_rows and i == table_after:
            table = document.add_table(rows=len(table_rows), cols=len(table_rows[0]))
            for r, row in enumerate(table_rows):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
    document.save(str(dest))
    return dest


def truncated(src, dest, keep=0.5):
    """Copy the first ``keep`` fraction of ``src`` to ``dest`` (a broken download)."""
    data = Path(src).read_bytes()
    dest.write_bytes(data[: int(len(data) * keep)])
    return dest


def blank_pdf(dest):
    """A valid PDF with one page and no text layer (like a scan without OCR)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with open(dest, "wb") as f:
        writer.write(f)
    return dest
