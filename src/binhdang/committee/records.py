"""One service for every committee record kind: import, add, edit, delete, list.

A record kind (:class:`RecordKind`, declared in each kind's ``parsing`` module) says which
columns its file has, how each cell is parsed, how a parsed row is checked against the stored
data (staff codes, unit codes, plans, movements) and which columns identify a record. The
same parse-and-check path serves a whole file (``binhdang import training FILE``) and one
record typed on the command line (``binhdang training add staff_code=QT0001 …``), so the rules
cannot drift apart.

Imports follow the staff import's rules (:mod:`binhdang.ingest.service`): the same reader,
header matching and cell parsers; any error imports nothing, unless ``skip_invalid``; a
record whose key is already stored is updated, so importing the same file twice changes
nothing. Every function here takes a connection and never commits: the adapter that owns the
user's action does (one write transaction per action, :mod:`binhdang.store.writes`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    CursorResult,
    Select,
    String,
    Table,
    and_,
    delete,
    false,
    func,
    insert,
    or_,
    select,
    update,
)

from binhdang.committee.registry import KindEntry
from binhdang.errors import BinhdangError, Problem
from binhdang.formatting import short_date
from binhdang.ingest import values
from binhdang.ingest.columns import ColumnSpec, DataRow, MappedSheet, map_columns
from binhdang.ingest.outcome import ImportOutcome, require_connection, write_rejected
from binhdang.ingest.reader import Cell, read_sheet
from binhdang.ingest.rowcheck import RowCheck
from binhdang.ingest.values import CONTROL, ValueProblem, clean_text, fold
from binhdang.messages import Lang, Message
from binhdang.store.tables import OPEN_END, import_batch, person, unit, unit_version

Parser = Callable[[Cell], Any]


@dataclass(frozen=True)
class Field:
    """One column of a record kind's file and the parser of its cells."""

    spec: ColumnSpec
    parse: Parser = clean_text

    @property
    def name(self) -> str:
        return self.spec.field


@dataclass(frozen=True)
class PersonRef:
    id: int
    staff_code: str
    full_name: str
    sex: str


class Context:
    """What rows are checked against, loaded once per action from the stored data."""

    def __init__(self, connection: Connection, source_dir: Path | None = None) -> None:
        self.connection = connection
        self.source_dir = source_dir
        self._persons: dict[str, PersonRef | None] = {}  # by staff code; None: nobody
        self._units: dict[str, tuple[int, list[tuple[date, date]]]] | None = None

    def prefetch_persons(self, codes: Iterable[str]) -> None:
        """Look up the persons of ``codes`` (the staff codes a file names) 900 to a query:
        a list names few of a national database's 2.5 million staff, never all are read."""
        wanted = sorted({code for code in codes if code and code not in self._persons})
        for code in [code for code in wanted if CONTROL.search(code)]:
            # no staff code holds one (PostgreSQL refuses a NUL even in a query): nobody
            self._persons[code] = None
            wanted.remove(code)
        for start in range(0, len(wanted), 900):
            part = wanted[start : start + 900]
            rows = self.connection.execute(
                select(person.c.id, person.c.staff_code, person.c.full_name, person.c.sex).where(
                    person.c.staff_code.in_(part)
                )
            )
            found = {row.staff_code: PersonRef(*row) for row in rows}
            self._persons.update((code, found.get(code)) for code in part)

    def person(self, staff_code: str) -> PersonRef:
        """The person with ``staff_code``; ``ValueProblem`` when there is none."""
        if staff_code not in self._persons:
            self.prefetch_persons([staff_code])
        found = self._persons.get(staff_code)
        if found is None:
            raise ValueProblem("committee.val.unknown_person", value=staff_code)
        return found

    def unit_id(self, code: str, on: date | None = None) -> int:
        """The id of unit ``code``; with ``on``, the unit must exist on that date."""
        if self._units is None:
            rows = self.connection.execute(
                select(
                    unit.c.id, unit.c.code, unit_version.c.valid_from, unit_version.c.valid_to
                ).join(unit_version, unit_version.c.unit_id == unit.c.id)
            )
            units: dict[str, tuple[int, list[tuple[date, date]]]] = {}
            for row in rows:
                units.setdefault(row.code, (row.id, []))[1].append((row.valid_from, row.valid_to))
            self._units = units
        found = self._units.get(code)
        if found is None:
            raise ValueProblem("committee.val.unknown_unit", value=code)
        unit_id, spans = found
        if on is not None and not any(start <= on < end for start, end in spans):
            raise ValueProblem("committee.val.unit_not_on", value=code, on=short_date(on))
        return unit_id


