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

from sqlalchemy import Connection, Row, func, select

from binhdang import settings
from binhdang.errors import BinhdangError, Problem
from binhdang.formatting import short_date
from binhdang.ingest.batches import Journal
from binhdang.ingest.changes import PersonChange
from binhdang.ingest.columns import MappedSheet
from binhdang.ingest.identity import (
    assign_codes,
    in_list_problems,
    match_people,
    parse_citizen_id,
    parse_insurance_number,
)
from binhdang.ingest.outcome import ImportOutcome
from binhdang.ingest.pay_cells import NO_PAY, PAY_FIELDS, Pay, check_pay, pay_change
from binhdang.ingest.rowcheck import RowCheck, stored_length
from binhdang.ingest.shapes import is_leadership
from binhdang.ingest.titles import NO_POST, load_titles
from binhdang.ingest.unit_names import UnitIndex
from binhdang.ingest.values import (
    ValueProblem,
    age_on,
    parse_category,
    parse_date,
    parse_level,
    parse_sex,
)
from binhdang.messages import Message
from binhdang.pay.grades import load_grades
from binhdang.store.copies import FACT_TABLES, copy_person_attributes, person_copy
from binhdang.store.periods import checked_once
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


def sensitive_data_enabled() -> bool:
    """Whether BINHDANG_SENSITIVE_DATA is on (read when an import starts, not at import time)."""
    value = settings.SENSITIVE_DATA.value().strip().lower()
    if value not in ("on", "off"):
        raise BinhdangError.of(
            "settings.bad_switch", setting=settings.SENSITIVE_DATA.env, value=value
        )
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
        Problem(
            Message(
                "import.sensitive_ignored",
                {
                    "column": sheet.headers[name],
                    "setting": settings.SENSITIVE_DATA.env,
                },
            ),
            sheet.file_name,
            sheet.header_row,
            sheet.headers[name],
            is_error=False,
        )
        for name in dropped
    ]
    headers = {k: v for k, v in sheet.headers.items() if k not in dropped}
    rows = [
        replace(row, cells={k: v for k, v in row.cells.items() if k not in dropped})
        for row in sheet.rows
    ]
    return replace(sheet, headers=headers, rows=rows, warnings=warnings)


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass(frozen=True)
class StaffRecord:
    row: int
    staff_code: str | None  # None: the list has no code for the person (ingest.identity)
    full_name: str
    sex: str
    birth_date: date
    unit_code: str
    category: str
    rank: str | None
    position: str | None
    level: str | None
    ethnicity: str | None
    insurance_number: str | None = None  # Mã số BHXH
    citizen_id: str | None = None  # số định danh cá nhân
    pay: Pay = NO_PAY  # grade, step, coefficients (binhdang.ingest.pay_cells)


