"""The `scribekit` command: the group, and the commands of each module, loaded when used.

Each command module (``convert``, ``amberscript``, ``happyscribe``) defines its
commands and lists them in ``COMMANDS``; it imports ``_common`` (and the
provider modules ``_provider``), never this module, so that nothing imports in
a circle. The library never imports the command line.

A command module is imported only when one of its commands runs or shows its
help: building the writer flags imports every format, and the batch runner
multiprocessing. `scribekit --help` lists the commands from ``LAZY_COMMANDS``
(tests/test_startup.py holds it to the commands' own help).
"""
from __future__ import annotations

import importlib
from gettext import gettext as _
from typing import NamedTuple

import click

from ._common import CONTEXT, Group


class LazyCommand(NamedTuple):
    """Where a command of the group is defined, and the first paragraph of its help (for the group's list)."""

    module: str
    help: str


LAZY_COMMANDS = {
    "amberscript": LazyCommand("amberscript", "Amberscript: upload media, follow jobs, fetch results in any format."),
    "convert": LazyCommand("convert", "Convert transcripts and subtitle files to other formats."),
    "formats": LazyCommand("convert", "List every format: what scribekit reads and writes, and the options of each."),
    "happyscribe": LazyCommand("happyscribe", "HappyScribe: upload media, follow transcriptions, exports, "
                                              "translations and orders."),
    "info": LazyCommand("convert", "What FILE holds: its format, its header fields (EBU STL's GSI block; a TTML "
                                   "document's profile, frame rate, languages and regions; an SCC file's frame "
                                   "rate, channels and caption modes), its cues and times."),
    "lint": LazyCommand("convert", "Check subtitle files against a profile and limits."),
    "profiles": LazyCommand("convert", "List the named sets of limits that --profile takes."),
    "resegment": LazyCommand("convert", "Cut subtitle files anew under new limits."),
    "retime": LazyCommand("convert", "Change the times of subtitle files, and nothing else."),
}
"""Every command of the group: the module defining it (among those of this package) and the first
paragraph of its help, whitespace aside."""


class LazyGroup(Group):
    """A group whose commands are imported from ``LAZY_COMMANDS`` when first looked up."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.commands) | set(LAZY_COMMANDS))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in LAZY_COMMANDS:
            module = importlib.import_module(f"{__name__}.{LAZY_COMMANDS[cmd_name].module}")
            for command in module.COMMANDS:
                if command.name not in self.commands:
                    self.add_command(command)
        return self.commands.get(cmd_name)

    def all_commands(self) -> list[click.Command]:
        """Every command, each module imported."""
        ctx = click.Context(self)
        return [command for name in self.list_commands(ctx) if (command := self.get_command(ctx, name))]

    def resolve_command(self, ctx: click.Context, args: list[str]) -> tuple[str | None, click.Command | None,
                                                                              list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand as exc:  # "Did you mean": among every command, not those loaded
            raise click.exceptions.NoSuchCommand(exc.command_name, possibilities=self.list_commands(ctx),
                                                 ctx=ctx) from None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """click's list of commands, with the short help of a command not loaded made from ``LAZY_COMMANDS``."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            command = self.commands.get(name) or click.Command(name, help=LAZY_COMMANDS[name].help)
            if not command.hidden:
                rows.append((name, command.get_short_help_str(limit)))
        with formatter.section(_("Commands")):
            formatter.write_dl(rows)


def _show_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """--version, with the version read only when asked for (see scribekit.__getattr__)."""
    if not value or ctx.resilient_parsing:
        return
    from .. import __version__

    click.echo(f"scribekit, version {__version__}")
    ctx.exit()


@click.group(cls=LazyGroup, context_settings=CONTEXT)
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_show_version,
              help="Show the version and exit.")
def cli() -> None:
    """Transcripts and subtitles: read Amberscript, HappyScribe and subtitle files,
    write subtitles and documents cut to your limits."""


def main() -> None:
    cli(prog_name="scribekit")


__all__ = ["LAZY_COMMANDS", "cli", "main"]