def row_check(
    kind: RecordKind, cells: dict[str, Cell], where: Callable[[str], Problem]
) -> RowCheck:
    """Every field of ``kind`` parsed from ``cells`` (one row of a file, or one record typed
    on the command line or in a form), texts checked as stored in the kind's table."""
    check = RowCheck.located(cells, where)
    for item in kind.fields:
        column = kind.table.c.get(item.name)
        longest = getattr(getattr(column, "type", None), "length", None)
        check.value(item.name, item.parse, item.spec.required, stored=True, longest=longest)
    return check


@dataclass(frozen=True)
class Resolved:
    """A checked row: the table's values, and what goes into other tables (``extras``)."""

    values: dict[str, Any]
    extras: Any = None


@dataclass(frozen=True)
class RecordKind:
    """Everything the shared service needs to know about one kind of record: its
    :class:`~binhdang.committee.registry.KindEntry` (name, titles, commands, indicator view,
    report sections: what the adapters loop over) and its table, fields and checks."""

    entry: KindEntry
    table: Table
    fields: tuple[Field, ...]
    key: tuple[str, ...]  # table columns naming one record
    resolve: Callable[[Context, RowCheck], Resolved | None]
    listing: Callable[[], Select[Any]]  # id + one labelled column per field, re-parseable
    year_of: Callable[[], Any]  # the column expression --year filters on
    examples: tuple[tuple[str, ...], ...] = ()
    validations: dict[str, tuple[str, ...]] = field(default_factory=dict)  # template choices
    labels_en: dict[str, str] = field(default_factory=dict)  # pages' English column labels
    display: dict[str, Callable[[Any, Lang], str]] = field(default_factory=dict)
    write_extras: Callable[[Connection, int, Any], bool] | None = None
    finish: (
        Callable[[Context, list[tuple[int, Resolved, Callable[[str], Problem]]]], list[Problem]]
        | None
    ) = None
    before_delete: Callable[[Connection, int], None] | None = None
    # a row whose key an earlier row of the file has (that row's number): the problem said
    duplicate: Callable[[RowCheck, Resolved, int], None] | None = None
    template_sheet: str = ""  # the template's sheet name (default: the Vietnamese title)
    template_fill: str = "DDEBF7"  # the template's header colour

    def __post_init__(self) -> None:
        # The entry names the fields for the command line's help (before the tables load):
        # it must say what the kind parses.
        if self.entry.fields_en != tuple(item.spec.label_en for item in self.fields):
            raise ValueError(f"the fields of record kind {self.entry.name!r} differ from its entry")

    @property
    def name(self) -> str:
        """Its command name, template and import kind: "training", "awards"…"""
        return self.entry.name

    @property
    def title_vi(self) -> str:
        return self.entry.title_vi

    @property
    def title_en(self) -> str:
        return self.entry.title_en

    @property
    def columns(self) -> tuple[ColumnSpec, ...]:
        return tuple(item.spec for item in self.fields)

    def title(self, lang: Lang) -> str:
        return self.title_en if lang == "en" else self.title_vi

    @property
    def params(self) -> dict[str, Any]:
        """The kind's names for messages: command name, Vietnamese and English titles."""
        return {"kind": self.name, "title_vi": self.title_vi, "title_en": self.title_en}

    def field_for(self, name: str) -> Field | None:
        wanted = fold(name)
        return next((f for f in self.fields if wanted in f.spec.header_keys()), None)


# --- parsing helpers shared by the kinds ---------------------------------------------------


def parse_count(cell: Cell) -> int:
    """A head count: a whole number ≥ 0 (``12``, ``12.0``, ``"1.234"``), by the one rule of
    :func:`binhdang.ingest.values.parse_count`."""
    return values.parse_count(cell, minimum=0, problem="committee.val.count")


def parse_year(cell: Cell) -> int:
    value = clean_text(cell)
    if value.isdigit() and 1945 <= int(value) <= 2100:
        return int(value)
    raise ValueProblem("committee.val.year", value=value)


def parse_codes(cell: Cell) -> tuple[str, ...]:
    """Codes separated by commas, semicolons or line breaks: ``"QT_VP; QT_TCCB"``."""
    value = clean_text(cell).replace(";", ",").replace("\n", ",")
    return tuple(dict.fromkeys(code.strip() for code in value.split(",") if code.strip()))


