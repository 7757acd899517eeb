"""``binhdang generate`` on both engines: the rows loaded are the rows drawn, once, into an
empty database only."""

from __future__ import annotations

import re
import uuid
from datetime import date

import numpy as np
import pytest
from sqlalchemy import Engine, exists, func, select, text

from binhdang.committee.activities.service import action_month_coverage, activity_indicators
from binhdang.committee.awards.service import award_indicators
from binhdang.committee.plans.service import plans_of_year
from binhdang.committee.succession.service import succession_indicators
from binhdang.committee.tables import activity, award, document, succession, training
from binhdang.committee.training.service import training_indicators
from binhdang.errors import BinhdangError
from binhdang.indicators.service import indicators_for
from binhdang.scale import committee
from binhdang.scale.service import generate
from binhdang.scale.shape import Shape, draw, to_iso
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
            person.insert()
            .values(staff_code="NEW", full_name="Người mới", sex="F", birth_date=date(1990, 1, 1))
            .returning(person.c.id)
        ).scalar_one()
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
    args = [
        "generate",
        "--persons",
        "2000",
        "--units",
        "30",
        "--years",
        "2",
        "--seed",
        "3",
        "--end",
        "31/12/2024",
        "--db",
        db_url,
    ]
    done = run_cli(capsys, *args, "--lang", "en")
    assert done.code == 0, done.err
    assert "Generated 30 units, 2,000 persons" in done.out
    assert re.search(
        r"committee records: [\d,]+ training records, [\d,]+ awards, [\d,]+ "
        r"succession entries, [\d,]+ plans, [\d,]+ activities",
        done.out,
    )
    again = run_cli(capsys, *args)
    assert again.code == 1
    assert "đã có dữ liệu" in again.err and "Traceback" not in again.err


