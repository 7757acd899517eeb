"""The REST API under ``/api/v1`` (OpenAPI at ``/api/docs``).

Credentials: ``Authorization: Bearer TOKEN`` (``binhdang token create``) or the session
cookie of a signed-in browser (then state-changing calls need the ``X-CSRF-Token`` header).
Errors are JSON ``{"error": {"code", "message", "field"}}``: 401 without credentials, 403
outside one's units or role, 404 for unknown ids, 422 for bad input.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel

from binhdang.accounts.permissions import Action, may_import, role_allows, visible_unit_ids
from binhdang.accounts.service import Account
from binhdang.errors import BinhdangError
from binhdang.ingest.templates import write_template
from binhdang.ingest.values import ValueProblem, parse_date
from binhdang.messages import Lang
from binhdang.units.tree import UnitNode, UnitTree
from binhdang.web import cache, imports
from binhdang.web.audit_list import AuditQuery, audit_listing
from binhdang.web.context import (
    HttpError,
    account_of,
    allowed,
    csrf_of,
    engine_of,
    lang_of,
    latest_list_date,
    log,
    now,
    settings_of,
    tree_on,
)
from binhdang.web.hops import OneHopRoute
from binhdang.web.lists import as_of_asked, listed
from binhdang.web.security import CSRF_HEADER, csrf_matches
from binhdang.web.staff import (
    PersonRecord,
    StaffQuery,
    find_person,
    limit_to,
    staff_listing,
)

router = APIRouter(prefix="/api/v1", route_class=OneHopRoute)

LangParam = Annotated[Literal["vi", "en"] | None, Query(description="vi (default) or en")]


_BEARER = HTTPBearer(auto_error=False, description="An API token: binhdang token create NAME")


def api_account(
    request: Request,
    _token: Annotated[HTTPAuthorizationCredentials | None, Depends(_BEARER)] = None,
) -> Account:
    """The caller (read from the request; the parameter only declares Bearer in OpenAPI)."""
    account = account_of(request)
    if account is None:
        problem = getattr(request.state, "auth_problem", None)
        if problem is not None:  # e.g. an expired token: say which and since when
            raise HttpError(401, problem.key, **problem.params)
        raise HttpError(401, "auth.required")
    # A session cookie is sent by the browser on its own: writes need the session's CSRF
    # token (web.security), which a planted nonce cookie does not give.
    writes = request.method not in ("GET", "HEAD", "OPTIONS")
    by_session = request.state.auth_via == "session"
    if (
        writes
        and by_session
        and not csrf_matches(csrf_of(request), request.headers.get(CSRF_HEADER))
    ):
        raise HttpError(403, "auth.csrf")
    return account


Who = Annotated[Account, Depends(api_account)]


def _date(value: str | None, field: str, request: Request) -> date:
    if value is None or not value.strip():
        with engine_of(request).connect() as connection:
            latest = latest_list_date(connection)
        return latest or now().date()
    try:
        return parse_date(value)
    except ValueProblem:
        raise HttpError(422, "arg.date", field, value=value, option=field) from None


def _lang(request: Request, lang: str | None) -> Lang:
    return lang if lang in ("vi", "en") else lang_of(request)  # type: ignore[return-value]


def _unit_for(who: Account, tree: UnitTree, code: str, action: Action, field: str) -> UnitNode:
    """The unit ``code`` on the tree's date, or 404; within the account's reach for ``action``,
    or 403 — the same two answers for every endpoint that takes a unit."""
    node = tree.get(code)
    if node is None:
        raise HttpError(
            404, "unit.unknown", field, code=code, as_of=tree.as_of.strftime("%d/%m/%Y")
        )
    if not allowed(who, action, tree, node.id):
        raise HttpError(403, "auth.forbidden", field)
    return node


class Me(BaseModel):
    name: str
    role: str
    unit: str


@router.get("/me", response_model=Me, tags=["accounts"])
def me(who: Who) -> Me:
    """The account behind the credentials."""
    return Me(name=who.name, role=who.role.value, unit=who.unit_code)


class UnitOut(BaseModel):
    code: str
    name: str
    kind: str
    parent: str | None


@router.get("/units", response_model=list[UnitOut], tags=["units"])
def units(request: Request, who: Who, as_of: str | None = None) -> list[UnitOut]:
    """The units one may see (one's unit and its subtree) as of a date."""
    on = _date(as_of, "as_of", request)
    with engine_of(request).connect() as connection:
        tree = tree_on(connection, on)
    out = []
    for unit_id in visible_unit_ids(who.grant, tree):
        node = tree.nodes[unit_id]
        parent = tree.nodes.get(node.parent_id) if node.parent_id else None
        out.append(
            UnitOut(
                code=node.code,
                name=node.name,
                kind=node.kind,
                parent=parent.code if parent else None,
            )
        )
    return out


class UnitDetail(UnitOut):
    children: list[UnitOut]


@router.get("/units/{code}", response_model=UnitDetail, tags=["units"])
def unit_detail(request: Request, who: Who, code: str, as_of: str | None = None) -> UnitDetail:
    on = _date(as_of, "as_of", request)
    with engine_of(request).connect() as connection:
        tree = tree_on(connection, on)
    node = _unit_for(who, tree, code, Action.VIEW_AGGREGATES, "code")
    parent = tree.nodes.get(node.parent_id) if node.parent_id else None
    children = [
        UnitOut(code=c.code, name=c.name, kind=c.kind, parent=node.code)
        for c in tree.child_nodes(node.id)
    ]
    return UnitDetail(
        code=node.code,
        name=node.name,
        kind=node.kind,
        parent=parent.code if parent else None,
        children=children,
    )


@router.get("/indicators", tags=["indicators"], response_model=list[dict[str, Any]])
def indicators(
    request: Request,
    who: Who,
    unit: Annotated[str, Query(min_length=1, max_length=64)],
    as_of: Annotated[str, Query(min_length=1, max_length=40)],
    subtree: bool = True,
    lang: LangParam = None,
) -> Response:
    """The indicator set: the same JSON as ``binhdang indicators --format json``."""
    on = _date(as_of, "as_of", request)
    with engine_of(request).connect() as connection:
        tree = tree_on(connection, on)
        _unit_for(who, tree, unit, Action.VIEW_AGGREGATES, "unit")
        body = cache.indicators_json(
            connection, unit, on, subtree=subtree, lang=_lang(request, lang)
        )
    return Response(body, media_type="application/json")


class PersonOut(BaseModel):
    staff_code: str
    full_name: str
    sex: str
    birth_date: date
    unit: str
    unit_name: str
    category: str
    rank: str | None
    title: str | None
    level: str | None


class PersonPage(BaseModel):
    items: list[PersonOut]
    total: int
    page: int
    per_page: int


@router.get("/persons", response_model=PersonPage, tags=["persons"])
def persons(
    request: Request,
    who: Who,
    unit: Annotated[str | None, Query(max_length=64)] = None,
    as_of: str | None = None,
    q: Annotated[str, Query(max_length=100)] = "",
    sex: Literal["F", "M"] | None = None,
    category: Literal["cong_chuc", "vien_chuc", "lao_dong"] | None = None,
    level: Literal["head", "deputy", "none"] | None = None,
    page: Annotated[int, Query(ge=1, le=100000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=500)] = 50,
) -> PersonPage:
    """Staff employed on a date in a unit's subtree (editors and admins); name search ignores
    diacritics. Every call is written to the audit log."""
    with engine_of(request).connect() as connection:
        on = as_of_asked(connection, as_of)
    if on.refused is not None:
        raise HttpError(422, "arg.date", "as_of", value=on.refused, option="as_of")
    query = StaffQuery.of(on, unit, q, sex, category, level, page, per_page)
    listing = listed(request, lambda connection: staff_listing(connection, who, query))
    rows = listing.rows
    items = [
        PersonOut(
            staff_code=r.staff_code,
            full_name=r.full_name,
            sex=r.sex,
            birth_date=r.birth_date,
            unit=r.unit_code,
            unit_name=r.unit_name,
            category=r.category,
            rank=r.rank,
            title=r.title,
            level=r.level,
        )
        for r in rows
    ]
    return PersonPage(items=items, total=listing.total, page=page, per_page=per_page)


class PeriodOut(BaseModel):
    kind: str
    valid_from: date
    valid_to: date | None
    unit: str
    unit_name: str
    text: str
    level: str | None


class PersonDetail(BaseModel):
    staff_code: str
    full_name: str
    sex: str
    birth_date: date
    ethnicity: str | None
    """Null when not recorded, or not shown to this account (sensitive data)."""
    insurance_number: str | None = None
    """Mã số BHXH, when a list gave it (links the person across lists without a staff code)."""
    citizen_id: str | None = None
    """Số định danh cá nhân (CCCD), when a list gave it."""
    history: list[PeriodOut]
    """Only the periods spent in the account's units, cut to the days they were in them."""


def visible_person(connection, who: Account, record: PersonRecord) -> PersonRecord | None:
    """What of ``record`` the account may see (its periods in the account's subtree; ethnicity
    only for ``view_sensitive`` where the person works now), or None: not in reach."""
    if not role_allows(who.role, Action.VIEW_PERSONS):
        return None
    return limit_to(
        connection,
        record,
        who.grant,
        today=now().date(),
        tree_at=lambda on: tree_on(connection, on),
    )


def person_log_detail(record: PersonRecord) -> dict[str, Any]:
    """What the audit entry of a person view records: which sensitive data was shown."""
    return {
        "sensitive": ["ethnicity"] if record.sensitive_shown else [],
        "periods": len(record.history),
    }


@router.get("/persons/{staff_code}", response_model=PersonDetail, tags=["persons"])
def person_detail(request: Request, who: Who, staff_code: str) -> PersonDetail:
    """A person and the part of their history spent in one's units (periods elsewhere are left
    out); ethnicity (sensitive data) only for editors and admins of the unit the person works
    in now, else null. Every view is logged."""
    with engine_of(request).begin() as connection:  # reads + audit entry
        record = find_person(connection, staff_code)
        if record is None:
            raise HttpError(404, "web.person_unknown", "staff_code", code=staff_code)
        shown = visible_person(connection, who, record)
        if shown is None:
            raise HttpError(403, "auth.forbidden", "staff_code")
        log(
            connection,
            request,
            "person.view",
            unit_code=shown.history[0].unit_code,
            target=staff_code,
            detail=person_log_detail(shown),
        )
    return PersonDetail(
        staff_code=shown.staff_code,
        full_name=shown.full_name,
        sex=shown.sex,
        birth_date=shown.birth_date,
        ethnicity=shown.ethnicity,
        insurance_number=shown.insurance_number,
        citizen_id=shown.citizen_id,
        history=[
            PeriodOut(
                kind=p.kind,
                valid_from=p.valid_from,
                valid_to=p.valid_to,
                unit=p.unit_code,
                unit_name=p.unit_name,
                text=p.text,
                level=p.level,
            )
            for p in shown.history
        ],
    )


def _problems(problems, lang: Lang) -> list[dict[str, Any]]:
    return [
        {"row": p.row, "column": p.column, "message": p.message.render(lang), "error": p.is_error}
        for p in problems
    ]


def _import_error(message, lang: Lang) -> dict[str, Any]:
    return {"code": message.key, "message": message.render(lang), "field": "file"}


@router.post("/imports/{kind}", tags=["imports"])
def import_list(
    request: Request,
    who: Who,
    kind: Literal["staff", "units"],
    file: Annotated[UploadFile, File(description="CSV or XLSX list")],
    as_of: Annotated[str | None, Query(max_length=40)] = None,
    close_missing: bool = False,
    commit: bool = False,
    lang: LangParam = None,
) -> JSONResponse:
    """Check a list (``commit=false``: nothing saved) or import it (``commit=true``, one
    transaction; nothing saved when any row has an error)."""
    language = _lang(request, lang)
    if kind == "staff" and not as_of:
        raise HttpError(422, "arg.date", "as_of", value="", option="as_of")
    on = _date(as_of, "as_of", request) if as_of else None
    engine = engine_of(request)
    with engine.connect() as connection:
        tree = tree_on(connection, on or now().date())
    if not may_import(who.grant, tree):
        raise HttpError(403, "auth.forbidden")
    data = file.file.read(settings_of(request).max_upload_bytes + 1)
    if len(data) > settings_of(request).max_upload_bytes:
        raise HttpError(422, "web.upload_too_big", "file")
    with tempfile.TemporaryDirectory() as folder:
        try:
            pending = imports.save_upload(
                Path(folder),
                account_id=who.id,
                kind=kind,
                file_name=file.filename or "upload",
                data=data,
                as_of=on,
                close_missing=close_missing,
            )
            checked = imports.preview(engine, pending, language)
            if not checked.ok or not commit:
                body = {
                    "committed": False,
                    "ok": checked.ok,
                    "summary": checked.summary,
                    "problems": _problems(checked.problems, language),
                    "warnings": _problems(checked.warnings, language),
                    "changes": [change.to_json() for change in checked.changes],
                }
                if checked.message is not None:
                    body["error"] = _import_error(checked.message, language)
                return JSONResponse(body, status_code=200 if checked.ok else 422)
            outcome = imports.commit(engine, pending, language, user=who.name)
        except BinhdangError as error:
            body = {
                "committed": False,
                "ok": False,
                "error": _import_error(error.message, language),
                "problems": _problems(error.problems, language),
                "warnings": [],
            }
            # another import held the database past the wait: try again later, not bad input
            busy = error.message.key == "db.write_timeout"
            return JSONResponse(body, status_code=503 if busy else 422)
    with engine.begin() as connection:  # the audit entry alone
        log(
            connection,
            request,
            f"import.{kind}",
            unit_code=who.unit_code,
            target=pending.file_name,
            detail={"as_of": on.isoformat() if on else None, **outcome.summary()},
        )
    return JSONResponse(
        {
            "committed": True,
            "ok": True,
            "summary": outcome.summary(),
            "warnings": _problems(outcome.warnings, language),
        }
    )


@router.get("/templates/{kind}", tags=["imports"])
def template(who: Who, kind: Literal["staff", "units"]) -> Response:
    """An empty Excel list with its headers and choice lists."""
    with tempfile.TemporaryDirectory() as folder:
        path = write_template(kind, Path(folder) / f"{kind}.xlsx")
        data = path.read_bytes()
    return Response(
        data,
        media_type=XLSX,
        headers={"content-disposition": f'attachment; filename="mau_{kind}.xlsx"'},
    )


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class AuditOut(BaseModel):
    id: int
    at: str
    actor: str
    action: str
    unit: str | None
    target: str | None
    detail: dict[str, Any]
    address: str | None


@router.get("/audit", response_model=list[AuditOut], tags=["audit"])
def audit_entries(
    request: Request,
    who: Who,
    actor: Annotated[str | None, Query(max_length=100)] = None,
    action: Annotated[str | None, Query(max_length=60)] = None,
    page: Annotated[int, Query(ge=1, le=100000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[AuditOut]:
    """The audit log, newest first (admins)."""
    if not role_allows(who.role, Action.VIEW_AUDIT):
        raise HttpError(403, "auth.forbidden")
    query = AuditQuery.of(actor or "", action or "", page=page, per_page=per_page)
    rows = listed(request, lambda connection: audit_listing(connection, who, query)).rows
    return [
        AuditOut(
            id=e.id,
            at=e.at.isoformat(),
            actor=e.actor,
            action=e.action,
            unit=e.unit_code,
            target=e.target,
            detail=e.detail,
            address=e.address,
        )
        for e in rows
    ]
