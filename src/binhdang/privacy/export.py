"""One person's data, all history, for a subject-access request (Law 91/2025/QH15 Art. 4).

Everything binhdang keeps that names the person: the person row; every employment and position
period with the names its unit had during the period; the rows of every other table that
refers to the person (maternity leaves, training, individual awards, succession plans,
emulation movements, and whatever table a later version adds: the tables are read from the
database's schema, not listed here), each foreign key shown by the code or name of the row it
points to; and the audit entries about them (when, what, which unit — not who looked, which
is another person's data). Nothing about anyone else: collective awards, other participants
and the actors of the log are left out.

The export is logged in the audit log (who, when, which person, which format — never the
data), in the same transaction that reads the data: the file and the entry stand or fall
together.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from sqlalchemy import Connection, Engine, MetaData, Table, select

from binhdang import exports
from binhdang.accounts import audit
from binhdang.accounts.tables import audit_log
from binhdang.errors import BinhdangError
from binhdang.messages import CATALOGUE, Lang, text
from binhdang.store.tables import OPEN_END, employment, person, position, unit, unit_version
from binhdang.store.writes import OnWait, writing

FORMATS = ("json", "xlsx")
FORMAT_NAME = "binhdang.subject_access/1"
# How a foreign key is shown: the first of these columns its table has.
LABEL_COLUMNS = ("code", "symbol", "name", "title")
# Read apart (with their unit names) or not about the person themselves.
SPECIAL_TABLES = frozenset({"person", "employment", "position", "audit_log"})


def _value(value: Any) -> Any:
    """JSON-ready: dates as ISO text, an open end as null."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return None if value == OPEN_END else value.isoformat()
    return value


def _unit_names(connection: Connection, unit_id: int, start: date, end: date) -> list[str]:
    """The names the unit had during [start, end), in order, each once."""
    query = (
        select(unit_version.c.name)
        .where(
            unit_version.c.unit_id == unit_id,
            unit_version.c.valid_from < end,
            unit_version.c.valid_to > start,
        )
        .order_by(unit_version.c.valid_from)
    )
    return list(dict.fromkeys(connection.execute(query).scalars()))


def _periods(connection: Connection, table: Any, person_id: int, fields: list[str]) -> list[dict]:
    query = (
        select(
            unit.c.code.label("unit"),
            table.c.unit_id,
            *(table.c[f] for f in fields),
            table.c.valid_from,
            table.c.valid_to,
        )
        .join(unit, unit.c.id == table.c.unit_id)
        .where(table.c.person_id == person_id)
        .order_by(table.c.valid_from, table.c.id)
    )
    found = []
    for row in connection.execute(query).mappings():
        names = _unit_names(connection, row["unit_id"], row["valid_from"], row["valid_to"])
        item = {key: _value(value) for key, value in row.items() if key != "unit_id"}
        found.append({**item, "unit_name": names[0] if names else None, "unit_names": names})
    return found


def _referring_tables(connection: Connection) -> list[tuple[Table, str]]:
    """(table, column) for every other table with a foreign key to ``person``."""
    reflected = MetaData()
    reflected.reflect(bind=connection)
    found = []
    for table in sorted(reflected.tables.values(), key=lambda t: t.name):
        if table.name in SPECIAL_TABLES:
            continue
        for key in table.foreign_keys:
            if key.column.table.name == "person":
                found.append((table, key.parent.name))
    return found


def _rows_of(connection: Connection, table: Table, column: str, person_id: int) -> list[dict]:
    """The table's rows about the person, without ids; a foreign key as its row's label."""
    shown: list[Any] = []
    joins = []
    for col in table.columns:
        if col.primary_key or col.name == column:
            continue
        target = next(iter(col.foreign_keys), None)
        label = None
        if target is not None:
            referred = target.column.table
            label = next((referred.c[n] for n in LABEL_COLUMNS if n in referred.c), None)
        if label is None:
            shown.append(col)
            continue
        assert target is not None  # a label is found through the foreign key
        alias = label.table.alias(f"r_{col.name}")
        joins.append((alias, alias.c[target.column.name] == col))
        shown.append(alias.c[label.name].label(col.name.removesuffix("_id")))
    query = select(*shown).select_from(table)
    for alias, condition in joins:
        query = query.outerjoin(alias, condition)
    query = query.where(table.c[column] == person_id).order_by(*table.primary_key.columns)
    return [
        {key: _value(value) for key, value in row.items()}
        for row in connection.execute(query).mappings()
    ]


