"""The indicator set read with the database's own driver and numpy only (issue 19, items 3
and 6): the lean path of ``binhdang indicators`` and ``binhdang trend``.

A whole ``binhdang`` process spent more CPU importing SQLAlchemy, Typer, Rich and Pydantic
than DuckDB's whole process took to answer the same national question (bench/RESULTS.md).
When the database's columnar copy (:mod:`.columnar`) is of its current data, everything the
indicator set needs is small: the schema's revisions, the stamp of the copy, the unit tree of
the date (12,000 rows at most) and whether any row carries a pay grade; the counts come from
the copy. :func:`indicator_set` reads those in one read transaction — of a SQLite file with
:mod:`sqlite3`, of PostgreSQL with psycopg alone (``REPEATABLE READ, READ ONLY``: every read
sees one snapshot) — and computes with the very functions the normal path uses
(:func:`~binhdang.indicators.compute.compute_columns`, :mod:`.columnar`'s counts), so the
result is the same :class:`~binhdang.indicators.results.IndicatorSet`
(tests/test_quick.py compares the outputs byte for byte, on both engines).

The copy of a PostgreSQL database is found where the command line keeps it: its folder is
named after the URL as SQLAlchemy renders it, computed here without SQLAlchemy
(:mod:`binhdang.store.urls`), and after the schema and table the database reports.

It answers ``None`` — the normal path then runs and says what is wrong, or builds the copy —
whenever anything is not plainly the case: not a SQLite file nor a PostgreSQL URL this path
reads as SQLAlchemy does, a file that does not exist, a server that does not answer, a schema
not at this version's revisions, no copy of the current data (or ``BINHDANG_COLUMNAR=0``), a
unit not found on the date, pay grades recorded (the pay indicators read the rows:
:mod:`.pay_results`), a stored date not written ``YYYY-MM-DD``, any error of the driver. It
never writes: the file is opened read-only, the PostgreSQL transaction is read-only.
"""

from __future__ import annotations

import ast
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import quote

import numpy as np

from binhdang.indicators import columnar
from binhdang.indicators.compute import compute_columns
from binhdang.indicators.results import IndicatorResult, IndicatorSet
from binhdang.store import urls

_MIGRATIONS = Path(__file__).resolve().parents[1] / "store" / "migrations" / "versions"
_ASSIGNED = re.compile(r"^(revision|down_revision)\b[^=\n]*=(.*)$", re.MULTILINE)
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

Source = Path | urls.Url
"""A database this path reads: a SQLite file, or a PostgreSQL database's URL."""


# --- the database -----------------------------------------------------------------------------


def sqlite_file(url: str) -> Path | None:
    """The SQLite file a ``--db`` value names, as :func:`binhdang.store.database.normalise_url`
    and SQLAlchemy read it; ``None`` for anything else (a server, a ``file:`` URI, a URL with
    a query, ``:memory:``): those take the normal path."""
    if "://" not in url:
        name = url
    elif url.startswith("sqlite:///"):
        name = url[len("sqlite:///") :]
    else:
        return None
    if not name or name == ":memory:" or name.startswith("file:") or any(c in name for c in "?%#"):
        return None
    return Path(name)


def source(url: str) -> Source | None:
    """The database a ``--db`` value names when this path reads it: a SQLite file
    (:func:`sqlite_file`) or a PostgreSQL database through psycopg
    (:func:`binhdang.store.urls.postgresql`); ``None``: the normal path."""
    return sqlite_file(url) or urls.postgresql(url)


def declared_heads() -> frozenset[str]:
    """:func:`binhdang.store.database.declared_heads` (the revisions no other one follows),
    reading each migration's ``revision`` and ``down_revision`` lines instead of parsing the
    whole file (a test keeps both equal); a value that is not one line is read by parsing the
    file, as there."""
    revisions: set[str] = set()
    followed: set[str] = set()
    for path in _MIGRATIONS.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        values: dict[str, object] = {}
        try:
            for name, value in _ASSIGNED.findall(text):
                values[name] = ast.literal_eval(value.strip())
        except (ValueError, SyntaxError):
            values = _parsed(text)
        if isinstance(values.get("revision"), str):
            revisions.add(values["revision"])  # type: ignore[arg-type]
        down = values.get("down_revision")
        followed.update([down] if isinstance(down, str) else down or ())  # type: ignore[arg-type]
    return frozenset(revisions - followed)


