"""Staff lists and a person's history, as plain queries tested without HTTP.

Name search ignores diacritics and case on both engines: the name is folded in SQL by
``bd_fold`` — on PostgreSQL an IMMUTABLE SQL function created by the ``accounts_0001``
migration (``translate`` of the Latin letters with diacritics to their bare letter, then
``lower`` and only letters and digits kept), on SQLite the Python
:func:`binhdang.ingest.values.fold` registered on every connection by :func:`register_fold`.
Both give the same text as ``fold`` for Vietnamese names, so "nguyen thi hoa", "Nguyễn Thị
Hoa" and "NGUYEN THI HOA" all find "Nguyễn Thị Hoa". We chose a function over a stored
folded column because the core import writes ``person`` rows without knowing about search,
and a function cannot fall out of date.
"""

from __future__ import annotations

import functools
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    Connection,
    Date,
    Engine,
    Integer,
    String,
    and_,
    bindparam,
    event,
    exists,
    func,
    or_,
    select,
)

from binhdang import formatting
from binhdang.accounts.permissions import Action, Grant, may_see_sensitive, visible_unit_ids
from binhdang.accounts.service import Account
from binhdang.ingest.values import fold
from binhdang.messages import Lang, text
from binhdang.store.tables import OPEN_END, employment, person, position, unit, unit_version
from binhdang.units.tree import UnitNode, UnitTree
from binhdang.web import cache
from binhdang.web.context import HttpError, allowed, tree_on
from binhdang.web.lists import AsOf, Listing, Logged, unit_chosen
from binhdang.web.paging import EXPORT_ALL, Paging


def register_fold(engine: Engine) -> None:
    """Make ``bd_fold(text)`` available on the engine's SQLite connections."""
    if engine.dialect.name != "sqlite":
        return

    def _register(dbapi_connection, _record) -> None:
        dbapi_connection.create_function(
            "bd_fold", 1, lambda v: None if v is None else fold(v), deterministic=True
        )

    event.listen(engine, "connect", _register)


@dataclass(frozen=True)
class StaffFilter:
    """What the staff list shows: staff employed on ``as_of`` in ``unit_ids`` (None: all)."""

    as_of: date
    unit_ids: list[int] | None
    query: str = ""
    sex: str | None = None  # F / M
    category: str | None = None  # cong_chuc / vien_chuc / lao_dong
    level: str | None = None  # head / deputy / none
    page: int = 1
    per_page: int = 50
    sort: str = "unit"  # a key of SORTS, "-" before it for the reverse order


SORTS = ("unit", "name", "code", "birth")
"""The orders of the staff list (by unit then name, name, staff code, date of birth)."""


def sort_of(value: str | None) -> str:
    """A valid sort (``"unit"``, ``"-birth"``…) from what a link or a form sent."""
    if value and value.removeprefix("-") in SORTS:
        return value
    return "unit"


@dataclass(frozen=True)
class StaffRow:
    staff_code: str
    full_name: str
    sex: str
    birth_date: date
    unit_code: str
    unit_name: str
    category: str
    rank: str | None
    title: str | None
    level: str | None


def scope_ids(tree, unit_id: int) -> list[int] | None:
    """The unit's subtree for :class:`StaffFilter`; None when it is the whole tree."""
    ids = tree.subtree_ids(unit_id)
    return None if len(ids) == len(tree.nodes) else ids


Remember = Callable[[tuple[Any, ...], Callable[[], Any]], Any]
"""``remember(key, compute)``: ``compute()``'s value, or the one kept under ``key`` while the
data has not changed (:func:`binhdang.web.cache.staff_order`)."""

ORDER_KEPT_UP_TO = 1000
"""Pages up to this size are cut from a kept order (see :func:`search_staff`); the CSV of the
whole list (one page of every row) sorts in the query instead."""


@dataclass(frozen=True)
class _Shape:
    """What the SQL of a staff list depends on, apart from the values it binds: the
    statements of each shape are built once (:func:`_statements`) and executed with the
    request's values, so a page neither builds nor re-keys its statements (SQLAlchemy keeps a
    statement's cache key on the statement object): ~15% of the staff page's Python."""

    scoped: bool  # a subtree, not the whole tree
    query: bool  # a search
    folded: bool  # the search has letters or digits (else it matches the staff code only)
    sex: bool
    category: bool
    level: str | None  # None, "none" (holds no post), or "some" (a given level)


