"""Import history and undo on the web: ``/import/history`` and ``/api/v1/imports/history``.

A thin adapter over :mod:`binhdang.ingest.batches`, for those who may import whole lists
(editors and admins of a root unit): they see every batch (file, SHA-256, who, when, counts)
and may undo the newest one, exactly as ``binhdang import undo`` does. Every undo is written
to the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sqlalchemy import Connection

from binhdang.accounts.permissions import may_import
from binhdang.accounts.service import Account
from binhdang.committee import registry
from binhdang.errors import BinhdangError
from binhdang.formatting import short_date
from binhdang.ingest import batches
from binhdang.messages import Lang, text
from binhdang.store.writes import write_transaction
from binhdang.web.api import Who as ApiWho
from binhdang.web.context import HttpError, engine_of, lang_of, log, now, tree_on
from binhdang.web.hops import OneHopRoute
from binhdang.web.lists import Listing, Logged, csv_response, listed
from binhdang.web.pages import Csrf, Importer, render
from binhdang.web.paging import EXPORT_ALL, Paging, query_of

pages = APIRouter(include_in_schema=False, route_class=OneHopRoute)
api = APIRouter(prefix="/api/v1/imports", tags=["imports"], route_class=OneHopRoute)


def _api_importer(request: Request, who: ApiWho) -> Account:
    """A dependency: the API caller whose grant may import lists today (the pages' is
    :func:`binhdang.web.pages.importer`)."""
    with engine_of(request).connect() as connection:
        tree = tree_on(connection, now().date())
    if not may_import(who.grant, tree):
        raise HttpError(403, "auth.forbidden")
    return who


ApiImporter = Annotated[Account, Depends(_api_importer)]


def _undo(request: Request, batch_id: int | None) -> batches.Undone:
    """Undo in one transaction with its audit entry (nothing changes when it is refused)."""
    with write_transaction(engine_of(request)) as connection:
        undone = batches.undo(connection, batch_id)
        done = undone.batch
        log(
            connection,
            request,
            "import.undo",
            target=done.file_name,
            detail={
                "batch": done.id,
                "kind": done.kind,
                "as_of": done.as_of.isoformat() if done.as_of else None,
                "writes": undone.writes,
                "counts": done.counts,
            },
        )
    return undone


PER_PAGE = 50
"""Imports on one page of the history."""


@dataclass(frozen=True)
class HistoryQuery:
    """The import history's question: batches of ``kind`` (empty: every kind; a kind no
    batch can be of is dropped), newest first unless ``order`` is ``"oldest"``, page
    ``page``; ``export``: the whole list, logged as an export. Build it with :meth:`of`."""

    kind: str = ""
    order: str = "newest"
    page: int = 1
    per_page: int = PER_PAGE
    export: bool = False

    @classmethod
    def of(cls, kind: str = "", order: str = "newest", page: int = 1) -> HistoryQuery:
        from binhdang.committee.kinds import KINDS

        known = kind in ("staff", "units", *KINDS)
        ordered = "oldest" if order == "oldest" else "newest"
        return cls(kind if known else "", ordered, page, PER_PAGE)

    def exported(self) -> HistoryQuery:
        return replace(self, page=1, per_page=EXPORT_ALL, export=True)


def history_listing(connection: Connection, query: HistoryQuery) -> Listing[batches.Batch]:
    """The one builder of the import history (the page, its CSV and the API render it). Who
    may read it is the route's dependency (``Importer``)."""
    rows, total = batches.history_page(
        connection,
        kind=query.kind or None,
        oldest_first=query.order == "oldest",
        limit=query.per_page,
        offset=Paging(query.page, query.per_page, 0).offset,
    )
    logged = (
        Logged("import.history_export", detail={"kind": query.kind, "rows": total})
        if query.export
        else None
    )
    return Listing(rows, total, Paging(query.page, query.per_page, total), logged)


def history_query(
    kind: Annotated[str, Query(max_length=20)] = "",
    order: Annotated[str, Query(max_length=10)] = "newest",
    page: Annotated[int, Query(ge=1, le=100000)] = 1,
) -> HistoryQuery:
    """A dependency: the history's question as the page and its CSV ask it."""
    return HistoryQuery.of(kind, order, page)


