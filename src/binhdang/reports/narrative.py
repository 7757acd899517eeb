"""Sentences that state what the figures show: rose, stayed the same or fell.

Pure functions over typed results (no database, no clock). Comparisons are made on the
percentages as displayed (one decimal, rounded half-up), so the text never contradicts the
tables: 23,8% → 23,8% "stayed the same" even if the exact fractions differ.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from binhdang import formatting
from binhdang.indicators.results import IndicatorSet, Ratio
from binhdang.messages import Lang, text

Direction = Literal["rose", "stayed", "fell"]


def direction(before: Decimal | int | None, after: Decimal | int | None) -> Direction | None:
    """Whether a figure rose, stayed or fell; ``None`` when either side is not applicable."""
    if before is None or after is None:
        return None
    if after > before:
        return "rose"
    if after < before:
        return "fell"
    return "stayed"


def count_change(before: int, after: int, lang: Lang) -> str:
    """``tăng 3 người`` / ``giảm 2 người`` / ``không thay đổi``."""
    way = direction(before, after)
    return text(f"report.count.{way}", lang, n=formatting.number(abs(after - before), lang))


def share_change(before: Decimal | None, after: Decimal | None, lang: Lang) -> str | None:
    """``tăng 0,6 điểm phần trăm`` / ``giảm …`` / ``giữ nguyên``; ``None`` if not comparable."""
    way = direction(before, after)
    if way is None or before is None or after is None:
        return None
    return text(f"report.share.{way}", lang, points=formatting.points(after - before, lang))


def ratio_change(
    key: str, previous: IndicatorSet, current: IndicatorSet, code: str, lang: Lang
) -> str:
    """``So với cùng thời điểm năm 2021 (…), số nữ tăng 3 người, tỷ lệ nữ tăng 0,6 điểm…``."""
    before, after = previous.get(code).ratio, current.get(code).ratio
    shares = share_change(before.percent, after.percent, lang)
    return text(
        key,
        lang,
        prev_year=previous.as_of.year,
        prev_women=formatting.number(before.numerator, lang),
        prev_total=formatting.number(before.denominator, lang),
        prev_share=formatting.percent(before.percent, lang),
        count_change=count_change(before.numerator, after.numerator, lang),
        share_change=shares or text("out.not_applicable", lang),
    )


@dataclass(frozen=True)
class TrendStep:
    """One year compared with the year before."""

    year: int
    before: Decimal | None
    after: Decimal | None

    @property
    def direction(self) -> Direction | None:
        return direction(self.before, self.after)


def trend_steps(points: Sequence[IndicatorSet], code: str) -> list[TrendStep]:
    """Year-on-year steps of indicator ``code`` over ``points`` (oldest first)."""
    shares = [p.get(code).ratio.percent for p in points]
    return [
        TrendStep(points[i].as_of.year, shares[i - 1], shares[i]) for i in range(1, len(points))
    ]


def _years(steps: Sequence[TrendStep]) -> str:
    return ", ".join(str(step.year) for step in steps)


def trend_sentences(
    points: Sequence[IndicatorSet], code: str, what_key: str, lang: Lang
) -> list[str]:
    """The values year by year, each year's change, and what the whole series shows.

    With fewer than two years of figures: one sentence saying there is nothing to compare.
    """
    if len(points) < 2:
        return [text("report.trend.none", lang)]
    what = text(what_key, lang)
    values = ", ".join(
        text(
            "report.trend.value",
            lang,
            year=p.as_of.year,
            share=formatting.percent(p.get(code).ratio.percent, lang),
        )
        for p in points
    )
    sentences = [
        text(
            "report.trend.series",
            lang,
            what=what,
            day=formatting.day_month(points[-1].as_of, lang),
            values=values,
        )
    ]
    steps = trend_steps(points, code)
    described = [
        text(
            "report.trend.step",
            lang,
            year=step.year,
            change=share_change(step.before, step.after, lang) or text("out.not_applicable", lang),
        )
        for step in steps
    ]
    sentences.append(text("report.trend.steps", lang, steps="; ".join(described)))
    verdict = trend_verdict(steps, what, lang)
    if verdict:
        sentences.append(verdict)
    return sentences


def trend_verdict(steps: Sequence[TrendStep], what: str, lang: Lang) -> str | None:
    """One sentence over all steps: rose every year, never changed, fell every year, or which
    years rose, stayed and fell. ``None`` with a single step (the step sentence says it)."""
    comparable = [s for s in steps if s.direction is not None]
    if len(comparable) < 2:
        return None
    ways = {s.direction for s in comparable}
    if len(ways) == 1:
        (way,) = ways
        return text(f"report.trend.all_{way}", lang, what=what, n=len(comparable))
    parts = []
    for way in ("rose", "stayed", "fell"):
        matching = [s for s in comparable if s.direction == way]
        if matching:
            parts.append(text(f"report.trend.part.{way}", lang, years=_years(matching)))
    return text("report.trend.mixed", lang, what=what, parts="; ".join(parts))


def share_sentence_values(ratio: Ratio, lang: Lang) -> dict[str, str]:
    """``women``, ``total`` and ``share`` of a ratio, formatted."""
    return {
        "women": formatting.number(ratio.numerator, lang),
        "total": formatting.number(ratio.denominator, lang),
        "share": formatting.percent(ratio.percent, lang),
    }