@dataclass(frozen=True)
class _Statements:
    conditions: tuple[Any, ...]  # all the filters, the scope last when scoped
    rows_of: Any  # the columns of a row, without the filters
    counted: Any  # what the count reads (no person row unless a filter needs it)


_ON = bindparam("on", type_=Date())


def _valid_on(table: Any) -> Any:
    return and_(table.c.valid_from <= _ON, table.c.valid_to > _ON)


@functools.lru_cache(maxsize=256)
def _statements(shape: _Shape) -> _Statements:
    conditions: list[Any] = [_valid_on(employment)]
    if shape.query:
        code_match = func.lower(person.c.staff_code) == bindparam("code", type_=String())
        folded = func.bd_fold(person.c.full_name).contains(bindparam("folded", type_=String()))
        conditions.append(or_(folded, code_match) if shape.folded else code_match)
    if shape.sex:
        conditions.append(person.c.sex == bindparam("sex", type_=String()))
    if shape.category:
        conditions.append(employment.c.category == bindparam("category", type_=String()))
    if shape.level is not None:
        holds = exists().where(
            position.c.person_id == employment.c.person_id,
            _valid_on(position),
            *(
                [position.c.level == bindparam("level", type_=String())]
                if shape.level == "some"
                else []
            ),
        )
        conditions.append(~holds if shape.level == "none" else holds)
    if shape.scoped:  # one expanding parameter: no element of a province's ~430 ids coerced
        conditions.append(employment.c.unit_id.in_(bindparam("scope_ids", expanding=True)))
    rows_of = (
        select(
            person.c.id,
            person.c.staff_code,
            person.c.full_name,
            person.c.sex,
            person.c.birth_date,
            unit.c.code.label("unit_code"),
            unit_version.c.name.label("unit_name"),
            employment.c.category,
            employment.c.rank,
        )
        .join(employment, employment.c.person_id == person.c.id)
        .join(unit, unit.c.id == employment.c.unit_id)
        .join(unit_version, and_(unit_version.c.unit_id == unit.c.id, _valid_on(unit_version)))
    )
    # The count reads employment and the unit's version only (index ix_employment_as_of_count),
    # joining person only when a condition is on the person: counting a province's 68,000
    # staff this way takes ~20 ms instead of ~350 ms through the person rows.
    counted = employment.join(
        unit_version, and_(unit_version.c.unit_id == employment.c.unit_id, _valid_on(unit_version))
    )
    if shape.query or shape.sex:
        counted = counted.join(person, person.c.id == employment.c.person_id)
    return _Statements(tuple(conditions), rows_of, counted)


_ORDERS = {
    "unit": [unit.c.code, person.c.full_name],
    "name": [person.c.full_name],
    "code": [],
    "birth": [person.c.birth_date, person.c.full_name],
}


@functools.lru_cache(maxsize=256)
def _page_by_unit(shape: _Shape, descending: bool) -> Any:
    """The rows of a page by unit: the filters but the scope, the page's units only (bound as
    ``wanted``), in order, ``limit`` rows from ``skip``."""
    made = _statements(shape)
    narrowed = made.conditions[:-1] if shape.scoped else made.conditions
    columns = [*_ORDERS["unit"], person.c.staff_code]
    return (
        made.rows_of.where(*narrowed, employment.c.unit_id.in_(bindparam("wanted", expanding=True)))
        .order_by(*([c.desc() for c in columns] if descending else columns))
        .limit(bindparam("limit", type_=Integer()))
        .offset(bindparam("skip", type_=Integer()))
    )


