"""The ``nianbao`` command: a thin layer over the indexer and the search service.

One click group, built here; options several commands share (``--index``, ``--json``) are
declared once as decorators (sqlite-utils' habit). Commands call library functions and
format their plain data for a terminal: snippets' matches become bold (or 【】 when the
output is not a terminal) here, at the edge. Errors are one line (``Error: …``), exit 1.
Only ``serve`` imports Flask, and only when it runs.
"""
import csv
import json
import logging
import shutil
import sys
from contextlib import contextmanager

import click

from .indexer.index.store import DEFAULT_INDEX_DIR
from .indexer.labels import FACET_TITLES
from .indexer.limits import DEFAULT_MAX_FILE_MB, DEFAULT_MAX_REPORT_CHARS
from .indexer.stats.measures import HEADLINE

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


def index_option(fn):
    """``--index DIR``: the index folder, default $NIANBAO_INDEX or .nianbao/index."""
    return click.option("--index", "index_dir", type=click.Path(file_okay=False),
                        default=DEFAULT_INDEX_DIR, show_default=True,
                        help="Index folder ($NIANBAO_INDEX overrides the default).")(fn)


def json_option(fn):
    """``--json``: print JSON instead of a listing for people."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON.")(fn)


def limit_options(fn):
    """``--max-file-mb`` and ``--max-report-chars``: the extraction's input size limits."""
    fn = click.option("--max-report-chars", type=click.IntRange(min=1), default=None,
                      help=f"Keep at most this many characters of a report's text; a longer one is "
                           f"cut, with a warning (default {DEFAULT_MAX_REPORT_CHARS:,}; "
                           f"$NIANBAO_MAX_REPORT_CHARS).")(fn)
    return click.option("--max-file-mb", type=click.FloatRange(min=0, min_open=True), default=None,
                        help=f"Skip files larger than this, with a reason in the summary (default "
                             f"{DEFAULT_MAX_FILE_MB} MB; $NIANBAO_MAX_FILE_MB).")(fn)


