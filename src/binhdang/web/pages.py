"""Server-rendered pages (Jinja2 + htmx): sign-in, dashboard, staff, person, import, users and
the audit log. Each view checks the role and unit, calls the library, logs what the audit
needs and renders a template."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from sqlalchemy import Connection
from starlette.datastructures import FormData

from binhdang import formatting
from binhdang.accounts import audit
from binhdang.accounts.permissions import (
    Action,
    Role,
    may_grant,
    may_import,
    role_allows,
    visible_unit_ids,
)
from binhdang.accounts.service import (
    Account,
    authenticate,
    create_account,
    create_session,
    end_session,
    get_account,
    list_accounts,
    set_active,
)
from binhdang.errors import BinhdangError
from binhdang.indicators.catalogue import THIRTY_PERCENT_RULE
from binhdang.ingest.templates import write_template
from binhdang.ingest.values import ValueProblem, fold, parse_date
from binhdang.messages import Lang, text
from binhdang.policies.targets import rule_30_leader
from binhdang.store.writes import write_transaction
from binhdang.units.tree import UnitTree
from binhdang.web import cache, charts, imports, targets
from binhdang.web.api import XLSX, person_log_detail, visible_person
from binhdang.web.audit_list import AuditQuery, audit_listing
from binhdang.web.context import (
    HttpError,
    SignInRequired,
    account_of,
    allowed,
    client_address,
    csrf_of,
    engine_of,
    lang_of,
    list_dates,
    log,
    now,
    settings_of,
    tree_on,
)
from binhdang.web.hops import OneHopRoute
from binhdang.web.ids import PathId
from binhdang.web.lists import (
    Listing,
    Logged,
    as_of_asked,
    as_of_typed,
    csv_response,
    csv_text_response,
    listed,
    unit_chosen,
)
from binhdang.web.paging import Paging, query_of
from binhdang.web.paging import sort_of as paging_sort
from binhdang.web.security import (
    CSRF_FIELD,
    LANG_COOKIE,
    NONCE_COOKIE,
    SESSION_COOKIE,
    csrf_matches,
    is_secure,
)
from binhdang.web.staff import (
    PER_PAGE,
    STAFF_CSV,
    StaffListing,
    StaffQuery,
    StaffRow,
    find_person,
    staff_csv_cells,
    staff_listing,
)

router = APIRouter(include_in_schema=False, route_class=OneHopRoute)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
templates.env.globals["fmt"] = formatting


@dataclass(frozen=True)
class NavEntry:
    """One entry of the menu (declared in ``create_app``, kept in ``app.state.nav``): its
    page, its label's message key, and the action a role needs to see it (None: anyone
    signed in)."""

    href: str
    label: str
    action: Action | None = None

    def current(self, path: str) -> bool:
        """Whether ``path`` is this entry's page or below it (the dashboard: only itself)."""
        return path == self.href if self.href == "/" else path.startswith(self.href)


def render(request: Request, template: str, /, status: int = 200, **context: Any) -> HTMLResponse:
    lang = lang_of(request)
    account = getattr(request.state, "account", None)

    def t(key: str, **params: Any) -> str:
        return text(key, lang, **params)

    base = {
        "t": t,
        "lang": lang,
        "account": account,
        "csrf": csrf_of(request),
        "csrf_field": CSRF_FIELD,
        "path": request.url.path,
        "nav": request.app.state.nav,
        "can": (lambda action: account is not None and role_allows(account.role, Action(action))),
        "action_label": lambda code: action_label(code, lang),
        "moment": lambda value: formatting.moment(value, lang, seconds=True),
    }
    return templates.TemplateResponse(request, template, {**base, **context}, status_code=status)


def action_label(code: str, lang: str) -> str:
    """An audit action as people read it (the catalogue label, a committee record kind by its
    title), or its code when it has none."""
    from binhdang.committee.kinds import KINDS
    from binhdang.messages import CATALOGUE

    key = f"web.act.{code}"
    if key in CATALOGUE:
        return text(key, lang)  # type: ignore[arg-type]
    parts = code.split(".")
    if len(parts) == 3 and parts[0] == "committee" and f"web.op.{parts[2]}" in CATALOGUE:
        what = text(f"web.op.{parts[2]}", lang)  # type: ignore[arg-type]
        kind = KINDS[parts[1]].title(lang) if parts[1] in KINDS else parts[1]  # type: ignore[arg-type]
        return text("web.act.committee", lang, kind=kind, what=what)  # type: ignore[arg-type]
    return code


COMMITTEE_OPS = ("list", "view", "create", "edit", "delete", "export")