def subject_data(connection: Connection, staff_code: str) -> dict[str, Any]:
    """Everything about the person with ``staff_code``; raises when there is none."""
    row = connection.execute(select(person).where(person.c.staff_code == staff_code)).first()
    if row is None:
        raise BinhdangError.of("privacy.export.unknown_person", code=staff_code)
    pid = row.id
    data: dict[str, Any] = {
        "format": FORMAT_NAME,
        "person": {
            "staff_code": row.staff_code,
            "full_name": row.full_name,
            "sex": row.sex,
            "birth_date": _value(row.birth_date),
            "ethnicity": row.ethnicity,
            "insurance_number": row.insurance_number,
            "citizen_id": row.citizen_id,
        },
        "employment": _periods(connection, employment, pid, ["category", "rank"]),
        "position": _periods(connection, position, pid, ["title", "level"]),
    }
    for table, column in _referring_tables(connection):
        data[table.name] = data.get(table.name, []) + _rows_of(connection, table, column, pid)
    data["audit_log"] = [
        {key: _value(value) for key, value in entry.items()}
        for entry in connection.execute(
            select(audit_log.c.at, audit_log.c.action, audit_log.c.unit_code.label("unit"))
            .where(audit_log.c.target == staff_code)
            .order_by(audit_log.c.id)
        ).mappings()
    ]
    return data


def sections(data: dict[str, Any]) -> list[str]:
    """The parts of the export that are lists of rows, in order."""
    return [key for key, value in data.items() if isinstance(value, list)]


def row_count(data: dict[str, Any]) -> int:
    return 1 + sum(len(data[name]) for name in sections(data))


def write_json(data: dict[str, Any], path: Path, lang: Lang) -> None:
    body = {**data, "note": text("privacy.export.note", lang)}
    path.write_text(json.dumps(body, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _cell(value: Any) -> Any:
    return ", ".join(value) if isinstance(value, list) else value


def write_xlsx(data: dict[str, Any], path: Path, lang: Lang) -> None:
    """One sheet per part; every cell through :mod:`binhdang.exports` (never a formula)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = text("privacy.export.sheet.person", lang)
    exports.append(sheet, [text("privacy.export.note", lang)])
    for key, value in data["person"].items():
        exports.append(sheet, [key, value])
    for name in sections(data):
        key = f"privacy.export.sheet.{name}"
        part = workbook.create_sheet((text(key, lang) if key in CATALOGUE else name)[:31])
        rows = data[name]
        if not rows:
            continue
        header = list(rows[0])
        exports.append(part, header)
        for row in rows:
            exports.append(part, [_cell(row[key]) for key in header])
    workbook.save(path)


def export_person(
    engine: Engine,
    staff_code: str,
    out: Path,
    *,
    fmt: str,
    actor_name: str,
    now: datetime,
    lang: Lang = "vi",
    on_wait: OnWait | None = None,
) -> int:
    """Write the person's data to ``out`` and log the export, in one transaction; returns the
    number of rows written. On any failure neither the file nor the entry remains."""
    writer = write_xlsx if fmt == "xlsx" else write_json
    written = False
    try:
        with writing(engine, on_wait=on_wait) as connection:
            data = subject_data(connection, staff_code)
            try:
                writer(data, out, lang)
            except OSError as exc:
                raise BinhdangError.of(
                    "file.write_failed", file=str(out), reason=exc.strerror or str(exc)
                ) from exc
            written = True
            # The unit the person worked in last: its admins see the entry (accounts.audit).
            last_unit = data["employment"][-1]["unit"] if data["employment"] else None
            audit.record(
                connection,
                actor=None,
                actor_name=actor_name,
                action="privacy.export",
                now=now,
                unit_code=last_unit,
                target=staff_code,
                address="cli",
                detail={"format": fmt, "rows": row_count(data)},
            )
    except BaseException:
        if written:
            out.unlink(missing_ok=True)
        raise
    return row_count(data)