def _parsed(source: str) -> dict[str, object]:
    values: dict[str, object] = {}
    for node in ast.parse(source).body:
        target: ast.expr
        if isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        else:
            continue
        if isinstance(target, ast.Name) and target.id in ("revision", "down_revision"):
            values[target.id] = ast.literal_eval(value)
    return values


class _Unreadable(Exception):
    """An error of the database's driver: this path does not answer."""


_PARAMETER = re.compile(r"(?<!:):(\w+)")


class _Reader:
    """One read transaction through the engine's own driver (:mod:`sqlite3` or psycopg). The
    SQL is written with ``:name`` parameters (turned into psycopg's ``%(name)s``); a driver's
    error is :class:`_Unreadable`."""

    def __init__(self, connection: Any, errors: type[Exception], postgresql: bool) -> None:
        self._connection = connection
        self._errors = errors
        self.postgresql = postgresql
        self.date_text = "CAST({} AS VARCHAR)" if postgresql else "substr({}, 1, 10)"
        """SQL of a date column as ``YYYY-MM-DD`` text (PostgreSQL's ISO output)."""

    def day(self, value: date) -> object:
        """A date as a parameter compared with the date columns: SQLite stores them as
        ``YYYY-MM-DD`` text."""
        return value if self.postgresql else value.isoformat()

    def all(self, sql: str, parameters: dict[str, object] | None = None) -> list[Any]:
        given: object = parameters or ()
        if self.postgresql:  # no parameters: the text as it is (a "%" is not one)
            sql, given = (_PARAMETER.sub(r"%(\1)s", sql), parameters) if parameters else (sql, None)
        try:
            return list(self._connection.execute(sql, given).fetchall())
        except self._errors as error:
            raise _Unreadable from error

    def one(self, sql: str, parameters: dict[str, object] | None = None) -> Any:
        rows = self.all(sql, parameters)
        return rows[0] if rows else None


@contextmanager
def _opened(database: Source) -> Iterator[_Reader | None]:
    """``database`` opened for reading, in one read transaction; ``None`` when it cannot be
    (a missing file, a server that does not answer)."""
    if isinstance(database, Path):
        if not database.is_file():
            yield None
            return
        uri = f"file:{quote(str(database.absolute()))}?mode=ro"
        try:
            connection = sqlite3.connect(uri, uri=True, timeout=10, isolation_level=None)
            connection.execute("BEGIN")
        except sqlite3.Error:
            yield None
            return
        try:
            yield _Reader(connection, sqlite3.Error, postgresql=False)
        finally:
            connection.close()
        return
    import psycopg

    arguments = urls.psycopg_arguments(database)
    if arguments is None:
        yield None
        return
    try:
        # What SQLAlchemy's psycopg dialect connects with (binhdang.store.urls); the first
        # statement begins the transaction, one snapshot for every read.
        server = psycopg.connect(**arguments)  # type: ignore[arg-type]
        server.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        server.read_only = True
    except psycopg.Error:
        yield None
        return
    try:
        yield _Reader(server, psycopg.Error, postgresql=True)
    finally:
        server.close()


# --- the unit tree (as :mod:`binhdang.units.tree` reads it) ---------------------------------


class Node(NamedTuple):
    """:class:`binhdang.units.tree.UnitNode`."""

    id: int
    code: str
    name: str
    kind: str
    parent_id: int | None