def audit_actions(lang: str) -> list[tuple[str, str]]:
    """Every action the audit log records, as (code, label) in the order of the catalogue:
    the choices of the audit page's filter."""
    from binhdang.committee.kinds import KINDS
    from binhdang.messages import CATALOGUE

    codes = [
        key.removeprefix("web.act.")
        for key in CATALOGUE
        if key.startswith("web.act.") and key != "web.act.committee"
    ]
    codes += [f"committee.{name}.{op}" for name in KINDS for op in COMMITTEE_OPS]
    codes += ["committee.activities.attach", "committee.activities.file"]
    return [(code, action_label(code, lang)) for code in codes]


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", status=status, message=message, status_code=status)


def page_account(request: Request) -> Account:
    account = account_of(request)
    if account is None:
        raise SignInRequired()
    return account


Who = Annotated[Account, Depends(page_account)]


def require(action: Action) -> Callable[[Account], Account]:
    """A dependency: the signed-in account when its role may do ``action`` (sign-in redirect
    without one, the 403 page otherwise). Which units it covers is checked in the view, which
    knows the unit asked."""

    def role_may(who: Who) -> Account:  # made in the request's one worker thread (web.hops)
        if not role_allows(who.role, action):
            raise HttpError(403, "auth.forbidden")
        return who

    return role_may


def importer(request: Request, who: Who) -> Account:
    """A dependency: the signed-in account when its grant may import lists today (the date
    of the data, known only from the form or the pending file, is checked again in the view)."""
    _require_import(request, who)
    return who


PersonsViewer = Annotated[Account, Depends(require(Action.VIEW_PERSONS))]
AuditViewer = Annotated[Account, Depends(require(Action.VIEW_AUDIT))]
Admin = Annotated[Account, Depends(require(Action.MANAGE_ACCOUNTS))]
Importer = Annotated[Account, Depends(importer)]


async def form_data(request: Request) -> FormData:
    """The posted form, read on the event loop (kept by Starlette for the view)."""
    return await request.form()


def checked_form(request: Request, form: Annotated[FormData, Depends(form_data)]) -> None:
    """Every form post carries the CSRF token of this session (of this browser before
    sign-in). Plain: the session's token needs the signed-in account, read from the database
    in the request's worker thread (web.hops)."""
    submitted = form.get(CSRF_FIELD)
    if not csrf_matches(csrf_of(request), str(submitted or "")):
        raise HttpError(403, "auth.csrf")


Csrf = Depends(checked_form)


def page_date(request: Request, value: str | None) -> tuple[date, str, str | None]:
    """The date a page's date field asked for: ``(date, text for the field, error)``.

    A date typed as day/month/year (or ISO, as links carry it) is taken; an empty field is
    the latest staff list's date; anything else leaves that default in force and says why,
    beside the field, with the typed text kept in it (:func:`binhdang.web.lists.as_of_asked`)."""
    with engine_of(request).connect() as connection:
        asked = as_of_asked(connection, value)
    refused = asked.refused
    error = text("web.date_invalid", lang_of(request), value=refused) if refused else None
    return asked.on, asked.typed, error


def _safe_next(value: str | None) -> str:
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/"


def _unit_options(tree: UnitTree, ids: list[int]) -> list[dict[str, Any]]:
    root_depth: dict[int, int] = {}
    options = []
    for unit_id in ids:
        node = tree.nodes[unit_id]
        depth = root_depth.get(node.parent_id, -1) + 1 if node.parent_id else 0
        root_depth[unit_id] = depth
        options.append({"code": node.code, "name": node.name, "depth": depth})
    return options


def _unit_option_tags(options: list[dict[str, Any]], selected: str) -> Markup:
    """The ``<option>``s of the staff page's unit picker (:func:`_unit_options`), escaped and
    joined here rather than in a template loop: a province has ~430 units, and the loop took
    a third of the page's time (bench/RESULTS.md, area web-staff)."""
    indent = "\u00a0\u00a0"
    return Markup(
        "".join(
            f'<option value="{escape(o["code"])}" data-name="{escape(o["name"])}" '
            f'data-depth="{int(o["depth"])}" {"selected" if o["code"] == selected else ""}>'
            f"{indent * int(o['depth'])}{escape(o['name'])}</option>"
            for o in options
        )
    )


# --- sign-in, sign-out, language --------------------------------------------------------


@router.get("/sign-in")
def sign_in_page(request: Request, next: str | None = None) -> HTMLResponse:
    return render(request, "sign_in.html", next=_safe_next(next), error=None)


