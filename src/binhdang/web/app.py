"""The application factory: ``create_app(settings)`` → a FastAPI app (pages + API)."""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware import Middleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from binhdang.accounts import passwords
from binhdang.accounts.permissions import Action
from binhdang.errors import BinhdangError
from binhdang.messages import text
from binhdang.store import database
from binhdang.store.errors import describe, redacted_traceback
from binhdang.web import api, batches, committee, pages, reports, rounds, targets
from binhdang.web.config import WebSettings
from binhdang.web.context import HttpError, SignInRequired, lang_of
from binhdang.web.health import router as healthz_router  # GET /healthz (operations)
from binhdang.web.limits import RequestLimits
from binhdang.web.pages import NavEntry
from binhdang.web.security import SecurityMiddleware
from binhdang.web.signins import SignIns
from binhdang.web.staff import register_fold

HERE = Path(__file__).parent
_LOG = logging.getLogger("binhdang.web")

# BinhdangError keys that mean "no such thing" rather than "bad input".
_NOT_FOUND = {"unit.unknown", "account.unknown", "account.unknown_unit", "committee.record.missing"}


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error_json(status: int, key: str, message: str, field: str | None, **extra) -> JSONResponse:
    body = {"error": {"code": key, "message": message, "field": field, **extra}}
    headers = {"www-authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(body, status_code=status, headers=headers)


def _answer_failure(request: Request, exc: Exception) -> HTMLResponse | JSONResponse:
    """The answer to an exception no handler took: a failure of the database itself
    (read-only, damaged, unreachable…) by its kind (503), anything else as a bug (500).

    Logged with a traceback from which database errors' texts are left out (they can hold
    stored values: PostgreSQL's DETAIL names the row); answered without internals."""
    lang = lang_of(request)
    known = describe(exc, database.display_url(str(request.app.state.engine.url)))
    where = f"{request.method} {request.url.path}"
    if known is not None:
        _LOG.error(
            "database problem on %s: %s\n%s",
            where,
            known.message.render("en"),
            redacted_traceback(exc),
        )
        status, key = 503, "web.database_problem"
        message = text(key, lang, kind=text(f"db.kind.{known.message.key}", lang))
    else:
        _LOG.error("unexpected error on %s\n%s", where, redacted_traceback(exc))
        status, key = 500, "web.unexpected"
        message = text(key, lang)
    if _is_api(request):
        return _error_json(status, key, message, None)
    return pages.error_page(request, status, message)


class _LastResort:
    """Answers any exception of the layers inside it with :func:`_answer_failure`.

    It sits just inside the security middleware (see :class:`_App`), so that answer carries
    the security headers, and it does not re-raise: the failure is logged once, redacted,
    rather than again in full by the server (Starlette's ServerErrorMiddleware re-raises).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def sending(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, sending)
        except Exception as exc:
            response = await run_in_threadpool(_answer_failure, Request(scope), exc)
            if started:  # half a response is out: only the server can end it (and log it)
                raise
            await response(scope, receive, send)


class _App(FastAPI):
    """FastAPI whose every answer, a bug's 500 included, carries the security headers.

    Starlette puts its ServerErrorMiddleware outside every user middleware, so the 500 it
    sends for a bug would bypass the security middleware. Here the security middleware (as
    added with ``add_middleware``) is the outermost user middleware, with :class:`_LastResort`
    just inside it, so no exception reaches ServerErrorMiddleware but the security
    middleware's own.
    """

    def build_middleware_stack(self) -> ASGIApp:
        added = self.user_middleware
        security = [entry for entry in added if entry.cls is SecurityMiddleware]
        others = [entry for entry in added if entry.cls is not SecurityMiddleware]
        self.user_middleware = [*security, Middleware(_LastResort), *others]
        try:
            return super().build_middleware_stack()
        finally:
            self.user_middleware = added


def create_app(settings: WebSettings) -> FastAPI:
    """Open the database (it must be initialised and current) and build the application."""
    engine = database.open_current(settings.database_url)
    register_fold(engine)
    engine.dispose()  # connections made from now on get bd_fold
    settings.upload_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    passwords.prepare()

    app = _App(
        title="binhdang",
        summary="Bình đẳng giới — gender-equality figures, staff lists and reports",
        version="1",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.engine = engine
    app.state.settings = settings
    app.state.signins = SignIns()  # the sign-ins this process has checked
    # The menu, in its order: each entry shown to the roles that may do its action.
    app.state.nav = (
        NavEntry("/", "web.nav_dashboard"),
        NavEntry("/staff", "web.nav_staff", Action.VIEW_PERSONS),
        NavEntry("/import", "web.nav_import", Action.IMPORT_LISTS),
        NavEntry("/committee", "web.nav_committee", Action.EDIT_RECORDS),
        NavEntry("/reports", "web.nav_reports", Action.VIEW_PERSONS),
        NavEntry("/rounds", "rounds.web.nav", Action.VIEW_AGGREGATES),
        NavEntry("/users", "web.nav_users", Action.MANAGE_ACCOUNTS),
        NavEntry("/audit", "web.nav_audit", Action.VIEW_AUDIT),
    )
    app.add_middleware(RequestLimits, max_body_bytes=settings.max_body_bytes)  # inside Security
    app.add_middleware(SecurityMiddleware, secure_cookies=settings.secure_cookies)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(healthz_router)
    app.include_router(batches.api)  # before api.router: /imports/undo is not /imports/{kind}
    app.include_router(api.router)
    app.include_router(reports.api)
    app.include_router(committee.api)
    app.include_router(targets.api)
    app.include_router(rounds.api)
    app.include_router(pages.router)
    app.include_router(reports.pages)
    app.include_router(rounds.pages)
    app.include_router(committee.pages)
    app.include_router(batches.pages)

    @app.get("/api/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(
            '<!doctype html><html><head><meta charset="utf-8"><title>binhdang API</title>'
            '<link rel="stylesheet" href="/static/swagger/swagger-ui.css"></head><body>'
            '<div id="swagger-ui"></div><script src="/static/swagger/swagger-ui-bundle.js">'
            '</script><script src="/static/swagger/init.js"></script></body></html>'
        )

    @app.exception_handler(HttpError)
    def on_http_error(request: Request, exc: HttpError) -> HTMLResponse | JSONResponse:
        message = text(exc.key, lang_of(request), **exc.params)
        if _is_api(request):
            return _error_json(exc.status, exc.key, message, exc.field)
        return pages.error_page(request, exc.status, message)

    @app.exception_handler(SignInRequired)
    def on_sign_in(request: Request, exc: SignInRequired) -> RedirectResponse:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        response = RedirectResponse(f"/sign-in?next={_quote(target)}", status_code=303)
        if request.headers.get("hx-request"):
            response.headers["hx-redirect"] = "/sign-in"
        return response

    @app.exception_handler(BinhdangError)
    def on_binhdang_error(request: Request, exc: BinhdangError) -> HTMLResponse | JSONResponse:
        lang = lang_of(request)
        status = 404 if exc.message.key in _NOT_FOUND else 422
        if exc.message.key == "db.write_timeout":  # another write held the lock: try later
            status = 503
        message = exc.message.render(lang)
        if _is_api(request):
            problems = [
                {"row": p.row, "column": p.column, "message": p.message.render(lang)}
                for p in exc.problems
            ]
            return _error_json(status, exc.message.key, message, None, problems=problems)
        return pages.error_page(request, status, message)

    @app.exception_handler(RequestValidationError)
    def on_invalid(request: Request, exc: RequestValidationError) -> HTMLResponse | JSONResponse:
        errors = exc.errors()
        first = errors[0] if errors else {}
        loc = [str(part) for part in first.get("loc", ()) if part not in ("query", "body", "path")]
        field = ".".join(loc) or None
        message = text(
            "web.invalid_input", lang_of(request), field=field or "?", reason=first.get("msg", "")
        )
        if _is_api(request):
            return _error_json(422, "web.invalid_input", message, field)
        return pages.error_page(request, 422, message)

    @app.exception_handler(StarletteHTTPException)
    def on_http(request: Request, exc: StarletteHTTPException) -> HTMLResponse | JSONResponse:
        key = {404: "web.not_found", 405: "web.not_allowed"}.get(exc.status_code, "web.http")
        message = text(key, lang_of(request), status=exc.status_code)
        if _is_api(request) or request.url.path.startswith("/static/"):
            return _error_json(exc.status_code, key, message, None)
        return pages.error_page(request, exc.status_code, message)

    # Only a failure of the security middleware itself gets here (see _App).
    app.add_exception_handler(Exception, _answer_failure)

    return app


def app_from_env() -> FastAPI:
    """The application with every setting read from the environment (each server process of
    ``binhdang serve --workers N`` calls it)."""
    return create_app(WebSettings.from_env())


def _quote(value: str) -> str:
    from urllib.parse import quote

    return quote(value, safe="/")
