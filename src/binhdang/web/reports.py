"""Reports (issue 3) on the web: choose unit, date, format and language; generate and download
— the page ``/reports`` and ``GET /api/v1/reports``.

A thin adapter over :func:`binhdang.reports.service.write_reports`. A report may name staff
(retirement lists, awards), so it is for editors and admins within their units, and every
download is written to the audit log as an export.

The report's own texts (:mod:`binhdang.reports.texts`) have their form at ``/reports/texts``:
anyone who may see a unit's figures reads them; an editor of the unit saves a new version
(the form carries the CSRF token; every save is in the audit log).
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from binhdang.accounts.permissions import Action, visible_unit_ids
from binhdang.accounts.service import Account
from binhdang.errors import BinhdangError
from binhdang.formatting import short_date
from binhdang.ingest.values import ValueProblem, parse_date
from binhdang.messages import Lang, text
from binhdang.reports.build import ReportRequest
from binhdang.reports.service import FORMATS, default_name, write_reports
from binhdang.store.writes import write_transaction
from binhdang.web.api import Who as ApiWho
from binhdang.web.context import (
    HttpError,
    allowed,
    engine_of,
    lang_of,
    latest_list_date,
    log,
    now,
    tree_on,
)
from binhdang.web.hops import OneHopRoute
from binhdang.web.lists import unit_chosen
from binhdang.web.pages import Csrf, _unit_options, render
from binhdang.web.pages import Who as PageWho

pages = APIRouter(include_in_schema=False, route_class=OneHopRoute)
api = APIRouter(prefix="/api/v1", tags=["reports"], route_class=OneHopRoute)


MEDIA = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
}


def generate(request: Request, who: Account, wanted: ReportRequest, fmt: str) -> Response:
    """Check the rights, write the report into a temporary folder through the library's
    :func:`write_reports` (as ``binhdang report`` does) and answer with the file.

    Raises :class:`LookupError` (unknown unit) or :class:`PermissionError` for the adapters to
    answer in their own way; :class:`BinhdangError` for bad input.
    """
    engine = engine_of(request)
    unit, on, lang = wanted.unit_code, wanted.as_of, wanted.lang
    with engine.connect() as connection:
        tree = tree_on(connection, on)
    node = unit_chosen(tree, visible_unit_ids(who.grant, tree), unit)
    if node is None:
        raise LookupError(unit)
    if not allowed(who, Action.VIEW_PERSONS, tree, node.id):
        raise PermissionError(unit)
    unit = node.code  # the page may have sent the unit's name
    wanted = replace(wanted, unit_code=unit)
    name = default_name(unit, on, lang, fmt)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / name
        write_reports(engine, wanted, [(fmt, target)])
        data = target.read_bytes()
    with engine.begin() as connection:  # the audit entry alone
        log(
            connection,
            request,
            "report.export",
            unit_code=unit,
            target=name,
            detail={
                "as_of": on.isoformat(),
                "format": fmt,
                "year": wanted.year,
                "issue_date": wanted.issue_date.isoformat() if wanted.issue_date else None,
            },
        )
    return Response(
        data,
        media_type=MEDIA[fmt],
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )


def issued_today(on: date) -> date:
    """The default issue date: today, never before the headcount date (the report then
    counts the records of the year up to today)."""
    return max(on, now().date())


# What the secretary writes on the page, as typed (kept in the form when something is wrong).
FORM_FIELDS = ("unit", "year", "as_of", "issue_date", "number", "place", "signer",
               "signer_title", "signer_authority", "format", "lang")  # fmt: skip

# The library's refusals of a choice, by the field they are about.
_FIELD_OF_ERROR = {"report.issue_before_as_of": "issue_date",
                   "report.issue_before_period": "issue_date",
                   "report.period_reversed": "year", "unit.unknown": "unit"}  # fmt: skip


def read_report_form(
    values: dict[str, str], page_lang: Lang
) -> tuple[ReportRequest | None, str, dict[str, str]]:
    """The report asked for by the page's fields: ``(request, format, errors by field)``;
    the request is ``None`` when a field is wrong (each error in ``page_lang``)."""
    errors: dict[str, str] = {}
    fmt = values.get("format") or "docx"
    if fmt not in FORMATS:
        errors["format"] = text("arg.format", page_lang, choices=", ".join(FORMATS))
    lang: Lang = "en" if values.get("lang") == "en" else "vi"
    dates: dict[str, date] = {}
    for name in ("as_of", "issue_date"):
        typed = values.get(name, "").strip()
        if not typed:
            continue
        try:
            dates[name] = parse_date(typed)
        except ValueProblem:
            errors[name] = text("web.date_invalid", page_lang, value=typed)
    if "as_of" not in dates and "as_of" not in errors:
        errors["as_of"] = text("web.as_of_required", page_lang)
    year: int | None = None
    typed_year = values.get("year", "").strip()
    if typed_year:
        if typed_year.isdigit() and 1945 <= int(typed_year) <= 2100:
            year = int(typed_year)
        else:
            errors["year"] = text("report_text.bad_year", page_lang, value=typed_year)
    if errors:
        return None, fmt, errors
    on = dates["as_of"]
    optional = {
        name: values.get(name, "").strip() or None for name in ("number", "place", "signer_title")
    }
    wanted = ReportRequest(
        unit_code=values.get("unit", ""),
        as_of=on,
        year=year,
        lang=lang,
        issue_date=dates.get("issue_date") or issued_today(on),
        number=optional["number"],
        place=optional["place"],
        signer=values.get("signer", "").strip(),
        signer_title=optional["signer_title"],
        signer_authority=values.get("signer_authority", "").strip(),
    )
    return wanted, fmt, errors


def _report_page(
    request: Request,
    who: Account,
    values: dict[str, str] | None = None,
    *,
    errors: dict[str, str] | None = None,
    error: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    with engine_of(request).connect() as connection:
        latest = latest_list_date(connection) or now().date()
        tree = tree_on(connection, latest)
    ids = visible_unit_ids(who.grant, tree)
    options = _unit_options(tree, ids)
    lang = lang_of(request)
    shown = {
        "unit": who.unit_code,
        "year": str(latest.year),
        "as_of": short_date(latest),
        "issue_date": short_date(issued_today(latest)),
        "format": "docx",
        "lang": lang,
    }
    shown.update(values or {})
    chosen = unit_chosen(tree, ids, shown["unit"])  # a unit sent by its name stays chosen
    if chosen is not None:
        shown["unit"] = chosen.code
    return render(
        request,
        "reports.html",
        status=status,
        options=options,
        formats=FORMATS,
        form=shown,
        errors=errors or {},
        error=error,
        on=latest,
    )


@pages.get("/reports")
def reports_page(request: Request, who: PageWho) -> HTMLResponse:
    return _report_page(request, who)


Typed = Annotated[str, Query(max_length=200)]


@pages.get("/reports/file")
def reports_file(
    request: Request,
    who: PageWho,
    unit: Annotated[str, Query(max_length=200)],
    as_of: Annotated[str, Query(max_length=40)],
    format: Annotated[str, Query(max_length=5)] = "docx",
    lang: Annotated[str, Query(max_length=2)] = "",
    year: Annotated[str, Query(max_length=10)] = "",
    issue_date: Annotated[str, Query(max_length=40)] = "",
    number: Annotated[str, Query(max_length=60)] = "",
    place: Annotated[str, Query(max_length=100)] = "",
    signer: Typed = "",
    signer_title: Typed = "",
    signer_authority: Typed = "",
) -> Response:
    """The report chosen on the page; a wrong choice shows the page again, the typed values
    kept and each error beside its field (422)."""
    values = {
        "unit": unit,
        "as_of": as_of,
        "format": format,
        "year": year,
        "issue_date": issue_date,
        "number": number,
        "place": place,
        "signer": signer,
        "signer_title": signer_title,
        "signer_authority": signer_authority,
        "lang": lang if lang in ("vi", "en") else lang_of(request),
    }
    page_lang = lang_of(request)
    wanted, fmt, errors = read_report_form(values, page_lang)
    if wanted is None:
        return _report_page(request, who, values, errors=errors, status=422)
    try:
        return generate(request, who, wanted, fmt)
    except LookupError:
        message = text("unit.unknown", page_lang, code=unit, as_of=short_date(wanted.as_of))
        return _report_page(request, who, values, errors={"unit": message}, status=404)
    except PermissionError:
        raise HttpError(403, "auth.forbidden") from None
    except BinhdangError as problem:
        field = _FIELD_OF_ERROR.get(problem.message.key)
        message = problem.message.render(page_lang)
        return _report_page(
            request,
            who,
            values,
            status=422,
            errors={field: message} if field else None,
            error=None if field else message,
        )


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
        raise HttpError(422, "arg.date", "as_of", value=as_of, option="as_of") from None
    wanted = ReportRequest(unit_code=unit, as_of=on, lang=lang, issue_date=issued_today(on))
    try:
        return generate(request, who, wanted, format)
    except LookupError:
        raise HttpError(
            404, "unit.unknown", "unit", code=unit, as_of=on.strftime("%d/%m/%Y")
        ) from None
    except PermissionError:
        raise HttpError(403, "auth.forbidden", "unit") from None


# --- the report's own texts ------------------------------------------------------------------


def _text_unit(request: Request, who: Account, unit: str | None) -> tuple[Any, bool]:
    """The unit (in the tree of the latest staff list) and whether ``who`` may change its
    texts; 404 for an unknown unit, 403 for one whose figures ``who`` may not see."""
    with engine_of(request).connect() as connection:
        on = latest_list_date(connection) or now().date()
        tree = tree_on(connection, on)
    node = unit_chosen(tree, visible_unit_ids(who.grant, tree), unit or who.unit_code)
    if node is None:
        raise HttpError(
            404, "unit.unknown", code=unit or who.unit_code, as_of=on.strftime("%d/%m/%Y")
        )
    if not allowed(who, Action.VIEW_AGGREGATES, tree, node.id):
        raise HttpError(403, "auth.forbidden")
    return node, allowed(who, Action.EDIT_RECORDS, tree, node.id)


def _year(value: str | None, request: Request) -> int:
    from binhdang.reports.texts.service import FIRST_YEAR, LAST_YEAR

    if value:
        if value.isdigit() and FIRST_YEAR <= int(value) <= LAST_YEAR:
            return int(value)
        raise HttpError(422, "report_text.bad_year", value=value)
    with engine_of(request).connect() as connection:
        return (latest_list_date(connection) or now().date()).year


def _preview(source: str | None) -> list[dict[str, Any]]:
    """Paragraphs for the page as the report shows them: runs escaped by the template."""
    from binhdang.reports.texts.parsing import parse_text

    return [
        {"bullet": block.bullet, "runs": [(run.text, run.bold) for run in block.runs]}
        for block in parse_text(source or "")
    ]


def _text_page(
    request: Request,
    node: Any,
    year: int,
    may_edit: bool,
    posted: dict[str, str] | None = None,
    *,
    status: int = 200,
    error: str | None = None,
    saved: list[str] | None = None,
    previewing: bool = False,
) -> HTMLResponse:
    from binhdang.reports.texts.parsing import SECTIONS
    from binhdang.reports.texts.report_sections import draft_for
    from binhdang.reports.texts.service import history, saved_at_text

    lang = lang_of(request)
    with engine_of(request).connect() as connection:
        versions = history(connection, node.code, year)
        draft = draft_for(connection, node.code, year, lang)
    sections = []
    for item in SECTIONS:
        own = [v for v in versions if v.section == item.key]
        latest = own[-1] if own else None
        current = latest.body if latest is not None else None
        is_draft = current is None and item.key == "assessment" and draft is not None
        value = current or (draft[1].source if is_draft and draft else "")
        if posted is not None:
            value = posted.get(item.key, "")
            is_draft = is_draft and value == (draft[1].source if draft else None)
        title = item.title_in(lang, year)
        sections.append(
            {
                "key": item.key,
                "title": title,
                "value": value,
                "preview": _preview(value),
                "draft": is_draft,
                "draft_date": draft[0] if draft else None,
                "latest": latest,
                "latest_at": saved_at_text(latest.saved_at) if latest else "",
                "history": [(v, saved_at_text(v.saved_at)) for v in reversed(own)],
            }
        )
    titles = {item.key: item.title_in(lang, year) for item in SECTIONS}
    return render(
        request,
        "report_texts.html",
        status=status,
        unit=node,
        year=year,
        sections=sections,
        may_edit=may_edit,
        error=error,
        previewing=previewing,
        saved=None if saved is None else [titles[k] for k in saved if k in titles],
    )


@pages.get("/reports/texts")
def report_texts_page(
    request: Request,
    who: PageWho,
    unit: Annotated[str | None, Query(max_length=200)] = None,
    year: Annotated[str | None, Query(max_length=4)] = None,
    saved: Annotated[str | None, Query(max_length=200)] = None,
) -> HTMLResponse:
    node, may_edit = _text_unit(request, who, unit)
    return _text_page(
        request,
        node,
        _year(year, request),
        may_edit,
        saved=saved.split(",") if saved is not None else None,
    )


@pages.post("/reports/texts", dependencies=[Csrf])
async def report_texts_save(request: Request, who: PageWho) -> Response:
    from binhdang.reports.texts.parsing import SECTIONS, check_size, clean_text
    from binhdang.reports.texts.report_sections import draft_for
    from binhdang.reports.texts.service import latest_texts, save_text

    form = await request.form()
    node, may_edit = _text_unit(request, who, str(form.get("unit") or "")[:64] or None)
    if not may_edit:
        raise HttpError(403, "auth.forbidden")
    year = _year(str(form.get("year") or "")[:4] or None, request)
    lang = lang_of(request)
    posted = {item.key: str(form.get(item.key) or "") for item in SECTIONS}
    try:
        for item in SECTIONS:
            check_size(posted[item.key], item.title_in(lang, year))
    except BinhdangError as error:
        return _text_page(
            request, node, year, may_edit, posted, status=422, error=error.message.render(lang)
        )
    posted = {key: clean_text(value) for key, value in posted.items()}
    if form.get("action") == "preview":
        return _text_page(request, node, year, may_edit, posted, previewing=True)
    engine = engine_of(request)
    saved: list[str] = []
    try:
        with write_transaction(engine) as connection:  # one transaction for the whole form
            latest = latest_texts(connection, node.code, year)
            draft = draft_for(connection, node.code, year, lang)
            for item in SECTIONS:
                value = posted[item.key]
                unwritten = item.key not in latest or latest[item.key].body is None
                if unwritten and draft is not None and value == draft[1].source:
                    continue  # the draft left as it was stays a draft (it follows the figures)
                if (
                    save_text(
                        connection,
                        unit_code=node.code,
                        year=year,
                        section=item.key,
                        body=value,
                        saved_by=who.name,
                        now=now(),
                    )
                    is not None
                ):
                    saved.append(item.key)
            if saved:
                log(
                    connection,
                    request,
                    "report_text.save",
                    unit_code=node.code,
                    target=str(year),
                    detail={"sections": saved},
                )
    except BinhdangError as error:  # saved by someone else at the same moment: nothing saved
        return _text_page(
            request, node, year, may_edit, posted, status=409, error=error.message.render(lang)
        )
    query = urlencode({"unit": node.code, "year": year, "saved": ",".join(saved)})
    return RedirectResponse(f"/reports/texts?{query}", status_code=303)
