"""Correctness at scale: a generated profile (default 50,000 persons, 500 units, 5 years;
``BINHDANG_TEST_SCALE=persons,units,years`` to change it), loaded once per session on each
engine. The engine equals an independent naive computation on several dates and units, the
coded-column path equals the original Counter path, the trend sweep equals the as-of
queries at every period end, and SQLite and PostgreSQL agree."""

from __future__ import annotations

import os
import random
import uuid
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, select, text

from binhdang.indicators.catalogue import THIRTY_PERCENT_RULE, age_band_cutoffs
from binhdang.indicators.compute import compute
from binhdang.indicators.counting import count_posts, count_staff
from binhdang.indicators.results import IndicatorSet
from binhdang.indicators.service import indicators_for
from binhdang.indicators.trend import period_ends, trend
from binhdang.scale.service import generate
from binhdang.scale.shape import Shape
from binhdang.store import database
from binhdang.store.tables import employment, person, position, unit, unit_version
from binhdang.units.tree import load_tree
from tests.conftest import PG_URL, _pg_available
from tests.helpers import without_pay

pytestmark = pytest.mark.slow

PERSONS, UNITS, YEARS = (
    int(x) for x in os.environ.get("BINHDANG_TEST_SCALE", "50000,500,5").split(",")
)
END = date(2025, 12, 31)
SHAPE = Shape(PERSONS, UNITS, YEARS, seed=11, end=END, pay=True)  # the pay indicators too
DATES = [date(2021, 3, 31), date(2023, 1, 1), date(2024, 7, 15), END]
UNIT_CODES = ["VN", "VN-01", "VN-02-001", "VN-03-002"]


@pytest.fixture(scope="session")
def scale_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    path: Path = tmp_path_factory.mktemp("scale") / "scale.db"
    engine = database.create(f"sqlite:///{path}")
    database.upgrade(engine)
    generate(engine, SHAPE)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def scale_postgresql() -> Iterator[Engine]:
    reason = _pg_available()
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required under CI and is not reachable: {reason}")
        pytest.skip(f"PostgreSQL not reachable at {PG_URL}: {reason}")
    schema = f"bd_scale_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    admin = create_engine(database.normalise_url(PG_URL))
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in PG_URL else "?"
    engine = database.create(
        f"{database.normalise_url(PG_URL)}{separator}options=-csearch_path%3D{schema}"
    )
    database.upgrade(engine)
    generate(engine, SHAPE)
    yield engine
    engine.dispose()
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def scale_engine(request: pytest.FixtureRequest) -> Engine:
    return request.getfixturevalue(f"scale_{request.param}")


_LOADED: dict[str, dict[str, Any]] = {}


def _rows(url: str) -> dict[str, Any]:
    """Every row of the profile (read once per engine)."""
    if url not in _LOADED:
        engine = database.create(url)
        with engine.connect() as connection:
            _LOADED[url] = {
                "units": connection.execute(
                    select(
                        unit.c.id,
                        unit.c.code,
                        unit_version.c.parent_id,
                        unit_version.c.valid_from,
                        unit_version.c.valid_to,
                    ).join(unit_version, unit_version.c.unit_id == unit.c.id)
                ).all(),
                "people": {r.id: r for r in connection.execute(select(person))},
                "jobs": connection.execute(select(employment)).all(),
                "posts": connection.execute(select(position)).all(),
            }
        engine.dispose()
    return _LOADED[url]


