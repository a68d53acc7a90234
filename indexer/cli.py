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
