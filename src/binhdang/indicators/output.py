"""Indicator sets as JSON-ready data and CSV rows (vi/en); the terminal's tables are content
blocks made from the same data (:mod:`binhdang.reports.indicator_blocks`)."""

from __future__ import annotations

import io
from decimal import Decimal
from functools import lru_cache
from typing import Any

from binhdang import formatting
from binhdang.indicators.catalogue import BY_CODE, Definition
from binhdang.indicators.pay import min_group_setting
from binhdang.indicators.results import Breakdown, IndicatorResult, IndicatorSet, Ratio, UnitShare
from binhdang.messages import Lang, text


@lru_cache(maxsize=4096)
def _percent(value: Decimal | None, lang: Lang) -> str:
    """:func:`binhdang.formatting.percent`, kept: a percentage has one decimal (at most 1,001
    values), and the root's listing of units formats thousands of them (issue 19: 0.3–0.5 s
    of Babel per national root indicator set)."""
    return formatting.percent(value, lang)


def _ratio_fields(ratio: Ratio, lang: Lang, suppressed: bool = False) -> dict[str, Any]:
    value = None if suppressed else ratio.percent
    return {
        # a group too small to show: its count of women (or of people given a raise) is the
        # very figure withheld, so it is withheld too
        "numerator": None if suppressed else ratio.numerator,
        "denominator": ratio.denominator,
        "percent": float(value) if value is not None else None,
        "display": formatting.fewer_than(min_group_setting(), lang)
        if suppressed
        else _percent(value, lang),
    }


def figure(result: IndicatorResult) -> Decimal | None:
    """The indicator's figure: its gap (pay gaps, rate gaps) or its share; ``None`` when not
    applicable or not shown (a group under BINHDANG_PAY_MIN_GROUP)."""
    if result.suppressed:
        return None
    return result.measure.value if result.measure is not None else result.ratio.percent


def display(result: IndicatorResult, lang: Lang) -> str:
    """The figure as people read it: ``53,6%``, ``+12,3%``, ``−2,0`` (points), ``< 5``."""
    if result.suppressed:
        return formatting.fewer_than(min_group_setting(), lang)
    if result.measure is not None:
        return formatting.signed(result.measure.value, lang, unit=result.measure.unit)
    return formatting.percent(result.ratio.percent, lang)


def _result_fields(result: IndicatorResult, lang: Lang) -> dict[str, Any]:
    """The ratio's fields, and for a gap its value (``percent``: the gap in percent or
    points, ``unit``) instead of the ratio's share; ``suppressed`` for a small group."""
    fields = _ratio_fields(result.ratio, lang, result.suppressed)
    if result.measure is not None:
        value = figure(result)
        fields["percent"] = float(value) if value is not None else None
        fields["unit"] = result.measure.unit
        fields["display"] = display(result, lang)
    if result.measure is not None or result.suppressed:
        fields["suppressed"] = result.suppressed
    return fields


def _breakdown(item: Breakdown, lang: Lang) -> dict[str, Any]:
    fields = {
        "dimension": item.dimension,
        "key": item.key,
        "name": item.label(lang),
        **_ratio_fields(item.ratio, lang, item.suppressed),
    }
    if item.suppressed:
        fields["suppressed"] = True
    return fields


def _unit_share(item: UnitShare, lang: Lang) -> dict[str, Any]:
    value = item.percent
    return {
        "code": item.code,
        "name": item.name,
        "staff": item.staff,
        "women": item.women,
        "share": float(value) if value is not None else None,
        "display": _percent(value, lang),
    }


def deprecation(definition: Definition, lang: Lang) -> dict[str, Any] | None:
    """The ``deprecated`` note of an old code: the codes to use and what the old one counts."""
    if not definition.deprecated:
        return None
    official, heads = definition.replaced_by
    return {
        "replaced_by": list(definition.replaced_by),
        "note": text(
            f"indicators.deprecated.{definition.code}",
            lang,
            code=definition.code,
            official=official,
            heads=heads,
        ),
    }


def to_data(indicators: IndicatorSet, lang: Lang = "vi") -> list[dict[str, Any]]:
    """The JSON form (``binhdang indicators --format json``, ``GET /api/v1/indicators``)."""
    items = []
    for result in indicators.results:
        definition = BY_CODE[result.code]
        item: dict[str, Any] = {
            "code": result.code,
            "name": definition.name(lang),
            "unit": indicators.unit_code,
            "as_of": indicators.as_of.isoformat(),
            "subtree": indicators.subtree,
            **_result_fields(result, lang),
        }
        if result.breakdowns:
            item["breakdowns"] = [_breakdown(b, lang) for b in result.breakdowns]
        if result.units is not None:
            item["units"] = [_unit_share(u, lang) for u in result.units]
        note = deprecation(definition, lang)
        if note is not None:
            item["deprecated"] = note
        items.append(item)
    return items


def trend_data(sets: list[IndicatorSet], codes: list[str]) -> list[dict[str, Any]]:
    """``binhdang trend --format json``: each date's ratios by indicator code."""
    return [
        {
            "as_of": result.as_of.isoformat(),
            "unit": result.unit_code,
            **{
                code: {
                    "numerator": None
                    if result.get(code).suppressed
                    else result.get(code).ratio.numerator,
                    "denominator": result.get(code).ratio.denominator,
                    # a gap for the pay indicators, None for a group too small to show
                    "percent": _float(figure(result.get(code))),
                }
                for code in codes
            },
        }
        for result in sets
    ]


def _float(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


CSV_COLUMNS = (
    "unit", "as_of", "code", "name", "dimension", "key", "label",
    "numerator", "denominator", "percent", "display",
)  # fmt: skip


def to_csv(indicators: IndicatorSet, lang: Lang = "vi") -> str:
    """One line per indicator and one per breakdown or listed unit."""
    from binhdang import exports  # imports openpyxl (0.2–0.5 s): only for CSV, not JSON

    buffer = io.StringIO()
    writer = exports.csv_writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    base = [indicators.unit_code, indicators.as_of.isoformat()]
    for item in to_data(indicators, lang):
        head = [*base, item["code"], item["name"]]
        writer.writerow(
            [
                *head,
                "",
                "",
                "",
                item["numerator"],
                item["denominator"],
                item["percent"],
                item["display"],
            ]
        )
        for part in item.get("breakdowns", []):
            writer.writerow(
                [
                    *head,
                    part["dimension"],
                    part["key"],
                    part["name"],
                    part["numerator"],
                    part["denominator"],
                    part["percent"],
                    part["display"],
                ]
            )
        for listed in item.get("units", []):
            writer.writerow(
                [
                    *head,
                    "unit",
                    listed["code"],
                    listed["name"],
                    listed["women"],
                    listed["staff"],
                    listed["share"],
                    listed["display"],
                ]
            )
    return buffer.getvalue()
