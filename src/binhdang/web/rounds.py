"""The reporting round on the web (issue 17): the body's round board, and the API to read a
round's status and to receive a unit's submission package.

Thin adapters over :mod:`binhdang.rounds`: ``GET /rounds?unit=&year=`` (the board: units ×
state, overdue highlighted, "12/34 đã nộp"; anyone whose units include the body reads it),
``GET /api/v1/rounds/{unit}/{year}`` (the JSON of ``binhdang round status``) and
``POST /api/v1/submissions`` (a package from another installation, checked and recorded as
``binhdang submission import`` does, as the caller: a unit's editor submits its own unit).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Path, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse

from binhdang.accounts.permissions import Action
from binhdang.errors import BinhdangError
from binhdang.messages import register_messages, text
from binhdang.rounds import messages as _messages  # noqa: F401  (registers the texts)
from binhdang.store.writes import write_transaction
from binhdang.web.api import LangParam, Who, _lang, _unit_for
from binhdang.web.context import ApiError, PageError, engine_of, lang_of, now, settings_of, tree_on
from binhdang.web.pages import Who as PageWho
from binhdang.web.pages import render

register_messages({
    "rounds.web.title": ("Đợt báo cáo", "Reporting round"),
    "rounds.web.none": ("Chưa có đợt báo cáo này.", "There is no such round."),
    "rounds.web.overdue": ("Quá hạn", "Overdue"),
    "rounds.web.state_filter": ("Trạng thái", "State"),
    "rounds.web.all": ("Tất cả", "All"),
    "rounds.web.year": ("Năm", "Year"),
    "rounds.web.unit": ("Đơn vị", "Unit"),
})  # fmt: skip

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["rounds"])


def _status(request: Request, who, unit: str, year: int):  # type: ignore[no-untyped-def]
    from binhdang.rounds.service import get_round, round_status

    with engine_of(request).connect() as connection:
        found = get_round(connection, unit, year)
        tree = tree_on(connection, found.as_of)
        _unit_for(who, tree, unit, Action.VIEW_AGGREGATES, "unit")
        return round_status(connection, found, now().date())


@api.get("/rounds/{unit}/{year}")
def round_json(
    request: Request,
    who: Who,
    unit: Annotated[str, Path(min_length=1, max_length=64)],
    year: Annotated[int, Path(ge=1945, le=2100)],
) -> JSONResponse:
    """Every unit of the round with its state, who acted, when, and whether it is late."""
    from binhdang.rounds import output

    try:
        status = _status(request, who, unit, year)
    except BinhdangError as error:
        raise ApiError(404, error.message.key, **error.message.params) from None
    return JSONResponse(output.to_data(status))


@api.post("/submissions")
def receive_package(
    request: Request,
    who: Who,
    file: Annotated[UploadFile, File(description="A package of binhdang submission export")],
    lang: LangParam = None,
) -> JSONResponse:
    """Check a package (sizes, names, every SHA-256, the unit, the open round, the version)
    and record it as submitted; refused (422) with nothing written otherwise."""
    from binhdang.rounds.package import import_package, parse_package

    language = _lang(request, lang)
    data = file.file.read(settings_of(request).max_upload_bytes + 1)
    if len(data) > settings_of(request).max_upload_bytes:
        raise ApiError(422, "web.upload_too_big", "file")
    try:
        package = parse_package(data, (file.filename or "package.zip")[:100])
        with write_transaction(engine_of(request)) as connection:
            version = import_package(connection, package, actor=who, now=now())
    except BinhdangError as error:
        forbidden = error.message.key.startswith("rounds.not_allowed")
        return JSONResponse({"error": {"code": error.message.key, "field": "file",
                                       "message": error.message.render(language)}},
                            status_code=403 if forbidden else 422)  # fmt: skip
    return JSONResponse({"unit": package.unit_code, "year": package.year,
                         "version": version.version, "state": "submitted",
                         "manifest_sha256": version.manifest_sha256}, status_code=201)  # fmt: skip


@pages.get("/rounds", response_class=HTMLResponse)
def board(
    request: Request,
    who: PageWho,
    unit: Annotated[str, Query(min_length=1, max_length=64)],
    year: Annotated[int, Query(ge=1945, le=2100)],
    state: Annotated[str | None, Query(max_length=20)] = None,
) -> HTMLResponse:
    """The round board: every unit's state, overdue ones highlighted, the progress line."""
    from binhdang.rounds import output

    lang = lang_of(request)
    try:
        status = _status(request, who, unit, year)
    except BinhdangError:
        raise PageError(404, "rounds.web.none") from None
    shown = [u for u in status.units if not state or u.state.value == state]
    return render(request, "rounds.html", status=status, units=shown, state=state or "",
                  progress=output.progress(status, lang),
                  label=lambda value: text(f"rounds.state.{value}", lang))  # fmt: skip
