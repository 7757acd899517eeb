"""Database failures the user can act on, told apart by kind — never shown with their SQL.

SQLAlchemy's text of a failed statement holds the SQL *and its bound parameters*: staff names,
birth dates, ethnicity (personal data, Law 91/2025/QH15). So no adapter ever prints an
exception's text. :func:`describe` reads only the driver's error *code* (SQLite's result code,
PostgreSQL's SQLSTATE) and turns a failure of the database itself — read-only, damaged, disk
full, locked for too long, unreachable, no permission, tables missing, a period that would
overlap another (store/periods.py) — into one
:class:`BinhdangError` saying what to do. Anything else is a bug, reported by its kind only
(``cli.app.main``, ``web.app``); :func:`redacted_traceback` is what a log may keep of it.
"""

from __future__ import annotations

import sqlite3
import sys
import traceback
from collections.abc import Iterator

from sqlalchemy.exc import DBAPIError, StatementError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from binhdang.errors import BinhdangError
from binhdang.messages import register_messages
from binhdang.store.periods import RAISE_PREFIX
from binhdang.store.periods import TABLES as PERIOD_TABLES

register_messages(
    {
        "db.missing": (
            "Không có cơ sở dữ liệu {db}: tệp chưa tồn tại (kiểm tra lại đường dẫn --db). "
            "Để tạo mới, chạy: binhdang init --db {db}",
            "There is no database {db}: the file does not exist (check the --db path). "
            "To create one, run: binhdang init --db {db}",
        ),
        "db.read_only": (
            "Cơ sở dữ liệu {db} chỉ đọc: không ghi được. Kiểm tra quyền ghi của tệp và của thư "
            "mục chứa nó (hoặc quyền của người dùng PostgreSQL), rồi thử lại.",
            "The database {db} is read-only: nothing can be written. Check write permission on "
            "the file and on its folder (or the PostgreSQL user's rights), then try again.",
        ),
        "db.corrupt": (
            "Tệp cơ sở dữ liệu {db} bị hỏng — khôi phục từ bản sao lưu: "
            "binhdang restore <tệp sao lưu> --db {db}",
            "The database file {db} is damaged — restore it from a backup: "
            "binhdang restore <backup file> --db {db}",
        ),
        "db.full": (
            "Đĩa chứa cơ sở dữ liệu {db} đã đầy: giải phóng dung lượng rồi thử lại.",
            "The disk holding the database {db} is full: free some space and try again.",
        ),
        "db.io_error": (
            "Lỗi đọc/ghi đĩa khi dùng cơ sở dữ liệu {db}: kiểm tra đĩa; nếu lỗi lặp lại, khôi phục "
            "từ bản sao lưu: binhdang restore <tệp sao lưu> --db {db}",
            "A disk read/write error on the database {db}: check the disk; if it happens again, "
            "restore from a backup: binhdang restore <backup file> --db {db}",
        ),
        "db.busy": (
            "Cơ sở dữ liệu {db} đang bận: một thao tác khác giữ khóa quá lâu. Chờ thao tác đó "
            "xong rồi thử lại.",
            "The database {db} is busy: another action has held its lock for too long. Wait for "
            "it to finish and try again.",
        ),
        "db.pg_unreachable": (
            "Không kết nối được PostgreSQL {db}: {reason}. Kiểm tra máy chủ PostgreSQL đang chạy, "
            "địa chỉ, cổng, tên cơ sở dữ liệu, người dùng và mật khẩu.",
            "Cannot connect to PostgreSQL {db}: {reason}. Check that the PostgreSQL server is "
            "running, and the host, port, database name, user and password.",
        ),
        "db.permission": (
            "Không có quyền truy cập cơ sở dữ liệu {db}: kiểm tra quyền đọc/ghi của tệp và của "
            "thư mục chứa nó (hoặc quyền của người dùng PostgreSQL).",
            "No permission to use the database {db}: check read/write permission on the file and "
            "on its folder (or the PostgreSQL user's rights).",
        ),
        "db.cannot_open": (
            "Không mở được tệp cơ sở dữ liệu {db}: thư mục không tồn tại, hoặc không có quyền "
            "đọc/ghi tệp hay thư mục chứa nó.",
            "Cannot open the database file {db}: its folder does not exist, or there is no "
            "read/write permission on the file or its folder.",
        ),
        "db.schema_missing": (
            "Cơ sở dữ liệu {db} thiếu bảng của binhdang (không phải cơ sở dữ liệu binhdang, hoặc "
            "bị sửa ngoài binhdang). Kiểm tra lại --db; nếu đúng, khôi phục từ bản sao lưu: "
            "binhdang restore <tệp sao lưu> --db {db}",
            "The database {db} lacks binhdang's tables (not a binhdang database, or changed "
            "outside binhdang). Check --db; if it is right, restore from a backup: "
            "binhdang restore <backup file> --db {db}",
        ),
        # the kind alone, for web users (the operator's log has the whole message)
        "db.kind.db.read_only": ("chỉ đọc", "read-only"),
        "db.kind.db.corrupt": ("tệp bị hỏng", "damaged file"),
        "db.kind.db.full": ("đĩa đầy", "disk full"),
        "db.kind.db.io_error": ("lỗi đọc/ghi đĩa", "disk read/write error"),
        "db.kind.db.busy": ("đang bận", "busy"),
        "db.kind.db.pg_unreachable": ("không kết nối được", "unreachable"),
        "db.kind.db.unreachable": ("không kết nối được", "unreachable"),
        "db.kind.db.permission": ("không có quyền truy cập", "no permission"),
        "db.kind.db.cannot_open": ("không mở được", "cannot be opened"),
        "db.kind.db.schema_missing": ("thiếu bảng", "tables missing"),
    }
)

