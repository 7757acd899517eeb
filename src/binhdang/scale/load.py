"""Bulk loading of a drawn dataset: executemany in large batches on SQLite, COPY on PostgreSQL.

Everything is written in one transaction. The secondary indexes of the big tables are dropped
before the load and built again after it (building an index once over sorted keys is much
cheaper than maintaining it row by row), then the planner statistics are refreshed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice, repeat
from typing import Any, cast

import numpy as np
from sqlalchemy import Connection, Engine, Table, func, select

from binhdang.committee import registry
from binhdang.errors import BinhdangError
from binhdang.scale import committee as drawn_committee
from binhdang.scale import tables as scale_tables  # noqa: F401  (the scale index, on employment)
from binhdang.scale.shape import CATEGORIES, RANKS, TERM_YEARS, Dataset, day, to_iso
from binhdang.store import database, periods
from binhdang.store.tables import BEGINNING, OPEN_END, employment, person, position, unit
from binhdang.store.tables import unit_version as unit_version_table
from binhdang.store.writes import write_transaction

BATCH = 100_000
StageProgress = Callable[[str, int, int], None]
"""Called with (stage key, rows written, rows in all)."""

_TABLES = (person, employment, position, unit_version_table)  # and the record kinds' tables
_SEQUENCES = ("unit", "unit_version", "person", "employment", "position")  # and theirs


def _record_tables() -> list[Table]:
    """The tables of the record kinds the generator draws (the kinds' registry), loaded with
    explicit ids too."""
    return [entry.kind().table for entry, _ in drawn_committee.generators()]


def require_empty(connection: Connection, url: str) -> None:
    persons = connection.execute(select(func.count()).select_from(person)).scalar_one()
    units = connection.execute(select(func.count()).select_from(unit)).scalar_one()
    if persons or units:
        raise BinhdangError.of(
            "scale.not_empty", db=database.display_url(url), persons=persons, units=units
        )
    # The committee's records are loaded with explicit ids too (documents need no unit).
    records = sum(
        connection.execute(select(func.count()).select_from(table)).scalar_one()
        for table in _record_tables()
    )
    if records:
        raise BinhdangError.of(
            "scale.committee_not_empty", db=database.display_url(url), records=records
        )


def write(engine: Engine, dataset: Dataset, progress: StageProgress | None = None) -> None:
    """Write ``dataset`` into the (empty) database of ``engine`` in one transaction.

    The dataset is consumed: its large columns are emptied as soon as they are written, so
    that the index builds and checks after the load do not run beside the drawn dataset."""
    dialect = engine.dialect.name
    # The write transaction begins (BEGIN IMMEDIATE on SQLite) before the first read, so that
    # dropping and rebuilding indexes rolls back with a failed load; temp_store cannot change
    # inside a transaction: set before it; 400 MB of page cache for the index builds.
    # With pay (issue 18) the employment rows are 2.7× as many and carry one more wide index
    # (ix_employment_pay_as_of): sorting them all in memory took the national load past 2 GB,
    # so the index builds spill to temporary files beyond a smaller page cache.
    # The file's pages read through the memory map count in the process's RSS as well (the
    # 3.1 GB file with pay): no map for that load.
    paid = dataset.employment.grade is not None
    pragmas = (
        f"PRAGMA temp_store = {'FILE' if paid else 'MEMORY'}",
        f"PRAGMA cache_size = {-100_000 if paid else -400_000}",  # KiB
        *(["PRAGMA mmap_size = 0"] if paid else []),
    )
    with write_transaction(engine, sqlite_pragmas=pragmas) as connection:
        require_empty(connection, str(engine.url))
        raw = cast(Any, connection.connection.driver_connection)  # the DB-API connection
        if dialect == "postgresql":  # memory for building the GiST index of the overlap checks
            connection.exec_driver_sql("SET LOCAL maintenance_work_mem = '512MB'")
        # The checks against overlapping periods (store/periods.py) would look up every row
        # written; they are set aside for the load and put back after it, verified.
        checks = periods.suspend_checks(connection)
        indexes = [index for table in (*_TABLES, *_record_tables()) for index in table.indexes]
        for index in indexes:
            index.drop(connection)
        loaded: list[str] = []
        for key, table, columns, rows, count in _rows(dataset):
            if table not in loaded:
                loaded.append(table)
            if progress:
                progress(key, 0, count)
            done = 0
            for batch in _batches(rows, BATCH):
                _insert(dialect, raw, table, columns, batch)
                done += len(batch)
                if progress:
                    progress(key, done, count)
        if progress:
            progress("scale.stage.index", 0, len(indexes))
        for number, index in enumerate(indexes, start=1):
            index.create(connection)
            if progress:
                progress("scale.stage.index", number, len(indexes))
        if progress:
            progress("scale.stage.checks", 0, 1)
        periods.restore_checks(connection, checks)
        if progress:
            progress("scale.stage.checks", 1, 1)
        cursor = raw.cursor()
        if dialect == "postgresql":
            for table in (*_SEQUENCES, *(t.name for t in _record_tables())):
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT coalesce(max(id), 1) FROM {table}))"
                )
        # Only the tables loaded here: a bare ANALYZE on PostgreSQL analyses every table of the
        # database (every schema), and two loads running at once (parallel test runs, each in
        # its own schema) deadlocked on each other's catalogue locks.
        for table in loaded:
            cursor.execute(f"ANALYZE {table}")
        cursor.close()
    if dialect == "postgresql":
        # Outside the transaction: VACUUM sets the visibility map, so that index-only scans
        # (the subtree count) need not visit the table.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            for table in ("person", "employment", "position"):
                connection.exec_driver_sql(f"VACUUM ANALYZE {table}")


def _batches(rows: Iterable[tuple[Any, ...]], size: int) -> Iterator[list[tuple[Any, ...]]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


def _insert(
    dialect: str, raw: Any, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    cursor = raw.cursor()
    if dialect == "postgresql":
        with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        marks = ", ".join("?" for _ in columns)
        cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
    cursor.close()


def _chunks(count: int, build: Callable[[slice], Iterable[tuple]]) -> Iterator[tuple]:
    """The rows of a table built ``BATCH`` at a time from the drawn columns: a table's rows as
    Python objects (3 M employment rows: ~1 GB of ints, strings and dates) are never all in
    memory at once, only one batch (issue 19: ``generate`` ≤ 2 GB at the national shape)."""
    for start in range(0, count, BATCH):
        yield from build(slice(start, min(start + BATCH, count)))


def _release(record: Any, *names: str) -> None:
    """Drop columns of the drawn dataset once written: the loader owns the dataset it is given
    (:func:`write`), and the index builds and checks that follow the load need the memory."""
    for name in names:
        value = getattr(record, name)
        setattr(
            record, name, np.empty(0, dtype=value.dtype) if isinstance(value, np.ndarray) else []
        )


def _rows(dataset: Dataset) -> Iterator[tuple[str, str, Sequence[str], Iterable[tuple], int]]:
    """Each table's rows, in load order; a drawn column is released once no table to come
    needs it (the caller reads only its counts after :func:`write`)."""
    units, persons = dataset.units, dataset.persons
    m = len(units.id)
    ids = units.id.tolist()
    yield "scale.stage.unit", "unit", ("id", "code"), list(zip(ids, units.code, strict=True)), m
    parents = [parent or None for parent in units.parent_id.tolist()]
    version_rows = list(
        zip(
            ids,
            ids,
            units.name,
            units.kind,
            parents,
            repeat(BEGINNING.isoformat()),
            repeat(OPEN_END.isoformat()),
            strict=False,
        )
    )
    yield (
        "scale.stage.unit",
        "unit_version",
        ("id", "unit_id", "name", "kind", "parent_id", "valid_from", "valid_to"),
        version_rows,
        m,
    )
    del version_rows
    n = len(persons.id)

    def person_rows(part: slice) -> Iterable[tuple]:
        return zip(
            persons.id[part].tolist(),
            persons.staff_code[part],
            persons.full_name[part],
            persons.sex[part].tolist(),
            to_iso(persons.birth[part]).tolist(),
            repeat(None),
            strict=False,
        )

    yield (
        "scale.stage.person",
        "person",
        ("id", "staff_code", "full_name", "sex", "birth_date", "ethnicity"),
        _chunks(n, person_rows),
        n,
    )
    _release(persons, "staff_code", "full_name")
    facts = dataset.employment
    category_names = np.array(CATEGORIES, dtype=object)
    rank_names = {
        (c, r): name for c, names in enumerate(CATEGORIES) for r, name in enumerate(RANKS[names])
    }

    def employment_rows(part: slice) -> Iterable[tuple]:
        owner = facts.person_id[part] - 1
        category = persons.category[owner]
        # a row's own rank once the generator drew careers with pay (binhdang.scale.pay)
        row_ranks = facts.rank[part] if facts.rank is not None else persons.rank[owner]
        ranks = [rank_names[key] for key in zip(category.tolist(), row_ranks.tolist(), strict=True)]
        sexes, births = _copies(persons, owner)
        none = [None] * len(owner)
        pay = (  # binhdang.scale.pay: grade, step, coefficient, seniority, last raise
            facts.grade[part] if facts.grade is not None else none,
            _maybe(facts.step[part], 0) if facts.step is not None else none,
            _maybe(facts.salary[part], 0) if facts.salary is not None else none,
            _maybe(facts.seniority[part], 0) if facts.seniority is not None else none,
            _maybe_day(facts.last_raise[part]) if facts.last_raise is not None else none,
        )
        return zip(
            range(part.start + 1, part.stop + 1),
            facts.person_id[part].tolist(),
            facts.unit_id[part].tolist(),
            category_names[category].tolist(),
            ranks,
            _dates(facts.valid_from[part]),
            _dates(facts.valid_to[part]),
            sexes,
            births,
            *pay,
            strict=True,
        )

    count = len(facts.person_id)
    yield (
        "scale.stage.employment",
        "employment",
        (
            "id",
            "person_id",
            "unit_id",
            "category",
            "rank",
            "valid_from",
            "valid_to",
            "sex",
            "birth_date",
            "grade_code",
            "step",
            "salary_coefficient",
            "seniority_percent",
            "last_raise",
        ),
        _chunks(count, employment_rows),
        count,
    )
    _release(facts, "person_id", "unit_id", "valid_from", "valid_to")
    if facts.grade is not None:  # the pay columns (binhdang.scale.pay)
        _release(facts, "rank", "grade", "step", "salary", "seniority", "last_raise")
    posts = dataset.positions
    assert posts.level is not None and posts.title is not None  # drawn with the posts
    levels_drawn, titles_drawn = posts.level, posts.title

    def position_rows(part: slice) -> Iterable[tuple]:
        levels = ["head" if level == 0 else "deputy" for level in levels_drawn[part].tolist()]
        sexes, births = _copies(persons, posts.person_id[part] - 1)
        return zip(
            range(part.start + 1, part.stop + 1),
            posts.person_id[part].tolist(),
            posts.unit_id[part].tolist(),
            titles_drawn[part],
            levels,
            _dates(posts.valid_from[part]),
            _dates(posts.valid_to[part]),
            sexes,
            births,
            strict=True,
        )

    count = len(posts.person_id)
    yield (
        "scale.stage.position",
        "position",
        (
            "id",
            "person_id",
            "unit_id",
            "title",
            "level",
            "valid_from",
            "valid_to",
            "sex",
            "birth_date",
        ),
        _chunks(count, position_rows),
        count,
    )
    _release(persons, "sex", "birth", "category", "rank")
    if dataset.committee is not None:
        yield from _committee_rows(dataset.committee)


def _committee_rows(
    drawn: drawn_committee.Committee,
) -> Iterator[tuple[str, str, Sequence[str], Iterable[tuple], int]]:
    """The rows of each record kind the generator drew, by the loader its generator names
    (``KindGenerator.load``), in the registry's order."""
    for entry, generator in drawn_committee.generators():
        if entry.name in drawn:
            yield from registry.function(generator.load)(drawn[entry.name])


def training_rows(
    courses: drawn_committee.Training,
) -> Iterator[tuple[str, str, Sequence[str], Iterable[tuple], int]]:
    def rows(part: slice) -> Iterable[tuple]:
        return zip(
            range(part.start + 1, part.stop + 1),
            courses.person_id[part].tolist(),
            _keys(drawn_committee.COURSE_KEYS, courses.course[part]),
            courses.name[part].tolist(),
            courses.provider[part].tolist(),
            _dates(courses.start[part]),
            _maybe_dates(courses.end[part]),
            _keys(drawn_committee.STATUS_KEYS, courses.status[part]),
            courses.decision[part].tolist(),
            strict=True,
        )

    count = len(courses.person_id)
    yield (
        "scale.stage.training",
        "committee_training",
        (
            "id",
            "person_id",
            "course_type",
            "course_name",
            "provider",
            "start_on",
            "end_on",
            "status",
            "decision_number",
        ),
        _chunks(count, rows),
        count,
    )
    _release(courses, "name", "provider", "decision", "course", "start", "end", "status")


def award_rows(
    awards: drawn_committee.Awards,
) -> Iterator[tuple[str, str, Sequence[str], Iterable[tuple], int]]:
    def rows(part: slice) -> Iterable[tuple]:
        return zip(
            range(part.start + 1, part.stop + 1),
            _maybe(awards.person_id[part], 0),
            _maybe(awards.unit_id[part], 0),
            _keys(drawn_committee.AWARD_KEYS, awards.form[part]),
            awards.issuer[part].tolist(),
            awards.decision[part].tolist(),
            _dates(awards.decision_date[part]),
            awards.year[part].tolist(),
            strict=True,
        )

    count = len(awards.form)
    yield (
        "scale.stage.award",
        "committee_award",
        (
            "id",
            "person_id",
            "unit_id",
            "form",
            "issuer",
            "decision_number",
            "decision_date",
            "year",
        ),
        _chunks(count, rows),
        count,
    )
    _release(awards, "person_id", "unit_id", "issuer", "decision", "decision_date", "year")


def succession_rows(
    plans: drawn_committee.Succession,
) -> Iterator[tuple[str, str, Sequence[str], Iterable[tuple], int]]:
    count = len(plans.person_id)
    levels = ["head" if level == 0 else "deputy" for level in plans.level.tolist()]
    terms = plans.term_start.tolist()
    rows = zip(
        range(1, count + 1),
        plans.person_id.tolist(),
        plans.unit_id.tolist(),
        plans.post.tolist(),
        levels,
        terms,
        [t + TERM_YEARS for t in terms],
        plans.decision.tolist(),
        strict=True,
    )
    yield (
        "scale.stage.succession",
        "committee_succession",
        (
            "id",
            "person_id",
            "unit_id",
            "post",
            "level",
            "term_start",
            "term_end",
            "decision_number",
        ),
        rows,
        count,
    )


def plan_rows(
    documents: drawn_committee.Plans,
) -> Iterator[tuple[str, str, Sequence[str], Iterable[tuple], int]]:
    count = len(documents.unit_id)
    years = documents.year.tolist()
    numbers = documents.number.tolist()
    rows = zip(
        range(1, count + 1),
        [f"{n:02d}/KH-BHXH" for n in numbers],
        numbers,
        repeat("KH"),
        repeat("BHXH"),
        _dates(documents.issued_on),
        documents.issuing_body,
        [drawn_committee.PLAN_TITLE.format(year=y) for y in years],
        [f"{y}-01-01" for y in years],
        [f"{y}-12-31" for y in years],
        documents.unit_id.tolist(),
        documents.targets,
        strict=False,
    )
    yield (
        "scale.stage.plan",
        "committee_document",
        (
            "id",
            "symbol",
            "number",
            "doc_type",
            "issuer",
            "issued_on",
            "issuing_body",
            "title",
            "period_from",
            "period_to",
            "unit_id",
            "targets",
        ),
        rows,
        count,
    )


def activity_rows(
    acts: drawn_committee.Activities,
) -> Iterator[tuple[str, str, Sequence[str], Iterable[tuple], int]]:
    count = len(acts.unit_id)
    rows = zip(
        range(1, count + 1),
        _maybe(acts.plan_id, 0),
        acts.title.tolist(),
        _keys(drawn_committee.ACTIVITY_KEYS, acts.kind),
        acts.unit_id.tolist(),
        _dates(acts.start),
        _dates(acts.end),
        _maybe(acts.women, drawn_committee.NONE),
        _maybe(acts.men, drawn_committee.NONE),
        _keys(drawn_committee.ACTIVITY_STATUS_KEYS, acts.status),
        strict=True,
    )
    yield (
        "scale.stage.activity",
        "committee_activity",
        (
            "id",
            "plan_id",
            "title",
            "activity_type",
            "unit_id",
            "start_on",
            "end_on",
            "participants_female",
            "participants_male",
            "status",
        ),
        rows,
        count,
    )


def _keys(keys: Sequence[str], index: Any) -> list[str]:
    return np.array(keys, dtype=object)[index].tolist()


def _maybe(values: Any, missing: int) -> list[int | None]:
    """Integers, ``None`` where ``missing``."""
    result = values.astype(object)
    result[values == missing] = None
    return result.tolist()


def _maybe_dates(days: Any) -> list[str | None]:
    result = to_iso(np.maximum(days, 0)).astype(object)
    result[days == drawn_committee.NONE] = None
    return result.tolist()


def _maybe_day(days: Any) -> list[str | None]:
    """Day numbers as ISO dates, ``None`` where -1."""
    result = to_iso(np.maximum(days, 0)).astype(object)
    result[days < 0] = None
    return result.tolist()


def _copies(persons: Any, owner: Any) -> tuple[list[str], list[str]]:
    """The owners' sex and birth date, copied onto their rows (binhdang.store.copies)."""
    return persons.sex[owner].tolist(), to_iso(persons.birth[owner]).tolist()


def _dates(days: Any) -> list[str]:
    result = to_iso(days)
    result[days >= day(OPEN_END)] = OPEN_END.isoformat()
    return result.tolist()
