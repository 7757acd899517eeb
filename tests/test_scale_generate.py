"""``binhdang generate`` on both engines: the rows loaded are the rows drawn, once, into an
empty database only."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine, func, select

from binhdang.errors import BinhdangError
from binhdang.indicators.service import indicators_for
from binhdang.scale.service import generate
from binhdang.scale.shape import Shape, draw
from binhdang.store.copies import person_copy_mismatches
from binhdang.store.tables import OPEN_END, employment, person, position, unit, unit_version
from tests.helpers import run_cli, snapshot

SMALL = Shape(persons=3000, units=40, years=3, seed=5, end=date(2024, 12, 31))


def count(engine: Engine, table) -> int:  # type: ignore[no-untyped-def]
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(table)).scalar_one()


def test_generate_loads_exactly_the_drawn_rows(engine: Engine) -> None:
    result = generate(engine, SMALL)
    drawn = draw(SMALL)
    assert (result.units, result.persons) == (40, 3000)
    assert count(engine, unit) == count(engine, unit_version) == 40
    assert count(engine, person) == 3000
    assert count(engine, employment) == len(drawn.employment.person_id) == result.employment
    assert count(engine, position) == len(drawn.positions.person_id) == result.positions
    with engine.connect() as connection:
        first = connection.execute(select(person).order_by(person.c.id).limit(1)).one()
        assert first.staff_code == "VN00000001"
        assert first.full_name == drawn.persons.full_name[0]
        open_rows = connection.execute(
            select(func.count()).select_from(employment).where(employment.c.valid_to == OPEN_END)
        ).scalar_one()
        assert 0 < open_rows < count(engine, employment)
        assert person_copy_mismatches(connection) == 0  # each row has its person's sex, birth
        result_set = indicators_for(connection, "VN", SMALL.end)
    assert result_set.get("women_share_staff").ratio.denominator == open_rows


def test_generated_ids_continue_after_the_load(engine: Engine) -> None:
    """New rows after a bulk load with explicit ids get fresh ids (PostgreSQL sequences)."""
    generate(engine, SMALL)
    with engine.begin() as connection:
        new_id = connection.execute(
            person.insert().values(staff_code="NEW", full_name="Người mới", sex="F",
                                   birth_date=date(1990, 1, 1)).returning(person.c.id)
        ).scalar_one()  # fmt: skip
    assert new_id == 3001


def test_generate_refuses_a_database_with_data(engine: Engine) -> None:
    generate(engine, SMALL)
    before = snapshot(engine)
    with pytest.raises(BinhdangError) as refused:
        generate(engine, SMALL)
    assert refused.value.message.key == "scale.not_empty"
    assert refused.value.message.params["persons"] == 3000
    assert snapshot(engine) == before


def test_cli_generates_then_refuses_a_second_time(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["generate", "--persons", "2000", "--units", "30", "--years", "2", "--seed", "3",
            "--end", "31/12/2024", "--db", db_url]  # fmt: skip
    done = run_cli(capsys, *args, "--lang", "en")
    assert done.code == 0, done.err
    assert "Generated 30 units, 2,000 persons" in done.out
    again = run_cli(capsys, *args)
    assert again.code == 1
    assert "đã có dữ liệu" in again.err and "Traceback" not in again.err


def test_cli_refuses_impossible_options(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "generate", "--persons", "10", "--units", "5", "--db", db_url,
                     "--lang", "en")  # fmt: skip
    assert result.code == 1
    assert "--units ≥ 10" in result.err
    assert count_rows(db_url) == 0


def count_rows(url: str) -> int:
    from binhdang.store import database

    engine = database.create(url)
    try:
        return count(engine, person)
    finally:
        engine.dispose()


def test_a_failed_load_leaves_nothing_behind(engine: Engine) -> None:
    """A duplicate staff code fails the load half-way: no row stays, every index is back."""
    from sqlalchemy import inspect

    from binhdang.scale import load

    before = {name: sorted(i["name"] for i in inspect(engine).get_indexes(name))
              for name in ("person", "employment", "position", "unit_version")}  # fmt: skip
    dataset = draw(SMALL)
    dataset.persons.staff_code[1] = dataset.persons.staff_code[0]
    with pytest.raises(Exception, match=r"(?i)unique|duplicate"):
        load.write(engine, dataset)
    assert count(engine, unit) == count(engine, person) == count(engine, employment) == 0
    after = {name: sorted(i["name"] for i in inspect(engine).get_indexes(name))
             for name in ("person", "employment", "position", "unit_version")}  # fmt: skip
    assert after == before
    assert "ix_employment_as_of_count" in after["employment"]
