"""Unit lists (danh mục đơn vị): the tree, reconciled against the stored history.

Without a date, a list creates the units as having always existed (``BEGINNING``); a unit
already stored with another name or parent is then an error, because a change needs a date.
With ``as_of`` the list is reconciled like a staff list: new units open on that date, renamed
or moved units get a new version from it, and ``close_missing`` closes the absent ones.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import Connection, func, select

from binhdang.errors import BinhdangError, Problem
from binhdang.formatting import short_date
from binhdang.ingest.columns import MappedSheet
from binhdang.ingest.outcome import ImportOutcome
from binhdang.ingest.rowcheck import RowCheck, stored_length
from binhdang.ingest.staff import chunks, latest_list_date
from binhdang.ingest.unit_names import UnitIndex
from binhdang.ingest.values import ValueProblem
from binhdang.messages import Message
from binhdang.store.tables import BEGINNING, OPEN_END, employment, unit, unit_version
from binhdang.units.tree import UnitNode, UnitTree, load_tree


@dataclass(frozen=True)
class UnitRecord:
    row: int
    code: str
    name: str
    parent_code: str | None
    kind: str


def parse_units(sheet: MappedSheet) -> tuple[list[UnitRecord], list[Problem]]:
    records: list[UnitRecord] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for data in sheet.rows:
        check = RowCheck(sheet, data)
        code = check.text("unit_code", longest=stored_length(unit.c.code))
        name = check.text("unit_name", longest=stored_length(unit_version.c.name))
        parent = check.text("parent_code", required=False)
        kind = (
            check.text("unit_kind", required=False, longest=stored_length(unit_version.c.kind))
            or ""
        )
        if code is not None:
            if code in seen:
                check.fail("unit_code", "val.duplicate_code", value=code, other_row=seen[code])
            else:
                seen[code] = data.row
        if parent is not None and parent == code:
            check.fail("parent_code", "val.self_parent")
        if check.ok:
            records.append(UnitRecord(data.row, code, name, parent, kind))  # type: ignore[arg-type]
        else:
            problems.extend(check.problems)
    return records, problems


def resolve_parents(
    records: list[UnitRecord], stored: UnitTree, file_name: str, headers: dict[str, str]
) -> tuple[list[UnitRecord], list[Problem]]:
    """Parents given by name ("BHXH tỉnh Quảng Trị") as codes: a parent cell holds the code or
    the name of a unit of the list or of the stored tree on the list's date
    (:mod:`binhdang.ingest.unit_names`); a name that matches none, or several, is an error
    listing the closest names."""
    names = {node.code: node.name for node in stored.nodes.values()}
    names.update({record.code: record.name for record in records})
    dated = stored.as_of != BEGINNING
    index = UnitIndex.of(names.items(), short_date(stored.as_of) if dated else "")
    resolved: list[UnitRecord] = []
    problems: list[Problem] = []
    for record in records:
        parent = record.parent_code
        if parent is not None and parent not in names:
            try:
                record = replace(record, parent_code=index.resolve(parent))
            except ValueProblem as problem:
                problems.append(
                    Problem(problem.message, file_name, record.row, headers.get("parent_code"))
                )
                record = replace(record, parent_code=None)  # reported: not checked again
            if record.parent_code == record.code:
                problems.append(
                    Problem(
                        Message("val.self_parent", {}),
                        file_name,
                        record.row,
                        headers.get("parent_code"),
                    )
                )
                record = replace(record, parent_code=None)
        resolved.append(record)
    return resolved, problems


def check_tree(
    records: list[UnitRecord], stored: UnitTree, file_name: str, headers: dict[str, str]
) -> list[Problem]:
    """Unknown parents and cycles, in the tree the list would make on top of the stored one."""
    problems: list[Problem] = []
    parent_of: dict[str, str | None] = {}
    for node in stored.nodes.values():
        parent = stored.nodes.get(node.parent_id) if node.parent_id else None
        parent_of[node.code] = parent.code if parent else None
    for record in records:
        parent_of[record.code] = record.parent_code
    for record in records:
        if record.parent_code is not None and record.parent_code not in parent_of:
            problems.append(
                Problem(
                    Message("val.unknown_parent", {"value": record.parent_code}),
                    file_name,
                    record.row,
                    headers.get("parent_code"),
                )
            )
    reported: set[str] = set()
    for record in records:
        path = [record.code]
        current = parent_of.get(record.code)
        while current is not None and current in parent_of and current not in path:
            path.append(current)
            current = parent_of.get(current)
        if current is not None and current in path and record.code not in reported:
            cycle = [*path[path.index(current) :], current]
            reported.update(cycle)
            problems.append(
                Problem(
                    Message("val.cycle", {"value": record.code, "cycle": " → ".join(cycle)}),
                    file_name,
                    record.row,
                    headers.get("parent_code"),
                )
            )
    return problems


def reconcile_units(
    connection: Connection,
    records: list[UnitRecord],
    as_of: date | None,
    outcome: ImportOutcome,
    headers: dict[str, str],
    *,
    close_missing: bool,
) -> None:
    effective = as_of or BEGINNING
    tree = load_tree(connection, effective)
    records, problems = resolve_parents(records, tree, outcome.file_name, headers)
    problems += check_tree(records, tree, outcome.file_name, headers)
    if problems:
        raise BinhdangError.of(
            "import.failed", problems=problems, file=outcome.file_name, count=len(problems)
        )
    latest = latest_list_date(connection, "units")

    ids: dict[str, int] = dict(connection.execute(select(unit.c.code, unit.c.id)).tuples().all())
    new_codes = [record.code for record in records if record.code not in ids]
    journal = outcome.journal  # every write recorded, for undo (ingest.batches)
    for part in chunks(new_codes, 5000):
        journal.insert(connection, unit, [{"code": code} for code in part])
    if new_codes:
        ids = dict(connection.execute(select(unit.c.code, unit.c.id)).tuples().all())

    new_versions: list[dict[str, Any]] = []
    close_ids: list[int] = []
    changes: list[int] = []
    for record in records:
        unit_id = ids[record.code]
        wanted = {
            "name": record.name,
            "kind": record.kind,
            "parent_id": ids[record.parent_code] if record.parent_code else None,
        }
        node = tree.nodes.get(unit_id)
        if node is None:
            outcome.added += 1
            changes.append(record.row)
            new_versions.append({"unit_id": unit_id, **wanted})
            continue
        current = {"name": node.name, "kind": node.kind, "parent_id": node.parent_id}
        if current == wanted:
            outcome.unchanged += 1
            continue
        if as_of is None:
            field = next(key for key in wanted if wanted[key] != current[key])
            stored_value = current[field]
            if field == "parent_id":
                parent = tree.nodes.get(int(stored_value)) if stored_value else None
                stored_value = parent.code if parent else ""
            problems.append(
                Problem(
                    Message(
                        "val.unit_changed_without_date",
                        {
                            "value": record.code,
                            "field": headers.get(
                                {"name": "unit_name", "kind": "unit_kind"}.get(
                                    field, "parent_code"
                                ),
                                field,
                            ),
                            "stored": stored_value,
                        },
                    ),
                    outcome.file_name,
                    record.row,
                    headers.get("unit_code"),
                )
            )
            continue
        outcome.changed += 1
        changes.append(record.row)
        version = _version_at(connection, unit_id, effective)
        if version.valid_from == effective:
            journal.update(connection, unit_version, [version.id], wanted)
        else:
            close_ids.append(version.id)
            new_versions.append({"unit_id": unit_id, **wanted, "valid_to": version.valid_to})

    in_file = {record.code for record in records}
    tops = [r for r in records if r.parent_code is None or r.parent_code not in in_file]
    missing: list[UnitNode] = []
    for top in tops:
        node = tree.get(top.code)
        if node is not None:
            missing.extend(n for n in tree.walk(node.id) if n.code not in in_file)
    if missing and close_missing and as_of is not None:
        for node in missing:
            staff = connection.execute(
                select(func.count())
                .select_from(employment)
                .where(
                    employment.c.unit_id == node.id,
                    employment.c.valid_from <= as_of,
                    employment.c.valid_to > as_of,
                )
            ).scalar_one()
            if staff:
                problems.append(
                    Problem(
                        Message(
                            "val.unit_has_staff",
                            {"value": node.code, "as_of": short_date(as_of), "count": staff},
                        ),
                        outcome.file_name,
                    )
                )
            outcome.ended += 1
            close_ids.append(_version_at(connection, node.id, as_of).id)
            changes.append(0)
    else:
        for node in missing:
            outcome.warnings.append(
                Problem(
                    Message(
                        "import.missing_unit",
                        {"code": node.code, "name": node.name, "as_of": short_date(effective)},
                    ),
                    outcome.file_name,
                    is_error=False,
                )
            )
    if problems:
        raise BinhdangError.of(
            "import.failed", problems=problems, file=outcome.file_name, count=len(problems)
        )
    if latest is not None and as_of is not None and as_of < latest and changes:
        raise BinhdangError.of(
            "val.earlier_list_conflict",
            as_of=short_date(as_of),
            latest=short_date(latest),
            detail=", ".join(str(r) for r in changes[:10] if r),
        )
    journal.update(connection, unit_version, close_ids, {"valid_to": effective})
    # A version that would now be empty (opened and closed on the same date) goes away.
    journal.delete_where(
        connection, unit_version, unit_version.c.valid_from >= unit_version.c.valid_to
    )
    rows = [{"valid_to": OPEN_END, **row, "valid_from": effective} for row in new_versions]
    for rows_part in chunks(rows, 5000):
        journal.insert(connection, unit_version, list(rows_part))


def _version_at(connection: Connection, unit_id: int, on: date) -> Any:
    return connection.execute(
        select(unit_version).where(
            unit_version.c.unit_id == unit_id,
            unit_version.c.valid_from <= on,
            unit_version.c.valid_to > on,
        )
    ).one()