@router.post("/sign-in", dependencies=[Csrf])
def sign_in(
    request: Request,
    name: Annotated[str, Form(max_length=200)],
    password: Annotated[str, Form(max_length=1000)],
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    settings = settings_of(request)
    # Signing in writes only accounts' tables and the audit log, which no cached answer reads:
    # the data version stays (a bump would make every worker recompute the national indicator
    # sets and rebuild the columnar copy, seconds each, at every sign-in). The session's insert
    # bumps the auth version (its trigger), which is what the sign-in memory keys on.
    with write_transaction(engine_of(request), bump=False) as connection:
        outcome = authenticate(
            connection,
            name=name,
            password=password,
            address=client_address(request),
            now=now(),
            limit=settings.rate_limit,
        )
        account, secret = outcome.account, None
        if outcome.wait is not None:
            log(
                connection,
                request,
                "sign_in.throttled",
                actor_name=name.strip()[:100],
                detail={"seconds": outcome.wait.seconds, "scope": outcome.wait.scope},
            )
        elif account is None:
            log(connection, request, "sign_in.failed", actor_name=name.strip()[:100])
        else:
            request.state.account = account
            secret = create_session(
                connection, account.id, now=now(), lifetime=settings.session_lifetime
            )
            log(connection, request, "sign_in", unit_code=account.unit_code)
    if outcome.wait is not None:
        seconds = outcome.wait.seconds
        message = text("auth.throttled", lang_of(request), seconds=seconds)
        refused = render(request, "sign_in.html", status=429, next=_safe_next(next), error=message)
        refused.headers["retry-after"] = str(seconds)
        return refused
    if secret is None:
        return render(
            request,
            "sign_in.html",
            status=401,
            next=_safe_next(next),
            error=text("auth.failed", lang_of(request)),
        )
    response = RedirectResponse(_safe_next(next), status_code=303)
    secure = is_secure(request, settings.secure_cookies)
    response.set_cookie(
        SESSION_COOKIE,
        secret,
        max_age=int(settings.session_lifetime.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=secure,
        path="/",
    )
    response.delete_cookie(NONCE_COOKIE, path="/")  # a fresh CSRF nonce after sign-in
    return response


@router.post("/sign-out", dependencies=[Csrf])
def sign_out(request: Request) -> Response:
    secret = request.cookies.get(SESSION_COOKIE)
    account = account_of(request)
    if secret:
        with write_transaction(engine_of(request), bump=False) as connection:  # as sign_in
            end_session(connection, secret)
            if account:
                log(connection, request, "sign_out")
    response = RedirectResponse("/sign-in", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.delete_cookie(NONCE_COOKIE, path="/")  # a fresh pre-session nonce too
    return response


@router.post("/lang", dependencies=[Csrf])
def choose_lang(
    request: Request,
    lang: Annotated[str, Form(max_length=2)],
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    response = RedirectResponse(_safe_next(next), status_code=303)
    if lang in ("vi", "en"):
        response.set_cookie(
            LANG_COOKIE, lang, max_age=365 * 86400, httponly=True, samesite="lax", path="/"
        )
    return response


# --- dashboard ----------------------------------------------------------------------------

HEADLINES = (
    "women_share_staff",
    "women_share_managers",
    "women_share_key_leaders",
    "units_with_woman_key_leadership",  # Nghị quyết 28/NQ-CP by its official metadata
)


@router.get("/")
def dashboard(
    request: Request,
    who: Who,
    unit: Annotated[str | None, Query(max_length=200)] = None,
    as_of: Annotated[str | None, Query(max_length=40)] = None,
) -> HTMLResponse:
    lang = lang_of(request)
    on, typed, date_error = page_date(request, as_of)
    # htmx swaps only a 200: a date refused then shows its error inside the part it swaps
    swapped = bool(request.headers.get("hx-request"))
    status = 422 if date_error and not swapped else 200
    with engine_of(request).connect() as connection:
        tree = tree_on(connection, on)
        ids = visible_unit_ids(who.grant, tree)
        if not ids:
            return render(
                request,
                "dashboard.html",
                status=status,
                on=on,
                empty=True,
                body="",
                typed=typed,
                date_error=date_error,
            )
        node = unit_chosen(tree, ids, unit or who.unit_code)
        if node is None:
            raise HttpError(
                404, "unit.unknown", code=unit or who.unit_code, as_of=formatting.short_date(on)
            )
        if not allowed(who, Action.VIEW_AGGREGATES, tree, node.id):
            raise HttpError(403, "auth.forbidden")
        code = node.code
        # The page body depends only on the data, the unit, the date, the language and the
        # units the account may see: rendered once, reused until the data changes.
        # (a date typed wrong is shown back with its error: that page is not kept)
        key = ("dashboard", code, on, lang, who.unit_id)
        if date_error:
            body = _dashboard_body(
                connection, tree, node, ids, on, lang, typed, date_error, swapped
            )
        else:
            body = cache.remember(
                connection, key, lambda: _dashboard_body(connection, tree, node, ids, on, lang)
            )
        panel = targets.panel(connection, node, on, lang)
    return render(
        request,
        "dashboard.html",
        status=status,
        on=on,
        empty=False,
        body=body,
        unit=node,
        targets_panel=panel,
    )


def _dashboard_body(
    connection,
    tree: UnitTree,
    node,
    ids: list[int],
    on: date,
    lang: Lang,
    typed: str | None = None,
    date_error: str | None = None,
    swapped: bool = False,
) -> Markup:
    code = node.code
    result = cache.indicators(connection, code, on)
    trend = []
    days = [day for day in list_dates(connection) if day <= on] or [on]
    for day in days:  # the staff lists up to the chosen date
        if tree_on(connection, day).get(code) is not None:
            trend.append(cache.indicators(connection, code, day))
    data = {r.code: r for r in result.results}
    cards = [(c, data[c]) for c in HEADLINES]
    failing = {u.code for u in data["units_30pct_women_without_woman_leader"].units or ()}
    children = []
    child_codes = {c.code for c in tree.child_nodes(node.id)}
    # The 30% rule rolls up (policies.targets): a child with a unit under it falling short
    # is flagged too, as its own targets panel says "not met".
    short_below = {
        a.code
        for code in failing
        if (n := tree.get(code)) is not None
        for a in tree.ancestors(n.id)
        if a.code in child_codes
    }
    for part in data["women_share_staff"].breakdowns:
        if part.dimension != "unit":
            continue
        share = part.ratio.percent
        children.append(
            {
                "code": part.key,
                "name": part.label(lang),
                "staff": part.ratio.denominator,
                "women": part.ratio.numerator,
                "share": share,
                "thirty": part.ratio.denominator > 0
                and part.ratio.numerator * 100
                >= THIRTY_PERCENT_RULE * part.ratio.denominator,  # exact, not the rounded share
                "no_woman_leader": part.key in failing,
                "short_below": part.key in short_below,
                "drill": part.key in child_codes,
            }
        )
    path = [*reversed(tree.ancestors(node.id)), node]
    # Pay and careers (issue 18): each indicator's figure as the CLI shows it ("< 5" for a
    # small group); nothing when no list has pay columns.
    from binhdang.indicators.catalogue import BY_CODE, PAY_CODES
    from binhdang.indicators.output import display

    has_pay = any(
        data[c].ratio.denominator
        for c in ("women_share_pay_quartile", "women_share_by_grade_group")
    )
    pay = [(BY_CODE[c].name(lang), display(data[c], lang)) for c in PAY_CODES] if has_pay else []
    context = {
        "t": lambda key, **params: text(key, lang, **params),
        "fmt": formatting,
        "lang": lang,
        "on": on,
        "unit": node,
        "cards": cards,
        "children": children,
        "chart": charts.trend_svg(trend, lang),
        "crumbs": [n for n in path if n.id in ids],
        "options": _unit_options(tree, ids),
        "leader": rule_30_leader(lang),
        "typed": typed or formatting.short_date(on),
        "date_error": date_error,
        "swapped": swapped,
        "pay": pay,
    }
    return Markup(templates.env.get_template("_dashboard_body.html").render(context))


# --- staff --------------------------------------------------------------------------------


def staff_query(
    request: Request,
    q: Annotated[str, Query(max_length=100)] = "",
    unit: Annotated[str | None, Query(max_length=200)] = None,
    as_of: Annotated[str | None, Query(max_length=40)] = None,
    sex: Annotated[str | None, Query(max_length=1)] = None,
    category: Annotated[str | None, Query(max_length=20)] = None,
    level: Annotated[str | None, Query(max_length=10)] = None,
    page: Annotated[int, Query(ge=1, le=100000)] = 1,
    sort: Annotated[str | None, Query(max_length=10)] = None,
) -> StaffQuery:
    """A dependency: the staff list's question as the page and its CSV ask it (a value
    outside a closed list is dropped, a date that cannot be read is kept to be said).

    A date that reads needs no database; an empty or refused one reads the default date."""
    on = as_of_typed(as_of)
    if on is None:
        with engine_of(request).connect() as connection:
            on = as_of_asked(connection, as_of)
    return StaffQuery.of(on, unit, q, sex, category, level, page, PER_PAGE, sort)


StaffAsked = Annotated[StaffQuery, Depends(staff_query)]


def staff_rows_html(rows: Sequence[StaffRow], lang: Lang) -> Markup:
    """The body of the staff table: the text the reference template ``_staff_rows.html``
    writes (tests/web/test_staff_rows.py compares them), built without Jinja's per-cell
    machinery. Every value is escaped as Jinja's autoescape does; the labels of the sexes
    and categories are looked up once a page, not twice a row."""
    if not rows:
        return Markup(f'\n    <tr><td colspan="7">{escape(text("web.nobody", lang))}</td></tr>\n  ')
    labels: dict[str, str] = {}

    def label(key: str) -> str:
        found = labels.get(key)
        if found is None:
            found = labels[key] = str(escape(text(key, lang)))
        return found

    parts = []
    for r in rows:
        code = escape(r.staff_code)
        rank = f" · {escape(r.rank)}" if r.rank else ""
        title = escape(r.title) if r.title else ""
        parts.append(
            f"\n    <tr>\n      <td>{code}</td>\n"
            f'      <td><a href="/staff/{escape(quote(r.staff_code, safe="/"))}">'
            f"{escape(r.full_name)}</a></td>\n"
            f"      <td>{label('web.sex_' + r.sex)}</td>\n"
            f"      <td>{escape(formatting.short_date(r.birth_date, lang))}</td>\n"
            f"      <td>{escape(r.unit_name)}</td>\n"
            f"      <td>{label('web.cat_' + r.category)}{rank}</td>\n"
            f"      <td>{title}</td>\n    </tr>\n  "
        )
    return Markup("".join(parts))


@router.get("/staff")
def staff_list(request: Request, who: PersonsViewer, query: StaffAsked) -> HTMLResponse:
    """One page of :func:`binhdang.web.staff.staff_listing`."""
    picker: list[Markup] = []

    def build(connection: Connection) -> StaffListing:
        listing = staff_listing(connection, who, query)
        chosen, visible = listing.unit.code, listing.visible
        picker.append(
            cache.unit_picker(
                connection,
                ("staff.units", listing.tree.as_of, tuple(visible), chosen),
                lambda: _unit_option_tags(_unit_options(listing.tree, visible), chosen),
            )
        )
        return listing

    listing = listed(request, build)
    refused = query.as_of.refused
    date_error = text("web.date_invalid", lang_of(request), value=refused) if refused else None
    context: dict[str, Any] = dict(
        rows=listing.rows,
        rows_html=staff_rows_html(listing.rows, lang_of(request)),
        total=listing.total,
        paging=listing.paging,
        on=query.as_of.on,
        q=query.q,
        unit=listing.unit,
        sex=query.sex,
        category=query.category,
        level=query.level,
        option_tags=picker[0],
        typed=query.as_of.typed,
        date_error=date_error,
        sort=query.sort,
    )
    partial = request.headers.get("hx-request") and not request.headers.get("hx-boosted")
    if partial:  # htmx swaps only a 200: the results then carry the date's error themselves
        return render(request, "_staff_results.html", **context)
    return render(request, "staff.html", status=422 if date_error else 200, **context)


@router.get("/staff.csv")
def staff_csv(request: Request, who: PersonsViewer, query: StaffAsked) -> Response:
    """The whole filtered staff list of :func:`binhdang.web.staff.staff_listing` as CSV
    (UTF-8 with BOM, for Excel), in the page's order; the export is logged."""
    if query.as_of.refused is not None:
        raise HttpError(422, "web.date_invalid", "as_of", value=query.as_of.refused)
    whole = query.exported()
    listing = listed(request, lambda connection: staff_listing(connection, who, whole))
    lang = lang_of(request)
    return csv_response(
        [text(key, lang) for key in STAFF_CSV],
        (staff_csv_cells(r, lang) for r in listing.rows),
        f"can-bo-{listing.unit.code}-{query.as_of.on.isoformat()}.csv",
    )


@router.get("/staff/{staff_code}")
def person_page(request: Request, who: PersonsViewer, staff_code: str) -> HTMLResponse:
    with engine_of(request).begin() as connection:  # reads + audit entry
        record = find_person(connection, staff_code)
        if record is None:
            raise HttpError(404, "web.person_unknown", code=staff_code)
        shown = visible_person(connection, who, record)
        if shown is None:
            raise HttpError(403, "auth.forbidden")
        log(
            connection,
            request,
            "person.view",
            unit_code=shown.history[0].unit_code,
            target=staff_code,
            detail=person_log_detail(shown),
        )
    return render(request, "person.html", person=shown)


# --- import -------------------------------------------------------------------------------


def _require_import(request: Request, who: Account, on: date | None = None) -> None:
    with engine_of(request).connect() as connection:
        tree = tree_on(connection, on or now().date())
    if not may_import(who.grant, tree):
        raise HttpError(403, "auth.forbidden")


@router.get("/import")
def import_page(request: Request, who: Importer) -> HTMLResponse:
    return render(request, "import.html", preview=None, pending=None, error=None)


@router.post("/import", dependencies=[Csrf])
def import_upload(
    request: Request,
    who: Who,
    file: Annotated[UploadFile, File()],
    kind: Annotated[str, Form(max_length=10)] = "staff",
    as_of: Annotated[str, Form(max_length=40)] = "",
    close_missing: Annotated[bool, Form()] = False,
) -> HTMLResponse:
    lang = lang_of(request)
    settings = settings_of(request)
    kind = kind if kind in imports.KINDS else "staff"
    form = {"form_kind": kind, "form_as_of": as_of.strip(), "form_close_missing": close_missing}

    def refused(**context: Any) -> HTMLResponse:
        return render(
            request,
            "import.html",
            status=422,
            preview=None,
            pending=None,
            **{"error": None, **form, **context},
        )

    try:  # day/month/year as typed in the text field, or ISO as a link or script sends it
        on = parse_date(as_of) if as_of.strip() else None
    except ValueProblem:
        return refused(as_of_error=text("web.date_invalid", lang, value=as_of.strip()))
    if kind == "staff" and on is None:
        return refused(as_of_error=text("web.as_of_required", lang))
    if on is not None:
        form["form_as_of"] = formatting.short_date(on)
    _require_import(request, who, on)
    data = file.file.read(settings.max_upload_bytes + 1)
    if len(data) > settings.max_upload_bytes:
        return refused(error=text("web.upload_too_big", lang))
    try:
        pending = imports.save_upload(
            settings.upload_dir,
            account_id=who.id,
            kind=kind,
            file_name=file.filename or "upload",
            data=data,
            as_of=on,
            close_missing=close_missing,
        )
    except BinhdangError as error:
        return refused(error=error.message.render(lang))
    checked = imports.preview(engine_of(request), pending, lang)
    with engine_of(request).begin() as connection:  # the audit entry alone
        log(
            connection,
            request,
            f"import.{kind}.check",
            unit_code=who.unit_code,
            target=pending.file_name,
            detail={"ok": checked.ok, "rows_in_error": len(checked.rows())},
        )
    if not checked.ok:
        imports.discard(pending)
    return render(
        request,
        "import.html",
        status=200 if checked.ok else 422,
        preview=checked,
        pending=pending,
        error=None,
        **form,
    )


@router.post("/import/confirm", dependencies=[Csrf])
def import_confirm(
    request: Request, who: Who, token: Annotated[str, Form(max_length=100)]
) -> HTMLResponse:
    lang = lang_of(request)
    settings = settings_of(request)
    pending = imports.load_pending(settings.upload_dir, token, who.id)
    if pending is None:
        raise HttpError(404, "web.upload_gone")
    _require_import(request, who, pending.as_of)
    try:
        outcome = imports.commit(engine_of(request), pending, lang, user=who.name)
    except BinhdangError as error:
        failed = imports.Preview(False, error.message, list(error.problems))
        return render(
            request, "import.html", status=422, preview=failed, pending=pending, error=None
        )
    with engine_of(request).begin() as connection:  # the audit entry alone
        log(
            connection,
            request,
            f"import.{pending.kind}",
            unit_code=who.unit_code,
            target=pending.file_name,
            detail={
                "as_of": pending.as_of.isoformat() if pending.as_of else None,
                **outcome.summary(),
            },
        )
    return render(request, "import_done.html", outcome=outcome, pending=pending)


@router.post("/import/discard", dependencies=[Csrf])
def import_discard(
    request: Request, who: Who, token: Annotated[str, Form(max_length=100)]
) -> Response:
    pending = imports.load_pending(settings_of(request).upload_dir, token, who.id)
    if pending is not None:
        imports.discard(pending)
    return RedirectResponse("/import", status_code=303)


@router.get("/import/template/{kind}")
def import_template(who: Who, kind: str) -> Response:
    if kind not in imports.KINDS:
        raise HttpError(404, "web.not_found")
    with tempfile.TemporaryDirectory() as folder:
        data = write_template(kind, Path(folder) / f"{kind}.xlsx").read_bytes()
    return Response(
        data,
        media_type=XLSX,
        headers={"content-disposition": f'attachment; filename="mau_{kind}.xlsx"'},
    )


# --- users (admins) -----------------------------------------------------------------------


USERS_PER_PAGE = 50
USER_SORTS = ("name", "role", "unit", "active")


@dataclass(frozen=True)
class UserFilter:
    """What the accounts list shows: name containing ``q`` (without diacritics or case), of
    ``role`` (empty: any), in ``sort`` order (``"-"`` first: reverse), page ``page``;
    ``export``: the whole list, logged as an export. Build it with :meth:`of`."""

    q: str = ""
    role: str = ""
    sort: str = "name"
    page: int = 1
    export: bool = False

    @classmethod
    def of(cls, q: str = "", role: str = "", sort: str | None = None, page: int = 1) -> UserFilter:
        return cls(
            q,
            role if role in {r.value for r in Role} else "",
            paging_sort(sort, USER_SORTS, "name"),
            page,
        )

    def exported(self) -> UserFilter:
        return replace(self, page=1, export=True)


@dataclass(frozen=True)
class UsersListing(Listing[Account]):
    """The accounts list, with the day's tree and the units the admin sees (the form's unit
    picker)."""

    tree: UnitTree
    visible: list[int]


def users_listing(connection: Connection, who: Account, spec: UserFilter) -> UsersListing:
    """The one builder of the accounts list (the page ``/users`` and ``/users.csv``): the
    accounts ``who`` may manage (their own and those of units they see), filtered and in
    order, one page (all for an export, which is logged). Accounts are few (one or a few per
    unit), so they are filtered here."""
    tree = tree_on(connection, now().date())
    visible = visible_unit_ids(who.grant, tree)
    ids = set(visible)
    wanted = fold(spec.q) if spec.q.strip() else ""
    shown = [
        a
        for a in list_accounts(connection)
        if (a.unit_id in ids or a.id == who.id)
        and (not wanted or wanted in fold(a.name))
        and (not spec.role or a.role.value == spec.role)
    ]
    key = spec.sort.removeprefix("-")
    value = {
        "name": lambda a: a.name,
        "role": lambda a: (a.role.value, a.name),
        "unit": lambda a: (a.unit_code, a.name),
        "active": lambda a: (not a.active, a.name),
    }[key]
    shown.sort(key=value, reverse=spec.sort.startswith("-"))
    paging = Paging(spec.page, USERS_PER_PAGE, len(shown))
    logged = None
    if spec.export:
        detail = {"q": spec.q, "role": spec.role, "rows": len(shown)}
        logged = Logged("account.export", who.unit_code, detail)
    else:
        shown = shown[paging.offset : paging.offset + USERS_PER_PAGE]
    return UsersListing(shown, paging.total, paging, logged, tree, visible)


def _users_context(
    request: Request, who: Account, spec: UserFilter | None = None
) -> dict[str, Any]:
    spec = spec or UserFilter()
    listing = listed(request, lambda connection: users_listing(connection, who, spec))
    return {
        "accounts": listing.rows,
        "options": _unit_options(listing.tree, listing.visible),
        "roles": [r.value for r in Role],
        "paging": listing.paging,
        "q": spec.q,
        "role": spec.role,
        "sort": spec.sort,
        "filters": query_of(q=spec.q, role=spec.role),
    }


def user_filter(
    q: Annotated[str, Query(max_length=100)] = "",
    role: Annotated[str, Query(max_length=10)] = "",
    sort: Annotated[str | None, Query(max_length=10)] = None,
    page: Annotated[int, Query(ge=1, le=100000)] = 1,
) -> UserFilter:
    """A dependency: the accounts list's question as the page and its CSV ask it."""
    return UserFilter.of(q, role, sort, page)


UsersAsked = Annotated[UserFilter, Depends(user_filter)]


@router.get("/users")
def users_page(request: Request, who: Admin, spec: UsersAsked) -> HTMLResponse:
    return render(
        request, "users.html", error=None, created=None, **_users_context(request, who, spec)
    )


USERS_CSV = ("web.account_name", "web.role", "web.unit_code", "web.state")


@router.get("/users.csv")
def users_csv(request: Request, who: Admin, spec: UsersAsked) -> Response:
    """The whole filtered accounts list of :func:`users_listing` as CSV (UTF-8 with BOM), in
    the page's order; the export is logged."""
    whole = spec.exported()
    listing = listed(request, lambda connection: users_listing(connection, who, whole))
    lang = lang_of(request)
    rows = (
        [
            a.name,
            text(f"web.role_{a.role.value}", lang),
            a.unit_code,
            text("web.active" if a.active else "web.inactive", lang),
        ]
        for a in listing.rows
    )
    return csv_response([text(key, lang) for key in USERS_CSV], rows, "tai-khoan.csv")


@router.post("/users", dependencies=[Csrf])
def users_create(
    request: Request,
    who: Admin,
    name: Annotated[str, Form(max_length=100)],
    password: Annotated[str, Form(max_length=1000)],
    role: Annotated[str, Form(max_length=10)],
    unit: Annotated[str, Form(max_length=64)],
) -> HTMLResponse:
    lang = lang_of(request)
    try:
        chosen = Role(role)
    except ValueError:
        chosen = None
    try:
        with write_transaction(engine_of(request)) as connection:
            tree = tree_on(connection, now().date())
            node = tree.get(unit)
            if chosen is None:
                raise BinhdangError.of("account.bad_role", role=role)
            if node is None or not may_grant(who.grant, tree, chosen, node.id):
                raise BinhdangError.of("account.not_allowed_grant")
            created = create_account(
                connection,
                name=name.strip(),
                role=chosen,
                unit_code=unit,
                password=password,
                now=now(),
            )
            log(
                connection,
                request,
                "account.create",
                unit_code=unit,
                target=created.name,
                detail={"role": chosen.value},
            )
    except BinhdangError as error:
        return render(
            request,
            "users.html",
            status=422,
            error=error.message.render(lang),
            created=None,
            **_users_context(request, who),
        )
    return render(
        request, "users.html", error=None, created=created.name, **_users_context(request, who)
    )


@router.post("/users/{account_id}/active", dependencies=[Csrf])
def users_active(
    request: Request, who: Admin, account_id: PathId, active: Annotated[bool, Form()] = False
) -> Response:
    with write_transaction(engine_of(request)) as connection:
        target = get_account(connection, account_id)
        tree = tree_on(connection, now().date())
        if target is None:
            raise HttpError(404, "web.not_found")
        if target.id == who.id or not may_grant(who.grant, tree, target.role, target.unit_id):
            raise HttpError(403, "auth.forbidden")
        set_active(connection, target.id, active)
        log(
            connection,
            request,
            "account.enable" if active else "account.disable",
            unit_code=target.unit_code,
            target=target.name,
        )
    return RedirectResponse("/users", status_code=303)


# --- audit log (admins) -------------------------------------------------------------------


AUDIT_PER_PAGE = 100


def audit_query(
    actor: Annotated[str, Query(max_length=100)] = "",
    action: Annotated[str, Query(max_length=60)] = "",
    since: Annotated[str, Query(max_length=40)] = "",
    until: Annotated[str, Query(max_length=40)] = "",
    order: Annotated[str, Query(max_length=10)] = "newest",
    page: Annotated[int, Query(ge=1, le=100000)] = 1,
) -> AuditQuery:
    """A dependency: the audit list's question as the page and its CSV ask it."""
    return AuditQuery.of(actor, action, since, until, order, page, AUDIT_PER_PAGE)


AuditAsked = Annotated[AuditQuery, Depends(audit_query)]


@router.get("/audit")
def audit_page(request: Request, who: AuditViewer, query: AuditAsked) -> HTMLResponse:
    """One page of :func:`binhdang.web.audit_list.audit_listing`; a day that cannot be read is
    said beside its field (and left out of the filter)."""
    listing = listed(request, lambda connection: audit_listing(connection, who, query))
    lang = lang_of(request)
    errors = {
        name: text("web.date_invalid", lang, value=typed) for name, typed in query.refused.items()
    }
    echo = {
        "actor": query.actor,
        "action": query.action,
        "since": query.since,
        "until": query.until,
        "order": query.order,
    }
    return render(
        request,
        "audit.html",
        status=422 if errors else 200,
        rows=listing.rows,
        total=listing.total,
        paging=listing.paging,
        errors=errors,
        query=urlencode(echo),
        actions=audit_actions(lang),
        **echo,
    )


@router.get("/audit.csv")
def audit_csv(request: Request, who: AuditViewer, query: AuditAsked) -> Response:
    """The whole filtered audit list as CSV, in the page's order; the export is logged."""
    if query.refused:
        typed = query.refused.get("since", query.refused.get("until"))
        raise HttpError(422, "web.date_invalid", value=typed)
    whole = query.exported()
    listing = listed(request, lambda connection: audit_listing(connection, who, whole))
    return csv_text_response(audit.to_csv(listing.rows), "nhat_ky.csv")