HistoryAsked = Annotated[HistoryQuery, Depends(history_query)]


def _kinds(lang: Lang) -> list[tuple[str, str]]:
    """The kinds a batch may be of, as (code, words): the choices of the history's filter."""
    from binhdang.committee.kinds import KINDS

    return [(kind, registry.batch_label(kind, lang)) for kind in ("staff", "units", *KINDS)]


@pages.get("/import/history")
def history_page(request: Request, who: Importer, query: HistoryAsked) -> HTMLResponse:
    return _history_page(request, query, error=None, done=None)


@pages.get("/import/history.csv")
def history_csv(request: Request, who: Importer, query: HistoryAsked) -> Response:
    """The whole filtered history as CSV (UTF-8 with BOM), in the page's order and language."""
    lang = lang_of(request)
    whole = query.exported()
    listing = listed(request, lambda connection: history_listing(connection, whole))
    rows = (
        [
            b.id,
            registry.batch_label(b.kind, lang),
            short_date(b.as_of, lang) if b.as_of else "",
            b.file_name,
            b.sha256,
            b.imported_by or "",
            b.imported_at.strftime("%d/%m/%Y %H:%M"),
            *[b.counts.get(k, "") for k in COUNTS],
        ]
        for b in listing.rows
    )
    return csv_response([text(key, lang) for key in HISTORY_CSV], rows, "lich-su-nhap.csv")


COUNTS = ("added", "changed", "ended", "unchanged")
HISTORY_CSV = ("web.batch_no", "web.batch_kind", "web.list_date", "web.file", "web.sha256",
               "web.batch_by", "web.batch_at", "web.count_added", "web.count_changed",
               "web.count_ended", "web.count_unchanged")  # fmt: skip
"""The history CSV's headings (catalogue keys)."""


@pages.post("/import/undo", dependencies=[Csrf])
def undo_page(
    request: Request, who: Importer, batch: Annotated[int, Form(ge=1, le=2**31 - 1)]
) -> HTMLResponse:
    lang = lang_of(request)
    try:
        undone = _undo(request, batch)
    except BinhdangError as error:
        return _history_page(request, status=409, error=error.message.render(lang), done=None)
    done = text("batch.undone", lang, **batches.undone_message_params(undone))
    return _history_page(request, error=None, done=done)


def _history_page(
    request: Request, query: HistoryQuery | None = None, status: int = 200, **context: Any
) -> HTMLResponse:
    lang = lang_of(request)
    query = query or HistoryQuery.of()
    with engine_of(request).connect() as connection:
        listing = history_listing(connection, query)
        latest = batches.newest(connection)
    return render(
        request,
        "import_history.html",
        status=status,
        batches=listing.rows,
        newest=latest.id if latest else None,
        kinds=_kinds(lang),
        kind=query.kind,
        order=query.order,
        paging=listing.paging,
        filters=query_of(kind=query.kind, order=query.order),
        kind_label=lambda code: registry.batch_label(code, lang),
        **context,
    )


@api.get("/history")
def history_api(request: Request, who: ApiImporter) -> list[dict[str, Any]]:
    """Every import, newest first: file, SHA-256, who, when, counts, whether it can be undone."""
    whole = replace(HistoryQuery.of(), per_page=EXPORT_ALL)
    listing = listed(request, lambda connection: history_listing(connection, whole))
    return [batch.to_json() for batch in listing.rows]


@api.post("/undo")
def undo_api(
    request: Request,
    who: ApiImporter,
    batch: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
) -> JSONResponse:
    """Undo the newest import (``batch`` must then be its number, if given); 409 when it is
    not the newest, cannot be undone, or a later change touched its rows."""
    lang = lang_of(request)
    try:
        undone = _undo(request, batch)
    except BinhdangError as error:
        return JSONResponse(
            {
                "undone": False,
                "error": {"code": error.message.key, "message": error.message.render(lang)},
            },
            status_code=409,
        )
    return JSONResponse(
        {
            "undone": True,
            "batch": undone.batch.to_json(),
            "writes": undone.writes,
            "message": text("batch.undone", lang, **batches.undone_message_params(undone)),
        }
    )
