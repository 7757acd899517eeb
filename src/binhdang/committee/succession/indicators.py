"""Succession indicators: pure arithmetic over counts (no database, no clock).

Per level (heads, deputies, and both): women's share in the succession plan for a term
against their share in the posts held now (the pipeline gap, in percentage points), and
against the minimum share of women in a succession plan in force on the as-of date
(:data:`SUCCESSION_RULES`: Quy định 50-QĐ/TW, then Quy định 377-QĐ/TW).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from binhdang.committee.scope import points
from binhdang.indicators.results import Ratio
from binhdang.rules import in_force
from binhdang.store.tables import OPEN_END

LEVELS = ("head", "deputy", "all")


@dataclass(frozen=True)
class SuccessionRule:
    """The minimum share of women in a succession plan, from ``valid_from`` (inclusive) to
    ``valid_to`` (exclusive). ``short`` names the text in a sentence, ``source`` cites it."""

    valid_from: date
    valid_to: date
    minimum: int  # percent, compared exactly: women × 100 ≥ minimum × planned
    short: str
    source: str


SUCCESSION_RULES: tuple[SuccessionRule, ...] = (
    SuccessionRule(
        date(2021, 12, 27), date(2025, 10, 8), 25, "Quy định 50-QĐ/TW",
        "Quy định 50-QĐ/TW ngày 27/12/2021 của Bộ Chính trị về công tác quy hoạch cán bộ",
    ),
    # Quy định 377-QĐ/TW ngày 08/10/2025 (phân cấp quản lý cán bộ và quy hoạch, bổ nhiệm, …)
    # took effect on signing and replaced Quy định 50/2021, 41/2021, 80/2022 and 148/2024
    # (press reports of its publication). Its text could not be read offline: the 25%
    # minimum is carried over from Quy định 50-QĐ/TW until it is checked against 377, and
    # the source says so.
    SuccessionRule(
        date(2025, 10, 8), OPEN_END, 25, "Quy định 377-QĐ/TW",
        "Quy định 377-QĐ/TW ngày 08/10/2025 của Bộ Chính trị (thay thế Quy định 50-QĐ/TW); "
        "ngưỡng 25% giữ theo Quy định 50-QĐ/TW, chưa đối chiếu được với văn bản Quy định 377",
    ),
)  # fmt: skip


def succession_rule(as_of: date) -> SuccessionRule | None:
    """The minimum in force on ``as_of``; ``None`` before 27/12/2021 (no earlier rule is
    encoded)."""
    return in_force(SUCCESSION_RULES, as_of)


def meets_minimum(pipeline: Ratio, minimum: int | None) -> bool | None:
    """Women ≥ ``minimum``% of the plan, compared exactly (``None`` for an empty plan or
    when no minimum is in force)."""
    if pipeline.denominator == 0 or minimum is None:
        return None
    return pipeline.numerator * 100 >= minimum * pipeline.denominator


@dataclass(frozen=True)
class LevelRow:
    level: str  # head / deputy / all
    pipeline: Ratio  # women among the persons planned
    posts: Ratio  # women among the holders of the posts now
    minimum: int | None = None  # the minimum in force on the as-of date (percent)

    @property
    def gap(self) -> Decimal | None:
        return points(self.pipeline, self.posts)

    @property
    def meets_minimum(self) -> bool | None:
        return meets_minimum(self.pipeline, self.minimum)


@dataclass(frozen=True)
class SuccessionIndicators:
    unit_code: str
    unit_name: str
    term_start: int
    term_end: int
    as_of: date
    levels: tuple[LevelRow, ...]
    rule: SuccessionRule | None = None  # the minimum in force on ``as_of``

    @property
    def minimum(self) -> int | None:
        return self.rule.minimum if self.rule is not None else None

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
    once); ``posts[(level, sex)]``: holders of heads' and deputies' posts on ``as_of``; the
    minimum is the one in force on ``as_of``."""
    rule = succession_rule(as_of)
    minimum = rule.minimum if rule is not None else None
    rows = []
    for level in LEVELS:
        if level == "all":
            held_women = posts.get(("head", "F"), 0) + posts.get(("deputy", "F"), 0)
            held = held_women + posts.get(("head", "M"), 0) + posts.get(("deputy", "M"), 0)
        else:
            held_women = posts.get((level, "F"), 0)
            held = held_women + posts.get((level, "M"), 0)
        women = pipeline.get((level, "F"), 0)
        rows.append(
            LevelRow(
                level,
                Ratio(women, women + pipeline.get((level, "M"), 0)),
                Ratio(held_women, held),
                minimum,
            )
        )
    return SuccessionIndicators(
        unit_code, unit_name, term_start, term_end, as_of, tuple(rows), rule
    )
