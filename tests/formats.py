"""Builders of the formats government sites publish (.doc, .xls/.xlsx, OFD, MHTML, scans), made in
code from real reports' text at test time; nothing here is checked in.
"""
import email.encoders
import email.generator
import email.policy
import io
import os
import random
import shutil
import subprocess
import tempfile
import zipfile
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.nonmultipart import MIMENonMultipart
from pathlib import Path
from xml.sax.saxutils import escape

CJK_FONTS = [
    "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf",  # Debian fonts-arphic-gbsn00lp (宋体)
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
]


def cjk_font():
    """A font file that draws Chinese, or None (``.ci/run`` installs fonts-arphic-gbsn00lp)."""
    return next((f for f in CJK_FONTS if os.path.exists(f)), None)


def soffice():
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_doc(docx_paths, outdir):
    """Convert .docx files to Word 97 .doc with LibreOffice (one start for all files)."""
    outdir = Path(outdir)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        subprocess.run([soffice(), f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", "doc:MS Word 97", "--outdir", str(outdir), *map(str, docx_paths)],
                       check=True, capture_output=True, timeout=300)
    return [outdir / (Path(p).stem + ".doc") for p in docx_paths]


def docx_with_table(lines, dest, table_rows, table_after):
    """A .docx with one paragraph per line and a table of ``table_rows`` after line ``table_after``."""
    import docx

    document = docx.Document()
    for i, line in enumerate(lines):
        document.add_paragraph(line)
        if i == table_after:
            width = max(len(r) for r in table_rows)
            table = document.add_table(rows=len(table_rows), cols=width)
            for r, row in enumerate(table_rows):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
    document.save(str(dest))
    return dest


def to_xls(sheets, dest):
    """Write ``{sheet name: rows}`` as a BIFF8 .xls with xlwt; numeric strings become numbers."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    for name, rows in sheets.items():
        sheet = book.add_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                sheet.write(r, c, _typed(value))
    book.save(str(dest))
    return dest


def to_xlsx(sheets, dest, merges=()):
    """Write ``{sheet name: rows}`` as .xlsx with openpyxl; ``merges`` like ``("Sheet", "A1:C1")``."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append([_typed(v) for v in row])
    for name, cells in merges:
        book[name].merge_cells(cells)
    book.save(str(dest))
    return dest


def _typed(value):
    """A cell value as a person types it: numbers as numbers (only where they print the same)."""
    for kind in (int, float):
        try:
            if str(kind(value)) == value:
                return kind(value)
        except ValueError:
            pass
    return value


# --- OFD (GB/T 33190-2016) ------------------------------------------------------------------

OFD_NS = "http://www.ofdspec.org/2016"
CHAR = 5.6  # mm per Chinese character at 16 pt (三号), the body size of government documents
LINE = 9.0  # mm between baselines


def wrap(text, width=28):
    """Lines of at most ``width`` characters, paragraphs indented two characters, as printed."""
    out = []
    for para in text.splitlines():
        para = para.strip()
        if not para:
            continue
        first = True
        while para:
            n = width - (2 if first else 0)
            out.append(("　　" if first else "") + para[:n])
            para, first = para[n:], False
    return out


def to_ofd(lines, dest, table_rows=(), table_after=None, per_page=26, shuffle=True, seed=0):
    """An OFD package laying ``lines`` out as printed lines (one TextObject per line, each glyph
    placed by DeltaX), a table as cells at column offsets, a page number in a page template and
    in the content, and TextObjects written in shuffled order (the reader must sort them)."""
    rng = random.Random(seed)
    items = [("line", line) for line in lines]
    if table_rows:
        at = (table_after + 1) if table_after is not None else len(items)
        items[at:at] = [("row", row) for row in table_rows]
    pages = [items[i:i + per_page] for i in range(0, len(items), per_page)]
    files, next_id = {}, [10]

    def new_id():
        next_id[0] += 1
        return next_id[0]

    def text_object(x, y, text, size=CHAR, ctm=None):
        boundary = f"{x:.2f} {y - size:.2f} {len(text) * size + 1:.2f} {size * 1.4:.2f}"
        delta = f"g {len(text) - 1} {size:.2f}" if len(text) > 1 else ""
        attrs = f'ID="{new_id()}" Boundary="{boundary}" Font="3" Size="{size:.2f}"'
        if ctm:
            attrs += f' CTM="{ctm}"'
        return (f'<ofd:TextObject {attrs}><ofd:FillColor Value="0 0 0"/>'
                f'<ofd:TextCode X="0" Y="{size:.2f}"' + (f' DeltaX="{delta}"' if delta else "")
                + f">{escape(text)}</ofd:TextCode></ofd:TextObject>")

    page_refs = []
    for number, page in enumerate(pages, 1):
        objects, y = [], 30.0
        for kind, value in page:
            if kind == "line":
                if number == 1 and value is page[0][1] and len(value) < 20:
                    # a title drawn at 8 pt scaled twice by its CTM
                    objects.append(text_object(40.0 / 2, y / 2, value, size=CHAR / 2, ctm="2 0 0 2 0 0"))
                else:  # a paragraph's indent is a position, not space characters
                    indent = len(value) - len(value.lstrip("　"))
                    objects.append(text_object(25.0 + indent * CHAR, y, value.lstrip("　")))
            else:
                x = 25.0
                for cell in value:
                    if cell:
                        objects.append(text_object(x, y, cell, size=4.2))
                    x += max(len(cell) * 4.2 + 12.0, 40.0)
            y += LINE
        objects.append(text_object(100.0, 285.0, f"- {number} -", size=4.2))
        if shuffle:
            rng.shuffle(objects)
        content = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{OFD_NS}">'
                   f'<ofd:Template TemplateID="2" ZOrder="Background"/>'
                   f'<ofd:Content><ofd:Layer ID="{new_id()}">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>')
        files[f"Doc_0/Pages/Page_{number - 1}/Content.xml"] = content
        page_refs.append(f'<ofd:Page ID="{new_id()}" BaseLoc="Pages/Page_{number - 1}/Content.xml"/>')
    files["Doc_0/Tpls/Tpl_0/Content.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{OFD_NS}"><ofd:Content>'
        f'<ofd:Layer ID="{new_id()}">{text_object(170.0, 15.0, "模板页眉文字", size=3.5)}</ofd:Layer>'
        f"</ofd:Content></ofd:Page>")
    files["Doc_0/PublicRes.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{OFD_NS}" BaseLoc="Res"><ofd:Fonts>'
        f'<ofd:Font ID="3" FontName="仿宋_GB2312" FamilyName="仿宋"/></ofd:Fonts></ofd:Res>')
    files["Doc_0/Document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{OFD_NS}"><ofd:CommonData>'
        f"<ofd:MaxUnitID>{next_id[0]}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>"
        f"</ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>"
        f'<ofd:TemplatePage ID="2" BaseLoc="Tpls/Tpl_0/Content.xml"/></ofd:CommonData>'
        f'<ofd:Pages>{"".join(page_refs)}</ofd:Pages></ofd:Document>')
    files["OFD.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{OFD_NS}" Version="1.0" DocType="OFD">'
        f"<ofd:DocBody><ofd:DocInfo><ofd:DocID>6a3b1c</ofd:DocID><ofd:Creator>nianbao tests</ofd:Creator>"
        f"</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>")
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as package:
        for name in ["OFD.xml"] + sorted(n for n in files if n != "OFD.xml"):
            package.writestr(name, files[name])
    return dest


