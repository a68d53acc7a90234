"""The report's title: the crawl header's (completed when truncated), else its heading lines."""
import re

from .patterns import NOISE_LINE, REPORT_END, REPORT_WORDS_END, TITLE_DATE_LINE


def find_title(text, header):
    """The header's title (completed from the body when truncated with ...), else the heading lines."""
    title = (header.get("title") or "").strip()
    if title and re.search(r"(?:\.{2,}|…+)$", title):
        prefix = re.sub(r"(?:\.{2,}|…+)$", "", title)
        # A listing page cut 报告 in half: the only word 年度报… / 工作报… can end with.
        return _complete_title(prefix, text) or (prefix + "告" if prefix.endswith("报") else title)
    return title or _heading_title(text)


def _complete_title(prefix, text):
    """The full title the body states, when it starts like the truncated ``prefix``."""
    match = re.search(re.escape(prefix) + r"[^\n。，；]{0,30}?(?<=报告|年报|总结)", text)
    return match.group() if match else None


def _heading_title(text):
    parts = []
    for line in text[:600].splitlines():
        line = line.strip(" \t\u3000")
        if not line or NOISE_LINE.match(line):
            continue
        if TITLE_DATE_LINE.fullmatch(line) or line.startswith(("根据", "本报告", "为")):
            break
        if len(line) > 60:
            cut = REPORT_WORDS_END.search(line[:80])
            if cut and not parts:
                parts.append(line[:cut.end()])
            break
        parts.append(line)
        if REPORT_END.search(line) or len(parts) == 3:
            break
    title = "".join(parts)
    return title if REPORT_END.search(title) else None