def parse_staff(
    sheet: MappedSheet, as_of: date, tree: UnitTree
) -> tuple[list[StaffRecord], list[Problem]]:
    """Typed records for the valid rows, and every problem of the invalid ones.

    A unit cell holds a code or a name (:mod:`binhdang.ingest.unit_names`), or comes from the
    group heading above the row; a post's level comes from the "Cấp chức vụ" cell when it is
    filled, else from the title (:mod:`binhdang.ingest.titles`); a totals line in the list is
    checked against the rows read.
    """
    records: list[StaffRecord] = []
    problems: list[Problem] = list(sheet.row_problems)
    seen: dict[str, int] = {}
    units = UnitIndex.of(
        ((node.code, node.name) for node in tree.nodes.values()), short_date(as_of)
    )
    titles = load_titles()
    grades = load_grades()
    headings = _heading_units(sheet, units, tree, problems)
    women = 0
    for data in sheet.rows:
        check = RowCheck(sheet, data)
        code = check.text("staff_code", required=False, longest=stored_length(person.c.staff_code))
        insurance = check.value("insurance_number", parse_insurance_number, required=False)
        citizen = check.value("citizen_id", parse_citizen_id, required=False)
        name = check.text("full_name", longest=stored_length(person.c.full_name))
        sex = check.value("sex", parse_sex)
        birth = check.value("date_of_birth", parse_date)
        heading = sheet.heading_of.get(data.row)
        if heading is not None:
            unit_code = headings.get(heading[0])
            if unit_code is None:
                check.problems.append(
                    Problem(
                        Message("val.heading_unit", {"row": heading[0], "value": heading[1]}),
                        sheet.file_name,
                        data.row,
                        sheet.headers.get("unit_code"),
                    )
                )
        else:
            unit_code = check.value("unit_code", units.resolve)
        category = check.value("category", parse_category)
        rank = check.text("rank", required=False, longest=stored_length(employment.c.rank))
        title = check.text("position", required=False, longest=stored_length(position.c.title))
        level = check.value("position_level", parse_level, required=False)
        ethnicity = check.text(
            "ethnicity", required=False, longest=stored_length(person.c.ethnicity)
        )
        pay = check_pay(check, as_of, grades)
        if sex == "F":
            women += 1
        if code is not None:
            if code in seen:
                check.fail("staff_code", "val.duplicate_code", value=code, other_row=seen[code])
            else:
                seen[code] = data.row
        if birth is not None:
            age = age_on(birth, as_of)
            if not MIN_AGE <= age <= MAX_AGE:
                check.fail(
                    "date_of_birth",
                    "val.age",
                    value=short_date(birth),
                    age=age,
                    as_of=short_date(as_of),
                    low=MIN_AGE,
                    high=MAX_AGE,
                )
        if level is not None and title is None:
            check.fail("position", "val.level_without_position")
        if title is not None and level is None and check.is_empty("position_level"):
            found = titles.level_of(title)
            if found is None:
                check.fail(
                    "position", "val.unknown_title", value=title, setting=settings.TITLES.env
                )
            elif found == NO_POST:
                title = None  # a rank or a job written as a title: no management post
            else:
                level = found
        if not check.ok:
            problems.extend(check.problems)
            continue
        # check.ok: every required cell (name, sex, birth, unit, category) was read; the staff
        # code may be missing (binhdang.ingest.identity matches or assigns one)
        assert name is not None and sex is not None and birth is not None
        assert unit_code is not None and category is not None
        records.append(
            StaffRecord(
                data.row,
                code,
                name,
                sex,
                birth,
                unit_code,
                category,
                rank,
                title,
                level,
                ethnicity,
                insurance,
                citizen,
                pay,
            )
        )
    totals = sheet.totals
    if totals is not None and (
        (totals.people is not None and totals.people != len(sheet.rows))
        or (totals.women is not None and totals.women != women)
    ):
        problems.append(
            Problem(
                Message(
                    "val.totals_mismatch",
                    {
                        "listed_people": totals.people if totals.people is not None else "—",
                        "listed_women": totals.women if totals.women is not None else "—",
                        "read_people": len(sheet.rows),
                        "read_women": women,
                    },
                ),
                sheet.file_name,
                totals.row,
            )
        )
    identity_problems = in_list_problems(records, sheet.file_name, sheet.headers)
    if identity_problems:
        problems.extend(identity_problems)
        bad = {problem.row for problem in identity_problems}
        records = [record for record in records if record.row not in bad]
    return records, problems


def _heading_units(
    sheet: MappedSheet, units: UnitIndex, tree: UnitTree, problems: list[Problem]
) -> dict[int, str]:
    """The unit code of each group heading (by its row); a heading that names no unit is one
    problem at its row. A leadership heading ("BAN GIÁM ĐỐC") means the body issuing the list:
    the unit named by a title line above the header, else the lowest unit above every other
    unit of the list."""
    found: dict[int, str] = {}
    leadership: list[tuple[int, str]] = []
    for row, text in sorted(set(sheet.heading_of.values())):
        if is_leadership(text):
            leadership.append((row, text))
            continue
        try:
            found[row] = units.resolve(text)
        except ValueProblem as problem:
            problems.append(Problem(problem.message, sheet.file_name, row))
    if not leadership:
        return found
    body = next((c.code for line in sheet.title_lines if (c := _quiet_find(units, line))), None)
    if body is None and found:
        nodes = [tree.require(code) for code in set(found.values())]
        top = lowest_common_unit(tree, [node.id for node in nodes])
        if top is not None and top in {node.id for node in nodes}:
            parent = tree.nodes[top].parent_id
            top = parent if parent in tree.nodes else None
        body = tree.nodes[top].code if top is not None else None
    for row, text in leadership:
        if body is None:
            problems.append(
                Problem(Message("val.heading_leadership", {"value": text}), sheet.file_name, row)
            )
        else:
            found[row] = body
    return found


def _quiet_find(units: UnitIndex, text: str) -> Any:
    try:
        return units.find(text)
    except ValueProblem:
        return None


