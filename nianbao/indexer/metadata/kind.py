"""What a document is: an annual report, a statistics table alone, or another document."""
import re

from .patterns import BOOK, DISCLOSURE_TITLE, OTHER_TITLE, STATS_TITLE


def find_kind(title, text):
    """``annual_report``, ``statistics_table`` or ``other`` from title and opening text."""
    if title:
        if OTHER_TITLE.search(title):
            return "other"
        if STATS_TITLE.search(title) and not re.search(r"报告|年报|总结", title):
            return "statistics_table"
        if DISCLOSURE_TITLE.search(title):
            return "annual_report"
        return "other"  # a titled document that does not call itself a disclosure report
    intro = BOOK.sub("", text[:300])
    if re.search(r"信息公开|政务公开", intro) and re.search(r"年度报告|年报|工作报告", intro):
        return "annual_report"
    return "other"