def naive_figures(engine: Engine, code: str, on: date) -> dict[str, tuple[int, int]]:
    """The main figures computed the slow, obvious way: every row into Python, filter, count."""
    everything = _rows(str(engine.url))
    units = [r for r in everything["units"] if r.valid_from <= on < r.valid_to]
    people, jobs, posts = everything["people"], everything["jobs"], everything["posts"]
    root = next(r.id for r in units if r.code == code)
    children = defaultdict(list)
    for r in units:
        children[r.parent_id].append(r.id)
    scope, stack = set(), [root]
    while stack:
        current = stack.pop()
        scope.add(current)
        stack.extend(children[current])
    parent = {r.id: r.parent_id for r in units}
    cutoffs = age_band_cutoffs(on)
    staff_women = staff_all = young_women = young_all = 0
    own: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for job in jobs:
        if job.valid_from <= on < job.valid_to and job.unit_id in scope:
            someone = people[job.person_id]
            woman = someone.sex == "F"
            staff_women += woman
            staff_all += 1
            own[job.unit_id][0] += woman
            own[job.unit_id][1] += 1
            if someone.birth_date > cutoffs[0]:  # under 30
                young_women += woman
                young_all += 1
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for unit_id, (women, everyone) in own.items():
        current = unit_id
        while True:
            totals[current][0] += women
            totals[current][1] += everyone
            if current == root:
                break
            current = parent[current]
    heads = [0, 0]
    deputies = [0, 0]
    women_leaders: set[int] = set()
    head_units: dict[int, bool] = {}
    for post in posts:
        if post.valid_from <= on < post.valid_to and post.unit_id in scope:
            woman = people[post.person_id].sex == "F"
            counts = heads if post.level == "head" else deputies
            counts[0] += woman
            counts[1] += 1
            if woman:
                women_leaders.add(post.unit_id)
            if post.level == "head":
                head_units[post.unit_id] = head_units.get(post.unit_id, False) or woman
    applicable = [
        u
        for u in scope
        if totals[u][1] and totals[u][0] * 100 >= THIRTY_PERCENT_RULE * totals[u][1]
    ]
    posted = heads[1] + deputies[1]
    return {
        "women_share_staff": (staff_women, staff_all),
        "under_30": (young_women, young_all),
        "women_share_key_leaders": tuple(heads),
        "women_share_deputies": tuple(deputies),
        # Nghị quyết 28 by the official metadata: units with a woman head or deputy ÷ all
        # units in scope (not applicable when no post is recorded there).
        "units_with_woman_key_leadership": (len(women_leaders), len(scope)) if posted else (0, 0),
        "units_with_woman_head": (sum(head_units.values()), len(head_units)),
        "units_with_woman_key_leader": (sum(head_units.values()), len(head_units)),
        "units_30pct_women_without_woman_leader": (
            sum(1 for u in applicable if u not in women_leaders),
            len(applicable),
        ),
    }


def figures(result: IndicatorSet) -> dict[str, tuple[int, int]]:
    found = {
        code: (result.get(code).ratio.numerator, result.get(code).ratio.denominator)
        for code in (
            "women_share_staff",
            "women_share_key_leaders",
            "women_share_deputies",
            "units_with_woman_key_leadership",
            "units_with_woman_head",
            "units_with_woman_key_leader",
            "units_30pct_women_without_woman_leader",
        )
    }
    band = next(b for b in result.get("women_share_staff").breakdowns if b.key == "lt30")
    found["under_30"] = (band.ratio.numerator, band.ratio.denominator)
    return found


def test_the_profile_has_the_national_shape(scale_engine: Engine) -> None:
    with scale_engine.connect() as connection:
        result = indicators_for(connection, "VN", END)
    staff = result.get("women_share_staff").ratio
    assert staff.denominator > 0.6 * PERSONS
    assert 30 <= staff.percent <= 75
    assert 15 <= result.get("women_share_key_leaders").ratio.percent <= 45


@pytest.mark.parametrize("on", DATES)
def test_engine_equals_the_naive_computation(scale_engine: Engine, on: date) -> None:
    with scale_engine.connect() as connection:
        for code in UNIT_CODES:
            assert figures(indicators_for(connection, code, on)) == naive_figures(
                scale_engine, code, on
            )


@pytest.mark.parametrize("on", DATES[1:3])
def test_coded_columns_equal_the_counter_computation(scale_engine: Engine, on: date) -> None:
    with scale_engine.connect() as connection:
        tree = load_tree(connection, on)
        for code in UNIT_CODES:
            for subtree in (True, False):
                root = tree.require(code)
                scope = tree.subtree_ids(root.id) if subtree else [root.id]
                scope_or_all = None if len(scope) == len(tree.nodes) else scope
                expected = compute(
                    tree,
                    root.id,
                    subtree,
                    count_staff(connection, on, scope_or_all),
                    count_posts(connection, on, scope_or_all),
                )
                found = indicators_for(connection, code, on, subtree=subtree)
                assert without_pay(found) == expected


@pytest.mark.parametrize(("every", "count"), [("year", YEARS + 2), ("month", 14)])
def test_trend_sweep_equals_as_of_queries_at_each_period_end(
    scale_engine: Engine, every: str, count: int
) -> None:
    ends = period_ends(END, count, every)  # type: ignore[arg-type]
    with scale_engine.connect() as connection:
        for code in UNIT_CODES[:3]:
            for subtree in (True, False):
                swept = trend(connection, code, ends, subtree=subtree)
                assert [s.as_of for s in swept] == ends
                for result in swept:
                    assert result == indicators_for(connection, code, result.as_of, subtree=subtree)


