"""What the provider command groups share: client, wait and output options, the plan of outputs,
their delivery, the upload progress bar and the watch of a job's states.

A provider's command module describes itself with a ``Provider`` (its name, its
environment variables, its exports and how writer flags become export
parameters, its client class) and writes its commands with the decorators it
offers: ``client_options`` hands a command ``connect`` (which makes the client),
``wait_options`` a ``Wait``, ``output_options`` a ``Plan``.

httpx is imported only when a command runs (inside scribekit.fetch), so that
`scribekit --help` stays fast. Results go to stdout (a job id, a table, JSON,
or a file with `-o -`); progress and states to stderr.
"""
from __future__ import annotations

import dataclasses
import functools
import json
import os
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import click

from .. import formats, outputs
from ..errors import OptionError
from ..fetch.poll import PollOptions
from ._common import (
    Decorator,
    Seconds,
    add_writer_options,
    check_options,
    given,
    options,
    profile_option,
    reporting_warnings,
    say,
    target_formats,
)

if TYPE_CHECKING:
    from ..fetch._client import ProviderClient, State
    from ..model import Transcript

C = TypeVar("C", bound="ProviderClient")


# --- option bundles ---------------------------------------------------------------------------------

def _params(*decorators: Decorator) -> list[click.Parameter]:
    """The click parameters that ``decorators`` add, in the order click keeps them."""
    def holder() -> None:
        pass

    return list(getattr(options(*decorators)(holder), "__click_params__", []))


def bundle(name: str, make: Callable[..., Any], *decorators: Decorator) -> Decorator:
    """The options of ``decorators``, whose values the command receives as one argument: ``name=make(**values)``."""
    def apply(command: Callable[..., Any]) -> Callable[..., Any]:
        params = _params(*decorators)
        names = [param.name or "" for param in params]

        @functools.wraps(command)
        def run(*args: Any, **kwargs: Any) -> Any:
            values = {key: kwargs.pop(key) for key in names}
            kwargs[name] = make(**values)
            return command(*args, **kwargs)

        run.__click_params__ = list(getattr(command, "__click_params__", [])) + params  # type: ignore[attr-defined]
        return run
    return apply


def writer_options(drop: tuple[str, ...] = (), rename: dict[str, str] | None = None) -> Decorator:
    """`convert`'s writer flags, less those a command uses for the provider (``drop``), or under a new name.

    An upload's --language is the spoken language (the transcript carries it to
    the segmenter anyway), and Amberscript's --speakers is a number of speakers.
    """
    def apply(command: Callable[..., Any]) -> Callable[..., Any]:
        kept: list[click.Parameter] = []
        for param in _params(add_writer_options):
            if param.name in drop:
                continue
            new = (rename or {}).get(param.name or "")
            if new is not None:
                param = click.Option([f"--{new}/--no-{new}", param.name or new], default=None,
                                     help=getattr(param, "help", None))
            kept.append(param)
        existing: list[click.Parameter] = getattr(command, "__click_params__", [])
        command.__click_params__ = existing + kept  # type: ignore[attr-defined]
        return command
    return apply


@dataclasses.dataclass(frozen=True)
class Wait:
    """--wait, and how to poll meanwhile."""

    wanted: bool
    interval: float
    max_interval: float
    timeout: float | None

    def options(self) -> PollOptions:
        return PollOptions(interval=self.interval, max_interval=max(self.max_interval, self.interval),
                           timeout=self.timeout)


def wait_options(default_interval: float) -> Decorator:
    """--wait, --poll-interval, --max-poll-interval, --timeout; the command receives ``wait: Wait``."""
    return bundle(
        "wait",
        lambda wait, poll_interval, max_poll_interval, timeout: Wait(wait, poll_interval, max_poll_interval, timeout),
        click.option("--wait", is_flag=True, help="wait until it is done (Ctrl-C stops waiting, not the job)"),
        click.option("--poll-interval", type=Seconds(), default=default_interval, show_default=True,
                     metavar="SECONDS", help="first pause between two looks; it grows by half each time"),
        click.option("--max-poll-interval", type=Seconds(), default=300.0, show_default=True, metavar="SECONDS",
                     help="the longest pause between two looks"),
        click.option("--timeout", type=Seconds(), default=None, metavar="SECONDS",
                     help="give up waiting after this long (e.g. 2h; default: wait until done)"),
    )