def lowest_common_unit(tree: UnitTree, unit_ids: Sequence[int]) -> int | None:
    """The lowest unit that has every one of ``unit_ids`` under it (or is it), or ``None``
    when they belong to separate trees."""
    paths = [[*reversed([a.id for a in tree.ancestors(i)]), i] for i in unit_ids]
    if not paths:
        return None
    common = paths[0]
    for path in paths[1:]:
        length = 0
        while length < min(len(common), len(path)) and common[length] == path[length]:
            length += 1
        common = common[:length]
    return common[-1] if common else None


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
    new_employment: list[dict[str, Any]]  # "person_id", or "_row" of a new person
    update_employment: list[dict[str, Any]]
    close_position: list[int]
    delete_position: list[int]
    reopen_position: list[int]
    new_position: list[dict[str, Any]]
    update_position: list[dict[str, Any]]
    changed_rows: list[int]
    new_person_rows: list[int]  # the list row of each new person, in order

    @classmethod
    def empty(cls) -> _Plan:
        return cls(*([] for _ in range(14)))


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


def _person_wanted(record: StaffRecord, existing: Any, has_ethnicity: bool) -> dict[str, Any]:
    """The stored person's attributes the list asks for. An identifier the list lacks keeps
    its stored value; a real staff code replaces one binhdang assigned."""
    wanted: dict[str, Any] = {
        "full_name": record.full_name,
        "sex": record.sex,
        "birth_date": record.birth_date,
        "staff_code": record.staff_code or existing.staff_code,
        "code_assigned": bool(existing.code_assigned)
        and record.staff_code in (None, existing.staff_code),
        "insurance_number": record.insurance_number or existing.insurance_number,
        "citizen_id": record.citizen_id or existing.citizen_id,
    }
    if has_ethnicity:
        wanted["ethnicity"] = record.ethnicity
    return wanted


def _current(rows: list[Any], as_of: date) -> Any:
    return next((row for row in rows if row.valid_to > as_of), None)


def _unit_code(tree: UnitTree, unit_id: int | None) -> str | None:
    node = tree.nodes.get(unit_id) if unit_id is not None else None
    return node.code if node is not None else None


def _post_kind(before: Any, level: str | None) -> str:
    """promoted: a post taken, or deputy to head; post_changed otherwise."""
    if level is not None and (before is None or (before.level == "deputy" and level == "head")):
        return "promoted"
    return "post_changed"


