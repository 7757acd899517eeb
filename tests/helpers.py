"""Helpers shared by tests: running the CLI in-process and snapshotting the database."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import Engine, inspect, select, text

from binhdang.cli import main
from binhdang.store.tables import employment, import_batch, person, position, unit, unit_version

DATA_TABLES = (unit, unit_version, person, employment, position)


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


def snapshot(engine: Engine, with_log: bool = False) -> dict[str, list[tuple]]:  # type: ignore[type-arg]
    """Every row of the data tables, sorted: equal snapshots mean an unchanged database."""
    tables = DATA_TABLES + ((import_batch,) if with_log else ())
    with engine.connect() as connection:
        return {
            table.name: sorted(tuple(row) for row in connection.execute(select(table)))
            for table in tables
        }


def every_row(engine: Engine) -> dict[str, list[str]]:
    """Every row of every table of the database (its schema on PostgreSQL), comparable: equal
    results mean that nothing at all was written."""
    names = sorted(inspect(engine).get_table_names())
    with engine.connect() as connection:
        return {
            name: sorted(repr(tuple(row)) for row in connection.execute(text(f'SELECT * FROM "{name}"')))
            for name in names
        }  # fmt: skip