# --- MHTML ----------------------------------------------------------------------------------

def to_mhtml(page_bytes, dest, charset="gb2312", url="http://www.example.gov.cn/zwgk/nb/2021/page.html"):
    """Save an HTML page as a browser does: multipart/related, quoted-printable HTML and an image."""
    message = MIMEMultipart("related", type="text/html")
    message["Subject"] = "=?utf-8?B?5bm05oql?="
    message["Snapshot-Content-Location"] = url
    message["MIME-Version"] = "1.0"
    html = MIMENonMultipart("text", "html", charset=charset)
    html.set_payload(page_bytes)
    email.encoders.encode_quopri(html)
    html["Content-Location"] = url
    message.attach(html)
    image = MIMEImage(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "png")
    image["Content-Location"] = "http://www.example.gov.cn/images/logo.png"
    message.attach(image)
    out = io.BytesIO()
    email.generator.BytesGenerator(out, policy=email.policy.compat32.clone(linesep="\r\n")).flatten(message)
    Path(dest).write_bytes(out.getvalue())
    return dest


# --- scans ----------------------------------------------------------------------------------

def render_pages(lines, dpi=200, rotate=0.3, noise=0.002, seed=1, per_page=24):
    """Grey A4 page images of ``lines`` in a Song typeface at 16 pt, slightly skewed and speckled
    as a desk scanner leaves a signed paper copy."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(cjk_font(), round(16 * dpi / 72))
    width, height = round(8.27 * dpi), round(11.69 * dpi)
    rng = random.Random(seed)
    pages = []
    for start in range(0, len(lines), per_page):
        image = Image.new("L", (width, height), 255)
        draw = ImageDraw.Draw(image)
        y = round(1.2 * dpi)
        for line in lines[start:start + per_page]:
            draw.text((round(1.0 * dpi), y), line, font=font, fill=20)
            y += round(16 * dpi / 72 * 1.8)
        for _ in range(int(width * height * noise)):
            image.putpixel((rng.randrange(width), rng.randrange(height)), rng.choice((0, 90, 160)))
        pages.append(image.rotate(rotate, resample=Image.BICUBIC, fillcolor=255, expand=False))
    return pages


def to_scanned_pdf(lines, dest, dpi=200, **kwargs):
    """An image-only PDF (no text layer) of ``lines``, as a scanner writes it."""
    pages = render_pages(lines, dpi=dpi, **kwargs)
    pages[0].save(str(dest), save_all=True, append_images=pages[1:], resolution=dpi)
    return dest


def char_error_rate(reference, hypothesis):
    """Levenshtein distance between two strings divided by the reference's length."""
    previous = list(range(len(hypothesis) + 1))
    for i, a in enumerate(reference, 1):
        current = [i]
        for j, b in enumerate(hypothesis, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = current
    return previous[-1] / max(len(reference), 1)
