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
