"""The trend sweep: period ends, boundaries (rows starting or ending on a period end,
birthdays crossing an age band on it, 29 February), unit trees that change over time, and
the ``binhdang trend`` command. The sweep must equal the as-of query at every period end."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from binhdang.errors import BinhdangError
from binhdang.indicators import trend as trend_module
from binhdang.indicators.service import indicators_for
from binhdang.indicators.trend import period_ends, trend
from binhdang.store.tables import OPEN_END, employment, person, position, unit, unit_version
from tests.helpers import run_cli


@pytest.mark.parametrize(
    ("last", "count", "every", "expected"),
    [
        (
            date(2025, 12, 31),
            3,
            "year",
            [date(2023, 12, 31), date(2024, 12, 31), date(2025, 12, 31)],
        ),
        (date(2024, 2, 29), 2, "year", [date(2023, 2, 28), date(2024, 2, 29)]),
        (date(2025, 3, 31), 3, "month", [date(2025, 1, 31), date(2025, 2, 28), date(2025, 3, 31)]),
        (date(2024, 3, 15), 2, "month", [date(2024, 2, 15), date(2024, 3, 15)]),
        (date(2025, 1, 31), 2, "month", [date(2024, 12, 31), date(2025, 1, 31)]),
        (date(2022, 10, 1), 1, "year", [date(2022, 10, 1)]),
    ],
)
def test_period_ends(last: date, count: int, every: str, expected: list[date]) -> None:
    assert period_ends(last, count, every) == expected  # type: ignore[arg-type]


def _insert_boundary_cases(engine: Engine) -> None:
    """ROOT ─ A ─ A1 (A1 from 2023-06-30), B (ends 2024-12-31). Rows begin and end exactly
    on period ends; people turn 30, 40 or 50 exactly on one; one is born on 29 February."""
    open_end = OPEN_END
    with engine.begin() as connection:
        connection.execute(
            unit.insert(),
            [{"id": i, "code": c} for i, c in enumerate(["ROOT", "A", "A1", "B"], start=1)],
        )
        connection.execute(
            unit_version.insert(),
            [
                {
                    "unit_id": 1,
                    "name": "Cơ quan",
                    "kind": "",
                    "parent_id": None,
                    "valid_from": date(2000, 1, 1),
                    "valid_to": open_end,
                },
                {
                    "unit_id": 2,
                    "name": "Phòng A",
                    "kind": "",
                    "parent_id": 1,
                    "valid_from": date(2000, 1, 1),
                    "valid_to": date(2023, 6, 30),
                },
                {
                    "unit_id": 2,
                    "name": "Phòng A (mới)",
                    "kind": "",
                    "parent_id": 1,
                    "valid_from": date(2023, 6, 30),
                    "valid_to": open_end,
                },
                {
                    "unit_id": 3,
                    "name": "Tổ A1",
                    "kind": "",
                    "parent_id": 2,
                    "valid_from": date(2023, 6, 30),
                    "valid_to": open_end,
                },
                {
                    "unit_id": 4,
                    "name": "Phòng B",
                    "kind": "",
                    "parent_id": 1,
                    "valid_from": date(2000, 1, 1),
                    "valid_to": date(2024, 12, 31),
                },
            ],
        )
        births = [
            date(1992, 12, 31),
            date(1982, 12, 31),
            date(1972, 12, 31),
            date(1996, 2, 29),
            date(1984, 2, 29),
            date(1993, 1, 1),
            date(1975, 6, 30),
            date(1990, 7, 1),
        ]
        connection.execute(
            person.insert(),
            [
                {
                    "id": i,
                    "staff_code": f"P{i}",
                    "full_name": f"Người {i}",
                    "sex": "F" if i % 2 else "M",
                    "birth_date": born,
                }
                for i, born in enumerate(births, start=1)
            ],
        )
        rows = [  # person, unit, category, from, to
            (1, 1, "cong_chuc", date(2020, 1, 1), open_end),
            (2, 2, "vien_chuc", date(2021, 12, 31), date(2023, 12, 31)),
            (2, 3, "vien_chuc", date(2023, 12, 31), open_end),
            (3, 4, "lao_dong", date(2019, 5, 5), date(2024, 12, 31)),
            (4, 2, "khac", date(2022, 2, 28), date(2024, 2, 29)),
            (5, 3, "vien_chuc", date(2023, 6, 30), date(2025, 1, 1)),
            (6, 1, "cong_chuc", date(2022, 12, 31), date(2022, 12, 31).replace(year=2023)),
            (7, 4, "vien_chuc", date(2021, 1, 1), date(2024, 12, 31)),
            (8, 2, "cong_chuc", date(2024, 2, 29), open_end),
        ]

        def copies(person_id: int) -> dict[str, object]:  # binhdang.store.copies
            return {"sex": "F" if person_id % 2 else "M", "birth_date": births[person_id - 1]}

        connection.execute(
            employment.insert(),
            [
                {
                    "person_id": p,
                    "unit_id": u,
                    "category": c,
                    "rank": None,
                    "valid_from": f,
                    "valid_to": t,
                    **copies(p),
                }
                for p, u, c, f, t in rows
            ],
        )
        connection.execute(
            position.insert(),
            [
                {
                    **copies(1),
                    "person_id": 1,
                    "unit_id": 1,
                    "title": "Giám đốc",
                    "level": "head",
                    "valid_from": date(2021, 12, 31),
                    "valid_to": open_end,
                },
                {
                    **copies(2),
                    "person_id": 2,
                    "unit_id": 2,
                    "title": "Trưởng phòng",
                    "level": "head",
                    "valid_from": date(2022, 1, 1),
                    "valid_to": date(2023, 12, 31),
                },
                {
                    **copies(5),
                    "person_id": 5,
                    "unit_id": 3,
                    "title": "Tổ trưởng",
                    "level": "head",
                    "valid_from": date(2023, 6, 30),
                    "valid_to": date(2024, 2, 29),
                },
                {
                    **copies(7),
                    "person_id": 7,
                    "unit_id": 4,
                    "title": "Phó Trưởng phòng",
                    "level": "deputy",
                    "valid_from": date(2022, 12, 31),
                    "valid_to": date(2024, 12, 31),
                },
                {
                    **copies(8),
                    "person_id": 8,
                    "unit_id": 2,
                    "title": "Phó",
                    "level": "other",
                    "valid_from": date(2024, 2, 29),
                    "valid_to": open_end,
                },
            ],
        )


@pytest.mark.parametrize(
    ("last", "count", "every"),
    [
        (date(2025, 12, 31), 6, "year"),
        (date(2024, 2, 29), 30, "month"),
        (date(2023, 6, 30), 4, "year"),
    ],
)
def test_sweep_equals_as_of_at_boundaries(
    engine: Engine, last: date, count: int, every: str
) -> None:
    _insert_boundary_cases(engine)
    ends = period_ends(last, count, every)  # type: ignore[arg-type]
    with engine.connect() as connection:
        for code, subtree in (("ROOT", True), ("ROOT", False), ("A", True)):
            swept = trend(connection, code, ends, subtree=subtree)
            assert [s.as_of for s in swept] == ends
            for result in swept:
                assert result == indicators_for(connection, code, result.as_of, subtree=subtree)


def test_sweep_in_chunks_of_periods_equals_one_chunk(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long monthly trend over many cells is counted in chunks of periods (memory); each
    chunk must start from the counts where the one before ended."""
    _insert_boundary_cases(engine)
    ends = period_ends(date(2025, 12, 31), 72, "month")
    with engine.connect() as connection:
        whole = trend(connection, "ROOT", ends)
        monkeypatch.setattr(trend_module, "_CELLS_PER_CHUNK", 1)  # one period per chunk
        chunked = trend(connection, "ROOT", ends)
    assert chunked == whole
    assert any(s.get("women_share_staff").ratio.denominator for s in whole)