# --- output -----------------------------------------------------------------------------------------

@dataclasses.dataclass
class Plan:
    """What to write once a job is done: scribekit's formats, or the provider's own export."""

    targets: list[str]
    provider_format: str | None
    provider_params: dict[str, Any]
    output: str | None
    force: bool
    options: dict[str, Any]
    extension: str | None = None
    """The file extension of the provider's export."""

    @property
    def empty(self) -> bool:
        return not self.targets and self.provider_format is None

    @property
    def to_folder(self) -> bool:
        """-o names a folder."""
        return bool(self.output) and outputs.is_dir(self.output or "")

    def require_format(self) -> None:
        if self.empty:
            raise click.UsageError("say the format: --to FORMAT (converted by scribekit) or --provider-format FORMAT")

    def require_wait(self, wait: Wait, alternative: str = "") -> None:
        """--to and --provider-format only with --wait (``alternative``: what to do instead)."""
        if not self.empty and not wait.wanted:
            raise click.UsageError("--to and --provider-format need --wait" + alternative)

    def destination(self, extension: str, stem: str, default_dir: str) -> str:
        """Where one output goes: -o FILE, -o DIR/ with the default name, - for stdout, or the default."""
        return outputs.destination(self.output, stem, extension, default_dir)

    def paths(self, stem: str, default_dir: str) -> list[str]:
        """The outputs of one transcript named ``stem``."""
        if self.provider_format is not None:
            return [self.destination(self.extension or self.provider_format, stem, default_dir)]
        return [self.destination(formats.output_extension(formats.get(t), self.options), stem, default_dir)
                for t in self.targets]

    def check_free(self, paths: list[str]) -> None:
        """Refuse an existing output before the long work, not after it."""
        outputs.check_free(paths, self.force)

    def emit(self, path: str, data: str | bytes) -> None:
        outputs.emit(path, data, force=self.force)
        if path != outputs.STDOUT:
            say(f"wrote {path}")

    def save(self, path: str, fetch: Callable[[], bytes]) -> None:
        """The provider's own file, fetched once ``path`` is known to be free."""
        self.check_free([path])
        self.emit(path, fetch())

    def write(self, transcripts: list[tuple[Transcript, str]], default_dir: str, label: str) -> None:
        """Each (transcript, stem) in each target format, with scribekit's writers."""
        if len(transcripts) > 1 and self.output and not self.to_folder:
            raise click.UsageError(f"{len(transcripts)} transcripts: give -o DIR/ rather than a file")
        chosen = dict(zip(self.targets, formats.select_options([formats.get(t) for t in self.targets],
                                                               self.options)))  # the options each format takes
        planned = []
        for transcript, stem in transcripts:
            for target in self.targets:
                extension = formats.output_extension(formats.get(target), self.options)
                planned.append((transcript, target, self.destination(extension, stem, default_dir)))
        self.check_free([path for _, _, path in planned])
        with reporting_warnings(label):  # a warning said once, however many formats repeat it
            for transcript, target, path in planned:
                self.emit(path, formats.write(transcript, target, **chosen[target]))


def stem(name: str | None, fallback: str) -> str:
    """An output's name without extension: a media or transcript name's, else ``fallback``."""
    base = os.path.basename(name or "") or fallback
    plain = os.path.splitext(base)[0] if "." in base else base
    return plain or fallback


# --- the provider -----------------------------------------------------------------------------------

ExportParams = Callable[[str, dict[str, Any]], dict[str, Any]]
"""(export format, writer options given) -> the provider's export parameters; an OptionError for a flag
the export does not take."""


