"""Finding a unit by its code or by its name as of a list's date.

Offices write units by name ("Phòng Tổ chức cán bộ", "BHXH huyện Vĩnh Linh") as often as by
code. A name matches when it is the same ignoring case, diacritics, spacing, punctuation and
the usual abbreviations (``lists.toml``: BHXH = Bảo hiểm xã hội, TP = thành phố…); a name that
matches no unit, or several, is an error listing the closest names.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

from binhdang.ingest.shapes import list_data
from binhdang.ingest.titles import words
from binhdang.ingest.values import ValueProblem, clean_text

CLOSEST = 3  # names offered when one is not found


def _abbreviations() -> dict[str, tuple[str, ...]]:
    table = list_data()["unit_names"]["abbreviations"]
    return {" ".join(words(short)): words(long) for short, long in table.items()}


def name_key(value: str, abbreviations: dict[str, tuple[str, ...]] | None = None) -> str:
    """The form names are compared in: ``"BHXH  huyện Vĩnh-Linh"`` → ``"bao hiem xa hoi huyen
    vinh linh"``."""
    table = _abbreviations() if abbreviations is None else abbreviations
    expanded: list[str] = []
    for word in words(value):
        expanded.extend(table.get(word, (word,)))
    return " ".join(expanded)


@dataclass(frozen=True)
class Candidate:
    code: str
    name: str


@dataclass
class UnitIndex:
    """Units by code and by name key, for one date."""

    as_of_text: str
    by_code: dict[str, Candidate]
    by_key: dict[str, list[Candidate]] = field(default_factory=dict)
    table: dict[str, tuple[str, ...]] = field(default_factory=dict)  # abbreviations

    @classmethod
    def of(cls, units: Iterable[tuple[str, str]], as_of_text: str) -> UnitIndex:
        """``units``: (code, name) pairs valid on the date (``as_of_text``, empty for a list
        without a date)."""
        table = _abbreviations()
        index = cls(as_of_text, {}, {}, table)
        for code, name in units:
            candidate = Candidate(code, name)
            index.by_code[code] = candidate
            bucket = index.by_key.setdefault(name_key(name, table), [])
            if candidate not in bucket:
                bucket.append(candidate)
        return index

    def find(self, value: str) -> Candidate | None:
        """The unit whose code or name is ``value``, or ``None``; raises :class:`ValueProblem`
        when a name matches several units."""
        text = clean_text(value)
        if text in self.by_code:
            return self.by_code[text]
        matches = self.by_key.get(name_key(text, self.table), [])
        if len(matches) > 1:
            listed = "; ".join(f"{m.name} ({m.code})" for m in matches[:5])
            raise ValueProblem(
                "val.unit_ambiguous", value=text, as_of=self.as_of_text, matches=listed
            )
        return matches[0] if matches else None

    def resolve(self, value: str) -> str:
        """The code of the unit ``value`` names; raises :class:`ValueProblem` otherwise."""
        found = self.find(value)
        if found is None:
            key = "val.unit_not_found" if self.as_of_text else "val.unit_not_found_undated"
            raise ValueProblem(
                key, value=clean_text(value), as_of=self.as_of_text, closest=self.closest(value)
            )
        return found.code

    def closest(self, value: str) -> str:
        key = name_key(clean_text(value), self.table)
        keys = difflib.get_close_matches(key, list(self.by_key), n=CLOSEST, cutoff=0.5)
        names = [f"{c.name} ({c.code})" for k in keys for c in self.by_key[k]][:CLOSEST]
        if not names:
            codes = difflib.get_close_matches(clean_text(value), list(self.by_code), n=CLOSEST)
            names = [f"{self.by_code[c].name} ({c})" for c in codes]
        return "; ".join(names) if names else "—"
