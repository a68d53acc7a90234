"""Entry point of the ``nianbao`` command: the indexer's commands plus ``serve``."""
import logging

import click

from indexer.cli import cli
from indexer.store import DEFAULT_INDEX_DIR, current_generation


@cli.command()
@click.option("--index", "index_dir", default=DEFAULT_INDEX_DIR, show_default=True,
              type=click.Path(file_okay=False), help="Index folder (built from corpus/ when empty).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; the default serves this computer only.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on.")
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 64),
              help="Worker threads.")
def serve(index_dir, host, port, threads):
    """Serve the search web page (and JSON API) with waitress.

    With no index yet, first builds one from the sample corpus/.

    \b
    Example:
        nianbao serve
        nianbao serve --index /data/nianbao-index --port 8080
    """
    import waitress

    from indexer.build import build_index
    from web import create_app
    from web.serve import AccessLog, find_corpus

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    if current_generation(index_dir) is None:
        corpus = find_corpus()
        if corpus is None:
            raise click.ClickException(
                f"no index in {index_dir} and no corpus/ folder to build one from; "
                "run `nianbao index PATH --index DIR` first")
        click.echo(f"索引不存在，正在从 {corpus} 构建索引到 {index_dir} …", err=True)
        summary = build_index([str(corpus)], index_dir)
        click.echo(f"已索引 {summary.total_reports} 份报告，用时 {summary.seconds:.1f} 秒", err=True)
    app = AccessLog(create_app({"INDEX_DIR": index_dir}))
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"年报检索已启动：请在浏览器打开 http://{shown}:{port}/ （按 Ctrl-C 停止）")
    waitress.serve(app, host=host, port=port, threads=threads, ident="nianbao")


def main():
    """Run the ``nianbao`` command line."""
    cli()
