"""The built-in sections: women among the staff (100) and in leadership (200).

Both read the shared indicator set and trend of :class:`~binhdang.reports.source.ReportSource`,
so every figure equals ``binhdang indicators`` for the same unit and date.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from binhdang import formatting
from binhdang.indicators.catalogue import BY_CODE
from binhdang.indicators.results import Breakdown, IndicatorSet, Ratio, UnitShare
from binhdang.messages import Lang, text
from binhdang.reports import messages as _messages  # noqa: F401  (registers the texts)
from binhdang.reports.charts import BarChart, LineChart, Series
from binhdang.reports.content import (
    Block,
    ChartBlock,
    Column,
    Paragraph,
    ReportTable,
    SectionContent,
)
from binhdang.reports.narrative import ratio_change, share_sentence_values, trend_sentences
from binhdang.reports.sections import section
from binhdang.reports.source import ReportSource


@dataclass(frozen=True)
class StaffFigures:
    """Typed data of the staff section (``data.staff`` in templates)."""

    staff: Ratio  # women / all staff
    by_category: tuple[Breakdown, ...]
    by_unit: tuple[Breakdown, ...]
    by_age: tuple[Breakdown, ...]
    previous: IndicatorSet | None  # same date one year earlier, if there are figures

    @property
    def women(self) -> int:
        return self.staff.numerator

    @property
    def total(self) -> int:
        return self.staff.denominator

    @property
    def share(self) -> Decimal | None:
        return self.staff.percent


@dataclass(frozen=True)
class LeadershipFigures:
    """Typed data of the leadership section (``data.leadership`` in templates)."""

    managers: Ratio
    heads: Ratio
    deputies: Ratio
    units_with_woman_head: Ratio
    rule30_applicable: int
    rule30_failing: tuple[UnitShare, ...]
    trend: tuple[IndicatorSet, ...]


def _col(key: str, lang: Lang, kind: str = "text") -> Column:
    return Column(text(key, lang), kind)  # type: ignore[arg-type]


def _share_columns(first_key: str, lang: Lang) -> tuple[Column, ...]:
    return (
        _col("report.col.no", lang, "count"),
        _col(first_key, lang),
        _col("report.col.total", lang, "count"),
        _col("report.col.women", lang, "count"),
        _col("report.col.share", lang, "percent"),
    )


def _share_rows(items: tuple[Breakdown, ...], lang: Lang) -> tuple[tuple, ...]:  # type: ignore[type-arg]
    return tuple(
        (index, item.label(lang), item.ratio.denominator, item.ratio.numerator, item.ratio.percent)
        for index, item in enumerate(items, start=1)
    )


def _total_row(ratio: Ratio, lang: Lang) -> tuple:  # type: ignore[type-arg]
    return (None, text("report.row.total", lang), ratio.denominator, ratio.numerator, ratio.percent)


def indicators_table(indicators: IndicatorSet, lang: Lang) -> ReportTable:
    """The indicator list as ``binhdang indicators`` prints it (annex only)."""
    rows = tuple(
        (
            result.code,
            BY_CODE[result.code].name(lang),
            result.ratio.numerator,
            result.ratio.denominator,
            result.ratio.percent,
        )
        for result in indicators.results
    )
    return ReportTable(
        key="indicators",
        caption=text("report.table.indicators", lang),
        columns=(
            _col("report.col.code", lang, "code"),
            _col("report.col.indicator", lang),
            _col("report.col.numerator", lang, "count"),
            _col("report.col.denominator", lang, "count"),
            _col("report.col.share", lang, "percent"),
        ),
        rows=rows,
        sheet=text("report.sheet.indicators", lang),
        in_body=False,
    )


def _previous(source: ReportSource) -> IndicatorSet | None:
    trend = source.trend
    if len(trend) >= 2 and trend[-2].as_of.year == source.as_of.year - 1:
        return trend[-2]
    return None


@section("staff", order=100, title="report.section.staff")
def staff(source: ReportSource) -> SectionContent:
    lang = source.lang
    indicators = source.indicators
    result = indicators.get("women_share_staff")
    by = {
        dim: tuple(b for b in result.breakdowns if b.dimension == dim)
        for dim in ("category", "unit", "age_band")
    }
    previous = _previous(source)
    figures = StaffFigures(result.ratio, by["category"], by["unit"], by["age_band"], previous)
    date_text = formatting.long_date(source.as_of, lang)
    blocks: list[Block] = [
        Paragraph(
            text(
                "report.staff.total",
                lang,
                date=date_text,
                unit=source.unit.name,
                **share_sentence_values(result.ratio, lang),
            )
        ),
    ]
    categories = [b for b in figures.by_category if b.ratio.denominator]
    if categories:
        items = "; ".join(
            text(
                "report.staff.category_item",
                lang,
                label=b.label(lang).lower() if lang == "vi" else b.label(lang),
                **share_sentence_values(b.ratio, lang),
            )
            for b in categories
        )
        blocks.append(Paragraph(text("report.staff.categories", lang, items=items)))
    if previous is not None:
        blocks.append(
            Paragraph(
                ratio_change("report.change.staff", previous, indicators, "women_share_staff", lang)
            )
        )
    else:
        blocks.append(Paragraph(text("report.no_previous", lang, prev_year=source.as_of.year - 1)))
    if len(source.trend) >= 2:
        sentences = trend_sentences(source.trend, "women_share_staff", "report.what.staff", lang)
        blocks.append(Paragraph(" ".join(sentences)))
    blocks.append(
        ReportTable(
            key="by_category",
            caption=text("report.table.by_category", lang),
            columns=_share_columns("report.col.category", lang),
            rows=_share_rows(figures.by_category, lang),
            total=_total_row(result.ratio, lang),
            sheet=text("report.sheet.by_category", lang),
        )
    )
    units = [b for b in figures.by_unit if b.ratio.denominator]
    affiliated = [b for b in units if b.key != source.unit.code]
    if affiliated:  # a unit without affiliated units has its by-unit table in the annex only
        ranked = sorted(affiliated, key=lambda b: (b.ratio.percent or Decimal(0), b.key))
        if len(ranked) >= 2:
            blocks.append(
                Paragraph(
                    text(
                        "report.staff.units",
                        lang,
                        max_unit=ranked[-1].label(lang),
                        max_share=formatting.percent(ranked[-1].ratio.percent, lang),
                        min_unit=ranked[0].label(lang),
                        min_share=formatting.percent(ranked[0].ratio.percent, lang),
                    )
                )
            )
    blocks.append(
        ReportTable(
            key="by_unit",
            caption=text("report.table.by_unit", lang),
            columns=_share_columns("report.col.unit", lang),
            rows=_share_rows(figures.by_unit, lang),
            total=_total_row(result.ratio, lang),
            sheet=text("report.sheet.by_unit", lang),
            in_body=bool(affiliated),
        )
    )
    if affiliated:
        blocks.append(
            ChartBlock(
                key="by_unit_chart",
                caption=text("report.chart.by_unit", lang),
                spec=BarChart(
                    title=text("report.chart.by_unit", lang),
                    categories=tuple(b.label(lang) for b in units),
                    series=(
                        Series(
                            text("report.col.women", lang), tuple(b.ratio.numerator for b in units)
                        ),
                        Series(
                            text("report.col.men", lang),
                            tuple(b.ratio.denominator - b.ratio.numerator for b in units),
                        ),
                    ),
                    x_label=text("report.chart.people_axis", lang),
                ),
            )
        )
    blocks.append(
        ReportTable(
            key="by_age",
            caption=text("report.table.by_age", lang),
            columns=_share_columns("report.col.age", lang),
            rows=_share_rows(figures.by_age, lang),
            total=_total_row(result.ratio, lang),
            sheet=text("report.sheet.by_age", lang),
            in_body=False,
        )
    )
    blocks.append(indicators_table(indicators, lang))
    return SectionContent(blocks=tuple(blocks), data=figures)


def trend_table(points: list[IndicatorSet], lang: Lang) -> ReportTable:
    rows = []
    for point in points:
        staff_ratio = point.get("women_share_staff").ratio
        managers = point.get("women_share_managers").ratio
        heads = point.get("women_share_key_leaders").ratio
        rows.append(
            (
                point.as_of,
                staff_ratio.denominator,
                staff_ratio.numerator,
                staff_ratio.percent,
                managers.denominator,
                managers.numerator,
                managers.percent,
                heads.percent,
            )
        )
    day = formatting.day_month(points[-1].as_of, lang) if points else ""
    return ReportTable(
        key="trend",
        caption=text("report.table.trend", lang, day=day),
        columns=(
            _col("report.col.date", lang, "date"),
            _col("report.col.total", lang, "count"),
            _col("report.col.women", lang, "count"),
            _col("report.col.share", lang, "percent"),
            _col("report.col.managers", lang, "count"),
            _col("report.col.women_managers", lang, "count"),
            _col("report.col.managers_share", lang, "percent"),
            _col("report.col.heads_share", lang, "percent"),
        ),
        rows=tuple(rows),
        sheet=text("report.sheet.trend", lang),
    )


@section("leadership", order=200, title="report.section.leadership")
def leadership(source: ReportSource) -> SectionContent:
    lang = source.lang
    indicators = source.indicators
    managers = indicators.get("women_share_managers").ratio
    heads = indicators.get("women_share_key_leaders").ratio
    deputies = indicators.get("women_share_deputies").ratio
    units_head = indicators.get("units_with_woman_key_leader").ratio
    rule30 = indicators.get("units_30pct_women_without_woman_leader")
    figures = LeadershipFigures(
        managers,
        heads,
        deputies,
        units_head,
        rule30.ratio.denominator,
        rule30.units or (),
        tuple(source.trend),
    )
    blocks: list[Block] = []
    if managers.denominator:
        blocks.append(
            Paragraph(
                text(
                    "report.lead.managers",
                    lang,
                    unit=source.unit.name,
                    **share_sentence_values(managers, lang),
                    heads_women=formatting.number(heads.numerator, lang),
                    heads_total=formatting.number(heads.denominator, lang),
                    heads_share=formatting.percent(heads.percent, lang),
                    deputies_women=formatting.number(deputies.numerator, lang),
                    deputies_total=formatting.number(deputies.denominator, lang),
                    deputies_share=formatting.percent(deputies.percent, lang),
                )
            )
        )
    else:
        blocks.append(Paragraph(text("report.lead.no_managers", lang, unit=source.unit.name)))
    if units_head.denominator:
        blocks.append(
            Paragraph(
                text(
                    "report.lead.units_head",
                    lang,
                    women_units=formatting.number(units_head.numerator, lang),
                    units=formatting.number(units_head.denominator, lang),
                    share=formatting.percent(units_head.percent, lang),
                )
            )
        )
    previous = _previous(source)
    if previous is not None and managers.denominator:
        blocks.append(
            Paragraph(
                ratio_change(
                    "report.change.managers", previous, indicators, "women_share_managers", lang
                )
            )
        )
    trend = list(source.trend)
    for code, what in (
        ("women_share_managers", "report.what.managers"),
        ("women_share_key_leaders", "report.what.heads"),
    ):
        sentences = trend_sentences(trend, code, what, lang)
        blocks.append(Paragraph(" ".join(sentences)))
        if len(trend) < 2:
            break
    if trend:
        blocks.append(trend_table(trend, lang))
    if len(trend) >= 2:
        blocks.append(
            ChartBlock(
                key="shares_chart",
                caption=text("report.chart.shares", lang),
                spec=LineChart(
                    title=text("report.chart.shares", lang),
                    categories=tuple(str(p.as_of.year) for p in trend),
                    series=(
                        Series(
                            text("report.chart.share_staff", lang),
                            tuple(p.get("women_share_staff").ratio.percent for p in trend),
                        ),
                        Series(
                            text("report.chart.share_managers", lang),
                            tuple(p.get("women_share_managers").ratio.percent for p in trend),
                        ),
                    ),
                    y_label=text("report.chart.share_axis", lang),
                    decimal_comma=lang == "vi",
                ),
            )
        )
    blocks.append(Paragraph(text("report.rule30.rule", lang)))
    failing = figures.rule30_failing
    if figures.rule30_applicable == 0:
        blocks.append(Paragraph(text("report.rule30.none_applicable", lang)))
    elif not failing:
        blocks.append(
            Paragraph(text("report.rule30.all_ok", lang, applicable=figures.rule30_applicable))
        )
    else:
        names = "; ".join(
            f"{u.name} ({formatting.number(u.women, lang)}/{formatting.number(u.staff, lang)}, "
            f"{formatting.percent(u.percent, lang)})"
            for u in failing
        )
        blocks.append(
            Paragraph(
                text(
                    "report.rule30.failing",
                    lang,
                    applicable=figures.rule30_applicable,
                    count=len(failing),
                    names=names,
                )
            )
        )
    blocks.append(
        ReportTable(
            key="rule30",
            caption=text("report.table.rule30", lang),
            columns=(
                _col("report.col.no", lang, "count"),
                _col("report.col.unit", lang),
                _col("report.col.total", lang, "count"),
                _col("report.col.women", lang, "count"),
                _col("report.col.share", lang, "percent"),
            ),
            rows=tuple(
                (i, u.name, u.staff, u.women, u.percent) for i, u in enumerate(failing, start=1)
            ),
            sheet=text("report.sheet.rule30", lang),
            in_body=bool(failing),
        )
    )
    return SectionContent(blocks=tuple(blocks), data=figures)
