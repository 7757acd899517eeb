"""Importers take the connection of a write transaction their caller owns (issue 16, item 3).

Each importer (staff, units, a committee kind, maternity) is called on a connection and never
commits: what it wrote is undone when its caller rolls back — after an error in the file, after
an error of the caller's own once the import returned, and always in the web preview ("import,
then roll back"). Both engines.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine

from binhdang.committee.kinds import KINDS
from binhdang.committee.records import import_records
from binhdang.errors import BinhdangError
from binhdang.ingest.outcome import ImportOutcome
from binhdang.ingest.service import import_staff, import_units
from binhdang.policies.records import MATERNITY_COLUMNS, import_maternity
from binhdang.store.writes import write_transaction
from binhdang.web import imports as web_imports
from tests.factories import SMALL_TREE, STAFF_HEADER, UNIT_HEADER, staff_row, write_table
from tests.helpers import every_row

ON = date(2022, 10, 1)
STAFF = [staff_row("T1", unit="A"), staff_row("T2", sex="Nam", unit="B")]


@pytest.fixture
def office(engine: Engine, tmp_path: Path) -> Engine:
    with write_transaction(engine) as connection:
        import_units(connection, write_table(tmp_path / "units.csv", UNIT_HEADER, SMALL_TREE))
    with write_transaction(engine) as connection:
        import_staff(connection, write_table(tmp_path / "staff.csv", STAFF_HEADER, STAFF), ON)
    return engine


def _staff_file(folder: Path, good: bool) -> Path:
    rows = [*STAFF, staff_row("T3", unit="A1" if good else "NO_SUCH_UNIT")]
    return write_table(folder / f"staff-{good}.csv", STAFF_HEADER, rows)


def _units_file(folder: Path, good: bool) -> Path:
    extra = ["C", "Phòng C", "ROOT" if good else "NO_SUCH_PARENT", "Phòng"]
    return write_table(folder / f"units-{good}.csv", UNIT_HEADER, [*SMALL_TREE, extra])


def _training_file(folder: Path, good: bool) -> Path:
    kind = KINDS["training"]
    cells = {
        "staff_code": "T1" if good else "NOBODY",
        "course_type": "Trung cấp lý luận chính trị",
        "course_name": "Lớp 1",
        "start_on": "01/03/2022",
        "status": "Đang học",
    }
    header = [item.spec.label_vi for item in kind.fields]
    return write_table(
        folder / f"training-{good}.csv",
        header,
        [[cells.get(item.name, "") for item in kind.fields]],
    )


def _maternity_file(folder: Path, good: bool) -> Path:
    row = ["T1" if good else "T2", "", "15/09/2022", "", "1", "1", "01/09/2022", "", ""]
    header = [spec.label_vi for spec in MATERNITY_COLUMNS]
    return write_table(folder / f"maternity-{good}.csv", header, [row])


Importer = Callable[[Connection, Path], ImportOutcome]
IMPORTERS: dict[str, tuple[Callable[[Path, bool], Path], Importer]] = {
    "staff": (_staff_file, lambda c, path: import_staff(c, path, ON)),
    "units": (_units_file, lambda c, path: import_units(c, path, ON)),
    "training": (_training_file, lambda c, path: import_records(c, KINDS["training"], path)),
    "maternity": (_maternity_file, lambda c, path: import_maternity(c, path)),
}


class _CallerFailed(Exception):
    """An error of the caller after the import returned (the next step of its action)."""


@pytest.mark.parametrize("name", sorted(IMPORTERS))
def test_an_importer_writes_only_what_its_caller_commits(
    office: Engine, tmp_path: Path, name: str
) -> None:
    write_file, run = IMPORTERS[name]
    good = write_file(tmp_path, True)
    before = every_row(office)
    with write_transaction(office, commit=False) as connection:  # a preview, a dry run
        outcome = run(connection, good)
    assert outcome.added + outcome.changed > 0  # it did write, on the connection
    assert every_row(office) == before
    with pytest.raises(_CallerFailed), write_transaction(office) as connection:
        run(connection, good)
        raise _CallerFailed
    assert every_row(office) == before
    with write_transaction(office) as connection:  # committed by its owner: stored
        run(connection, good)
    assert every_row(office) != before


@pytest.mark.parametrize("name", sorted(IMPORTERS))
def test_a_failed_import_changes_nothing(office: Engine, tmp_path: Path, name: str) -> None:
    write_file, run = IMPORTERS[name]
    bad = write_file(tmp_path, False)
    before = every_row(office)
    with pytest.raises(BinhdangError) as raised, write_transaction(office) as connection:
        run(connection, bad)
    assert raised.value.message.key == "import.failed"
    assert every_row(office) == before


@pytest.mark.parametrize("kind", web_imports.KINDS)
def test_the_web_preview_imports_then_rolls_back(office: Engine, tmp_path: Path, kind: str) -> None:
    write_file = _staff_file if kind == "staff" else _units_file
    data = write_file(tmp_path, True).read_bytes()
    pending = web_imports.save_upload(
        tmp_path / "uploads",
        account_id=1,
        kind=kind,
        file_name="list.csv",
        data=data,
        as_of=ON,
        close_missing=False,
    )
    before = every_row(office)
    shown = web_imports.preview(office, pending)
    assert shown.ok and shown.summary["added"] == 1  # the real import's counts…
    assert every_row(office) == before  # …and nothing kept
    bad = web_imports.save_upload(
        tmp_path / "uploads",
        account_id=1,
        kind=kind,
        file_name="bad.csv",
        data=write_file(tmp_path, False).read_bytes(),
        as_of=ON,
        close_missing=False,
    )
    refused = web_imports.preview(office, bad)
    assert not refused.ok and refused.problems
    assert every_row(office) == before
    outcome = web_imports.commit(office, pending)  # confirmed: imported for real
    assert outcome.added == 1
    assert every_row(office) != before


@pytest.mark.parametrize("name", sorted(IMPORTERS))
def test_an_importer_given_an_engine_says_what_it_wants(
    office: Engine, tmp_path: Path, name: str
) -> None:
    write_file, run = IMPORTERS[name]
    before = every_row(office)
    with pytest.raises(TypeError, match="write_transaction"):
        run(office, write_file(tmp_path, True))  # type: ignore[arg-type]
    assert every_row(office) == before
