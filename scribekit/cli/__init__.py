"""The `scribekit` command: the group, and the commands of each module registered on it.

Each command module (``convert``, ``amberscript``, ``happyscribe``) defines its
commands and lists them in ``COMMANDS``; it imports ``_common`` (and the
provider modules ``_provider``), never this module, so that nothing imports in
a circle. The library never imports the command line.
"""
from __future__ import annotations

import click

from .. import __version__
from . import amberscript, convert, happyscribe
from ._common import CONTEXT, Group


@click.group(cls=Group, context_settings=CONTEXT)
@click.version_option(__version__, prog_name="scribekit")
def cli() -> None:
    """Transcripts and subtitles: read Amberscript, HappyScribe and subtitle files,
    write subtitles and documents cut to your limits."""


for _module in (convert, amberscript, happyscribe):
    for _command in _module.COMMANDS:
        cli.add_command(_command)


def main() -> None:
    cli(prog_name="scribekit")


__all__ = ["cli", "main"]
