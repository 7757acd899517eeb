"""A columnar copy of what the as-of counts read, kept beside a SQLite database or, for
PostgreSQL, in a cache folder of the machine that computes (issue 19, items 3 and 6).

The indicators count, as of a date, the employment rows by unit × sex × category × age band
and the post rows by unit × sex × level (:mod:`binhdang.indicators.counting`). SQLite spends
most of a national count evaluating each row's key (bench/RESULTS.md); these few columns,
kept as numpy arrays in files and memory-mapped, are counted in a few hundredths of a second:

- ``staff_key`` (``(unit × 3 + sex) × 4 + category``, the codes of
  :mod:`~binhdang.indicators.counting`), ``staff_birth``, ``staff_from``, ``staff_to``;
- ``post_key`` (``(unit × 3 + sex) × 3 + level``), ``post_from``, ``post_to``;

dates as day numbers since 1970-01-01 (int32), rows sorted by key, so that a unit's rows
are one run found by binary search (a province: a few hundred runs).

Where: for a SQLite file, in the folder ``<database file>.binhdang-cols``; for PostgreSQL,
in ``BINHDANG_CACHE_DIR`` (default ``~/.cache/binhdang``), sub-folder ``pg-<digest>/cols``,
the digest of the server, database and schema (the URL without user and password) and of
the ``employment`` table's oid (:func:`cache_folder`), readable by its owner only. In it,
one sub-folder per data version (``v<N>-…``: :func:`binhdang.store.writes.data_version`,
increased by every committed write transaction).

When: :func:`fresh` gives the copy of the database's current version; when it is missing or
stale it is built first — from SQLite by one read of each table (split over the cores,
:mod:`binhdang.indicators.scan`), from PostgreSQL by one binary ``COPY … TO STDOUT`` of each
table in one ``REPEATABLE READ`` transaction of another connection, in which the data
version and the highest ids are read too (the copy is exactly the snapshot it is stamped
with) — so the first count of the whole tree after a write pays the build (a few seconds
for the national dataset, bench/RESULTS.md); a subtree's count does not build it (it counts
the rows by their index meanwhile, as fast as before). The copy also records the highest
row id of both tables, checked on every use (a database file replaced by another at the same
version, rows added outside a write transaction).

It is written atomically: into a temporary folder, then renamed to ``v<N>-…``; when two
processes build the same version at once, the second rename fails and its folder is
removed; the folders of other versions are removed after a build (a reader that has them
mapped keeps its pages). The data read is the version's only when its stamp is the one the
caller read (SQLite: the same before and after the read; PostgreSQL: in the read's
snapshot); otherwise nothing is kept and the rows are counted.

Not kept (the rows are counted, as before): for an in-memory database, when
``BINHDANG_COLUMNAR=0``, below ``BINHDANG_COLUMNAR_MIN_ROWS`` employment rows, above
``BINHDANG_COLUMNAR_MAX_MB``, when the folder cannot be written, when a stored date is not a
plain ``YYYY-MM-DD`` text (SQLite) or is infinite (PostgreSQL); neither read nor built while
the caller's transaction has written (:func:`written`: its rows are not the committed data,
whose version is bumped only at commit). The counts equal the rows' exactly (tests/test_columnar.py, tests/test_scale_correctness.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import numpy as np

from binhdang import settings
from binhdang.errors import BinhdangError
from binhdang.indicators.catalogue import age_band_cutoffs
from binhdang.indicators.columns import (
    CATEGORY_CODES,
    DENSE_KEYS,
    LEVEL_CODES,
    SEX_CODES,
    CountColumns,
)

if TYPE_CHECKING:  # imported where used: reading a copy needs no SQLAlchemy (:mod:`.quick`)
    from sqlalchemy import Connection

FORMAT = 1  # the layout of the files; a copy of another format is rebuilt
SUFFIX = ".binhdang-cols"
STAFF_WIDTH = 12  # staff keys per unit: 3 sexes × 4 categories
POST_WIDTH = 9  # post keys per unit: 3 sexes × 3 levels
BYTES_PER_STAFF_ROW = 16  # key, birth, from, to
BYTES_PER_POST_ROW = 12  # key, from, to
_EPOCH = date(1970, 1, 1)
_STAFF = ("key", "birth", "from", "to")
_POSTS = ("key", "from", "to")
T = TypeVar("T")


@dataclass(frozen=True)
class Rows:
    """One table's columns, rows sorted by ``key`` (``width`` keys per unit)."""

    key: np.ndarray
    start: np.ndarray
    end: np.ndarray
    birth: np.ndarray | None
    width: int

    def of_units(self, unit_ids: Collection[int] | None) -> np.ndarray | slice:
        """The positions of the rows of ``unit_ids`` (every row when ``None``)."""
        if unit_ids is None:
            return slice(None)
        ids = np.unique(np.fromiter(unit_ids, dtype=np.int64))
        low = np.searchsorted(self.key, (ids * self.width).astype(self.key.dtype))
        high = np.searchsorted(self.key, ((ids + 1) * self.width).astype(self.key.dtype))
        lengths = high - low
        total = int(lengths.sum())
        # The runs [low, high) laid end to end: each run's start, repeated, plus 0, 1, 2…
        return np.arange(total, dtype=np.int64) + np.repeat(
            low - (np.cumsum(lengths) - lengths), lengths
        )


