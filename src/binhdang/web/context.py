"""Per-request helpers shared by the pages and the API: who is asking, in which language,
with which database, and the errors both turn into responses."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from fastapi import Request
from sqlalchemy import Connection, Engine, func, select

from binhdang import settings as core_settings
from binhdang.accounts import audit
from binhdang.accounts.permissions import Action, covers, role_allows
from binhdang.accounts.service import Account, check_session, check_token, digest
from binhdang.errors import BinhdangError
from binhdang.messages import Lang, text
from binhdang.store.tables import import_batch
from binhdang.units.tree import UnitTree
from binhdang.web import cache
from binhdang.web.config import WebSettings
from binhdang.web.security import LANG_COOKIE, SESSION_COOKIE, csrf_token, session_csrf_token
from binhdang.web.signins import SignIns, read_versions


class HttpError(Exception):
    """An error told to the client by its status and message key, answered by the path asked:
    JSON ``{"error": {"code", "message", "field"}}`` under ``/api/``, the error page elsewhere
    (see ``create_app``). ``field`` names the parameter at fault (JSON answers only)."""

    def __init__(self, status: int, key: str, field: str | None = None, **params: Any) -> None:
        super().__init__(key)
        self.status, self.key, self.field, self.params = status, key, field, params


class SignInRequired(Exception):
    """A page needs a signed-in user: answered by a redirect to the sign-in page."""


def now() -> datetime:
    return datetime.now(UTC)


def engine_of(request: Request) -> Engine:
    return request.app.state.engine


def settings_of(request: Request) -> WebSettings:
    return request.app.state.settings


def lang_of(request: Request) -> Lang:
    chosen = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE)
    if chosen in ("vi", "en"):
        return chosen  # type: ignore[return-value]
    return "en" if core_settings.LANG.value() == "en" else "vi"


def t(request: Request, key: str, **params: Any) -> str:
    return text(key, lang_of(request), **params)


def client_address(request: Request) -> str:
    return request.client.host if request.client else "-"


def csrf_of(request: Request) -> str:
    """The CSRF token this request's forms carry and its posts must send back: bound to the
    session when signed in by the session cookie, else to the browser's nonce
    (:mod:`binhdang.web.security`)."""
    key = settings_of(request).secret_key
    if account_of(request) is not None and getattr(request.state, "auth_via", None) == "session":
        return session_csrf_token(key, request.cookies[SESSION_COOKIE])
    return csrf_token(key, request.state.csrf_nonce)


def account_of(request: Request) -> Account | None:
    """The signed-in account (API token first, then the session cookie), cached per request.
    Why a token was refused, when it says more than "sign in" (expired), is left in
    ``request.state.auth_problem``.

    A credential this process checked under the versions read now is not looked up again
    (:mod:`binhdang.web.signins`): one query instead of two and a transaction."""
    if hasattr(request.state, "account"):
        return request.state.account
    found: Account | None = None
    via, secret, idle = None, "", None
    header = request.headers.get("authorization", "")
    cookie = request.cookies.get(SESSION_COOKIE)
    if header.lower().startswith("bearer "):
        via, secret, idle = "token", header[7:].strip(), None
    elif cookie:
        via, secret, idle = "session", cookie, settings_of(request).session_idle
    if via is not None:
        key = f"{via}:{digest(secret)}"
        memory: SignIns = request.app.state.signins
        at = now()
        with engine_of(request).begin() as connection:
            versions = read_versions(connection)
            if versions is not None:
                found = memory.find(versions, key, at, idle)
                if request.method in ("GET", "HEAD"):  # see cache.read_by_request
                    cache.read_by_request(versions[0])
            if found is None:
                credential = None
                if via == "token":
                    try:
                        credential = check_token(connection, secret, now=at)
                    except BinhdangError as error:  # an expired token: say so in the 401
                        request.state.auth_problem = error.message
                else:
                    credential = check_session(
                        connection, secret, now=at, idle=settings_of(request).session_idle
                    )
                if credential is not None:
                    found = credential.account
                    if versions is not None:
                        memory.keep(versions, key, credential)
    request.state.account = found
    request.state.auth_via = via if found else None
    return found


def latest_list_date(connection: Connection) -> date | None:
    """The date of the most recent staff list: the default "as of" of the pages."""
    return connection.execute(
        select(func.max(import_batch.c.as_of)).where(import_batch.c.kind == "staff")
    ).scalar()


def list_dates(connection: Connection) -> list[date]:
    rows = connection.execute(
        select(import_batch.c.as_of)
        .where(import_batch.c.kind == "staff", import_batch.c.as_of.is_not(None))
        .distinct()
        .order_by(import_batch.c.as_of)
    )
    return [row.as_of for row in rows]


def allowed(account: Account, action: Action, tree: UnitTree, unit_id: int) -> bool:
    return role_allows(account.role, action) and covers(account.grant, tree, unit_id)


def log(
    connection: Connection,
    request: Request,
    action: str,
    *,
    unit_code: str | None = None,
    target: str | None = None,
    detail: dict[str, Any] | None = None,
    actor_name: str | None = None,
) -> None:
    """Append an audit entry for this request (who, when, from where)."""
    audit.record(
        connection,
        actor=getattr(request.state, "account", None),
        action=action,
        now=now(),
        unit_code=unit_code,
        target=target,
        detail=detail,
        address=client_address(request),
        actor_name=actor_name,
    )


def tree_on(connection: Connection, on: date) -> UnitTree:
    """The unit tree on ``on`` (cached while the data does not change; do not modify it)."""
    return cache.tree(connection, on)
