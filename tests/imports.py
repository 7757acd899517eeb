"""The importers as the tests call them: on an engine, each in a write transaction of its own.

The library's importers take the connection of a write transaction their caller owns (the
command line, the web, the demo: :mod:`binhdang.ingest.service`). Most tests just want "import
this file", as a user's command does: these wrappers own the transaction as the command line
does (committed on success, rolled back on any error, ``on_wait`` told while another writer
holds the lock). Given a connection, they run on it, as a caller owning a wider transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine

from binhdang.committee import records as committee_records
from binhdang.committee.records import RecordKind
from binhdang.ingest import service
from binhdang.ingest.outcome import ImportOutcome
from binhdang.policies import records as policy_records
from binhdang.store.writes import write_transaction


@contextmanager
def _on(target: Engine | Connection, on_wait: Callable[[], None] | None) -> Iterator[Connection]:
    if isinstance(target, Connection):
        yield target
        return
    with write_transaction(target, on_wait=on_wait) as connection:
        yield connection


def import_staff(
    target: Engine | Connection,
    path: Path,
    *args: Any,
    on_wait: Callable[[], None] | None = None,
    **options: Any,
) -> ImportOutcome:
    with _on(target, on_wait) as connection:
        return service.import_staff(connection, path, *args, **options)


def import_units(
    target: Engine | Connection,
    path: Path,
    *args: Any,
    on_wait: Callable[[], None] | None = None,
    **options: Any,
) -> ImportOutcome:
    with _on(target, on_wait) as connection:
        return service.import_units(connection, path, *args, **options)


def import_records(
    target: Engine | Connection,
    kind: RecordKind,
    path: Path,
    *,
    on_wait: Callable[[], None] | None = None,
    **options: Any,
) -> ImportOutcome:
    with _on(target, on_wait) as connection:
        return committee_records.import_records(connection, kind, path, **options)


def import_maternity(
    target: Engine | Connection,
    path: Path,
    *,
    on_wait: Callable[[], None] | None = None,
    **options: Any,
) -> ImportOutcome:
    with _on(target, on_wait) as connection:
        return policy_records.import_maternity(connection, path, **options)