def search_staff(
    connection: Connection, spec: StaffFilter, remember: Remember | None = None
) -> tuple[list[StaffRow], int]:
    """One page of staff matching ``spec`` in its order (by default unit then name) and the
    total count.

    The orders other than by unit (name, code, birth date) must sort the whole filtered list
    whatever the page: ~68,000 persons for a province of the national dataset, 0.3–1 s. With
    ``remember`` (the web pages), the sorted person ids of the list are computed once and
    kept while the data is unchanged, and each page is cut from them and read by id (a few
    ms): paging through a province by name then costs the sort once, not on every page. An
    index on the person's name cannot do it alone: read in name order, a province's first
    page is found quickly, but its page 700 would read some 35,000 / 2.7% ≈ 1.3 million
    persons of the whole country first. By unit, the per-unit counts (~50–100 ms for a
    province, on every page) are kept the same way.

    The statements are built once per shape of the question (:class:`_Shape`) and bound to
    its values here."""
    on = spec.as_of
    folded = fold(spec.query) if spec.query else ""
    searched = bool(spec.query.strip())
    level = None if not spec.level else "none" if spec.level == "none" else "some"
    shape = _Shape(
        spec.unit_ids is not None,  # the whole tree needs no filter (a plain scan is faster)
        searched,
        searched and bool(folded),
        bool(spec.sex),
        bool(spec.category),
        level,
    )
    values: dict[str, Any] = {"on": on}
    if shape.scoped:
        values["scope_ids"] = spec.unit_ids
    if searched:
        values["code"] = spec.query.strip().lower()
        if shape.folded:
            values["folded"] = folded
    if shape.sex:
        values["sex"] = spec.sex
    if shape.category:
        values["category"] = spec.category
    if level == "some":
        values["level"] = spec.level
    made = _statements(shape)
    conditions = list(made.conditions)
    page = max(spec.page, 1)
    key = sort_of(spec.sort)
    descending = key.startswith("-")
    columns = _ORDERS[key.removeprefix("-")] + [person.c.staff_code]  # the code last: stable
    order = [c.desc() for c in columns] if descending else columns
    offset = (page - 1) * spec.per_page
    # what the list holds, whatever its order and page: the key of what ``remember`` keeps
    listed = (
        on,
        tuple(spec.unit_ids) if spec.unit_ids is not None else None,
        spec.query,
        spec.sex,
        spec.category,
        spec.level,
    )
    if key.removeprefix("-") == "unit":
        # Unit first (the default order): count each unit's rows, which needs no person row,
        # and read only the units the page falls in; the page of a 68,000-staff province
        # then reads a few hundred persons, not all of them.
        def count_per_unit() -> list[tuple[int, int]]:
            return [
                (row[0], row[1])
                for row in connection.execute(
                    select(employment.c.unit_id, func.count())
                    .select_from(made.counted.join(unit, unit.c.id == employment.c.unit_id))
                    .where(*conditions)
                    .group_by(employment.c.unit_id, unit.c.code)
                    .order_by(unit.c.code.desc() if descending else unit.c.code),
                    values,
                )
            ]

        per_unit = (
            remember(("staff.per_unit", *listed, descending), count_per_unit)
            if remember is not None
            else count_per_unit()
        )
        wanted: list[int] = []
        total, seen, skip = sum(n for _, n in per_unit), 0, 0
        for unit_id, n in per_unit:
            if seen + n > offset and seen < offset + spec.per_page:
                skip = skip if wanted else offset - seen
                wanted.append(unit_id)
            seen += n
        # The page's units are in the scope (counted under the same conditions): the query
        # names them only, not the scope's ~430 units again (a province's page then binds a
        # few parameters instead of ~430, which PostgreSQL planned on every page).
        bound = {k: v for k, v in values.items() if k != "scope_ids"}
        bound.update(wanted=wanted or [-1], limit=spec.per_page, skip=skip)
        rows = list(connection.execute(_page_by_unit(shape, descending), bound))
        return _with_posts(connection, rows, on), total
    if remember is not None and spec.per_page <= ORDER_KEPT_UP_TO:
        ordered = remember(
            ("staff.order", *listed, key),
            lambda: _ordered_ids(connection, conditions, order, values),
        )
        total, wanted_ids = len(ordered), list(ordered[offset : offset + spec.per_page])
        place = {person_id: index for index, person_id in enumerate(wanted_ids)}
        found = connection.execute(
            made.rows_of.where(*conditions, person.c.id.in_(wanted_ids or [-1])), values
        ).all()
        rows = sorted(found, key=lambda r: place[r.id])
        return _with_posts(connection, rows, on), total
    total = connection.execute(
        select(func.count()).select_from(made.counted).where(*conditions), values
    ).scalar_one()
    query = made.rows_of.where(*conditions)
    rows = list(
        connection.execute(query.order_by(*order).limit(spec.per_page).offset(offset), values)
    )
    return _with_posts(connection, rows, on), total


