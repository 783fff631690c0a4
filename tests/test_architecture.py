"""The layout holds: no import cycles between modules, no application module past about 300 lines.

The import contract itself (which app may import which) is `lint-imports`, run by `make checks`.
"""

from __future__ import annotations

from pathlib import Path

import grimp
from django.apps import apps
from django.conf import settings

# Every app of this project's own (a new one is checked as soon as it is installed), and the settings.
PACKAGES = tuple(sorted(app.name for app in apps.get_app_configs() if Path(app.path).parent == Path(settings.BASE_DIR)))
SIZED_PACKAGES = (*PACKAGES, "config")
MAX_LINES = 300


def _import_cycles() -> list[set[str]]:
    """The strongly connected groups of two or more modules in the import graph (Tarjan's algorithm)."""
    graph = grimp.build_graph(*PACKAGES, cache_dir=None)
    index: dict[str, int] = {}
    lowest: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[set[str]] = []

    def visit(module: str) -> None:
        index[module] = lowest[module] = len(index)
        stack.append(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if imported not in index:
                visit(imported)
                lowest[module] = min(lowest[module], lowest[imported])
            elif imported in stack:
                lowest[module] = min(lowest[module], index[imported])
        if lowest[module] == index[module]:
            group = {stack.pop()}
            while module not in group:
                group.add(stack.pop())
            if len(group) > 1:
                cycles.append(group)

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return cycles


def _module_lengths() -> dict[str, int]:
    base = Path(settings.BASE_DIR)
    return {
        str(path.relative_to(base)): len(path.read_text(encoding="utf-8").splitlines())
        for package in SIZED_PACKAGES
        for path in sorted((base / package).rglob("*.py"))
        if "migrations" not in path.parts
    }


def test_every_app_of_the_project_is_checked() -> None:
    assert {"cms", "home", "stories", "partners", "displays"} <= set(PACKAGES)


def test_no_import_cycles() -> None:
    cycles = _import_cycles()
    assert cycles == [], f"modules that import each other, directly or around a loop: {[sorted(c) for c in cycles]}"


def test_no_module_over_300_lines() -> None:
    lengths = _module_lengths()
    long = {path: lines for path, lines in lengths.items() if lines > MAX_LINES}
    assert long == {}, f"split these modules by meaning (at most {MAX_LINES} lines each): {long}"
