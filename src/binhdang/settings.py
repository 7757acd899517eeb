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
