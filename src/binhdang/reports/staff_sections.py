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
from binhdang.reports.branches import branch_table, detail_tables, summary_key
from binhdang.reports.charts import LineChart, Series
from binhdang.reports.content import (
    Block,
    ChartBlock,
    Paragraph,
    ReportTable,
    SectionContent,
)
from binhdang.reports.narrative import ratio_change, share_sentence_values, trend_sentences
from binhdang.reports.sections import section
from binhdang.reports.source import ReportSource
from binhdang.reports.women_men import Group, column, women_and_men, women_and_men_chart
from binhdang.reports.wording import counted, named


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
    # Nghị quyết 28/NQ-CP by the official metadata: units whose key leadership (head or
    # deputies) includes a woman ÷ all units.
    units_with_woman_key_leadership: Ratio
    rule30_applicable: int
    rule30_failing: tuple[UnitShare, ...]
    trend: tuple[IndicatorSet, ...]


def _groups(items: tuple[Breakdown, ...], lang: Lang) -> list[Group]:
    return [Group(item.label(lang), item.ratio) for item in items]


def _share_table(
    key: str, by: str, items: tuple[Breakdown, ...], staff: Ratio, lang: Lang, in_body: bool = True
) -> ReportTable:
    """The staff by category, unit or age band: numbered, with the whole staff's total."""
    return women_and_men(
        key,
        text(f"report.table.{key}", lang),
        lang,
        by=column(by, lang),
        groups=_groups(items, lang),
        numbered=True,
        total=Group(text("report.row.total", lang), staff),
        sheet=text(f"report.sheet.{key}", lang),
        in_body=in_body,
    )


def indicators_table(indicators: IndicatorSet, lang: Lang) -> ReportTable:
    """The indicator list as ``binhdang indicators`` prints it (annex only): the figure is the
    indicator's own (a share, or a pay gap), the count of a group too small to show is left
    out with its figure (BINHDANG_PAY_MIN_GROUP)."""
    from binhdang.indicators.output import figure

    rows = tuple(
        (
            BY_CODE[result.code].name(lang),
            None if result.suppressed else result.ratio.numerator,
            result.ratio.denominator,
            figure(result),
            result.code,
        )
        for result in indicators.results
    )
    return ReportTable(
        key="indicators",
        caption=text("report.table.indicators", lang),
        columns=(
            column("report.col.indicator", lang),
            column("report.col.numerator", lang, "count"),
            column("report.col.denominator", lang, "count"),
            column("report.col.share", lang, "percent"),
            column("report.col.code", lang, "code", annex_only=True),  # for systems
        ),
        rows=rows,
        sheet=text("report.sheet.indicators", lang),
        in_body=False,
    )


