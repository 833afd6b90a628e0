"""What every command shares: options made from the writers' Options dataclasses, --profile,
--from and friends, reporting on stderr, and the group class that turns errors into exit statuses."""
from __future__ import annotations

import dataclasses
import functools
import math
import os
import re
import sys
import types
import typing
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

from ..errors import OptionError, ScribekitError, ScribekitWarning, UnknownFormatError

if TYPE_CHECKING:
    _ParamType = click.ParamType[float, Any]
else:
    _ParamType = click.ParamType

CONTEXT = {"help_option_names": ["-h", "--help"]}
"""The context settings of every group: -h is --help."""

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def options(*decorators: Decorator) -> Decorator:
    """Several option decorators as one, applied in the order given (the first shown first)."""
    def apply(command: Callable[..., Any]) -> Callable[..., Any]:
        for decorator in reversed(decorators):
            command = decorator(command)
        return command
    return apply


# --- options generated from the writers' option dataclasses ---------------------------------

class Seconds(_ParamType):
    """A duration: ``30``, ``30s``, ``1.5s``, ``2m``."""

    name = "seconds"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        if isinstance(value, (int, float)):
            return float(value)
        text = str(value).strip().lower()
        factor = 1.0
        if text.endswith("ms"):
            text, factor = text[:-2], 0.001
        elif text.endswith("s"):
            text = text[:-1]
        elif text.endswith("m"):
            text, factor = text[:-1], 60.0
        try:
            seconds = float(text) * factor
        except ValueError:
            self.fail(f"{value!r} is not a duration (e.g. 30, 30s, 1m)", param, ctx)
        if not math.isfinite(seconds):
            self.fail(f"{value!r} is not a duration (e.g. 30, 30s, 1m)", param, ctx)
        return seconds


class Number(click.types.FloatParamType):
    """A finite number: ``nan`` and ``inf`` are wrong usage, not a limit nobody can meet."""

    name = "number"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number", param, ctx)
        return number


def _plain_type(annotation: Any) -> type:
    """``int | None`` -> int."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
    return annotation  # type: ignore[no-any-return]


def _option_classes() -> Iterator[tuple[str, type]]:
    """(format name, options dataclass) for every writer, the segmenter's for subtitle writers, and
    the options every writer takes (``formats.CommonOptions``)."""
    from .. import formats
    from ..segmentation import SegmentOptions

    for info in formats.writers():
        options = getattr(info.module, "Options", None)
        if options is not None:
            yield info.name, options
        if info.kind == "subtitle":
            yield info.name, SegmentOptions
        yield info.name, formats.CommonOptions


@dataclasses.dataclass
class Flag:
    name: str
    type: type
    help: str
    formats: list[str]
    unit: str | None

    @property
    def param_type(self) -> Any:
        if self.unit == "seconds":
            return Seconds()
        return Number() if self.type is float else self.type


class Writers(typing.NamedTuple):
    """What the flags are made of: every writer option and segmentation limit, the writers, the profiles."""

    flags: dict[str, Flag]
    """Every writer option and segmentation limit, by field name, with the formats taking it."""
    every: tuple[str, ...]
    """Every writer's name, in the registry's order."""
    subtitle: frozenset[str]
    """The subtitle writers' names."""
    profiles: tuple[str, ...]
    """The names of ``segmentation.PROFILES``, sorted."""
    segment: tuple[str, ...]
    """The fields of ``SegmentOptions``, in their order (`scribekit lint`'s limits)."""


_TYPES: dict[str, type] = {"bool": bool, "int": int, "float": float, "str": str}


@functools.cache
def writers() -> Writers:
    """Built once (every converting command, convert's and the providers', takes these flags) from
    ``_flag_table`` when no plug-in format can be installed, else from the format modules. The table
    is what ``computed_writers`` makes of the built-in formats (tests/test_startup.py holds it to that):
    without it, every command's flags would import every format module and the segmenter."""
    from .. import formats

    if formats._may_have_plugins():
        return computed_writers()
    from . import _flag_table as table

    flags = {name: Flag(name, _TYPES[kind], help, list(taken), unit) for name, kind, unit, help, taken in table.FLAGS}
    return Writers(flags, table.WRITERS, frozenset(table.SUBTITLE_WRITERS), table.PROFILES, table.SEGMENT_OPTIONS)


