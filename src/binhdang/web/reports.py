"""Reports (issue 3) on the web: choose unit, date, format and language; generate and download
— the page ``/reports`` and ``GET /api/v1/reports``.

A thin adapter over :func:`binhdang.reports.service.write_reports`. A report may name staff
(retirement lists, awards), so it is for editors and admins within their units, and every
download is written to the audit log as an export.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from binhdang.accounts.permissions import Action, visible_unit_ids
from binhdang.accounts.service import Account
from binhdang.ingest.values import ValueProblem, parse_date
from binhdang.messages import Lang
from binhdang.reports.build import ReportRequest
from binhdang.reports.service import FORMATS, default_name, write_reports
from binhdang.web.api import Who as ApiWho
from binhdang.web.context import (
    ApiError,
    PageError,
    allowed,
    engine_of,
    lang_of,
    latest_list_date,
    log,
    now,
    tree_on,
)
from binhdang.web.pages import EXTRA_NAV, _unit_options, render
from binhdang.web.pages import Who as PageWho

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["reports"])

EXTRA_NAV.append({"href": "/reports", "label": "web.nav_reports", "action": "view_persons"})

MEDIA = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
}


def generate(request: Request, who: Account, unit: str, on: date, fmt: str, lang: Lang) -> Response:
    """Check the rights, write the report into a temporary folder and answer with the file.

    Raises :class:`LookupError` (unknown unit) or :class:`PermissionError` for the adapters to
    answer in their own way; :class:`BinhdangError` for bad input.
    """
    engine = engine_of(request)
    with engine.connect() as connection:
        tree = tree_on(connection, on)
    node = tree.get(unit)
    if node is None:
        raise LookupError(unit)
    if not allowed(who, Action.VIEW_PERSONS, tree, node.id):
        raise PermissionError(unit)
    name = default_name(unit, on, lang, fmt)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / name
        # Issued today (never before the headcount date): the records of the year up to today.
        issued = max(on, now().date())
        write_reports(engine, ReportRequest(unit_code=unit, as_of=on, lang=lang,
                                            issue_date=issued), [(fmt, target)])  # fmt: skip
        data = target.read_bytes()
    with engine.begin() as connection:
        log(connection, request, "report.export", unit_code=unit, target=name,
            detail={"as_of": on.isoformat(), "format": fmt})  # fmt: skip
    return Response(data, media_type=MEDIA[fmt],
                    headers={"content-disposition": f'attachment; filename="{name}"'})  # fmt: skip


@pages.get("/reports")
def reports_page(request: Request, who: PageWho) -> HTMLResponse:
    with engine_of(request).connect() as connection:
        on = latest_list_date(connection) or now().date()
        tree = tree_on(connection, on)
    options = _unit_options(tree, visible_unit_ids(who.grant, tree))
    return render(request, "reports.html", options=options, on=on, formats=FORMATS, error=None)


@pages.get("/reports/file")
def reports_file(
    request: Request,
    who: PageWho,
    unit: Annotated[str, Query(max_length=64)],
    as_of: Annotated[str, Query(max_length=40)],
    format: Annotated[str, Query(max_length=5)] = "docx",
    lang: Annotated[str, Query(max_length=2)] = "",
) -> Response:
    language: Lang = lang if lang in ("vi", "en") else lang_of(request)  # type: ignore[assignment]
    if format not in FORMATS:
        raise PageError(422, "arg.format", choices=", ".join(FORMATS))
    try:
        on = parse_date(as_of)
    except ValueProblem:
        raise PageError(422, "arg.date", value=as_of, option="as_of") from None
    try:
        return generate(request, who, unit, on, format, language)
    except LookupError:
        raise PageError(404, "unit.unknown", code=unit, as_of=on.strftime("%d/%m/%Y")) from None
    except PermissionError:
        raise PageError(403, "auth.forbidden") from None


@api.get("/reports")
def reports_api(
    request: Request,
    who: ApiWho,
    unit: Annotated[str, Query(min_length=1, max_length=64)],
    as_of: Annotated[str, Query(min_length=1, max_length=40)],
    format: Literal["docx", "xlsx", "html", "pdf"] = "docx",
    lang: Literal["vi", "en"] = "vi",
) -> Response:
    """The yearly gender-equality report of a unit as a file (DOCX, XLSX, HTML or PDF)."""
    try:
        on = parse_date(as_of)
    except ValueProblem:
        raise ApiError(422, "arg.date", "as_of", value=as_of, option="as_of") from None
    try:
        return generate(request, who, unit, on, format, lang)
    except LookupError:
        raise ApiError(404, "unit.unknown", "unit", code=unit,
                       as_of=on.strftime("%d/%m/%Y")) from None  # fmt: skip
    except PermissionError:
        raise ApiError(403, "auth.forbidden", "unit") from None
