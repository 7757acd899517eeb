"""Settings, declared once: name, environment variable, default and help.

Read when a command starts (never at import time). Command-line options override them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    default: str
    help: str

    def value(self) -> str:
        return os.environ.get(self.env) or self.default


DATABASE_URL = Setting(
    "database_url",
    "BINHDANG_DATABASE_URL",
    "sqlite:///binhdang.db",
    "Database: a SQLAlchemy URL (sqlite:///file.db, postgresql://user@host/db) or a file path.",
)
LANG = Setting("lang", "BINHDANG_LANG", "vi", "Language of messages and outputs: vi or en.")
DEBUG = Setting("debug", "BINHDANG_DEBUG", "", "Set to 1 to show tracebacks of unexpected errors.")

SETTINGS: tuple[Setting, ...] = (DATABASE_URL, LANG, DEBUG)

# --- limits of the files read (ingest.limits); sized for the largest real list ------------
# A national list is ~20,000 staff (Vietnam Social Security); 200,000 people leave room for a
# whole sector. Each setting is named in the error a refused file gives, so an operator with a
# genuinely larger list knows what to raise.
MAX_FILE_MB = Setting(
    "max_file_mb",
    "BINHDANG_MAX_FILE_MB",
    "100",
    "Largest CSV/XLSX/XLS file read, in MB (a 200,000-row XLSX is ~8 MB, its CSV ~20 MB).",
)
MAX_ROWS = Setting(
    "max_rows",
    "BINHDANG_MAX_ROWS",
    "250000",
    "Most rows in a sheet read (a list of 200,000 people with its header and title rows).",
)
MAX_COLUMNS = Setting("max_columns", "BINHDANG_MAX_COLUMNS", "200", "Most columns in a sheet.")
MAX_CELL_CHARS = Setting(
    "max_cell_chars",
    "BINHDANG_MAX_CELL_CHARS",
    "32767",
    "Longest text of one cell or shared string, in characters (Excel's own limit per cell).",
)
MAX_PART_MB = Setting(
    "max_part_mb",
    "BINHDANG_MAX_PART_MB",
    "300",
    "Largest part of an XLSX once uncompressed, in MB (a 200,000-row × 10-column sheet written "
    "with inline strings is ~120 MB).",
)
MAX_RATIO = Setting(
    "max_ratio",
    "BINHDANG_MAX_RATIO",
    "100",
    "Highest compression ratio of an XLSX part over 1 MB (real sheets: 5–20; zip bombs: ~1000).",
)
READ_MEMORY_MB = Setting(
    "read_memory_mb",
    "BINHDANG_READ_MEMORY_MB",
    "2048",
    "Memory (address space) allowed to the child process that parses an Excel file, in MB.",
)
READ_SECONDS = Setting(
    "read_seconds",
    "BINHDANG_READ_SECONDS",
    "300",
    "Time allowed to the child process that parses an Excel file, in seconds.",
)
READ_LIMITS: tuple[Setting, ...] = (
    MAX_FILE_MB, MAX_ROWS, MAX_COLUMNS, MAX_CELL_CHARS, MAX_PART_MB, MAX_RATIO, READ_MEMORY_MB,
    READ_SECONDS,
)  # fmt: skip
SETTINGS = (*SETTINGS, *READ_LIMITS)

# --- personal data (issue 14; binhdang.privacy) ----------------------------------------------
SENSITIVE_DATA = Setting(
    "sensitive_data",
    "BINHDANG_SENSITIVE_DATA",
    "off",
    "on: staff lists may store ethnicity (sensitive personal data, Law 91/2025/QH15; Decree "
    "356/2025/NĐ-CP Art. 4); off (default): an import ignores the column, with a warning.",
)
RETENTION_YEARS = Setting(
    "retention_years",
    "BINHDANG_RETENTION_YEARS",
    "10",
    "Years after a person's last employment ends before `binhdang privacy purge` anonymises "
    "them by default (see README, Personal data).",
)

SETTINGS += (SENSITIVE_DATA, RETENTION_YEARS)

# --- the tables a staff list is read with (ingest.titles) --------------------------------
TITLES = Setting(
    "titles",
    "BINHDANG_TITLES",
    "",
    "A TOML file of job titles and their post level (head, deputy, none) added to the shipped "
    "table (src/binhdang/ingest/titles.toml shows the shape); empty: the shipped table only.",
)
SETTINGS += (TITLES,)

# --- writers (issue 11; binhdang.store.writes) -------------------------------------------------
WRITE_WAIT_SECONDS = Setting(
    "write_wait_seconds",
    "BINHDANG_WRITE_WAIT_SECONDS",
    "600",
    "Longest wait, in seconds, for another writing action (an import, a merge…) to finish "
    "before giving up with nothing written (a national staff list imports in a few minutes).",
)
WRITE_NOTICE_SECONDS = Setting(
    "write_notice_seconds",
    "BINHDANG_WRITE_NOTICE_SECONDS",
    "3",
    "Seconds of waiting for another writing action before saying so.",
)

SETTINGS += (WRITE_WAIT_SECONDS, WRITE_NOTICE_SECONDS)

# --- reporting rounds (issue 17; binhdang.rounds) ------------------------------------------
INSTALLATION = Setting(
    "installation",
    "BINHDANG_INSTALLATION",
    "",
    "This installation's name, written into the submission packages it exports (`binhdang "
    "submission export`) so that the body above sees where a package was made; empty: the "
    "computer's name.",
)
SETTINGS += (INSTALLATION,)

# --- pay indicators (issue 18; binhdang.indicators.pay) ----------------------------------------
PAY_MIN_GROUP = Setting(
    "pay_min_group",
    "BINHDANG_PAY_MIN_GROUP",
    "5",
    "Smallest group of people whose pay gap, pay quarter or raise and promotion rate is shown; "
    'a smaller group shows "< N" (so that no one\'s pay can be read from a figure).',
)
SETTINGS += (PAY_MIN_GROUP,)

# --- the columnar copy beside a SQLite database (issue 19; binhdang.indicators.columnar) -------
COLUMNAR = Setting(
    "columnar",
    "BINHDANG_COLUMNAR",
    "1",
    "1: keep a compact copy of the staff and post columns the indicators count beside a SQLite "
    "database (folder <file>.binhdang-cols; the pay columns in <file>.binhdang-pay) or, for "
    "PostgreSQL, in BINHDANG_CACHE_DIR, rebuilt by the first whole-tree question after a write; "
    "0: always count from the rows.",
)
COLUMNAR_MIN_ROWS = Setting(
    "columnar_min_rows",
    "BINHDANG_COLUMNAR_MIN_ROWS",
    "100000",
    "Employment rows below which no columnar copy is kept (the rows are counted in "
    "milliseconds); 0: keep one at any size.",
)
COLUMNAR_MAX_MB = Setting(
    "columnar_max_mb",
    "BINHDANG_COLUMNAR_MAX_MB",
    "1024",
    "Largest columnar copy kept, in MB on disk (the national dataset's 3 million employment "
    "rows: about 50 MB); above it the rows are counted.",
)
CACHE_DIR = Setting(
    "cache_dir",
    "BINHDANG_CACHE_DIR",
    "~/.cache/binhdang",
    "Folder of the columnar copies of PostgreSQL databases, on the machine that computes (one "
    "sub-folder per server, database and schema, named by a digest; no user name or password in it).",
)
SETTINGS += (COLUMNAR, COLUMNAR_MIN_ROWS, COLUMNAR_MAX_MB, CACHE_DIR)