@dataclass(frozen=True)
class Copy:
    """The columnar copy of one data version."""

    version: int
    staff: Rows
    posts: Rows


# --- settings ---------------------------------------------------------------------------


def _switch(setting: settings.Setting) -> bool:
    value = setting.value().strip().lower()
    if value in ("1", "on"):
        return True
    if value in ("0", "off"):
        return False
    raise BinhdangError.of("settings.bad_columnar", setting=setting.env, value=value)


def _whole_number(setting: settings.Setting) -> int:
    value = setting.value().strip()
    if not value.isdigit():
        raise BinhdangError.of("settings.bad_whole_number", setting=setting.env, value=value)
    return int(value)


# --- the copy of the current version ----------------------------------------------------


def folder_of(connection: Connection, kind: str = "cols") -> Path | None:
    """Where the copies of this database are kept: beside a SQLite file, in the cache folder
    for PostgreSQL (``kind``: that database's sub-folder, ``cols`` or ``pay``); ``None``: no
    copy is kept (an in-memory SQLite database, another engine)."""
    if connection.dialect.name == "postgresql":
        return cache_folder(connection) / kind
    if connection.dialect.name != "sqlite":
        return None
    database = connection.engine.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return beside(Path(database))


def cache_folder(connection: Connection) -> Path:
    """The cache sub-folder of a PostgreSQL database: ``BINHDANG_CACHE_DIR/pg-<digest>``, the
    digest of its server, database and schema (the URL without user and password) and of the
    oid of its ``employment`` table (a database dropped and made again, or restored, gets
    another folder: its copies are never taken for the old ones')."""
    schema, table = connection.exec_driver_sql(CACHE_IDENTITY_SQL).one()
    # _replace, SQLAlchemy's documented way to clear a part (``set`` keeps a part given None:
    # the user and a password's "***" were in the digest, so each user had a copy of its own).
    place = connection.engine.url._replace(username=None, password=None)
    return pg_cache_folder(place.render_as_string(hide_password=True), schema, table)


CACHE_IDENTITY_SQL = "SELECT current_schema(), to_regclass('employment')::oid"
"""What names a PostgreSQL database's cache folder besides its URL (:func:`cache_folder`)."""


def pg_cache_folder(place: str, schema: str | None, table: int | None) -> Path:
    """:func:`cache_folder` from its parts: ``place``, the URL without user and password as
    SQLAlchemy renders it, and what :data:`CACHE_IDENTITY_SQL` reads (also computed without
    SQLAlchemy by :mod:`.quick`, whose tests keep both equal)."""
    identity = json.dumps([place, schema, int(table or 0)])
    digest = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:24]
    return Path(settings.CACHE_DIR.value()).expanduser().absolute() / f"pg-{digest}"


def make_folder(folder: Path) -> None:
    """Create ``folder``: beside a SQLite file, as the file's folder allows; in the cache, its
    database's sub-folder readable by its owner only (the copies hold birth dates)."""
    if folder.parent.name.startswith("pg-"):
        folder.parent.parent.mkdir(parents=True, exist_ok=True)
        folder.parent.mkdir(mode=0o700, exist_ok=True)
    folder.mkdir(exist_ok=True)


def beside(database: Path) -> Path:
    """The folder of the copies of the SQLite file ``database``."""
    return database.absolute().with_name(database.name + SUFFIX)


