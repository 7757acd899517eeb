"""The layer map holds (issue 16, item 2): read every module's imports (``ast``, nothing is
imported) and fail on a package import cycle, an area importing a sibling area or a higher
layer, and sibling parts of one area importing each other.

The map is written down in CONTRIBUTING.md ("Layers"); change both together. An area that
needs a higher or sibling area's figures asks a registry that the other area fills, found
by module name (``report_sections``, ``indicator_providers``), never by importing it.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src"
ROOT = SOURCE / "binhdang"

COMPONENTS: dict[str, tuple[str, ...]] = {
    # the kernel: messages, errors, numbers and dates for people, settings, rules, cell writing
    "kernel": ("binhdang", "binhdang.messages", "binhdang.errors", "binhdang.formatting",
               "binhdang.settings", "binhdang.rules", "binhdang.exports", "binhdang.discovery"),
    "store": ("binhdang.store",),
    "units": ("binhdang.units",),
    "pay": ("binhdang.pay",),
    "ingest": ("binhdang.ingest",),
    "indicators": ("binhdang.indicators",),
    "accounts": ("binhdang.accounts",),
    "reports": ("binhdang.reports",),
    "committee": ("binhdang.committee",),
    "policies": ("binhdang.policies",),
    "privacy": ("binhdang.privacy",),
    "rounds": ("binhdang.rounds",),
    "demo": ("binhdang.demo",),
    "scale": ("binhdang.scale",),
    "web": ("binhdang.web",),
    "cli": ("binhdang.cli", "binhdang.__main__"),
}  # fmt: skip
"""Each component: the module prefixes it holds (a module belongs to the longest prefix)."""

LAYERS: tuple[tuple[str, ...], ...] = (
    ("kernel",),
    ("store",),
    ("units",),
    ("pay",),  # the grade table (Decree 204/2004/NĐ-CP) the staff lists and indicators read
    ("ingest", "indicators"),
    # the report: its sections come from the areas' report_sections modules, found by name
    ("accounts", "reports"),
    # the reporting round freezes and consolidates whole reports (issue 17)
    ("committee", "privacy", "rounds"),
    # maternity leave is a record kind of the committee's registry (committee.registry,
    # committee.records): policies declares it there
    ("policies",),
    ("demo",),
    ("scale",),  # the national generator reuses the demo's name lists
    ("web",),
    ("cli",),
)
"""Lowest first. A module imports its own component or a lower layer's, never a sibling in
its own layer nor a higher layer."""

SIBLING_PARTS: tuple[tuple[str, ...], ...] = (
    # the report's renderers share reports.content and reports.rendering, not each other
    ("binhdang.reports.docx", "binhdang.reports.html", "binhdang.reports.xlsx",
     "binhdang.reports.pdf"),
    # the committee's record kinds share committee.records, not each other
    tuple(f"binhdang.committee.{kind}" for kind in ("training", "awards", "succession", "plans",
                                                   "activities", "movements", "members")),
)  # fmt: skip
"""Parts of one area that must not import each other (a part is a module or a package)."""

ALLOWED: dict[tuple[str, str], str] = {}
"""(importer, imported) still allowed, each with what removes it; an entry names a module or
a package (a prefix), and an entry no longer used fails the tests."""


def _allowed(importer: str, imported: str) -> tuple[str, str] | None:
    def within(module: str, prefix: str) -> bool:
        return module == prefix or module.startswith(prefix + ".")

    return next(
        (pair for pair in ALLOWED if within(importer, pair[0]) and within(imported, pair[1])), None
    )


@dataclass(frozen=True)
class Edge:
    importer: str  # module
    imported: str  # module (or name inside a module)
    line: int


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SOURCE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {module_name(p): p for p in ROOT.rglob("*.py") if "migrations" not in p.parts}


MODULES = _modules()


def _resolve(name: str) -> str:
    """The module ``name`` is or lies in (``binhdang.x.y.Name`` → ``binhdang.x.y``)."""
    while name not in MODULES and "." in name:
        name = name.rsplit(".", 1)[0]
    return name


def imports_of(module: str, path: Path) -> Iterator[Edge]:
    """Every binhdang module ``module`` imports, at the top or inside a function (a lazy
    import is still a dependency), ``TYPE_CHECKING`` blocks included."""
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                origin = ".".join([*base, node.module] if node.module else base)
            else:
                origin = node.module or ""
            # ``from binhdang import formatting`` imports the module binhdang.formatting
            names = [_resolve(f"{origin}.{alias.name}") for alias in node.names]
        else:
            continue
        for name in names:
            if name == "binhdang" or name.startswith("binhdang."):
                yield Edge(module, _resolve(name), node.lineno)


EDGES = [edge for module, path in MODULES.items() for edge in imports_of(module, path)]


def _longest(module: str, prefixes: dict[str, tuple[str, ...]]) -> str:
    best, size = "", -1
    for name, held in prefixes.items():
        for prefix in held:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > size:
                best, size = name, len(prefix)
    return best


def component_of(module: str) -> str:
    found = _longest(module, COMPONENTS)
    assert found, f"{module} is in no component of the layer map (tests/test_layering.py)"
    return found


LEVEL = {component: level for level, layer in enumerate(LAYERS) for component in layer}


def test_every_component_is_in_one_layer() -> None:
    assert sorted(LEVEL) == sorted(COMPONENTS)
    assert sum(len(layer) for layer in LAYERS) == len(COMPONENTS)
    for module in MODULES:
        component_of(module)


def test_no_area_imports_a_sibling_or_a_higher_layer() -> None:
    wrong = []
    for edge in EDGES:
        source, target = component_of(edge.importer), component_of(edge.imported)
        if source != target and LEVEL[target] >= LEVEL[source]:
            if _allowed(edge.importer, edge.imported) is not None:
                continue
            why = "a sibling" if LEVEL[target] == LEVEL[source] else "a higher layer"
            wrong.append(
                f"{edge.importer}:{edge.line} imports {edge.imported} ({why}: {source} → {target})"
            )
    assert wrong == [], "\n".join(wrong)


def _part_of(module: str, parts: tuple[str, ...]) -> str | None:
    return next((p for p in parts if module == p or module.startswith(p + ".")), None)


def test_sibling_parts_of_an_area_do_not_import_each_other() -> None:
    wrong = []
    for edge in EDGES:
        for parts in SIBLING_PARTS:
            source, target = _part_of(edge.importer, parts), _part_of(edge.imported, parts)
            crossing = source and target and source != target
            if crossing and _allowed(edge.importer, edge.imported) is None:
                wrong.append(f"{edge.importer}:{edge.line} imports {edge.imported}")
    assert wrong == [], "\n".join(wrong)


def test_every_allowed_import_is_still_there() -> None:
    """An allowance whose import is gone is removed (the test tightens as the code does)."""
    used = {pair for edge in EDGES if (pair := _allowed(edge.importer, edge.imported))}
    assert set(ALLOWED) == used, f"allowed but no longer imported: {set(ALLOWED) - used}"


def _package_of(module: str) -> str:
    """The package a module lies in (a package's ``__init__`` lies in the package itself);
    the kernel's modules directly under ``binhdang`` each count as one."""
    if (SOURCE / module.replace(".", "/")).is_dir():
        return module
    package = module.rsplit(".", 1)[0]
    return module if package == "binhdang" else package


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            members = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                members.append(member)
                if member == node:
                    break
            if len(members) > 1:
                found.append(sorted(members))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


@pytest.mark.parametrize("depth", [2, None], ids=["areas", "every-package"])
def test_no_package_import_cycle(depth: int | None) -> None:
    """No cycle between the areas (``binhdang.<area>``), nor between any two packages of which
    neither holds the other (a package and its sub-packages may use each other: a registry
    in the package, its entries in the sub-packages)."""
    graph: dict[str, set[str]] = defaultdict(set)
    for edge in EDGES:
        source, target = _package_of(edge.importer), _package_of(edge.imported)
        if depth is not None:
            source = ".".join(edge.importer.split(".")[:depth])
            target = ".".join(edge.imported.split(".")[:depth])
        nested = source.startswith(target + ".") or target.startswith(source + ".")
        if source != target and not nested and _allowed(edge.importer, edge.imported) is None:
            graph[source].add(target)
    assert _cycles(graph) == []


def test_no_guard_for_a_part_that_always_ships() -> None:
    """Every area ships in every build: no ``except ModuleNotFoundError`` around an import of
    binhdang's own (a sibling's figures come from a registry, not a guarded import)."""
    guarded = []
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ExceptHandler) and node.type is not None:
                names = {n.id for n in ast.walk(node.type) if isinstance(n, ast.Name)}
                if "ModuleNotFoundError" in names:
                    guarded.append(f"{module}:{node.lineno}")
    assert guarded == []


def test_the_checks_see_a_violation() -> None:
    """The reading of imports finds the imports this file knows are there."""
    found = {(e.importer, e.imported) for e in EDGES}
    assert ("binhdang.errors", "binhdang.messages") in found  # from binhdang.messages import …
    assert ("binhdang.reports.build", "binhdang.formatting") in found  # from binhdang import …
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert component_of("binhdang.reports.docx") == "reports"
    assert component_of("binhdang.__main__") == "cli"