PER_PAGE = 50
"""Staff on one page of the list (the API lets its caller choose, up to 500)."""

SEXES = ("F", "M")
CATEGORIES = ("cong_chuc", "vien_chuc", "lao_dong")
LEVELS = ("head", "deputy", "none")


@dataclass(frozen=True)
class StaffQuery:
    """The staff list's question, the same for the page, its CSV and ``/api/v1/persons``:
    staff employed on ``as_of`` in the subtree of ``unit`` (a code, or a name among the units
    the account sees; None: the account's own unit), filtered, in ``sort`` order, page
    ``page`` of ``per_page`` rows; ``export``: the whole filtered list, logged as an export.
    Build it with :meth:`of`, which drops values outside the closed lists (the API refuses
    them before, by its parameters' types). ``as_of`` keeps the date as typed, and whether it
    was refused, for the renderer to say so its own way."""

    as_of: AsOf
    unit: str | None = None
    q: str = ""
    sex: str | None = None
    category: str | None = None
    level: str | None = None
    page: int = 1
    per_page: int = PER_PAGE
    sort: str = "unit"
    export: bool = False

    @classmethod
    def of(
        cls,
        as_of: AsOf,
        unit: str | None = None,
        q: str = "",
        sex: str | None = None,
        category: str | None = None,
        level: str | None = None,
        page: int = 1,
        per_page: int = PER_PAGE,
        sort: str | None = None,
        *,
        export: bool = False,
    ) -> StaffQuery:
        return cls(
            as_of,
            unit or None,
            q,
            sex if sex in SEXES else None,
            category if category in CATEGORIES else None,
            level if level in LEVELS else None,
            1 if export else max(page, 1),
            EXPORT_ALL if export else per_page,
            sort_of(sort),
            export,
        )

    def exported(self) -> StaffQuery:
        """The same list, whole, as its CSV writes it (in the same order)."""
        return replace(self, page=1, per_page=EXPORT_ALL, export=True)


@dataclass(frozen=True)
class StaffListing(Listing[StaffRow]):
    """The staff list asked by a :class:`StaffQuery`: one page of rows (every row for an
    export), with the unit chosen, the tree of the day and the units the account sees (the
    page's unit picker)."""

    query: StaffQuery
    unit: UnitNode
    tree: UnitTree
    visible: list[int]


def staff_listing(connection: Connection, who: Account, query: StaffQuery) -> StaffListing:
    """The one builder of the staff list (the page ``/staff``, ``/staff.csv`` and
    ``GET /api/v1/persons`` render what it returns): the unit asked (404 when the day's tree
    has none such, 403 outside the account's units or role), the filtered page through
    :func:`search_staff` with the kept orders (:func:`binhdang.web.cache.staff_order`), and
    the audit entry (``persons.list``, or ``persons.export`` for the whole list)."""
    on = query.as_of.on
    tree = tree_on(connection, on)
    visible = visible_unit_ids(who.grant, tree)
    asked = query.unit or who.unit_code
    node = unit_chosen(tree, visible, asked)
    if node is None:
        raise HttpError(404, "unit.unknown", "unit", code=asked, as_of=formatting.short_date(on))
    if not allowed(who, Action.VIEW_PERSONS, tree, node.id):
        raise HttpError(403, "auth.forbidden", "unit")
    spec = StaffFilter(
        on,
        scope_ids(tree, node.id),
        query.q,
        query.sex,
        query.category,
        query.level,
        query.page,
        query.per_page,
        query.sort,
    )
    rows, total = search_staff(
        connection, spec, lambda key, compute: cache.staff_order(connection, key, compute)
    )
    asked_for = {"as_of": on.isoformat(), "q": query.q}
    logged = (
        Logged("persons.export", node.code, {**asked_for, "rows": total})
        if query.export
        else Logged(
            "persons.list", node.code, {**asked_for, "page": query.page, "shown": len(rows)}
        )
    )
    paging = Paging(query.page, query.per_page, total)
    return StaffListing(rows, total, paging, logged, query, node, tree, visible)