def reconcile_staff(
    connection: Connection,
    records: list[StaffRecord],
    as_of: date,
    tree: UnitTree,
    outcome: ImportOutcome,
    *,
    close_missing: bool,
    has_ethnicity: bool,
    scope: str | Sequence[str] | None = None,
    advance: Callable[[int], None] = lambda n: None,
    headers: dict[str, str] | None = None,
) -> None:
    """Write the history changes that make the stored state on ``as_of`` equal the list.

    ``scope``: the unit or units whose whole staff the list describes (see
    :func:`covered_units` for the default).
    Each row is linked to a stored person by :mod:`binhdang.ingest.identity`; every write goes
    through ``outcome.journal`` (so the batch can be undone) and every change of a person is
    listed in ``outcome.changes``.
    """
    latest = latest_list_date(connection, "staff")
    matching = match_people(connection, records, outcome.file_name, headers or {})
    if matching.problems:
        raise BinhdangError.of(
            "import.failed",
            problems=matching.problems,
            file=outcome.file_name,
            count=len(matching.problems),
        )
    stored = matching.stored
    person_ids = [row.id for row in stored.values()]
    jobs = _load_by_person(connection, employment, person_ids, as_of)
    posts = _load_by_person(connection, position, person_ids, as_of)
    in_file_codes = {record.staff_code for record in records if record.staff_code}
    codeless = [r for r in records if r.staff_code is None and r.row not in stored]
    codes = assign_codes(connection, len(codeless), in_file_codes)
    assigned = dict(zip((r.row for r in codeless), codes, strict=True))

    has_pay = any(name in (headers or {}) for name in PAY_FIELDS)
    _warn_unknown_grades(records, as_of, outcome)
    plan = _Plan.empty()
    for index, record in enumerate(records):
        if index % 1000 == 0:
            advance(min(1000, len(records) - index))
        unit_id = tree.require(record.unit_code).id
        existing = stored.get(record.row)
        changed = False
        person_id: int | None
        if existing is None:
            code = record.staff_code or assigned[record.row]
            plan.new_persons.append(
                {
                    "staff_code": code,
                    "full_name": record.full_name,
                    "sex": record.sex,
                    "birth_date": record.birth_date,
                    "ethnicity": record.ethnicity,
                    "insurance_number": record.insurance_number,
                    "citizen_id": record.citizen_id,
                    "code_assigned": record.staff_code is None,
                }
            )
            plan.new_person_rows.append(record.row)
            person_id = None
        else:
            code = record.staff_code or existing.staff_code
            person_id = existing.id
            wanted = _person_wanted(record, existing, has_ethnicity)
            if any(getattr(existing, key) != value for key, value in wanted.items()):
                plan.person_updates.append({"b_id": existing.id, **wanted})
                changed = True
        person_jobs = jobs.get(person_id, []) if person_id else []
        person_posts = posts.get(person_id, []) if person_id else []
        job_before, post_before = _current(person_jobs, as_of), _current(person_posts, as_of)
        job = {
            "unit_id": unit_id,
            "category": record.category,
            "rank": record.rank,
            **_pay_columns(record, job_before, has_pay),
        }
        job_changed, job_new = _plan_fact(
            person_jobs,
            job,
            as_of,
            plan.close_employment,
            plan.delete_employment,
            plan.reopen_employment,
            plan.update_employment,
        )
        copies = person_copy(record)  # the person's sex and birth date, as stored below
        owner = {"person_id": person_id} if person_id else {"_row": record.row}
        if job_new:
            plan.new_employment.append({**owner, **job, **copies})
        post = (
            {"unit_id": unit_id, "title": record.position, "level": record.level}
            if record.position
            else None
        )
        post_changed, post_new = _plan_fact(
            person_posts,
            post,
            as_of,
            plan.close_position,
            plan.delete_position,
            plan.reopen_position,
            plan.update_position,
        )
        if post_new and post is not None:
            plan.new_position.append({**owner, **post, **copies})
        had_job = any(row.valid_to > as_of for row in person_jobs)
        kind = None
        if existing is None or not had_job:
            outcome.added += 1
            plan.changed_rows.append(record.row)
            kind = "added"
        elif changed or job_changed or post_changed:
            outcome.changed += 1
            plan.changed_rows.append(record.row)
            if job_before is not None and job_before.unit_id != unit_id:
                kind = "moved"
            elif post_changed:
                kind = _post_kind(post_before, record.level)
            else:
                kind = pay_change(job_before, job, as_of) or "changed"
        else:
            outcome.unchanged += 1
        if kind is not None:
            outcome.changes.append(
                PersonChange(
                    kind,
                    code,
                    record.full_name,
                    record.unit_code,
                    from_unit=_unit_code(tree, job_before.unit_id) if job_before else None,
                    title=record.position,
                    from_title=post_before.title if post_before else None,
                    row=record.row,
                )
            )

    scopes = [scope] if isinstance(scope, str) else list(scope or ())
    missing = _missing_people(
        connection, tree, records, set(person_ids), as_of, scopes, close_missing
    )
    for row in missing:
        outcome.changes.append(
            PersonChange(
                "ended" if close_missing else "absent",
                row.staff_code,
                row.full_name,
                _unit_code(tree, row.unit_id) or "",
            )
        )
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
                    position.c.valid_from <= as_of,
                    position.c.valid_to > as_of,
                )
            ):
                target = (
                    plan.delete_position if post_row.valid_from == as_of else plan.close_position
                )
                target.append(post_row.id)
    else:
        for row in missing:
            outcome.warnings.append(
                Problem(
                    Message(
                        "import.missing_person",
                        {"code": row.staff_code, "name": row.full_name, "as_of": short_date(as_of)},
                    ),
                    outcome.file_name,
                    is_error=False,
                )
            )

    if latest is not None and as_of < latest and (plan.changed_rows or (close_missing and missing)):
        detail_rows = ", ".join(str(r) for r in plan.changed_rows[:10])
        detail = f"rows/dòng {detail_rows}" if detail_rows else f"{len(missing)} missing/vắng"
        raise BinhdangError.of(
            "val.earlier_list_conflict",
            as_of=short_date(as_of),
            latest=short_date(latest),
            detail=detail,
        )
    _apply(connection, plan, as_of, outcome.journal)


def _pay_columns(record: StaffRecord, job_before: Any, has_pay: bool) -> dict[str, Any]:
    """The pay of the new period: the list's, or, from a list without pay columns, the pay
    stored on the current period (a move to another unit keeps the person's grade)."""
    if has_pay:
        return record.pay.as_columns()
    if job_before is None:
        return NO_PAY.as_columns()
    return {name: getattr(job_before, name) for name in PAY_FIELDS}


