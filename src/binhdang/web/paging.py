"""One paging helper for every list of the web app (issue 15, item 4).

The staff list, the audit log, the committee records, the import history and the accounts
page all page, sort and count the same way: the server counts the whole filtered list, shows
one page of it in the chosen order, and the CSV export writes the whole filtered list in that
order. A list gives its query string (every filter and the sort) once; the pager, the sortable
headings and the export link are the macros of ``_paging.html`` built from it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

EXPORT_ALL = 10_000_000
"""The page size of an export: the whole filtered list."""


@dataclass(frozen=True)
class Paging:
    """Page ``page`` (from 1) of ``per_page`` rows of a list of ``total`` rows."""

    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        """How many pages (at least one, empty or not)."""
        return max(1, (self.total + self.per_page - 1) // self.per_page)

    @property
    def offset(self) -> int:
        return (max(self.page, 1) - 1) * self.per_page


def sort_of(value: str | None, keys: Sequence[str], default: str) -> str:
    """A valid sort (``"name"``, ``"-name"`` for the reverse order) from what a link sent,
    or ``default`` for anything else (a sort never reaches SQL unchecked)."""
    if value and value.removeprefix("-") in keys:
        return value
    return default


def query_of(**params: object) -> str:
    """The query string of a list's filters (empty ones left out), escaped for a URL."""
    return urlencode(
        {k: "" if v is None else str(v) for k, v in params.items() if v not in (None, "")}
    )
