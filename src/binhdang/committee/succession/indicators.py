"""Succession indicators: pure arithmetic over counts (no database, no clock).

Per level (heads, deputies, and both): women's share in the succession plan for a term
against their share in the posts held now (the pipeline gap, in percentage points), and
against the minimum of Quy định 50-QĐ/TW (women ≥ 25% of a succession plan).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from binhdang.committee.catalogue import SUCCESSION_WOMEN_MINIMUM
from binhdang.committee.scope import points
from binhdang.indicators.results import Ratio

LEVELS = ("head", "deputy", "all")


def meets_minimum(pipeline: Ratio, minimum: int = SUCCESSION_WOMEN_MINIMUM) -> bool | None:
    """Women ≥ ``minimum``% of the plan, compared exactly (``None`` for an empty plan)."""
    if pipeline.denominator == 0:
        return None
    return pipeline.numerator * 100 >= minimum * pipeline.denominator


@dataclass(frozen=True)
class LevelRow:
    level: str  # head / deputy / all
    pipeline: Ratio  # women among the persons planned
    posts: Ratio  # women among the holders of the posts now

    @property
    def gap(self) -> Decimal | None:
        return points(self.pipeline, self.posts)

    @property
    def meets_minimum(self) -> bool | None:
        return meets_minimum(self.pipeline)


@dataclass(frozen=True)
class SuccessionIndicators:
    unit_code: str
    unit_name: str
    term_start: int
    term_end: int
    as_of: date
    levels: tuple[LevelRow, ...]
    minimum: int = SUCCESSION_WOMEN_MINIMUM

    def level(self, level: str) -> LevelRow:
        return next(row for row in self.levels if row.level == level)


def compute_succession(
    unit_code: str,
    unit_name: str,
    term_start: int,
    term_end: int,
    as_of: date,
    pipeline: Mapping[tuple[str, str], int],
    posts: Mapping[tuple[str, str], int],
) -> SuccessionIndicators:
    """``pipeline[(level, sex)]``: persons planned (``level`` ``"all"`` counts each person
    once); ``posts[(level, sex)]``: holders of heads' and deputies' posts on ``as_of``."""
    rows = []
    for level in LEVELS:
        if level == "all":
            held_women = posts.get(("head", "F"), 0) + posts.get(("deputy", "F"), 0)
            held = held_women + posts.get(("head", "M"), 0) + posts.get(("deputy", "M"), 0)
        else:
            held_women = posts.get((level, "F"), 0)
            held = held_women + posts.get((level, "M"), 0)
        women = pipeline.get((level, "F"), 0)
        rows.append(LevelRow(level, Ratio(women, women + pipeline.get((level, "M"), 0)),
                             Ratio(held_women, held)))  # fmt: skip
    return SuccessionIndicators(unit_code, unit_name, term_start, term_end, as_of, tuple(rows))
