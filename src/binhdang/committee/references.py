"""Documents as records refer to them: ``190/KH-UBND``, or ``190/KH-UBND ngày 11/10/2022``
when several share the number. Shared by the kinds that name a document (a plan's parent, an
activity's plan) and the web's document picker, so that no kind imports another.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, String, cast, func, select

from binhdang.committee.documents import parse_document_number, split_reference
from binhdang.committee.tables import document
from binhdang.ingest.values import ValueProblem, parse_date


def find_document(connection: Connection, reference: str) -> int:
    """The id of the document written ``reference``: ``"190/KH-UBND"`` or, when several share
    the number, ``"190/KH-UBND ngày 11/10/2022"``."""
    number, dated = split_reference(reference)
    symbol = str(parse_document_number(number))
    query = select(document.c.id).where(document.c.symbol == symbol)
    if dated is not None:
        query = query.where(document.c.issued_on == parse_date(dated))
    ids = list(connection.execute(query).scalars())
    if not ids:
        raise ValueProblem("committee.val.unknown_document", value=reference)
    if len(ids) > 1:
        raise ValueProblem("committee.val.ambiguous_document", value=symbol, count=len(ids))
    return int(ids[0])


def reference_of(symbol: Any, issued_on: Any) -> Any:
    """A SQL expression writing a document as it is referred to: ``190/KH-UBND ngày …``."""
    return symbol + " ngày " + func.coalesce(_dd_mm_yyyy(issued_on), "")


def _dd_mm_yyyy(column: Any) -> Any:
    # Dates are compared by value, but references are shown as people write them; both
    # engines store ISO dates, so the text is rebuilt from its parts.
    iso = cast(column, String(10))
    return func.substr(iso, 9, 2) + "/" + func.substr(iso, 6, 2) + "/" + func.substr(iso, 1, 4)
