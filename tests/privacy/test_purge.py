"""The purge: who is anonymised, that every figure for every past date is unchanged, and that
the names and codes of the purged persons are nowhere in the database afterwards."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import Connection, MetaData, String, func, insert, select, text, update
from sqlalchemy.exc import DBAPIError

from binhdang.accounts.tables import audit_log
from binhdang.indicators.service import indicators_for
from binhdang.privacy.purge import leavers, purge
from binhdang.privacy.tables import audit_redaction
from binhdang.store.tables import (
    BEGINNING,
    OPEN_END,
    employment,
    import_batch,
    person,
    position,
    unit_version,
)
from binhdang.units.tree import load_tree
from tests.helpers import run_cli
from tests.privacy.conftest import L1, L2, LISTS, Office

NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
BEFORE = date(2022, 1, 1)  # L1 left on 01/10/2020, L2 on 01/10/2021: both before


def everything(connection: Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the database (reflected), sorted."""
    reflected = MetaData()
    reflected.reflect(bind=connection)
    return {
        table.name: sorted(tuple(map(repr, row)) for row in connection.execute(select(table)))
        for table in reflected.sorted_tables
    }


def texts(connection: Connection) -> list[tuple[str, str, str]]:
    """(table, column, value) of every text value of every table of the database."""
    reflected = MetaData()
    reflected.reflect(bind=connection)
    found = []
    for table in reflected.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, String):
                for value in connection.execute(select(column)).scalars():
                    if value is not None:
                        found.append((table.name, column.name, value))
    return found


def traces(connection: Connection, needles: tuple[str, ...]) -> list[tuple[str, str, str]]:
    folded = [needle.casefold() for needle in needles]
    return [
        (t, c, v)
        for t, c, v in texts(connection)
        if any(needle in v.casefold() for needle in folded)
    ]


def past_dates(connection: Connection) -> list[date]:
    """Every date on which a figure may change (every distinct valid_from and valid_to of the
    history and of the unit tree) and every list's date."""
    found: set[date] = set()
    for table in (employment, position, unit_version):
        for column in (table.c.valid_from, table.c.valid_to):
            found.update(connection.execute(select(column).distinct()).scalars())
    found.update(connection.execute(select(import_batch.c.as_of).distinct()).scalars())
    return sorted(day for day in found if day is not None and day not in (OPEN_END, BEGINNING))


def all_indicators(connection: Connection) -> dict[tuple[date, str, bool], Any]:
    """The indicator set of every unit, with and without its subtree, on every past date."""
    found = {}
    for day in past_dates(connection):
        for node in load_tree(connection, day).nodes.values():
            for subtree in (True, False):
                found[day, node.code, subtree] = indicators_for(
                    connection, node.code, day, subtree=subtree
                )
    return found


def test_who_is_a_leaver(office: Office) -> None:
    with office.engine.connect() as connection:
        assert [p.staff_code for p in leavers(connection, date(2020, 10, 1))] == [L1[0]]
        assert [p.staff_code for p in leavers(connection, date(2020, 9, 30))] == []
        assert [p.staff_code for p in leavers(connection, BEFORE)] == [L1[0], L2[0]]
        assert [p.staff_code for p in leavers(connection, date(2099, 1, 1))] == [L1[0], L2[0]]


def test_a_post_still_open_keeps_the_person(office: Office) -> None:
    """Employment ended but a post left open (a data oddity): not a leaver."""
    with office.engine.begin() as connection:
        l2 = connection.execute(select(person.c.id).where(person.c.staff_code == L2[0])).scalar()
        connection.execute(
            insert(position).values(
                person_id=l2,
                unit_id=1,
                title="Tổ trưởng",
                level="head",
                valid_from=date(2020, 1, 1),
                valid_to=OPEN_END,
                sex="M",
                birth_date=date(1960, 12, 12),
            )
        )
        assert [p.staff_code for p in leavers(connection, BEFORE)] == [L1[0]]


