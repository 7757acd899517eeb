"""Two writers at once (issue 11): serialised by store/writes.py, and overlapping periods
refused by the database itself (store/periods.py, migration 0003). Both engines.

The scenario of the issue: two staff lists for the same date, started together, one moving P1
to A1, the other to B. The result must equal one import after the other: P1 has exactly one
open employment (in the unit of the list imported last) and the headcount equals the people.
Waits are made deterministic with events: a test holds the write lock itself, starts the
other writers, sees them wait, then lets go.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, insert, select, text, update
from sqlalchemy.exc import DBAPIError

from binhdang.errors import BinhdangError
from binhdang.store import database
from binhdang.store.errors import describe
from binhdang.store.tables import OPEN_END, employment, import_batch, person, unit, unit_version
from binhdang.store.writes import WRITE_LOCK_KEY, write_transaction
from tests.factories import SMALL_TREE, STAFF_HEADER, UNIT_HEADER, staff_row, write_table
from tests.helpers import snapshot
from tests.imports import import_staff, import_units

FIRST = date(2022, 10, 1)
SECOND = date(2023, 10, 1)
PEOPLE = ("P1", "P2", "P3")
WAIT_TIMEOUT = 60  # seconds a test waits for an event that must come


@pytest.fixture
def lists(engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """The small tree and its staff on 01/10/2022 (P1 in A); two lists for 01/10/2023 that
    move P1 to A1 and to B."""
    monkeypatch.setenv("BINHDANG_WRITE_NOTICE_SECONDS", "0.2")
    import_units(engine, write_table(tmp_path / "units.csv", UNIT_HEADER, SMALL_TREE))
    rows = [staff_row("P1", unit="A"), staff_row("P2", unit="B"), staff_row("P3", unit="ROOT")]
    import_staff(engine, write_table(tmp_path / "staff_2022.csv", STAFF_HEADER, rows), FIRST)
    files = {}
    for target in ("A1", "B"):
        moved = [staff_row("P1", unit=target), *rows[1:]]
        files[target] = write_table(tmp_path / f"staff_to_{target}.csv", STAFF_HEADER, moved)
    return files


def _open_units(engine: Engine, code: str) -> list[str]:
    with engine.connect() as connection:
        return list(
            connection.execute(
                select(unit.c.code)
                .join(employment, employment.c.unit_id == unit.c.id)
                .join(person, person.c.id == employment.c.person_id)
                .where(person.c.staff_code == code, employment.c.valid_to == OPEN_END)
            ).scalars()
        )


def _headcount(engine: Engine, on: date) -> tuple[int, int]:
    """(employments open on ``on``, persons)."""
    with engine.connect() as connection:
        jobs = connection.execute(
            select(func.count())
            .select_from(employment)
            .where(employment.c.valid_from <= on, employment.c.valid_to > on)
        ).scalar_one()
        people = connection.execute(select(func.count()).select_from(person)).scalar_one()
    return jobs, people


def _imported_last(engine: Engine) -> str:
    """The file of the last staff import committed (import_batch ids grow with commits)."""
    with engine.connect() as connection:
        return connection.execute(
            select(import_batch.c.source_name)
            .where(import_batch.c.kind == "staff")
            .order_by(import_batch.c.id.desc())
            .limit(1)
        ).scalar_one()


def _assert_serial_result(engine: Engine) -> None:
    """What importing the two lists one after the other gives, in the order they committed."""
    last = _imported_last(engine)
    target = "A1" if "A1" in last else "B"
    assert _open_units(engine, "P1") == [target]
    assert _headcount(engine, SECOND) == (len(PEOPLE), len(PEOPLE))
    with engine.connect() as connection:
        p1 = connection.execute(
            select(unit.c.code, employment.c.valid_from, employment.c.valid_to)
            .join(employment, employment.c.unit_id == unit.c.id)
            .join(person, person.c.id == employment.c.person_id)
            .where(person.c.staff_code == "P1")
            .order_by(employment.c.valid_from)
        ).all()
    assert [tuple(row) for row in p1] == [("A", FIRST, SECOND), (target, SECOND, OPEN_END)]


class Holder:
    """Holds the write lock in a thread of its own until told to let go."""

    def __init__(self, engine: Engine, work=None) -> None:  # type: ignore[no-untyped-def]
        self.held = threading.Event()
        self.release = threading.Event()
        self.error: BaseException | None = None

        def hold() -> None:
            try:
                with write_transaction(engine) as connection:
                    if work is not None:
                        work(connection)
                    self.held.set()
                    assert self.release.wait(WAIT_TIMEOUT)
            except BaseException as exc:
                self.error = exc
                self.held.set()

        self.thread = threading.Thread(target=hold)

    def __enter__(self) -> Holder:
        self.thread.start()
        assert self.held.wait(WAIT_TIMEOUT)
        assert self.error is None, self.error
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release.set()
        self.thread.join(WAIT_TIMEOUT)
        assert self.error is None, self.error


def test_a_second_import_waits_then_plans_against_the_first(
    engine: Engine, lists: dict[str, Path]
) -> None:
    waited = threading.Event()
    done = threading.Event()
    errors: list[BaseException] = []

    def second() -> None:
        try:
            import_staff(engine, lists["B"], SECOND, on_wait=waited.set)
        except BaseException as exc:
            errors.append(exc)
        done.set()

    with Holder(engine, lambda connection: import_staff(connection, lists["A1"], SECOND)):
        before = snapshot(engine)  # the holder's import is not committed yet
        thread = threading.Thread(target=second)
        thread.start()
        assert waited.wait(WAIT_TIMEOUT)  # told to wait, once, after the notice delay
        assert not done.is_set()
        assert snapshot(engine) == before  # nothing written by either yet
    thread.join(WAIT_TIMEOUT)
    assert not errors, errors
    assert _open_units(engine, "P1") == ["B"]  # the first moved P1 to A1, the second to B
    _assert_serial_result(engine)


def test_two_imports_started_together_in_threads(engine: Engine, lists: dict[str, Path]) -> None:
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def run(target: str) -> None:
        try:
            start.wait(WAIT_TIMEOUT)
            import_staff(engine, lists[target], SECOND)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(target,)) for target in ("A1", "B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT_TIMEOUT)
    assert not errors, errors
    _assert_serial_result(engine)


def test_a_wait_past_the_bound_fails_clearly_with_nothing_written(
    engine: Engine, lists: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BINHDANG_WRITE_WAIT_SECONDS", "0.5")
    before = snapshot(engine, with_log=True)
    told: list[bool] = []
    with Holder(engine), pytest.raises(BinhdangError) as raised:
        import_staff(engine, lists["B"], SECOND, on_wait=lambda: told.append(True))
    assert raised.value.message.key == "db.write_timeout"
    assert told == [True]
    assert "BINHDANG_WRITE_WAIT_SECONDS" in raised.value.message.render("en")
    assert snapshot(engine, with_log=True) == before
    import_staff(engine, lists["B"], SECOND)  # the lock is free again
    assert _open_units(engine, "P1") == ["B"]


def _cli(
    db_url: str, file: Path, err: Path, *extra: str, env: dict[str, str]
) -> subprocess.Popen[str]:
    with err.open("w", encoding="utf-8") as handle:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "binhdang",
                "import",
                "staff",
                str(file),
                "--as-of",
                "01/10/2023",
                "--db",
                db_url,
                *extra,
            ],
            stdout=subprocess.DEVNULL,
            stderr=handle,
            text=True,
            env=env,
        )


def _cli_env(**values: str) -> dict[str, str]:
    return {**os.environ, "BINHDANG_WRITE_NOTICE_SECONDS": "0.2", **values}


def test_two_cli_imports_in_separate_processes(
    engine: Engine, db_url: str, lists: dict[str, Path], tmp_path: Path
) -> None:
    errs = {target: tmp_path / f"err_{target}.txt" for target in ("A1", "B")}
    with Holder(engine):
        processes = {
            target: _cli(db_url, lists[target], errs[target], env=_cli_env())
            for target in ("A1", "B")
        }
        # both say they wait (the process could not go on without the holder's lock)
        _until(lambda: all("Đang chờ một lần nhập khác…" in _read(err) for err in errs.values()))
        assert all(process.poll() is None for process in processes.values())
    for target, process in processes.items():
        assert process.wait(WAIT_TIMEOUT) == 0, _read(errs[target])
        assert "Traceback" not in _read(errs[target])
    _assert_serial_result(engine)


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.exists() else ""


def test_cli_wait_message_and_timeout_in_english(
    engine: Engine, db_url: str, lists: dict[str, Path], tmp_path: Path
) -> None:
    before = snapshot(engine, with_log=True)
    with Holder(engine):
        process = _cli(
            db_url,
            lists["B"],
            tmp_path / "err.txt",
            "--lang",
            "en",
            env=_cli_env(BINHDANG_WRITE_WAIT_SECONDS="1"),
        )
        assert process.wait(WAIT_TIMEOUT) == 1
    err = _read(tmp_path / "err.txt")
    assert "Traceback" not in err
    assert "Waiting for another import…" in err
    assert "Waited 1 seconds and another action is still writing" in err
    assert snapshot(engine, with_log=True) == before


def _api_app(engine: Engine, db_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The web application on the test's database, and an editor's API token."""
    from binhdang.accounts.permissions import Role
    from binhdang.accounts.service import create_account, create_token
    from binhdang.accounts.tables import api_token
    from binhdang.web.app import create_app
    from tests.web.conftest import make_settings

    now = datetime.now(UTC)
    with write_transaction(engine) as connection:
        editor = create_account(
            connection, name="editor", role=Role.EDITOR, unit_code="ROOT", password=None, now=now
        )
        token = create_token(connection, editor.id, now=now)
        # used just now: the request does not write its "last used" time (on SQLite that
        # write would itself wait for the holder, up to SQLite's busy timeout)
        connection.execute(update(api_token).values(last_used_at=now))
    return create_app(make_settings(db_url, tmp_path)), token


