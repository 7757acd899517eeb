"""The append-only audit log: every change, and every view or export of personal data.

Who (account), when (UTC), what (action and target), which unit, from where (client address).
Rows are only ever inserted: the migration makes UPDATE and DELETE fail on both engines.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select

from binhdang import exports
from binhdang.accounts.service import Account
from binhdang.accounts.tables import audit_log


@dataclass(frozen=True)
class Entry:
    id: int
    at: datetime
    actor: str
    action: str
    unit_code: str | None
    target: str | None
    detail: dict[str, Any]
    address: str | None


def record(
    connection: Connection,
    *,
    actor: Account | None,
    action: str,
    now: datetime,
    unit_code: str | None = None,
    target: str | None = None,
    detail: dict[str, Any] | None = None,
    address: str | None = None,
    actor_name: str | None = None,
) -> None:
    """Append one entry (in the caller's transaction, so it stands or falls with the action)."""
    connection.execute(
        insert(audit_log).values(
            at=now,
            account_id=actor.id if actor else None,
            actor=(actor.name if actor else actor_name or "-")[:100],
            action=action,
            unit_code=unit_code,
            target=(target or None) and target[:300],
            detail=json.dumps(detail, ensure_ascii=False, default=str) if detail else None,
            address=(address or None) and address[:64],
        )
    )


def entries(
    connection: Connection,
    *,
    unit_codes: Iterable[str] | None = None,
    actor: str | None = None,
    action: str | None = None,
    since: datetime | None = None,
    before: datetime | None = None,
    oldest_first: bool = False,
    limit: int = 100,
    offset: int = 0,
) -> tuple[list[Entry], int]:
    """Newest first (or oldest first), optionally only for some units (``None``: all), an
    actor, an action, or the instants from ``since`` (inclusive) to ``before`` (exclusive);
    returns the page and the total count."""
    query = select(audit_log)
    if since is not None:
        query = query.where(audit_log.c.at >= since)
    if before is not None:
        query = query.where(audit_log.c.at < before)
    if unit_codes is not None:
        query = query.where(audit_log.c.unit_code.in_(list(unit_codes)))
    if actor:
        query = query.where(func.lower(audit_log.c.actor) == actor.lower())
    if action:
        query = query.where(audit_log.c.action == action)
    total = connection.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    rows = connection.execute(
        query.order_by(audit_log.c.id if oldest_first else audit_log.c.id.desc())
        .limit(limit)
        .offset(offset)
    ).all()
    return [
        Entry(
            r.id,
            r.at,
            r.actor,
            r.action,
            r.unit_code,
            r.target,
            json.loads(r.detail) if r.detail else {},
            r.address,
        )
        for r in rows
    ], total


CSV_COLUMNS = ("id", "at", "actor", "action", "unit", "target", "detail", "address")


def to_csv(rows: Iterable[Entry]) -> str:
    buffer = io.StringIO()
    writer = exports.csv_writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in rows:
        detail = json.dumps(e.detail, ensure_ascii=False) if e.detail else ""
        writer.writerow(
            [
                e.id,
                e.at.isoformat(),
                e.actor,
                e.action,
                e.unit_code or "",
                e.target or "",
                detail,
                e.address or "",
            ]
        )
    return buffer.getvalue()
