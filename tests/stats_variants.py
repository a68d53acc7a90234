"""Variants of a real report's statutory tables, generated in code: the same figures laid out the
way other readers deliver tables (HTML with rowspan/colspan, docx with merged cells, PDF reading
order, one cell per line in a crawl CSV, digits run together), and broken copies that do not add up.

The figures come from a hand-transcribed case (``stats_cases``); the printed labels below are the
national 2021 format's (国办公开办函〔2021〕30号).
"""
import csv
import html
import io

from stats_cases import REQUEST_COLUMNS, REVIEW_ORDER

PROACTIVE = [  # (sub-table heading, column headings, [(row label, keys)])
    ("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"],
     [("规章", ["主动公开.规章.本年制发件数", "主动公开.规章.本年废止件数", "主动公开.规章.现行有效件数"]),
      ("行政规范性文件", ["主动公开.行政规范性文件.本年制发件数", "主动公开.行政规范性文件.本年废止件数",
                   "主动公开.行政规范性文件.现行有效件数"])]),
    ("第二十条第（五）项", ["本年处理决定数量"], [("行政许可", ["主动公开.行政许可.本年处理决定数量"])]),
    ("第二十条第（六）项", ["本年处理决定数量"], [("行政处罚", ["主动公开.行政处罚.本年处理决定数量"]),
                                      ("行政强制", ["主动公开.行政强制.本年处理决定数量"])]),
    ("第二十条第（八）项", ["本年收费金额（单位：万元）"], [("行政事业性收费", ["主动公开.行政事业性收费.本年收费金额"])]),
]
# (group label spanning rows or None, row label, row key); the group labels of 三、 are added separately
REQUEST_ROWS = [
    (None, "一、本年新收政府信息公开申请数量", "本年新收"),
    (None, "二、上年结转政府信息公开申请数量", "上年结转"),
    (None, "（一）予以公开", "予以公开"),
    (None, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "部分公开"),
    ("（三）不予公开", "1.属于国家秘密", "不予公开.属于国家秘密"),
    ("（三）不予公开", "2.其他法律行政法规禁止公开", "不予公开.其他法律行政法规禁止公开"),
    ("（三）不予公开", "3.危及“三安全一稳定”", "不予公开.危及三安全一稳定"),
    ("（三）不予公开", "4.保护第三方合法权益", "不予公开.保护第三方合法权益"),
    ("（三）不予公开", "5.属于三类内部事务信息", "不予公开.属于三类内部事务信息"),
    ("（三）不予公开", "6.属于四类过程性信息", "不予公开.属于四类过程性信息"),
    ("（三）不予公开", "7.属于行政执法案卷", "不予公开.属于行政执法案卷"),
    ("（三）不予公开", "8.属于行政查询事项", "不予公开.属于行政查询事项"),
    ("（四）无法提供", "1.本机关不掌握相关政府信息", "无法提供.本机关不掌握相关政府信息"),
    ("（四）无法提供", "2.没有现成信息需要另行制作", "无法提供.没有现成信息需要另行制作"),
    ("（四）无法提供", "3.补正后申请内容仍不明确", "无法提供.补正后申请内容仍不明确"),
    ("（五）不予处理", "1.信访举报投诉类申请", "不予处理.信访举报投诉类申请"),
    ("（五）不予处理", "2.重复申请", "不予处理.重复申请"),
    ("（五）不予处理", "3.要求提供公开出版物", "不予处理.要求提供公开出版物"),
    ("（五）不予处理", "4.无正当理由大量反复申请", "不予处理.无正当理由大量反复申请"),
    ("（五）不予处理", "5.要求行政机关确认或重新出具已获取信息", "不予处理.要求行政机关确认或重新出具已获取信息"),
    ("（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "其他处理.逾期不补正"),
    ("（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "其他处理.逾期未缴费"),
    ("（六）其他处理", "3.其他", "其他处理.其他"),
    (None, "（七）总计", "办理结果总计"),
    (None, "四、结转下年度继续办理", "结转下年度"),
]
NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
PROLOGUE = ["某某区人民政府2023年政府信息公开工作年度报告",
            "本报告根据《中华人民共和国政府信息公开条例》编制。",
            "一、总体情况", "2023年，我区扎实推进政务公开工作。", "二、主动公开政府信息情况"]
EPILOGUE = ["五、存在的主要问题及改进情况", "一是政策解读形式不够丰富。", "六、其他需要报告的事项", "无。"]


def fmt(value):
    """A figure as a table prints it (``None`` → empty cell)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return str(value)


def request_cells(figures, row):
    return [fmt(figures[f"申请.{row}.{c}"]) for c in REQUEST_COLUMNS]


def review_cells(figures):
    return [fmt(figures[k]) for k in REVIEW_ORDER]


# ------------------------------------------------------------------ HTML with rowspan/colspan
def html_page(figures):
    """A government page whose three tables use the national template's merged cells."""
    parts = [f"<p>{html.escape(line)}</p>" for line in PROLOGUE]
    rows = []
    for heading, columns, items in PROACTIVE:
        span = 3
        rows.append(f'<tr><td colspan="4">{heading}</td></tr>')
        rows.append("<tr><td>信息内容</td>" + "".join(
            f'<td colspan="{span if len(columns) == 1 else 1}">{c}</td>' for c in columns) + "</tr>")
        for label, keys in items:
            cells = "".join(f'<td colspan="{span if len(keys) == 1 else 1}">{fmt(figures[k])}</td>' for k in keys)
            rows.append(f"<tr><td>{label}</td>{cells}</tr>")
    parts.append("<table border='1'>" + "".join(rows) + "</table>")
    parts.append("<p>三、收到和处理政府信息公开申请情况</p>")
    rows = [f'<tr><td rowspan="3" colspan="3">{NOTE}</td><td colspan="7">申请人情况</td></tr>',
            '<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>',
            "<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>"]
    seen_group, seen_third = set(), False
    for group, label, row in REQUEST_ROWS:
        label_cells = ""
        if row in ("本年新收", "上年结转", "结转下年度"):
            label_cells = f'<td colspan="3">{label}</td>'
        else:
            if not seen_third:
                label_cells += '<td rowspan="22">三、本年度办理结果</td>'
                seen_third = True
            if group is None:
                label_cells += f'<td colspan="2">{label}</td>'
            else:
                if group not in seen_group:
                    size = sum(1 for g, _, _ in REQUEST_ROWS if g == group)
                    label_cells += f'<td rowspan="{size}">{group}</td>'
                    seen_group.add(group)
                label_cells += f"<td>{label}</td>"
        rows.append("<tr>" + label_cells + "".join(f"<td>{c}</td>" for c in request_cells(figures, row)) + "</tr>")
    parts.append("<table border='1'>" + "".join(rows) + "</table>")
    parts.append("<p>四、政府信息公开行政复议、行政诉讼情况</p>")
    heads = "".join(f"<td>{h}</td>" for h in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计"))
    rows = ['<tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>',
            "<tr>" + "".join(f'<td rowspan="2">{h}</td>' for h in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计"))
            + '<td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>',
            "<tr>" + heads + heads + "</tr>",
            "<tr>" + "".join(f"<td>{c}</td>" for c in review_cells(figures)) + "</tr>"]
    parts.append("<table border='1'>" + "".join(rows) + "</table>")
    parts.extend(f"<p>{html.escape(line)}</p>" for line in EPILOGUE)
    body = "\n".join(parts)
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>年度报告</title></head><body>"
            f"<div class='TRS_Editor'>{body}</div></body></html>")


# ------------------------------------------------------------------ docx with merged cells
def docx_bytes(figures):
    """A Word document with the three tables; label cells merged as in the national template."""
    import docx

    document = docx.Document()
    for line in PROLOGUE:
        document.add_paragraph(line)
    table_rows = []
    for heading, columns, items in PROACTIVE:
        table_rows.append(("span", heading))
        table_rows.append(["信息内容"] + columns + [""] * (3 - len(columns)))
        for label, keys in items:
            table_rows.append([label] + [fmt(figures[k]) for k in keys] + [None] * (3 - len(keys)))
    table = document.add_table(rows=len(table_rows), cols=4)
    for r, row in enumerate(table_rows):
        if row[0] == "span":
            merged = table.cell(r, 0).merge(table.cell(r, 3))
            merged.text = row[1]
            continue
        last = max(i for i, v in enumerate(row) if v is not None)
        for c, value in enumerate(row[:last + 1]):
            table.cell(r, c).text = value
        if last < 3:
            table.cell(r, last).merge(table.cell(r, 3))
    document.add_paragraph("三、收到和处理政府信息公开申请情况")
    table = document.add_table(rows=3 + len(REQUEST_ROWS), cols=10)
    table.cell(0, 0).merge(table.cell(2, 2)).text = NOTE
    table.cell(0, 3).merge(table.cell(0, 9)).text = "申请人情况"
    table.cell(1, 3).merge(table.cell(2, 3)).text = "自然人"
    table.cell(1, 4).merge(table.cell(1, 8)).text = "法人或其他组织"
    table.cell(1, 9).merge(table.cell(2, 9)).text = "总计"
    for c, name in enumerate(("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"), 4):
        table.cell(2, c).text = name
    first_third = 3 + 2
    table.cell(first_third, 0).merge(table.cell(first_third + 21, 0)).text = "三、本年度办理结果"
    groups = {}
    for i, (group, label, row) in enumerate(REQUEST_ROWS):
        r = 3 + i
        if row in ("本年新收", "上年结转", "结转下年度"):
            table.cell(r, 0).merge(table.cell(r, 2)).text = label
        elif group is None:
            table.cell(r, 1).merge(table.cell(r, 2)).text = label
        else:
            groups.setdefault(group, []).append(r)
            table.cell(r, 2).text = label
        for c, value in enumerate(request_cells(figures, row), 3):
            table.cell(r, c).text = value
    for group, rows in groups.items():
        table.cell(rows[0], 1).merge(table.cell(rows[-1], 1)).text = group
    document.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    table = document.add_table(rows=4, cols=15)
    table.cell(0, 0).merge(table.cell(0, 4)).text = "行政复议"
    table.cell(0, 5).merge(table.cell(0, 14)).text = "行政诉讼"
    heads = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    for c, h in enumerate(heads):
        table.cell(1, c).merge(table.cell(2, c)).text = h
    table.cell(1, 5).merge(table.cell(1, 9)).text = "未经复议直接起诉"
    table.cell(1, 10).merge(table.cell(1, 14)).text = "复议后起诉"
    for c, h in enumerate(heads * 2, 5):
        table.cell(2, c).text = h
    for c, value in enumerate(review_cells(figures)):
        table.cell(3, c).text = value
    for line in EPILOGUE:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# ------------------------------------------------------------------ PDF reading order
def pdf_like_text(figures):
    """Text as pypdf gives a PDF table: cells of a row separated by spaces, long labels broken over
    lines (figures after the last piece), header labels broken inside words, vertical labels."""
    lines = list(PROLOGUE)
    for heading, columns, items in PROACTIVE:
        lines.append(heading)
        lines.append("信息内容 " + " ".join(columns))
        for label, keys in items:
            lines.append(label + " ".join(fmt(figures[k]) for k in keys))
    lines += ["三、收到和处理政府信息公开申请情况", "（本列数据的勾稽关系为：第一项加第二项之和，",
              "等于第三项加第四项之和）申请人情况自然人法人或其他组织", "总计商 业 企", "业", "科研机", "构",
              "社 会 公 益", "组织", "法 律 服 务", "机构", "其他"]
    for group, label, row in REQUEST_ROWS:
        if row == "予以公开":
            lines += ["三、", "本", "年", "度", "办", "理", "结", "果"]
        if group and label.startswith("1."):
            lines.append(group[:4])
            lines.append(group[4:])
        cells = " ".join(request_cells(figures, row))
        if len(label) > 18:  # a long label wraps; its figures follow its last piece
            lines += [label[:14], label[14:28], label[28:] + cells] if len(label) > 28 else [label[:14], label[14:] + cells]
        else:
            lines.append(label + cells)
    lines += ["四、政府信息公开行政复议、行政诉讼情况", "行政复议 行政诉讼", "结 果", "维持", "结 果", "纠正",
              "其 他 结", "果", "尚 未", "审结", "总计", "未经复议直接起诉 复议后起诉"]
    lines += ["结 果", "维持", "结 果", "纠正", "其 他", "结果", "尚 未", "审结", "总计"] * 2
    lines.append(" ".join(review_cells(figures)))
    return "\n".join(lines + EPILOGUE)


# ------------------------------------------------------------------ one cell per line (crawl CSV)
def one_cell_per_line(figures, cell_gap=3, row_gap=5):
    """Every cell on its own line, cells ``cell_gap`` line breaks apart and rows ``row_gap``: a
    blank cell is an empty line among them, as the crawled CSVs print it."""
    rows = []
    for heading, columns, items in PROACTIVE:
        rows.append([heading])
        rows.append(["信息内容"] + columns)
        rows.extend([label] + [fmt(figures[k]) for k in keys] for label, keys in items)
    rows += [["三、收到和处理政府信息公开申请情况"], [NOTE, "申请人情况"], ["自然人", "法人或其他组织", "总计"],
             ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]]
    for group, label, row in REQUEST_ROWS:
        head = ([group] if group and label.startswith("1.") else []) + [label]
        if row == "予以公开":
            head = ["三、本年度办理结果"] + head
        rows.append(head + request_cells(figures, row))
    rows += [["四、政府信息公开行政复议、行政诉讼情况"], ["行政复议", "行政诉讼"],
             ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"],
             ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2, review_cells(figures)]
    body = ("\n" * row_gap).join(("\n" * cell_gap).join(row) for row in rows)
    return "\n".join(PROLOGUE) + "\n" + body + "\n" * row_gap + "\n".join(EPILOGUE)


def crawl_csv(text, title="某某区人民政府2023年政府信息公开工作年度报告"):
    """A crawl CSV (标题, 时间, 内容) holding ``text`` as its one row's content."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["标题", "时间", "内容"])
    writer.writerow([title, "2024-01-20", text])
    return out.getvalue().encode("utf-8")


# ------------------------------------------------------------------ digits run together
def flattened(figures):
    """The page text of a site that lost its tables: every cell's text run together."""
    text = one_cell_per_line(figures, cell_gap=0, row_gap=0)
    return text.replace("\n", "")


def with_figures(figures, changes):
    """A copy of ``figures`` with some cells changed (a table that does not add up)."""
    out = dict(figures)
    out.update(changes)
    return out
