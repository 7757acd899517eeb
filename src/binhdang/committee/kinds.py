"""The committee's record kinds with their tables, by the name used on the command line and
for templates: every committee kind of :mod:`binhdang.committee.registry` (a kind declared
later too), each loaded when first asked for. Another area's kinds (maternity leave) are
not among them: ``registry.entry(name).kind()`` finds any kind."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from binhdang.committee import registry
from binhdang.committee.records import RecordKind


class _Kinds(Mapping[str, RecordKind]):
    """The registry's kinds by name, in its order. Looked up, not copied: a kind declared in a
    module of its own is found even when it is declared after this module was imported (its
    ``KIND`` being made after its entry)."""

    def __getitem__(self, name: str) -> RecordKind:
        entry = registry.entry(name)
        if entry is None or entry.area != "committee":
            raise KeyError(name)
        return entry.kind()

    def __iter__(self) -> Iterator[str]:
        return iter([entry.name for entry in registry.entries("committee")])

    def __len__(self) -> int:
        return len(registry.entries("committee"))


KINDS: Mapping[str, RecordKind] = _Kinds()
"""Every declared committee kind, in the registry's order."""

TRAINING = KINDS["training"]
AWARDS = KINDS["awards"]
SUCCESSION = KINDS["succession"]
PLANS = KINDS["plans"]
ACTIVITIES = KINDS["activities"]
MOVEMENTS = KINDS["movements"]
MEMBERS = KINDS["members"]