def test_a_unit_missing_on_one_date_is_refused(engine: Engine) -> None:
    _insert_boundary_cases(engine)
    with engine.connect() as connection, pytest.raises(BinhdangError) as missing:
        trend(connection, "A1", [date(2023, 1, 1), date(2024, 1, 1)])
    assert missing.value.message.key == "unit.unknown"


def test_empty_dates_give_an_empty_trend(engine: Engine) -> None:
    with engine.connect() as connection:
        assert trend(connection, "ROOT", []) == []


def test_demo_trend_across_renames_and_merges(engine: Engine, db_url: str, tmp_path: Path) -> None:
    from binhdang.demo import scenario
    from binhdang.demo.run import build

    build(db_url, tmp_path / "lists")
    ends = sorted(scenario.LIST_DATES.values())
    months = period_ends(ends[-1], 40, "month")
    with engine.connect() as connection:
        for dates in (ends, months):
            for result in trend(connection, "BHXH_QT", dates):
                assert result == indicators_for(connection, "BHXH_QT", result.as_of)
        last = trend(connection, "BHXH_QT", ends)[-1]
    managers = last.get("women_share_managers").ratio
    assert (managers.numerator, managers.denominator) == (17, 48)


def test_cli_trend_json_and_errors(
    engine: Engine, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _insert_boundary_cases(engine)
    result = run_cli(
        capsys,
        "trend",
        "--unit",
        "ROOT",
        "--last",
        "31/12/2025",
        "--periods",
        "3",
        "--indicator",
        "women_share_staff",
        "--format",
        "json",
        "--db",
        db_url,
    )
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert [item["as_of"] for item in data] == ["2023-12-31", "2024-12-31", "2025-12-31"]
    with engine.connect() as connection:
        expected = indicators_for(connection, "ROOT", date(2024, 12, 31)).get("women_share_staff")
    assert data[1]["women_share_staff"]["numerator"] == expected.ratio.numerator
    assert data[1]["women_share_staff"]["denominator"] == expected.ratio.denominator
    table = run_cli(
        capsys,
        "trend",
        "--unit",
        "ROOT",
        "--last",
        "31/12/2025",
        "--db",
        db_url,
        "--lang",
        "en",
        "--periods",
        "2",
    )
    assert table.code == 0 and "31/12/2025" in table.out
    wrong = run_cli(
        capsys,
        "trend",
        "--unit",
        "ROOT",
        "--last",
        "31/12/2025",
        "--indicator",
        "nope",
        "--db",
        db_url,
        "--lang",
        "en",
    )
    assert wrong.code == 1 and "No indicator nope" in wrong.err
    every = run_cli(
        capsys, "trend", "--unit", "ROOT", "--last", "31/12/2025", "--every", "week", "--db", db_url
    )
    assert every.code == 1 and "--every" in every.err


@pytest.mark.parametrize("cells_per_chunk", [8_000_000, 1])
def test_sweep_in_batches_of_rows_equals_one_batch(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, cells_per_chunk: int
) -> None:
    """The rows are turned into events a batch at a time (memory, issue 19); with batches of
    2 rows, alone and with one period per chunk (the batches read again for each chunk), the
    counts must be those of one batch, and the as-of indicator set at every period end."""
    _insert_boundary_cases(engine)
    ends = period_ends(date(2025, 12, 31), 40, "month")
    with engine.connect() as connection:
        whole = trend(connection, "ROOT", ends)
        monkeypatch.setattr(trend_module, "_ROWS_PER_BATCH", 2)
        monkeypatch.setattr(trend_module, "_CELLS_PER_CHUNK", cells_per_chunk)
        batched = trend(connection, "ROOT", ends)
        assert batched == whole
        for result in batched[::7]:
            assert result == indicators_for(connection, "ROOT", result.as_of)
    assert any(s.get("women_share_staff").ratio.denominator for s in whole)