def check_period(check: RowCheck, start_field: str, end_field: str) -> None:
    start, end = check[start_field], check[end_field]
    if start is not None and end is not None and end < start:
        check.fail(
            end_field,
            "committee.val.end_before_start",
            start=short_date(start),
            end=short_date(end),
        )


# --- the service ---------------------------------------------------------------------------


def inserted_id(result: CursorResult[Any]) -> int:
    """The id of the row an ``INSERT`` of one row wrote."""
    key = result.inserted_primary_key
    assert key is not None  # an INSERT of one row into a table with an id
    return int(key[0])


@dataclass(frozen=True)
class _Parsed:
    row: DataRow
    resolved: Resolved
    where: Callable[[str], Problem]


def _parse_rows(
    kind: RecordKind, sheet: MappedSheet, context: Context, warnings: list[Problem]
) -> tuple[list[_Parsed], list[Problem]]:
    parsed: list[_Parsed] = []
    problems: list[Problem] = []
    seen: dict[tuple[Any, ...], int] = {}
    for data in sheet.rows:

        def where(field_name: str, row: int = data.row) -> Problem:
            return Problem(
                Message("val.required"),
                sheet.file_name,
                row,
                sheet.headers.get(field_name) or _label(kind, field_name),
            )

        check = row_check(kind, data.cells, where)
        resolved = kind.resolve(context, check)  # checks references even if a cell failed
        if resolved is not None and not check.problems:
            key = tuple(resolved.values.get(column) for column in kind.key)
            if key in seen and kind.duplicate is not None:
                kind.duplicate(check, resolved, seen[key])
            elif key in seen:
                first = next(f for f in kind.fields if f.spec.required)
                check.fail(first.name, "committee.val.duplicate_record", other_row=seen[key])
            else:
                seen[key] = data.row
        if check.problems or resolved is None:
            problems.extend(check.problems)
            continue
        warnings.extend(check.warnings)
        parsed.append(_Parsed(data, resolved, where))
    return parsed, problems


def _label(kind: RecordKind, field_name: str) -> str:
    item = next((f for f in kind.fields if f.name == field_name), None)
    return item.spec.label_vi if item else field_name


def _key_condition(kind: RecordKind, values: dict[str, Any]) -> Any:
    parts = []
    for column in kind.key:
        value = values.get(column)
        col = kind.table.c[column]
        parts.append(col.is_(None) if value is None else col == value)
    return and_(*parts)


def _upsert(connection: Connection, kind: RecordKind, resolved: Resolved) -> tuple[int, str]:
    """Insert or update by key; returns (id, "added" | "changed" | "unchanged")."""
    table = kind.table
    existing = connection.execute(
        select(table).where(_key_condition(kind, resolved.values))
    ).first()
    if existing is None:
        record_id = inserted_id(connection.execute(insert(table).values(resolved.values)))
        if kind.write_extras is not None:
            kind.write_extras(connection, record_id, resolved.extras)
        return record_id, "added"
    record_id = existing.id
    changed = any(getattr(existing, k) != v for k, v in resolved.values.items())
    if changed:
        connection.execute(update(table).where(table.c.id == record_id).values(resolved.values))
    if kind.write_extras is not None and kind.write_extras(connection, record_id, resolved.extras):
        changed = True
    return record_id, "changed" if changed else "unchanged"


def _failed(file_name: str, problems: list[Problem]) -> BinhdangError:
    return BinhdangError.of(
        "import.failed",
        problems=problems,
        file=file_name,
        count=len({(p.file, p.row) for p in problems}),
    )


def import_records(
    connection: Connection,
    kind: RecordKind,
    path: Path,
    *,
    sheet: str | None = None,
    skip_invalid: bool = False,
    lang: Lang = "vi",
) -> ImportOutcome:
    """Import a file of ``kind`` records on ``connection``, the connection of a write
    transaction its caller owns (nothing written on any error: the caller rolls back)."""
    require_connection(connection, "import_records")
    mapped = map_columns(read_sheet(path, sheet), kind.columns)
    outcome = ImportOutcome(mapped.file_name, None, warnings=list(mapped.warnings))
    try:
        context = Context(connection, source_dir=path.parent)
        if any(item.name == "staff_code" for item in kind.fields):
            context.prefetch_persons(clean_text(row.cells.get("staff_code")) for row in mapped.rows)
        parsed, problems = _parse_rows(kind, mapped, context, outcome.warnings)
        if problems:
            if not skip_invalid:
                raise _failed(mapped.file_name, problems)
            outcome.rejected = problems
            outcome.rejected_file = write_rejected(path, mapped, kind.columns, problems, lang)
        written = []
        for item in parsed:
            record_id, what = _upsert(connection, kind, item.resolved)
            setattr(outcome, what, getattr(outcome, what) + 1)
            written.append((record_id, item.resolved, item.where))
        if kind.finish is not None:
            late = kind.finish(context, written)
            if late:
                raise _failed(mapped.file_name, late)
        connection.execute(
            insert(import_batch).values(
                kind=kind.name,
                as_of=None,
                source_name=mapped.file_name,
                sha256=mapped.sha256,
                imported_at=datetime.now(UTC),
                summary=json.dumps(outcome.summary()),
            )
        )
    except BaseException:
        if outcome.rejected_file is not None:
            outcome.rejected_file.unlink(missing_ok=True)
        raise
    return outcome


