"""Every message key the code uses exists, in Vietnamese and English, with the same
placeholders (issue 16, item 6).

Keys are read from the source (``ast``) at the calls that take one — ``text``, ``Message``,
``BinhdangError.of``, ``ValueProblem``, the web's error types, a section's ``title=`` — and
from ``t("…")`` in the page templates. A key built from an f-string (``f"web.role_{role}"``)
is a family: each family must name at least one key, and the families whose values come
from a registry (roles, sexes, statuses, indicators…) must have a key for every value.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import string
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import get_args

import pytest

import binhdang
from binhdang.messages import CATALOGUE

SOURCE = Path(binhdang.__file__).parent
KEY = re.compile(r"^[a-z][a-z0-9_]*(\.[a-zA-Z0-9_]+)+$")
TAKES_KEY: dict[str, int] = {
    "text": 0, "Message": 0, "of": 0, "ValueProblem": 0, "labelled": 0, "progress": 0, "column": 0,
    "HttpError": 1, "NavEntry": 1, "fail": 1, "warn": 1,
}  # fmt: skip
"""Callables (by name or attribute) whose argument at this position is a message key."""
TEMPLATE_KEY = re.compile(r"""\bt\(\s*["']([^"']+)["']\s*([~+])?""")
"""``t("key")`` in a Jinja template; ``t("web.role_" + role)`` builds a family."""
KEY_START = re.compile(r"^[a-z][a-z0-9_]*([._][a-zA-Z0-9_]*)*$")


def _import_every_module() -> None:
    """Import every module: the messages a module (not an area's table) registers, and the
    registries the families below read."""
    for info in pkgutil.walk_packages(binhdang.__path__, "binhdang."):
        if ".migrations" not in info.name and not info.name.endswith("__main__"):
            importlib.import_module(info.name)


_import_every_module()


def _called(node: ast.Call) -> str:
    if isinstance(node.func, ast.Name):
        return node.func.id
    return node.func.attr if isinstance(node.func, ast.Attribute) else ""


def _key_arguments() -> Iterator[tuple[str, int, ast.expr]]:
    """(file, line, expression) of every argument that is a message key."""
    for path in sorted(SOURCE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        name = str(path.relative_to(SOURCE.parent))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            called = _called(node)
            position = TAKES_KEY.get(called)
            if position is not None and len(node.args) > position:
                yield name, node.lineno, node.args[position]
            for keyword in node.keywords:
                if called == "section" and keyword.arg == "title":
                    yield name, node.lineno, keyword.value


def _family(node: ast.JoinedStr) -> re.Pattern[str] | None:
    """The keys an f-string can build, as a pattern (``None`` when it starts with a value)."""
    start = node.values[0] if node.values else None
    if not isinstance(start, ast.Constant) or not KEY_START.match(str(start.value)):
        return None  # not a key (SQL given to SQLAlchemy's text())
    parts = [re.escape(v.value) if isinstance(v, ast.Constant) else r"[\w.]+" for v in node.values]
    return re.compile("".join(parts) + "$")


def _placeholders(template: str) -> set[str]:
    """The names a template formats; ``{title_vi}`` and ``{title_en}`` are one value said in
    each language (the caller passes both)."""
    names = set()
    for _, field, _, _ in string.Formatter().parse(template):
        if field is not None:
            name = re.split(r"[.\[]", field, maxsplit=1)[0]
            names.add(re.sub(r"_(vi|en)$", "_<lang>", name))
    return names


def test_every_message_is_written_in_both_languages_with_the_same_placeholders() -> None:
    wrong = []
    for key, (vi, en) in sorted(CATALOGUE.items()):
        if not vi.strip() or not en.strip():
            wrong.append(f"{key}: empty")
        elif _placeholders(vi) != _placeholders(en):
            wrong.append(f"{key}: vi {sorted(_placeholders(vi))} ≠ en {sorted(_placeholders(en))}")
    assert wrong == [], "\n".join(wrong)


def test_every_key_the_code_names_exists() -> None:
    missing = []
    for name, line, node in _key_arguments():
        key = node.value if isinstance(node, ast.Constant) else None
        if isinstance(key, str) and KEY.match(key) and key not in CATALOGUE:
            missing.append(f"{name}:{line}: {key}")
    for path in sorted([*SOURCE.rglob("*.html"), *SOURCE.rglob("*.j2")]):
        for found in TEMPLATE_KEY.finditer(path.read_text(encoding="utf-8")):
            key, family = found.group(1), found.group(2)
            exists = any(k.startswith(key) for k in CATALOGUE) if family else key in CATALOGUE
            if not exists:
                missing.append(f"{path.relative_to(SOURCE.parent)}: {key}")
    assert missing == [], "\n".join(missing)


def test_every_key_family_names_keys() -> None:
    """An f-string given as a key builds at least one key of the catalogue."""
    empty = []
    for name, line, node in _key_arguments():
        for part in ast.walk(node):
            pattern = _family(part) if isinstance(part, ast.JoinedStr) else None
            if pattern is not None and not any(pattern.match(key) for key in CATALOGUE):
                empty.append(f"{name}:{line}: {ast.unparse(part)}")
    assert empty == [], "\n".join(empty)


def _indicators_provided() -> Iterable[str]:
    from binhdang.indicators.catalogue import BY_CODE
    from binhdang.policies.targets import default_targets

    return {t.indicator for t in default_targets()} - set(BY_CODE)


def _families() -> list[tuple[str, Callable[[], Iterable[str]]]]:
    """Key families whose values a registry holds: ``{}`` stands for each value."""
    from binhdang.accounts.permissions import Role
    from binhdang.indicators.catalogue import BY_CODE, CATEGORY_LABELS, LEVEL_LABELS, SEX_LABELS
    from binhdang.policies.targets import PER_UNIT_RULES, UNIT_INDICATORS, Status
    from binhdang.store.periods import TABLES

    return [
        ("web.role_{}", lambda: [role.value for role in Role]),
        ("web.sex_{}", lambda: SEX_LABELS),
        ("web.level_{}", lambda: [*LEVEL_LABELS, "none"]),
        ("web.cat_{}", lambda: CATEGORY_LABELS),
        ("policies.status.{}", lambda: get_args(Status)),
        ("policies.report.count.{}", lambda: get_args(Status)),
        ("policies.targets.empty.{}", lambda: UNIT_INDICATORS),
        ("policies.gap.{}", lambda: [*PER_UNIT_RULES, "units", "persons"]),
        ("policies.targets.unavailable.{}", _indicators_provided),
        ("indicators.deprecated.{}", lambda: [d.code for d in BY_CODE.values() if d.replaced_by]),
        ("db.overlap.{}", lambda: [spec.error for spec in TABLES]),
        ("privacy.category.{}", lambda: ("basic", "sensitive")),
    ]


# Ids name the family only: a function's repr holds its address, which differs between the
# processes of a parallel run (pytest-xdist refuses collections that differ).
@pytest.mark.parametrize(
    ("family", "values"), _families(), ids=[family for family, _ in _families()]
)
def test_a_family_has_a_key_for_every_value_of_its_registry(
    family: str, values: Callable[[], Iterable[str]]
) -> None:
    every = list(values())
    assert every, f"{family}: the registry is empty"
    missing = [family.format(value) for value in every if family.format(value) not in CATALOGUE]
    assert missing == []


def _wrappers(tree: ast.Module) -> dict[str, tuple[str, str]]:
    """Functions of a module that build a key from their first argument
    (``def _col(key): return text(f"col.{key}", …)``): name → (before, after) the argument."""
    found = {}
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef) or not function.args.args:
            continue
        first = function.args.args[0].arg
        for call in ast.walk(function):
            if not isinstance(call, ast.Call):
                continue
            position = TAKES_KEY.get(_called(call))
            if position is None or len(call.args) <= position:
                continue
            key = call.args[position]
            if isinstance(key, ast.JoinedStr) and len(key.values) in (2, 3):
                before, value, *after = key.values
                if (
                    isinstance(before, ast.Constant)
                    and isinstance(value, ast.FormattedValue)
                    and isinstance(value.value, ast.Name)
                    and value.value.id == first
                    and all(isinstance(a, ast.Constant) for a in after)
                ):
                    tail = "".join(str(a.value) for a in after if isinstance(a, ast.Constant))
                    found[function.name] = (str(before.value), tail)
    return found


def test_every_key_a_helper_builds_from_a_name_exists() -> None:
    """``_col("done")`` where ``_col`` says ``text(f"col.{key}")``: ``col.done`` exists."""
    missing, seen = [], 0
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        wrappers = _wrappers(tree)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and _called(node) in wrappers and node.args):
                continue
            argument = node.args[0]
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                before, after = wrappers[_called(node)]
                seen += 1
                if f"{before}{argument.value}{after}" not in CATALOGUE:
                    missing.append(
                        f"{path.relative_to(SOURCE.parent)}:{node.lineno}: "
                        f"{before}{argument.value}{after}"
                    )
    assert missing == [], "\n".join(missing)
    assert seen > 50, seen  # the committee's report columns alone


def test_the_checks_see_what_they_check() -> None:
    """The readers find keys where the code puts them (a check that finds nothing passes)."""
    literal = {n.value for _, _, n in _key_arguments() if isinstance(n, ast.Constant)}
    assert {"db.not_initialised", "policies.report.targets"} <= literal  # text(), title=
    families = [_family(n) for _, _, n in _key_arguments() if isinstance(n, ast.JoinedStr)]
    assert any(p is not None and p.match("web.role_admin") for p in families)
    assert _placeholders("{a} {b:,} {c[0]} {title_vi}") == {"a", "b", "c", "title_<lang>"}
    assert _placeholders("{title_en}") == _placeholders("{title_vi}")


def test_area_messages_are_data_merged_all_at_once_at_first_use() -> None:
    """An area's ``messages`` module is a table and nothing else: no module imports it to make
    its keys known. In a fresh process that has imported no area, the first look-up merges
    every area's table at once (``binhdang awards indicators`` renders the report's period
    label without importing the reports area), and each key then renders with its
    placeholders."""
    import json
    import subprocess
    import sys

    from binhdang.discovery import module_files
    from binhdang.messages import area_tables

    names = module_files("messages")
    assert {"binhdang.policies.messages", "binhdang.committee.members.messages"} <= set(names)
    keys: dict[str, list[str]] = {}
    for name in names:
        path = SOURCE.parent / (name.replace(".", "/") + ".py")
        assert "register_messages" not in path.read_text(encoding="utf-8"), name
        tables = area_tables(importlib.import_module(name))
        assert tables, f"{name}: no MESSAGES table"
        for table in tables:
            for key, (vi, en) in table.items():
                fields = (f for _, f, _, _ in string.Formatter().parse(vi + en) if f)
                keys[key] = sorted({re.split(r"[.\[]", f, maxsplit=1)[0] for f in fields})
    assert len(keys) > 1000 and any(key.startswith("report.") for key in keys)
    rendering = (
        "import json, sys\nfrom binhdang import messages\n"
        "keys, names = json.loads(sys.stdin.read())\n"
        "assert not any(n in sys.modules for n in names), 'an area module imported already'\n"
        "assert messages.text('report.motto', 'en')\n"
        "assert all(n in sys.modules for n in names), 'not all merged at the first look-up'\n"
        "heavy = [m for m in ('typer', 'rich', 'sqlalchemy') if m in sys.modules]\n"
        "assert not heavy, f'merging the tables imported {heavy}'\n"
        "for key, params in keys.items():\n"
        "    assert messages.text(key, 'en', **{p: 'x' for p in params})\n"
    )
    subprocess.run(
        [sys.executable, "-c", rendering], input=json.dumps([keys, names]).encode(), check=True
    )


def test_a_key_defined_twice_is_refused() -> None:
    from binhdang.messages import merged

    assert merged({"a.b": ("x", "y")}, {"a.c": ("x", "y")}) == {
        "a.b": ("x", "y"),
        "a.c": ("x", "y"),
    }
    with pytest.raises(ValueError, match=r"a\.b"):
        merged({"a.b": ("x", "y")}, {"a.b": ("z", "w")})
