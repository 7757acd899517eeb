"""Helpers shared by tests: running the CLI in-process and snapshotting the database."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine, inspect, select, text

from binhdang.cli import main
from binhdang.ingest.templates import EXAMPLE_SHEET
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


def fill_from_examples(path: Path) -> Path:
    """Copy a template's example rows (its second sheet) onto the sheet an import reads, as a
    user filling the template would."""
    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    examples = workbook[EXAMPLE_SHEET].iter_rows(min_row=2, values_only=True)
    for row_number, values in enumerate(examples, start=2):
        for column, value in enumerate(values, start=1):
            sheet.cell(row=row_number, column=column, value=value)
    workbook.save(path)
    return path


USE_HINTS = {"api_token": {"last_used_at"}}
"""A token's last use: a hint written at most once a minute by any authenticated request,
refused or not (``accounts.service.touch``). Which request writes it depends on the clock (CI
once saw the minute turn between two requests), so "nothing was written" leaves it out."""


def every_row(
    engine: Engine, leave_out: Mapping[str, set[str]] | None = None
) -> dict[str, list[str]]:
    """Every row of every table of the database (its schema on PostgreSQL), comparable: equal
    results mean that nothing at all was written. Not ``data_version``: it counts the writes
    (tests/test_data_version.py), and an undo or a restore puts back the data, not the count.
    ``leave_out`` names columns per table that are not compared (e.g. a token's last use,
    a hint written even on a refused request)."""
    leave_out = leave_out or {}
    inspector = inspect(engine)
    names = sorted(set(inspector.get_table_names()) - {"data_version"})
    with engine.connect() as connection:
        rows = {}
        for name in names:
            skipped = leave_out.get(name)
            columns = "*"
            if skipped:
                kept = [c["name"] for c in inspector.get_columns(name) if c["name"] not in skipped]
                columns = ", ".join(f'"{column}"' for column in kept)
            found = connection.execute(text(f'SELECT {columns} FROM "{name}"'))
            rows[name] = sorted(repr(tuple(row)) for row in found)
        return rows


def without_pay(indicators):  # type: ignore[no-untyped-def]
    """The indicator set without the pay and career results (issue 18), which the staff and
    post reference computations (``compute``) do not make."""
    from dataclasses import replace

    from binhdang.indicators.catalogue import PAY_CODES

    return replace(
        indicators, results=tuple(r for r in indicators.results if r.code not in PAY_CODES)
    )


def cli_pages():  # type: ignore[no-untyped-def]
    """Every command of ``binhdang`` — the top level, each group and each command — with the
    context ``binhdang GROUP COMMAND`` gives it, groups before their commands; freshly built."""
    import typer.models
    from typer._click import core as click_core

    from binhdang.cli import app
    from binhdang.cli.app import _lazy_group

    root = _lazy_group(typer.models.TyperInfo(app))
    pending = [(root, click_core.Context(root, info_name="binhdang"))]
    while pending:
        command, context = pending.pop(0)
        yield context.command_path, command, context
        children = getattr(command, "commands", None)
        for name in children or ():
            child = children[name]
            pending.append((child, click_core.Context(child, info_name=name, parent=context)))


def on_terminal(python_args: list[str], env: dict[str, str], columns: int | None = None) -> bytes:
    """What ``python PYTHON_ARGS`` writes on a pseudo-terminal (stdout and stderr together),
    of ``columns`` when given (its size read from the terminal, not the environment); the
    process must exit 0."""
    import fcntl
    import os
    import pty
    import struct
    import subprocess
    import sys
    import termios

    leader, follower = pty.openpty()
    if columns is not None:
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    process = subprocess.Popen(
        [sys.executable, *python_args], stdin=follower, stdout=follower, stderr=follower, env=env
    )
    os.close(follower)
    output = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the process ended
            break
        if not chunk:
            break
        output += chunk
    os.close(leader)
    assert process.wait() == 0
    return output
