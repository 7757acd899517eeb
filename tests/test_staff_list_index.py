"""Migration ``0005_staff_list_name_index`` on both engines: the index of a unit's employments
ends with the person id (the staff list collects a subtree's persons from the index alone),
replacing the index it extends; its downgrade puts the old one back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import Engine, inspect, select

from binhdang.store import database
from binhdang.store.tables import employment, person
from tests.test_person_copies import unmigrated_url  # noqa: F401  (the fixture)

OLD = "ix_employment_unit_id_valid_from_valid_to"
NEW = "ix_employment_unit_id_valid_from_valid_to_person_id"


def _indexes(engine: Engine) -> dict[str, list[str]]:
    found = inspect(engine).get_indexes("employment")
    return {index["name"]: list(index["column_names"]) for index in found}  # type: ignore[misc]


def test_the_index_gains_the_person_id_and_the_downgrade_puts_it_back(
    unmigrated_url: str,  # noqa: F811
) -> None:
    from alembic import command

    engine = database.create(unmigrated_url)
    database.upgrade(engine, "0004")
    assert _indexes(engine)[OLD] == ["unit_id", "valid_from", "valid_to"]
    database.upgrade(engine)
    indexes = _indexes(engine)
    assert indexes[NEW] == ["unit_id", "valid_from", "valid_to", "person_id"] and OLD not in indexes
    config = database._alembic_config()
    with engine.begin() as connection:  # not write_transaction: the downgrade drops data_version
        config.attributes["connection"] = connection
        command.downgrade(config, "0004")
    indexes = _indexes(engine)
    assert indexes[OLD] == ["unit_id", "valid_from", "valid_to"] and NEW not in indexes
    engine.dispose()


def test_the_staff_order_reads_employment_from_the_index_alone(tmp_path: Path) -> None:
    """What the index is for (SQLite's plan; PostgreSQL chooses by its statistics): the
    persons of a subtree on a day, in name order, read no employment row."""
    engine = database.create(f"sqlite:///{tmp_path / 'plan.db'}")
    database.upgrade(engine)
    on = date(2025, 10, 1)
    query = (
        select(person.c.id)
        .join(employment, employment.c.person_id == person.c.id)
        .where(
            employment.c.unit_id.in_([1, 2, 3]),
            employment.c.valid_from <= on,
            employment.c.valid_to > on,
        )
        .order_by(person.c.full_name, person.c.staff_code)
    )
    with engine.connect() as connection:
        compiled = query.compile(connection, compile_kwargs={"literal_binds": True})
        plan = " / ".join(
            r[3] for r in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}")
        )
    engine.dispose()
    # Without statistics SQLite may pick the pay index (migration 0009: unit, valid_to, …,
    # person id), covering too; on the analysed national data it keeps this one (same time).
    assert any(
        f"SEARCH employment USING COVERING INDEX {index}" in plan
        for index in (NEW, "ix_employment_pay_as_of")
    ), plan
