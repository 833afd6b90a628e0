"""The repository's own habits: every `docs/formats.md §N` cited names a section that exists, and no file
carries an absolute path of one machine."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ROOT / "docs" / "formats.md"
SECTION = re.compile(r"^## (\d+)\. ", re.MULTILINE)
REFERENCE = re.compile(r"docs/formats\.md §(\d+)")
# An absolute path into a home, a root account or the /work tree of one machine; "/" + "work" keeps this file
# from matching itself. A path such as benchmarks/work/ is relative (a word character before the slash).
MACHINE_PATH = re.compile(r"(?<![\w.~-])/(?:home|Users|root|" + "work" + r")/[\w.-]")


def tracked_files() -> list[Path]:
    """The repository's files as git knows them (tracked and new, ignored ones left out)."""
    try:
        listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                                capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout (git ls-files failed): the tracked files are unknown")
    return [ROOT / name for name in listed.decode().split("\0") if name and (ROOT / name).is_file()]


def text_files() -> list[tuple[Path, str]]:
    found = []
    for path in tracked_files():
        data = path.read_bytes()
        if b"\0" in data[:8192]:
            continue
        try:
            found.append((path, data.decode("utf-8")))
        except UnicodeDecodeError:
            continue
    return found


def test_the_sections_are_numbered_one_to_n() -> None:
    numbers = [int(n) for n in SECTION.findall(FORMATS.read_text(encoding="utf-8"))]
    assert numbers == list(range(1, len(numbers) + 1)) and numbers


def test_every_reference_names_a_section_that_exists() -> None:
    sections = {int(n) for n in SECTION.findall(FORMATS.read_text(encoding="utf-8"))}
    cited: dict[str, set[int]] = {}
    for path, text in text_files():
        for number in REFERENCE.findall(text):
            cited.setdefault(str(path.relative_to(ROOT)), set()).add(int(number))
    assert cited, "no file cites docs/formats.md: the pattern or the checkout is wrong"
    missing = {name: sorted(numbers - sections) for name, numbers in cited.items() if numbers - sections}
    assert not missing, f"references to sections docs/formats.md does not have: {missing}"


def test_no_reference_to_the_shared_copy_is_left() -> None:
    stale = [str(path.relative_to(ROOT)) for path, text in text_files() if re.search(r"\bFORMATS\.md", text)]
    assert not stale, f"cite docs/formats.md §N instead of the shared folder's copy in {stale}"


def _copied_verbatim(path: Path) -> bool:
    """A fixture copied byte for byte from another repository (its folder's NOTICE says so): the paths
    of its author's machine are part of the data."""
    notice = path.parent / "NOTICE"
    return path.name != "NOTICE" and notice.is_file() and \
        notice.read_text(encoding="utf-8", errors="replace").startswith("Files in this folder are copied byte for byte")


def test_no_absolute_machine_path_in_the_repository() -> None:
    hits = [f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, m.start()) + 1}: {m.group(0)}"
            for path, text in text_files() if not _copied_verbatim(path) for m in MACHINE_PATH.finditer(text)]
    assert not hits, "paths of one machine (resolve them from the repository, or an environment variable):\n" + \
        "\n".join(hits)


def test_one_version_source() -> None:
    """pyproject.toml holds the version; the package and the provider clients' User-Agent read it from the
    installed metadata (a version written anywhere else would drift)."""
    from importlib import metadata

    import scribekit
    from scribekit.fetch import http

    declared = re.search(r'^version = "([^"]+)"$', (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.M)
    assert declared and scribekit.__version__ == metadata.version("scribekit") == declared.group(1)
    assert http.USER_AGENT.startswith(f"scribekit/{scribekit.__version__} ")
    literal = re.compile(r"""__version__\s*=\s*["'](?!0\+unknown)""")  # the uninstalled tree's fallback aside
    assert not [path for path in (ROOT / "scribekit").rglob("*.py") if literal.search(path.read_text("utf-8"))]
