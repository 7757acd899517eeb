"""Settings of the web application, declared once (name, environment variable, default, help)
and read when the server starts, never at import time. The secret key is never printed."""

from __future__ import annotations

import secrets
import tempfile
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from binhdang.accounts.throttle import RateLimit
from binhdang.settings import DATABASE_URL, Setting

SECRET_KEY = Setting(
    "secret_key",
    "BINHDANG_SECRET_KEY",
    "",
    "Key that signs the forms' CSRF tokens. Set it (e.g. `python -c 'import secrets; "
    "print(secrets.token_urlsafe(32))'`) when several server processes run; empty: a random "
    "key per process start.",
)
SESSION_HOURS = Setting(
    "session_hours",
    "BINHDANG_SESSION_HOURS",
    "8",
    "A web session ends this many hours after sign-in.",
)
SESSION_IDLE_MINUTES = Setting(
    "session_idle_minutes",
    "BINHDANG_SESSION_IDLE_MINUTES",
    "30",
    "A web session ends after this many minutes without a request.",
)
SIGN_IN_LIMIT = Setting(
    "sign_in_limit",
    "BINHDANG_SIGN_IN_LIMIT",
    "3",
    "Failed sign-ins for one account from one address before each further attempt from that "
    "address waits 2, 4, 8… seconds (at most 15 minutes); never a lock-out.",
)
TOKEN_DAYS = Setting(
    "token_days",
    "BINHDANG_TOKEN_DAYS",
    "90",
    "Days a new API token lasts unless `binhdang token create --expires` says otherwise "
    "(at most 366).",
)
UPLOAD_DIR = Setting(
    "upload_dir",
    "BINHDANG_UPLOAD_DIR",
    "",
    "Folder for uploaded lists waiting for confirmation (empty: the system's temp folder).",
)
MAX_UPLOAD_MB = Setting(
    "max_upload_mb", "BINHDANG_MAX_UPLOAD_MB", "20", "Largest file accepted by the import page."
)
MAX_BODY_MB = Setting(
    "max_body_mb",
    "BINHDANG_MAX_BODY_MB",
    "25",
    "Largest request body, in MB (an upload with its form); larger ones are answered 413 "
    "without being read.",
)

WEB_SETTINGS: tuple[Setting, ...] = (
    SECRET_KEY,
    SESSION_HOURS,
    SESSION_IDLE_MINUTES,
    SIGN_IN_LIMIT,
    TOKEN_DAYS,
    UPLOAD_DIR,
    MAX_UPLOAD_MB,
    MAX_BODY_MB,
)


@dataclass(frozen=True)
class WebSettings:
    database_url: str
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(32), repr=False)
    session_lifetime: timedelta = timedelta(hours=8)
    session_idle: timedelta = timedelta(minutes=30)
    rate_limit: RateLimit = field(default_factory=RateLimit)
    upload_dir: Path = field(
        default_factory=lambda: Path(tempfile.gettempdir()) / "binhdang-uploads"
    )
    max_upload_bytes: int = 20 * 1024 * 1024
    max_body_bytes: int = 25 * 1024 * 1024
    secure_cookies: bool | None = None
    """True: always Secure cookies; None: Secure when the request came over HTTPS."""

    @classmethod
    def from_env(cls, database_url: str | None = None) -> WebSettings:
        """Read every setting from the environment (at start-up)."""
        upload = UPLOAD_DIR.value()
        return cls(
            database_url=database_url or DATABASE_URL.value(),
            secret_key=SECRET_KEY.value() or secrets.token_urlsafe(32),
            session_lifetime=timedelta(hours=float(SESSION_HOURS.value())),
            session_idle=timedelta(minutes=float(SESSION_IDLE_MINUTES.value())),
            rate_limit=RateLimit(per_pair=int(SIGN_IN_LIMIT.value())),
            upload_dir=Path(upload) if upload else Path(tempfile.gettempdir()) / "binhdang-uploads",
            max_upload_bytes=int(float(MAX_UPLOAD_MB.value()) * 1024 * 1024),
            max_body_bytes=int(float(MAX_BODY_MB.value()) * 1024 * 1024),
        )
