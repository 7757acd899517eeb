"""Helpers for the policies tests: a small office with staff lists (and the shared CLI runner)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from tests.factories import SMALL_TREE, STAFF_HEADER, UNIT_HEADER, staff_row, write_table
from tests.helpers import run_cli
from tests.imports import import_staff, import_units


def load_office(engine: Engine, tmp_path: Path, lists: dict[date, list[list[Any]]]) -> None:
    """The small tree (ROOT ─ A ─ A1, ROOT ─ B) and one staff list per date."""
    import_units(engine, write_table(tmp_path / "units.csv", UNIT_HEADER, SMALL_TREE))
    for day, rows in sorted(lists.items()):
        path = write_table(tmp_path / f"staff_{day.isoformat()}.csv", STAFF_HEADER, rows)
        import_staff(engine, path, day, close_missing=True)


__all__ = ["load_office", "run_cli", "staff_row"]
