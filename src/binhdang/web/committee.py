"""Committee records (issue 4) on the web: list, create, edit, delete every record kind, and
the evidence files of activities — pages and ``/api/v1/committee``.

A thin adapter over :mod:`binhdang.committee.records` (one parse-and-check path for files,
the command line and these forms). Records name staff (training, awards, succession), so they
are personal data: they are kept by editors and admins of a whole office (a root unit), and
every list, view and change is written to the audit log.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, File, Query, Request, UploadFile
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlalchemy import Connection, select

from binhdang.accounts.permissions import Action, may_keep_office_records, visible_unit_ids
from binhdang.accounts.service import Account
from binhdang.committee import attachments
from binhdang.committee.kinds import KINDS
from binhdang.committee.records import (
    RecordKind,
    add_record,
    column_label,
    delete_record,
    display_cell,
    edit_record,
    get_record,
    list_records,
    page_records,
    parse_count,
    parse_year,
)
from binhdang.committee.references import reference_of
from binhdang.committee.tables import document
from binhdang.committee.templates import is_date
from binhdang.errors import BinhdangError, Problem
from binhdang.formatting import short_date
from binhdang.ingest.values import ValueProblem
from binhdang.messages import Lang
from binhdang.store.tables import OPEN_END
from binhdang.store.writes import write_transaction
from binhdang.web.api import Who as ApiWho
from binhdang.web.context import (
    HttpError,
    engine_of,
    lang_of,
    latest_list_date,
    log,
    now,
    tree_on,
)
from binhdang.web.hops import OneHopRoute
from binhdang.web.ids import PathId
from binhdang.web.lists import Listing, Logged, csv_response, listed
from binhdang.web.pages import Csrf, render
from binhdang.web.pages import Who as PageWho
from binhdang.web.paging import EXPORT_ALL, Paging, query_of, sort_of
from binhdang.web.staff import StaffFilter, scope_ids, search_staff

pages = APIRouter(include_in_schema=False, route_class=OneHopRoute)
api = APIRouter(prefix="/api/v1/committee", tags=["committee"], route_class=OneHopRoute)


def _kind(name: str) -> RecordKind:
    kind = KINDS.get(name)
    if kind is None:
        raise HttpError(404, "web.committee_kind_unknown", "kind", kind=name)
    return kind


def _allowed(request: Request, who: Account) -> bool:
    with engine_of(request).connect() as connection:
        tree = tree_on(connection, now().date())
    return may_keep_office_records(who.grant, tree, Action.EDIT_RECORDS)


def _require(request: Request, who: Account) -> None:
    if not _allowed(request, who):
        raise HttpError(403, "auth.forbidden")


def _page_keeper(request: Request, who: PageWho) -> Account:
    """A dependency: the signed-in account that may keep this office's committee records."""
    _require(request, who)
    return who


def _api_keeper(request: Request, who: ApiWho) -> Account:
    """The same for the API (a token or the session with its CSRF header)."""
    _require(request, who)
    return who


Keeper = Annotated[Account, Depends(_page_keeper)]
ApiKeeper = Annotated[Account, Depends(_api_keeper)]