def parse_assignments(kind: RecordKind, assignments: Sequence[str]) -> dict[str, str]:
    """``["staff_code=QT0001", "Loại khóa học=Cao cấp lý luận chính trị"]`` → cells by field."""
    cells: dict[str, str] = {}
    for assignment in assignments:
        name, sep, value = assignment.partition("=")
        item = kind.field_for(name) if sep else None
        if item is None:
            raise BinhdangError.of(
                "committee.arg.assignment",
                value=assignment,
                fields=", ".join(f"{f.spec.label_en} ({f.spec.label_vi})" for f in kind.fields),
            )
        cells[item.name] = value
    return cells


def _check_one(
    kind: RecordKind, context: Context, cells: Mapping[str, Cell], warnings: list[Problem] | None
) -> Resolved:
    check = row_check(kind, dict(cells), _where_field(kind))
    resolved = kind.resolve(context, check)
    if check.problems or resolved is None:
        raise BinhdangError.of(
            "committee.record.invalid", problems=check.problems, count=len(check.problems)
        )
    if warnings is not None:
        warnings.extend(check.warnings)
    return resolved


def _where_field(kind: RecordKind) -> Callable[[str], Problem]:
    return lambda field_name: Problem(Message("val.required"), _label(kind, field_name))


def _finish_one(kind: RecordKind, context: Context, record_id: int, resolved: Resolved) -> None:
    """Links that may point at records of the same file (a plan's parent), checked last."""
    if kind.finish is None:
        return
    late = kind.finish(context, [(record_id, resolved, _where_field(kind))])
    if late:
        raise BinhdangError.of("committee.record.invalid", problems=late, count=len(late))


def add_record(
    connection: Connection,
    kind: RecordKind,
    cells: Mapping[str, Cell],
    *,
    warnings: list[Problem] | None = None,
) -> int:
    """Add one record from its cells (by field name); refuses one whose key is taken. What
    is kept but worth telling the user (an old document type) goes to ``warnings``."""
    context = Context(connection)
    resolved = _check_one(kind, context, cells, warnings)
    taken = connection.execute(
        select(kind.table.c.id).where(_key_condition(kind, resolved.values))
    ).scalar()
    if taken is not None:
        raise BinhdangError.of("committee.record.exists", id=taken, **kind.params)
    record_id = inserted_id(connection.execute(insert(kind.table).values(resolved.values)))
    if kind.write_extras is not None:
        kind.write_extras(connection, record_id, resolved.extras)
    _finish_one(kind, context, record_id, resolved)
    return int(record_id)


def get_record(connection: Connection, kind: RecordKind, record_id: int) -> dict[str, Any]:
    """One record as re-parseable cells by field name (plus ``id``)."""
    query = kind.listing().where(kind.table.c.id == record_id)
    row = connection.execute(query).mappings().first()
    if row is None:
        raise BinhdangError.of("committee.record.missing", id=record_id, **kind.params)
    return dict(row)


def edit_record(
    connection: Connection,
    kind: RecordKind,
    record_id: int,
    cells: Mapping[str, Cell],
    *,
    warnings: list[Problem] | None = None,
) -> None:
    """Change the given fields of one record; the whole record is checked again (warnings as
    for :func:`add_record`)."""
    current = get_record(connection, kind, record_id)
    merged = {item.name: current.get(item.name) for item in kind.fields}
    merged = {name: (value if value != OPEN_END else None) for name, value in merged.items()}
    merged.update(cells)
    context = Context(connection)
    resolved = _check_one(kind, context, merged, warnings)
    other = connection.execute(
        select(kind.table.c.id).where(
            _key_condition(kind, resolved.values), kind.table.c.id != record_id
        )
    ).scalar()
    if other is not None:
        raise BinhdangError.of("committee.record.exists", id=other, **kind.params)
    table = kind.table
    connection.execute(update(table).where(table.c.id == record_id).values(resolved.values))
    if kind.write_extras is not None:
        kind.write_extras(connection, record_id, resolved.extras)
    _finish_one(kind, context, record_id, resolved)