def test_dry_run_changes_nothing(
    office: Office, capsys: pytest.CaptureFixture[str], db_url: str
) -> None:
    with office.engine.connect() as connection:
        before = everything(connection)
    result = run_cli(
        capsys, "privacy", "purge", "--before", "01/01/2022", "--dry-run", "--db", db_url
    )
    assert result.code == 0, result.err
    assert "2 người" in result.out and f"{L1[0]}, {L2[0]}" in result.out
    assert L1[1] not in result.out  # codes only, never names
    assert "--dry-run" in result.err
    with office.engine.connect() as connection:
        assert everything(connection) == before


def test_purge_keeps_every_figure_and_leaves_no_trace(office: Office) -> None:
    needles = (*L1, *L2)
    with office.engine.connect() as connection:
        figures = all_indicators(connection)
        # the names and codes are in many places before the purge (so the test can fail)
        where = {(table, column) for table, column, _ in traces(connection, needles)}
        assert {
            ("person", "full_name"),
            ("person", "staff_code"),
            ("audit_log", "target"),
            ("audit_log", "detail"),
            ("committee_award", "reason"),
            ("committee_succession", "notes"),
            ("maternity_leave", "note"),
            ("import_batch", "source_name"),
            ("sign_in_attempt", "name"),
        } <= where
        kept = {row.staff_code: row for row in connection.execute(select(person))}
    # 5 dates (4 lists, the renaming) × 4 units × with and without the subtree; L1 turns 40
    # on the 2019 list's date, so moving her birth date by a day would change a figure
    assert len(figures) == 5 * 4 * 2

    with office.engine.begin() as connection:
        result = purge(connection, BEFORE, actor_name="hoa", now=NOW)
    assert [p.staff_code for p in result.persons] == [L1[0], L2[0]]
    assert result.entries == 2  # L1's view, the search for L2's name

    with office.engine.connect() as connection:
        assert all_indicators(connection) == figures
        assert traces(connection, needles) == []
        rows = {row.id: row for row in connection.execute(select(person))}
        for code, _name in (L1, L2):
            row = rows[kept[code].id]
            assert row.staff_code == row.full_name == f"ANON-{row.id}"
            assert row.ethnicity is None
            assert (row.sex, row.birth_date) == (kept[code].sex, kept[code].birth_date)
        for code in ("S1", "S2", "S3", "S4", "S5"):  # the others are untouched
            assert rows[kept[code].id] == kept[code]
        # the redacted entries are named in audit_redaction; who/when/what are unchanged
        redacted = connection.execute(select(audit_redaction.c.audit_id)).scalars().all()
        entries = {e.id: e for e in connection.execute(select(audit_log))}
        assert len(redacted) == 2
        assert {entries[i].action for i in redacted} == {"person.view", "persons.list"}
        assert all(entries[i].actor == "hoa" and entries[i].address == "10.0.0.7" for i in redacted)
        logged = [e for e in entries.values() if e.action == "privacy.purge"]
        assert len(logged) == 1 and logged[0].actor == "hoa"
        detail = json.loads(logged[0].detail)
        assert detail["before"] == "2022-01-01" and detail["persons"] == 2
        assert detail["pseudonyms"] == [f"ANON-{kept[L1[0]].id}", f"ANON-{kept[L2[0]].id}"]

    with office.engine.begin() as connection:  # a second purge finds nobody
        assert purge(connection, BEFORE, actor_name="hoa", now=NOW).persons == []


def test_the_audit_log_stays_append_only(office: Office) -> None:
    """A purge may redact an entry only through audit_redaction, and only its target and
    detail; plain updates and deletes are still refused, and so are changes to redactions."""
    with office.engine.begin() as connection:
        purge(connection, BEFORE, actor_name="hoa", now=NOW)
    with office.engine.connect() as connection:
        redacted = connection.execute(select(func.min(audit_redaction.c.audit_id))).scalar()
        plain = connection.execute(
            select(func.min(audit_log.c.id)).where(
                audit_log.c.id.not_in(select(audit_redaction.c.audit_id))
            )
        ).scalar()
    for statement in (
        update(audit_log).where(audit_log.c.id == plain).values(target="x"),
        update(audit_log).where(audit_log.c.id == redacted).values(actor="someone else"),
        update(audit_log).where(audit_log.c.id == redacted).values(at=NOW),
        audit_log.delete().where(audit_log.c.id == redacted),
        update(audit_redaction).values(reason="x"),
        audit_redaction.delete(),
    ):
        with pytest.raises(DBAPIError), office.engine.begin() as connection:
            connection.execute(statement)


