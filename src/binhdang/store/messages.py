"""Messages of the store (vi + en): overlapping periods, the write lock, backups. A plain
table, merged into the catalogue at its first use (:mod:`binhdang.messages`); the database
errors told by kind stay beside their code (``store/errors.py``: built from its tables)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- overlapping periods (store/periods.py) ---------------------------------------
    "db.overlap.employment": (
        "Cơ sở dữ liệu {db} từ chối ghi: một người sẽ có hai giai đoạn công tác chồng lên "
        "nhau (mỗi ngày một người chỉ công tác ở một đơn vị). Không có gì được ghi. Kiểm tra "
        "danh sách và ngày hiệu lực; nếu chúng đúng, đây là lỗi của binhdang — hãy báo lại "
        "kèm lệnh đã chạy.",
        "The database {db} refused the write: a person would have two overlapping employment "
        "periods (a person works in one unit on any day). Nothing was written. Check the list "
        "and its date; if they are right, this is a bug in binhdang — please report it with "
        "the command you ran.",
    ),
    "db.overlap.unit_version": (
        "Cơ sở dữ liệu {db} từ chối ghi: một đơn vị sẽ có hai phiên bản (tên, loại, đơn vị "
        "cấp trên) chồng lên nhau về thời gian. Không có gì được ghi. Kiểm tra danh sách đơn "
        "vị và ngày hiệu lực; nếu chúng đúng, đây là lỗi của binhdang — hãy báo lại kèm lệnh "
        "đã chạy.",
        "The database {db} refused the write: a unit would have two versions (name, kind, "
        "parent) covering a common day. Nothing was written. Check the unit list and its "
        "date; if they are right, this is a bug in binhdang — please report it with the "
        "command you ran.",
    ),
    "db.kind.db.overlap.employment": (
        "giai đoạn công tác chồng lên nhau",
        "overlapping employment periods",
    ),
    "db.kind.db.overlap.unit_version": (
        "phiên bản đơn vị chồng lên nhau",
        "overlapping unit versions",
    ),
    "db.overlaps_found": (
        "Không nâng cấp được cơ sở dữ liệu: đã có {count} giai đoạn chồng lên nhau trong bảng "
        "{table} ({column}: {owners}). Phiên bản này bắt buộc mỗi người (mỗi đơn vị) chỉ có "
        "một giai đoạn tại mỗi ngày. Sửa các dòng đó (kết thúc giai đoạn cũ bằng valid_to = "
        "valid_from của giai đoạn sau, hoặc xóa dòng thừa) rồi chạy lại binhdang init; cơ sở "
        "dữ liệu chưa bị thay đổi.",
        "Cannot upgrade the database: {count} overlapping periods already exist in the table "
        "{table} ({column}: {owners}). This version requires each person (each unit) to have "
        "one period on any day. Fix those rows (end the earlier period with valid_to = the later "
        "one's valid_from, or delete the extra row) and run binhdang init again; the database "
        "has not been changed.",
    ),
    # --- the write lock (store/writes.py) ---------------------------------------------
    "write.waiting": (
        "Đang chờ một lần nhập khác… (một thao tác khác đang ghi vào cơ sở dữ liệu; "
        "chờ tối đa {seconds} giây)",
        "Waiting for another import… (another action is writing to the database; "
        "waiting up to {seconds} seconds)",
    ),
    "db.write_timeout": (
        "Đã chờ {seconds} giây mà một thao tác khác vẫn đang ghi vào cơ sở dữ liệu {db}: "
        "chưa ghi gì. Chờ thao tác đó xong rồi chạy lại (thời gian chờ tối đa: biến môi "
        "trường BINHDANG_WRITE_WAIT_SECONDS).",
        "Waited {seconds} seconds and another action is still writing to the database {db}: "
        "nothing was written. Wait for it to finish and run again (the longest wait is the "
        "BINHDANG_WRITE_WAIT_SECONDS environment variable).",
    ),
    "db.kind.db.write_timeout": ("đang có thao tác ghi khác", "another write in progress"),
    # --- backup and restore (store/backup.py) -----------------------------------------
    "backup.written": (
        "Đã ghi bản sao lưu {file} ({size}, {engine}, lược đồ {revisions}).",
        "Backup written to {file} ({size}, {engine}, schema {revisions}).",
    ),
    "backup.no_file": (
        "Cơ sở dữ liệu {db} không phải một tệp SQLite hoặc PostgreSQL; không sao lưu được.",
        "The database {db} is neither a SQLite file nor PostgreSQL; it cannot be backed up.",
    ),
    "backup.same_file": (
        "Tệp sao lưu {file} trùng với tệp cơ sở dữ liệu; hãy chọn tệp khác.",
        "The backup file {file} is the database file itself; choose another file.",
    ),
    "backup.check_failed": (
        "Bản sao {file} không qua kiểm tra toàn vẹn ({reason}); tệp không được ghi. "
        "Cơ sở dữ liệu gốc có thể bị hỏng: giữ lại bản sao lưu trước đó.",
        "The copy {file} failed the integrity check ({reason}) and was not kept. The database "
        "itself may be damaged: keep the previous backups.",
    ),
    "backup.pg_tools_missing": (
        "Không tìm thấy pg_dump, pg_restore, psql (máy chủ PostgreSQL {server}). Hãy cài gói "
        "postgresql-client-{major} (Debian/Ubuntu) hoặc thêm thư mục chứa chúng vào PATH.",
        "pg_dump, pg_restore and psql were not found (PostgreSQL server {server}). Install "
        "postgresql-client-{major} (Debian/Ubuntu) or put their folder on the PATH.",
    ),
    "backup.pg_tools_old": (
        "pg_dump {found} ({folder}) cũ hơn máy chủ PostgreSQL {server}; cần phiên bản {major} "
        "trở lên (gói postgresql-client-{major}).",
        "pg_dump {found} ({folder}) is older than the PostgreSQL server {server}; version "
        "{major} or newer is needed (package postgresql-client-{major}).",
    ),
    "backup.pg_failed": ("{tool} báo lỗi: {reason}", "{tool} failed: {reason}"),
    "backup.source_damaged": (
        "Cơ sở dữ liệu {db} bị hỏng ({reason}); không sao lưu được. Hãy khôi phục từ bản sao "
        "lưu gần nhất: binhdang restore TỆP --db {db}",
        "The database {db} is damaged ({reason}) and cannot be backed up. Restore the latest "
        "backup: binhdang restore FILE --db {db}",
    ),
    "backup.failed": (
        "Không sao lưu được {db}: {reason}",
        "Cannot back up {db}: {reason}",
    ),
    "restore.not_backup": (
        "Tệp {file} không phải bản sao lưu binhdang (cần tệp do binhdang backup ghi: cơ sở dữ "
        "liệu SQLite hoặc tệp pg_dump định dạng custom có bảng alembic_version).",
        "{file} is not a binhdang backup (expected a file written by binhdang backup: a SQLite "
        "database or a custom-format pg_dump archive holding alembic_version).",
    ),
    "restore.corrupt": (
        "Bản sao lưu {file} bị hỏng: {reason}",
        "The backup {file} is damaged: {reason}",
    ),
    "restore.newer": (
        "Bản sao lưu {file} có lược đồ mới hơn ({found}) so với phiên bản binhdang này "
        "({expected}). Hãy cập nhật binhdang rồi khôi phục.",
        "The backup {file} has a newer schema ({found}) than this binhdang knows ({expected}). "
        "Upgrade binhdang, then restore.",
    ),
    "restore.engine_mismatch": (
        "Bản sao lưu {file} là của {kind}; không khôi phục vào {db} được. Hãy chọn --db là "
        "một cơ sở dữ liệu {kind}.",
        "The backup {file} is of {kind}; it cannot be restored into {db}. Give --db a {kind} "
        "database.",
    ),
    "restore.same_file": (
        "Không khôi phục một tệp vào chính nó: {file}.",
        "A file cannot be restored onto itself: {file}.",
    ),
    "restore.check_failed": (
        "Cơ sở dữ liệu khôi phục không qua kiểm tra ({reason}); cơ sở dữ liệu đang dùng không "
        "thay đổi.",
        "The restored database failed its check ({reason}); the database in use is unchanged.",
    ),
    "restore.kept_file": (
        "Cơ sở dữ liệu trước đó được giữ lại ở {aside}.",
        "The previous database is kept in {aside}.",
    ),
    "restore.kept_schema": (
        'Lược đồ trước đó được giữ lại với tên {aside} (xóa khi không cần: DROP SCHEMA "{aside}" '
        "CASCADE).",
        "The previous schema is kept as {aside} (drop it when no longer needed: DROP SCHEMA "
        '"{aside}" CASCADE).',
    ),
    "restore.upgraded": (
        "Bản sao lưu có lược đồ cũ hơn ({found}); đã nâng cấp lên {expected} như binhdang init.",
        "The backup has an older schema ({found}); upgraded to {expected} as binhdang init does.",
    ),
    "restore.done": (
        "Đã khôi phục {file} vào {db} (lược đồ {revisions}; {check}).",
        "Restored {file} into {db} (schema {revisions}; {check}).",
    ),
    "restore.checked_sqlite": (
        "kiểm tra toàn vẹn: ok",
        "integrity check: ok",
    ),
    "restore.checked_pg": (
        "{tables} bảng, {rows} dòng như trong bản sao lưu",
        "{tables} tables, {rows} rows as in the backup",
    ),
}
