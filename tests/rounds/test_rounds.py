"""Rounds, submissions and reviews on one database, on both engines (issue 17)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from binhdang.accounts import audit
from binhdang.accounts.permissions import Role
from binhdang.accounts.service import create_account
from binhdang.errors import BinhdangError
from binhdang.indicators.catalogue import PAY_CODES
from binhdang.indicators.output import to_data
from binhdang.indicators.results import IndicatorSet
from binhdang.indicators.service import indicators_for
from binhdang.rounds import output
from binhdang.rounds.consolidate import consolidate
from binhdang.rounds.freeze import digest
from binhdang.rounds.rules import Decision, State
from binhdang.rounds.service import (
    close_round,
    get_round,
    open_round,
    parts_of,
    review,
    round_status,
    submit,
    versions,
)
from binhdang.rounds.tables import submission
from binhdang.store.writes import write_transaction

ON = date(2022, 10, 1)
NOW = datetime(2022, 12, 10, 3, 0, tzinfo=UTC)
TODAY = date(2022, 12, 10)


def _open(engine: Engine, **overrides: object) -> None:
    with write_transaction(engine) as connection:
        open_round(
            connection,
            body_code="BHXH_QT",
            year=2022,
            as_of=ON,
            due=date(2022, 12, 20),
            now=NOW,
            **overrides,
        )  # type: ignore[arg-type]


def _submit(engine: Engine, code: str, **overrides: object) -> object:
    with write_transaction(engine) as connection:
        return submit(
            connection, unit_code=code, year=2022, installation="test", now=NOW, **overrides
        )  # type: ignore[arg-type]


def _review(engine: Engine, code: str, decision: Decision, comment: str | None = None) -> None:
    with write_transaction(engine) as connection:
        review(connection, unit_code=code, year=2022, decision=decision, comment=comment, now=NOW)


def _error(call: object, *args: object, **kwargs: object) -> str:
    with pytest.raises(BinhdangError) as caught:
        call(*args, **kwargs)  # type: ignore[operator]
    return caught.value.message.key


def test_round_from_open_to_close(demo_engine: Engine) -> None:
    engine = demo_engine
    _open(engine)
    assert _error(_open, engine) == "rounds.exists"
    # no review before a submission
    assert _error(_review, engine, "QT_TCCB", Decision.ACCEPT) == "rounds.review_not_submitted"
    first = _submit(engine, "QT_TCCB", note="Số liệu đến 01/10/2022")
    names = [part["name"] for part in first.manifest["parts"]]  # type: ignore[attr-defined]
    assert names[0] == "figures.json" and {n.rsplit(".", 1)[1] for n in names[1:]} == {
        "docx",
        "xlsx",
        "html",
    }
    with engine.connect() as connection:
        stored = parts_of(connection, first.id)  # type: ignore[attr-defined]
    # the manifest holds the SHA-256 of every part as stored
    assert {p["name"]: p["sha256"] for p in first.manifest["parts"]} == {  # type: ignore[attr-defined]
        name: digest(content) for name, content in stored.items()
    }
    figures = json.loads(stored["figures.json"])
    with engine.connect() as connection:
        live = to_data(indicators_for(connection, "QT_TCCB", ON), "vi")
    assert figures["indicators"] == live  # the full indicator set at the headcount date
    assert {"staff", "leadership"} <= {s["key"] for s in figures["sections"]}
    assert _error(_submit, engine, "QT_TCCB") == "rounds.already_submitted"
    assert _error(_review, engine, "QT_TCCB", Decision.RETURN) == "rounds.return_needs_comment"
    _review(engine, "QT_TCCB", Decision.RETURN, "Thiếu số liệu đào tạo")
    assert _error(_review, engine, "QT_TCCB", Decision.ACCEPT) == "rounds.review_returned"

    # the data change, the unit submits again: version 2; version 1 stays as it was sent
    with write_transaction(engine) as connection:
        connection.execute(
            text(
                "UPDATE employment SET sex = 'F' WHERE sex = 'M' AND unit_id = "
                "(SELECT id FROM unit WHERE code = 'QT_TCCB')"
            )
        )
    second = _submit(engine, "QT_TCCB", with_files=False)
    assert second.version == 2  # type: ignore[attr-defined]
    with engine.connect() as connection:
        all_versions = versions(
            connection,
            get_round(connection, "BHXH_QT", 2022).id,
            first.unit_id
            if hasattr(first, "unit_id")
            else connection.execute(
                text("SELECT id FROM unit WHERE code = 'QT_TCCB'")
            ).scalar_one(),
        )
        assert [v.version for v in all_versions] == [1, 2]
        assert all_versions[0].decision == "return"
        assert all_versions[0].comment == "Thiếu số liệu đào tạo"
        assert parts_of(connection, all_versions[0].id) == stored
        v2 = json.loads(parts_of(connection, all_versions[1].id)["figures.json"])
    assert v2["indicators"] != figures["indicators"]
    # frozen: the database itself refuses to change or delete a submission
    for statement in (submission.update().values(note="sửa"), submission.delete()):
        with pytest.raises(DBAPIError), write_transaction(engine) as connection:
            connection.execute(statement.where(submission.c.id == all_versions[0].id))
    _review(engine, "QT_TCCB", Decision.ACCEPT)
    assert _error(_submit, engine, "QT_TCCB") == "rounds.already_accepted"

    with engine.connect() as connection:
        status = round_status(connection, get_round(connection, "BHXH_QT", 2022), TODAY)
    data = output.to_data(status)
    assert set(data) >= {"unit", "year", "due", "units", "counts"}
    assert data["counts"] == {"not_submitted": 18, "submitted": 0, "returned": 0, "accepted": 1}
    row = next(u for u in data["units"] if u["code"] == "QT_TCCB")
    assert row == {
        "code": "QT_TCCB",
        "name": row["name"],
        "state": "accepted",
        "version": 2,
        "submitted_at": "2022-12-10T03:00:00+00:00",
        "by": "cli",
        "late": False,
    }
    assert output.progress(status, "vi") == "1/19 đã nộp"
    assert output.to_csv(status).splitlines()[0] == "code,name,state,version,submitted_at,by,late"

    with write_transaction(engine) as connection:
        close_round(connection, body_code="BHXH_QT", year=2022, now=NOW)
    assert _error(_submit, engine, "QT_THU", with_files=False) == "rounds.closed"
    with engine.connect() as connection:
        actions = [e.action for e in audit.entries(connection, oldest_first=True)[0]]
    assert actions == [
        "round.open",
        "round.submit",
        "round.return",
        "round.submit",
        "round.accept",
        "round.close",
    ]


def test_permissions_of_accounts(demo_engine: Engine) -> None:
    engine = demo_engine
    with write_transaction(engine) as connection:
        accounts = {
            name: create_account(
                connection, name=name, role=role, unit_code=code, password=None, now=NOW
            )
            for name, role, code in (
                ("tccb", Role.EDITOR, "QT_TCCB"),
                ("viewer", Role.VIEWER, "BHXH_QT"),
                ("body", Role.EDITOR, "BHXH_QT"),
            )
        }
    assert _error(_open, engine, actor=accounts["tccb"]) == "rounds.not_allowed_open"
    _open(engine, actor=accounts["body"])
    # a unit cannot submit for a sibling, nor the body for a unit
    assert (
        _error(_submit, engine, "QT_THU", actor=accounts["tccb"], with_files=False)
        == "rounds.not_allowed_submit"
    )
    assert (
        _error(_submit, engine, "QT_THU", actor=accounts["body"], with_files=False)
        == "rounds.not_allowed_submit"
    )
    _submit(engine, "QT_TCCB", actor=accounts["tccb"], with_files=False)

    def review_as(name: str) -> None:
        with write_transaction(engine) as connection:
            review(
                connection,
                unit_code="QT_TCCB",
                year=2022,
                decision=Decision.ACCEPT,
                actor=accounts[name],
                now=NOW,
            )

    assert _error(review_as, "viewer") == "rounds.not_allowed_review"
    assert _error(review_as, "tccb") == "rounds.not_allowed_review"
    review_as("body")


def test_consolidation_equals_the_live_roll_up(demo_engine: Engine) -> None:
    engine = demo_engine
    _open(engine)
    with engine.connect() as connection:
        found = get_round(connection, "BHXH_QT", 2022)
        members = [u.code for u in round_status(connection, found, TODAY).units]
    for code in members:
        _submit(engine, code, with_files=False)
        _review(engine, code, Decision.ACCEPT)
    with engine.connect() as connection:
        result = consolidate(connection, found, TODAY)
        live = indicators_for(connection, "BHXH_QT", ON)
    assert result.included == tuple(members)
    assert _added_up(result.indicators) == _added_up(live)
    # the pay figures (the demo has grades) cannot be added up: left out, not made up
    assert all(not result.indicators.get(code).ratio.denominator for code in PAY_CODES)
    assert any(live.get(code).ratio.denominator for code in PAY_CODES)
    assert result.differences == ()

    # someone changes a unit's data after it was accepted: the consolidation keeps what was
    # submitted and lists the difference
    with write_transaction(engine) as connection:
        connection.execute(
            text(
                "UPDATE employment SET sex = 'F' WHERE sex = 'M' AND unit_id = "
                "(SELECT id FROM unit WHERE code = 'QT_THU')"
            )
        )
    with engine.connect() as connection:
        after = consolidate(connection, found, TODAY)
    assert _added_up(after.indicators) == _added_up(live)
    assert {d.unit_code for d in after.differences} == {"QT_THU"}
    assert any(d.indicator.startswith("Tỷ lệ nữ") for d in after.differences)


def test_missing_units_are_left_out(demo_engine: Engine) -> None:
    engine = demo_engine
    _open(engine)
    _submit(engine, "QT_THU", with_files=False)
    _review(engine, "QT_THU", Decision.ACCEPT)
    _submit(engine, "QT_TCCB", with_files=False)  # submitted, not accepted: not counted
    with engine.connect() as connection:
        found = get_round(connection, "BHXH_QT", 2022)
        result = consolidate(connection, found, TODAY)
        own = indicators_for(connection, "BHXH_QT", ON, subtree=False)
        thu = indicators_for(connection, "QT_THU", ON)
    assert result.included == ("QT_THU",)
    staff = result.indicators.get("women_share_staff").ratio
    expected = (own.get("women_share_staff").ratio, thu.get("women_share_staff").ratio)
    assert staff.denominator == sum(r.denominator for r in expected)
    assert staff.numerator == sum(r.numerator for r in expected)
    states = {u.code: u.state for u in result.status.units}
    assert states["QT_TCCB"] is State.SUBMITTED and states["QT_VP"] is State.NOT_SUBMITTED


def _added_up(indicators: IndicatorSet) -> list[dict[str, Any]]:
    """The figures a consolidation adds up: all but the pay indicators."""
    return [item for item in to_data(indicators, "vi") if item["code"] not in PAY_CODES]