def test_sqlite_and_postgresql_agree(scale_sqlite: Engine, scale_postgresql: Engine) -> None:
    ends = period_ends(END, YEARS, "year")
    with scale_sqlite.connect() as lite, scale_postgresql.connect() as server:
        for code in UNIT_CODES:
            for on in DATES:
                assert indicators_for(lite, code, on) == indicators_for(server, code, on)
            assert trend(lite, code, ends) == trend(server, code, ends)
        counts = [
            [
                c.execute(select(table.c.id).order_by(table.c.id.desc()).limit(1)).scalar()
                for table in (person, employment, position)
            ]
            for c in (lite, server)
        ]
        assert counts[0] == counts[1]


@pytest.mark.parametrize("on", DATES[1:])
def test_career_columns_equal_the_reference_careers(scale_engine: Engine, on: date) -> None:
    """Issue 18: the numpy career counts (raises, promotions) equal the per-person reference
    over the generated careers, for the whole tree and for subtrees."""
    from binhdang.indicators.pay import period_start
    from binhdang.indicators.pay_counting import (
        career_columns,
        careers,
        grade_counts,
        pay_and_grades,
        pay_histogram,
    )
    from binhdang.indicators.pay_results import career_counts, career_counts_of
    from binhdang.pay.grades import load_grades

    table = load_grades()
    codes = tuple(sorted(table.codes()))
    start = period_start(on)
    with scale_engine.connect() as connection:
        tree = load_tree(connection, on)
        for code in UNIT_CODES:
            scope = tree.subtree_ids(tree.require(code).id)
            ids = None if len(scope) == len(tree.nodes) else scope
            reference = career_counts(
                careers(connection, start, on, ids),
                start,
                on,
                set(ids) if ids is not None else None,
                table,
            )
            fast = career_counts_of(
                career_columns(connection, start, on, ids, codes), start, on, table
            )
            reference.maternity = fast.maternity
            assert fast == reference, code
            assert reference.early["F"][1] + reference.early["M"][1] > 0
            # The one scan of pay and grades equals the two plain ones.
            histogram, grades = pay_and_grades(connection, on, ids, codes)
            plain = pay_histogram(connection, on, ids)
            assert histogram.pay.tolist() == plain.pay.tolist()
            assert (histogram.women.tolist(), histogram.men.tolist()) == (
                plain.women.tolist(),
                plain.men.tolist(),
            )
            assert sorted(grades) == sorted(
                g for g in grade_counts(connection, on, ids) if g[0] in codes
            )


# --- the columnar copy (issue 19, items 3 and 6) ----------------------------------------------
# The indicators count from the copy when it is kept (binhdang.indicators.columnar: beside a
# SQLite file, in BINHDANG_CACHE_DIR for PostgreSQL); it must give exactly what the rows give.
# The pay columns' copy (pay_columnar) too, on the engines of PAY_COPY_ENGINES.
PAY_COPY_ENGINES = ("sqlite", "postgresql")


def _rows_and_copy(
    monkeypatch: pytest.MonkeyPatch, engine: Engine, codes: list[str], days: list[date]
) -> None:
    """Every indicator set and trend of ``codes`` at ``days``, from the copy and from the
    rows, are equal; the copy is used on both engines (every size)."""
    from binhdang.errors import BinhdangError
    from binhdang.indicators import columnar, pay_columnar
    from binhdang.pay.grades import load_grades

    def attempt(compute: Any, *args: Any, **options: Any) -> Any:
        """The result, or the refusal's key (a unit absent on a date: refused both ways)."""
        try:
            return compute(*args, **options)
        except BinhdangError as refused:
            return refused.message.key

    monkeypatch.setenv("BINHDANG_COLUMNAR_MIN_ROWS", "0")
    ends = sorted(set(days))
    found: list[Any] = []
    for switch in ("1", "0"):
        monkeypatch.setenv("BINHDANG_COLUMNAR", switch)
        with engine.connect() as connection:
            kept = columnar.fresh(connection)
            # The pay columns' copy too (issue 18 item 5): the pay indicators below from it.
            pay_kept = pay_columnar.fresh(connection, tuple(sorted(load_grades().codes())))
            if switch == "1":
                assert kept is not None
                assert (pay_kept is not None) == (engine.dialect.name in PAY_COPY_ENGINES)
            found.append(
                [
                    attempt(indicators_for, connection, code, on, subtree=subtree)
                    for code in codes
                    for on in days
                    for subtree in (True, False)
                ]
                + [attempt(trend, connection, code, ends) for code in codes]
            )
    assert found[0] == found[1]