def _levels_sentence(heads: Ratio, deputies: Ratio, lang: Lang) -> str:
    """``5 trên 20 cấp trưởng (25,0%) và 12 trên 28 cấp phó (42,9%) là nữ``; a level without
    women is said in words, a level without posts left out."""
    with_women, without = [], []
    for ratio, level in ((heads, "report.lead.heads"), (deputies, "report.lead.deputies")):
        if ratio.denominator == 0:
            continue
        values = {
            "women": formatting.number(ratio.numerator, lang),
            "total": formatting.number(ratio.denominator, lang),
            "share": formatting.percent(ratio.percent, lang),
            "level": text(level, lang),
        }
        if ratio.numerator:
            with_women.append(text("report.lead.level", lang, **values))
        else:
            without.append(text("report.lead.level_none", lang, **values))
    joiner = text("report.lead.and", lang)
    clauses = (
        [text("report.lead.are_women", lang, levels=joiner.join(with_women))] if with_women else []
    )
    return joiner.join([*clauses, *without])


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
                "report.staff.total" if result.ratio.numerator else "report.staff.total_no_women",
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
                "report.staff.category_item"
                if b.ratio.numerator
                else "report.staff.category_item_no_women",
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
        _share_table("by_category", "report.col.category", figures.by_category, result.ratio, lang)
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
        _share_table(
            "by_unit",
            "report.col.unit",
            figures.by_unit,
            result.ratio,
            lang,
            in_body=bool(affiliated),
        )
    )
    if affiliated:
        blocks.append(
            women_and_men_chart(
                "by_unit_chart",
                text("report.chart.by_unit", lang),
                lang,
                groups=_groups(tuple(units), lang),
                axis=text("report.chart.people_axis", lang),
            )
        )
    blocks.append(
        _share_table("by_age", "report.col.age", figures.by_age, result.ratio, lang, in_body=False)
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
            column("report.col.date", lang, "date"),
            column("report.col.total", lang, "count"),
            column("report.col.women", lang, "count"),
            column("report.col.share", lang, "percent"),
            column("report.col.managers", lang, "count"),
            column("report.col.women_managers", lang, "count"),
            column("report.col.managers_share", lang, "percent"),
            column("report.col.heads_share", lang, "percent"),
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
    units_head = indicators.get("units_with_woman_head").ratio
    units_key = indicators.get("units_with_woman_key_leadership").ratio
    rule30 = indicators.get("units_30pct_women_without_woman_leader")
    figures = LeadershipFigures(
        managers,
        heads,
        deputies,
        units_head,
        units_key,
        rule30.ratio.denominator,
        rule30.units or (),
        tuple(source.trend),
    )
    blocks: list[Block] = []
    if managers.denominator:
        key = "report.lead.managers" if managers.numerator else "report.lead.managers_no_women"
        blocks.append(
            Paragraph(
                text(
                    key,
                    lang,
                    unit=source.unit.name,
                    **share_sentence_values(managers, lang),
                    levels=_levels_sentence(heads, deputies, lang),
                )
            )
        )
    else:
        blocks.append(Paragraph(text("report.lead.no_managers", lang, unit=source.unit.name)))
    if units_key.denominator:
        key = "report.lead.units_key" if units_key.numerator else "report.lead.units_key_none"
        blocks.append(
            Paragraph(
                text(
                    key,
                    lang,
                    women_units=formatting.number(units_key.numerator, lang),
                    units=formatting.number(units_key.denominator, lang),
                    share=formatting.percent(units_key.percent, lang),
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
        key = "report.rule30.one_ok" if figures.rule30_applicable == 1 else "report.rule30.all_ok"
        blocks.append(Paragraph(text(key, lang, applicable=figures.rule30_applicable)))
    else:
        names = named([u.name for u in failing])
        key = "report.rule30.failing" if names else "report.rule30.failing_many"
        blocks.append(
            Paragraph(
                text(
                    key,
                    lang,
                    applicable=figures.rule30_applicable,
                    count=counted("unit", len(failing), lang),
                    names=names,
                )
            )
        )
    full = women_and_men(
        "rule30",
        text("report.table.rule30", lang),
        lang,
        by=column("report.col.unit", lang),
        groups=[Group(u.name, Ratio(u.women, u.staff), code=u.code) for u in failing],
        numbered=True,
        code=text("report.col.unit_code", lang),
        sheet=text("report.sheet.rule30", lang),
        in_body=False,
    )
    if failing:
        blocks.extend(
            detail_tables(
                source, full, [u.code for u in failing], lambda: _rule30_by_branch(source, failing)
            )
        )
    else:
        blocks.append(full)
    return SectionContent(blocks=tuple(blocks), data=figures)


def _rule30_by_branch(source: ReportSource, failing: tuple[UnitShare, ...]) -> ReportTable:
    """The units short of the 30% rule, counted by the report unit's direct children."""
    lang = source.lang
    return branch_table(
        source,
        summary_key("rule30"),
        text("report.table.rule30_by_branch", lang),
        (
            column("report.col.no", lang, "count"),
            column("report.col.unit", lang),
            column("report.col.units_short", lang, "count"),
        ),
        ((u.code, u.name, (1,)) for u in failing),
        total=text("report.row.total", lang),
        numbered=True,
    )