STAFF_CSV = ("web.staff_code", "web.full_name", "web.sex", "web.birth_date", "web.unit_code",
             "web.unit_name", "web.category", "web.rank", "web.post", "web.post_level")  # fmt: skip
"""The staff CSV's headings (catalogue keys): in Vietnamese they are the headings the staff
import reads, so an exported list can be corrected and imported again."""


def staff_csv_cells(row: StaffRow, lang: Lang) -> list[str]:
    """A row of the staff CSV: labels and dates in the page's language, as the page shows
    them."""
    return [
        row.staff_code,
        row.full_name,
        text(f"web.sex_{row.sex}", lang),
        formatting.short_date(row.birth_date, lang),
        row.unit_code,
        row.unit_name,
        text(f"web.cat_{row.category}", lang),
        row.rank or "",
        row.title or "",
        text(f"web.level_{row.level}", lang) if row.level else "",
    ]


def _ordered_ids(
    connection: Connection, conditions: list[Any], order: list[Any], values: dict[str, Any]
) -> array[int]:
    """The person ids of the whole filtered list in ``order``: only what the order needs is
    read (employment, the person, the unit's version on the day; no unit, no post), and kept
    as an array of 8-byte ids (~0.5 MB for a province's 68,000)."""
    ids = connection.execute(
        select(person.c.id)
        .join(employment, employment.c.person_id == person.c.id)
        .join(
            unit_version,
            and_(unit_version.c.unit_id == employment.c.unit_id, _valid_on(unit_version)),
        )
        .where(*conditions)
        .order_by(*order),
        values,
    ).scalars()
    return array("q", ids)


_POSTS = (
    select(position.c.person_id, position.c.title, position.c.level)
    .where(position.c.person_id.in_(bindparam("persons", expanding=True)), _valid_on(position))
    .order_by(position.c.level.desc())  # "head" before "deputy"
)


def _with_posts(connection: Connection, rows: Sequence[Any], on: date) -> list[StaffRow]:
    """The rows as :class:`StaffRow`, each with the post its person holds on ``on``."""
    posts: dict[int, tuple[str, str]] = {}
    if rows:
        for post in connection.execute(_POSTS, {"persons": [r.id for r in rows], "on": on}):
            posts.setdefault(post.person_id, (post.title, post.level))
    return [
        StaffRow(
            r.staff_code,
            r.full_name,
            r.sex,
            r.birth_date,
            r.unit_code,
            r.unit_name,
            r.category,
            r.rank,
            *posts.get(r.id, (None, None)),
        )
        for r in rows
    ]


@dataclass(frozen=True)
class Period:
    """One effective-dated fact of a person's history."""

    kind: str  # employment / position
    valid_from: date
    valid_to: date | None  # None: still true
    unit_code: str
    unit_name: str
    text: str  # category and rank, or post title
    level: str | None = None
    unit_id: int | None = None


@dataclass(frozen=True)
class PersonRecord:
    id: int
    staff_code: str
    full_name: str
    sex: str
    birth_date: date
    ethnicity: str | None
    history: list[Period]
    """Newest first; after :func:`limit_to`, only the periods the reader is entitled to."""
    latest: Period | None = None
    """The latest employment (the unit that holds the person now, or did last)."""
    sensitive_shown: bool = True
    """False when :func:`limit_to` withheld the sensitive data (ethnicity)."""
    insurance_number: str | None = None
    """Mã số BHXH and số định danh (ingest.identity): shown only with the person, to those
    who may see persons; never in a report."""
    citizen_id: str | None = None


