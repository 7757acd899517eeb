"""What a request may send, decided before its body is read: its size, and who sends it.

FastAPI reads (and spools to disk) a form or file body before it runs a route's dependencies,
so the check of the signed-in user came after the whole body: 200 MB read to answer 401. This
ASGI middleware, registered inside :class:`~binhdang.web.security.SecurityMiddleware` so that
its answers carry the security headers:

- answers a request to a route needing a signed-in user (one that depends on
  ``pages.page_account`` or ``api.api_account``) with the application's own answer to a
  missing user — 401 for the API, the sign-in page otherwise — when its credentials (API token
  or session cookie, looked up by :func:`~binhdang.web.context.account_of`, whose result the
  route then reuses) name nobody, before reading any of its body;
- answers 413 when the declared ``Content-Length`` is over the limit, before reading it, and
  counts the bytes of a body sent without one (chunked), answering 413 as soon as they pass.

The answers are the application's own error handlers' (JSON under ``/api/``, the error page
otherwise, in the user's language), raised here as the errors a route would raise.
"""

from __future__ import annotations

import contextlib
import inspect
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from binhdang.web.api import api_account
from binhdang.web.context import HttpError, SignInRequired, account_of
from binhdang.web.hops import original
from binhdang.web.pages import page_account

_SIGNED_IN = (page_account, api_account)
"""The dependencies that require a signed-in user."""


class _Refused(Exception):
    """Raised into the application by ``receive`` instead of giving it the body."""


class RequestLimits:
    """The middleware; ``max_body_bytes`` is the largest body accepted.

    The checks run when the application first asks for the body: by then the router has
    chosen the route (``scope["route"]``), whose dependencies say whether it needs a signed-in
    user, and not one byte of the body has been read. The refusal is raised into the
    application's ``receive``; whatever the application then answers (FastAPI makes it a 400)
    is dropped and the refusal answered instead."""

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self._needs_account: dict[int, bool] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        asked = False
        received = 0
        refusal: Exception | None = None
        started = False

        async def checked() -> Message:
            nonlocal asked, received, refusal
            if not asked:
                asked = True
                refusal = await self._refusal(request)
                if refusal is not None:
                    raise _Refused
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:  # a body sent without a length, or a liar
                    refusal = self._too_large()
                    raise _Refused
            return message

        async def guarded(message: Message) -> None:
            nonlocal started
            if refusal is not None:  # the application's answer to a body it did not get
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        with contextlib.suppress(_Refused):  # when it reaches us: answered below
            await self.app(scope, checked, guarded)
        if refusal is not None and not started:
            await self._answer(request, send, refusal)

    async def _refusal(self, request: Request) -> Exception | None:
        """Why the body must not be read, if it must not: nobody signed in where a route needs
        someone, or a declared length over the limit."""
        scope = request.scope
        if self._signed_in_only(scope.get("route")):
            try:
                account = await run_in_threadpool(account_of, request)
            except Exception:  # the database: the route's own lookup raises it again, and the
                return None  # application answers it as it answers any database error
            if account is None:
                return HttpError(401, "auth.required") if _is_api(scope) else SignInRequired()
        declared = _length(request.headers.get("content-length"))
        if declared is not None and declared > self.max_body_bytes:
            return self._too_large()
        return None

    def _too_large(self) -> HttpError:
        limit = f"{self.max_body_bytes / (1024 * 1024):g}"
        return HttpError(413, "web.body_too_large", limit=limit)

    def _signed_in_only(self, route: Any) -> bool:
        """Whether ``route`` (the one the router chose) needs a signed-in user."""
        if route is None:
            return False
        key = id(route)
        if key not in self._needs_account:
            self._needs_account[key] = _depends_on_account(getattr(route, "dependant", None))
        return self._needs_account[key]

    async def _answer(self, request: Request, send: Send, error: Exception) -> None:
        """Answer as the application answers ``error`` raised by a route."""
        handler = request.app.exception_handlers[type(error)]
        if inspect.iscoroutinefunction(handler):
            response = await handler(request, error)
        else:
            response = await run_in_threadpool(handler, request, error)
        await response(request.scope, request.receive, send)


def _depends_on_account(dependant: Any) -> bool:
    if dependant is None:
        return False
    return any(
        original(dependency.call) in _SIGNED_IN or _depends_on_account(dependency)
        for dependency in dependant.dependencies
    )


def _is_api(scope: Scope) -> bool:
    return str(scope["path"]).startswith("/api/")


def _length(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
