"""Rules with periods of validity: the version of a rule in force on a date.

Every legal rule binhdang applies is data: a sequence of versions, each naming the text it
comes from (``source``) and the dates it applies between — ``valid_from`` inclusive,
``valid_to`` exclusive (:data:`~binhdang.store.tables.OPEN_END` while still in force), the
same convention as the staff history (design.md §6). A question about date D uses the
version in force on D: a 2022 report applies Quy định 50-QĐ/TW to succession plans, a 2026
report Quy định 377-QĐ/TW, which replaced it on 08/10/2025.

The tables live beside the rules that use them (targets in ``policies/targets.toml``, the
succession minimum in ``committee/succession/indicators.py``, leave in
``policies/maternity.py``, retirement ages in ``policies/retirement.py``, key leadership in
``indicators/catalogue.py``, document types in ``committee/documents.py``); this module only
selects. Recording a change of the law is a new row with its source and dates, and a test.
Pure: no database, no clock; the date is always an argument.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from itertools import pairwise
from typing import Protocol, TypeVar


class Dated(Protocol):
    """A version of a rule: in force from ``valid_from`` (inclusive) to ``valid_to``
    (exclusive)."""

    @property
    def valid_from(self) -> date: ...

    @property
    def valid_to(self) -> date: ...


V = TypeVar("V", bound=Dated)


def applies_on(version: Dated, day: date) -> bool:
    """Whether ``version`` is in force on ``day``."""
    return version.valid_from <= day < version.valid_to


def in_force(versions: Iterable[V], day: date) -> V | None:
    """The version in force on ``day``; ``None`` when no version covers it (no rule is
    encoded for that date: callers say so rather than apply another period's rule).

    >>> from binhdang.committee.succession.indicators import SUCCESSION_RULES
    >>> in_force(SUCCESSION_RULES, date(2022, 10, 1)).short
    'Quy định 50-QĐ/TW'
    >>> in_force(SUCCESSION_RULES, date(2025, 10, 8)).short
    'Quy định 377-QĐ/TW'
    """
    found = [version for version in versions if applies_on(version, day)]
    if len(found) > 1:
        raise ValueError(f"{len(found)} versions of one rule are in force on {day.isoformat()}")
    return found[0] if found else None


def in_period(versions: Iterable[V], first: date, last: date) -> list[V]:
    """The versions in force on at least one day from ``first`` to ``last`` (both
    included), oldest first: the texts a report on that period cites."""
    return sorted(
        (v for v in versions if v.valid_from <= last and v.valid_to > first),
        key=lambda v: v.valid_from,
    )


def check_versions(versions: Sequence[Dated]) -> None:
    """Raise ``ValueError`` when a version ends before it starts or two versions overlap (a
    table of versions must give at most one rule for any day)."""
    for version in versions:
        if version.valid_to <= version.valid_from:
            raise ValueError(
                f"a version ends ({version.valid_to}) before it starts ({version.valid_from})"
            )
    ordered = sorted(versions, key=lambda v: v.valid_from)
    for before, after in pairwise(ordered):
        if after.valid_from < before.valid_to:
            raise ValueError(f"versions from {before.valid_from} and {after.valid_from} overlap")
