"""Entry point of the ``nianbao`` command: the indexer's commands plus ``serve``."""
from indexer.cli import cli


def main():
    """Run the ``nianbao`` command line."""
    cli()
