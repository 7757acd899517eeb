"""Rounds, submissions and reviews in the database. Every function takes the caller's
connection and never commits: the adapter that owns the action opens the write transaction
(``store.writes.write_transaction``) and commits, and the audit entry is written in it."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Select, and_, func, insert, select, update

from binhdang.accounts import audit
from binhdang.accounts.service import Account
from binhdang.errors import BinhdangError
from binhdang.reports.period import report_period
from binhdang.rounds.freeze import FORMAT, Part, canonical, digest, freeze
from binhdang.rounds.rules import (
    NOTE_MAX,
    Counts,
    Decision,
    State,
    check_review,
    check_submit,
    count,
    is_late,
    may_review,
    may_submit,
    members_of,
    parse_level,
    state_of,
)
from binhdang.rounds.tables import (
    reporting_round,
    round_member,
    round_notice,
    submission,
    submission_part,
    submission_review,
)
from binhdang.store.tables import unit
from binhdang.store.writes import data_version
from binhdang.units.tree import TreeCache, UnitTree, load_tree


@dataclass(frozen=True)
class Round:
    id: int
    unit_id: int
    unit_code: str
    year: int
    level: str
    period_start: date
    period_end: date
    as_of: date
    due: date | None
    opened_by: str
    opened_at: datetime
    closed_by: str | None
    closed_at: datetime | None

    @property
    def closed(self) -> bool:
        return self.closed_at is not None


@dataclass(frozen=True)
class Version:
    """One submitted version of a unit, with its review when it has one."""

    id: int
    version: int
    submitted_by: str
    submitted_at: datetime
    note: str | None
    installation: str
    origin: str
    manifest: dict[str, Any]
    manifest_sha256: str
    decision: str | None
    comment: str | None
    reviewed_by: str | None
    reviewed_at: datetime | None


@dataclass(frozen=True)
class UnitStatus:
    unit_id: int
    code: str
    name: str
    state: State
    late: bool
    latest: Version | None

    @property
    def submitted_at(self) -> datetime | None:
        return self.latest.submitted_at if self.latest else None

    @property
    def by(self) -> str | None:
        """Who acted last: the reviewer when reviewed, else who submitted."""
        if self.latest is None:
            return None
        return self.latest.reviewed_by or self.latest.submitted_by


@dataclass(frozen=True)
class RoundStatus:
    round: Round
    body_name: str
    units: tuple[UnitStatus, ...]

    @property
    def counts(self) -> Counts:
        return count(u.state for u in self.units)


def installation_name() -> str:
    """This installation's name in packages: BINHDANG_INSTALLATION, else the computer's name."""
    import socket

    from binhdang import settings

    return (settings.INSTALLATION.value() or socket.gethostname() or "binhdang").strip()[:200]


def _round(row: Any) -> Round:
    return Round(
        row.id,
        row.unit_id,
        row.code,
        row.year,
        row.level,
        row.period_start,
        row.period_end,
        row.as_of,
        row.due,
        row.opened_by,
        row.opened_at,
        row.closed_by,
        row.closed_at,
    )


def _select_rounds() -> Select[Any]:
    return select(reporting_round, unit.c.code).join(unit, unit.c.id == reporting_round.c.unit_id)


def _unit_id(connection: Connection, code: str) -> int:
    found = connection.execute(select(unit.c.id).where(unit.c.code == code)).scalar()
    if found is None:
        raise BinhdangError.of("rounds.unknown_unit", code=code)
    return int(found)


def _actor(actor: Account | None, actor_name: str) -> str:
    return (actor.name if actor else actor_name)[:100] or "-"


def open_round(
    connection: Connection,
    *,
    body_code: str,
    year: int,
    level: str = "children",
    due: date | None = None,
    period_start: date | None = None,
    period_end: date | None = None,
    as_of: date | None = None,
    actor: Account | None = None,
    actor_name: str = "cli",
    now: datetime,
    tree: UnitTree | None = None,
) -> Round:
    """Open the round of ``body_code`` for ``year``: the period of the yearly report (Decree
    09/2019/NĐ-CP, Art. 12, unless ``period_start``/``period_end``), figures as of ``as_of``
    (default: the period's last day), the units at ``level`` under the body as members."""
    level = parse_level(level)
    # The round is opened before its report is written: the issue date is not known yet, so
    # the period is checked against the year's end (never "issued before the period").
    period = report_period(year, max(now.date(), date(year, 12, 31)), period_start, period_end)
    headcount = as_of or period.last
    tree = tree or load_tree(connection, headcount)
    body = tree.require(body_code)
    if actor is not None and not may_review(actor.grant, tree, body.id):
        raise BinhdangError.of("rounds.not_allowed_open", unit=body.code)
    members = members_of(tree, body, level)
    if not members:
        raise BinhdangError.of("rounds.no_members", unit=body.code, level=level)
    exists = connection.execute(
        select(reporting_round.c.id).where(
            reporting_round.c.unit_id == body.id, reporting_round.c.year == year
        )
    ).scalar()
    if exists is not None:
        raise BinhdangError.of("rounds.exists", unit=body.code, year=year)
    who = _actor(actor, actor_name)
    round_id = connection.execute(
        insert(reporting_round).values(
            unit_id=body.id,
            year=year,
            level=level,
            period_start=period.start,
            period_end=period.last,
            as_of=headcount,
            due=due,
            opened_by=who,
            opened_at=now,
        )
    ).inserted_primary_key[0]  # type: ignore[index]
    connection.execute(
        insert(round_member), [{"round_id": round_id, "unit_id": m.id} for m in members]
    )
    audit.record(
        connection,
        actor=actor,
        actor_name=actor_name,
        action="round.open",
        now=now,
        unit_code=body.code,
        target=f"{body.code}/{year}",
        detail={"level": level, "members": len(members), "due": due.isoformat() if due else None},
    )
    return get_round(connection, body.code, year)


def get_round(connection: Connection, body_code: str, year: int) -> Round:
    row = connection.execute(
        _select_rounds().where(unit.c.code == body_code, reporting_round.c.year == year)
    ).first()
    if row is None:
        raise BinhdangError.of("rounds.no_round", unit=body_code, year=year)
    return _round(row)


def rounds_opened_by(connection: Connection, body_code: str) -> list[Round]:
    """The rounds ``body_code`` opened, newest year first."""
    rows = connection.execute(
        _select_rounds().where(unit.c.code == body_code).order_by(reporting_round.c.year.desc())
    ).all()
    return [_round(row) for row in rows]


def member_rounds(connection: Connection, unit_ids: Sequence[int]) -> list[tuple[Round, str]]:
    """The rounds in which one of ``unit_ids`` reports, with that unit's code, newest first."""
    member_unit = unit.alias("member_unit")
    rows = connection.execute(
        select(reporting_round, unit.c.code, member_unit.c.code.label("member_code"))
        .join(unit, unit.c.id == reporting_round.c.unit_id)
        .join(round_member, round_member.c.round_id == reporting_round.c.id)
        .join(member_unit, member_unit.c.id == round_member.c.unit_id)
        .where(round_member.c.unit_id.in_(list(unit_ids)))
        .order_by(reporting_round.c.year.desc(), member_unit.c.code)
        .limit(200)
    ).all()
    return [(_round(row), row.member_code) for row in rows]


def close_round(
    connection: Connection,
    *,
    body_code: str,
    year: int,
    actor: Account | None = None,
    actor_name: str = "cli",
    now: datetime,
) -> Round:
    """Close the round: no submission or review after this."""
    found = get_round(connection, body_code, year)
    if found.closed:
        raise BinhdangError.of("rounds.already_closed", unit=body_code, year=year)
    if actor is not None:
        tree = load_tree(connection, found.as_of)
        if not may_review(actor.grant, tree, found.unit_id):
            raise BinhdangError.of("rounds.not_allowed_open", unit=body_code)
    who = _actor(actor, actor_name)
    connection.execute(
        update(reporting_round)
        .where(reporting_round.c.id == found.id)
        .values(closed_by=who, closed_at=now)
    )
    audit.record(
        connection,
        actor=actor,
        actor_name=actor_name,
        action="round.close",
        now=now,
        unit_code=body_code,
        target=f"{body_code}/{year}",
    )
    return get_round(connection, body_code, year)


def rounds_of_unit(connection: Connection, unit_code: str, year: int) -> list[Round]:
    """The rounds of ``year`` in which ``unit_code`` reports."""
    member_unit = _unit_id(connection, unit_code)
    rows = connection.execute(
        _select_rounds()
        .join(
            round_member,
            and_(
                round_member.c.round_id == reporting_round.c.id,
                round_member.c.unit_id == member_unit,
            ),
        )
        .where(reporting_round.c.year == year)
        .order_by(reporting_round.c.id)
    ).all()
    return [_round(row) for row in rows]


def round_of_unit(
    connection: Connection, unit_code: str, year: int, body_code: str | None = None
) -> Round:
    """The one round of ``year`` that ``unit_code`` reports in (``body_code`` chooses when the
    unit reports in several, e.g. to its province and to the national body)."""
    found = rounds_of_unit(connection, unit_code, year)
    if body_code is not None:
        found = [r for r in found if r.unit_code == body_code]
    if not found:
        raise BinhdangError.of("rounds.not_member", unit=unit_code, year=year)
    if len(found) > 1:
        raise BinhdangError.of(
            "rounds.several",
            unit=unit_code,
            year=year,
            bodies=", ".join(r.unit_code for r in found),
        )
    return found[0]


def _version(row: Any) -> Version:
    return Version(
        row.id,
        row.version,
        row.submitted_by,
        row.submitted_at,
        row.note,
        row.installation,
        row.origin,
        json.loads(row.manifest),
        row.manifest_sha256,
        row.decision,
        row.comment,
        row.reviewed_by,
        row.reviewed_at,
    )


def _select_versions() -> Select[Any]:
    return select(
        submission,
        submission_review.c.decision,
        submission_review.c.comment,
        submission_review.c.reviewed_by,
        submission_review.c.reviewed_at,
    ).outerjoin(submission_review, submission_review.c.submission_id == submission.c.id)


def versions(connection: Connection, round_id: int, unit_id: int) -> list[Version]:
    """Every version a unit submitted in a round, oldest first."""
    rows = connection.execute(
        _select_versions()
        .where(
            submission.c.round_id == round_id,
            submission.c.unit_id == unit_id,
        )
        .order_by(submission.c.version)
    ).all()
    return [_version(row) for row in rows]


def round_status(
    connection: Connection, found: Round, today: date, tree: UnitTree | None = None
) -> RoundStatus:
    """Every member with its state (from its latest version), lateness and who acted last.

    Set-based: one query for the latest versions, one for the members; names and the order
    come from ``tree`` (the tree on the round's headcount date; the web passes its cached
    one), and only members missing from it (a unit dissolved since) are looked up by id —
    a national round of ~10,000 units costs no per-unit query."""
    latest = (
        select(submission.c.unit_id, func.max(submission.c.version).label("version"))
        .where(submission.c.round_id == found.id)
        .group_by(submission.c.unit_id)
        .subquery()
    )
    standing = {
        row.unit_id: _version(row)
        for row in connection.execute(
            _select_versions()
            .join(
                latest,
                and_(
                    latest.c.unit_id == submission.c.unit_id,
                    latest.c.version == submission.c.version,
                ),
            )
            .where(submission.c.round_id == found.id)
        )
    }
    tree = tree or load_tree(connection, found.as_of)
    body = tree.nodes.get(found.unit_id)
    member_ids = (
        connection.execute(
            select(round_member.c.unit_id).where(round_member.c.round_id == found.id)
        )
        .scalars()
        .all()
    )
    codes = {i: tree.nodes[i].code for i in member_ids if i in tree.nodes}
    missing = [i for i in member_ids if i not in codes]
    if missing:
        codes.update(
            {
                row.id: row.code
                for row in connection.execute(
                    select(unit.c.id, unit.c.code).where(unit.c.id.in_(missing))
                )
            }
        )
    order = {node.id: index for index, node in enumerate(tree.walk(found.unit_id))} if body else {}
    units = []
    for unit_id in sorted(member_ids, key=lambda i: (order.get(i, len(order)), codes[i])):
        node = tree.nodes.get(unit_id)
        version = standing.get(unit_id)
        state = state_of(version.decision if version else None, version is not None)
        waiting = state in (State.NOT_SUBMITTED, State.RETURNED)
        submitted_on = None if waiting or version is None else _local_day(version.submitted_at)
        units.append(
            UnitStatus(
                unit_id,
                codes[unit_id],
                node.name if node else codes[unit_id],
                state,
                is_late(found.due, submitted_on, today),
                version,
            )
        )
    return RoundStatus(found, body.name if body else found.unit_code, tuple(units))


def _local_day(moment: datetime) -> date:
    """The day in Vietnam of a stored instant (SQLite returns it without its zone, UTC): a due
    date is a Vietnamese day."""
    from datetime import UTC

    from binhdang.formatting import VIETNAM

    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(VIETNAM).date()


def member_status(connection: Connection, found: Round, unit_id: int) -> State:
    rows = versions(connection, found.id, unit_id)
    return state_of(rows[-1].decision if rows else None, bool(rows))


def _check_member(connection: Connection, found: Round, unit_id: int, code: str) -> None:
    member = connection.execute(
        select(round_member.c.unit_id).where(
            round_member.c.round_id == found.id, round_member.c.unit_id == unit_id
        )
    ).scalar()
    if member is None:
        raise BinhdangError.of("rounds.not_member", unit=code, year=found.year)


def manifest_of(
    found: Round,
    body_name: str,
    unit_code: str,
    unit_name: str,
    version: int,
    parts: Sequence[Part],
    *,
    installation: str,
    who: str,
    now: datetime,
    note: str | None,
) -> dict[str, Any]:
    """The manifest: identity of the unit, the body and the installation, and every part's
    SHA-256. Its own SHA-256 identifies the version."""
    return {
        "format": FORMAT,
        "installation": installation,
        "body": {"code": found.unit_code, "name": body_name},
        "unit": {"code": unit_code, "name": unit_name},
        "year": found.year,
        "version": version,
        "as_of": found.as_of.isoformat(),
        "period": {"start": found.period_start.isoformat(), "end": found.period_end.isoformat()},
        "submitted_at": now.isoformat(),
        "submitted_by": who,
        "note": note,
        "parts": [part.entry() for part in parts],
    }


def _store(
    connection: Connection,
    found: Round,
    unit_id: int,
    manifest: dict[str, Any],
    parts: Sequence[Part],
    *,
    origin: str,
    now: datetime,
) -> int:
    submission_id = connection.execute(
        insert(submission).values(
            round_id=found.id,
            unit_id=unit_id,
            version=manifest["version"],
            submitted_by=str(manifest["submitted_by"])[:100],
            submitted_at=now,
            note=manifest.get("note"),
            installation=str(manifest["installation"])[:200],
            origin=origin,
            manifest=canonical(manifest).decode("utf-8"),
            manifest_sha256=digest(canonical(manifest)),
        )
    ).inserted_primary_key[0]  # type: ignore[index]
    connection.execute(
        insert(submission_part),
        [
            {
                "submission_id": submission_id,
                "name": p.name,
                "sha256": p.sha256,
                "size": len(p.content),
                "content": p.content,
            }
            for p in parts
        ],
    )
    return int(submission_id)


@dataclass(frozen=True)
class Prepared:
    """A submission built before the write lock: the round and the version it was built for,
    and its frozen parts. :func:`submit` stores it only if the unit is still at that version
    in that round, open, and still allowed to submit (checked again under the lock)."""

    round_id: int
    unit_id: int
    version: int
    parts: tuple[Part, ...]


def prepare_submission(
    connection: Connection,
    *,
    unit_code: str,
    year: int,
    body_code: str | None = None,
    note: str | None = None,
    actor: Account | None = None,
    now: datetime,
    with_files: bool = True,
    background_charts: bool = True,
) -> Prepared:
    """Build what ``unit_code`` would submit, reading only (no write lock): the checks of
    :func:`submit` (refused early, the same messages), then the frozen parts — the figures,
    texts and report files, which take seconds and so are better built while other writers
    go on. ``connection`` should be one read transaction (a consistent snapshot: SQLite's
    deferred transaction, PostgreSQL's repeatable read) — :func:`prepare_on` opens one."""
    if note is not None and len(note) > NOTE_MAX:
        raise BinhdangError.of("rounds.note_too_long", limit=NOTE_MAX)
    found = round_of_unit(connection, unit_code, year, body_code)
    unit_id = _unit_id(connection, unit_code)
    if actor is not None and not may_submit(actor.grant, unit_id):
        raise BinhdangError.of("rounds.not_allowed_submit", unit=unit_code)
    previous = versions(connection, found.id, unit_id)
    state = state_of(previous[-1].decision if previous else None, bool(previous))
    check_submit(state, closed=found.closed, unit=unit_code)
    with TreeCache().reading(connection):  # the report's sections read the same trees
        tree = load_tree(connection, found.as_of)
        parts = freeze(
            connection,
            tree,
            unit_code,
            year,
            found.as_of,
            (found.period_start, found.period_end),
            now.date(),
            with_files=with_files,
            background_charts=background_charts,
        )
    return Prepared(found.id, unit_id, len(previous) + 1, tuple(parts))


@contextmanager
def _snapshot(engine: Engine) -> Iterator[Connection]:
    """A read transaction on ``engine`` (repeatable read on PostgreSQL, so that every figure
    is of the same moment)."""
    with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection = connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            yield connection


def prepare_on(engine: Engine, **arguments: Any) -> Prepared:
    """:func:`prepare_submission` in a read transaction of its own on ``engine``."""
    with _snapshot(engine) as connection:
        return prepare_submission(connection, **arguments)


class Batch:
    """Many submissions prepared one after the other in one process (``binhdang submit
    --all``, bench/rounds.py): each in a read transaction of its own, as :func:`prepare_on`
    (short, so that writers are never held up by the batch), with the same parts as one by
    one (tests/rounds/test_batch.py) for less work — the unit trees read once and kept while
    the data version stays the same (:class:`~binhdang.units.tree.TreeCache`), and the charts
    drawn in this process (matplotlib imported once, no child process for each report)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._trees = TreeCache()

    def prepare(self, **arguments: Any) -> Prepared:
        """:func:`prepare_submission` of one unit (the same arguments)."""
        with _snapshot(self.engine) as connection:
            version = data_version(connection) or None  # 0: no version row, keep nothing
            with self._trees.reading(connection, version):
                return prepare_submission(connection, background_charts=False, **arguments)


def submit(
    connection: Connection,
    *,
    unit_code: str,
    year: int,
    body_code: str | None = None,
    note: str | None = None,
    actor: Account | None = None,
    actor_name: str = "cli",
    installation: str,
    now: datetime,
    with_files: bool = True,
    prepared: Prepared | None = None,
) -> Version:
    """Freeze what ``unit_code`` reports in its round of ``year`` as a new version.

    With ``prepared`` (from :func:`prepare_submission`, built before the caller took the
    write lock) only the checks run again and the parts are stored: refused with
    ``rounds.changed_meanwhile`` when the round or the unit's version moved in between
    (another submission, a close), so that a version is never stored over a state it was
    not built for. Without it the parts are built here, inside the lock."""
    if note is not None and len(note) > NOTE_MAX:
        raise BinhdangError.of("rounds.note_too_long", limit=NOTE_MAX)
    found = round_of_unit(connection, unit_code, year, body_code)
    unit_id = _unit_id(connection, unit_code)
    tree = load_tree(connection, found.as_of)
    if actor is not None and not may_submit(actor.grant, unit_id):
        raise BinhdangError.of("rounds.not_allowed_submit", unit=unit_code)
    previous = versions(connection, found.id, unit_id)
    state = state_of(previous[-1].decision if previous else None, bool(previous))
    check_submit(state, closed=found.closed, unit=unit_code)
    if prepared is None:
        parts: Sequence[Part] = freeze(
            connection,
            tree,
            unit_code,
            year,
            found.as_of,
            (found.period_start, found.period_end),
            now.date(),
            with_files=with_files,
        )
    elif (prepared.round_id, prepared.unit_id, prepared.version) != (
        found.id,
        unit_id,
        len(previous) + 1,
    ):
        raise BinhdangError.of("rounds.changed_meanwhile", unit=unit_code, year=year)
    else:
        parts = prepared.parts
    node = tree.require(unit_code)
    body = tree.nodes.get(found.unit_id)
    who = _actor(actor, actor_name)
    manifest = manifest_of(
        found,
        body.name if body else found.unit_code,
        node.code,
        node.name,
        len(previous) + 1,
        parts,
        installation=installation,
        who=who,
        now=now,
        note=note,
    )
    _store(connection, found, unit_id, manifest, parts, origin="local", now=now)
    audit.record(
        connection,
        actor=actor,
        actor_name=actor_name,
        action="round.submit",
        now=now,
        unit_code=unit_code,
        target=f"{found.unit_code}/{year}",
        detail={"version": manifest["version"], "manifest_sha256": digest(canonical(manifest))},
    )
    return versions(connection, found.id, unit_id)[-1]


def review(
    connection: Connection,
    *,
    unit_code: str,
    year: int,
    decision: Decision,
    comment: str | None = None,
    body_code: str | None = None,
    actor: Account | None = None,
    actor_name: str = "cli",
    now: datetime,
) -> Version:
    """Accept or return the unit's waiting version; the unit gets a notice."""
    found = round_of_unit(connection, unit_code, year, body_code)
    unit_id = _unit_id(connection, unit_code)
    if actor is not None:
        tree = load_tree(connection, found.as_of)
        if not may_review(actor.grant, tree, found.unit_id):
            raise BinhdangError.of("rounds.not_allowed_review", unit=found.unit_code)
    previous = versions(connection, found.id, unit_id)
    state = state_of(previous[-1].decision if previous else None, bool(previous))
    cleaned = (comment or "").strip() or None
    check_review(state, decision, cleaned, closed=found.closed, unit=unit_code)
    latest = previous[-1]
    who = _actor(actor, actor_name)
    connection.execute(
        insert(submission_review).values(
            submission_id=latest.id,
            decision=decision.value,
            comment=cleaned,
            reviewed_by=who,
            reviewed_at=now,
        )
    )
    connection.execute(
        insert(round_notice).values(
            unit_id=unit_id, submission_id=latest.id, decision=decision.value, at=now
        )
    )
    audit.record(
        connection,
        actor=actor,
        actor_name=actor_name,
        action=f"round.{decision.value}",
        now=now,
        unit_code=unit_code,
        target=f"{found.unit_code}/{year}",
        detail={"version": latest.version},
    )
    return versions(connection, found.id, unit_id)[-1]


def parts_of(connection: Connection, submission_id: int) -> dict[str, bytes]:
    """A version's frozen parts by name, as stored."""
    rows = connection.execute(
        select(submission_part.c.name, submission_part.c.content)
        .where(submission_part.c.submission_id == submission_id)
        .order_by(submission_part.c.id)
    ).all()
    return {row.name: bytes(row.content) for row in rows}


def notices(connection: Connection, unit_ids: Sequence[int], limit: int = 20) -> list[Any]:
    """The latest reviews told to these units (the web's in-app notices)."""
    query = (
        select(
            round_notice.c.at,
            round_notice.c.decision,
            unit.c.code,
            submission.c.version,
            reporting_round.c.year,
            submission_review.c.comment,
        )
        .join(unit, unit.c.id == round_notice.c.unit_id)
        .join(submission, submission.c.id == round_notice.c.submission_id)
        .join(reporting_round, reporting_round.c.id == submission.c.round_id)
        .join(submission_review, submission_review.c.submission_id == submission.c.id)
        .where(round_notice.c.unit_id.in_(list(unit_ids)))
        .order_by(round_notice.c.id.desc())
        .limit(limit)
    )
    return list(connection.execute(query).all())
