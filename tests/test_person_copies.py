"""The person's sex and birth date copied onto employment and position rows stay equal to the
person's own: filled by migration 0002 on existing data, written by the import, rewritten
over the whole history when a later list corrects them."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, select, text

from binhdang.indicators.service import indicators_for
from binhdang.store import database
from binhdang.store.copies import person_copy_mismatches
from binhdang.store.tables import OPEN_END, employment, position
from tests.conftest import PG_URL
from tests.factories import SMALL_TREE, STAFF_HEADER, UNIT_HEADER, staff_row, write_table
from tests.imports import import_staff, import_units

D2020, D2021 = date(2020, 10, 1), date(2021, 10, 1)


@pytest.fixture
def unmigrated_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """An empty database with no schema at all, on the test's backend."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.db'}"
        return
    request.getfixturevalue("pg_schema_url")  # skips (or fails under CI) without PostgreSQL
    schema = f"bd_copies_{uuid.uuid4().hex[:8]}"
    admin = create_engine(database.normalise_url(PG_URL))
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    yield f"{database.normalise_url(PG_URL)}?options=-csearch_path%3D{schema}"
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def test_migration_fills_the_copies_of_existing_rows(unmigrated_url: str) -> None:
    engine = database.create(unmigrated_url)
    database.upgrade(engine, "0001")  # the schema before the copies existed
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO unit (id, code) VALUES (1, 'ROOT')"))
        connection.execute(
            text(
                "INSERT INTO unit_version (unit_id, name, kind, valid_from, valid_to) "
                "VALUES (1, 'Cơ quan', '', '2000-01-01', '9999-12-31')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO person (id, staff_code, full_name, sex, birth_date) VALUES "
                "(1, 'C1', 'Chị Một', 'F', '1970-03-04'), (2, 'C2', 'Anh Hai', 'M', '1990-12-31')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO employment (person_id, unit_id, category, valid_from, valid_to) VALUES "
                "(1, 1, 'cong_chuc', '2019-01-01', '2021-01-01'), "
                "(1, 1, 'vien_chuc', '2021-01-01', '9999-12-31'), "
                "(2, 1, 'lao_dong', '2020-01-01', '9999-12-31')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO position (person_id, unit_id, title, level, valid_from, valid_to) "
                "VALUES (1, 1, 'Giám đốc', 'head', '2021-01-01', '9999-12-31')"
            )
        )
    database.upgrade(engine)
    with engine.connect() as connection:
        jobs = connection.execute(
            select(employment.c.person_id, employment.c.sex, employment.c.birth_date).order_by(
                employment.c.id
            )
        ).all()
        posts = connection.execute(select(position.c.sex, position.c.birth_date)).all()
        assert person_copy_mismatches(connection) == 0
        staff = indicators_for(connection, "ROOT", date(2022, 1, 1)).get("women_share_staff")
    assert jobs == [
        (1, "F", date(1970, 3, 4)),
        (1, "F", date(1970, 3, 4)),
        (2, "M", date(1990, 12, 31)),
    ]
    assert posts == [("F", date(1970, 3, 4))]
    assert (staff.ratio.numerator, staff.ratio.denominator) == (1, 2)
    engine.dispose()


def test_a_corrected_sex_or_birth_date_rewrites_the_whole_history(
    engine: Engine, tmp_path: Path
) -> None:
    import_units(engine, write_table(tmp_path / "units.csv", UNIT_HEADER, SMALL_TREE))
    import_staff(
        engine,
        write_table(
            tmp_path / "2020.csv",
            STAFF_HEADER,
            [
                staff_row(
                    "C1",
                    sex="Nam",
                    born="01/01/1960",
                    unit="A",
                    position="Trưởng phòng",
                    level="Cấp trưởng",
                ),
                staff_row("C2", sex="Nữ", unit="B"),
            ],
        ),
        D2020,
    )
    # A year later C1 has moved to B (a new job row; the 2020 one ends) and the personnel
    # office has corrected C1's sex and birth date, which hold for the whole history.
    import_staff(
        engine,
        write_table(
            tmp_path / "2021.csv",
            STAFF_HEADER,
            [
                staff_row(
                    "C1",
                    sex="Nữ",
                    born="01/01/1980",
                    unit="B",
                    position="Trưởng phòng",
                    level="Cấp trưởng",
                ),
                staff_row("C2", sex="Nữ", unit="B"),
            ],
        ),
        D2021,
    )
    with engine.connect() as connection:
        assert person_copy_mismatches(connection) == 0
        rows = connection.execute(
            select(employment.c.valid_to, employment.c.sex, employment.c.birth_date)
        ).all()
        earlier = indicators_for(connection, "ROOT", D2020)
    assert (D2021, "F", date(1980, 1, 1)) in rows  # the ended 2020 row, corrected too
    assert (OPEN_END, "F", date(1980, 1, 1)) in rows
    # Figures for 2020 follow the corrected person: two women, one of them a head.
    assert earlier.get("women_share_staff").ratio.numerator == 2
    assert earlier.get("women_share_key_leaders").ratio.numerator == 1
