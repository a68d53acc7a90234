"""The ``nianbao`` command-line interface (extract, index, search).

``web.cli`` adds ``serve`` to this group, so this package never imports Flask.
"""
import json
import sys

import click

from .extract import ExtractError, extract_paths

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="nianbao")
def cli():
    """年报检索: search Chinese government information-disclosure annual reports."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per document.")
def extract(paths, as_json):
    """Extract clean text, metadata and sections from report files.

    \b
    Example:
        nianbao extract corpus/ --json
    """
    read = 0
    for item in extract_paths(paths):
        if isinstance(item, ExtractError):
            click.echo(f"error: {item}", err=True)
            continue
        read += 1
        if as_json:
            click.echo(json.dumps(item.to_dict(), ensure_ascii=False))
        else:
            where = "/".join(x for x in (item.province, item.city, item.district) if x)
            click.echo(f"{item.path}\t{item.year or '-'}\t{item.agency or '-'}\t{where or '-'}\t{item.title or '-'}")
    if not read:
        sys.exit(1)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--index", "index_dir", type=click.Path(file_okay=False), default=None,
              help="Index directory (default: $NIANBAO_INDEX or .nianbao/index).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: one per core).")
def index(paths, index_dir, jobs):
    """Build or update the index from report files and folders.

    Only files added, changed (by content hash) or removed since the last run are
    redone. The live index is replaced atomically when the build succeeds.

    \b
    Example:
        nianbao index corpus/ --index .nianbao/index
    """
    from .build import BuildError, build_index, format_summary
    from .store import IndexLocked

    with ProgressBar(label="建立索引") as bar:
        try:
            summary = build_index(paths, index_dir, jobs=jobs, progress=bar.update)
        except IndexLocked as exc:
            raise click.ClickException(str(exc))
        except BuildError as exc:
            raise click.ClickException(str(exc))
        except KeyboardInterrupt:
            bar.close()
            click.echo("已中断：原索引未改变。", err=True)
            sys.exit(130)
    for error in summary.skipped:
        click.echo(f"跳过 {error}", err=True)
    click.echo(format_summary(summary))


class ProgressBar:
    """A click progress bar on stderr, shown only when stderr is a terminal."""

    def __init__(self, label):
        self.label, self.bar = label, None

    def update(self, done, total):
        """Advance to ``done`` of ``total`` files (creates the bar on first call)."""
        if not sys.stderr.isatty():
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos)

    def close(self):
        """Finish the bar's line."""
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _facet_option(name, label):
    """A repeatable facet filter option (values ORed)."""
    return click.option(f"--{name}", name, multiple=True, metavar=label,
                        help=f"Only reports with this {name} (repeatable; values are ORed).")


@cli.command()
@click.argument("query", default="")
@click.option("--index", "index_dir", type=click.Path(file_okay=False), default=None,
              help="Index directory (default: $NIANBAO_INDEX or .nianbao/index).")
@_facet_option("province", "P")
@_facet_option("city", "C")
@_facet_option("district", "D")
@_facet_option("agency", "A")
@_facet_option("year", "Y")
@_facet_option("section", "S")
@_facet_option("kind", "K")
@click.option("--sort", type=click.Choice(["relevance", "year"]), default="relevance",
              show_default=True)
@click.option("--page", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("--per-page", type=click.IntRange(1, 100), default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def search(query, index_dir, sort, page, per_page, as_json, **filters):
    """Search the index: words ANDed, "exact phrase", OR, -exclude, title:word.

    \b
    Example:
        nianbao search 保密审查 --district 环翠区 --sort year
        nianbao search '"依申请公开" -行政诉讼' --json
    """
    from .search import IndexNotFound, QueryError, SearchRequest, open_service

    try:
        service = open_service(index_dir)
    except IndexNotFound as exc:
        raise click.ClickException(str(exc))
    try:
        if not service.report_count:
            raise click.ClickException(f"索引为空：{service.index_dir}（请先运行 nianbao index）")
        request = SearchRequest(q=query, filters={k: list(v) for k, v in filters.items() if v},
                                sort=sort, page=page, per_page=per_page)
        try:
            response = service.search(request)
        except QueryError as exc:
            raise click.ClickException(str(exc))
    finally:
        service.close()
    if as_json:
        click.echo(json.dumps(response.to_dict(), ensure_ascii=False))
    else:
        click.echo(format_listing(response, bold=sys.stdout.isatty()))


def format_listing(response, bold=False):
    """A readable terminal listing of a SearchResponse (marks as bold or 【】)."""
    pages = max(1, -(-response.total // response.per_page))
    lines = [f"共 {response.total} 份报告（第 {response.page}/{pages} 页，{response.took_ms} 毫秒）"]
    start = (response.page - 1) * response.per_page
    for n, r in enumerate(response.results, start + 1):
        where = "/".join(x for x in (r["province"], r["city"], r["district"]) if x) or "-"
        lines += ["", f"{n}. {r['title'] or r['path']}  [{r['year'] or '-'}]",
                  f"   {r['agency'] or '-'} · {where} · {r['id']}"]
        if r["sections"]:
            lines.append("   章节：" + "、".join(s["label"] for s in r["sections"]))
        lines += ["   " + _terminal_marks(s, bold) for s in r["snippets"]]
    facets = [(name, values) for name, values in response.facets.items() if values]
    if facets:
        lines.append("")
        for name, values in facets:
            shown = " ".join(f"{'*' if v['selected'] else ''}{v['label']}({v['count']})"
                             for v in values[:8])
            lines.append(f"{FACET_LABELS.get(name, name)}：{shown}{' …' if len(values) > 8 else ''}")
    return "\n".join(lines)


FACET_LABELS = {"province": "省份", "city": "城市", "district": "区县", "agency": "机关",
                "year": "年度", "section": "章节", "kind": "类型"}


def _terminal_marks(snippet, bold):
    """A snippet's HTML as terminal text: <mark> as ANSI bold (or 【】), entities unescaped."""
    import html

    on, off = ("\x1b[1m", "\x1b[0m") if bold else ("【", "】")
    return html.unescape(snippet.replace("<mark>", on).replace("</mark>", off))
