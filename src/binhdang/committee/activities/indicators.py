"""Activity indicators: pure arithmetic over counts (no database, no clock).

- activities done against planned, per plan and per organising unit (planned = every
  activity recorded except the cancelled ones);
- participants of the activities done, by sex;
- Action Month coverage: which units held at least one activity (done) between 15/11 and
  15/12 of the year, and which did not (Decision 1696/QĐ-TTg).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from binhdang.committee.catalogue import ACTION_MONTH_END, ACTION_MONTH_START
from binhdang.indicators.results import Ratio


def action_month(year: int) -> tuple[date, date]:
    """The Action Month of ``year``: 15/11 to 15/12, both days included."""
    return date(year, *ACTION_MONTH_START), date(year, *ACTION_MONTH_END)


@dataclass(frozen=True)
class StatusRow:
    """Activities of one plan or one unit, by status."""

    key: str  # plan reference ("" for none) or unit code
    label: str  # plan title or unit name
    planned: int  # status "planned"
    done: int
    cancelled: int

    @property
    def ratio(self) -> Ratio:
        """Done out of all not cancelled."""
        return Ratio(self.done, self.done + self.planned)


@dataclass(frozen=True)
class ActivityIndicators:
    unit_code: str
    unit_name: str
    year: int
    as_of: date
    by_plan: tuple[StatusRow, ...]
    by_unit: tuple[StatusRow, ...]
    participants: Ratio  # women among the participants of activities done

    @property
    def totals(self) -> StatusRow:
        return StatusRow(
            "",
            "",
            sum(r.planned for r in self.by_unit),
            sum(r.done for r in self.by_unit),
            sum(r.cancelled for r in self.by_unit),
        )


@dataclass(frozen=True)
class UnitCoverage:
    code: str
    name: str
    activities: int


@dataclass(frozen=True)
class ActionMonthCoverage:
    unit_code: str
    unit_name: str
    year: int
    start: date
    end: date
    covered: tuple[UnitCoverage, ...]
    uncovered: tuple[UnitCoverage, ...]

    @property
    def ratio(self) -> Ratio:
        return Ratio(len(self.covered), len(self.covered) + len(self.uncovered))


def status_rows(
    counts: Mapping[tuple[str, str], int], labels: Mapping[str, str]
) -> tuple[StatusRow, ...]:
    """``counts[(key, status)]`` → one row per key, in the order of ``labels``."""
    keys = [
        key
        for key in labels
        if any(counts.get((key, s), 0) for s in ("planned", "done", "cancelled"))
    ]
    return tuple(
        StatusRow(
            key,
            labels[key],
            counts.get((key, "planned"), 0),
            counts.get((key, "done"), 0),
            counts.get((key, "cancelled"), 0),
        )
        for key in keys
    )


def compute_activities(
    unit_code: str,
    unit_name: str,
    year: int,
    as_of: date,
    by_plan: Mapping[tuple[str, str], int],
    plan_labels: Mapping[str, str],
    by_unit: Mapping[tuple[str, str], int],
    unit_labels: Mapping[str, str],
    participants_female: int,
    participants_male: int,
) -> ActivityIndicators:
    return ActivityIndicators(
        unit_code,
        unit_name,
        year,
        as_of,
        status_rows(by_plan, plan_labels),
        status_rows(by_unit, unit_labels),
        Ratio(participants_female, participants_female + participants_male),
    )


def compute_action_month(
    unit_code: str,
    unit_name: str,
    year: int,
    units: Iterable[tuple[str, str]],
    held: Mapping[str, int],
) -> ActionMonthCoverage:
    """``units``: (code, name) of every unit in scope; ``held[code]``: activities done in the
    window by that unit."""
    start, end = action_month(year)
    covered: list[UnitCoverage] = []
    uncovered: list[UnitCoverage] = []
    for code, name in units:
        count = held.get(code, 0)
        (covered if count > 0 else uncovered).append(UnitCoverage(code, name, count))
    return ActionMonthCoverage(
        unit_code, unit_name, year, start, end, tuple(covered), tuple(uncovered)
    )
