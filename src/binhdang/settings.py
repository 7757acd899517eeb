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
