"""A batch of submissions (issue 17, item 6: ``rounds.service.Batch``, bench/rounds.py)
freezes what one-by-one submissions freeze, on both engines: the same figures and texts, the
same report files, although the unit trees are kept from one unit to the next and the charts
are drawn in the process."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, date, datetime

from sqlalchemy import Engine, update

from binhdang.rounds.freeze import FIGURES, figures_of, freeze
from binhdang.rounds.service import Batch, Prepared, get_round, open_round, prepare_on
from binhdang.store.tables import unit, unit_version
from binhdang.store.writes import write_transaction
from binhdang.units.tree import TreeCache, load_subtree, load_tree, load_trees

ON = date(2022, 10, 1)
NOW = datetime(2022, 12, 10, 3, 0, tzinfo=UTC)
MEMBERS = ("QT_TCCB", "QT_THU", "QT_VP")
# openpyxl writes the moment of writing into an XLSX's properties (and every file in a zip
# carries its time): the same report written twice differs only there
_WRITTEN_AT = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")


def _open(engine: Engine) -> None:
    with write_transaction(engine) as connection:
        open_round(connection, body_code="BHXH_QT", year=2022, as_of=ON, now=NOW)


def _contents(name: str, content: bytes) -> object:
    """A part as its content: a zip's members by name (their times left out)."""
    if not name.endswith((".docx", ".xlsx")):
        return content
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return [
            (member, _WRITTEN_AT.sub(b"", archive.read(member))) for member in archive.namelist()
        ]


def _same(one: Prepared, other: Prepared) -> None:
    assert (one.round_id, one.unit_id, one.version) == (other.round_id, other.unit_id, 1)
    assert [p.name for p in one.parts] == [p.name for p in other.parts]
    assert len(one.parts) == 4  # figures.json, DOCX, XLSX, HTML
    for mine, theirs in zip(one.parts, other.parts, strict=True):
        if mine.name in (FIGURES,) or mine.name.endswith(".html"):
            assert mine.content == theirs.content, mine.name
        assert _contents(mine.name, mine.content) == _contents(theirs.name, theirs.content)


def test_a_batch_freezes_what_one_by_one_freezes(demo_engine: Engine) -> None:
    engine = demo_engine
    _open(engine)
    batch = Batch(engine)
    for code in MEMBERS:
        alone = prepare_on(engine, unit_code=code, year=2022, now=NOW)
        _same(alone, batch.prepare(unit_code=code, year=2022, now=NOW))
    charts = next(p for p in alone.parts if p.name.endswith(".html")).content
    assert b"data:image/png;base64," in charts  # the report has its charts: compared too
    # and both are what the report writer freezes with no tree kept at all
    with engine.connect() as connection:
        found = get_round(connection, "BHXH_QT", 2022)
        plain = freeze(
            connection,
            load_tree(connection, ON),
            MEMBERS[-1],
            2022,
            ON,
            (found.period_start, found.period_end),
            NOW.date(),
        )
    _same(alone, Prepared(alone.round_id, alone.unit_id, 1, tuple(plain)))


def test_a_batch_reads_the_units_again_after_a_write(demo_engine: Engine) -> None:
    engine = demo_engine
    _open(engine)
    batch = Batch(engine)
    before = figures_of(
        dict(
            (p.name, p.content)
            for p in batch.prepare(unit_code="QT_TCCB", year=2022, now=NOW, with_files=False).parts
        )
    )
    assert before["unit"]["name"] != "Phòng Tổ chức (đổi tên)"
    with write_transaction(engine) as connection:  # moves the data version
        unit_id = connection.execute(
            unit.select().with_only_columns(unit.c.id).where(unit.c.code == "QT_TCCB")
        ).scalar_one()
        connection.execute(
            update(unit_version)
            .where(unit_version.c.unit_id == unit_id)
            .values(name="Phòng Tổ chức (đổi tên)")
        )
    after = batch.prepare(unit_code="QT_TCCB", year=2022, now=NOW, with_files=False)
    assert figures_of({p.name: p.content for p in after.parts})["unit"]["name"] == (
        "Phòng Tổ chức (đổi tên)"
    )
    _same(
        prepare_on(engine, unit_code="QT_TCCB", year=2022, now=NOW),
        batch.prepare(unit_code="QT_TCCB", year=2022, now=NOW),
    )


def test_shared_trees_are_the_trees_read_alone(demo_engine: Engine) -> None:
    days = [ON, date(2021, 10, 1), date(2020, 10, 1)]
    with demo_engine.connect() as connection:
        alone = [load_tree(connection, day) for day in days]
        subtrees = [load_subtree(connection, ON, code) for code in ("BHXH_QT", *MEMBERS)]
        several = load_trees(connection, days)
        cache = TreeCache()
        with cache.reading(connection, 1):
            assert load_tree(connection, ON) is load_tree(connection, ON)  # read once
            shared = [load_tree(connection, day) for day in days]
            shared_subtrees = [load_subtree(connection, ON, code) for code in ("BHXH_QT", *MEMBERS)]
            shared_several = load_trees(connection, days)
    for mine, theirs in zip(alone, shared, strict=True):
        assert (mine.nodes, mine.children) == (theirs.nodes, theirs.children)
    for (mine, whole), (theirs, shared_whole) in zip(subtrees, shared_subtrees, strict=True):
        assert whole == shared_whole
        assert (mine.nodes, mine.children) == (theirs.nodes, theirs.children)
    for day in days:
        assert (several[day].nodes, several[day].children) == (
            shared_several[day].nodes,
            shared_several[day].children,
        )