def delete_record(connection: Connection, kind: RecordKind, record_id: int) -> None:
    get_record(connection, kind, record_id)
    if kind.before_delete is not None:
        kind.before_delete(connection, record_id)
    connection.execute(delete(kind.table).where(kind.table.c.id == record_id))


def list_records(
    connection: Connection, kind: RecordKind, *, year: int | None = None
) -> list[dict[str, Any]]:
    """The records (as cells by field name, plus ``id``), optionally of one year only."""
    query = kind.listing()
    if year is not None:
        query = query.where(kind.year_of() == year)
    return [dict(row) for row in connection.execute(query.order_by(kind.table.c.id)).mappings()]


def page_records(
    connection: Connection,
    kind: RecordKind,
    *,
    year: int | None = None,
    query: str = "",
    sort: str = "id",
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[dict[str, Any]], int]:
    """One page of the records (as :func:`list_records`) and the count of all that match.

    ``query`` keeps the records where some text column contains it, ignoring diacritics and
    case (``bd_fold``, as the staff search: "nguyen" finds "Nguyễn"); ``sort`` is a column
    of the listing (``"-"`` before it for the reverse order), the id breaking ties; an
    unknown column sorts by id, so nothing unchecked reaches SQL."""
    listing = kind.listing()
    if year is not None:
        listing = listing.where(kind.year_of() == year)
    rows = listing.subquery()
    folded = fold(query) if query.strip() else ""
    if folded:
        texts = [func.bd_fold(c).contains(folded) for c in rows.c if isinstance(c.type, String)]
        listing = select(rows).where(or_(*texts) if texts else false())
    else:
        listing = select(rows)
    total = connection.execute(select(func.count()).select_from(listing.subquery())).scalar_one()
    name = sort.removeprefix("-")
    column = rows.c[name] if name in rows.c and name != "id" else None
    descending = sort.startswith("-")
    order = [rows.c.id.desc() if descending else rows.c.id]
    if column is not None:
        order.insert(0, column.desc().nulls_last() if descending else column.asc().nulls_last())
    found = connection.execute(listing.order_by(*order).limit(limit).offset(offset)).mappings()
    return [dict(row) for row in found], total


EXTRA_LABELS: dict[str, tuple[str, str]] = {
    "id": ("Mã số", "Id"),
    "full_name": ("Họ và tên", "Full name"),
    "sex": ("Giới tính", "Sex"),
    "attachments": ("Tệp minh chứng", "Evidence files"),
}
"""Labels of the listing columns that are not fields of the file."""


COMMON_LABELS_EN: dict[str, str] = {
    "staff_code": "Staff code", "unit_code": "Unit code", "decision_number": "Decision number",
    "decision_date": "Decision date", "start_on": "From", "end_on": "To", "status": "Status",
    "notes": "Notes", "full_name": "Full name", "sex": "Sex",
}  # fmt: skip
"""The English labels of fields meaning the same in every kind that has them; a kind's own
fields (and a common one meaning something else there) are labelled by its ``labels_en``."""


def column_label(kind: RecordKind, name: str, lang: Lang) -> str:
    """A column's label for people: the template's Vietnamese header, or its English label."""
    item = next((f for f in kind.fields if f.name == name), None)
    if item is not None:
        if lang != "en":
            return item.spec.label_vi
        return kind.labels_en.get(name) or COMMON_LABELS_EN.get(name, name)
    vi, en = EXTRA_LABELS.get(name, (name, name))
    return en if lang == "en" else vi


def display_cell(kind: RecordKind, name: str, value: Any, lang: Lang) -> str:
    """A stored value as people read it (catalogue labels, dd/mm/yyyy dates)."""
    if value is None:
        return ""
    if name == "sex" and value in ("F", "M"):
        return {"F": ("Nữ", "Female"), "M": ("Nam", "Male")}[value][lang == "en"]
    formatter = kind.display.get(name)
    if formatter is not None:
        return formatter(value, lang)
    if isinstance(value, date):
        return "" if value == OPEN_END else short_date(value, lang)
    return str(value)
