"""``GET /healthz``: is the server able to serve? For load balancers, monitoring and the
upgrade procedure (README: backup → ``binhdang init`` → check).

Unauthenticated, so it says nothing but three words: no data, no error text, no version.
It costs one query (the schema revisions, which also proves the database answers), and its
answer is kept for a few seconds, so that a monitor polling it cannot load the database.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from binhdang.store.backup import schema_state
from binhdang.web.hops import OneHopRoute

CACHE_SECONDS = 5.0
_LOG = logging.getLogger("binhdang.web")

router = APIRouter(route_class=OneHopRoute)


def check(engine: Engine) -> tuple[int, dict[str, str]]:
    """(HTTP status, body): 200 when the database answers and its schema is the one this
    binhdang expects, else 503 naming what is wrong."""
    try:
        with engine.connect() as connection:
            connection.execute(text("select 1"))
            try:
                rows = connection.execute(text("select version_num from alembic_version"))
                found = frozenset(rows.scalars())
            except SQLAlchemyError:  # no alembic_version: not initialised
                found = frozenset()
    except SQLAlchemyError as exc:
        _LOG.warning("healthz: database unreachable (%s)", type(exc).__name__)
        return 503, {"status": "error", "database": "unreachable", "schema": "unknown"}
    state = schema_state(found)
    if state == "current":
        return 200, {"status": "ok", "database": "ok", "schema": "current"}
    return 503, {"status": "error", "database": "ok", "schema": state}


class _Cached:
    """The last answer and when it was computed (one per application)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.at = float("-inf")
        self.answer: tuple[int, dict[str, str]] = (503, {})


@router.api_route("/healthz", methods=["GET", "HEAD"], include_in_schema=False)
def healthz(request: Request) -> JSONResponse:
    state: Any = request.app.state
    cached: _Cached | None = getattr(state, "healthz", None)
    if cached is None:
        cached = state.healthz = _Cached()
    with cached.lock:
        if time.monotonic() - cached.at >= CACHE_SECONDS:
            cached.answer = check(state.engine)
            cached.at = time.monotonic()
        status, body = cached.answer
    return JSONResponse(body, status_code=status, headers={"cache-control": "no-store"})