def test_purge_through_the_cli_is_one_logged_transaction(
    office: Office, capsys: pytest.CaptureFixture[str], db_url: str
) -> None:
    result = run_cli(
        capsys,
        "privacy",
        "purge",
        "--before",
        "2022-01-01",
        "--actor",
        "lan",
        "--db",
        db_url,
        "--lang",
        "en",
    )
    assert result.code == 0, result.err
    assert "Anonymised 2 persons" in result.out and "2 audit entries" in result.out
    with office.engine.connect() as connection:
        actors = (
            connection.execute(
                select(audit_log.c.actor).where(audit_log.c.action == "privacy.purge")
            )
            .scalars()
            .all()
        )
        assert actors == ["lan"]
        assert traces(connection, (*L1, *L2)) == []
    again = run_cli(capsys, "privacy", "purge", "--before", "2022-01-01", "--db", db_url)
    assert again.code == 0 and "Không có ai" in again.out


def test_a_failed_purge_changes_nothing(
    office: Office, capsys: pytest.CaptureFixture[str], db_url: str
) -> None:
    """A staff code equal to a pseudonym stops the purge before anything is written."""
    with office.engine.begin() as connection:
        l1 = connection.execute(select(person.c.id).where(person.c.staff_code == L1[0])).scalar()
        connection.execute(
            update(person).where(person.c.staff_code == "S4").values(staff_code=f"ANON-{l1}")
        )
    with office.engine.connect() as connection:
        before = everything(connection)
    result = run_cli(capsys, "privacy", "purge", "--before", "01/01/2022", "--db", db_url)
    assert result.code == 1 and f"ANON-{l1}" in result.err and "Traceback" not in result.err
    with office.engine.connect() as connection:
        assert everything(connection) == before


def test_cutoff_from_the_retention_setting(
    office: Office,
    capsys: pytest.CaptureFixture[str],
    db_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without --before: today minus BINHDANG_RETENTION_YEARS (L1 and L2 left in 2020–2021)."""
    # back to a day of 2019: nobody had left yet
    monkeypatch.setenv("BINHDANG_RETENTION_YEARS", str(date.today().year - 2019))
    kept = run_cli(capsys, "privacy", "purge", "--dry-run", "--db", db_url)
    assert kept.code == 0 and "Không có ai" in kept.out
    monkeypatch.setenv("BINHDANG_RETENTION_YEARS", "0")
    both = run_cli(capsys, "privacy", "purge", "--dry-run", "--db", db_url)
    assert both.code == 0 and f"{L1[0]}, {L2[0]}" in both.out
    monkeypatch.setenv("BINHDANG_RETENTION_YEARS", "mười")
    bad = run_cli(capsys, "privacy", "purge", "--dry-run", "--db", db_url)
    assert bad.code == 1 and "BINHDANG_RETENTION_YEARS" in bad.err


def test_a_date_after_today_is_refused(
    office: Office, capsys: pytest.CaptureFixture[str], db_url: str
) -> None:
    result = run_cli(
        capsys, "privacy", "purge", "--before", "01/01/2999", "--db", db_url, "--lang", "en"
    )
    assert result.code == 1 and "after today" in result.err
    with office.engine.connect() as connection:
        assert connection.execute(text("select count(*) from audit_redaction")).scalar() == 0


def test_the_lists_dates_are_among_the_past_dates(office: Office) -> None:
    with office.engine.connect() as connection:
        assert set(LISTS) <= set(past_dates(connection))