def writer_flags() -> dict[str, Flag]:
    """Every writer option and segmentation limit, by field name, with the formats taking it."""
    return writers().flags


def _subtitle_writers() -> frozenset[str]:
    return writers().subtitle


def computed_writers() -> Writers:
    """``Writers`` from the format modules (each imported) and the segmenter."""
    from .. import formats
    from ..segmentation import PROFILES, SegmentOptions

    flags: dict[str, Flag] = {}
    for fmt, options in _option_classes():
        hints = typing.get_type_hints(options)
        for field in dataclasses.fields(options):
            kind = _plain_type(hints[field.name])
            flag = flags.get(field.name)
            if flag is None:
                flags[field.name] = Flag(field.name, kind, field.metadata.get("help", ""), [fmt],
                                         field.metadata.get("unit"))
            elif flag.type is not kind:
                raise TypeError(f"option {field.name} has two types: {flag.type} and {kind}")
            elif fmt not in flag.formats:
                flag.formats.append(fmt)
    every = formats.writers()
    return Writers(flags, tuple(f.name for f in every), frozenset(f.name for f in every if f.kind == "subtitle"),
                   tuple(sorted(PROFILES)), tuple(field.name for field in dataclasses.fields(SegmentOptions)))


def render_flag_table() -> str:
    """The source of ``_flag_table``: ``computed_writers()`` of the formats installed."""
    import pprint

    computed = computed_writers()
    unknown = [flag.name for flag in computed.flags.values() if _TYPES.get(flag.type.__name__) is not flag.type]
    if unknown:
        raise TypeError(f"the flag table holds options of type bool, int, float or str, not {', '.join(unknown)}")
    rows = tuple((flag.name, flag.type.__name__, flag.unit, flag.help, tuple(flag.formats))
                 for flag in computed.flags.values())

    def assign(name: str, kind: str, value: object) -> str:
        return f"{name}: {kind}\n{name} = {pprint.pformat(value, width=116 - len(name), compact=True)}\n"

    return "\n".join([f'"""{_TABLE_DOC}"""\n', assign("WRITERS", "tuple[str, ...]", computed.every),
                      assign("SUBTITLE_WRITERS", "tuple[str, ...]", tuple(sorted(computed.subtitle))),
                      assign("PROFILES", "tuple[str, ...]", computed.profiles),
                      assign("SEGMENT_OPTIONS", "tuple[str, ...]", computed.segment),
                      assign("FLAGS", "tuple[tuple[str, str, str | None, str, tuple[str, ...]], ...]", rows)
                      + '"""(name, type, unit, help, formats taking it) of every writer option and segmentation '
                        'limit."""\n'])


_TABLE_DOC = """The writers' options, as scribekit.cli._common.computed_writers makes them of the built-in
formats, so that the commands' flags are built without importing every format module and the
segmenter. Made by scribekit.cli._common.render_flag_table; tests/test_startup.py holds it to the
format modules. After changing a writer's options (or the formats, or the profiles), make it anew:

python -c "from scribekit.cli._common import render_flag_table as r; print(r(), end='')" >scribekit/cli/_flag_table.py
"""


def applies_to(flag: Flag) -> str:
    if set(flag.formats) == set(writers().every):
        return "every format"
    if set(flag.formats) == _subtitle_writers():
        return "every subtitle format"
    return ", ".join(flag.formats)


_OFF_SWITCHES = {"clean": "verbatim"}
"""Writer options whose off switch has a name of its own (``--verbatim`` rather than ``--no-clean``)."""
_BARE_VALUES = {"line_numbers": 1}
"""Writer options that may be given as a flag alone, meaning this value (``--line-numbers``: every line)."""