def _warn_unknown_grades(records: list[StaffRecord], as_of: date, outcome: ImportOutcome) -> None:
    """One warning per grade code the grade table does not have on ``as_of`` (first row)."""
    table = load_grades()
    seen: set[str] = set()
    for record in records:
        code = record.pay.grade_code
        if code is None or code in seen or table.on(code, as_of) is not None:
            continue
        seen.add(code)
        outcome.warnings.append(
            Problem(
                Message("pay.unknown_grade", {"grade": code, "row": record.row}),
                outcome.file_name,
                record.row,
                is_error=False,
            )
        )


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


def covered_units(
    tree: UnitTree, records: list[StaffRecord], *, close_missing: bool = False
) -> list[int]:
    """The units whose whole staff a list describes, when they are not named: in each separate
    tree the list touches, the lowest unit that has every unit of the list in that tree under it
    (a province's list names its director at the root; a district office's list names only the
    office and its teams). A list spanning several trees needs ``--scope`` only to end absent
    staff (``close_missing``): which units it covers is then too important to guess."""
    by_root: dict[int, list[int]] = {}
    for code in sorted({record.unit_code for record in records}):
        node = tree.require(code)
        ancestors = tree.ancestors(node.id)
        by_root.setdefault(ancestors[-1].id if ancestors else node.id, []).append(node.id)
    if len(by_root) > 1 and close_missing:
        raise BinhdangError.of("import.scope_ambiguous")
    return [top for ids in by_root.values() if (top := lowest_common_unit(tree, ids)) is not None]


def _missing_people(
    connection: Connection,
    tree: UnitTree,
    records: list[StaffRecord],
    in_file: set[int],
    as_of: date,
    scope: Sequence[str],
    close_missing: bool = False,
) -> list[Any]:
    """Employment rows open on ``as_of`` in the units the list covers, of people not in it
    (``in_file``: the ids of the stored people the list names).

    The list covers every unit of ``scope`` and the units under them (by default
    :func:`covered_units`), so a district office's list never ends the staff of another office.
    """
    if not records and not scope:
        return []
    tops = (
        [tree.require(code).id for code in scope]
        if scope
        else covered_units(tree, records, close_missing=close_missing)
    )
    covered = sorted({unit_id for top in tops for unit_id in tree.subtree_ids(top)})
    missing: list[Row[Any]] = []
    for ids in chunks(covered):
        query = (
            select(
                employment.c.id,
                employment.c.person_id,
                employment.c.valid_from,
                employment.c.unit_id,
                person.c.staff_code,
                person.c.full_name,
            )
            .join(person, person.c.id == employment.c.person_id)
            .where(
                employment.c.unit_id.in_(ids),
                employment.c.valid_from <= as_of,
                employment.c.valid_to > as_of,
            )
        )
        missing.extend(row for row in connection.execute(query) if row.person_id not in in_file)
    return sorted(missing, key=lambda row: row.staff_code)


def _apply(connection: Connection, plan: _Plan, as_of: date, journal: Journal) -> None:
    new_ids = journal.insert(connection, person, plan.new_persons)
    ids_by_row = dict(zip(plan.new_person_rows, new_ids, strict=True))
    journal.update_many(connection, person, plan.person_updates)
    copied = plan.person_updates
    if copied:
        # The copies on the person's rows change with it (store.copies): record them first.
        for table in FACT_TABLES:
            for part in chunks([row["b_id"] for row in copied]):
                journal.record_before(connection, table, table.c.person_id.in_(part))
    copy_person_attributes(
        connection,
        [
            {"person_id": row["b_id"], "sex": row["sex"], "birth_date": row["birth_date"]}
            for row in copied
        ],
    )
    for table, closes, deletes, reopens, news, updates in (
        (
            employment,
            plan.close_employment,
            plan.delete_employment,
            plan.reopen_employment,
            plan.new_employment,
            plan.update_employment,
        ),
        (
            position,
            plan.close_position,
            plan.delete_position,
            plan.reopen_position,
            plan.new_position,
            plan.update_position,
        ),
    ):
        journal.update(connection, table, closes, {"valid_to": as_of})
        journal.delete(connection, table, deletes)
        journal.update(connection, table, reopens, {"valid_to": OPEN_END})
        journal.update_many(connection, table, updates)
        rows = [
            {
                **{k: v for k, v in row.items() if k != "_row"},
                "person_id": row.get("person_id") or ids_by_row[row["_row"]],
                "valid_from": as_of,
                "valid_to": OPEN_END,
            }
            for row in news
        ]
        # The overlap guard of employment checks the new rows once, at the end (store.periods)
        with checked_once(connection, table.name) as inserted:
            for part in chunks(rows, 5000):
                inserted.extend(journal.insert(connection, table, part))
