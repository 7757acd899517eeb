"""A submission built before the write lock and stored under it (issue 17, item 6): the lock
re-checks the state, and a version that moved in between is refused with nothing stored."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Engine, func, select

from binhdang.errors import BinhdangError
from binhdang.rounds.freeze import FIGURES
from binhdang.rounds.rules import NOTE_MAX, Decision
from binhdang.rounds.service import (
    close_round,
    open_round,
    parts_of,
    prepare_on,
    review,
    submit,
)
from binhdang.rounds.tables import submission, submission_part
from binhdang.store.writes import write_transaction

ON = date(2022, 10, 1)
NOW = datetime(2022, 12, 10, 3, 0, tzinfo=UTC)


def _open(engine: Engine) -> None:
    with write_transaction(engine) as connection:
        open_round(connection, body_code="BHXH_QT", year=2022, as_of=ON, now=NOW)


def _store(engine: Engine, code: str, **overrides: object) -> object:
    with write_transaction(engine) as connection:
        return submit(
            connection, unit_code=code, year=2022, installation="test", now=NOW, **overrides
        )  # type: ignore[arg-type]


def _counts(engine: Engine) -> tuple[int, int]:
    with engine.connect() as connection:
        return (
            connection.execute(select(func.count()).select_from(submission)).scalar_one(),
            connection.execute(select(func.count()).select_from(submission_part)).scalar_one(),
        )


def _key(call: object, *args: object, **kwargs: object) -> str:
    with pytest.raises(BinhdangError) as caught:
        call(*args, **kwargs)  # type: ignore[operator]
    return caught.value.message.key


def test_prepared_then_stored_is_what_was_prepared(demo_engine: Engine) -> None:
    engine = demo_engine
    _open(engine)
    prepared = prepare_on(engine, unit_code="QT_TCCB", year=2022, now=NOW, with_files=False)
    assert prepared.version == 1
    assert [p.name for p in prepared.parts] == [FIGURES]
    assert _counts(engine) == (0, 0)  # preparing writes nothing
    version = _store(engine, "QT_TCCB", prepared=prepared)
    assert version.version == 1  # type: ignore[attr-defined]
    with engine.connect() as connection:
        stored = parts_of(connection, version.id)  # type: ignore[attr-defined]
    assert stored == {p.name: p.content for p in prepared.parts}


def test_a_version_that_moved_meanwhile_is_refused(demo_engine: Engine) -> None:
    engine = demo_engine
    _open(engine)
    prepared = prepare_on(engine, unit_code="QT_TCCB", year=2022, now=NOW, with_files=False)
    _store(engine, "QT_TCCB", with_files=False)  # another submission got in first
    before = _counts(engine)
    assert _key(_store, engine, "QT_TCCB", prepared=prepared) == "rounds.already_submitted"
    # returned: the unit may submit again, but as version 2, not the version 1 prepared
    with write_transaction(engine) as connection:
        review(
            connection,
            unit_code="QT_TCCB",
            year=2022,
            decision=Decision.RETURN,
            comment="Thiếu số liệu",
            now=NOW,
        )
    before = _counts(engine)
    assert _key(_store, engine, "QT_TCCB", prepared=prepared) == "rounds.changed_meanwhile"
    assert _counts(engine) == before
    # a version prepared for another unit is not stored as this one's
    other = prepare_on(engine, unit_code="QT_THU", year=2022, now=NOW, with_files=False)
    assert _key(_store, engine, "QT_VP", prepared=other) == "rounds.changed_meanwhile"
    assert _counts(engine) == before
    again = prepare_on(engine, unit_code="QT_TCCB", year=2022, now=NOW, with_files=False)
    assert _store(engine, "QT_TCCB", prepared=again).version == 2  # type: ignore[attr-defined]


def test_closed_meanwhile_and_checks_before_building(demo_engine: Engine) -> None:
    engine = demo_engine
    _open(engine)
    assert (
        _key(prepare_on, engine, unit_code="QT_THU", year=2022, now=NOW, note="x" * (NOTE_MAX + 1))
        == "rounds.note_too_long"
    )
    prepared = prepare_on(engine, unit_code="QT_THU", year=2022, now=NOW, with_files=False)
    with write_transaction(engine) as connection:
        close_round(connection, body_code="BHXH_QT", year=2022, now=NOW)
    assert _key(_store, engine, "QT_THU", prepared=prepared) == "rounds.closed"
    assert _counts(engine) == (0, 0)
    assert _key(prepare_on, engine, unit_code="QT_THU", year=2022, now=NOW) == "rounds.closed"