def add_writer_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """A --flag for every writer option and segmentation limit, saying the formats that take it."""
    for flag in sorted(writer_flags().values(), key=lambda f: f.name, reverse=True):
        dashed = flag.name.replace("_", "-")
        help_text = f"{flag.help} [{applies_to(flag)}]"
        if flag.type is bool:
            off = _OFF_SWITCHES.get(flag.name, f"no-{dashed}")
            option = click.option(f"--{dashed}/--{off}", flag.name, default=None, help=help_text)
        else:  # a flag that may stand alone (_BARE_VALUES) is given its value by _bare_values
            option = click.option(f"--{dashed}", flag.name, type=flag.param_type, default=None, help=help_text)
        command = option(command)
    return command


def given(options: dict[str, Any]) -> dict[str, Any]:
    """The options given on the command line (those left out are None)."""
    return {name: value for name, value in options.items() if value is not None}


def profile_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--profile", type=click.Choice([*writers().profiles, "short-form"], case_sensitive=False),
                        help="a named set of limits (see `scribekit profiles`); single flags override it")(command)


class FrameRateValue(Number):
    """A frame rate: a number above 0, at most 1000."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        fps = super().convert(value, param, ctx)
        if not 0 < fps <= 1000:
            self.fail(f"{value!r} is not a frame rate (e.g. 23.976, 25, 29.97)", param, ctx)
        return fps


from_option = click.option("--from", "from_format", metavar="FORMAT",
                           help="input format (default: detected from content)")
def _known_codec(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """An encoding Python does not know is wrong usage (exit status 2), said before any file is read."""
    if value is not None:
        import codecs

        try:
            codecs.lookup(value)
        except LookupError:
            raise click.BadParameter(f"{value!r} is not a text encoding (e.g. utf-8, cp1252, latin-1, utf-16)",
                                     ctx, param) from None
    return value


encoding_option = click.option("--encoding", metavar="CODEC", callback=_known_codec,
                               help="text encoding of the inputs (default: detected)")
input_fps_option = click.option("--input-fps", type=FrameRateValue(), metavar="FPS",
                                help="frame rate of inputs that count frames without saying how many a second "
                                     "(MicroDVD, Avid DS, Avid markers)")


channel_option = click.option(
    "--channel", type=click.IntRange(min=0), metavar="N",
    help="read only channel N of a speech-recognition file with several, numbered as the file numbers them "
         "(Deepgram from 0); default: every channel, merged in time order, each channel a speaker. "
         "SCC: 1 reads CC1 (the default), 2 reads CC2")


def _speaker_names(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> dict[str, str] | None:
    """--speaker-names given once or more, as one mapping; a malformed value is wrong usage."""
    from ..transforms import parse_speaker_names

    names: dict[str, str] = {}
    for value in values:
        try:
            parsed = parse_speaker_names(value)
        except OptionError as exc:
            raise click.BadParameter(str(exc).removeprefix("speaker_names: "), ctx, param) from None
        twice = sorted(set(parsed) & set(names))
        if twice:
            raise click.BadParameter(f"speaker {twice[0]!r} is named twice", ctx, param)
        names.update(parsed)
    return names or None


speaker_names_option = click.option(
    "--speaker-names", metavar="ID=NAME,...", multiple=True, callback=_speaker_names,
    help='name the speakers: "A=Anna,B=Ben", by the id the file gives ("A", "spk_0", "0") or the current '
         'name ("Speaker A"); a comma in a name is written \\, and the option may be given more than once')


def check_options(targets: list[str | None] | list[str], options: dict[str, Any]) -> None:
    """Options that none of the target formats takes, and values out of range: usage errors before any
    work. An option applies to the formats that take it (``--to srt docx --speakers``: docx's)."""
    from .. import formats
    from ..segmentation import SegmentOptions, resolve_options

    known = [formats.get(name) for name in targets if name is not None]
    if known and None not in targets:
        for info, chosen in zip(known, formats.select_options(known, options)):
            formats.split_options(info, chosen)
    else:
        for info in known:
            formats.split_options(info, {k: v for k, v in options.items() if k in formats.option_names(info)})
    segment_names = {f.name for f in dataclasses.fields(SegmentOptions)}
    resolve_options(options.get("profile"), **{k: v for k, v in options.items() if k in segment_names})


def target_formats(to_formats: tuple[str, ...], output: str | None, *, required: bool) -> list[str | None]:
    """The output formats: --to's, else -o's extension's ([None]: the input's own, when not ``required``)."""
    from .. import formats, outputs

    if to_formats:
        targets = [formats.get(name) for name in to_formats]
    elif output and output != "-" and not outputs.is_dir(output):
        targets = [formats.writer_for_filename(output)]
    elif required:
        raise click.UsageError("say the output format with --to (or an -o FILE with an extension)")
    else:
        return [None]
    for target in targets:
        if not target.writes:
            raise UnknownFormatError(f"scribekit reads {target.name} but cannot write it")
    if output and len(targets) > 1 and (output == "-" or not outputs.is_dir(output)):
        raise click.UsageError("-o takes one output format; use --output-dir for several")
    return list(dict.fromkeys(t.name for t in targets))


# --- running and reporting ------------------------------------------------------------------

def say(message: str) -> None:
    """One line on stderr, after ``scribekit:``."""
    click.echo(f"scribekit: {message}", err=True)


_LIBRARY_ARGUMENTS = {"overwrite": "--force", "force": "--force", "skip_existing": "--skip-existing",
                      "output_dir": "--output-dir", "api_key": "--api-key", "encoding": "--encoding",
                      "profile": "--profile"}
"""Library arguments whose flag is not the argument's name with dashes (or that are not writer options)."""
_ARGUMENT = re.compile(r"(?<![\w./-])([a-z][a-z0-9_]*)(?:=([^\s,;:()]*))?(?![\w/-])(?!\.\w)")
_PLACE = re.compile(r" [0-9]")
"""After a one-word name, a number: the name is a place in a file ("channel 2, word 7"), not an argument."""
_LISTED = re.compile(r"(?:\A|: |\boptions?:? (?:[a-z][a-z0-9_]*, )*)\Z")
"""Where a one-word argument name (``fps``, ``wrap``) is taken for one: at the start of the message, or
listed after "option(s)"; a name with an underscore, or written ``name=value``, is one anywhere."""


@functools.cache
def _flags() -> dict[str, str]:
    """Argument name -> flag: every command's options (a name two commands spell differently is left
    out), the writers' options, and the library arguments named above."""
    from . import cli

    spellings: dict[str, set[str]] = {}
    commands: list[click.Command] = [cli]
    while commands:
        command = commands.pop()
        if isinstance(command, click.Group):  # the top group's commands are loaded as they are used: load them
            commands.extend(cli.all_commands() if command is cli else command.commands.values())
        for param in command.params:
            longs = [opt for opt in param.opts if opt.startswith("--")] if isinstance(param, click.Option) else []
            if longs and param.name:
                spellings.setdefault(param.name, set()).add(longs[0])
    flags = {name: next(iter(spelled)) for name, spelled in spellings.items() if len(spelled) == 1}
    flags.update({name: "--" + name.replace("_", "-") for name in writer_flags()})
    flags.update(_LIBRARY_ARGUMENTS)
    return flags


def as_flags(text: str) -> str:
    """A library message in the command's words: the library's argument names (``max_chars_per_row``,
    ``overwrite=True``, ``api_key=``) become the flags that set them (``--max-chars-per-row``,
    ``--force``, ``--api-key``). One mapping for every message: the library names its arguments,
    the command translates them when it reports."""
    flags = _flags()

    def flag(match: re.Match[str]) -> str:
        name, value = match.group(1), match.group(2)
        dashed = flags.get(name)
        if dashed is None:
            return match.group(0)
        if value is None:
            if "_" not in name and _PLACE.match(text, match.end()):
                return match.group(0)  # "channel 0, word 3": a place in the file, not the argument
            listed = "_" in name or _LISTED.search(text[max(0, match.start() - 400):match.start()])
            return dashed if listed else match.group(0)
        flag_type = writer_flags()[name].type if name in writer_flags() else str
        if flag_type is bool or name in ("overwrite", "force", "skip_existing"):
            return f"--no-{dashed[2:]}" if value == "False" else dashed
        value = value[1:-1] if len(value) > 1 and value[0] == value[-1] and value[0] in "'\"" else value
        return f"{dashed} {value}" if value else dashed

    return _ARGUMENT.sub(flag, text)


def report_error(exc: BaseException | str, source: str | None = None) -> None:
    """``scribekit: error: ...`` with the library's argument names as flags (in the message, not in the
    file's name: ``source``, or the error's own)."""
    text = str(exc)
    source = exc.source if isinstance(exc, ScribekitError) else source
    if source and text.startswith(f"{source}: "):
        say(f"error: {source}: {as_flags(text[len(source) + 2:])}")
    else:
        say(f"error: {as_flags(text)}")


@contextmanager
def reporting_warnings(source: str) -> Iterator[None]:
    """Scribekit's warnings said on stderr, naming ``source``; others shown as Python shows them."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ScribekitWarning)
        try:
            yield
        finally:
            said: set[str] = set()
            for item in caught:
                if issubclass(item.category, ScribekitWarning):
                    if str(item.message) not in said:  # once, however many outputs repeat it
                        said.add(str(item.message))
                        say(f"warning: {source}: {as_flags(str(item.message))}")
                else:
                    warnings.showwarning(item.message, item.category, item.filename, item.lineno)


_LISTS = ("--to", "--sync")
"""Options whose values may be listed after them: ``--to srt vtt stl``, ``--sync 1:00=1:02 50:00=50:05``."""


def _listed(option: str, arg: str, names: set[str]) -> bool:
    """Whether ``arg``, a word after ``option``'s value, is one more value of it."""
    if arg.startswith("-") or os.path.exists(arg):
        return False
    return arg.lower() in names if option == "--to" else "=" in arg


def _spread_to(args: list[str]) -> list[str]:
    """``--to srt vtt stl`` -> ``--to srt --to vtt --to stl``: the words after --to's value
    that name formats (and are not files) are more values of it; ``--to srt,vtt`` is the same.
    So for ``--sync A=B C=D``: the words after its value that hold ``=``."""
    if not any(option in args for option in _LISTS):
        return list(args)  # nothing to spread, and no format module to import (`scribekit --help`)
    names: set[str] = set()
    if "--to" in args:
        from .. import formats

        names = formats.names()
    spread: list[str] = []
    listing: str | None = None
    for k, arg in enumerate(args):
        if listing and _listed(listing, arg, names):
            spread += [listing, arg]
            continue
        listing = args[k - 1] if k > 0 and args[k - 1] in _LISTS else None
        if listing == "--to" and "," in arg:
            parts = [part.strip() for part in arg.split(",") if part.strip()]
            if parts and all(part.lower() in names for part in parts):
                spread[-1:] = [word for part in parts for word in ("--to", part)]
                continue
        spread.append(arg)
    return spread


def _bare_values(args: list[str]) -> list[str]:
    """``--line-numbers input.json`` -> ``--line-numbers=1 input.json``: a flag that may stand alone
    (``_BARE_VALUES``) takes the next word as its value only when it is a whole number."""
    bare = {"--" + name.replace("_", "-"): value for name, value in _BARE_VALUES.items()}
    if not bare.keys() & set(args):
        return args
    out = list(args)
    for k, arg in enumerate(args):
        if arg == "--":
            break
        if arg in bare and not (k + 1 < len(args) and args[k + 1].lstrip("+").isdigit()):
            out[k] = f"{arg}={bare[arg]}"
    return out


class Group(click.Group):
    """Turns user errors into one line on stderr and an exit status, never a traceback."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, _bare_values(_spread_to(args)))

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (OptionError, UnknownFormatError) as exc:
            report_error(exc)
            ctx.exit(2)
        except ScribekitError as exc:
            report_error(exc)
            ctx.exit(1)
        except KeyboardInterrupt:
            say("interrupted")
            ctx.exit(130)
        except BrokenPipeError:
            sys.stderr.close()  # the reader went away (e.g. `| head`); nothing more to say
            ctx.exit(1)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:
            if os.environ.get("SCRIBEKIT_DEBUG"):
                raise
            say(f"error: internal error ({type(exc).__name__}: {exc}); "
                "please report it with the input, or set SCRIBEKIT_DEBUG=1 for details")
            ctx.exit(3)
