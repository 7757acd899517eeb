"""The record kinds with their tables, by the name used on the command line and for templates:
every kind of :mod:`binhdang.committee.registry`, loaded (a kind declared later is added when
it is declared)."""

from __future__ import annotations

from binhdang.committee import registry
from binhdang.committee.records import RecordKind

KINDS: dict[str, RecordKind] = {}
"""Every declared kind, in the registry's order."""


def _load(entry: registry.KindEntry) -> None:
    KINDS[entry.name] = entry.kind()


registry.listen(_load)

TRAINING = KINDS["training"]
AWARDS = KINDS["awards"]
SUCCESSION = KINDS["succession"]
PLANS = KINDS["plans"]
ACTIVITIES = KINDS["activities"]
MOVEMENTS = KINDS["movements"]
MEMBERS = KINDS["members"]
