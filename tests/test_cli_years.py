"""``nianbao search`` and ``nianbao stats`` with a year range (--year-from / --year-to), on the
corpus index; expected reports are the extractor's (``corpus_reports``)."""
import csv
import io
import json

import pytest

from nianbao.cli import cli


@pytest.mark.parametrize("args, low, high", [(["--year-from", "2018", "--year-to", "2021"], 2018, 2021),
                                             (["--year-from", "2022"], 2022, 9999),
                                             (["--year-to", "2016"], 0, 2016)])
def test_search_and_stats_take_a_year_range(corpus_index, corpus_reports, runner, args, low, high):
    expected = {i for i, r in corpus_reports.items() if r.year and low <= r.year <= high}
    found = runner.invoke(cli, ["search", "--index", str(corpus_index), "--per-page", "100", "--json", *args])
    assert found.exit_code == 0, found.output
    assert {r["id"] for r in json.loads(found.output)["results"]} == expected
    table = runner.invoke(cli, ["stats", "--index", str(corpus_index), "--csv", "--figures", "新收申请", *args])
    assert table.exit_code == 0, table.output
    rows = list(csv.DictReader(io.StringIO(table.output)))
    assert {r["id"] for r in rows} == expected and all(low <= int(r["year"]) <= high for r in rows)


def test_a_reversed_year_range_is_a_clear_error(corpus_index, runner):
    for command in ("search", "stats"):
        result = runner.invoke(cli, [command, "--index", str(corpus_index), "--year-from", "2023", "--year-to", "2019"])
        assert result.exit_code == 1 and "起始年份不能晚于结束年份" in result.output
