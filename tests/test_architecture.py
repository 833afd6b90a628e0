"""The shape of the package: no import cycles, the library never imports the CLI, heavy
dependencies imported only inside the modules (and functions) that need them."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "scribekit"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, *, top_level_only: bool) -> set[str]:
    """The scribekit modules ``path`` imports (``from . import x`` counts x when it is a module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.If) and top_level_only:  # if TYPE_CHECKING: imports are not run
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("scribekit")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("scribekit"):
                continue
            for alias in node.names:
                candidate = f"{target}.{alias.name}"
                found.add(candidate if _path_of(candidate) is not None else target)
    return found


def _path_of(module: str) -> Path | None:
    relative = Path(*module.split("."))
    for candidate in (PACKAGE.parent / relative.with_suffix(".py"), PACKAGE.parent / relative / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


MODULES = {_module_name(path): path for path in PACKAGE.rglob("*.py")}


def test_no_import_cycle_among_the_modules_at_import_time() -> None:
    graph = {name: {m for m in _imports(path, top_level_only=True) if m in MODULES and m != name}
             for name, path in MODULES.items()}
    # importing a module runs its parent packages first: an edge to a package is an edge to its __init__ only
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(node: str, trail: list[str]) -> bool:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle.extend(trail[trail.index(nxt):] + [node, nxt] if nxt in trail else [node, nxt])
                return True
            if state.get(nxt) is None and visit(nxt, trail + [node]):
                return True
        state[node] = 2
        return False

    for name in sorted(graph):
        if state.get(name) is None and visit(name, []):
            break
    assert not cycle, " -> ".join(cycle)


def test_the_library_never_imports_the_command_line() -> None:
    for name, path in MODULES.items():
        if name.startswith("scribekit.cli") or name == "scribekit.__main__":
            continue
        assert not {m for m in _imports(path, top_level_only=False) if m.startswith("scribekit.cli")}, name


@pytest.mark.parametrize("dependency", ["lxml", "docx", "reportlab", "httpx", "uharfbuzz", "pysubs2"])
def test_heavy_dependencies_are_imported_only_inside_functions_or_their_own_modules(dependency: str) -> None:
    """``scribekit --help`` and an SRT conversion must not pay for them."""
    allowed = {"httpx": ("scribekit.fetch.",)}.get(dependency, ())
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            imported = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else []
            if any(m == dependency or m.startswith(dependency + ".") for m in imported):
                assert name.startswith(allowed) and allowed, f"{name} imports {dependency} at import time"
