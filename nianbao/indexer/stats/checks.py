"""The tables' own arithmetic, checked: which reports do not add up, and where.

Equations (national formats):
- 申请, every row: 总计 column = the sum of the six applicant columns (key ``申请.<row>.总计``).
- 申请, every column: 办理结果总计 = 予以公开 + 部分公开 + 不予公开 1–8 + 无法提供 1–3 + 不予处理 1–5 +
  其他处理 (2019: one row; 2021: its three sub-rows) (key ``申请.办理结果总计.<column>``).
- 申请, every column: 本年新收 + 上年结转 = 办理结果总计 + 结转下年度 (same key).
- 复议 总计 and each 诉讼 group's 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.

Decisions:
- Only printed numbers are compared: an equation with a blank, not-applicable, unreadable or
  unprinted operand is not checked (a blank is not zero). A blank total whose parts are all printed
  is reported once, as ``incomplete``.
- One issue per failing equation, on the total's key; a wrong cell that breaks a row and a column
  equation is reported by both (researchers see every place the table does not add up).
"""
from . import keys as K

_REQUEST_PARTS = ("予以公开", "部分公开",
                  "不予公开.属于国家秘密", "不予公开.其他法律行政法规禁止公开", "不予公开.危及三安全一稳定",
                  "不予公开.保护第三方合法权益", "不予公开.属于三类内部事务信息", "不予公开.属于四类过程性信息",
                  "不予公开.属于行政执法案卷", "不予公开.属于行政查询事项",
                  "无法提供.本机关不掌握相关政府信息", "无法提供.没有现成信息需要另行制作", "无法提供.补正后申请内容仍不明确",
                  "不予处理.信访举报投诉类申请", "不予处理.重复申请", "不予处理.要求提供公开出版物",
                  "不予处理.无正当理由大量反复申请", "不予处理.要求行政机关确认或重新出具已获取信息")
_OTHER_2019 = ("其他处理",)
_OTHER_2021 = ("其他处理.逾期不补正", "其他处理.逾期未缴费", "其他处理.其他")
_REQUEST_ROWS = ("本年新收", "上年结转") + _REQUEST_PARTS + _OTHER_2019 + _OTHER_2021 + ("办理结果总计", "结转下年度")


class Equation:
    """``sum(left) == sum(right)``, reported on ``key``; ``total`` is the side that is one total cell."""

    __slots__ = ("key", "left", "right", "labels")

    def __init__(self, key, left, right, labels):
        self.key, self.left, self.right, self.labels = key, left, right, labels


def _number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _other_rows(values):
    if any(f"申请.{r}.{c}" in values for r in _OTHER_2021 for c in K.REQUEST_COLUMNS):
        return _OTHER_2021
    return _OTHER_2019


def equations(values):
    """Every equation the tables in ``values`` print."""
    out = []
    if any(k.startswith("申请.") for k in values):
        parts = _REQUEST_PARTS + _other_rows(values)
        for row in _REQUEST_ROWS:
            if f"申请.{row}.总计" in values:
                cols = [f"申请.{row}.{c}" for c in K.APPLICANTS]
                out.append(Equation(f"申请.{row}.总计", cols, [f"申请.{row}.总计"], ("row", row)))
        for c in K.REQUEST_COLUMNS:
            total = f"申请.办理结果总计.{c}"
            out.append(Equation(total, [f"申请.{p}.{c}" for p in parts], [total], ("parts", c)))
            out.append(Equation(total, [f"申请.本年新收.{c}", f"申请.上年结转.{c}"],
                                [total, f"申请.结转下年度.{c}"], ("balance", c)))
    for prefix in ("复议", "诉讼.未经复议直接起诉", "诉讼.复议后起诉"):
        if f"{prefix}.总计" in values:
            cols = [f"{prefix}.{c}" for c in K.OUTCOMES[:4]]
            out.append(Equation(f"{prefix}.总计", cols, [f"{prefix}.总计"], ("review", prefix)))
    return out


def holds(eq, values):
    """True/False: does ``eq`` hold in ``values``; None where an operand is not a printed number."""
    operands = [values.get(k) for k in eq.left + eq.right]
    if not all(_number(v) for v in operands):
        return None
    return abs(sum(values[k] for k in eq.left) - sum(values[k] for k in eq.right)) < 1e-6


def check(values):
    """The arithmetic issues of ``values``: dicts with key, kind and a Chinese message."""
    issues, incomplete = [], set()
    for eq in equations(values):
        ok = holds(eq, values)
        if ok is False:
            issues.append({"key": eq.key, "kind": "arithmetic", "message": _message(eq, values)})
        elif ok is None and eq.labels[0] in ("row", "parts", "review") and eq.key not in incomplete:
            total = values.get(eq.key, 0)
            parts = [values.get(k) for k in eq.left]
            if eq.key in values and total is None and all(_number(v) for v in parts):
                incomplete.add(eq.key)
                issues.append({"key": eq.key, "kind": "incomplete",
                               "message": f"合计栏空白，而各项均已填写（之和为 {_fmt(sum(parts))}）"})
    return issues


def _fmt(x):
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _message(eq, values):
    kind, name = eq.labels
    left = _fmt(sum(values[k] for k in eq.left))
    if kind == "row":
        return f"{name}：各申请人之和 {left} ≠ 总计 {_fmt(values[eq.key])}"
    if kind == "parts":
        return f"{name}：办理结果各项之和 {left} ≠ 办理结果总计 {_fmt(values[eq.key])}"
    if kind == "balance":
        a, b = (values[k] for k in eq.left)
        c, d = (values[k] for k in eq.right)
        return f"本年新收 {_fmt(a)} + 上年结转 {_fmt(b)} ≠ 办理结果总计 {_fmt(c)} + 结转下年度 {_fmt(d)}"
    terms = " + ".join(f"{k.rsplit('.', 1)[1]} {_fmt(values[k])}" for k in eq.left)
    return f"{name}：{terms} = {left} ≠ 总计 {_fmt(values[eq.key])}"