@dataclass
class Tree:
    """What :func:`~binhdang.indicators.compute.compute_columns` reads of
    :class:`binhdang.units.tree.UnitTree`, built the same way (children in id order)."""

    as_of: date
    nodes: dict[int, Node]
    children: dict[int | None, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.children:  # another day's, with the same units
            return
        for node in sorted(self.nodes.values(), key=lambda n: n.id):
            parent = node.parent_id if node.parent_id in self.nodes else None
            self.children.setdefault(parent, []).append(node.id)

    def child_nodes(self, unit_id: int) -> list[Node]:
        return [self.nodes[i] for i in self.children.get(unit_id, [])]

    def walk(self, unit_id: int) -> Iterator[Node]:
        stack = [unit_id]
        while stack:
            current = stack.pop()
            yield self.nodes[current]
            stack.extend(reversed(self.children.get(current, [])))

    def subtree_ids(self, unit_id: int) -> list[int]:
        return [node.id for node in self.walk(unit_id)]


_NODE = (
    "SELECT unit.id, unit.code, unit_version.name, coalesce(unit_version.kind, ''), "
    "unit_version.parent_id FROM unit JOIN unit_version ON unit_version.unit_id = unit.id "
)
_VALID = "unit_version.valid_from <= :day AND unit_version.valid_to > :day"


def _subtree(reader: _Reader, as_of: date, code: str) -> tuple[Tree, bool] | None:
    """:func:`binhdang.units.tree.load_subtree` (``None``: the unit is not there that day)."""
    day = {"day": reader.day(as_of), "code": code}
    found = reader.one(
        "SELECT unit.id, unit_version.parent_id FROM unit JOIN unit_version "
        f"ON unit_version.unit_id = unit.id WHERE unit.code = :code AND {_VALID}",
        day,
    )
    if found is None:
        return None
    if found[1] is None:  # a top unit: the whole tree of the date
        rows = reader.all(_NODE + f"WHERE {_VALID}", day)
        tree = Tree(as_of, {row[0]: Node._make(row) for row in rows})
        root = next((node for node in tree.nodes.values() if node.code == code), None)
        if root is None:
            return None
        return tree, len(tree.subtree_ids(root.id)) == len(tree.nodes)
    rows = reader.all(
        "WITH RECURSIVE subtree(unit_id) AS ("
        "SELECT unit_version.unit_id FROM unit_version JOIN unit ON unit.id = unit_version.unit_id "
        f"WHERE unit.code = :code AND {_VALID} "
        "UNION SELECT unit_version.unit_id FROM unit_version "
        f"JOIN subtree ON unit_version.parent_id = subtree.unit_id WHERE {_VALID}) "
        + _NODE
        + f"WHERE unit.id IN (SELECT subtree.unit_id FROM subtree) AND {_VALID}",
        day,
    )
    return Tree(as_of, {row[0]: Node._make(row) for row in rows}), False


# --- the indicator set ------------------------------------------------------------------------


@contextmanager
def _reading(database: Source) -> Iterator[tuple[_Reader, columnar.Copy] | None]:
    """``database`` opened in one read transaction (every read sees the same data), and its
    copy — ``None`` when this path does not answer: not this version's schema, no copy of the
    current data, pay grades recorded, an error of the driver."""
    with _opened(database) as reader:
        if reader is None:
            yield None
            return
        try:
            copy = _copy(reader, database)
        except _Unreadable:
            copy = None
        yield None if copy is None else (reader, copy)


def _copy(reader: _Reader, database: Source) -> columnar.Copy | None:
    revisions = reader.all("SELECT version_num FROM alembic_version")
    stored = frozenset(row[0] for row in revisions)
    if not stored or stored != declared_heads():
        return None  # not initialised, outdated or newer: the normal path says so
    version = reader.one("SELECT version FROM data_version")
    staff_max, post_max = reader.one(columnar.STAMP_SQL)
    stamp = {
        "version": int((version[0] if version else 0) or 0),
        "staff_max_id": int(staff_max or 0),
        "post_max_id": int(post_max or 0),
    }
    copy = columnar.current(_folder(reader, database), stamp)
    if copy is None:
        return None
    graded = reader.one(
        "SELECT employment.id FROM employment WHERE employment.grade_code IS NOT NULL LIMIT 1"
    )
    return None if graded is not None else copy


def _folder(reader: _Reader, database: Source) -> Path:
    """Where the command line keeps the copies of ``database``
    (:func:`binhdang.indicators.columnar.folder_of`)."""
    if isinstance(database, Path):
        return columnar.beside(database)
    schema, table = reader.one(columnar.CACHE_IDENTITY_SQL)
    place = urls.render(urls.without_user(database), hide_password=True)
    return columnar.pg_cache_folder(place, schema, table) / "cols"


def indicator_set(
    database: Source, unit_code: str, as_of: date, *, subtree: bool = True
) -> IndicatorSet | None:
    """:func:`binhdang.indicators.service.indicators_for` on ``database`` (a SQLite file or a
    PostgreSQL URL), from its columnar copy; ``None`` when this path does not answer (see the
    module's description)."""
    try:
        with _reading(database) as opened:
            if opened is None:
                return None
            reader, copy = opened
            found = _subtree(reader, as_of, unit_code)
    except _Unreadable:
        return None
    if found is None:
        return None
    tree, whole = found
    root = next(node for node in tree.nodes.values() if node.code == unit_code)
    if not subtree:
        scope: list[int] | None = [root.id]
    else:
        scope = None if whole else tree.subtree_ids(root.id)
    staff = columnar.staff_columns(copy, as_of, scope)
    posts = columnar.post_columns(copy, as_of, scope)
    counted = compute_columns(tree, root.id, subtree, staff, posts)  # type: ignore[arg-type]
    return replace(counted, results=counted.results + without_grades(as_of))


def _trees(reader: _Reader, days: list[date]) -> dict[date, Tree] | None:
    """:func:`binhdang.units.tree.load_trees`: the tree on each of ``days`` from one read of
    the unit versions valid on any of them; days with the same units share the nodes and the
    child lists. (The dates compared as their ``YYYY-MM-DD`` text: in the same order; ``None``
    when a stored date is not written so — the normal path fails on it.)"""
    rows = reader.all(
        "SELECT unit.id, unit.code, unit_version.name, coalesce(unit_version.kind, ''), "
        f"unit_version.parent_id, {reader.date_text.format('unit_version.valid_from')}, "
        f"{reader.date_text.format('unit_version.valid_to')} FROM unit "
        "JOIN unit_version ON unit_version.unit_id = unit.id "
        "WHERE unit_version.valid_from <= :last AND unit_version.valid_to > :first",
        {"first": reader.day(days[0]), "last": reader.day(days[-1])},
    )
    if not all(_ISO_DAY.fullmatch(row[5]) and _ISO_DAY.fullmatch(row[6]) for row in rows):
        return None
    trees: dict[date, Tree] = {}
    previous: tuple[list[int], Tree] | None = None
    for day in days:
        text = day.isoformat()
        valid = [k for k, row in enumerate(rows) if row[5] <= text < row[6]]
        if previous is not None and valid == previous[0]:
            tree = Tree(day, previous[1].nodes, previous[1].children)
        else:
            tree = Tree(day, {rows[k][0]: Node._make(rows[k][:5]) for k in valid})
        trees[day] = tree
        previous = (valid, tree)
    return trees


def trend(
    database: Source, unit_code: str, dates: list[date], *, subtree: bool = True
) -> list[IndicatorSet] | None:
    """:func:`binhdang.indicators.trend.trend` on ``database`` (a SQLite file or a PostgreSQL
    URL), from its columnar copy (each date counted as of that date, as the trend does with
    the copy for up to :data:`~binhdang.indicators.trend.DATES_COUNTED_ONE_BY_ONE` dates);
    ``None`` when this path does not answer."""
    from binhdang.indicators.compute import scope_of
    from binhdang.indicators.trend import DATES_COUNTED_ONE_BY_ONE

    ends = sorted(set(dates))
    if not ends or len(ends) > DATES_COUNTED_ONE_BY_ONE:
        return None
    try:
        with _reading(database) as opened:
            if opened is None:
                return None
            reader, copy = opened
            by_day = _trees(reader, ends)
    except _Unreadable:
        return None
    if by_day is None:
        return None
    trees = [by_day[end] for end in ends]
    roots = []
    for tree in trees:
        root = next((node for node in tree.nodes.values() if node.code == unit_code), None)
        if root is None:
            return None  # refused by the command line
        roots.append(root)
    scopes: list[list[int]] = []
    for k, (tree, root) in enumerate(zip(trees, roots, strict=True)):
        if k and tree.children is trees[k - 1].children:
            scopes.append(scopes[-1])
        else:
            scopes.append(tree.subtree_ids(root.id) if subtree else [root.id])
    whole = all(len(scope) == len(tree.nodes) for scope, tree in zip(scopes, trees, strict=True))
    unit_ids = None if whole else sorted({unit_id for scope in scopes for unit_id in scope})
    staff = columnar.staff_columns_on(copy, ends, unit_ids)  # one date at a time
    posts = columnar.post_columns_on(copy, ends, unit_ids)
    result = []
    scope = None
    counts = zip(trees, roots, staff, posts, strict=True)
    for k, (tree, root, staff_k, posts_k) in enumerate(counts):
        if k == 0 or tree.children is not trees[k - 1].children:
            scope = scope_of(tree, root.id, subtree)  # type: ignore[arg-type]
        counted = compute_columns(
            tree,  # type: ignore[arg-type]
            root.id,
            subtree,
            staff_k,
            posts_k,
            scope=scope,
        )
        result.append(replace(counted, results=counted.results + without_grades(ends[k])))
    return result


# The pay and career results when no row has a grade (issue 18), as
# :func:`binhdang.indicators.pay_results.pay_results` makes them without reading anything more:
# made here from the same pure functions, because that module imports SQLAlchemy (its
# readers); tests/test_quick.py keeps both equal for every date and threshold.
_QUARTERS = (
    ("Q1", "Q1 (thấp nhất)", "Q1 (lowest)"),
    ("Q2", "Q2", "Q2"),
    ("Q3", "Q3", "Q3"),
    ("Q4", "Q4 (cao nhất)", "Q4 (highest)"),
)
_SEXES = (("F", "Nữ", "Women"), ("M", "Nam", "Men"))
_PROMOTIONS = (
    ("sex", "", "", ""),
    ("promotion", "post_", "Bổ nhiệm chức vụ – ", "To a post – "),
    ("promotion", "grade_", "Nâng ngạch – ", "To a higher grade – "),
)


def without_grades(as_of: date) -> tuple[IndicatorResult, ...]:
    """:func:`binhdang.indicators.pay_results.pay_results` when no row has a grade: nobody
    paid, eligible or raised (``as_of`` is the grade table's date, as there)."""
    from binhdang.indicators.pay import (
        PayHistogram,
        min_group_setting,
        pay_gap,
        quarters,
        rate_gap,
    )
    from binhdang.indicators.results import Breakdown, Measure, Ratio
    from binhdang.pay.grades import GROUP_LABELS

    smallest = min_group_setting()
    empty = PayHistogram(*(np.zeros(0, dtype=np.int64) for _ in range(3)))
    results = []
    for statistic in ("mean", "median"):
        gap = pay_gap(empty, statistic, smallest)
        results.append(
            IndicatorResult(
                f"pay_gap_{statistic}",
                Ratio(gap.women, gap.women + gap.men),
                measure=Measure(gap.value, "percent"),
                suppressed=gap.suppressed,
            )
        )
    parts = tuple(
        Breakdown("pay_quartile", key, vi, en, Ratio(women, people), suppressed=people < smallest)
        for (key, vi, en), (women, people) in zip(_QUARTERS, quarters(empty), strict=True)
    )
    results.append(IndicatorResult("women_share_pay_quartile", Ratio(0, 0), parts))
    groups = tuple(
        Breakdown("grade_group", label, label, label, Ratio(0, 0)) for label in GROUP_LABELS
    )
    results.append(IndicatorResult("women_share_by_grade_group", Ratio(0, 0), groups))
    results.append(IndicatorResult("women_share_senior_grades", Ratio(0, 0)))
    nobody = rate_gap((0, 0), (0, 0), smallest)
    for code, kinds in (
        ("early_raise_rate_gap", _PROMOTIONS[:1]),
        ("promotion_rate_gap", _PROMOTIONS),
    ):
        by_sex = tuple(
            Breakdown(dimension, f"{prefix}{sex}", f"{vi}{sex_vi}", f"{en}{sex_en}", Ratio(0, 0),
                      suppressed=smallest > 0)
            for dimension, prefix, vi, en in kinds
            for sex, sex_vi, sex_en in _SEXES
        )  # fmt: skip
        results.append(
            IndicatorResult(
                code,
                Ratio(0, nobody.women + nobody.men),
                by_sex,
                measure=Measure(nobody.value, "points"),
                suppressed=nobody.suppressed,
            )
        )
    results.append(IndicatorResult("raise_after_maternity", Ratio(0, 0), suppressed=False))
    return tuple(results)
