"""Helpers for the policies tests: the CLI in-process, a small office with staff."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from binhdang.cli import main
from binhdang.ingest.service import import_staff, import_units
from tests.factories import SMALL_TREE, STAFF_HEADER, UNIT_HEADER, staff_row, write_table


@dataclass
class CliResult:
    code: int
    out: str
    err: str


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> CliResult:
    """Run ``binhdang ARGS`` in-process, as the console script does."""
    capsys.readouterr()
    try:
        main(list(args))
        code = 0
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    captured = capsys.readouterr()
    return CliResult(code, captured.out, captured.err)


def load_office(engine: Engine, tmp_path: Path, lists: dict[date, list[list[Any]]]) -> None:
    """The small tree (ROOT ─ A ─ A1, ROOT ─ B) and one staff list per date."""
    import_units(engine, write_table(tmp_path / "units.csv", UNIT_HEADER, SMALL_TREE))
    for day, rows in sorted(lists.items()):
        path = write_table(tmp_path / f"staff_{day.isoformat()}.csv", STAFF_HEADER, rows)
        import_staff(engine, path, day, close_missing=True)


__all__ = ["CliResult", "load_office", "run_cli", "staff_row"]
