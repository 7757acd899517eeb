"""Import history and undo on the web: ``/import/history`` and ``/api/v1/imports/history``.

A thin adapter over :mod:`binhdang.ingest.batches`, for those who may import whole lists
(editors and admins of a root unit): they see every batch (file, SHA-256, who, when, counts)
and may undo the newest one, exactly as ``binhdang import undo`` does. Every undo is written
to the audit log.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse

from binhdang.accounts.permissions import may_import
from binhdang.accounts.service import Account
from binhdang.errors import BinhdangError
from binhdang.ingest import batches
from binhdang.messages import register_messages, text
from binhdang.store.writes import write_transaction
from binhdang.web.api import Who as ApiWho
from binhdang.web.context import ApiError, PageError, engine_of, lang_of, log, now, tree_on
from binhdang.web.pages import Csrf, render
from binhdang.web.pages import Who as PageWho

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1/imports", tags=["imports"])

register_messages({
    "web.import_history": ("Lịch sử nhập", "Import history"),
    "web.import_history_note": (
        "Mỗi lần nhập là một lô. Chỉ hoàn tác được lô mới nhất; hoàn tác đưa cơ sở dữ liệu về "
        "đúng như trước lần nhập đó và được ghi nhật ký.",
        "Every import is a batch. Only the newest batch can be undone; undoing puts the "
        "database back exactly as it was before that import, and is logged.",
    ),
    "web.batch_no": ("Số", "No."),
    "web.batch_kind": ("Loại", "Kind"),
    "web.batch_by": ("Người nhập", "By"),
    "web.batch_at": ("Thời điểm (UTC)", "At (UTC)"),
    "web.batch_counts": ("Thêm / thay đổi / kết thúc / không đổi",
                         "Added / changed / ended / unchanged"),
    "web.undo": ("Hoàn tác", "Undo"),
    "web.undo_confirm": ("Hoàn tác lần nhập này?", "Undo this import?"),
    "web.act.import.undo": ("Hoàn tác lần nhập", "Undid an import"),
})  # fmt: skip


def _allowed(request: Request, who: Account) -> bool:
    with engine_of(request).connect() as connection:
        tree = tree_on(connection, now().date())
    return may_import(who.grant, tree)


def _history(request: Request) -> list[batches.Batch]:
    with engine_of(request).connect() as connection:
        return batches.history(connection)


def _undo(request: Request, batch_id: int | None) -> batches.Undone:
    """Undo in one transaction with its audit entry (nothing changes when it is refused)."""
    with write_transaction(engine_of(request)) as connection:
        undone = batches.undo(connection, batch_id)
        done = undone.batch
        log(connection, request, "import.undo", target=done.file_name,
            detail={"batch": done.id, "kind": done.kind,
                    "as_of": done.as_of.isoformat() if done.as_of else None,
                    "writes": undone.writes, "counts": done.counts})  # fmt: skip
    return undone


@pages.get("/import/history")
def history_page(request: Request, who: PageWho) -> HTMLResponse:
    if not _allowed(request, who):
        raise PageError(403, "auth.forbidden")
    return _history_page(request, error=None, done=None)


@pages.post("/import/undo", dependencies=[Csrf])
def undo_page(
    request: Request, who: PageWho, batch: Annotated[int, Form(ge=1, le=2**31 - 1)]
) -> HTMLResponse:
    if not _allowed(request, who):
        raise PageError(403, "auth.forbidden")
    lang = lang_of(request)
    try:
        undone = _undo(request, batch)
    except BinhdangError as error:
        return _history_page(request, status=409, error=error.message.render(lang), done=None)
    done = text("batch.undone", lang, **batches.undone_message_params(undone))
    return _history_page(request, error=None, done=done)


def _history_page(request: Request, status: int = 200, **context: Any) -> HTMLResponse:
    lang = lang_of(request)
    return render(request, "import_history.html", status=status, batches=_history(request),
                  kind_label=lambda kind: batches.kind_label(kind, lang), **context)  # fmt: skip


@api.get("/history")
def history_api(request: Request, who: ApiWho) -> list[dict[str, Any]]:
    """Every import, newest first: file, SHA-256, who, when, counts, whether it can be undone."""
    if not _allowed(request, who):
        raise ApiError(403, "auth.forbidden")
    return [batch.to_json() for batch in _history(request)]


@api.post("/undo")
def undo_api(
    request: Request,
    who: ApiWho,
    batch: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
) -> JSONResponse:
    """Undo the newest import (``batch`` must then be its number, if given); 409 when it is
    not the newest, cannot be undone, or a later change touched its rows."""
    if not _allowed(request, who):
        raise ApiError(403, "auth.forbidden")
    lang = lang_of(request)
    try:
        undone = _undo(request, batch)
    except BinhdangError as error:
        return JSONResponse({"undone": False, "error": {"code": error.message.key,
                                                        "message": error.message.render(lang)}},
                            status_code=409)  # fmt: skip
    return JSONResponse({"undone": True, "batch": undone.batch.to_json(),
                         "writes": undone.writes,
                         "message": text("batch.undone", lang,
                                         **batches.undone_message_params(undone))})  # fmt: skip