def _cell_text(value: Any) -> str:
    """A stored value as the form shows it (re-parseable)."""
    if value is None or value == OPEN_END:
        return ""
    if isinstance(value, date):
        return short_date(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def _form_cells(kind: RecordKind, form: Any) -> dict[str, str]:
    return {item.name: str(form.get(item.name, "")).strip() for item in kind.fields}


def _key(item: Any, value: str) -> str | None:
    """The stored key a choice or a typed value stands for (``None``: none of the list's)."""
    try:
        return str(item.parse(value))
    except (ValueProblem, BinhdangError):
        return None


def _choices(kind: RecordKind, item: Any, value: str, lang: Lang) -> list[dict[str, Any]]:
    """A closed list's options: the value sent is the Vietnamese label (what the parser and
    the files take), the text shown is the label in ``lang``; the current value (a stored
    key or what was typed) selects its option. A typed value that is none of the list's is
    kept as its own option, shown as typed, so the error beside it makes sense."""
    current = _key(item, value) if value else None
    options = []
    for choice in kind.validations.get(item.name, ()):
        key = _key(item, choice)
        options.append(
            {
                "value": choice,
                "label": display_cell(kind, item.name, key, lang),
                "selected": key is not None and key == current,
            }
        )
    if value and current is None:
        options.append({"value": value, "label": value, "selected": True})
    return options


def _fields(
    kind: RecordKind, values: dict[str, str], lang: Lang, problems: Sequence[Problem] = ()
) -> list[dict[str, Any]]:
    """The form's fields: label, value, choices, whether it is a date, and the server's
    error about it (a record's problems name their field by its Vietnamese label)."""
    errors: dict[str, str] = {}
    for problem in problems:
        errors.setdefault(problem.file, problem.message.render(lang))
    return [
        {
            "name": item.name,
            "label": column_label(kind, item.name, lang),
            "required": item.spec.required,
            "value": values.get(item.name, ""),
            "choices": _choices(kind, item, values.get(item.name, ""), lang)
            if item.name in kind.validations
            else (),
            "date": is_date(item),
            "error": errors.get(item.spec.label_vi),
            "input": _input_of(item),
        }
        for item in kind.fields
    ]


PERSON_FIELDS = ("staff_code",)
"""Fields naming one person by staff code: chosen by searching name or code (person-picker.js)."""
DOCUMENT_FIELDS = ("plan", "parent")
"""Fields naming a recorded plan or document: chosen from those recorded (a datalist)."""


def _input_of(item: Any) -> str:
    """How the form asks for a field, so the page checks it before sending (the server stays
    the judge): ``person``, ``document``, ``count`` (a whole number ≥ 0), ``year``
    (1945–2100, as :func:`binhdang.committee.records.parse_year`) or ``text``."""
    if item.name in PERSON_FIELDS:
        return "person"
    if item.name in DOCUMENT_FIELDS:
        return "document"
    if item.parse is parse_count:
        return "count"
    if item.parse is parse_year:
        return "year"
    return "text"


def _documents(request: Request) -> list[str]:
    """The recorded plans and documents as forms refer to them (``190/KH-UBND ngày …``)."""
    with engine_of(request).connect() as connection:
        return list(
            connection.execute(
                select(reference_of(document.c.symbol, document.c.issued_on))
                .order_by(document.c.issued_on.desc(), document.c.symbol)
                .limit(2000)
            ).scalars()
        )


def _form(request: Request, template: str, /, status: int = 200, **context: Any) -> HTMLResponse:
    """A page holding a record form: the recorded documents go with it for its pickers."""
    return render(request, template, status=status, documents=_documents(request), **context)


# --- pages --------------------------------------------------------------------------------


@pages.get("/committee")
def committee_index(request: Request, who: Keeper) -> HTMLResponse:
    lang = lang_of(request)
    with engine_of(request).connect() as connection:
        kinds = [
            (name, kind.title(lang), len(list_records(connection, kind)))
            for name, kind in KINDS.items()
        ]
    return render(request, "committee_index.html", kinds=kinds)


PER_PAGE = 50
"""Records on one page of a committee list."""

Year = Annotated[str, Query(max_length=20)]


def _year(value: str) -> int | None:
    """The year a list is limited to: none when the field is left empty (as the filter form
    sends it), else 1900–2200; anything else is refused with a message saying so."""
    typed = value.strip()
    if not typed:
        return None
    if typed.isdigit() and 1900 <= int(typed) <= 2200:
        return int(typed)
    raise HttpError(422, "web.year_invalid", value=typed)


Search = Annotated[str, Query(max_length=100)]
Sort = Annotated[str | None, Query(max_length=40)]
Page = Annotated[int, Query(ge=1, le=100000)]


def _sort(kind: RecordKind, value: str | None) -> str:
    """A column of the kind's listing to sort on (``"-"`` first: reverse), else ``"id"``."""
    keys = ["id", *[c.name for c in kind.listing().selected_columns]]
    return sort_of(value, keys, "id")


PEOPLE_SHOWN = 20
"""Matches the person picker shows at most (type more to narrow)."""


@pages.get("/committee-people")
def committee_people(
    request: Request, who: Keeper, q: Annotated[str, Query(max_length=100)] = ""
) -> list[dict[str, str]]:
    """Staff matching ``q`` (part of the name without diacritics, or the whole staff code) in
    the account's scope, on the latest staff list: what the person picker offers. Searching
    reads personal data, so it is logged as the staff list is."""
    if not q.strip():
        return []
    with engine_of(request).begin() as connection:  # reads + audit entry
        on = latest_list_date(connection) or now().date()
        tree = tree_on(connection, on)
        ids = visible_unit_ids(who.grant, tree)
        node = tree.get(who.unit_code)
        if node is None or not ids:
            return []
        spec = StaffFilter(on, scope_ids(tree, node.id), q, per_page=PEOPLE_SHOWN, sort="name")
        rows, total = search_staff(connection, spec)
        log(
            connection,
            request,
            "persons.lookup",
            unit_code=who.unit_code,
            detail={"q": q, "shown": len(rows), "found": total},
        )
    return [{"code": r.staff_code, "name": r.full_name, "unit": r.unit_name} for r in rows]


@dataclass(frozen=True)
class RecordsQuery:
    """A committee list's question: records of ``kind`` (its route name ``name``) of
    ``year`` (None: every year), some text column containing ``q`` (without diacritics or
    case), in ``sort`` order (a column of the kind's listing, ``"-"`` first: reverse), page
    ``page`` of ``per_page``; ``export``: the whole list, logged as an export."""

    kind: RecordKind
    name: str
    year: int | None = None
    q: str = ""
    sort: str = "id"
    page: int = 1
    per_page: int = PER_PAGE
    export: bool = False

    def exported(self) -> RecordsQuery:
        return replace(self, page=1, per_page=EXPORT_ALL, export=True)


def records_query(
    name: str, year: Year = "", q: Search = "", sort: Sort = None, page: Page = 1
) -> RecordsQuery:
    """A dependency: a committee list's question as the page and its CSV ask it (404 for a
    kind that does not exist, 422 for a year that cannot be one)."""
    kind = _kind(name)
    return RecordsQuery(kind, name, _year(year), q, _sort(kind, sort), page, PER_PAGE)


RecordsAsked = Annotated[RecordsQuery, Depends(records_query)]


@dataclass(frozen=True)
class RecordsListing(Listing[dict[str, Any]]):
    """A committee list, with its columns (field names, in the listing's order)."""

    columns: list[str]


def records_listing(connection: Connection, who: Account, query: RecordsQuery) -> RecordsListing:
    """The one builder of a committee list (the page ``/committee/{name}``, its CSV and
    ``GET /api/v1/committee/{name}`` render it): the filtered records in order, one page
    (every record for an export or the API), and the audit entry (``committee.NAME.list``,
    or ``.export``). Who may keep the records is the routes' dependency (``Keeper``)."""
    kind = query.kind
    rows, total = page_records(
        connection,
        kind,
        year=query.year,
        query=query.q,
        sort=query.sort,
        limit=query.per_page,
        offset=Paging(query.page, query.per_page, 0).offset,
    )
    asked = {"year": query.year, "q": query.q}
    if query.export:
        logged = Logged(f"committee.{query.name}.export", who.unit_code, {**asked, "rows": total})
    else:
        detail = {**asked, "page": query.page, "shown": len(rows)}
        logged = Logged(f"committee.{query.name}.list", who.unit_code, detail)
    paging = Paging(query.page, query.per_page, total)
    columns = list(rows[0].keys()) if rows else [c.name for c in kind.listing().selected_columns]
    return RecordsListing(rows, total, paging, logged, columns)


@pages.get("/committee/{name}.csv")
def committee_csv(request: Request, who: Keeper, query: RecordsAsked) -> Response:
    """The whole filtered list of :func:`records_listing` as CSV (UTF-8 with BOM), in the
    page's order and language; the export is logged."""
    lang = lang_of(request)
    whole = query.exported()
    listing = listed(request, lambda connection: records_listing(connection, who, whole))
    kind, columns = query.kind, listing.columns
    rows = ([display_cell(kind, c, row.get(c), lang) for c in columns] for row in listing.rows)
    year = query.year
    return csv_response(
        [column_label(kind, c, lang) for c in columns],
        rows,
        f"{query.name}{'-' + str(year) if year else ''}.csv",
    )


@pages.get("/committee/{name}")
def committee_list(request: Request, who: Keeper, query: RecordsAsked) -> HTMLResponse:
    """One page of :func:`records_listing`, with the form to add a record."""
    lang = lang_of(request)
    kind = query.kind
    listing = listed(request, lambda connection: records_listing(connection, who, query))
    columns = listing.columns
    table = [
        {"id": row["id"], "cells": [display_cell(kind, c, row.get(c), lang) for c in columns]}
        for row in listing.rows
    ]
    headings = [(c, column_label(kind, c, lang)) for c in columns]
    return _form(
        request,
        "committee_list.html",
        kind=kind,
        name=query.name,
        headings=headings,
        rows=table,
        year=query.year,
        q=query.q,
        sort=query.sort,
        paging=listing.paging,
        filters=query_of(year=query.year, q=query.q),
        fields=_fields(kind, {}, lang),
        problems=None,
        error=None,
    )


@pages.post("/committee/{name}", dependencies=[Csrf])
async def committee_create(request: Request, who: Keeper, name: str) -> Response:
    kind = _kind(name)
    form = await request.form()
    cells = _form_cells(kind, form)
    try:
        with write_transaction(engine_of(request)) as connection:
            record_id = add_record(connection, kind, cells)
            log(
                connection,
                request,
                f"committee.{name}.create",
                unit_code=who.unit_code,
                target=str(record_id),
            )
    except BinhdangError as error:
        return _refused_form(request, kind, name, None, cells, error)
    return RedirectResponse(f"/committee/{name}/{record_id}?saved=1", status_code=303)


def _refused_form(
    request: Request,
    kind: RecordKind,
    name: str,
    record_id: int | None,
    cells: dict[str, str],
    error: BinhdangError,
) -> HTMLResponse:
    """The add or edit form again, as typed, with the record's problems beside its fields."""
    lang = lang_of(request)
    return _form(
        request,
        "committee_form.html",
        status=422,
        kind=kind,
        name=name,
        record_id=record_id,
        fields=_fields(kind, cells, lang, error.problems),
        error=error.message.render(lang),
        problems=error.problems,
        files=[],
    )


@pages.get("/committee/{name}/{record_id}")
def committee_record(
    request: Request, who: Keeper, name: str, record_id: PathId, saved: bool = False
) -> HTMLResponse:
    kind = _kind(name)
    lang = lang_of(request)
    with engine_of(request).begin() as connection:  # reads + audit entry
        try:
            current = get_record(connection, kind, record_id)
        except BinhdangError as error:
            raise HttpError(404, error.message.key, **error.message.params) from None
        files = attachments.list_for(connection, record_id) if name == "activities" else []
        log(
            connection,
            request,
            f"committee.{name}.view",
            unit_code=who.unit_code,
            target=str(record_id),
        )
    values = {item.name: _cell_text(current.get(item.name)) for item in kind.fields}
    return _form(
        request,
        "committee_form.html",
        kind=kind,
        name=name,
        record_id=record_id,
        fields=_fields(kind, values, lang),
        error=None,
        problems=None,
        files=files,
        saved=saved,
    )


@pages.post("/committee/{name}/{record_id}", dependencies=[Csrf])
async def committee_edit(request: Request, who: Keeper, name: str, record_id: PathId) -> Response:
    kind = _kind(name)
    cells = _form_cells(kind, await request.form())
    try:
        with write_transaction(engine_of(request)) as connection:
            edit_record(connection, kind, record_id, cells)
            log(
                connection,
                request,
                f"committee.{name}.edit",
                unit_code=who.unit_code,
                target=str(record_id),
            )
    except BinhdangError as error:
        if error.message.key == "committee.record.missing":
            raise HttpError(404, error.message.key, **error.message.params) from None
        return _refused_form(request, kind, name, record_id, cells, error)
    return RedirectResponse(f"/committee/{name}/{record_id}?saved=1", status_code=303)


@pages.post("/committee/{name}/{record_id}/delete", dependencies=[Csrf])
def committee_delete(request: Request, who: Keeper, name: str, record_id: PathId) -> Response:
    kind = _kind(name)
    with write_transaction(engine_of(request)) as connection:
        try:
            delete_record(connection, kind, record_id)
        except BinhdangError as error:
            raise HttpError(404, error.message.key, **error.message.params) from None
        log(
            connection,
            request,
            f"committee.{name}.delete",
            unit_code=who.unit_code,
            target=str(record_id),
        )
    return RedirectResponse(f"/committee/{name}", status_code=303)


@pages.post("/committee/activities/{record_id}/files", dependencies=[Csrf])
def committee_attach(
    request: Request, who: Keeper, record_id: PathId, file: Annotated[UploadFile, File()]
) -> Response:
    kind = KINDS["activities"]
    data = file.file.read(attachments.MAX_ATTACHMENT_BYTES + 1)
    lang = lang_of(request)
    try:
        with write_transaction(engine_of(request)) as connection:
            get_record(connection, kind, record_id)
            evidence = attachments.check_evidence(file.filename or "file", data)
            attachments.store(connection, record_id, evidence)
            log(
                connection,
                request,
                "committee.activities.attach",
                unit_code=who.unit_code,
                target=str(record_id),
                detail={"file": evidence.file_name},
            )
    except (BinhdangError, ValueProblem) as error:
        raise HttpError(422, "web.attachment_refused", reason=error.message.render(lang)) from None
    return RedirectResponse(f"/committee/activities/{record_id}?saved=1", status_code=303)


@pages.get("/committee-files/{attachment_id}")
def committee_file(request: Request, who: Keeper, attachment_id: PathId) -> Response:
    with engine_of(request).begin() as connection:  # reads + audit entry
        try:
            info, content = attachments.read(connection, attachment_id)
        except BinhdangError as error:
            status = 404 if error.message.key.endswith("missing") else 422
            raise HttpError(status, error.message.key, **error.message.params) from None
        log(
            connection,
            request,
            "committee.activities.file",
            unit_code=who.unit_code,
            target=info.file_name,
        )
    return Response(
        content,
        media_type=info.media_type,
        headers={"content-disposition": f'attachment; filename="{_ascii(info.file_name)}"'},
    )


def _ascii(name: str) -> str:
    return "".join(ch if ch.isascii() and ch not in '"\\' else "_" for ch in name)


# --- API ----------------------------------------------------------------------------------


@api.get("/{name}")
def api_list(
    request: Request,
    who: ApiKeeper,
    name: str,
    year: Annotated[int | None, Query(ge=1900, le=2200)] = None,
) -> list[dict[str, Any]]:
    """Every record of a kind (training, awards, succession, plans, activities, movements)."""
    query = RecordsQuery(_kind(name), name, year, per_page=EXPORT_ALL)
    listing = listed(request, lambda connection: records_listing(connection, who, query))
    return jsonable_encoder(listing.rows)


@api.get("/{name}/{record_id}")
def api_get(request: Request, who: ApiKeeper, name: str, record_id: PathId) -> dict[str, Any]:
    kind = _kind(name)
    with engine_of(request).begin() as connection:  # reads + audit entry
        try:
            row = get_record(connection, kind, record_id)
        except BinhdangError as error:
            raise HttpError(404, error.message.key, "record_id", **error.message.params) from None
        log(
            connection,
            request,
            f"committee.{name}.view",
            unit_code=who.unit_code,
            target=str(record_id),
        )
    return jsonable_encoder(row)


Cells = Annotated[dict[str, str], Body(embed=True, description="Cells by field name")]


def _invalid(error: BinhdangError, lang: Lang) -> JSONResponse:
    # A record's problems name the field (its column label) where a file's name the file.
    problems = [
        {"field": p.column or p.file, "message": p.message.render(lang)} for p in error.problems
    ]
    body = {
        "error": {
            "code": error.message.key,
            "message": error.message.render(lang),
            "field": problems[0]["field"] if problems else None,
        },
        "problems": problems,
    }
    return JSONResponse(body, status_code=422)


@api.post("/{name}", status_code=201)
def api_create(request: Request, who: ApiKeeper, name: str, cells: Cells) -> JSONResponse:
    kind = _kind(name)
    try:
        with write_transaction(engine_of(request)) as connection:
            record_id = add_record(connection, kind, cells)
            log(
                connection,
                request,
                f"committee.{name}.create",
                unit_code=who.unit_code,
                target=str(record_id),
            )
    except BinhdangError as error:
        return _invalid(error, lang_of(request))
    return JSONResponse({"id": record_id}, status_code=201)


@api.patch("/{name}/{record_id}")
def api_edit(
    request: Request, who: ApiKeeper, name: str, record_id: PathId, cells: Cells
) -> JSONResponse:
    kind = _kind(name)
    try:
        with write_transaction(engine_of(request)) as connection:
            edit_record(connection, kind, record_id, cells)
            log(
                connection,
                request,
                f"committee.{name}.edit",
                unit_code=who.unit_code,
                target=str(record_id),
            )
    except BinhdangError as error:
        if error.message.key == "committee.record.missing":
            raise HttpError(404, error.message.key, "record_id", **error.message.params) from None
        return _invalid(error, lang_of(request))
    return JSONResponse({"id": record_id})


@api.delete("/{name}/{record_id}", status_code=204)
def api_delete(request: Request, who: ApiKeeper, name: str, record_id: PathId) -> Response:
    kind = _kind(name)
    with write_transaction(engine_of(request)) as connection:
        try:
            delete_record(connection, kind, record_id)
        except BinhdangError as error:
            raise HttpError(404, error.message.key, "record_id", **error.message.params) from None
        log(
            connection,
            request,
            f"committee.{name}.delete",
            unit_code=who.unit_code,
            target=str(record_id),
        )
    return Response(status_code=204)