# SQLite primary result codes (https://www.sqlite.org/rescode.html); an extended code keeps
# the primary one in its low byte.
_SQLITE = {
    3: "db.permission",  # SQLITE_PERM
    5: "db.busy",  # SQLITE_BUSY: busy_timeout ran out
    6: "db.busy",  # SQLITE_LOCKED
    8: "db.read_only",  # SQLITE_READONLY
    10: "db.io_error",  # SQLITE_IOERR
    11: "db.corrupt",  # SQLITE_CORRUPT: "database disk image is malformed"
    13: "db.full",  # SQLITE_FULL
    14: "db.cannot_open",  # SQLITE_CANTOPEN
    23: "db.permission",  # SQLITE_AUTH
    26: "db.corrupt",  # SQLITE_NOTADB: "file is not a database"
}
_SQLITE_CONSTRAINT = 19  # a trigger's RAISE(ABORT, …) among others (the text tells which)
# SQLITE_ERROR is generic; only "no such table" is the database's own (the schema version was
# checked on opening, so a table is missing only if the file was changed outside binhdang; an
# unknown column is more likely a wrong query: a bug).
_SQLITE_ERROR = 1

# PostgreSQL SQLSTATE codes (https://www.postgresql.org/docs/current/errcodes-appendix.html):
# a full code first, then its class (the first two characters).
_POSTGRESQL = {
    "25006": "db.read_only",  # read_only_sql_transaction (standby, default_transaction_read_only)
    "42501": "db.permission",  # insufficient_privilege
    "53100": "db.full",  # disk_full
    "53300": "db.busy",  # too_many_connections
    "55P03": "db.busy",  # lock_not_available (lock_timeout)
    "57014": "db.busy",  # query_canceled (statement_timeout)
    "40001": "db.busy",  # serialization_failure, left after any retry
    "40P01": "db.busy",  # deadlock_detected
    "42P01": "db.schema_missing",  # undefined_table
    "3F000": "db.schema_missing",  # invalid_schema_name
    "58030": "db.io_error",  # io_error
    "XX001": "db.corrupt",  # data_corrupted
    "XX002": "db.corrupt",  # index_corrupted
}
_POSTGRESQL_CLASSES = {
    "08": "db.pg_unreachable",  # connection_exception
    "28": "db.pg_unreachable",  # invalid_authorization_specification (wrong password…)
    "3D": "db.pg_unreachable",  # invalid_catalog_name: the database does not exist
    "57": "db.pg_unreachable",  # operator_intervention: shutting down, cannot connect now
}