def test_two_api_imports_at_once(
    engine: Engine, db_url: str, lists: dict[str, Path], tmp_path: Path
) -> None:
    app, token = _api_app(engine, db_url, tmp_path)
    tokens = {"editor": token}
    answers: dict[str, object] = {}

    def post(target: str) -> None:
        with TestClient(app) as client, lists[target].open("rb") as handle:
            answers[target] = client.post(
                "/api/v1/imports/staff?as_of=2023-10-01&commit=true",
                headers={"Authorization": f"Bearer {tokens['editor']}"},
                files={"file": (lists[target].name, handle)},
            )

    with Holder(engine):
        threads = [threading.Thread(target=post, args=(target,)) for target in ("A1", "B")]
        for thread in threads:
            thread.start()
        if engine.dialect.name == "postgresql":
            _until(lambda: _waiting_on_advisory_lock(engine) == 2)  # both queued
        else:
            time.sleep(1.0)
    for thread in threads:
        thread.join(WAIT_TIMEOUT)
    app.state.engine.dispose()
    for target in ("A1", "B"):
        response = answers[target]
        assert response.status_code == 200, response.text  # type: ignore[attr-defined]
        assert response.json()["committed"] is True  # type: ignore[attr-defined]
    _assert_serial_result(engine)


def test_an_api_import_waiting_past_the_bound_answers_503_with_nothing_written(
    engine: Engine,
    db_url: str,
    lists: dict[str, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("BINHDANG_WRITE_WAIT_SECONDS", "0.5")
    app, token = _api_app(engine, db_url, tmp_path)
    before = snapshot(engine, with_log=True)
    with Holder(engine), TestClient(app) as client, lists["B"].open("rb") as handle:
        response = client.post(
            "/api/v1/imports/staff?as_of=2023-10-01&commit=true&lang=en",
            headers={"Authorization": f"Bearer {token}"},
            files={"file": (lists["B"].name, handle)},
        )
    app.state.engine.dispose()
    assert response.status_code == 503
    body = response.json()
    assert body["committed"] is False
    assert "another action is still writing" in str(body["error"])
    assert snapshot(engine, with_log=True) == before


def _waiting_on_advisory_lock(engine: Engine) -> int:
    """How many connections wait for the write lock of this test's schema."""
    with engine.connect() as connection:
        return connection.execute(
            text(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
                "AND classid = :key AND objid = hashtext(current_schema())::oid"
            ),
            {"key": WRITE_LOCK_KEY},
        ).scalar_one()


def _until(condition, seconds: float = WAIT_TIMEOUT) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the condition never held"
        time.sleep(0.05)


# --- the database refuses overlapping periods ------------------------------------------------


@pytest.fixture
def stored(engine: Engine) -> Iterator[dict[str, int]]:
    """A unit with one version and a person with one employment [2020-01-01, 2022-01-01)."""
    with engine.begin() as connection:
        unit_id = connection.execute(
            insert(unit).values(code="U").returning(unit.c.id)
        ).scalar_one()
        connection.execute(
            insert(unit_version).values(
                unit_id=unit_id,
                name="Đơn vị",
                kind="Phòng",
                parent_id=None,
                valid_from=date(2020, 1, 1),
                valid_to=OPEN_END,
            )
        )
        # the person table as revision 0002 has it (later revisions add columns)
        person_id = connection.execute(
            text(
                "INSERT INTO person (staff_code, full_name, sex, birth_date)"
                " VALUES ('X1', 'Người X', 'F', '1980-01-01') RETURNING id"
            )
        ).scalar_one()
        connection.execute(insert(employment).values(_job(person_id, unit_id, 2020, 2022)))
    yield {"unit": unit_id, "person": person_id}


def _job(person_id: int, unit_id: int, start: int, end: int | None) -> dict[str, object]:
    return {
        "person_id": person_id,
        "unit_id": unit_id,
        "category": "vien_chuc",
        "valid_from": date(start, 1, 1),
        "valid_to": date(end, 1, 1) if end else OPEN_END,
        "sex": "F",
        "birth_date": date(1980, 1, 1),
    }


def _refused(engine: Engine, statement, key: str) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(engine)
    with pytest.raises(DBAPIError) as raised, engine.begin() as connection:
        connection.execute(statement)
    known = describe(raised.value, "test.db")
    assert known is not None and known.message.key == key
    assert "Nothing was written" in known.message.render("en")
    assert snapshot(engine) == before


@pytest.mark.parametrize(("start", "end"), [(2021, None), (2019, 2021), (2020, 2022), (2021, 2022)])
def test_an_overlapping_employment_is_refused(
    engine: Engine, stored: dict[str, int], start: int, end: int | None
) -> None:
    row = _job(stored["person"], stored["unit"], start, end)
    _refused(engine, insert(employment).values(row), "db.overlap.employment")


def test_an_update_making_periods_overlap_is_refused(
    engine: Engine, stored: dict[str, int]
) -> None:
    with engine.begin() as connection:
        connection.execute(
            insert(employment).values(_job(stored["person"], stored["unit"], 2022, None))
        )
    statement = (
        update(employment)
        .where(employment.c.valid_from == date(2020, 1, 1))
        .values(valid_to=date(2023, 1, 1))
    )
    _refused(engine, statement, "db.overlap.employment")


def test_adjacent_empty_and_other_people_periods_are_accepted(
    engine: Engine, stored: dict[str, int]
) -> None:
    with engine.begin() as connection:
        # starts the day the stored one ends (valid_to is exclusive)
        connection.execute(
            insert(employment).values(_job(stored["person"], stored["unit"], 2022, None))
        )
        # an empty period overlaps nothing
        connection.execute(
            insert(employment).values(_job(stored["person"], stored["unit"], 2021, 2021))
        )
        other = connection.execute(
            insert(person)
            .values(
                staff_code="X2",
                full_name="Người Y",
                sex="M",
                birth_date=date(1981, 1, 1),
            )
            .returning(person.c.id)
        ).scalar_one()
        connection.execute(insert(employment).values(_job(other, stored["unit"], 2020, None)))
        connection.execute(
            update(employment)
            .where(
                employment.c.person_id == stored["person"],
                employment.c.valid_from == date(2020, 1, 1),
            )
            .values(category="cong_chuc")
        )
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(employment)).scalar_one() == 4


class _Accepted(Exception):
    """Raised to roll back a write transaction whose writes were all accepted."""


@pytest.mark.parametrize(
    ("periods", "expected"),
    [
        ([(2021, None)], "db.overlap.employment"),  # over the stored [2020, 2022)
        ([(2019, 2021)], "db.overlap.employment"),
        ([(2022, 2024), (2023, None)], "db.overlap.employment"),  # two new rows
        ([(2023, None), (2022, 2024)], "db.overlap.employment"),
        ([(2022, None)], "accepted"),  # starts the day the stored one ends
        ([(2019, 2020), (2022, 2024), (2024, None)], "accepted"),  # end to end
        ([(2021, 2021), (2010, 2010), (2010, 2011)], "accepted"),  # empty periods
    ],
)
def test_rows_checked_once_are_refused_as_the_trigger_refuses_them(
    engine: Engine,
    stored: dict[str, int],
    periods: list[tuple[int, int | None]],
    expected: str,
) -> None:
    """The import's new employment rows are checked for overlaps once, after they are all
    written (store.periods.checked_once), not row by row: the same rows must be refused, with
    the same error, as when every insert is checked — on both engines — and the insert
    trigger (SQLite) must be there again afterwards, as it was, whether the block failed or
    not. Another person's row over the same dates is never a reason."""
    from binhdang.store.periods import checked_once

    def trigger() -> object:
        with engine.connect() as connection:
            if connection.dialect.name != "sqlite":
                return None
            return connection.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE name = 'employment_no_overlap_insert'"
            ).scalar()

    definition = trigger()
    assert definition is not None or engine.dialect.name != "sqlite"
    with engine.begin() as connection:
        other = connection.execute(
            insert(person)
            .values(staff_code="X2", full_name="Người Y", sex="M", birth_date=date(1981, 1, 1))
            .returning(person.c.id)
        ).scalar_one()
    rows = [_job(other, stored["unit"], 2019, None)]
    rows += [_job(stored["person"], stored["unit"], start, end) for start, end in periods]
    outcomes = []
    for once in (False, True):
        before = snapshot(engine)
        try:
            with write_transaction(engine) as connection:
                if once:
                    with checked_once(connection, "employment") as inserted:
                        for row in rows:
                            statement = insert(employment).values(row).returning(employment.c.id)
                            inserted.append(connection.execute(statement).scalar_one())
                else:
                    for row in rows:
                        connection.execute(insert(employment).values(row))
                raise _Accepted
        except _Accepted:
            outcomes.append("accepted")
        except DBAPIError as exc:
            known = describe(exc, "test.db")
            outcomes.append(known.message.key if known else repr(exc))
        assert snapshot(engine) == before
        assert trigger() == definition
    assert outcomes == [expected, expected]


