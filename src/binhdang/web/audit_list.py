"""The audit log as a list resource: one data function for the page ``/audit``, its CSV
``/audit.csv`` and ``GET /api/v1/audit`` (see :mod:`binhdang.web.lists`)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import Connection

from binhdang import formatting
from binhdang.accounts import audit
from binhdang.accounts.permissions import visible_unit_ids
from binhdang.accounts.service import Account
from binhdang.ingest.values import ValueProblem, parse_date
from binhdang.web.context import now, tree_on
from binhdang.web.lists import Listing, Logged
from binhdang.web.paging import EXPORT_ALL, Paging


@dataclass(frozen=True)
class AuditQuery:
    """The audit list's question: entries of ``actor`` (any case), of ``action``, between
    the days ``since`` and ``until`` (typed day/month/year, in Vietnam's time, both
    inclusive), newest first unless ``order`` is ``"oldest"``; page ``page`` of ``per_page``;
    ``export``: the whole list, logged as an export. Build it with :meth:`of`."""

    actor: str = ""
    action: str = ""
    since: str = ""
    until: str = ""
    order: str = "newest"
    page: int = 1
    per_page: int = 100
    export: bool = False
    bounds: dict[str, datetime] = field(default_factory=dict)
    """``since`` and ``before`` as UTC instants for :func:`binhdang.accounts.audit.entries`."""
    refused: dict[str, str] = field(default_factory=dict)
    """The day fields that could not be read (``since``/``until``) and their text: left out
    of the filter, said by the renderer."""

    @classmethod
    def of(
        cls,
        actor: str = "",
        action: str = "",
        since: str = "",
        until: str = "",
        order: str = "newest",
        page: int = 1,
        per_page: int = 100,
    ) -> AuditQuery:
        bounds: dict[str, datetime] = {}
        refused: dict[str, str] = {}
        for name, typed in (("since", since), ("until", until)):
            if not typed.strip():
                continue
            try:
                day = parse_date(typed)
            except ValueProblem:
                refused[name] = typed
                continue
            if name == "until":
                day += timedelta(days=1)
            start = datetime.combine(day, time(0), formatting.VIETNAM).astimezone(UTC)
            bounds["since" if name == "since" else "before"] = start
        order = "oldest" if order == "oldest" else "newest"
        return cls(actor, action, since, until, order, page, per_page, False, bounds, refused)

    def exported(self) -> AuditQuery:
        """The same list, whole, as its CSV writes it (in the same order)."""
        return replace(self, page=1, per_page=EXPORT_ALL, export=True)


def audit_scope(connection: Connection, who: Account) -> list[str] | None:
    """Units whose audit entries an admin sees: all for an admin of a root, else the subtree."""
    tree = tree_on(connection, now().date())
    if who.unit_id in {node.id for node in tree.roots}:
        return None
    return [tree.nodes[i].code for i in visible_unit_ids(who.grant, tree)]


def audit_listing(connection: Connection, who: Account, query: AuditQuery) -> Listing[audit.Entry]:
    """The one builder of the audit list (the page, its CSV and the API render it): the
    entries of the units ``who`` oversees (:func:`audit_scope`), filtered, in order, one page
    (every entry for an export, which is itself logged). Who may read the log at all is the
    route's dependency (``Action.VIEW_AUDIT``)."""
    rows, total = audit.entries(
        connection,
        unit_codes=audit_scope(connection, who),
        actor=query.actor or None,
        action=query.action or None,
        oldest_first=query.order == "oldest",
        limit=query.per_page,
        offset=Paging(query.page, query.per_page, 0).offset,
        **query.bounds,
    )
    logged = Logged("audit.export", detail={"rows": len(rows)}) if query.export else None
    return Listing(rows, total, Paging(query.page, query.per_page, total), logged)
