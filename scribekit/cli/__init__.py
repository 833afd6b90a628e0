"""The `scribekit` command: the group, and the commands of each module registered on it.

Each command module (``convert``, ``amberscript``, ``happyscribe``) defines its
commands and lists them in ``COMMANDS``; it imports ``_common`` (and the
provider modules ``_provider``), never this module, so that nothing imports in
a circle. The library never imports the command line.
"""
from __future__ import annotations

import click

from . import amberscript, convert, happyscribe
from ._common import CONTEXT, Group


def _show_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """--version, with the version read only when asked for (see scribekit.__getattr__)."""
    if not value or ctx.resilient_parsing:
        return
    from .. import __version__

    click.echo(f"scribekit, version {__version__}")
    ctx.exit()


@click.group(cls=Group, context_settings=CONTEXT)
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_show_version,
              help="Show the version and exit.")
def cli() -> None:
    """Transcripts and subtitles: read Amberscript, HappyScribe and subtitle files,
    write subtitles and documents cut to your limits."""


for _module in (convert, amberscript, happyscribe):
    for _command in _module.COMMANDS:
        cli.add_command(_command)


def main() -> None:
    cli(prog_name="scribekit")


__all__ = ["cli", "main"]