def test_an_import_has_a_larger_page_cache_while_it_writes(engine: Engine) -> None:
    """SQLite: the page cache an import writes with (store.writes.bulk_page_cache) is the
    connection's own size again afterwards (the connection goes back to the pool)."""
    from binhdang.store.writes import BULK_CACHE_KIB, bulk_page_cache

    with write_transaction(engine) as connection:
        if connection.dialect.name != "sqlite":
            with bulk_page_cache(connection):
                pass
            return
        size = connection.exec_driver_sql("PRAGMA cache_size").scalar()
        with bulk_page_cache(connection):
            inside = connection.exec_driver_sql("PRAGMA cache_size").scalar()
        after = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    assert inside == -BULK_CACHE_KIB and after == size != inside


def test_an_overlapping_unit_version_is_refused(engine: Engine, stored: dict[str, int]) -> None:
    statement = insert(unit_version).values(
        unit_id=stored["unit"],
        name="Tên mới",
        kind="Phòng",
        parent_id=None,
        valid_from=date(2024, 1, 1),
        valid_to=OPEN_END,
    )
    _refused(engine, statement, "db.overlap.unit_version")
    with engine.begin() as connection:  # closing the old version first is the way
        connection.execute(
            update(unit_version)
            .where(unit_version.c.unit_id == stored["unit"])
            .values(valid_to=date(2024, 1, 1))
        )
        connection.execute(statement)


