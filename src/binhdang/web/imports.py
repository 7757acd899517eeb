"""Importing a list from the browser or the API: upload, preview, then confirm.

The upload is kept in a folder of its own (``WebSettings.upload_dir``) until confirmed or
discarded; the preview runs the real import (:func:`binhdang.ingest.service.import_staff` /
``import_units``) inside a write transaction that is always rolled back ("import, then roll
back"), so it shows exactly the row-level errors and the counts the real import would give
while saving nothing. Confirming runs the same import for real, in one write transaction that
is committed. Both hold the write lock from the first read (store/writes.py).
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import Connection, Engine

from binhdang.errors import BinhdangError, Problem
from binhdang.ingest.changes import PersonChange
from binhdang.ingest.columns import STAFF_COLUMNS, UNIT_COLUMNS, map_columns
from binhdang.ingest.outcome import ImportOutcome
from binhdang.ingest.preview import ChangeGroup, grouped
from binhdang.ingest.reader import RawSheet, read_sheet
from binhdang.ingest.service import import_staff, import_units
from binhdang.ingest.staff import without_sensitive_columns
from binhdang.ingest.values import clean_text
from binhdang.messages import Lang, Message
from binhdang.store.writes import write_transaction

KINDS = ("staff", "units")
SUFFIXES = (".csv", ".xlsx", ".xlsm", ".xls")
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


@dataclass(frozen=True)
class Pending:
    """An uploaded list waiting for confirmation."""

    token: str
    account_id: int
    kind: str
    as_of: date | None
    close_missing: bool
    path: Path

    @property
    def file_name(self) -> str:
        return self.path.name


def _safe_name(name: str) -> str:
    base = Path(name.replace("\\", "/")).name.strip() or "upload"
    return re.sub(r"[^\w.\- ()]", "_", base)[:150]


STALE = 24 * 3600
"""Uploads neither confirmed nor cancelled are removed after a day (seconds)."""


def purge_stale(upload_dir: Path, now: float, older_than: float = STALE) -> int:
    """Remove the uploads left waiting longer than ``older_than`` seconds; how many."""
    removed = 0
    for folder in upload_dir.iterdir() if upload_dir.exists() else ():
        meta = folder / "pending.json"
        try:
            stale = folder.is_dir() and now - meta.stat().st_mtime > older_than
        except OSError:
            continue
        if stale:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed


def save_upload(
    upload_dir: Path,
    *,
    account_id: int,
    kind: str,
    file_name: str,
    data: bytes,
    as_of: date | None,
    close_missing: bool,
) -> Pending:
    name = _safe_name(file_name)
    if Path(name).suffix.lower() not in SUFFIXES:
        raise BinhdangError.of("file.bad_type", file=name)
    purge_stale(upload_dir, time.time())
    token = secrets.token_urlsafe(18)
    folder = upload_dir / token
    folder.mkdir(parents=True, mode=0o700)
    path = folder / name
    path.write_bytes(data)
    meta = {
        "account_id": account_id,
        "kind": kind,
        "close_missing": close_missing,
        "as_of": as_of.isoformat() if as_of else None,
        "file": name,
    }
    (folder / "pending.json").write_text(json.dumps(meta), encoding="utf-8")
    return Pending(token, account_id, kind, as_of, close_missing, path)


def load_pending(upload_dir: Path, token: str, account_id: int) -> Pending | None:
    """The upload ``token`` of this account, or None (unknown, someone else's, or gone)."""
    if not _TOKEN.match(token):
        return None
    meta_file = upload_dir / token / "pending.json"
    try:
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if meta.get("account_id") != account_id:
        return None
    as_of = date.fromisoformat(meta["as_of"]) if meta.get("as_of") else None
    return Pending(
        token,
        account_id,
        meta["kind"],
        as_of,
        bool(meta["close_missing"]),
        upload_dir / token / meta["file"],
    )


def discard(pending: Pending) -> None:
    shutil.rmtree(pending.path.parent, ignore_errors=True)


@dataclass
class Preview:
    """What an import would do: nothing saved either way."""

    ok: bool
    message: Message | None = None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    summary: dict[str, int] = field(default_factory=dict)
    header: list[str] = field(default_factory=list)
    sample: list[tuple[int, list[str]]] = field(default_factory=list)
    """The rows in error (or, when there is none, the first rows) as the file has them."""
    changes: list[PersonChange] = field(default_factory=list)
    """Every person the import would add, move, promote, change or end (staff lists); the
    absent ones too when ending them is off, so the user sees who would be ended."""

    def groups(self) -> list[ChangeGroup]:
        return grouped(self.changes)

    def rows(self) -> list[int]:
        return sorted({p.row for p in self.problems if p.row is not None})


SAMPLE_ROWS = 10


def _sample(
    pending: Pending, read: RawSheet, wanted: set[int] | None
) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Headers and cells of some rows of the upload, as written (empty if unreadable)."""
    specs = STAFF_COLUMNS if pending.kind == "staff" else UNIT_COLUMNS
    try:
        # Sensitive columns are shown back only if they may be imported (ingest.staff).
        mapped = without_sensitive_columns(map_columns(read, specs))
    except BinhdangError:
        return [], []
    fields = [spec.field for spec in specs if spec.field in mapped.headers]
    rows = [
        (row.row, [clean_text(row.cells.get(name)) for name in fields])
        for row in mapped.rows
        if wanted is None or row.row in wanted
    ]
    return [mapped.headers[name] for name in fields], rows[:SAMPLE_ROWS]


def _run(
    connection: Connection,
    pending: Pending,
    lang: Lang,
    user: str | None = None,
    read: RawSheet | None = None,
) -> ImportOutcome:
    if pending.kind == "staff":
        if pending.as_of is None:
            raise BinhdangError.of("arg.date", value="", option="as_of")
        return import_staff(
            connection,
            pending.path,
            pending.as_of,
            close_missing=pending.close_missing,
            lang=lang,
            user=user,
            read=read,
        )
    return import_units(
        connection,
        pending.path,
        pending.as_of,
        close_missing=pending.close_missing,
        lang=lang,
        user=user,
        read=read,
    )


def preview(engine: Engine, pending: Pending, lang: Lang = "vi") -> Preview:
    """Run the import and roll it back: its errors, warnings and counts. The upload is read
    once, for the import and for the rows shown beside its result."""
    try:
        read = read_sheet(pending.path)
    except BinhdangError as error:  # unreadable: nothing to show but why
        return Preview(False, error.message, list(error.problems))
    # Under the write lock, so that the preview plans against what is stored, then undone.
    try:
        with write_transaction(engine, commit=False) as connection:
            outcome = _run(connection, pending, lang, read=read)
    except BinhdangError as error:
        if error.message.key == "db.write_timeout":  # not the file's fault: said as it is
            raise
        failed = Preview(False, error.message, list(error.problems))
        failed.header, failed.sample = _sample(pending, read, set(failed.rows()))
        return failed
    checked = Preview(
        True, None, [], list(outcome.warnings), outcome.summary(), changes=list(outcome.changes)
    )
    checked.header, checked.sample = _sample(pending, read, None)
    return checked


def commit(
    engine: Engine, pending: Pending, lang: Lang = "vi", user: str | None = None
) -> ImportOutcome:
    """Import for real (one transaction, recorded as a batch by ``user``); the upload is
    removed whatever happens."""
    try:
        with write_transaction(engine) as connection:
            return _run(connection, pending, lang, user)
    finally:
        discard(pending)
