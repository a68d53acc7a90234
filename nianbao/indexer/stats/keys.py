"""The statistics contract's keys: one per statutory table cell (``data/stats_keys.tsv``).

The table is a verbatim copy of ``../shared/stats/keys.tsv`` made by ``scripts/copy_stats_keys.py``.
A key is ``<table>.<row>[.<sub-row>].<column>`` in Chinese; ``formats`` says which table formats
(``2021``, ``2019``, ``pre2019``) print the cell.
"""
from functools import lru_cache
from importlib import resources

# The applicant columns of the 申请 table, in printed order, and its row total.
APPLICANTS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
REQUEST_COLUMNS = APPLICANTS + ("总计",)
# The five outcome columns of 复议 and of each 诉讼 group.
OUTCOMES = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
REVIEW_KEYS = tuple(f"复议.{c}" for c in OUTCOMES) + tuple(
    f"诉讼.{group}.{c}" for group in ("未经复议直接起诉", "复议后起诉") for c in OUTCOMES)
# Amounts of money, in 万元: floats; every other figure is a count.
MONEY_KEYS = frozenset({"主动公开.行政事业性收费.本年收费金额", "主动公开.政府集中采购.采购总金额", "旧.收费金额"})


@lru_cache(maxsize=1)
def keys():
    """Every contract key mapped to ``(formats, label)``, in the contract's order."""
    text = resources.files("nianbao.indexer").joinpath("data/stats_keys.tsv").read_text("utf-8")
    table = {}
    for line in text.splitlines()[1:]:
        if line.strip():
            key, formats, label = line.split("\t")
            table[key] = (tuple(formats.split(",")), label)
    return table


def is_money(key):
    """True for a key whose value is an amount in 万元."""
    return key in MONEY_KEYS