def test_the_upgrade_refuses_stored_overlaps_and_changes_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = database.create(url)
    database.upgrade(engine, "0002")
    with engine.begin() as connection:
        unit_id = connection.execute(
            insert(unit).values(code="U").returning(unit.c.id)
        ).scalar_one()
        # the person table as revision 0002 has it (later revisions add columns)
        person_id = connection.execute(
            text(
                "INSERT INTO person (staff_code, full_name, sex, birth_date)"
                " VALUES ('X1', 'Người X', 'F', '1980-01-01') RETURNING id"
            )
        ).scalar_one()
        connection.execute(insert(employment).values(_job(person_id, unit_id, 2020, None)))
        connection.execute(insert(employment).values(_job(person_id, unit_id, 2021, None)))
    before = database.current_revisions(engine)
    with pytest.raises(BinhdangError) as raised:
        database.upgrade(engine)
    assert raised.value.message.key == "db.overlaps_found"
    shown = raised.value.message.render("en")
    assert "employment" in shown and f"person_id: {person_id}" in shown and "Người X" not in shown
    assert database.current_revisions(engine) == before
    with engine.begin() as connection:  # fixed as the message says: the upgrade goes through
        connection.execute(
            update(employment)
            .where(employment.c.valid_from == date(2020, 1, 1))
            .values(valid_to=date(2021, 1, 1))
        )
    database.upgrade(engine)
    assert database.current_revisions(engine) == database.head_revisions()
    engine.dispose()


def test_a_preview_is_planned_under_the_lock_and_undone(
    engine: Engine, lists: dict[str, Path]
) -> None:
    before = snapshot(engine, with_log=True)
    with write_transaction(engine, commit=False) as connection:
        outcome = import_staff(connection, lists["B"], SECOND)
    assert outcome.summary()["changed"] == 1
    assert snapshot(engine, with_log=True) == before


def test_a_write_transaction_inside_another_is_a_bug_said_at_once(engine: Engine) -> None:
    # not a wait for itself until the bound
    with write_transaction(engine), pytest.raises(RuntimeError), write_transaction(engine):
        pass


def test_other_constraint_failures_stay_bugs(engine: Engine, stored: dict[str, int]) -> None:
    with pytest.raises(DBAPIError) as raised, engine.begin() as connection:
        connection.execute(insert(unit).values(code="U"))  # a duplicate code: a bug, not ours
    assert describe(raised.value, "test.db") is None