def apply_limits(max_file_mb, max_report_chars):
    """Put the options' limits (else the environment's, else the defaults) in force."""
    from .indexer.limits import Limits, limits_from_env, set_limits

    try:
        base = limits_from_env()
    except ValueError as exc:
        raise click.ClickException(str(exc))
    set_limits(Limits(
        max_file_bytes=int(max_file_mb * 2**20) if max_file_mb else base.max_file_bytes,
        max_report_chars=max_report_chars or base.max_report_chars))


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="nianbao")
def cli():
    """年报检索: search Chinese government information-disclosure annual reports."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@json_option
@click.option("--explain", is_flag=True,
              help="Also show, per metadata field, the value chosen, its source and the candidates rejected.")
@limit_options
def extract(paths, as_json, explain, max_file_mb, max_report_chars):
    """Extract clean text, metadata and sections from report files (one JSON object per document).

    \b
    Example:
        nianbao extract corpus/ --json
        nianbao extract report.txt --json --explain
    """
    from .indexer.extract import ExtractError, extract_paths

    apply_limits(max_file_mb, max_report_chars)
    read = 0
    items = _explained(paths) if explain else ((item, None) for item in extract_paths(paths))
    for item, trace in items:
        if isinstance(item, ExtractError):
            click.echo(f"error: {item}", err=True)
            continue
        read += 1
        if as_json:
            data = item.to_dict()
            if trace is not None:
                data["explain"] = trace
            click.echo(json.dumps(data, ensure_ascii=False))
        else:
            where = "/".join(x for x in (item.province, item.city, item.district) if x)
            click.echo(f"{item.path}\t{item.year or '-'}\t{item.agency or '-'}\t{where or '-'}\t{item.title or '-'}")
            if trace is not None:
                click.echo(_format_trace(trace))
    if not read:
        sys.exit(1)


def _explained(paths):
    """(Report or ExtractError, metadata trace) for every document under ``paths``."""
    from .indexer import metadata
    from .indexer.extract import ExtractError, build_report, failed_step, iter_files, read_documents

    for path in iter_files(paths):
        docs = read_documents(path)
        if isinstance(docs, ExtractError):
            yield docs, None
            continue
        for doc in docs:
            try:  # the guard of extract_file
                report = build_report(doc)
                trace = metadata.extract(report.text, doc.header).trace
            except Exception as exc:
                yield failed_step(path, doc, exc), None
                break
            if report.text.strip():
                yield report, trace


def _format_trace(trace):
    """A metadata trace as indented lines for people."""
    lines = []
    for name, entry in trace.items():
        lines.append(f"  {name}: {entry.get('value')!r}" + (f"  [{entry['source']}]" if entry.get("source") else ""))
        for key in ("clues", "candidates", "rejected"):
            for value in entry.get(key) or []:
                lines.append(f"      {key[:-1] if key.endswith('s') else key}: {value}")
    return "\n".join(lines)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@index_option
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: one per core).")
@click.option("--check", is_flag=True,
              help="Only verify the published index's files against their checksums (exit 1 if damaged).")
@limit_options
def index(paths, index_dir, jobs, check, max_file_mb, max_report_chars):
    """Build or update the index from report files and folders.

    Only files added, changed or removed since the last run are redone. The live index is
    replaced atomically when the build succeeds. A damaged index is rebuilt from scratch.

    \b
    Example:
        nianbao index corpus/ --index .nianbao/index
        nianbao index --check --index .nianbao/index
    """
    from tqdm import tqdm

    from .indexer.index import store
    from .indexer.index.build import BuildError, build_index, format_summary
    from .indexer.index.store import IndexLocked

    if check:
        name = store.current_generation(index_dir)
        if name is None:
            raise click.ClickException(f"索引不存在：{index_dir}（请先运行 nianbao index）")
        damaged = store.verify(index_dir, name, full=True)
        if damaged:
            click.echo(store.damage_message(index_dir, damaged), err=True)
            for rel in damaged:
                click.echo(f"损坏：{rel}", err=True)
            sys.exit(1)
        click.echo(f"索引完好：{index_dir}（{name}），所有文件与校验和一致")
        return
    if not paths:
        raise click.UsageError("请给出要索引的文件或目录（或用 --check 只检查索引）")
    apply_limits(max_file_mb, max_report_chars)

    # shutil's size falls back to 80x24 where a terminal reports 0x0 (tqdm would draw nothing)
    size = shutil.get_terminal_size()
    try:  # Ctrl-C anywhere (even while the bar starts) ends the same way: old index kept
        with tqdm(desc="建立索引", unit="文件", file=sys.stderr, disable=not sys.stderr.isatty(),
                  ncols=size.columns, nrows=size.lines, leave=False) as bar:
            def progress(done, total):
                bar.total = total
                bar.update(done - bar.n)

            summary = build_index(paths, index_dir, jobs=jobs, progress=progress)
    except (IndexLocked, BuildError) as exc:
        raise click.ClickException(str(exc))
    except KeyboardInterrupt:
        click.echo("\n已中断：原索引未改变。", err=True)
        sys.exit(130)
    for error in summary.skipped:
        click.echo(f"跳过 {error}", err=True)
    click.echo(format_summary(summary))


def _facet_options(fn):
    """One repeatable ``--<facet>`` option per facet (values of one facet are ORed)."""
    from .indexer.search import FACETS

    for name in reversed(FACETS):
        fn = click.option(f"--{name}", name, multiple=True, metavar="VALUE",
                          help=f"Only reports whose {FACET_TITLES[name]} is VALUE (repeatable; ORed).")(fn)
    return fn


def search_options(fn):
    """The query, facet filters, figure conditions and sort every searching command takes."""
    fn = click.option("--sort", default="relevance", show_default=True,
                      help="relevance, year, or a figure (largest first; FIGURE:asc smallest first).")(fn)
    fn = click.option("--where", multiple=True, metavar="CONDITION",
                      help="A figure condition such as 新收申请>=10 (repeatable; all must hold).")(fn)
    fn = click.option("--year-to", type=int, default=None, metavar="YEAR",
                      help="Only reports of this year or earlier.")(fn)
    fn = click.option("--year-from", type=int, default=None, metavar="YEAR",
                      help="Only reports of this year or later.")(fn)
    fn = _facet_options(fn)
    return click.argument("query", default="")(fn)


@contextmanager
def _service(index_dir):
    """The search service of ``index_dir``, closed afterwards; errors as one clear line."""
    from .indexer.search import IndexNotFound, open_service

    try:
        service = open_service(index_dir)
    except IndexNotFound as exc:
        raise click.ClickException(str(exc))
    try:
        if not service.report_count:
            raise click.ClickException(f"索引为空：{service.index_dir}（请先运行 nianbao index）")
        yield service
    finally:
        service.close()


def _request(query, sort, where, filters, **more):
    from .indexer.search import SearchRequest

    years = {k: filters.get(k) for k in ("year_from", "year_to")}
    return SearchRequest(q=query, filters={k: list(v) for k, v in filters.items() if v and k not in years},
                         sort=sort, where=list(where), **years, **more)


@cli.command()
@search_options
@index_option
@click.option("--page", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("--per-page", type=int, default=10, show_default=True)
@json_option
def search(query, index_dir, sort, where, page, per_page, as_json, **filters):
    """Search the index: words ANDed, "exact phrase", OR, -exclude, title:word.

    \b
    Example:
        nianbao search 保密审查 --district 环翠区 --sort year
        nianbao search '"依申请公开" -行政诉讼' --json
        nianbao search --where '新收申请>=10' --sort 新收申请
        nianbao search 保密审查 --year-from 2019 --year-to 2021
    """
    from .indexer.search import QueryError

    with _service(index_dir) as service:
        try:
            response = service.search(_request(query, sort, where, filters, page=page,
                                               per_page=per_page))
        except QueryError as exc:
            raise click.ClickException(str(exc))
    if as_json:
        click.echo(json.dumps(response.to_dict(), ensure_ascii=False))
    else:
        click.echo(format_listing(response, bold=sys.stdout.isatty()))


@cli.command()
@search_options
@index_option
@click.option("--figures", default=",".join(HEADLINE), show_default=True,
              help="Comma-separated figure names (measures such as 新收申请, or contract keys).")
@click.option("--limit", type=click.IntRange(1, 100_000), default=1000, show_default=True,
              help="At most this many reports, in search order.")
@click.option("--csv", "as_csv", is_flag=True, help="CSV instead of tab-separated text.")
@json_option
def stats(query, index_dir, sort, where, figures, limit, as_csv, as_json, **filters):
    """The statutory tables' figures of a search: one row per report, one column per figure.

    \b
    Example:
        nianbao stats --city 威海市 --year 2023 --figures 新收申请,予以公开,不予公开率
        nianbao stats 应急管理 --where '行政诉讼>0' --sort 行政诉讼 --csv > suits.csv
        nianbao stats --agency 河北省科学技术厅 --year-from 2019 --sort year
    """
    from .indexer.search import QueryError
    from .indexer.stats.measures import names

    wanted = [f.strip() for f in figures.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in names()]
    if unknown:
        raise click.ClickException(f"没有这些统计数字：{'、'.join(unknown)}")
    rows, page = [], 1
    with _service(index_dir) as service:
        try:
            while len(rows) < limit:
                response = service.search(_request(query, sort, where, filters, page=page,
                                                   per_page=100))
                rows += response.results[:limit - len(rows)]
                if page * 100 >= response.total:
                    break
                page += 1
        except QueryError as exc:
            raise click.ClickException(str(exc))
        values = service.figures([r["id"] for r in rows], wanted)
    columns = ["id", "title", "agency", "province", "city", "district", "year"] + wanted
    table = [[r[c] for c in columns[:7]] + [values[r["id"]][f] for f in wanted] for r in rows]
    if as_json:
        click.echo(json.dumps({"columns": columns, "rows": table}, ensure_ascii=False))
        return
    writer = csv.writer(sys.stdout, delimiter="," if as_csv else "\t", lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([["" if v is None else v for v in row] for row in table])


def format_listing(response, bold=False):
    """A readable terminal listing of a SearchResponse (matches in bold, or in 【】)."""
    pages = max(1, -(-response.total // response.per_page))
    bound = "" if response.exact or not response.total else "至多 "
    lines = [f"共 {bound}{response.total} 份报告（第 {response.page}/{pages} 页，{response.took_ms} 毫秒）"]
    if bound:
        terms = "、".join(response.unverified_terms)
        lines.append(f"（{terms} 几乎出现在每一份报告中，没有逐份核对：总数和筛选计数是上限，"
                     "列出的报告都已核对）")
    start = (response.page - 1) * response.per_page
    for n, r in enumerate(response.results, start + 1):
        where = "/".join(x for x in (r["province"], r["city"], r["district"]) if x) or "-"
        lines += ["", f"{n}. {r['title'] or r['path']}  [{r['year'] or '-'}]",
                  f"   {r['agency'] or '-'} · {where} · {r['id']}"]
        if r["sections"]:
            lines.append("   章节：" + "、".join(s["label"] for s in r["sections"]))
        lines += ["   " + terminal_snippet(s, bold) for s in r["snippets"]]
    facets = [(name, values) for name, values in response.facets.items() if values]
    if facets:
        lines.append("")
        for name, values in facets:
            shown = " ".join(f"{'*' if v['selected'] else ''}{v['label']}({v['count']})"
                             for v in values[:8])
            lines.append(f"{FACET_TITLES.get(name, name)}：{shown}{' …' if len(values) > 8 else ''}")
    return "\n".join(lines)


def terminal_snippet(snippet, bold):
    """A snippet dict as terminal text: its matches in ANSI bold, or in 【】 when not a tty."""
    on, off = ("\x1b[1m", "\x1b[0m") if bold else ("【", "】")
    text, out, pos = snippet["text"], [], 0
    for start, end in snippet["matches"]:
        out += [text[pos:start], on, text[start:end], off]
        pos = end
    return "".join(out) + text[pos:]


@cli.command()
@index_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; the default serves this computer only.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on.")
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 64),
              help="Worker threads.")
@click.option("--base-url", default="", metavar="URL",
              help="The site's public address (https://host/prefix), for the links in CSV/JSON "
                   "exports; default: relative links.")
def serve(index_dir, host, port, threads, base_url):
    """Serve the search web page (and JSON API) with waitress.

    With no index yet at the default location (.nianbao/index), first builds one from the
    sample corpus/; any other index folder must be built with `nianbao index` first.

    \b
    Example:
        nianbao serve
        nianbao serve --index /data/nianbao-index --port 8080
    """
    import waitress

    from .indexer.index.store import current_generation
    from .web import create_app
    from .web.security import WAITRESS_HEADER_BYTES
    from .web.serve import AccessLog, seed_sample_index
    from .web.settings import StartupError

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    if current_generation(index_dir) is None:
        seed_sample_index(index_dir, lambda message: click.echo(message, err=True))
    try:
        app = AccessLog(create_app({"INDEX_DIR": index_dir, "BASE_URL": base_url}))
    except StartupError as exc:
        raise click.ClickException(str(exc))
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"年报检索已启动：请在浏览器打开 http://{shown}:{port}/ （按 Ctrl-C 停止）")
    waitress.serve(app, host=host, port=port, threads=threads, ident="nianbao",
                   max_request_header_size=WAITRESS_HEADER_BYTES)


def main():
    """Run the ``nianbao`` command line."""
    cli()