@dataclasses.dataclass(frozen=True)
class Provider(Generic[C]):
    """A provider as its command group sees it."""

    name: str
    """In messages: "Amberscript"."""
    command: str
    """The command group: `scribekit amberscript`."""
    item: str
    """What a job is called: "job", "transcription"."""
    status_command: str
    """The command that shows an item's state (and --wait for it)."""
    key_env: str
    base_url_env: str
    exports: Mapping[str, str]
    """The provider's export formats, each with the extension of its file."""
    export_params: ExportParams
    client: Callable[[], type[C]]
    """The client class, imported when a command runs (httpx with it)."""
    export_options: tuple[Decorator, ...] = ()
    """Flags of the provider's exports beyond the writer flags (their values join the writer options)."""
    merge_options: Callable[[dict[str, Any], str | None], dict[str, Any]] | None = None
    """(writer options, --provider-format) -> the writer options, the ``export_options`` folded in."""

    # -- options -------------------------------------------------------------------------------

    def client_options(self, command: Callable[..., Any]) -> Callable[..., Any]:
        """--api-key, --base-url, --http-timeout, --retries; the command receives ``connect``, which
        makes the client (looking for the key) when called."""
        return bundle(
            "connect",
            lambda api_key, base_url, http_timeout, retries: functools.partial(self.connect, api_key, base_url,
                                                                               http_timeout, retries),
            click.option("--api-key", metavar="KEY", help=f"the API key (default: ${self.key_env}; a flag is visible "
                                                          "to other users of this machine, the variable is not)"),
            click.option("--base-url", metavar="URL", help=f"the API's base URL, for a proxy or a test server "
                                                           f"(default: ${self.base_url_env}, else the provider's)"),
            click.option("--http-timeout", type=Seconds(), default=60.0, show_default=True, metavar="SECONDS",
                         help="seconds without an answer before a request is tried again"),
            click.option("--retries", type=click.IntRange(0, 20), default=4, show_default=True,
                         help="tries after the first for requests safe to repeat (and after a 429)"),
        )(command)

    wait_options = staticmethod(wait_options)

    def output_options(self, drop: tuple[str, ...] = (), rename: dict[str, str] | None = None) -> Decorator:
        """--to, --provider-format, -o, --force, --profile and the writer flags; the command receives
        ``plan: Plan``, checked before any request."""
        return bundle(
            "plan",
            lambda to_formats, provider_format, output, force, **writer_options: self.plan(
                to_formats, provider_format, output, force, writer_options),
            click.option("--to", "to_formats", metavar="FORMAT...", multiple=True,
                         help="convert with scribekit's writers: --to srt vtt docx ... (see `scribekit formats`)"),
            click.option("--provider-format", metavar="FORMAT",
                         help="save the provider's own export unchanged: " + ", ".join(self.exports)),
            click.option("-o", "--output", metavar="FILE|DIR", help="output file, a folder (ending in /), or - for "
                                                                    "stdout (default: named after the media)"),
            click.option("--force", is_flag=True, help="overwrite outputs that exist"),
            profile_option,
            writer_options(drop, rename),
            *self.export_options,
        )

    # -- what the options make ---------------------------------------------------------------------

    def connect(self, api_key: str | None, base_url: str | None, http_timeout: float, retries: int) -> C:
        from ..fetch.http import HttpSettings

        settings = HttpSettings(read_timeout=http_timeout, write_timeout=max(http_timeout, 60.0), retries=retries)
        return self.client()(api_key, base_url=base_url, settings=settings)

    def plan(self, to_formats: tuple[str, ...], provider_format: str | None, output: str | None, force: bool,
             writer_options: dict[str, Any]) -> Plan:
        if self.merge_options is not None:
            writer_options = self.merge_options(writer_options, provider_format)
        options = given(writer_options)
        if provider_format is not None:
            if to_formats:
                raise click.UsageError("give --to (scribekit converts) or --provider-format (the provider's file), "
                                       "not both")
            fmt = provider_format.lower()
            if fmt not in self.exports:
                raise OptionError(f"the provider has no {provider_format!r} export",
                                  hint="it has: " + ", ".join(self.exports))
            if options.get("profile") is not None:
                raise OptionError("--profile is for scribekit's writers (--to), not the provider's export")
            return Plan([], fmt, self.export_params(fmt, options), output, force, {}, self.exports[fmt])
        folder = bool(output) and outputs.is_dir(output or "")
        if not to_formats and not (output and output != outputs.STDOUT and not folder):
            if output:
                raise click.UsageError("say the output format with --to (or -o FILE with an extension)")
            if options:
                raise click.UsageError("writer options need --to FORMAT or --provider-format FORMAT")
            return Plan([], None, {}, None, force, {})
        targets = [t for t in target_formats(to_formats, None if folder else output, required=True) if t is not None]
        if output and len(targets) > 1 and not folder:
            raise click.UsageError("-o FILE takes one output format; give -o DIR/ for several")
        check_options(targets, options)  # a wrong option is a usage error before any request
        return Plan(targets, None, {}, output, force, options)

    # -- waiting -------------------------------------------------------------------------------

    def label(self, item_id: str) -> str:
        return f"{self.name} {self.item} {item_id}"

    def resume_hint(self, item_id: str) -> str:
        return (f"the {self.item} goes on at {self.name}: `scribekit {self.command} {self.status_command} {item_id} "
                f"--wait` or `scribekit {self.command} export {item_id} --wait ...` picks it up")

    def wait(self, client: C, item_id: str, options: PollOptions) -> State:
        """Wait until the item is done, saying each new state; Ctrl-C says how to pick it up again."""
        with resumable(self.resume_hint(item_id)):
            return client.wait(item_id, options, on_change=Watch(self.label(item_id), client.describe))