def _stamp(connection: Connection) -> dict[str, int]:
    """What a copy must match: the data version and the highest id of both tables."""
    from binhdang.store.writes import data_version

    staff, posts = connection.exec_driver_sql(STAMP_SQL).one()
    return {
        "version": data_version(connection),
        "staff_max_id": int(staff or 0),
        "post_max_id": int(posts or 0),
    }


def fresh(connection: Connection, *, build_missing: bool = True) -> Copy | None:
    """The copy of the database's current data, built first when missing or stale (unless
    ``build_missing`` is false: a question about a subtree counts the rows, ~0.1 s for a
    province, rather than pay a national build after every write); ``None`` when no copy is
    kept (see the module's description) or none was built: count the rows."""
    folder = folder_of(connection)
    if folder is None or not _switch(settings.COLUMNAR) or written(connection):
        return None
    stamp = _stamp(connection)
    if not wanted(stamp):
        return None
    place = folder / _name(stamp)
    found = _load(place, stamp)
    if found is not None or not build_missing:
        return found
    try:
        if not build(connection, folder, stamp):
            return None
    except OSError:  # a folder that cannot be written, a full disk: count the rows
        return None
    return _load(place, stamp)


def written(connection: Connection) -> bool:
    """Whether the caller's transaction has written — on SQLite, whether it holds a
    transaction at all (the driver opens one only to write; a write transaction begins with
    ``BEGIN IMMEDIATE``). Its rows are then not the committed data a copy is of, and the
    data version is bumped only at its commit: no copy is read or built, the rows are
    counted."""
    if connection.dialect.name == "postgresql":
        found = connection.exec_driver_sql("SELECT txid_current_if_assigned()").scalar()
        return found is not None
    return bool(cast(Any, connection.connection.driver_connection).in_transaction)


def wanted(stamp: dict[str, int]) -> bool:
    """Whether a copy is kept for data of this stamp (the settings' sizes; a database whose
    data version row is missing keeps none)."""
    smallest = _whole_number(settings.COLUMNAR_MIN_ROWS)
    largest_mb = _whole_number(settings.COLUMNAR_MAX_MB)
    if stamp["version"] <= 0 or stamp["staff_max_id"] < max(smallest, 1):
        return False
    size = stamp["staff_max_id"] * BYTES_PER_STAFF_ROW + stamp["post_max_id"] * BYTES_PER_POST_ROW
    return size <= largest_mb * 1_000_000


def current(folder: Path, stamp: dict[str, int]) -> Copy | None:
    """The copy of ``stamp`` in ``folder`` when one is kept and whole (never built here): what
    :func:`fresh` reads, for a reader of the file without SQLAlchemy (:mod:`.quick`)."""
    if not _switch(settings.COLUMNAR) or not wanted(stamp):
        return None
    return _load(folder / _name(stamp), stamp)


STAMP_SQL = "SELECT (SELECT max(id) FROM employment), (SELECT max(id) FROM position)"
"""The highest ids of the stamp (:func:`_stamp`), as one statement."""


def _name(stamp: dict[str, int]) -> str:
    """The folder of a copy: its data version first, then the rest of its stamp and the
    format (a copy of another stamp or format is never read, and is removed)."""
    return f"v{stamp['version']}-{stamp['staff_max_id']}-{stamp['post_max_id']}-f{FORMAT}"


