"""Staff lists: one row per person as of a date, reconciled into effective-dated history.

Successive lists (say one per year) build the history: a new person starts on the list's
date; a change of unit, category, rank or post ends the old record on that date and starts a
new one; a person missing from the list is ended only with ``close_missing``. Importing the
same list twice changes nothing, and a list dated before the latest one already imported is
accepted only if it agrees with the stored history.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import Connection, bindparam, func, insert, select, update

from binhdang import settings
from binhdang.errors import BinhdangError, Problem
from binhdang.formatting import short_date
from binhdang.ingest.columns import MappedSheet
from binhdang.ingest.outcome import ImportOutcome
from binhdang.ingest.rowcheck import RowCheck, stored_length
from binhdang.ingest.values import (
    age_on,
    parse_category,
    parse_date,
    parse_level,
    parse_sex,
)
from binhdang.messages import Message, register_messages
from binhdang.store.copies import copy_person_attributes, person_copy
from binhdang.store.tables import OPEN_END, employment, import_batch, person, position
from binhdang.units.tree import UnitTree

# Labor Code 2019 Art. 3(1): a worker is at least 15; 80 is a plausibility bound for staff
# lists (anyone older is almost surely a typing error in the birth date).
MIN_AGE, MAX_AGE = 15, 80
CHUNK = 900  # ids per IN (...) list: below SQLite's 999-variable limit of old builds

T = TypeVar("T")

# Sensitive personal data a staff list may carry: ethnicity ("dữ liệu tiết lộ nguồn gốc chủng
# tộc, nguồn gốc dân tộc", Decree 356/2025/NĐ-CP Art. 4, under Law 91/2025/QH15). Stored only
# when the agency turns it on (BINHDANG_SENSITIVE_DATA=on); see binhdang.privacy.
SENSITIVE_FIELDS = ("ethnicity",)

register_messages({
    "import.sensitive_ignored": (
        "Cột «{column}» là dữ liệu cá nhân nhạy cảm (Luật 91/2025/QH15, Nghị định "
        "356/2025/NĐ-CP Điều 4) và không được nhập vì {setting}=off (mặc định); giá trị đã lưu "
        "(nếu có) giữ nguyên. Đặt {setting}=on nếu cơ quan cần và có căn cứ xử lý dữ liệu này.",
        "Column “{column}” is sensitive personal data (Law 91/2025/QH15, Decree 356/2025/NĐ-CP "
        "Art. 4) and was not imported because {setting}=off (the default); stored values (if "
        "any) are left as they are. Set {setting}=on if the agency needs this data and has a "
        "legal basis to process it.",
    ),
    "settings.bad_switch": (
        "{setting} phải là on hoặc off, không phải «{value}».",
        "{setting} must be on or off, not “{value}”.",
    ),
})  # fmt: skip


def sensitive_data_enabled() -> bool:
    """Whether BINHDANG_SENSITIVE_DATA is on (read when an import starts, not at import time)."""
    value = settings.SENSITIVE_DATA.value().strip().lower()
    if value not in ("on", "off"):
        raise BinhdangError.of("settings.bad_switch", setting=settings.SENSITIVE_DATA.env,
                               value=value)  # fmt: skip
    return value == "on"


def without_sensitive_columns(sheet: MappedSheet, enabled: bool | None = None) -> MappedSheet:
    """The sheet without its sensitive columns unless sensitive data is enabled (``enabled``,
    by default the setting): they are never read, so never stored nor written to a rejected-rows
    file, and a value already stored is left as it is. Each dropped column is a warning naming
    the setting."""
    if enabled is None:
        enabled = sensitive_data_enabled()
    dropped = [name for name in SENSITIVE_FIELDS if name in sheet.headers]
    if enabled or not dropped:
        return sheet
    warnings = list(sheet.warnings) + [
        Problem(Message("import.sensitive_ignored", {
            "column": sheet.headers[name], "setting": settings.SENSITIVE_DATA.env,
        }), sheet.file_name, sheet.header_row, sheet.headers[name], is_error=False)
        for name in dropped
    ]  # fmt: skip
    headers = {k: v for k, v in sheet.headers.items() if k not in dropped}
    rows = [replace(row, cells={k: v for k, v in row.cells.items() if k not in dropped})
            for row in sheet.rows]  # fmt: skip
    return replace(sheet, headers=headers, rows=rows, warnings=warnings)


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass(frozen=True)
class StaffRecord:
    row: int
    staff_code: str
    full_name: str
    sex: str
    birth_date: date
    unit_code: str
    category: str
    rank: str | None
    position: str | None
    level: str | None
    ethnicity: str | None


def parse_staff(
    sheet: MappedSheet, as_of: date, tree: UnitTree
) -> tuple[list[StaffRecord], list[Problem]]:
    """Typed records for the valid rows, and every problem of the invalid ones."""
    records: list[StaffRecord] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for data in sheet.rows:
        check = RowCheck(sheet, data)
        code = check.text("staff_code", longest=stored_length(person.c.staff_code))
        name = check.text("full_name", longest=stored_length(person.c.full_name))
        sex = check.value("sex", parse_sex)
        birth = check.value("date_of_birth", parse_date)
        unit_code = check.text("unit_code")
        category = check.value("category", parse_category)
        rank = check.text("rank", required=False, longest=stored_length(employment.c.rank))
        title = check.text("position", required=False, longest=stored_length(position.c.title))
        level = check.value("position_level", parse_level, required=False)
        ethnicity = check.text("ethnicity", required=False,
                               longest=stored_length(person.c.ethnicity))  # fmt: skip
        if code is not None:
            if code in seen:
                check.fail("staff_code", "val.duplicate_code", value=code, other_row=seen[code])
            else:
                seen[code] = data.row
        if birth is not None:
            age = age_on(birth, as_of)
            if not MIN_AGE <= age <= MAX_AGE:
                check.fail("date_of_birth", "val.age", value=short_date(birth), age=age,
                           as_of=short_date(as_of), low=MIN_AGE, high=MAX_AGE)  # fmt: skip
        if unit_code is not None and tree.get(unit_code) is None:
            check.fail("unit_code", "val.unknown_unit", value=unit_code, as_of=short_date(as_of))
        if level is not None and title is None:
            check.fail("position", "val.level_without_position")
        if title is not None and level is None and check.is_empty("position_level"):
            check.fail("position_level", "val.position_without_level", value=title)
        if not check.ok:
            problems.extend(check.problems)
            continue
        records.append(
            StaffRecord(data.row, code, name, sex, birth, unit_code, category, rank, title,
                        level, ethnicity)  # type: ignore[arg-type]
        )  # fmt: skip
    return records, problems


def latest_list_date(connection: Connection, kind: str) -> date | None:
    return connection.execute(
        select(func.max(import_batch.c.as_of)).where(import_batch.c.kind == kind)
    ).scalar()


@dataclass
class _Plan:
    """The writes one list needs, collected before anything is written."""

    new_persons: list[dict[str, Any]]
    person_updates: list[dict[str, Any]]
    close_employment: list[int]
    delete_employment: list[int]
    reopen_employment: list[int]
    new_employment: list[dict[str, Any]]  # person given by staff_code until ids are known
    update_employment: list[dict[str, Any]]
    close_position: list[int]
    delete_position: list[int]
    reopen_position: list[int]
    new_position: list[dict[str, Any]]
    update_position: list[dict[str, Any]]
    changed_rows: list[int]

    @classmethod
    def empty(cls) -> _Plan:
        return cls(*([] for _ in range(13)))


def _load_by_person(
    connection: Connection, table: Any, person_ids: list[int], as_of: date
) -> dict[int, list[Any]]:
    """Rows of ``table`` open on ``as_of`` or ending exactly on it, per person."""
    found: dict[int, list[Any]] = {}
    for ids in chunks(person_ids):
        query = select(table).where(
            table.c.person_id.in_(ids), table.c.valid_from <= as_of, table.c.valid_to >= as_of
        )
        for row in connection.execute(query):
            found.setdefault(row.person_id, []).append(row)
    return found


def reconcile_staff(
    connection: Connection,
    records: list[StaffRecord],
    as_of: date,
    tree: UnitTree,
    outcome: ImportOutcome,
    *,
    close_missing: bool,
    has_ethnicity: bool,
    scope: str | None = None,
    advance: Callable[[int], None] = lambda n: None,
) -> None:
    """Write the history changes that make the stored state on ``as_of`` equal the list."""
    latest = latest_list_date(connection, "staff")
    codes = [record.staff_code for record in records]
    stored: dict[str, Any] = {}
    for part in chunks(codes):
        for row in connection.execute(select(person).where(person.c.staff_code.in_(part))):
            stored[row.staff_code] = row
    person_ids = [row.id for row in stored.values()]
    jobs = _load_by_person(connection, employment, person_ids, as_of)
    posts = _load_by_person(connection, position, person_ids, as_of)

    plan = _Plan.empty()
    for index, record in enumerate(records):
        if index % 1000 == 0:
            advance(min(1000, len(records) - index))
        unit_id = tree.require(record.unit_code).id
        existing = stored.get(record.staff_code)
        changed = False
        if existing is None:
            plan.new_persons.append({
                "staff_code": record.staff_code, "full_name": record.full_name, "sex": record.sex,
                "birth_date": record.birth_date, "ethnicity": record.ethnicity,
            })  # fmt: skip
            person_id = None
        else:
            person_id = existing.id
            wanted = {
                "full_name": record.full_name,
                "sex": record.sex,
                "birth_date": record.birth_date,
            }
            if has_ethnicity:
                wanted["ethnicity"] = record.ethnicity
            if any(getattr(existing, key) != value for key, value in wanted.items()):
                plan.person_updates.append({"b_id": existing.id, **wanted})
                changed = True
        job = {"unit_id": unit_id, "category": record.category, "rank": record.rank}
        job_changed, job_new = _plan_fact(
            jobs.get(person_id, []) if person_id else [], job, as_of,
            plan.close_employment, plan.delete_employment, plan.reopen_employment,
            plan.update_employment,
        )  # fmt: skip
        copies = person_copy(record)  # the person's sex and birth date, as stored below
        if job_new:
            plan.new_employment.append({"staff_code": record.staff_code, **job, **copies})
        post = (
            {"unit_id": unit_id, "title": record.position, "level": record.level}
            if record.position else None
        )  # fmt: skip
        post_changed, post_new = _plan_fact(
            posts.get(person_id, []) if person_id else [], post, as_of,
            plan.close_position, plan.delete_position, plan.reopen_position,
            plan.update_position,
        )  # fmt: skip
        if post_new and post is not None:
            plan.new_position.append({"staff_code": record.staff_code, **post, **copies})
        had_job = (
            any(row.valid_to > as_of for row in jobs.get(person_id, [])) if person_id else False
        )
        if existing is None or not had_job:
            outcome.added += 1
            plan.changed_rows.append(record.row)
        elif changed or job_changed or post_changed:
            outcome.changed += 1
            plan.changed_rows.append(record.row)
        else:
            outcome.unchanged += 1

    missing = _missing_people(connection, tree, records, as_of, scope)
    if close_missing:
        for row in missing:
            outcome.ended += 1
            target = plan.delete_employment if row.valid_from == as_of else plan.close_employment
            target.append(row.id)
        missing_ids = [row.person_id for row in missing]
        for ids in chunks(missing_ids):
            for post_row in connection.execute(
                select(position.c.id, position.c.valid_from).where(
                    position.c.person_id.in_(ids),
                    position.c.valid_from <= as_of, position.c.valid_to > as_of,
                )
            ):  # fmt: skip
                target = (
                    plan.delete_position if post_row.valid_from == as_of else plan.close_position
                )
                target.append(post_row.id)
    else:
        for row in missing:
            outcome.warnings.append(Problem(
                Message("import.missing_person", {"code": row.staff_code, "name": row.full_name,
                                                  "as_of": short_date(as_of)}),
                outcome.file_name, is_error=False,
            ))  # fmt: skip

    if latest is not None and as_of < latest and (plan.changed_rows or (close_missing and missing)):
        detail_rows = ", ".join(str(r) for r in plan.changed_rows[:10])
        detail = f"rows/dòng {detail_rows}" if detail_rows else f"{len(missing)} missing/vắng"
        raise BinhdangError.of(
            "val.earlier_list_conflict",
            as_of=short_date(as_of),
            latest=short_date(latest),
            detail=detail,
        )
    _apply(connection, plan, as_of)


def _plan_fact(
    rows: list[Any],
    wanted: dict[str, Any] | None,
    as_of: date,
    close: list[int],
    delete: list[int],
    reopen: list[int],
    update_in_place: list[dict[str, Any]],
) -> tuple[bool, bool]:
    """Plan one effective-dated fact (a job or a post) for one person on ``as_of``.

    ``rows`` are the person's rows open on ``as_of`` or ending exactly on it. Returns
    (changed, insert a new row from ``as_of``).
    """
    keys = list(wanted) if wanted else []

    def same(row: Any) -> bool:
        return wanted is not None and all(getattr(row, key) == wanted[key] for key in keys)

    current = next((row for row in rows if row.valid_to > as_of), None)
    if current is not None:
        if same(current):
            return False, False
        if wanted is None:  # no post any more
            (delete if current.valid_from == as_of else close).append(current.id)
            return True, False
        if current.valid_from == as_of:  # a corrected list for the same date
            update_in_place.append({"b_id": current.id, **wanted})
            return True, False
        close.append(current.id)
        return True, True
    if wanted is None:
        return False, False
    ended_today = next((row for row in rows if row.valid_to == as_of and same(row)), None)
    if ended_today is not None:  # ended on this very date by an earlier import: undo that
        reopen.append(ended_today.id)
        return True, False
    return True, True


def covered_unit(tree: UnitTree, records: list[StaffRecord]) -> int:
    """The unit whose whole staff a list describes, when it is not named: the lowest unit
    that has every unit of the list under it (a province's list names its director at the
    root; a district office's list names only the office and its teams)."""
    paths = []
    for code in {record.unit_code for record in records}:
        node = tree.require(code)
        paths.append([*reversed([a.id for a in tree.ancestors(node.id)]), node.id])
    common = paths[0]
    for path in paths[1:]:
        length = 0
        while length < min(len(common), len(path)) and common[length] == path[length]:
            length += 1
        common = common[:length]
    if not common:  # units of several separate trees: each tree's root
        raise BinhdangError.of("import.scope_ambiguous")
    return common[-1]


def _missing_people(
    connection: Connection,
    tree: UnitTree,
    records: list[StaffRecord],
    as_of: date,
    scope: str | None,
) -> list[Any]:
    """Employment rows open on ``as_of`` in the units the list covers, of people not in it.

    The list covers ``scope`` and every unit under it (by default :func:`covered_unit`), so a
    district office's list never ends the staff of another office.
    """
    if not records and scope is None:
        return []
    top = tree.require(scope).id if scope else covered_unit(tree, records)
    covered = tree.subtree_ids(top)
    in_file = {record.staff_code for record in records}
    missing = []
    for ids in chunks(sorted(covered)):
        query = (
            select(employment.c.id, employment.c.person_id, employment.c.valid_from,
                   person.c.staff_code, person.c.full_name)
            .join(person, person.c.id == employment.c.person_id)
            .where(employment.c.unit_id.in_(ids), employment.c.valid_from <= as_of,
                   employment.c.valid_to > as_of)
        )  # fmt: skip
        missing.extend(row for row in connection.execute(query) if row.staff_code not in in_file)
    return sorted(missing, key=lambda row: row.staff_code)


def _apply(connection: Connection, plan: _Plan, as_of: date) -> None:
    if plan.new_persons:
        for part in chunks(plan.new_persons, 5000):
            connection.execute(insert(person), list(part))
    _update_many(connection, person, plan.person_updates)
    copy_person_attributes(connection, [
        {"person_id": row["b_id"], "sex": row["sex"], "birth_date": row["birth_date"]}
        for row in plan.person_updates
    ])  # fmt: skip
    needs_ids = [row["staff_code"] for row in plan.new_employment + plan.new_position]
    ids: dict[str, int] = {}
    for part in chunks(sorted(set(needs_ids))):
        query = select(person.c.staff_code, person.c.id).where(person.c.staff_code.in_(part))
        ids.update(connection.execute(query).tuples().all())
    for table, closes, deletes, reopens, news, updates in (
        (employment, plan.close_employment, plan.delete_employment, plan.reopen_employment,
         plan.new_employment, plan.update_employment),
        (position, plan.close_position, plan.delete_position, plan.reopen_position,
         plan.new_position, plan.update_position),
    ):  # fmt: skip
        for part in chunks(closes):
            connection.execute(update(table).where(table.c.id.in_(part)).values(valid_to=as_of))
        for part in chunks(deletes):
            connection.execute(table.delete().where(table.c.id.in_(part)))
        for part in chunks(reopens):
            connection.execute(update(table).where(table.c.id.in_(part)).values(valid_to=OPEN_END))
        _update_many(connection, table, updates)
        rows = [
            {**{k: v for k, v in row.items() if k != "staff_code"},
             "person_id": ids[row["staff_code"]], "valid_from": as_of, "valid_to": OPEN_END}
            for row in news
        ]  # fmt: skip
        for part in chunks(rows, 5000):
            connection.execute(insert(table), list(part))


def _update_many(connection: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    """``UPDATE table SET … WHERE id = :b_id`` for each row (all rows have the same keys)."""
    if not rows:
        return
    fields = [key for key in rows[0] if key != "b_id"]
    statement = (
        update(table)
        .where(table.c.id == bindparam("b_id"))
        .values({key: bindparam(f"v_{key}") for key in fields})
    )
    connection.execute(
        statement, [{"b_id": row["b_id"], **{f"v_{k}": row[k] for k in fields}} for row in rows]
    )
