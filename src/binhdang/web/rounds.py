"""The reporting round on the web (issue 17): thin adapters over :mod:`binhdang.rounds`.

- ``GET /rounds`` — the body's round board (units × state, filter by state, overdue rows
  highlighted, "12/34 đã nộp"), the rounds the account's units report in, and the notices of
  returned or accepted submissions; anyone whose units include the body reads it.
- ``GET /rounds/unit`` — one unit in a round: its state and every version with its review;
  the unit's editor previews what would be frozen (``preview=1``), then confirms
  (``POST /rounds/submit``); the body's editor or admin accepts or returns it with a comment
  (``POST /rounds/review``). Viewers read.
- ``GET /api/v1/rounds/{unit}/{year}`` — the JSON of ``binhdang round status``;
  ``POST /api/v1/submissions`` — a package from another installation, checked and recorded
  as ``binhdang submission import`` does, as the caller (a unit's editor submits its own unit).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, File, Path, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlalchemy import Connection

from binhdang.accounts.permissions import Action, visible_unit_ids
from binhdang.accounts.service import Account
from binhdang.errors import BinhdangError
from binhdang.messages import text
from binhdang.store.writes import write_transaction
from binhdang.web.api import LangParam, Who, _lang, _unit_for
from binhdang.web.context import HttpError, engine_of, lang_of, now, settings_of, tree_on
from binhdang.web.hops import OneHopRoute
from binhdang.web.lists import Listing, Logged, csv_text_response, listed
from binhdang.web.pages import Csrf, render
from binhdang.web.pages import Who as PageWho
from binhdang.web.paging import EXPORT_ALL, Paging, sort_of

if TYPE_CHECKING:
    from binhdang.rounds.service import RoundStatus


pages = APIRouter(include_in_schema=False, route_class=OneHopRoute)
api = APIRouter(prefix="/api/v1", tags=["rounds"], route_class=OneHopRoute)


@api.get("/rounds/{unit}/{year}")
def round_json(
    request: Request,
    who: Who,
    unit: Annotated[str, Path(min_length=1, max_length=64)],
    year: Annotated[int, Path(ge=1945, le=2100)],
) -> JSONResponse:
    """Every unit of the round with its state, who acted, when, and whether it is late."""
    from binhdang.rounds import output

    whole = BoardQuery(unit, year, export=False, per_page=EXPORT_ALL)
    listing = listed(request, lambda connection: board_listing(connection, who, whole))
    return JSONResponse(output.to_data(listing.status))


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
        raise HttpError(422, "web.upload_too_big", "file")
    try:
        package = parse_package(data, (file.filename or "package.zip")[:100])
        with write_transaction(engine_of(request)) as connection:
            version = import_package(connection, package, actor=who, now=now())
    except BinhdangError as error:
        forbidden = error.message.key.startswith("rounds.not_allowed")
        return JSONResponse(
            {
                "error": {
                    "code": error.message.key,
                    "field": "file",
                    "message": error.message.render(language),
                }
            },
            status_code=403 if forbidden else 422,
        )
    return JSONResponse(
        {
            "unit": package.unit_code,
            "year": package.year,
            "version": version.version,
            "state": "submitted",
            "manifest_sha256": version.manifest_sha256,
        },
        status_code=201,
    )


PER_PAGE = 50
SORTS = ("name", "state", "at", "late")
_STATE_ORDER = {"not_submitted": 0, "returned": 1, "submitted": 2, "accepted": 3}


def _ordered(units: list[Any], state: str | None, sort: str) -> list[Any]:
    """The board's rows with ``state`` only (all without), in the order ``sort`` asks for
    (default: the tree's order, as the units' own reports list them)."""
    from binhdang.ingest.values import fold

    rows = [u for u in units if not state or u.state.value == state]
    keys: dict[str, Callable[[Any], Any]] = {
        "name": lambda u: fold(u.name),
        "state": lambda u: _STATE_ORDER[u.state.value],
        "at": lambda u: (
            u.submitted_at is None,
            u.submitted_at.isoformat() if u.submitted_at else "",
        ),
        "late": lambda u: not u.late,
    }
    key = sort.removeprefix("-")
    if key in keys:
        rows = sorted(rows, key=keys[key], reverse=sort.startswith("-"))
    return rows


@pages.get("/rounds", response_class=HTMLResponse)
def board(
    request: Request,
    who: PageWho,
    unit: Annotated[str | None, Query(max_length=64)] = None,
    year: Annotated[int | None, Query(ge=1945, le=2100)] = None,
    state: Annotated[str | None, Query(max_length=20)] = None,
    sort: Annotated[str | None, Query(max_length=20)] = None,
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
) -> HTMLResponse:
    """The round board of ``unit`` (default: the account's unit) for ``year`` (default: its
    latest round), one page of it, the rounds the account's units report in, and their
    notices."""
    from binhdang.rounds import output
    from binhdang.rounds.service import member_rounds, notices, rounds_opened_by
    from binhdang.web import cache
    from binhdang.web.paging import query_of

    lang = lang_of(request)
    code = unit or who.unit_code
    with engine_of(request).connect() as connection:
        tree = tree_on(connection, now().date())
        opened = rounds_opened_by(connection, code)
        chosen = year or (opened[0].year if opened else None)

        def own() -> tuple[list[Any], list[Any]]:
            mine = visible_unit_ids(who.grant, tree) or [who.unit_id]
            return member_rounds(connection, mine), notices(connection, mine)

        # the same for every reader of the same scope while the data does not change (a
        # national account's scope is ~12,000 units: two queries over all of them)
        scope = ("round.own", who.grant.unit_id, who.unit_id, now().date())
        reporting, told = cache.remember(connection, scope, own)
    chosen_sort = sort_of(sort, SORTS, "")
    listing = (
        listed(
            request,
            lambda connection: board_listing(
                connection, who, BoardQuery(code, chosen, state, chosen_sort, page, PER_PAGE)
            ),
        )
        if chosen is not None
        else None
    )
    status = listing.status if listing else None
    wanted = {c for r, member in reporting for c in (member, r.unit_code)} | {n.code for n in told}
    names = {c: node.name for c in wanted if (node := tree.get(c)) is not None}
    paging = listing.paging if listing else Paging(page, PER_PAGE, 0)
    filters = query_of(unit=code, year=chosen, state=state)
    return render(
        request,
        "rounds.html",
        board=status,
        units=listing.rows if listing else [],
        state=state or "",
        years=[r.year for r in opened],
        code=code,
        paging=paging,
        filters=filters,
        sort=chosen_sort,
        export=f"/rounds.csv?{query_of(unit=code, year=chosen, state=state, sort=sort)}",
        progress=output.progress(status, lang) if status else "",
        reporting=[
            (r, member, names.get(member, member), names.get(r.unit_code, r.unit_code))
            for r, member in reporting
        ],
        notices=[_notice(n, names, lang) for n in told],
        label=lambda value: text(f"rounds.state.{value}", lang),
    )


@dataclass(frozen=True)
class BoardQuery:
    """The round board's question: the round ``unit`` opened for ``year``, its rows in
    ``state`` (None: all) in ``sort`` order (``""``: the tree's), page ``page`` of
    ``per_page``; ``export``: every row, logged as an export."""

    unit: str
    year: int
    state: str | None = None
    sort: str = ""
    page: int = 1
    per_page: int = PER_PAGE
    export: bool = False


@dataclass(frozen=True)
class BoardListing(Listing[Any]):
    """The board's rows (the units), with the round's whole status (counts, the round)."""

    status: RoundStatus


def board_listing(connection: Connection, who: Account, query: BoardQuery) -> BoardListing:
    """The one builder of the round board (the page ``/rounds``, ``/rounds.csv`` and
    ``GET /api/v1/rounds/{unit}/{year}`` render it), for a reader whose units include the body
    (404 for a round not opened, 403 outside the reader's units). The status and the
    filtered rows are kept while the data does not change (the web's data cache, keyed by the
    data version, which every submission, review and close moves): a board of ~10,000 units
    is built once, then only paged."""
    from binhdang.rounds.service import get_round, round_status
    from binhdang.web import cache

    try:
        found = get_round(connection, query.unit, query.year)
    except BinhdangError as error:
        raise HttpError(404, error.message.key, **error.message.params) from None
    tree = tree_on(connection, found.as_of)
    _unit_for(who, tree, query.unit, Action.VIEW_AGGREGATES, "unit")
    today = now().date()
    status = cache.remember(
        connection,
        ("round.status", found.id, found.closed_at, today),
        lambda: round_status(connection, found, today, tree),
    )
    rows = cache.remember(
        connection,
        ("round.rows", found.id, found.closed_at, today, query.state, query.sort),
        lambda: _ordered(list(status.units), query.state, query.sort),
    )
    paging = Paging(query.page, query.per_page, len(rows))
    logged = None
    if query.export:
        target = f"{query.unit}/{query.year}"
        logged = Logged("round.export", query.unit, target=target)
    else:
        rows = rows[paging.offset :][: query.per_page]
    return BoardListing(rows, paging.total, paging, logged, status)


@pages.get("/rounds.csv")
def board_csv(
    request: Request,
    who: PageWho,
    unit: Annotated[str, Query(min_length=1, max_length=64)],
    year: Annotated[int, Query(ge=1945, le=2100)],
    state: Annotated[str | None, Query(max_length=20)] = None,
    sort: Annotated[str | None, Query(max_length=20)] = None,
) -> Response:
    """The whole filtered board of :func:`board_listing` as CSV (the writer of ``binhdang
    round status --format csv``), in the page's order (logged, as every list's CSV)."""
    import dataclasses

    from binhdang.rounds import output

    whole = BoardQuery(unit, year, state, sort_of(sort, SORTS, ""), export=True)
    listing = listed(request, lambda connection: board_listing(connection, who, whole))
    body = output.to_csv(dataclasses.replace(listing.status, units=tuple(listing.rows)))
    return csv_text_response(body, f"dot-bao-cao-{year}.csv", bom=False)


def _page_unit(who: Account, tree: Any, code: str) -> Any:
    node = tree.get(code)
    if node is None:
        raise HttpError(404, "rounds.web.unknown")
    from binhdang.web.context import allowed

    if not allowed(who, Action.VIEW_AGGREGATES, tree, node.id):
        raise HttpError(403, "auth.forbidden")
    return node


def _notice(row: Any, names: dict[str, str], lang: str) -> str:
    return text(
        f"rounds.web.notice.{row.decision}",
        lang,  # type: ignore[arg-type]
        year=row.year,
        unit=names.get(row.code, row.code),
        version=row.version,
        comment=row.comment or "",
    )


def _unit_page(
    request: Request,
    who: Account,
    unit: str,
    year: int,
    *,
    preview: bool = False,
    done: str | None = None,
    error: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """One unit in its round: state, versions and reviews, and the forms its roles allow."""
    from binhdang.formatting import percent
    from binhdang.indicators.catalogue import BY_CODE
    from binhdang.rounds.freeze import figures_of, freeze
    from binhdang.rounds.rules import State, may_review, may_submit
    from binhdang.rounds.service import member_status, round_of_unit, versions

    lang = lang_of(request)
    with engine_of(request).connect() as connection:
        try:
            found = round_of_unit(connection, unit, year)
        except BinhdangError:
            raise HttpError(404, "rounds.web.unknown") from None
        tree = tree_on(connection, found.as_of)
        node = tree.get(unit)
        body = tree.nodes.get(found.unit_id)
        if node is None or body is None:
            raise HttpError(404, "rounds.web.unknown")
        from binhdang.web.context import allowed

        # the unit's own accounts and the body's read it
        if not (
            allowed(who, Action.VIEW_AGGREGATES, tree, node.id)
            or allowed(who, Action.VIEW_AGGREGATES, tree, body.id)
        ):
            raise HttpError(403, "auth.forbidden")
        state = member_status(connection, found, node.id)
        history = versions(connection, found.id, node.id)
        can_submit = (
            may_submit(who.grant, node.id)
            and not found.closed
            and state in (State.NOT_SUBMITTED, State.RETURNED)
        )
        can_review = (
            may_review(who.grant, tree, body.id) and not found.closed and (state is State.SUBMITTED)
        )
        previewed = None
        if preview and can_submit:
            parts = freeze(
                connection,
                tree,
                unit,
                year,
                found.as_of,
                (found.period_start, found.period_end),
                now().date(),
                with_files=False,
            )
            figures = figures_of({p.name: p.content for p in parts})
            previewed = {
                "indicators": [
                    (
                        BY_CODE[i["code"]].name(lang) if i["code"] in BY_CODE else i["code"],
                        i["numerator"],
                        i["denominator"],
                        percent(_decimal(i["percent"]), lang),
                    )
                    for i in figures["indicators"]
                ],
                "sections": [s["title"] for s in figures["sections"]],
            }
    return render(
        request,
        "round_unit.html",
        status=status_code,
        round=found,
        unit=node,
        body=body,
        state=state,
        history=history,
        can_submit=can_submit,
        can_review=can_review,
        previewed=previewed,
        done=done,
        error=error,
        label=lambda value: text(f"rounds.state.{value}", lang),
    )


def _decimal(value: float | None) -> Any:
    from decimal import Decimal

    return None if value is None else Decimal(str(value))


@pages.get("/rounds/unit", response_class=HTMLResponse)
def unit_page(
    request: Request,
    who: PageWho,
    unit: Annotated[str, Query(min_length=1, max_length=64)],
    year: Annotated[int, Query(ge=1945, le=2100)],
    preview: bool = False,
    done: Annotated[str | None, Query(max_length=20)] = None,
) -> HTMLResponse:
    known = done if done in ("submitted", "accept", "return") else None
    return _unit_page(request, who, unit, year, preview=preview, done=known)


async def _form(request: Request) -> tuple[str, int, Any]:
    form = await request.form()
    unit = str(form.get("unit") or "")[:64]
    try:
        year = int(str(form.get("year") or ""))
    except ValueError:
        raise HttpError(404, "rounds.web.unknown") from None
    if not unit or not 1945 <= year <= 2100:
        raise HttpError(404, "rounds.web.unknown")
    return unit, year, form


def _back(unit: str, year: int, done: str) -> Response:
    return RedirectResponse(
        "/rounds/unit?" + urlencode({"unit": unit, "year": year, "done": done}), status_code=303
    )


@pages.post("/rounds/submit", dependencies=[Csrf])
async def submit_form(request: Request, who: PageWho) -> Response:
    """The unit's editor confirms the submission (after its preview)."""
    from binhdang.rounds.service import installation_name, prepare_on, submit

    unit, year, form = await _form(request)
    note = str(form.get("note") or "").strip() or None
    moment = now()
    try:
        # the figures and report files are built before the write lock (seconds), which is
        # then held only to check the state again and store them
        prepared = prepare_on(
            engine_of(request), unit_code=unit, year=year, note=note, actor=who, now=moment
        )
        with write_transaction(engine_of(request)) as connection:
            submit(
                connection,
                unit_code=unit,
                year=year,
                note=note,
                actor=who,
                installation=installation_name(),
                now=moment,
                prepared=prepared,
            )
    except BinhdangError as error:
        code = 403 if error.message.key.startswith("rounds.not_allowed") else 422
        return _unit_page(
            request, who, unit, year, error=error.message.render(lang_of(request)), status_code=code
        )
    return _back(unit, year, "submitted")


@pages.post("/rounds/review", dependencies=[Csrf])
async def review_form(request: Request, who: PageWho) -> Response:
    """The body's editor or admin accepts or returns (with a comment) the waiting version."""
    from binhdang.rounds.rules import Decision
    from binhdang.rounds.service import review

    unit, year, form = await _form(request)
    decision = str(form.get("decision") or "")
    if decision not in ("accept", "return"):
        raise HttpError(422, "rounds.web.unknown")
    comment = str(form.get("comment") or "")[:4000]
    try:
        with write_transaction(engine_of(request)) as connection:
            review(
                connection,
                unit_code=unit,
                year=year,
                decision=Decision(decision),
                comment=comment,
                actor=who,
                now=now(),
            )
    except BinhdangError as error:
        code = 403 if error.message.key.startswith("rounds.not_allowed") else 422
        return _unit_page(
            request, who, unit, year, error=error.message.render(lang_of(request)), status_code=code
        )
    return _back(unit, year, decision)
