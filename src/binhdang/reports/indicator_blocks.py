"""``binhdang indicators`` as the report's content blocks: the indicator set and the units at
30% women or more without a woman leader, printed by the command line's one renderer
(:mod:`binhdang.cli.output`: a table in the terminal).

The figures are those of :func:`binhdang.indicators.output.to_data` (the JSON and the CSV), so
every form shows the same ones; the yearly report draws its own tables of the same set
(:mod:`binhdang.reports.staff_sections`). Here, rather than in the indicators area, because
that area sits below the reports and cannot name their blocks.
"""

from __future__ import annotations

from typing import Any

from binhdang import formatting
from binhdang.indicators.output import to_data
from binhdang.indicators.results import IndicatorSet
from binhdang.messages import Lang, text
from binhdang.reports.content import Block, CellValue, Column, Emphasis, ReportTable


def indicator_blocks(indicators: IndicatorSet, lang: Lang = "vi") -> tuple[Block, ...]:
    """The indicators, one row each and one per breakdown (indented), then the units listed
    by the 30% rule ("(không có)" when none is)."""
    items = to_data(indicators, lang)
    scope = text("out.scope_subtree" if indicators.subtree else "out.scope_alone", lang)
    rows: list[tuple[CellValue, ...]] = []
    emphasis: list[tuple[int, int, Emphasis]] = []
    for item in items:
        mark = f" ({text('indicators.deprecated_mark', lang)})" if "deprecated" in item else ""
        emphasis += [(len(rows), 0, "strong"), (len(rows), 4, "strong")]
        rows.append(
            (
                item["name"],
                f"{item['code']}{mark}",
                item["numerator"],
                item["denominator"],
                item["display"],
            )
        )
        for part in item.get("breakdowns", []):
            rows.append(
                (f"   {part['name']}", "", part["numerator"], part["denominator"], part["display"])
            )
    table = ReportTable(
        key="indicators",
        caption=text(
            "out.indicators_title",
            lang,
            unit=f"{indicators.unit_name} [{indicators.unit_code}]",
            scope=scope,
            as_of=formatting.short_date(indicators.as_of, lang),
        ),
        columns=(
            Column(text("out.col_name", lang)),
            Column(text("out.col_code", lang), "code"),
            Column(text("out.col_numerator", lang), "count"),
            Column(text("out.col_denominator", lang), "count"),
            Column(text("out.col_percent", lang), "percent"),
        ),
        rows=tuple(rows),
        emphasis=tuple(emphasis),
    )
    units: list[dict[str, Any]] = next((item["units"] for item in items if "units" in item), [])
    listing = ReportTable(
        key="units_30pct",
        caption=text("out.units_30pct", lang),
        columns=(
            Column(text("out.col_code", lang), "code"),
            Column(text("out.col_unit", lang)),
            Column(text("out.col_staff", lang), "count"),
            Column(text("out.col_women", lang), "count"),
            Column(text("out.col_percent", lang), "percent"),
        ),
        rows=tuple((u["code"], u["name"], u["staff"], u["women"], u["display"]) for u in units),
    )
    return (table, listing)
