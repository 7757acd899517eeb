"""Anonymising the persons whose employment ended before a date, keeping every figure.

A person is anonymised when every one of their employment and position periods ended before
the date (``valid_to <= before``: their last day of work was before it; nothing open). Then:

- their name and staff code become a stable pseudonym, ``ANON-<person id>`` (the id never
  changes and never names anyone); their ethnicity, social-insurance number and citizen ID
  are cleared;
- every free text of the database that names them (award reasons, notes, document titles,
  import summaries, the audit log's target and detail…) gets the pseudonym instead
  (:mod:`binhdang.privacy.redact`); an audit entry is redacted through a row of
  ``audit_redaction``, which the audit log's trigger requires (migration ``privacy_0001``);
- their sex, birth date and history (units, categories, ranks, posts and dates), and their
  training, awards, succession plans and maternity leaves stay as they are: the indicators
  count exactly those (by sex, age band, unit, post and date; the retirement rules use the
  birth date), so every figure for every past date is unchanged
  (tests/privacy/test_purge.py proves it on both engines). The birth date is kept rather than
  shifted because the age bands change on the birthday itself: any other date would move a
  person between bands on some day.

What is left (sex, birth date, unit history) is what the aggregates need; in a small unit it
may still point to someone, so the database stays protected as personal data.

The purge is one transaction (the caller's), logged in the audit log with the date, the count
and the pseudonyms — never a name or a code.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Connection,
    MetaData,
    String,
    Table,
    and_,
    bindparam,
    func,
    insert,
    select,
    union_all,
    update,
)

from binhdang.accounts import audit
from binhdang.errors import BinhdangError
from binhdang.ingest.batches import anonymise_journal
from binhdang.privacy.redact import Redactor
from binhdang.privacy.tables import audit_redaction
from binhdang.store.tables import employment, person, position

PSEUDONYM_PREFIX = "ANON-"
CHUNK = 900  # ids per IN (...) list: below SQLite's 999-variable limit of old builds
READ_BATCH = 5000  # rows read at a time while scanning a table's texts

# Not scanned for names: tables rewritten directly (person), tables whose text comes from
# catalogues and lists, never free text naming a person (the unit tree; employment and position
# hold category, rank, post and level — and are the largest tables by far), and the
# bookkeeping of migrations and of redactions.
SKIP_TABLES = frozenset(
    {
        "person",
        "employment",
        "position",
        "unit",
        "unit_version",
        "alembic_version",
        "audit_redaction",
    }
)
# Columns never changed: who acted in the audit log, when, what and from where (the trigger
# refuses it); the accounts, which are not staff records (an account named after a person who
# left is disabled with `binhdang user`, not renamed behind its owner's back); digests.
KEEP_COLUMNS = frozenset(
    {
        ("audit_log", "actor"),
        ("audit_log", "action"),
        ("audit_log", "unit_code"),
        ("audit_log", "address"),
        ("account", "name"),
        ("account", "password_hash"),
        ("account", "role"),
        ("api_token", "digest"),
        ("api_token", "prefix"),
        ("web_session", "digest"),
        ("import_batch", "sha256"),
        ("import_batch", "kind"),
        ("committee_attachment", "sha256"),
    }
)


def pseudonym(person_id: int) -> str:
    return f"{PSEUDONYM_PREFIX}{person_id}"


@dataclass(frozen=True)
class Leaver:
    """A person whose every employment and position period ended before the date."""

    person_id: int
    staff_code: str
    full_name: str
    last_day: date  # the day after the last day of work (the latest valid_to)
    identifiers: tuple[str, ...] = ()  # Mã số BHXH, số định danh (ingest.identity)

    @property
    def pseudonym(self) -> str:
        return pseudonym(self.person_id)


@dataclass
class PurgeResult:
    before: date
    persons: list[Leaver]
    dry_run: bool
    texts: int = 0  # rows of free text (outside the audit log) that named them
    entries: int = 0  # audit entries redacted
    pseudonyms: list[str] = field(default_factory=list)


def leavers(connection: Connection, before: date) -> list[Leaver]:
    """The persons not yet anonymised whose employment and posts all ended by ``before``."""
    periods = union_all(
        select(employment.c.person_id, employment.c.valid_to),
        select(position.c.person_id, position.c.valid_to),
    ).subquery()
    last = (
        select(periods.c.person_id, func.max(periods.c.valid_to).label("last_day"))
        .group_by(periods.c.person_id)
        .having(func.max(periods.c.valid_to) <= before)
        .subquery()
    )
    query = (
        select(
            person.c.id,
            person.c.staff_code,
            person.c.full_name,
            last.c.last_day,
            person.c.insurance_number,
            person.c.citizen_id,
        )
        .join(last, last.c.person_id == person.c.id)
        .order_by(person.c.id)
    )
    return [
        Leaver(
            row.id,
            row.staff_code,
            row.full_name,
            row.last_day,
            tuple(v for v in (row.insurance_number, row.citizen_id) if v),
        )
        for row in connection.execute(query)
        if row.staff_code != pseudonym(row.id)
    ]


def purge(
    connection: Connection,
    before: date,
    *,
    actor_name: str,
    now: datetime,
    dry_run: bool = False,
) -> PurgeResult:
    """Anonymise the leavers of ``before`` in the caller's transaction (nothing with
    ``dry_run``: the result only says who would be)."""
    found = leavers(connection, before)
    result = PurgeResult(before, found, dry_run, pseudonyms=[p.pseudonym for p in found])
    if dry_run:
        return result
    if found:
        _refuse_taken_pseudonyms(connection, found)
        connection.execute(
            update(person)
            .where(person.c.id == bindparam("b_id"))
            .values(
                staff_code=bindparam("b_code"),
                full_name=bindparam("b_code"),
                ethnicity=None,
                insurance_number=None,
                citizen_id=None,
            ),
            [{"b_id": p.person_id, "b_code": p.pseudonym} for p in found],
        )
        redactor = Redactor(
            pair
            for p in found
            for pair in (
                (p.full_name, p.pseudonym),
                (p.staff_code, p.pseudonym),
                *((number, p.pseudonym) for number in p.identifiers),
            )
        )
        result.texts, result.entries = _redact_texts(connection, redactor, now)
        # The undo journal's copies of the person rows may hold earlier names and numbers.
        result.texts += anonymise_journal(connection, {p.person_id: p.pseudonym for p in found})
    audit.record(
        connection,
        actor=None,
        actor_name=actor_name,
        action="privacy.purge",
        now=now,
        address="cli",
        detail={
            "before": before.isoformat(),
            "persons": len(found),
            "pseudonyms": result.pseudonyms,
            "texts": result.texts,
            "entries": result.entries,
        },
    )
    return result


def _refuse_taken_pseudonyms(connection: Connection, found: list[Leaver]) -> None:
    ids = {p.person_id for p in found}
    codes = [p.pseudonym for p in found]
    for start in range(0, len(codes), CHUNK):
        part = codes[start : start + CHUNK]
        for row in connection.execute(
            select(person.c.id, person.c.staff_code).where(person.c.staff_code.in_(part))
        ):
            if row.id not in ids:
                raise BinhdangError.of("privacy.purge.pseudonym_taken", code=row.staff_code)


def _text_tables(connection: Connection) -> Iterator[tuple[Table, list[str]]]:
    """Every table of the database (reflected: the real schema, whichever areas made it) with
    its text columns that may hold a name or a code."""
    reflected = MetaData()
    reflected.reflect(bind=connection)
    for table in reflected.sorted_tables:
        if table.name in SKIP_TABLES or not table.primary_key.columns:
            continue
        names = [
            column.name
            for column in table.columns
            if isinstance(column.type, String)
            and not column.primary_key
            and (table.name, column.name) not in KEEP_COLUMNS
        ]
        if names:
            yield table, names


def _redact_texts(connection: Connection, redactor: Redactor, now: datetime) -> tuple[int, int]:
    """Replace the names and codes in every text column; (rows changed, audit entries)."""
    texts = entries = 0
    for table, names in _text_tables(connection):
        keys = list(table.primary_key.columns)
        changes: list[dict[str, Any]] = []
        query = select(*keys, *(table.c[name] for name in names))
        result = connection.execute(query)
        while batch := result.fetchmany(READ_BATCH):
            for row in batch:
                changed = {}
                for name in names:
                    value = row._mapping[table.c[name]]
                    if isinstance(value, str) and (new := redactor.redact(value)) is not None:
                        changed[name] = new
                if changed:
                    changes.append(
                        {
                            **{f"k_{c.name}": row._mapping[c] for c in keys},
                            **{f"v_{n}": changed.get(n, row._mapping[table.c[n]]) for n in names},
                        }
                    )
        if not changes:
            continue
        if table.name == "audit_log":
            # The trigger lets an entry change only when a redaction row names it.
            connection.execute(
                insert(audit_redaction),
                [
                    {"audit_id": change["k_id"], "at": now, "reason": "privacy.purge"}
                    for change in changes
                ],
            )
            entries += len(changes)
        else:
            texts += len(changes)
        connection.execute(
            update(table)
            .where(and_(*(c == bindparam(f"k_{c.name}") for c in keys)))
            .values({name: bindparam(f"v_{name}") for name in names}),
            changes,
        )
    return texts, entries
