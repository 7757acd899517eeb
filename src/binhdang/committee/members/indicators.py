"""The committee's composition: typed result and the pure arithmetic (no database, no clock)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from binhdang.committee.members.parsing import POSTS
from binhdang.indicators.results import Ratio


@dataclass(frozen=True)
class Member:
    name: str
    sex: str  # "F" / "M"
    post: str  # head / deputy / member / secretary
    job_title: str


@dataclass(frozen=True)
class Composition:
    """The members named by a unit's latest decision on the committee, in the order a
    decision lists them (chair, vice-chairs, members, secretary)."""

    unit_code: str
    unit_name: str
    decision_number: str
    decision_date: date
    decision_issuer: str
    members: tuple[Member, ...]

    @property
    def women(self) -> Ratio:
        return Ratio(sum(1 for m in self.members if m.sex == "F"), len(self.members))

    @property
    def chair(self) -> Member | None:
        return next((m for m in self.members if m.post == "head"), None)


def in_decision_order(members: Iterable[Member]) -> tuple[Member, ...]:
    """Chair first, then vice-chairs, members and the secretary; the list's order within a
    post (sorting is stable)."""
    rank = {key: index for index, key in enumerate(POSTS.keys)}
    return tuple(sorted(members, key=lambda m: rank.get(m.post, len(rank))))


def job_of(title: str, unit_name: str) -> str:
    """A member's job as a decision writes it, from their post and unit in the staff list.

    >>> job_of("Phó Giám đốc", "Bảo hiểm xã hội tỉnh Quảng Trị")
    'Phó Giám đốc Bảo hiểm xã hội tỉnh Quảng Trị'
    >>> job_of("Trưởng phòng", "Phòng Kế hoạch - Tài chính")  # not "Trưởng phòng Phòng …"
    'Trưởng phòng Kế hoạch - Tài chính'
    >>> job_of("Chánh Văn phòng", "Văn phòng"), job_of("", "Văn phòng")
    ('Chánh Văn phòng', 'Văn phòng')
    """
    title, unit_name = title.strip(), unit_name.strip()
    if not title or not unit_name:
        return title or unit_name
    if title.casefold().endswith(unit_name.casefold()):
        return title
    first, _, rest = unit_name.partition(" ")
    if rest and title.split()[-1].casefold() == first.casefold():
        return f"{title} {rest}"
    return f"{title} {unit_name}"
