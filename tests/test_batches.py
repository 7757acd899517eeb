"""Every import is a batch: history, dry run, and an undo that restores the database exactly."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine, MetaData, Table, inspect, select

from binhdang.accounts import audit
from binhdang.accounts.tables import audit_log
from binhdang.errors import BinhdangError
from binhdang.ingest import batches
from binhdang.ingest.preview import dry_run_staff
from tests.factories import STAFF_HEADER, UNIT_HEADER, staff_row, unit_row, write_table
from tests.helpers import run_cli
from tests.imports import import_staff, import_units

D2021, D2022 = date(2021, 10, 1), date(2022, 10, 1)
# The undo's own record, by design the one row it adds, and the data version that counts
# writes (the undo is one: tests/test_data_version.py).
BY_AUDIT = {"audit_log", "data_version"}


def whole_database(engine: Engine, leave_out: set[str] = BY_AUDIT) -> dict[str, list[Any]]:
    """Every row of every table (but ``leave_out``), sorted: the database's whole content."""
    names = sorted(set(inspect(engine).get_table_names()) - leave_out)
    metadata = MetaData()
    with engine.connect() as connection:
        return {
            name: sorted(
                (
                    tuple(row)
                    for row in connection.execute(
                        select(Table(name, metadata, autoload_with=connection))
                    )
                ),
                key=repr,
            )
            for name in names
        }


