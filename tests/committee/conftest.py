"""Fixtures of the committee tests: a small office with staff, and files of each record kind."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from binhdang.committee.kinds import KINDS
from binhdang.committee.records import RecordKind
from binhdang.demo.run import build
from binhdang.errors import BinhdangError
from tests.factories import SMALL_TREE, STAFF_HEADER, UNIT_HEADER, staff_row, write_table
from tests.imports import import_staff, import_units

ON = date(2022, 10, 1)

# ROOT (C1 head, F) ─┬─ A (C2 deputy, M; C3 F) ── A1 (C4 F)
#                    └─ B (C5 M, C6 F, C7 M)
# 7 staff: 4 women, 3 men; posts: 1 head (F), 1 deputy (M).
STAFF = [
    staff_row("C1", sex="Nữ", unit="ROOT", position="Giám đốc", level="Cấp trưởng"),
    staff_row("C2", sex="Nam", unit="A", position="Phó Trưởng phòng", level="Cấp phó"),
    staff_row("C3", sex="Nữ", unit="A"),
    staff_row("C4", sex="Nữ", unit="A1"),
    staff_row("C5", sex="Nam", unit="B"),
    staff_row("C6", sex="Nữ", unit="B"),
    staff_row("C7", sex="Nam", unit="B"),
]


@pytest.fixture
def office(engine: Engine, tmp_path: Path) -> Engine:
    """The small tree with seven staff on 01/10/2022."""
    import_units(engine, write_table(tmp_path / "units.csv", UNIT_HEADER, SMALL_TREE))
    import_staff(engine, write_table(tmp_path / "staff.csv", STAFF_HEADER, STAFF), ON)
    return engine


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo office with the committee's lists, built once (SQLite)."""
    folder = tmp_path_factory.mktemp("committee-demo")
    build(f"sqlite:///{folder / 'demo.db'}", folder / "lists")
    return folder / "demo.db"


def kind_file(
    path: Path, kind: str | RecordKind, rows: Sequence[dict[str, Any]], header: Sequence[str] = ()
) -> Path:
    """A file of ``kind`` with its template headers; each row gives cells by field name."""
    spec = KINDS[kind] if isinstance(kind, str) else kind
    fields = [f.name for f in spec.fields]
    labels = list(header) or [f.spec.label_vi for f in spec.fields]
    return write_table(path, labels, [[row.get(name, "") for name in fields] for row in rows])


def count(engine: Engine, kind: str) -> int:
    table = KINDS[kind].table
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(table)).scalar_one()


def problems(
    excinfo: pytest.ExceptionInfo[BinhdangError],
) -> list[tuple[int | None, str | None, str]]:
    """(row, column as written, message key) of each problem, in order."""
    return [(p.row, p.column, p.message.key) for p in excinfo.value.problems]