def test_cli_refuses_impossible_options(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(
        capsys, "generate", "--persons", "10", "--units", "5", "--db", db_url, "--lang", "en"
    )
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

    before = {
        name: sorted(i["name"] for i in inspect(engine).get_indexes(name))
        for name in ("person", "employment", "position", "unit_version")
    }
    dataset = draw(SMALL)
    dataset.persons.staff_code[1] = dataset.persons.staff_code[0]
    with pytest.raises(Exception, match=r"(?i)unique|duplicate"):
        load.write(engine, dataset)
    assert count(engine, unit) == count(engine, person) == count(engine, employment) == 0
    after = {
        name: sorted(i["name"] for i in inspect(engine).get_indexes(name))
        for name in ("person", "employment", "position", "unit_version")
    }
    assert after == before
    assert "ix_employment_as_of_count" in after["employment"]


COMMITTEE_TABLES = {"training": training, "awards": award, "succession": succession,
                    "plans": document, "activities": activity}  # fmt: skip


def test_generate_loads_the_committee_records_drawn(engine: Engine) -> None:
    result = generate(engine, SMALL)
    drawn = draw(SMALL).committee
    assert drawn is not None
    assert result.committee == committee.counts(drawn)
    for kind, table in COMMITTEE_TABLES.items():
        assert count(engine, table) == result.committee[kind] > 0, kind
    with engine.connect() as connection:
        loaded = connection.execute(
            select(
                training.c.person_id,
                training.c.course_type,
                training.c.start_on,
                training.c.end_on,
                training.c.status,
            ).order_by(training.c.id)
        ).all()
        courses = drawn.training
        assert [row.person_id for row in loaded] == courses.person_id.tolist()
        assert [row.course_type for row in loaded] == [
            committee.COURSE_KEYS[c] for c in courses.course.tolist()
        ]
        assert [row.start_on.isoformat() for row in loaded] == to_iso(courses.start).tolist()
        assert sum(row.end_on is None for row in loaded) == int((courses.end < 0).sum())
        awards = connection.execute(
            select(award.c.person_id, award.c.unit_id, award.c.year).order_by(award.c.id)
        ).all()
        assert [row.person_id or 0 for row in awards] == drawn.awards.person_id.tolist()
        assert [row.unit_id or 0 for row in awards] == drawn.awards.unit_id.tolist()
        # Consistent with the careers, as stored.
        employed_on_start = exists().where(
            employment.c.person_id == training.c.person_id,
            employment.c.valid_from <= training.c.start_on,
            employment.c.valid_to > training.c.start_on,
        )
        assert (
            connection.execute(
                select(func.count()).select_from(training).where(~employed_on_start)
            ).scalar_one()
            == 0
        )
        rows = connection.execute(
            select(award.c.person_id, award.c.year).where(award.c.person_id.is_not(None))
        ).all()
        jobs = connection.execute(
            select(employment.c.person_id, employment.c.valid_from, employment.c.valid_to)
        ).all()
        spans: dict[int, list[tuple[date, date]]] = {}
        for person_id, since, until in jobs:
            spans.setdefault(person_id, []).append((since, until))
        assert all(
            any(s <= date(y, 12, 31) and u > date(y, 1, 1) for s, u in spans[p]) for p, y in rows
        )
        planned = connection.execute(
            select(func.count())
            .select_from(
                succession.join(person, person.c.id == succession.c.person_id)
                .join(unit, unit.c.id == succession.c.unit_id)
                .join(
                    employment,
                    (employment.c.person_id == succession.c.person_id)
                    & (employment.c.unit_id == succession.c.unit_id),
                )
            )
            .where(employment.c.valid_from <= SMALL.start, employment.c.valid_to > SMALL.start)
        ).scalar_one()
        assert planned == count(engine, succession)  # staff of the unit on the plan's day
        negative = connection.execute(
            select(func.count())
            .select_from(activity)
            .where((activity.c.participants_female < 0) | (activity.c.participants_male < 0))
        ).scalar_one()
        assert negative == 0


def test_committee_indicators_of_a_generated_dataset(engine: Engine) -> None:
    generate(engine, SMALL)
    as_of = date(2023, 10, 1)
    with engine.connect() as connection:
        trained = training_indicators(connection, "VN", 2023, as_of)
        assert trained.by_type and trained.trainees.denominator > 0
        assert 0 < trained.women_attended.numerator < trained.women_attended.denominator
        awarded = award_indicators(connection, "VN", 2023, as_of)
        assert awarded.by_form and awarded.collective and awarded.awardees.denominator > 0
        assert {row.form for row in awarded.by_form} >= {"lao_dong_tien_tien", "cstd_co_so"}
        plan = succession_indicators(connection, "VN", 2021, SMALL.start)
        everyone = plan.level("all")
        assert everyone.pipeline.denominator > 0 and everyone.posts.denominator > 0
        assert everyone.meets_minimum is True
        done = activity_indicators(connection, "VN", 2023, as_of)
        assert done.totals.done > 0 and done.participants.denominator > 0
        assert done.by_plan and all(row.key for row in done.by_plan)  # each under a plan
        month = action_month_coverage(connection, "VN", 2023)
        assert month.covered and month.ratio.numerator >= 3  # VN and the two province offices
        documents = plans_of_year(connection, "VN", 2023, as_of)
        assert documents.by_type == {"Kế hoạch": 3}
        assert all(row.activities > 0 for row in documents.documents)


def test_committee_ids_continue_after_the_load(engine: Engine) -> None:
    result = generate(engine, SMALL)
    with engine.begin() as connection:
        new_id = connection.execute(
            training.insert()
            .values(
                person_id=1,
                course_type="tin_hoc",
                course_name="Tin học",
                start_on=date(2024, 12, 1),
                status="attending",
            )
            .returning(training.c.id)
        ).scalar_one()
    assert new_id == result.committee["training"] + 1


def test_generate_refuses_a_database_with_committee_records(engine: Engine) -> None:
    """Documents need no unit or person: a database holding only those is not empty either."""
    with engine.begin() as connection:
        connection.execute(
            document.insert().values(
                symbol="190/KH-UBND",
                number=190,
                doc_type="KH",
                issuer="UBND",
                issued_on=date(2022, 10, 11),
                issuing_body="UBND tỉnh Quảng Trị",
                title="Kế hoạch hưởng ứng Tháng hành động vì bình đẳng giới năm 2022",
            )
        )
    before = snapshot(engine)
    with pytest.raises(BinhdangError) as refused:
        generate(engine, SMALL)
    assert refused.value.message.key == "scale.committee_not_empty"
    assert refused.value.message.params["records"] == 1
    assert snapshot(engine) == before


def test_the_load_analyses_only_its_own_tables(engine: Engine) -> None:
    """A bare ANALYZE on PostgreSQL took every table of the database, in every schema, and two
    loads at once (parallel test runs, each in its schema) deadlocked: only the loaded tables
    are analysed now. A table of another schema keeps no statistics (``reltuples`` -1)."""
    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL: SQLite analyses one file, which no other run shares")
    other = f"bd_other_{uuid.uuid4().hex[:8]}"
    with engine.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{other}"'))
        connection.execute(text(f'CREATE TABLE "{other}".bystander (id integer)'))
        connection.execute(text(f'INSERT INTO "{other}".bystander SELECT generate_series(1, 20)'))
    try:
        generate(engine, SMALL)
        with engine.connect() as connection:
            tuples = dict(
                connection.execute(
                    text(
                        "SELECT c.relname, c.reltuples FROM pg_class c JOIN pg_namespace n "
                        "ON n.oid = c.relnamespace WHERE (n.nspname = :other AND c.relname = 'bystander')"
                        " OR (n.nspname = current_schema() AND c.relname IN ('person', 'unit_version'))"
                    ),
                    {"other": other},
                )
                .tuples()
                .all()
            )
        assert tuples["bystander"] == -1
        assert tuples["person"] == 3000 and tuples["unit_version"] == 40
    finally:
        with engine.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{other}" CASCADE'))


def test_rows_written_in_small_batches_are_exactly_the_drawn_ones(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The loader builds each table's rows one batch at a time from the drawn columns and
    releases the columns once written (issue 19: generate's peak memory); with batches of 7
    rows every boundary case occurs, and each row must still be the drawn one."""
    from binhdang.scale import load
    from binhdang.scale.shape import CATEGORIES, RANKS

    monkeypatch.setattr(load, "BATCH", 7)
    generate(engine, SMALL)
    drawn = draw(SMALL)  # the same seed draws the same dataset
    persons, facts, posts = drawn.persons, drawn.employment, drawn.positions

    def iso(days: int) -> str:
        text = str(np.datetime64(int(days), "D"))
        return OPEN_END.isoformat() if text >= OPEN_END.isoformat() else text

    expected_people = [
        (
            i + 1,
            persons.staff_code[i],
            persons.full_name[i],
            str(persons.sex[i]),
            iso(persons.birth[i]),
        )
        for i in range(len(persons.id))
    ]
    expected_jobs = []
    for i in range(len(facts.person_id)):
        owner = int(facts.person_id[i]) - 1
        category = CATEGORIES[int(persons.category[owner])]
        expected_jobs.append(
            (
                i + 1,
                int(facts.person_id[i]),
                int(facts.unit_id[i]),
                category,
                RANKS[category][int(persons.rank[owner])],
                iso(int(facts.valid_from[i])),
                iso(int(facts.valid_to[i])),
                str(persons.sex[owner]),
                iso(persons.birth[owner]),
            )
        )
    expected_posts = [
        (
            i + 1,
            int(posts.person_id[i]),
            int(posts.unit_id[i]),
            posts.title[i],
            "head" if posts.level[i] == 0 else "deputy",
            iso(int(posts.valid_from[i])),
            iso(int(posts.valid_to[i])),
        )
        for i in range(len(posts.person_id))
    ]
    courses = drawn.committee.training if drawn.committee else None
    assert courses is not None
    expected_training = [
        (i + 1, int(courses.person_id[i]), courses.name[i], courses.decision[i])
        for i in range(len(courses.person_id))
    ]
    with engine.connect() as connection:
        people = connection.execute(
            select(
                person.c.id,
                person.c.staff_code,
                person.c.full_name,
                person.c.sex,
                person.c.birth_date,
            ).order_by(person.c.id)
        ).all()
        jobs = connection.execute(
            select(
                employment.c.id,
                employment.c.person_id,
                employment.c.unit_id,
                employment.c.category,
                employment.c.rank,
                employment.c.valid_from,
                employment.c.valid_to,
                employment.c.sex,
                employment.c.birth_date,
            ).order_by(employment.c.id)
        ).all()
        held = connection.execute(
            select(
                position.c.id,
                position.c.person_id,
                position.c.unit_id,
                position.c.title,
                position.c.level,
                position.c.valid_from,
                position.c.valid_to,
            ).order_by(position.c.id)
        ).all()
        trained = connection.execute(
            select(
                training.c.id,
                training.c.person_id,
                training.c.course_name,
                training.c.decision_number,
            ).order_by(training.c.id)
        ).all()

    def plain(rows: list) -> list[tuple]:  # type: ignore[type-arg]
        return [tuple(v.isoformat() if isinstance(v, date) else v for v in row) for row in rows]

    assert plain(people) == expected_people
    assert plain(jobs) == expected_jobs
    assert plain(held) == expected_posts
    assert plain(trained) == expected_training