def xlsx(path: Path, header: list[str], rows: list[list[Any]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["DANH SÁCH CÁN BỘ"])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


@pytest.fixture
def lists(tmp_path: Path) -> dict[str, Path]:
    """A unit list and two years of staff lists exercising every kind of write."""
    units = write_table(
        tmp_path / "units.csv",
        UNIT_HEADER,
        [
            unit_row("ROOT", "Cơ quan", "", "Cơ quan"),
            unit_row("A", "Phòng A", "ROOT"),
            unit_row("A1", "Tổ A1", "A", "Tổ"),
            unit_row("B", "Phòng B", "ROOT"),
        ],
    )
    units_2022 = write_table(
        tmp_path / "units_2022.csv",
        UNIT_HEADER,
        [
            unit_row("ROOT", "Cơ quan", "", "Cơ quan"),
            unit_row("A", "Phòng A mới", "ROOT"),
            unit_row("B", "Phòng B", "ROOT"),
            unit_row("C", "Phòng C", "ROOT"),
        ],
    )
    y2021 = xlsx(
        tmp_path / "2021.xlsx",
        STAFF_HEADER,
        [
            staff_row("C1", unit="ROOT", position="Giám đốc", level="Cấp trưởng"),
            staff_row("C2", unit="A", position="Phó Trưởng phòng", level="Cấp phó"),
            staff_row("C3", unit="A1", sex="Nam"),
            staff_row("C4", unit="B"),
        ],
    )
    y2022 = xlsx(
        tmp_path / "2022.xlsx",
        STAFF_HEADER,
        [
            staff_row("C1", unit="ROOT", position="Giám đốc", level="Cấp trưởng"),
            staff_row("C2", unit="A", position="Trưởng phòng", level="Cấp trưởng"),  # promoted
            staff_row("C3", unit="B", sex="Nữ", name="Người C3 (sửa)"),  # moved, corrected
            staff_row("C5", unit="C"),  # added; C4 is ended
        ],
    )
    fix_2022 = xlsx(
        tmp_path / "2022b.xlsx",
        STAFF_HEADER,
        [
            staff_row("C1", unit="ROOT", position="Giám đốc", level="Cấp trưởng"),
            staff_row("C2", unit="A"),  # the post recorded on 2022 deleted
            staff_row("C3", unit="C", sex="Nữ", name="Người C3 (sửa)"),  # the 2022 job updated
            staff_row("C4", unit="B"),  # the ending on 2022 reopened
        ],
    )
    return {
        "units": units,
        "units_2022": units_2022,
        "2021": y2021,
        "2022": y2022,
        "2022b": fix_2022,
    }


def test_undo_restores_every_table(engine: Engine, lists: dict[str, Path]) -> None:
    """Each undo puts the whole database back as it was before that import, row for row."""
    states = [whole_database(engine)]
    import_units(engine, lists["units"])
    states.append(whole_database(engine))
    import_staff(engine, lists["2021"], D2021)
    states.append(whole_database(engine))
    import_units(engine, lists["units_2022"], D2022)  # A renamed, C added
    states.append(whole_database(engine))
    outcome = import_staff(engine, lists["2022"], D2022, close_missing=True)
    assert (outcome.added, outcome.changed, outcome.ended) == (1, 2, 1)
    states.append(whole_database(engine))
    import_units(engine, lists["units_2022"], D2022, close_missing=True)  # A1 closed (empty)
    states.append(whole_database(engine))
    outcome = import_staff(engine, lists["2022b"], D2022, close_missing=True)
    assert outcome.changed + outcome.added >= 3
    assert whole_database(engine) != states[-1]
    while states:
        expected = states.pop()
        with engine.begin() as connection:
            batches.undo(connection)
        assert whole_database(engine) == expected
    with engine.connect() as connection, pytest.raises(BinhdangError) as excinfo:
        batches.undo(connection)
    assert excinfo.value.message.key == "batch.none"


def test_only_the_newest_batch_can_be_undone(engine: Engine, lists: dict[str, Path]) -> None:
    import_units(engine, lists["units"])
    import_staff(engine, lists["2021"], D2021)
    before = whole_database(engine, set())
    with engine.begin() as connection, pytest.raises(BinhdangError) as excinfo:
        batches.undo(connection, 1)
    assert excinfo.value.message.key == "batch.not_newest"
    assert excinfo.value.message.params["newest"] == 2
    with engine.begin() as connection, pytest.raises(BinhdangError) as excinfo:
        batches.undo(connection, 99)
    assert excinfo.value.message.key == "batch.unknown"
    assert whole_database(engine, set()) == before


def test_a_batch_without_its_writes_recorded_is_refused(engine: Engine) -> None:
    with engine.begin() as connection:
        batches.record_batch(
            connection,
            kind="maternity",
            as_of=None,
            source_name="ts.xlsx",
            sha256="0" * 64,
            summary={"added": 1},
            journal=None,
            imported_by="cli",
        )
    with engine.begin() as connection, pytest.raises(BinhdangError) as excinfo:
        batches.undo(connection)
    assert excinfo.value.message.key == "batch.not_reversible"


def test_a_batch_behind_one_that_cannot_be_undone_says_so(
    engine: Engine, lists: dict[str, Path]
) -> None:
    """Not "undo the newer one first" when the newer one (a committee list) cannot be undone."""
    import_units(engine, lists["units"])
    with engine.begin() as connection:
        batches.record_batch(
            connection,
            kind="members",
            as_of=None,
            source_name="ban.xlsx",
            sha256="0" * 64,
            summary={"added": 9},
            journal=None,
            imported_by="cli",
        )
    with engine.begin() as connection, pytest.raises(BinhdangError) as excinfo:
        batches.undo(connection, 1)
    assert excinfo.value.message.key == "batch.behind_permanent"
    assert "ban.xlsx" in excinfo.value.message.render("vi")


def test_dry_run_lists_changes_and_writes_nothing(engine: Engine, lists: dict[str, Path]) -> None:
    import_units(engine, lists["units"])
    import_units(engine, lists["units_2022"], D2022)
    import_staff(engine, lists["2021"], D2021)
    before = whole_database(engine, set())
    outcome = dry_run_staff(engine, lists["2022"], D2022)
    assert whole_database(engine, set()) == before
    assert sorted((c.kind, c.staff_code) for c in outcome.changes) == [
        ("absent", "C4"),
        ("added", "C5"),
        ("moved", "C3"),
        ("promoted", "C2"),
    ]
    ended = dry_run_staff(engine, lists["2022"], D2022, close_missing=True)
    assert ("ended", "C4") in [(c.kind, c.staff_code) for c in ended.changes]
    assert whole_database(engine, set()) == before


def test_cli_history_dry_run_and_undo(
    db_url: str, lists: dict[str, Path], capsys: pytest.CaptureFixture[str], engine: Engine
) -> None:
    assert run_cli(capsys, "import", "units", str(lists["units"]), "--db", db_url).code == 0
    assert (
        run_cli(
            capsys,
            "import",
            "units",
            str(lists["units_2022"]),
            "--as-of",
            "01/10/2022",
            "--db",
            db_url,
        ).code
        == 0
    )
    assert (
        run_cli(
            capsys, "import", "staff", str(lists["2021"]), "--as-of", "01/10/2021", "--db", db_url
        ).code
        == 0
    )
    before = whole_database(engine, set())
    dry = run_cli(
        capsys,
        "import",
        "staff",
        str(lists["2022"]),
        "--as-of",
        "01/10/2022",
        "--dry-run",
        "--db",
        db_url,
        "--lang",
        "en",
    )
    assert dry.code == 0
    assert "Moved to another unit (1):" in dry.out
    assert "C3  Người C3 (sửa) — A1 → B" in dry.out
    assert "Promoted or appointed (1):" in dry.out
    assert "would be ended with --close-missing" in dry.out and "C4" in dry.out
    assert whole_database(engine, set()) == before
    both = run_cli(
        capsys,
        "import",
        "staff",
        str(lists["2022"]),
        "--as-of",
        "01/10/2022",
        "--dry-run",
        "--skip-invalid",
        "--db",
        db_url,
    )
    assert both.code != 0 and "--skip-invalid" in both.err and "Traceback" not in both.err
    bad = write_table(
        lists["2022"].with_name("bad.csv"), STAFF_HEADER, [staff_row("C9", born="31/02/1990")]
    )
    refused = run_cli(
        capsys, "import", "staff", str(bad), "--as-of", "01/10/2022", "--dry-run", "--db", db_url
    )
    assert refused.code != 0 and "31/02/1990" in refused.err and "Traceback" not in refused.err
    assert not bad.with_name("bad.rejected.csv").exists()
    assert whole_database(engine, set()) == before
    assert (
        run_cli(
            capsys, "import", "staff", str(lists["2022"]), "--as-of", "01/10/2022", "--db", db_url
        ).code
        == 0
    )

    listed = run_cli(capsys, "import", "history", "--format", "json", "--db", db_url)
    history = json.loads(listed.out)
    # Ids only grow (a dry run on PostgreSQL uses a sequence number it gives back to no one).
    assert [(b["kind"], b["file"], b["imported_by"]) for b in history] == [
        ("staff", "2022.xlsx", "cli"),
        ("staff", "2021.xlsx", "cli"),
        ("units", "units_2022.csv", "cli"),
        ("units", "units.csv", "cli"),
    ]
    ids = [b["id"] for b in history]
    assert ids == sorted(ids, reverse=True)
    assert history[0]["counts"]["added"] == 1 and len(history[0]["sha256"]) == 64
    newest, earlier = ids[0], ids[1]
    table = run_cli(capsys, "import", "history", "--db", db_url).out
    assert f"{newest} | Danh sách cán bộ | 01/10/2022 | 2022.xlsx | cli |" in table
    assert "| units |" not in table and "| staff |" not in table  # words, not codes

    refused = run_cli(capsys, "import", "undo", str(earlier), "--db", db_url)
    assert refused.code != 0 and "Traceback" not in refused.err
    assert f"số {newest}" in refused.err
    done = run_cli(capsys, "import", "undo", "--last", "--db", db_url)
    assert done.code == 0 and f"số {newest}" in done.out
    assert whole_database(engine) == {k: v for k, v in before.items() if k not in BY_AUDIT}
    with engine.connect() as connection:
        entry = connection.execute(
            select(audit_log.c.action, audit_log.c.actor, audit_log.c.target, audit_log.c.detail)
        ).one()
    assert entry[:3] == ("import.undo", "cli", "2022.xlsx")
    assert json.loads(entry[3])["batch"] == newest
    both = run_cli(capsys, "import", "undo", "3", "--last", "--db", db_url)
    assert both.code != 0 and "--last" in both.err


def test_the_web_cache_sees_an_import_that_reuses_an_undone_batchs_ids(
    engine: Engine, lists: dict[str, Path]
) -> None:
    """SQLite gives the ids of undone rows again; the fingerprint must still differ."""
    from binhdang.web.cache import fingerprint

    import_units(engine, lists["units"])
    import_units(engine, lists["units_2022"], D2022)
    import_staff(engine, lists["2021"], D2021)
    import_staff(engine, lists["2022"], D2022)
    with engine.connect() as connection:
        first = fingerprint(connection)
    with engine.begin() as connection:
        undone = batches.undo(connection)
        audit.record(
            connection,
            actor=None,
            actor_name="cli",
            action="import.undo",
            now=datetime.now(UTC),
            target=undone.batch.file_name,
        )
    # The same writes but one: C5 goes to A, not C (same row ids, other figures).
    other = xlsx(
        lists["2022"].with_name("2022c.xlsx"),
        STAFF_HEADER,
        [
            staff_row("C1", unit="ROOT", position="Giám đốc", level="Cấp trưởng"),
            staff_row("C2", unit="A", position="Trưởng phòng", level="Cấp trưởng"),
            staff_row("C3", unit="B", sex="Nữ", name="Người C3 (sửa)"),
            staff_row("C5", unit="A"),
        ],
    )
    import_staff(engine, other, D2022)
    with engine.connect() as connection:
        second = fingerprint(connection)
    assert second != first


def test_undo_refuses_when_a_later_change_touched_the_batchs_rows(
    engine: Engine, lists: dict[str, Path]
) -> None:
    """A unit merge after the import moved its people: undoing would erase the merge."""
    from binhdang.units.merge import merge_units

    import_units(engine, lists["units"])
    import_staff(engine, lists["2021"], D2021)
    with engine.begin() as connection:
        merge_units(connection, ["A1"], "A", date(2022, 1, 1))
    before = whole_database(engine, set())
    with engine.begin() as connection, pytest.raises(BinhdangError) as excinfo:
        batches.undo(connection)
    assert excinfo.value.message.key == "batch.changed_since"
    assert excinfo.value.message.params["count"] >= 1
    assert whole_database(engine, set()) == before


def test_undo_refuses_when_what_the_batch_added_is_used_since(
    engine: Engine, lists: dict[str, Path]
) -> None:
    """An account was made for a unit the batch added: deleting the unit would break it."""
    from binhdang.accounts.permissions import Role
    from binhdang.accounts.service import create_account

    import_units(engine, lists["units"])
    with engine.begin() as connection:
        create_account(
            connection,
            name="editor_b",
            role=Role.EDITOR,
            unit_code="A",
            password=None,
            now=datetime.now(UTC),
        )
    before = whole_database(engine, set())
    with pytest.raises(BinhdangError) as excinfo, engine.begin() as connection:
        batches.undo(connection)
    assert excinfo.value.message.key == "batch.referenced"
    assert whole_database(engine, set()) == before


def test_a_journals_rows_are_read_back_in_spans_and_lists() -> None:
    spans, scattered = batches._spans([*range(1, 151), 160, 162, *range(200, 299), 300])
    assert spans == [(1, 150)]
    assert scattered == [160, 162, *range(200, 299), 300]
    assert batches._spans([]) == ([], [])
    assert batches._spans(list(range(5, 5 + batches.SPAN_MIN))) == ([(5, 104)], [])


def test_a_journal_inserts_each_row_under_the_id_it_returns(engine: Engine) -> None:
    """The ids are drawn before the rows are written (one executemany): each id must be the
    row it was returned for, after rows already there and after an id left by a deletion."""
    from binhdang.store.tables import unit
    from binhdang.store.writes import write_transaction

    journal = batches.Journal()
    with write_transaction(engine) as connection:
        first = journal.insert(connection, unit, [{"code": f"J{n}"} for n in range(3)])
        journal.delete(connection, unit, first[-1:])
        more = journal.insert(connection, unit, [{"code": f"K{n}"} for n in range(250)])
        codes = dict(connection.execute(select(unit.c.id, unit.c.code)).all())
        digests = batches._digests(connection, {("unit", i) for i in first[:2] + more})
    assert [codes[i] for i in first[:2]] == ["J0", "J1"]
    assert [codes[i] for i in more] == [f"K{n}" for n in range(250)]
    assert len(set(first[:2] + more)) == 252
    assert all(digests.values()) and len(digests) == 252


def test_the_digest_of_a_row_as_written_is_the_one_read_back(engine: Engine) -> None:
    """Undo compares each row's digest now with the one recorded: a new row's digest is taken
    from the values written rather than read back, and must be the very digest a read gives,
    on both engines, for every column type the journaled tables have — integers, texts
    (Vietnamese, NFD, quotes, backslashes, an empty one), dates, booleans and NULLs — or the
    import's own rows would look changed since. A value of another type than its column's (an
    int into a text column reads back as text on SQLite) gets no such digest: read back."""
    from binhdang.store.tables import OPEN_END, employment, person, position, unit, unit_version
    from binhdang.store.writes import write_transaction

    journal = batches.Journal()
    with write_transaction(engine) as connection:
        units = journal.insert(connection, unit, [{"code": "R"}, {"code": 'Đ-1 "q" \\'}])
        journal.insert(
            connection,
            unit_version,
            [
                {"unit_id": units[0], "name": "Sở Nội vụ", "parent_id": None,
                 "valid_from": date(1900, 1, 1)},  # kind and valid_to: the defaults
                {"unit_id": units[1], "name": "Phòng Tổ chức", "kind": "", "parent_id": units[0],
                 "valid_from": date(2020, 2, 29), "valid_to": OPEN_END},
            ],
        )  # fmt: skip
        people = journal.insert(
            connection,
            person,
            [
                {"staff_code": "P1", "full_name": "Nguyễn Thị Ánh", "sex": "F",
                 "birth_date": date(1980, 1, 31), "ethnicity": None, "insurance_number": None,
                 "citizen_id": None, "code_assigned": False},
                {"staff_code": "BD-000001", "full_name": "Trần Văn Bình", "sex": "M",
                 "birth_date": date(1999, 12, 1), "ethnicity": "Kinh",
                 "insurance_number": "0123456789", "citizen_id": "001099000123",
                 "code_assigned": True},
                {"staff_code": "P3", "full_name": "Lê Thị Ánh", "sex": "F",
                 "birth_date": date(1970, 7, 7), "ethnicity": "Tày",
                 "insurance_number": None, "citizen_id": None, "code_assigned": False},
            ],
        )  # fmt: skip
        jobs = [
            {"person_id": people[0], "unit_id": units[0], "category": "cong_chuc", "rank": None,
             "valid_from": date(2021, 10, 1), "valid_to": OPEN_END, "sex": "F",
             "birth_date": date(1980, 1, 31), "grade_code": "01.003", "step": 3,
             "salary_coefficient": 300, "allowance_coefficient": None,
             "seniority_percent": 0, "last_raise": date(2020, 1, 1)},
            {"person_id": people[1], "unit_id": units[1], "category": "lao_dong",
             "rank": "Chuyên viên", "valid_from": date(2021, 10, 1),
             "valid_to": date(2022, 10, 1), "sex": "M", "birth_date": date(1999, 12, 1),
             "grade_code": None, "step": None, "salary_coefficient": None,
             "allowance_coefficient": 2_000_000_000, "seniority_percent": None,
             "last_raise": None},
        ]  # fmt: skip
        journal.insert(connection, employment, jobs)
        journal.insert(
            connection,
            position,
            [
                {"person_id": people[0], "unit_id": units[0], "title": "Giám đốc",
                 "level": "head", "valid_from": date(2021, 10, 1), "valid_to": OPEN_END,
                 "sex": "F", "birth_date": date(1980, 1, 31)},
            ],
        )  # fmt: skip
        odd = journal.insert(connection, unit, [{"code": 42}])  # an int into a text column
        keys = {(name, row_id) for name, row_id, _, _ in journal.entries}
        read_back = batches._digests(connection, keys)
    assert len(keys) == 11
    assert ("unit", odd[0]) not in journal.written
    assert set(journal.written) == keys - {("unit", odd[0])}
    assert all(journal.written[key] == read_back[key] for key in journal.written)


def test_a_row_written_again_after_its_insert_is_read_back(engine: Engine) -> None:
    """The digest of the values written holds only while the row is as inserted: a row the
    same batch updates after inserting it is recorded as it is at the end (and undone)."""
    from binhdang.store.tables import unit
    from binhdang.store.writes import write_transaction

    journal = batches.Journal()
    with write_transaction(engine) as connection:
        ids = journal.insert(connection, unit, [{"code": "U1"}, {"code": "U2"}])
        journal.update(connection, unit, ids[:1], {"code": "U1b"})
        batch = batches.record_batch(
            connection,
            kind="units",
            as_of=None,
            source_name="u.csv",
            sha256="0" * 64,
            summary={},
            journal=journal,
            imported_by=None,
        )
        recorded = dict(
            connection.execute(
                select(batches.import_change.c.row_id, batches.import_change.c.after_digest)
                .where(batches.import_change.c.batch_id == batch)
                .where(batches.import_change.c.operation == "insert")
            ).all()
        )
        now = batches._digests(connection, {("unit", i) for i in ids})
    assert recorded == {ids[0]: now[("unit", ids[0])], ids[1]: now[("unit", ids[1])]}
    assert recorded[ids[0]] != journal.written[("unit", ids[0])]  # the insert's is stale
    with write_transaction(engine) as connection:
        batches.undo(connection)
        assert connection.execute(select(unit)).all() == []
