"""What a section function receives: the connection, the unit, the dates and shared figures.

The indicator set for the as-of date and the yearly trend are computed once per report and
shared by every section (``source.indicators``, ``source.trend``). ``source.period`` is the
reporting period (:mod:`binhdang.reports.period`): sections that count records (documents,
activities, training, awards, movements, maternity) count those inside ``period.start`` –
``period.end`` only, never the calendar year and never after the issue date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from sqlalchemy import Connection, select

from binhdang.indicators.catalogue import latest_birth_date_for_age
from binhdang.indicators.results import IndicatorSet
from binhdang.indicators.service import indicators_for
from binhdang.indicators.trend import trend
from binhdang.messages import Lang
from binhdang.reports.period import ReportPeriod, annual_period
from binhdang.store.tables import unit, unit_version
from binhdang.units.tree import UnitNode, UnitTree

DEFAULT_TREND_YEARS = 4  # the as-of year and the 3 before it (where data exists)


def same_day_years_before(as_of: date, years: int) -> date:
    """``as_of`` moved ``years`` years back (29 February becomes 28 February)."""
    return latest_birth_date_for_age(as_of, years)


def _unit_periods(connection: Connection, unit_code: str) -> list[tuple[date, date]]:
    """The ``[valid_from, valid_to)`` periods in which the unit exists (any name or parent)."""
    query = (
        select(unit_version.c.valid_from, unit_version.c.valid_to)
        .join(unit, unit.c.id == unit_version.c.unit_id)
        .where(unit.c.code == unit_code)
    )
    return [(row.valid_from, row.valid_to) for row in connection.execute(query)]


def yearly_indicators(
    connection: Connection, unit_code: str, as_of: date, years: int
) -> list[IndicatorSet]:
    """The unit's indicator sets on the same day of each of the last ``years`` years, oldest
    first and ending with ``as_of``: the unbroken run of years, going back, in which the unit
    existed and had staff.

    This is the report's only trend source. It uses the one-pass sweep of
    :func:`binhdang.indicators.trend.trend`, whose every point equals ``indicators_for``.
    """
    periods = _unit_periods(connection, unit_code)
    days: list[date] = []
    for back in range(years):
        day = same_day_years_before(as_of, back)
        if not any(start <= day < end for start, end in periods):
            break  # the unit did not exist yet (or under another code)
        days.append(day)
    points: list[IndicatorSet] = []
    for point in reversed(trend(connection, unit_code, days)):  # newest first
        if point.get("women_share_staff").ratio.denominator == 0:
            break  # before the first staff list
        points.append(point)
    return list(reversed(points))


@dataclass
class ReportSource:
    """Everything a section needs to read its figures.

    ``connection`` is read-only for sections; ``tree`` is the unit tree on ``as_of``;
    ``year`` is the reporting year (by default the as-of date's year); ``period`` the days
    whose records the report counts (default: the annual period of ``year``, not cut short);
    ``number`` the report's own number, so that it never lists itself among the documents.
    """

    connection: Connection
    tree: UnitTree
    unit: UnitNode
    as_of: date
    year: int
    lang: Lang
    trend_years: int = DEFAULT_TREND_YEARS
    period: ReportPeriod = None  # type: ignore[assignment]  # set in __post_init__
    number: str | None = None
    _cache: dict[str, object] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.period is None:
            start, last = annual_period(self.year)
            self.period = ReportPeriod(start, last, max(last, self.as_of))

    @cached_property
    def branches(self) -> dict[str, UnitNode]:
        """Each unit of the report's subtree (by code) → the direct child of the report's
        unit it belongs to (the report's unit → itself). Per-unit detail is summed up by these
        branches in the body; the full lists go to the annex and the appendix."""
        mapping = {self.unit.code: self.unit}
        for child in self.tree.child_nodes(self.unit.id):
            for node in self.tree.walk(child.id):
                mapping[node.code] = child
        return mapping

    @cached_property
    def indicators(self) -> IndicatorSet:
        return indicators_for(self.connection, self.unit.code, self.as_of)

    @cached_property
    def trend(self) -> list[IndicatorSet]:
        """Indicator sets on the same day of previous years, oldest first, ending on as_of."""
        points = yearly_indicators(self.connection, self.unit.code, self.as_of, self.trend_years)
        if points:
            points[-1] = self.indicators  # the same object the other sections use
        return points