# --- saying how it goes -----------------------------------------------------------------------------

@contextmanager
def resumable(hint: str) -> Iterator[None]:
    """Ctrl-C while waiting: say how to pick the job up again, then stop (exit status 130)."""
    try:
        yield
    except KeyboardInterrupt:
        say(f"stopped waiting; {hint}")
        raise


class Watch:
    """Prints each new state of a job on stderr, with the time since waiting began."""

    def __init__(self, label: str, describe: Callable[[dict[str, Any]], str]) -> None:
        self.label, self.describe, self.started = label, describe, time.monotonic()

    def __call__(self, state: dict[str, Any]) -> None:
        say(f"{self.label}: {self.describe(state)} ({time.monotonic() - self.started:.0f} s)")


class Bar:
    """An upload progress bar on a terminal (nothing elsewhere)."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.started = time.monotonic()
        self.shown = 0.0
        self.active = sys.stderr.isatty()

    def __call__(self, sent: int, total: int) -> None:
        if not self.active:
            return
        now = time.monotonic()
        if sent < total and now - self.shown < 0.1:
            return
        self.shown = now
        elapsed = max(now - self.started, 1e-6)
        rate = sent / elapsed
        eta = (total - sent) / rate if rate else 0.0
        filled = int(24 * sent / total) if total else 24
        click.echo(f"\r\033[Kuploading {self.label} [{'#' * filled}{'.' * (24 - filled)}] "
                   f"{sent / 1e6:.1f}/{total / 1e6:.1f} MB, {rate / 1e6:.1f} MB/s, ETA {eta:.0f} s",
                   err=True, nl=False)
        if sent >= total:
            click.echo("", err=True)


def echo_json(obj: Any) -> None:
    """``obj`` as JSON on stdout, every secret scribekit knows hidden."""
    from ..fetch.http import _SECRETS

    text = json.dumps(obj, indent=2, ensure_ascii=False)
    for secret in _SECRETS:
        text = text.replace(secret, "***")
    click.echo(text)
