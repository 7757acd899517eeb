"""What every list resource of the web app shares (issue 16, item 5): one data function per
resource, thin renderers.

A resource shown as a page, a CSV export and (for some) an API answer builds its data once,
in one function per resource (``staff.staff_listing``, ``audit_list.audit_listing``…): it
resolves the unit, checks what the account may see, filters, counts, cuts the page and says
which audit entry the request writes — a :class:`Listing`. The page renders it with its
template, the export with :func:`csv_response`, the API with its pydantic model; none of them
filters or checks again, so a filter added to the data function shows in all of them.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from fastapi import Request
from fastapi.responses import Response
from sqlalchemy import Connection

from binhdang import exports, formatting
from binhdang.ingest.values import ValueProblem, fold, parse_date
from binhdang.units.tree import UnitNode, UnitTree
from binhdang.web.context import engine_of, latest_list_date, log, now
from binhdang.web.paging import Paging

Row = TypeVar("Row")


@dataclass(frozen=True)
class Logged:
    """The audit entry a request for a list writes (in the transaction that read the list)."""

    action: str
    unit_code: str | None = None
    detail: dict[str, Any] | None = None
    target: str | None = None


@dataclass(frozen=True)
class Listing(Generic[Row]):
    """One resource's list as every renderer gets it: the rows of the page asked for (all
    rows for an export), the count of the whole filtered list, the paging, and the audit
    entry the request writes (None: such a request is not logged)."""

    rows: list[Row]
    total: int
    paging: Paging
    logged: Logged | None


L = TypeVar("L", bound=Listing[Any])


def listed(request: Request, build: Callable[[Connection], L]) -> L:
    """``build(connection)`` and its audit entry in one transaction: the reads and the entry
    are committed together (not a write transaction: a list does not wait for an import, see
    CONTRIBUTING); a list that logs nothing only reads."""
    with engine_of(request).connect() as connection:
        listing = build(connection)
        if listing.logged is not None:
            entry = listing.logged
            log(
                connection,
                request,
                entry.action,
                unit_code=entry.unit_code,
                target=entry.target,
                detail=entry.detail,
            )
            connection.commit()
    return listing


def csv_response(
    headings: Sequence[str], rows: Iterable[Sequence[Any]], file_name: str
) -> Response:
    """A list's CSV export: UTF-8 with a BOM (for Excel), written by the one CSV writer
    (:func:`binhdang.exports.csv_writer`: formulas neutralised), as an attachment."""
    buffer = io.StringIO()
    writer = exports.csv_writer(buffer, lineterminator="\n")
    writer.writerow(headings)
    writer.writerows(rows)
    return csv_text_response(buffer.getvalue(), file_name)


def csv_text_response(body: str, file_name: str, *, bom: bool = True) -> Response:
    """A CSV already written by an area's own writer (the audit log's, the round board's)."""
    return Response(
        ("\ufeff" if bom else "") + body,
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{file_name}"'},
    )


@dataclass(frozen=True)
class AsOf:
    """A list's date as asked: the day (the latest staff list's date when the field is
    empty, and also when it cannot be read), the text for the date field, and the text typed
    when it could not be read (None: read, or empty)."""

    on: date
    typed: str = ""
    refused: str | None = None


def as_of_asked(connection: Connection, value: str | None) -> AsOf:
    """A date typed day/month/year (or ISO, as links and scripts send it); empty or refused:
    the date of the latest staff list (today without one). Each renderer says a refusal its
    own way (the page beside the field, the export by its error page, the API as JSON)."""
    read = as_of_typed(value)
    if read is not None:
        return read
    default = latest_list_date(connection) or now().date()
    if value and value.strip():
        return AsOf(default, value, value)
    return AsOf(default, formatting.short_date(default))


def as_of_typed(value: str | None) -> AsOf | None:
    """:func:`as_of_asked` when the value is a date that reads (no database needed), else
    None (empty or refused: the default date must be read from the database)."""
    if not value or not value.strip():
        return None
    try:
        on = parse_date(value)
    except ValueProblem:
        return None
    return AsOf(on, formatting.short_date(on))


def unit_chosen(tree: UnitTree, ids: list[int], value: str) -> UnitNode | None:
    """The unit a page's unit field names: its code, or else its name (compared without case,
    diacritics or spacing, so "vinh linh" finds "Vĩnh Linh") among the units in ``ids``, the
    ones the account may see; ``None`` when neither, or when the name is not unique there.

    The unit picker sends the code; the name is taken too, from a link or a typed address."""
    node = tree.get(value)
    if node is not None:
        return node
    wanted = fold(value)
    if not wanted:
        return None
    named = [tree.nodes[i] for i in ids if i in tree.nodes and fold(tree.nodes[i].name) == wanted]
    return named[0] if len(named) == 1 else None
