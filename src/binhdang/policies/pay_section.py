"""The report section "Ngạch, bậc lương và thăng tiến" (issue 18), after leadership (200).

Every figure is the indicator set's (``source.indicators``), so it equals ``binhdang
indicators`` for the same unit and date; figures of groups under BINHDANG_PAY_MIN_GROUP are
not shown, in tables as in charts.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from binhdang import formatting
from binhdang.indicators.output import display, figure
from binhdang.indicators.pay import min_group_setting
from binhdang.indicators.results import Breakdown, IndicatorResult
from binhdang.messages import Lang, text
from binhdang.reports.content import (
    Block,
    CellValue,
    ChartBlock,
    Paragraph,
    ReportTable,
    SectionContent,
)
from binhdang.reports.sections import section
from binhdang.reports.source import ReportSource
from binhdang.reports.women_men import Group, column, women_and_men, women_and_men_chart


@dataclass(frozen=True)
class PayFigures:
    """Typed data of the section (``data.pay`` in templates)."""

    pay_gap_mean: IndicatorResult
    pay_gap_median: IndicatorResult
    quarters: IndicatorResult
    grade_groups: IndicatorResult
    senior: IndicatorResult
    early_raises: IndicatorResult
    promotions: IndicatorResult
    after_maternity: IndicatorResult


def _groups(parts: tuple[Breakdown, ...], lang: Lang) -> list[Group]:
    return [Group(part.label(lang), part.ratio, suppressed=part.suppressed) for part in parts]


def _counts_chart(key: str, title: str, parts: tuple[Breakdown, ...], lang: Lang) -> ChartBlock:
    groups = _groups(parts, lang)
    axis = text("pay.report.people_axis", lang)
    return women_and_men_chart(key, title, lang, groups=groups, axis=axis)


def _rate(part: Breakdown | None) -> Decimal | None:
    return None if part is None or part.suppressed else part.ratio.percent


def _rate_rows(figures: PayFigures, lang: Lang) -> tuple[tuple[CellValue, ...], ...]:
    """One row per measure: women's rate, men's rate, gap (men − women, in points)."""
    early = {part.key: part for part in figures.early_raises.breakdowns}
    promoted = {part.key: part for part in figures.promotions.breakdowns}
    rows = []
    for key, women, men, gap in (
        (
            "pay.report.row.early",
            early.get("F"),
            early.get("M"),
            display(figures.early_raises, lang),
        ),
        ("pay.report.row.post", promoted.get("post_F"), promoted.get("post_M"), None),
        ("pay.report.row.grade", promoted.get("grade_F"), promoted.get("grade_M"), None),
        (
            "pay.report.row.promoted",
            promoted.get("F"),
            promoted.get("M"),
            display(figures.promotions, lang),
        ),
    ):
        if gap is None:
            w, m = _rate(women), _rate(men)
            value = m - w if w is not None and m is not None else None
            gap = (
                formatting.signed(value, lang, unit="points")
                if value is not None
                else (formatting.fewer_than(min_group_setting(), lang))
            )
        rows.append((text(key, lang), _rate(women), _rate(men), gap))
    return tuple(rows)


@section("pay", order=250, title="pay.report.title")
def pay(source: ReportSource) -> SectionContent:
    lang = source.lang
    found = source.indicators
    figures = PayFigures(
        *(
            found.get(code)
            for code in (
                "pay_gap_mean",
                "pay_gap_median",
                "women_share_pay_quartile",
                "women_share_by_grade_group",
                "women_share_senior_grades",
                "early_raise_rate_gap",
                "promotion_rate_gap",
                "raise_after_maternity",
            )
        )
    )
    paid, graded = figures.quarters.ratio, figures.grade_groups.ratio
    if paid.denominator == 0 and graded.denominator == 0:
        return SectionContent(blocks=(Paragraph(text("pay.report.no_data", lang)),), data=figures)
    threshold = min_group_setting()
    as_of = formatting.short_date(source.as_of, lang)
    blocks: list[Block] = []
    if paid.denominator:
        blocks.append(
            Paragraph(
                text(
                    "pay.report.summary",
                    lang,
                    as_of=as_of,
                    people=formatting.number(paid.denominator, lang),
                    women=formatting.number(paid.numerator, lang),
                    mean=display(figures.pay_gap_mean, lang),
                    median=display(figures.pay_gap_median, lang),
                )
            )
        )
    if graded.denominator:
        senior = figures.senior.ratio
        blocks.append(
            Paragraph(
                text(
                    "pay.report.senior",
                    lang,
                    share=formatting.percent(senior.percent, lang),
                    women=formatting.number(senior.numerator, lang),
                    people=formatting.number(senior.denominator, lang),
                    all_share=formatting.percent(graded.percent, lang),
                )
            )
        )
    blocks.append(
        Paragraph(
            text(
                "pay.report.rates",
                lang,
                as_of=as_of,
                early=display(figures.early_raises, lang),
                promotion=display(figures.promotions, lang),
            )
        )
    )
    maternity = figures.after_maternity
    if maternity.ratio.denominator and not maternity.suppressed:
        blocks.append(
            Paragraph(
                text(
                    "pay.report.maternity",
                    lang,
                    raised=maternity.ratio.numerator,
                    due=maternity.ratio.denominator,
                    share=display(maternity, lang),
                )
            )
        )
    groups = tuple(part for part in figures.grade_groups.breakdowns if part.ratio.denominator)
    if groups:
        blocks.append(
            women_and_men(
                "grade_groups",
                text("pay.report.table.groups", lang),
                lang,
                by=column("pay.report.col.group", lang, "code"),
                groups=_groups(groups, lang),
                total=Group(text("report.col.total", lang), graded),
                sheet=text("pay.report.sheet", lang),
            )
        )
        blocks.append(
            _counts_chart("grade_groups_chart", text("pay.report.chart.groups", lang), groups, lang)
        )
    parts = figures.quarters.breakdowns
    if paid.denominator:
        blocks.append(
            women_and_men(
                "pay_quarters",
                text("pay.report.table.quarters", lang),
                lang,
                by=column("pay.report.col.quarter", lang, "code"),
                groups=_groups(parts, lang),
                sheet=text("pay.report.sheet_quarters", lang),
            )
        )
        if not any(part.suppressed for part in parts):
            blocks.append(
                _counts_chart(
                    "pay_quarters_chart", text("pay.report.chart.quarters", lang), parts, lang
                )
            )
    blocks.append(
        ReportTable(
            key="career_rates",
            caption=text("pay.report.table.rates", lang),
            columns=(
                column("pay.report.col.measure", lang),
                column("pay.report.col.women_rate", lang, "percent"),
                column("pay.report.col.men_rate", lang, "percent"),
                column("pay.report.col.gap", lang, "code"),
            ),
            rows=_rate_rows(figures, lang),
            sheet=text("pay.report.sheet_careers", lang),
        )
    )
    if any(part.suppressed for part in parts) or figure(figures.pay_gap_mean) is None:
        blocks.append(Paragraph(text("pay.report.small", lang, threshold=threshold)))
    return SectionContent(blocks=tuple(blocks), data=figures)