def find_person(connection: Connection, staff_code: str) -> PersonRecord | None:
    """A person and their whole history (employment and posts), newest first."""
    row = connection.execute(select(person).where(person.c.staff_code == staff_code)).first()
    if row is None:
        return None
    history: list[Period] = []
    for table, kind in ((employment, "employment"), (position, "position")):
        facts = connection.execute(
            select(table, unit.c.code.label("unit_code"))
            .join(unit, unit.c.id == table.c.unit_id)
            .where(table.c.person_id == row.id)
        ).all()
        for fact in facts:
            name = (
                connection.execute(
                    select(unit_version.c.name)
                    .where(
                        unit_version.c.unit_id == fact.unit_id,
                        unit_version.c.valid_from <= fact.valid_from,
                    )
                    .order_by(unit_version.c.valid_from.desc())
                    .limit(1)
                ).scalar()
                or fact.unit_code
            )
            ended = None if fact.valid_to == OPEN_END else fact.valid_to
            if kind == "employment":
                label = fact.category + (f" · {fact.rank}" if fact.rank else "")
                history.append(
                    Period(
                        kind,
                        fact.valid_from,
                        ended,
                        fact.unit_code,
                        name,
                        label,
                        None,
                        fact.unit_id,
                    )
                )
            else:
                history.append(
                    Period(
                        kind,
                        fact.valid_from,
                        ended,
                        fact.unit_code,
                        name,
                        fact.title,
                        fact.level,
                        fact.unit_id,
                    )
                )
    history.sort(key=lambda p: (p.valid_from, p.kind), reverse=True)
    latest = next((p for p in history if p.kind == "employment"), None)
    return PersonRecord(
        row.id,
        row.staff_code,
        row.full_name,
        row.sex,
        row.birth_date,
        row.ethnicity,
        history,
        latest,
        insurance_number=row.insurance_number,
        citizen_id=row.citizen_id,
    )


Span = tuple[date, date]


def covered_spans(
    connection: Connection, top_id: int, unit_id: int, start: date, end: date, _depth: int = 0
) -> list[Span]:
    """The parts of ``[start, end)`` during which ``unit_id`` lies in ``top_id``'s subtree,
    following the unit's parents through their versions (a unit moved to another parent on
    some date is in the old subtree before it and in the new one after)."""
    if unit_id == top_id and _depth == 0:
        return [(start, end)]  # one's own unit, whatever its versions (as permissions.covers)
    if start >= end or _depth > 64:  # 64: deeper than any real tree; stops a corrupt cycle
        return []
    versions = connection.execute(
        select(unit_version.c.parent_id, unit_version.c.valid_from, unit_version.c.valid_to)
        .where(
            unit_version.c.unit_id == unit_id,
            unit_version.c.valid_from < end,
            unit_version.c.valid_to > start,
        )
        .order_by(unit_version.c.valid_from)
    ).all()
    spans: list[Span] = []
    for version in versions:
        part = (max(start, version.valid_from), min(end, version.valid_to))
        if unit_id == top_id:
            spans.append(part)
        elif version.parent_id is not None:
            spans += covered_spans(connection, top_id, version.parent_id, *part, _depth + 1)
    return _merge(spans)


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for begin, finish in sorted(spans):
        if merged and begin <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], finish))
        else:
            merged.append((begin, finish))
    return merged


def limit_to(
    connection: Connection,
    record: PersonRecord,
    grant: Grant,
    *,
    today: date,
    tree_at: Callable[[date], UnitTree],
) -> PersonRecord | None:
    """The part of ``record`` the holder of ``grant`` is entitled to, or None when the person
    never worked in the grant's subtree.

    Each period is cut to the days its unit lay in the grant's subtree; periods with no such
    day are left out (not merely their unit names). Ethnicity is kept only when
    :func:`binhdang.accounts.permissions.may_see_sensitive` allows it for the unit of the
    person's latest employment, on ``today`` or on its last day if it has ended.
    """
    shown: list[Period] = []
    for period in record.history:
        end = period.valid_to or OPEN_END
        for begin, finish in covered_spans(
            connection, grant.unit_id, period.unit_id or -1, period.valid_from, end
        ):
            shown.append(
                replace(period, valid_from=begin, valid_to=None if finish == OPEN_END else finish)
            )
    if not any(p.kind == "employment" for p in shown):
        return None
    shown.sort(key=lambda p: (p.valid_from, p.kind), reverse=True)
    sensitive = False
    latest = record.latest
    if latest is not None and latest.unit_id is not None:
        last_day = (latest.valid_to or OPEN_END) - timedelta(days=1)
        on = max(latest.valid_from, min(today, last_day))
        sensitive = may_see_sensitive(grant, tree_at(on), latest.unit_id)
    return replace(
        record,
        history=shown,
        sensitive_shown=sensitive,
        ethnicity=record.ethnicity if sensitive else None,
    )