def describe(exc: BaseException, db: str) -> BinhdangError | None:
    """The user-facing error for a failure of the database itself, or None (a bug).

    ``exc`` is what was raised (a SQLAlchemy error, a driver error, or an error caused by
    one); ``db`` is the database as shown to the user (``database.display_url``: no password).
    The message never carries the statement, its parameters or the driver's text — with one
    exception: the first line of a PostgreSQL *connection* failure, which names the host,
    port and user (what to fix), never stored data.
    """
    for error in _chain(exc):
        if isinstance(error, PoolTimeout):  # every pooled connection stayed busy
            return BinhdangError.of("db.busy", db=db)
        if isinstance(error, sqlite3.Error):
            key = _sqlite_kind(error)
        elif _is_psycopg(error):
            key = _postgresql_kind(error)
            if key == "db.pg_unreachable":
                return BinhdangError.of(key, db=db, reason=_first_line(error))
        else:
            continue
        return BinhdangError.of(key, db=db) if key else None
    return None


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """``exc``, the driver error a SQLAlchemy error wraps, and the errors it was raised from."""
    seen: set[int] = set()
    pending: list[BaseException | None] = [exc]
    while pending:
        error = pending.pop(0)
        if error is None or id(error) in seen or len(seen) > 20:
            continue
        seen.add(id(error))
        yield error
        orig = error.orig if isinstance(error, DBAPIError) else None
        pending += [orig, error.__cause__, error.__context__]


def _sqlite_kind(error: sqlite3.Error) -> str | None:
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:  # raised by the sqlite3 module itself (closed connection…), not SQLite
        return None
    if code & 0xFF == _SQLITE_CONSTRAINT:
        reason = str(error.args[0]) if error.args else ""  # our trigger's own words
        if reason.startswith(RAISE_PREFIX):
            return _overlap_key(reason[len(RAISE_PREFIX) :])
        return None
    if code & 0xFF == _SQLITE_ERROR:
        reason = str(error.args[0]) if error.args else ""  # SQLite's own words, no values
        return "db.schema_missing" if reason.startswith("no such table") else None
    return _SQLITE.get(code & 0xFF)


def _is_psycopg(error: BaseException) -> bool:
    # psycopg is imported only by a PostgreSQL engine: when it is not loaded, no error is its.
    psycopg = sys.modules.get("psycopg")
    return psycopg is not None and isinstance(error, psycopg.Error)


def _postgresql_kind(error: BaseException) -> str | None:
    state = getattr(error, "sqlstate", None)
    if state is None:
        # No SQLSTATE: a failure on the client's side of the connection (refused, closed,
        # lost), which psycopg raises as OperationalError.
        psycopg = sys.modules["psycopg"]
        return "db.pg_unreachable" if isinstance(error, psycopg.OperationalError) else None
    if state == "23P01":  # exclusion_violation: one of the overlap constraints?
        name = getattr(getattr(error, "diag", None), "constraint_name", None)
        table = next((spec.error for spec in PERIOD_TABLES if spec.constraint == name), None)
        return _overlap_key(table) if table else None
    return _POSTGRESQL.get(state) or _POSTGRESQL_CLASSES.get(state[:2])


def _overlap_key(table: str) -> str | None:
    """``db.overlap.<table>`` for a table whose periods must not overlap (store/periods.py)."""
    return f"db.overlap.{table}" if any(spec.error == table for spec in PERIOD_TABLES) else None


def _first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return lines[0].strip() if lines else type(error).__name__


def redacted_traceback(exc: BaseException) -> str:
    """``exc``'s traceback (and those of the errors it was raised from) as a log keeps it:
    every frame, but of a database error only its class, the driver's main message and the
    SQL statement — never the parameters nor PostgreSQL's DETAIL ("Failing row contains
    (…, Nguyễn Thị …, 1961-07-13)")."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain and len(chain) < 20:
        chain.append(current)
        cause = current.__cause__
        current = (
            cause if cause is not None or current.__suppress_context__ else current.__context__
        )
    parts = []
    for error in reversed(chain):
        frames = "".join(traceback.format_tb(error.__traceback__))
        name = f"{type(error).__module__}.{type(error).__qualname__}"
        parts.append(f"Traceback (most recent call last):\n{frames}{name}: {_redacted(error)}\n")
    return "\nThe above exception led to:\n\n".join(parts)


def _redacted(error: BaseException) -> str:
    if isinstance(error, StatementError):
        orig = error.orig
        driver = (
            f"({type(orig).__module__}.{type(orig).__name__}) {_redacted(orig)}" if orig else ""
        )
        return f"{driver}\n[SQL: {error.statement}]"
    if _is_psycopg(error):
        state = getattr(error, "sqlstate", None)
        if state is not None and state.startswith("22"):  # data exception: quotes the value
            return f"SQLSTATE {state}"
        primary = getattr(getattr(error, "diag", None), "message_primary", None)
        return f"SQLSTATE {state}: {primary or _first_line(error)}"
    return str(error)