def _load(place: Path, stamp: dict[str, int]) -> Copy | None:
    """The copy in ``place`` when it is whole, of this format and matches ``stamp``."""
    try:
        manifest = json.loads((place / "manifest.json").read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT or manifest.get("stamp") != stamp:
            return None
        staff = {n: np.load(place / f"staff_{n}.npy", mmap_mode="r") for n in _STAFF}
        posts = {n: np.load(place / f"post_{n}.npy", mmap_mode="r") for n in _POSTS}
    except (OSError, ValueError):  # missing (removed by a newer build), partial, unreadable
        return None
    return Copy(
        stamp["version"],
        Rows(staff["key"], staff["from"], staff["to"], staff["birth"], STAFF_WIDTH),
        Rows(posts["key"], posts["from"], posts["to"], None, POST_WIDTH),
    )


# --- building ---------------------------------------------------------------------------


def _code_sql(column: str, values: tuple[str, ...]) -> str:
    whens = " ".join(f"WHEN '{value}' THEN {index}" for index, value in enumerate(values))
    return f"(CASE {column} {whens} ELSE {len(values)} END)"


class _NotCopyable(Exception):
    """A stored value the copy cannot hold exactly (a date not written ``YYYY-MM-DD``)."""


def _days(text: bytes | None, rows: int) -> np.ndarray:
    """``YYYY-MM-DD`` dates written one after another, as day numbers since 1970-01-01."""
    raw = np.frombuffer(text or b"", dtype=np.uint8)
    if raw.size != rows * 10:
        raise _NotCopyable
    raw = raw.reshape(rows, 10)
    if not rows:
        return np.zeros(0, dtype=np.int32)
    if (raw[:, 4] != 45).any() or (raw[:, 7] != 45).any():  # the two "-"
        raise _NotCopyable

    def number(*columns: int) -> np.ndarray:
        """The digits in ``columns`` as one number (int32: a column at a time, little memory)."""
        value = np.zeros(rows, dtype=np.int32)
        for column in columns:
            digit = raw[:, column] - np.uint8(48)  # wraps below "0": > 9 as well
            if digit.max() > 9:
                raise _NotCopyable
            value *= 10
            value += digit
        return value

    year, month, day = number(0, 1, 2, 3), number(5, 6), number(8, 9)
    if month.min() < 1 or month.max() > 12 or day.min() < 1 or day.max() > 31:
        raise _NotCopyable
    # Day numbers of proleptic Gregorian dates (H. Hinnant's days_from_civil).
    year -= month <= 2
    era = year // 400
    year_of_era = year - era * 400
    day_of_year = (153 * np.where(month > 2, month - 3, month + 9) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return (era * 146097 + day_of_era - 719468).astype(np.int32)


def _read(connection: Connection, table: str, key: str, dates: list[str]) -> list[np.ndarray]:
    """The key and the dates of every row of ``table``, in one scan read back as text."""
    from binhdang.indicators.scan import scan

    texts = ", ".join(f"CAST(group_concat({d}, '') AS BLOB)" for d in dates)

    def decode(part: tuple[Any, ...]) -> list[np.ndarray]:
        keys = np.fromstring(part[0], dtype=np.int64, sep=",") if part[0] else np.zeros(0, int)
        return [keys.astype(np.int64), *[_days(blob, len(keys)) for blob in part[1:]]]

    # Without a memory map: the pages of the whole table would count in the process's memory.
    columns = f"group_concat({key}), {texts}"
    parts = scan(connection, table, columns, "1 = 1", then=decode, memory_map=False)
    return [np.concatenate(pieces) for pieces in zip(*parts, strict=True)]


def _sorted(columns: list[np.ndarray]) -> list[np.ndarray]:
    """The columns with their rows sorted by the key (the first), the key as int32 when it
    fits."""
    key = columns[0]
    order = np.argsort(key, kind="stable")
    fits = not len(key) or int(key.max()) < np.iinfo(np.int32).max
    return [key[order].astype(np.int32 if fits else np.int64), *[c[order] for c in columns[1:]]]


def build(connection: Connection, folder: Path, stamp: dict[str, int]) -> bool:
    """Write the copy of ``stamp``'s version into ``folder`` (see the module's description);
    whether a whole copy of that version is there afterwards."""
    started = time.perf_counter()
    # The folders first: one that cannot be written fails here, before the tables are read.
    make_folder(folder)
    place = folder / _name(stamp)
    building = Path(tempfile.mkdtemp(prefix=".building-", dir=folder))
    try:
        if not _write(connection, building, stamp, started):
            return False
        publish(building, place)
    finally:
        shutil.rmtree(building, ignore_errors=True)
    remove_others(folder, place)
    return True


def publish(building: Path, place: Path) -> None:
    """Rename the finished ``building`` folder to ``place`` (atomic: a reader sees a whole copy
    or none); when another process renamed its copy of the same version first, keep that one
    (``building`` is then left for the caller to remove)."""
    try:
        os.rename(building, place)
    except OSError:
        if not (place / "manifest.json").exists():
            raise


def _write(connection: Connection, building: Path, stamp: dict[str, int], started: float) -> bool:
    """Read the tables and write their columns into ``building``; ``False`` (nothing kept)
    when they cannot be copied exactly or a write came in between."""
    if connection.dialect.name == "postgresql":
        read = _read_postgresql(connection, stamp)
    else:
        read = _read_sqlite(connection, stamp)
    if read is None:
        return False
    staff, posts = read
    read_s = time.perf_counter() - started
    files = {
        **{f"staff_{n}": c for n, c in zip(_STAFF, _sorted(staff), strict=True)},
        **{f"post_{n}": c for n, c in zip(_POSTS, _sorted(posts), strict=True)},
    }
    for name, column in files.items():
        np.save(building / f"{name}.npy", column)
    manifest = {
        "format": FORMAT,
        "stamp": stamp,
        "rows": {"employment": len(staff[0]), "position": len(posts[0])},
        "bytes": sum(column.nbytes for column in files.values()),
        "read_seconds": round(read_s, 3),
        "build_seconds": round(time.perf_counter() - started, 3),
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    # Written last: a folder with its manifest is whole.
    (building / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return True


_STAFF_KEY = (
    f"(employment.unit_id * 3 + {_code_sql('employment.sex', SEX_CODES)}) * 4 "
    f"+ {_code_sql('employment.category', CATEGORY_CODES)}"
)
_POST_KEY = (
    f"(position.unit_id * 3 + {_code_sql('position.sex', SEX_CODES)}) * 3 "
    f"+ {_code_sql('position.level', LEVEL_CODES)}"
)
Columns = tuple[list[np.ndarray], list[np.ndarray]]


def _read_sqlite(connection: Connection, stamp: dict[str, int]) -> Columns | None:
    """Both tables' columns from a SQLite file, split over the cores (:mod:`.scan`); ``None``
    when they cannot be copied exactly or a write came in between."""
    try:
        staff = _read(
            connection,
            "employment",
            _STAFF_KEY,
            ["employment.birth_date", "employment.valid_from", "employment.valid_to"],
        )
        posts = _read(
            connection, "position", _POST_KEY, ["position.valid_from", "position.valid_to"]
        )
    except _NotCopyable:
        return None
    if _stamp(connection) != stamp:  # a write came in between: not this version's data
        return None
    return staff, posts


def _read_postgresql(connection: Connection, stamp: dict[str, int]) -> Columns | None:
    """Both tables' columns from PostgreSQL, read in one ``REPEATABLE READ`` transaction of
    another connection of the pool, in which the stamp is read too: the copy is exactly the
    data it is stamped with. ``None`` (the rows are counted) when that snapshot's stamp is not
    ``stamp`` (a write committed since the caller read it), when the caller's transaction has
    written (no other connection sees its rows), when a stored value cannot be copied exactly
    or the read fails (a table locked for more than a few seconds)."""
    return pg_snapshot_read(
        connection,
        stamp,
        lambda cursor: (
            _copy_out(
                cursor,
                f"SELECT ({_STAFF_KEY})::int8, employment.birth_date, employment.valid_from, "
                "employment.valid_to FROM employment",
                ["int8", "date", "date", "date"],
            ),
            _copy_out(
                cursor,
                f"SELECT ({_POST_KEY})::int8, position.valid_from, position.valid_to FROM position",
                ["int8", "date", "date"],
            ),
        ),
    )


def pg_snapshot_read(
    connection: Connection, stamp: dict[str, Any], read: Callable[[Any], T]
) -> T | None:
    """``read(cursor)`` on another connection of the pool, in a ``REPEATABLE READ, READ
    ONLY`` transaction whose snapshot has ``stamp``'s data version and highest ids (those of
    ``stamp`` are compared; ``None`` when they differ, when the caller's transaction has
    written, on a stored value not copied exactly or a failed read)."""
    import psycopg

    if written(connection):
        return None
    pooled = connection.engine.raw_connection()
    try:
        cursor = pooled.cursor()
        # The driver has opened the transaction: these must be its first statements.
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SET LOCAL lock_timeout = '5s'")
        cursor.execute(f"SELECT (SELECT version FROM data_version LIMIT 1), {STAMP_SQL[7:]}")
        version, staff_max, post_max = cursor.fetchone() or (0, 0, 0)
        seen = (int(version or 0), int(staff_max or 0), int(post_max or 0))
        if seen != (stamp["version"], stamp["staff_max_id"], stamp["post_max_id"]):
            return None
        found = read(cursor)
        cursor.close()
        return found
    except (_NotCopyable, psycopg.Error):
        return None
    finally:
        try:
            pooled.rollback()
        finally:
            pooled.close()  # back to the pool


_PG_SIGNATURE = b"PGCOPY\n\xff\r\n\x00"
_PG_EPOCH = 10957  # 2000-01-01, PostgreSQL's day 0, in days since 1970-01-01
# Each kind of column: its width in the COPY output, how numpy reads it, what it becomes.
_PG_KINDS = {
    "int2": (2, ">i2", np.int16),
    "int4": (4, ">i4", np.int32),
    "int8": (8, ">i8", np.int64),
    "date": (4, ">i4", np.int32),
}
_COPY_CHUNK = 1 << 24  # bytes of COPY output decoded at a time (the whole table: GBs)


def _copy_out(cursor: Any, select: str, kinds: list[str]) -> list[np.ndarray]:
    """The rows of ``select`` (columns of ``kinds``, none NULL) read by one ``COPY … TO STDOUT``
    in PostgreSQL's binary format: fixed-width rows, decoded as numpy arrays a few MB at a
    time. ``int2``/``int4``/``int8`` as int16/int32/int64, ``date`` as day numbers since
    1970-01-01 (int32). :class:`_NotCopyable` for a NULL, an infinite date or anything but
    that layout."""
    fields: list[tuple[str, str]] = [("count", ">i2")]
    for index, kind in enumerate(kinds):
        fields += [(f"length{index}", ">i4"), (f"value{index}", _PG_KINDS[kind][1])]
    layout = np.dtype(fields)
    pieces: list[list[np.ndarray]] = []
    pending = bytearray()
    started = False

    def decode(final: bool) -> None:
        nonlocal started
        if not started:
            if len(pending) < 19 or pending[:11] != _PG_SIGNATURE:
                raise _NotCopyable
            del pending[: 19 + int.from_bytes(pending[15:19], "big")]  # header, extension
            started = True
        if final:
            if pending[-2:] != b"\xff\xff" or (len(pending) - 2) % layout.itemsize:
                raise _NotCopyable  # a NULL (length -1, no value) or other widths
            whole = len(pending) - 2
        else:
            whole = len(pending) // layout.itemsize * layout.itemsize
        rows = np.frombuffer(bytes(pending[:whole]), dtype=layout)
        del pending[:whole]
        pieces.append(_decoded(rows, kinds))

    with cursor.copy(f"COPY ({select}) TO STDOUT (FORMAT binary)") as copy:
        for block in copy:
            pending += block
            if len(pending) >= _COPY_CHUNK:
                decode(final=False)
    decode(final=True)
    return [np.concatenate(column) for column in zip(*pieces, strict=True)]


def _decoded(rows: np.ndarray, kinds: list[str]) -> list[np.ndarray]:
    """The columns of the fixed-width COPY ``rows``, each checked (its field count, its
    lengths) and converted (see :func:`_copy_out`)."""
    if len(rows) and (rows["count"] != len(kinds)).any():
        raise _NotCopyable
    columns = []
    for index, kind in enumerate(kinds):
        width, _, becomes = _PG_KINDS[kind]
        if len(rows) and (rows[f"length{index}"] != width).any():
            raise _NotCopyable
        value = rows[f"value{index}"]
        if kind == "date":
            if len(rows) and (
                value.min() == np.iinfo(np.int32).min or value.max() == np.iinfo(np.int32).max
            ):
                raise _NotCopyable  # -infinity, infinity
            columns.append((value.astype(np.int64) + _PG_EPOCH).astype(np.int32))
        else:
            columns.append(value.astype(becomes))
    return columns


def remove_others(folder: Path, keep: Path) -> None:
    """Remove the copies of other versions, and builds left behind over an hour ago."""
    for entry in folder.iterdir():
        if entry == keep:
            continue
        if entry.name.startswith(".building-"):
            try:
                if time.time() - entry.stat().st_mtime < 3600:  # maybe still being written
                    continue
            except OSError:
                continue
        elif not entry.name.startswith("v"):
            continue
        shutil.rmtree(entry, ignore_errors=True)


# --- counting ---------------------------------------------------------------------------


def _day(value: date) -> int:
    return (value - _EPOCH).days


def _key_counts(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct keys and how many times each occurs (as :mod:`.counting` does)."""
    if not len(keys):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    if int(keys.max()) < DENSE_KEYS:
        counts = np.bincount(keys)
        values = np.flatnonzero(counts)
        return values, counts[values].astype(np.int64)
    values, counts = np.unique(keys, return_counts=True)
    return values, counts.astype(np.int64)


def staff_columns(copy: Copy, as_of: date, unit_ids: Collection[int] | None) -> CountColumns:
    """:func:`binhdang.indicators.counting.staff_columns`, from the copy."""
    return next(staff_columns_on(copy, [as_of], unit_ids))


def post_columns(copy: Copy, as_of: date, unit_ids: Collection[int] | None) -> CountColumns:
    """:func:`binhdang.indicators.counting.post_columns`, from the copy."""
    return next(post_columns_on(copy, [as_of], unit_ids))


def staff_columns_on(
    copy: Copy, days: Sequence[date], unit_ids: Collection[int] | None
) -> Iterator[CountColumns]:
    """:func:`staff_columns` on each of ``days`` in turn (the rows of ``unit_ids`` selected
    once; each day's counts made when asked for: a long trend holds one day's at a time)."""
    for values, counts in _counts_on(copy.staff, days, unit_ids, 4):
        rest, band_code = np.divmod(values, 4)
        rest, kind = np.divmod(rest, 4)
        unit_id, sex = np.divmod(rest, 3)
        yield CountColumns(unit_id, sex, kind, band_code, counts)


def post_columns_on(
    copy: Copy, days: Sequence[date], unit_ids: Collection[int] | None
) -> Iterator[CountColumns]:
    """:func:`post_columns` on each of ``days`` in turn."""
    for values, counts in _counts_on(copy.posts, days, unit_ids, 1):
        rest, kind = np.divmod(values, 3)
        unit_id, sex = np.divmod(rest, 3)
        yield CountColumns(unit_id, sex, kind, np.zeros(len(values), dtype=np.int64), counts)


def _counts_on(
    rows: Rows, days: Sequence[date], unit_ids: Collection[int] | None, bands: int
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """For each of ``days``, the distinct keys of the rows current that day (``start ≤ day <
    end``) — ``key × bands + age band`` for staff (``bands`` 4), the key for posts (1) — and
    how many rows have each, as :mod:`.counting` gives them.

    Counted without selecting the current rows (a boolean selection of 3 million rows costs
    more than the rest): each row's key + 1, times whether it is current, counted by
    ``bincount``; bin 0 (not current) is dropped."""
    at = rows.of_units(unit_ids)
    key, start, end = np.asarray(rows.key[at]), np.asarray(rows.start[at]), np.asarray(rows.end[at])
    birth = np.asarray(rows.birth[at]) if rows.birth is not None else None
    dense = not len(key) or (int(key.max()) + 1) * bands < min(DENSE_KEYS, np.iinfo(np.int32).max)
    if dense:
        shifted = key.astype(np.int32) * np.int32(bands) + np.int32(1)
    for as_of in days:
        day = _day(as_of)
        current = start <= day
        current &= end > day
        # Born on or before the i-th cutoff: at least the (i + 1)-th band's lower age.
        cutoffs = [_day(cutoff) for cutoff in age_band_cutoffs(as_of)] if birth is not None else []
        if not dense:  # keys too large to count by index: the rows selected, then sorted
            selected = key[current].astype(np.int64) * bands
            for cutoff in cutoffs:
                selected += birth[current] <= cutoff  # type: ignore[index]
            yield _key_counts(selected)
            continue
        code = shifted.copy()
        for cutoff in cutoffs:
            code += birth <= cutoff  # type: ignore[operator]
        code *= current
        counts = np.bincount(code)[1:]
        values = np.flatnonzero(counts)
        yield values, counts[values].astype(np.int64)


def window(
    rows: Rows, first: date, last: date, unit_ids: Collection[int] | None
) -> tuple[np.ndarray, list[np.ndarray]]:
    """The key and the dates (birth first for staff, then start and end, day numbers) of the
    rows of ``unit_ids`` overlapping ``first``…``last`` (``start ≤ last`` and ``end > first``),
    as the trend's sweep reads them."""
    at = rows.of_units(unit_ids)
    start, end = np.asarray(rows.start[at]), np.asarray(rows.end[at])
    inside = (start <= _day(last)) & (end > _day(first))
    dates = [start[inside], end[inside]]
    if rows.birth is not None:
        dates.insert(0, np.asarray(rows.birth[at])[inside])
    return np.asarray(rows.key[at])[inside].astype(np.int64), dates