def _some_units(engine: Engine, on: date, count: int, rng: Any) -> list[str]:
    with engine.connect() as connection:
        codes = sorted(node.code for node in load_tree(connection, on).nodes.values())
    return rng.sample(codes, min(count, len(codes)))


def test_columnar_copy_equals_the_rows_after_generation(
    scale_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    import random

    rng = random.Random(19)
    days = sorted(date.fromordinal(rng.randint(END.toordinal() - 365 * YEARS, END.toordinal()))
                  for _ in range(4))  # fmt: skip
    codes = ["VN", *_some_units(scale_engine, END, 4, rng)]
    _rows_and_copy(monkeypatch, scale_engine, codes, [*days, END])


def test_columnar_copy_equals_the_rows_after_imports_merges_and_undo(
    engine: Engine, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The demo office (imports of four years of lists, a renaming, a merger), then a staff
    list imported at a later date and undone, twice: the copy is rebuilt at each data version
    and equals the rows on random dates and units."""
    import random

    from binhdang.demo import scenario
    from binhdang.demo.run import build, write_lists
    from binhdang.ingest import batches
    from binhdang.ingest.service import import_staff
    from binhdang.store.writes import write_transaction

    rng = random.Random(3)
    build(db_url, tmp_path / "lists")
    files = write_lists(tmp_path / "again")
    first = min(scenario.LIST_DATES.values())
    later = [date(2023, 6, 30), date(2023, 10, 1)]

    def compare() -> None:
        days = [date.fromordinal(rng.randint(first.toordinal(), later[-1].toordinal() + 90))
                for _ in range(3)]  # fmt: skip
        days += [scenario.MERGE_DATE, scenario.RENAME_DATE, *later]
        codes = ["BHXH_QT", *_some_units(engine, later[-1], 3, rng)]
        _rows_and_copy(monkeypatch, engine, codes, days)

    compare()
    for year, on in zip((2021, 2021), later, strict=True):  # an older list: changes
        with write_transaction(engine) as connection:
            outcome = import_staff(connection, files[f"staff_{year}"], on, close_missing=True)
        assert outcome.changed + outcome.added + outcome.ended > 0
        compare()
        with write_transaction(engine) as connection:
            batches.undo(connection)
        compare()


def _random_questions() -> list[tuple[date, int]]:
    """Three dates drawn in the profile's last years (seeded: the same every run), each with
    the seed of its units."""
    rng = random.Random(18)
    first = date(2021, 1, 1).toordinal()
    return [
        (date.fromordinal(rng.randint(first, END.toordinal())), rng.randint(0, 10**6))
        for _ in range(3)
    ]


@pytest.mark.parametrize(("on", "seed"), _random_questions())
def test_pay_results_equal_the_per_person_reference_on_random_units(
    scale_engine: Engine, on: date, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 18 item 5: every pay indicator read through the covering index and counted with
    numpy equals the plain reference (pay and grades grouped per row, careers built person by
    person) for random units of every level, on random dates, on both engines."""
    from binhdang.indicators import pay_columnar
    from binhdang.indicators.pay import min_group_setting, period_start
    from binhdang.indicators.pay_counting import careers, grade_counts, pay_histogram
    from binhdang.indicators.pay_results import (
        career_counts,
        career_results,
        grade_results,
        pay_gap_results,
        pay_results,
        quarter_result,
    )
    from binhdang.pay.grades import load_grades

    table = load_grades()
    start = period_start(on)
    smallest = min_group_setting()
    monkeypatch.setenv("BINHDANG_COLUMNAR_MIN_ROWS", "0")  # the pay copy at any profile size
    with scale_engine.connect() as connection:
        tree = load_tree(connection, on)
        codes = sorted(node.code for node in tree.nodes.values())
        chosen = random.Random(seed).sample(codes, 5)
        for code in ["VN", *chosen]:
            scope = tree.subtree_ids(tree.require(code).id)
            ids = None if len(scope) == len(tree.nodes) else scope
            histogram = pay_histogram(connection, on, ids)
            counts = career_counts(
                careers(connection, start, on, ids),
                start,
                on,
                set(ids) if ids is not None else None,
                table,
            )
            reference = (
                *pay_gap_results(histogram, smallest),
                quarter_result(histogram, smallest),
                *grade_results(grade_counts(connection, on, ids), on, table),
                *career_results(counts, smallest),
            )
            assert pay_results(connection, on, ids) == reference, (code, on)
            # On SQLite the fast path above read the pay columns' copy (built by the root's
            # question).
            kept = pay_columnar.fresh(connection, tuple(sorted(table.codes())), build_missing=False)
            assert (kept is not None) == (scale_engine.dialect.name in PAY_COPY_ENGINES)
