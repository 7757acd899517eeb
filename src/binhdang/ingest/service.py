"""Importing a file: read → map headers → parse and validate → reconcile, on a connection.

The importers take the connection of a write transaction their caller owns
(:func:`binhdang.store.writes.write_transaction`, which holds the write lock from the first
read): the command line and the web commit it, the web preview and ``--dry-run`` roll it back,
the demo runs several imports in one. They never commit.

A file with any error imports nothing, unless ``skip_invalid`` is set: then the valid rows
are imported and the rejected ones written, with the reason, to a file beside the input.
Any exception raised by an importer leaves the transaction to be rolled back whole by its
owner: the database is exactly as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from sqlalchemy import Connection

from binhdang.errors import BinhdangError, Problem
from binhdang.ingest.batches import record_batch
from binhdang.ingest.columns import (
    STAFF_COLUMNS,
    UNIT_COLUMNS,
    ColumnSpec,
    MappedSheet,
    map_columns,
)
from binhdang.ingest.outcome import ImportOutcome, require_connection, write_rejected
from binhdang.ingest.reader import RawSheet, read_sheet
from binhdang.ingest.staff import parse_staff, reconcile_staff, without_sensitive_columns
from binhdang.ingest.units import parse_units, reconcile_units
from binhdang.messages import Lang
from binhdang.store.writes import bulk_page_cache
from binhdang.units.tree import load_tree

Progress = Callable[[int, int], None]
"""Called with (rows done so far, rows in all)."""


def import_staff(
    connection: Connection,
    path: Path,
    as_of: date,
    *,
    sheet: str | None = None,
    close_missing: bool = False,
    scope: str | Sequence[str] | None = None,
    skip_invalid: bool = False,
    lang: Lang = "vi",
    progress: Progress | None = None,
    user: str | None = None,
    read: RawSheet | None = None,
) -> ImportOutcome:
    """Import a staff list dated ``as_of`` (one row per person).

    ``scope`` is the unit (or units) whose whole staff the list describes (who is missing from
    it, and ended with ``close_missing``); by default, in each tree the list touches, the lowest
    unit above every unit of the list in that tree.
    The plan (the tree, the stored employments) is read and written on ``connection``, the
    connection of a write transaction its caller owns (store/writes.py). ``read`` is ``path``
    as a caller already read it (the web preview, which also shows its rows, reads the upload
    once).
    """
    require_connection(connection, "import_staff")
    raw = read if read is not None else read_sheet(path, sheet)
    mapped = without_sensitive_columns(map_columns(raw, STAFF_COLUMNS))
    outcome = ImportOutcome(mapped.file_name, as_of, warnings=list(mapped.warnings))
    with _remove_rejected_on_failure(outcome):
        tree = load_tree(connection, as_of)
        for code in [scope] if isinstance(scope, str) else scope or ():
            tree.require(code)
        records, problems = parse_staff(mapped, as_of, tree)
        _refuse_or_reject(path, mapped, STAFF_COLUMNS, problems, outcome, skip_invalid, lang)
        done = 0

        def advance(rows: int) -> None:
            nonlocal done
            done += rows
            if progress:
                progress(done, len(records))

        with bulk_page_cache(connection):
            reconcile_staff(
                connection,
                records,
                as_of,
                tree,
                outcome,
                close_missing=close_missing,
                has_ethnicity="ethnicity" in mapped.headers,
                scope=scope,
                advance=advance,
                headers=mapped.headers,
            )
            _log(connection, "staff", outcome, mapped, user)
    return outcome


def import_units(
    connection: Connection,
    path: Path,
    as_of: date | None = None,
    *,
    sheet: str | None = None,
    close_missing: bool = False,
    skip_invalid: bool = False,
    lang: Lang = "vi",
    user: str | None = None,
    read: RawSheet | None = None,
) -> ImportOutcome:
    """Import a unit list; with ``as_of``, reconcile it against the stored tree on that date
    (on the connection of a write transaction its caller owns, like :func:`import_staff`;
    ``read`` as there)."""
    require_connection(connection, "import_units")
    mapped = map_columns(read if read is not None else read_sheet(path, sheet), UNIT_COLUMNS)
    outcome = ImportOutcome(mapped.file_name, as_of, warnings=list(mapped.warnings))
    records, problems = parse_units(mapped)
    with _remove_rejected_on_failure(outcome):
        _refuse_or_reject(path, mapped, UNIT_COLUMNS, problems, outcome, skip_invalid, lang)
        reconcile_units(
            connection, records, as_of, outcome, mapped.headers, close_missing=close_missing
        )
        _log(connection, "units", outcome, mapped, user)
    return outcome


@contextmanager
def _remove_rejected_on_failure(outcome: ImportOutcome) -> Iterator[None]:
    """The rejected-rows file describes an import that happened: remove it if it did not."""
    try:
        yield
    except BaseException:
        if outcome.rejected_file is not None:
            outcome.rejected_file.unlink(missing_ok=True)
        raise


def _refuse_or_reject(
    path: Path,
    mapped: MappedSheet,
    specs: Sequence[ColumnSpec],
    problems: list[Problem],
    outcome: ImportOutcome,
    skip_invalid: bool,
    lang: Lang,
) -> None:
    if not problems:
        return
    if not skip_invalid:
        raise BinhdangError.of(
            "import.failed",
            problems=problems,
            file=mapped.file_name,
            count=sum(1 for p in problems if p.is_error),
        )
    outcome.rejected = problems
    outcome.rejected_file = write_rejected(path, mapped, specs, problems, lang)


def _log(
    connection: Connection, kind: str, outcome: ImportOutcome, mapped: MappedSheet, user: str | None
) -> None:
    """Record the batch and what it wrote (ingest.batches: history and undo)."""
    outcome.batch_id = record_batch(
        connection,
        kind=kind,
        as_of=outcome.as_of,
        source_name=mapped.file_name,
        sha256=mapped.sha256,
        summary=outcome.summary(),
        journal=outcome.journal,
        imported_by=user,
    )
