"""The body's report from its units' accepted submissions (``binhdang report
--from-submissions``).

The body's figures are the sum of what each direct child submitted and accepted (its whole
subtree, as frozen) and the body's own staff from the live data, added up as the indicators'
own roll-up does (:func:`binhdang.indicators.compute.compute`): staff, categories, age bands
and posts are counts; the unit breakdown lists each child's total; the Resolution 28 share
counts units with a woman in key leadership over every unit in scope (each submission carries
how many units its subtree has); the 30% rule (Nghị quyết 11-NQ/TW) lists the children's
failing units and judges the body itself on the consolidated totals. So when nothing changed
since the submissions, the consolidated set equals the live roll-up (tests/rounds).

A unit without an accepted submission is not counted: the report says which units are
included, missing or late, and lists every figure of an accepted submission that differs from
the live data now (someone changed the data after submitting).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import Connection

from binhdang import formatting
from binhdang.errors import BinhdangError
from binhdang.indicators.catalogue import BY_CODE, key_leadership_on, rule_30_on
from binhdang.indicators.output import to_data
from binhdang.indicators.results import Breakdown, IndicatorResult, IndicatorSet, Ratio, UnitShare
from binhdang.indicators.service import indicators_for
from binhdang.messages import Lang, text
from binhdang.reports.build import ReportRequest, build_report
from binhdang.reports.content import (
    Column,
    ColumnKind,
    Paragraph,
    RenderedSection,
    Report,
    ReportTable,
    SectionContent,
)
from binhdang.reports.women_men import column
from binhdang.rounds.freeze import figures_of
from binhdang.rounds.rules import State
from binhdang.rounds.service import Round, RoundStatus, UnitStatus, parts_of, round_status
from binhdang.units.tree import TreeCache, UnitTree, load_tree

ADDITIVE = ("women_share_managers", "women_share_key_leaders", "women_share_deputies",
            "units_with_woman_head", "units_with_woman_key_leader")  # fmt: skip


@dataclass(frozen=True)
class Difference:
    unit_code: str
    unit_name: str
    indicator: str  # the indicator's name, and the breakdown's when it is one
    submitted: Ratio
    live: Ratio


@dataclass(frozen=True)
class Consolidation:
    round: Round
    status: RoundStatus
    indicators: IndicatorSet
    included: tuple[str, ...]  # unit codes whose accepted submission is counted
    differences: tuple[Difference, ...]


def _ratio(item: dict[str, Any]) -> Ratio:
    return Ratio(int(item["numerator"]), int(item["denominator"]))


def _add(a: Ratio, b: Ratio) -> Ratio:
    return Ratio(a.numerator + b.numerator, a.denominator + b.denominator)


def _by_code(data: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["code"]: item for item in data}


def combine(
    tree: UnitTree, body_id: int, own: IndicatorSet, submitted: list[tuple[int, dict[str, Any]]]
) -> IndicatorSet:
    """The body's indicator set: its own staff (``own``, counted alone) and the children's
    submitted figures (child id, ``figures.json``), added up as the live roll-up does."""
    body = tree.nodes[body_id]
    parts = [(child_id, _by_code(figures["indicators"])) for child_id, figures in submitted]
    scopes = sum(int(figures["units_in_scope"]) for _, figures in submitted)

    def total(code: str) -> Ratio:
        ratio = own.get(code).ratio
        for _, items in parts:
            ratio = _add(ratio, _ratio(items[code]))
        return ratio

    staff = own.get("women_share_staff")
    breakdowns: list[Breakdown] = []
    for dimension in ("category", "unit", "age_band"):
        if dimension == "unit":
            if staff.ratio.denominator:
                breakdowns.append(
                    Breakdown(
                        "unit",
                        body.code,
                        f"{body.name} (riêng đơn vị)",
                        f"{body.name} (unit alone)",
                        staff.ratio,
                    )
                )
            for child_id, items in parts:
                child = tree.nodes[child_id]
                breakdowns.append(
                    Breakdown(
                        "unit",
                        child.code,
                        child.name,
                        child.name,
                        _ratio(items["women_share_staff"]),
                    )
                )
            continue
        for item in staff.breakdowns:
            if item.dimension != dimension:
                continue
            ratio = item.ratio
            for _, items in parts:
                for theirs in items["women_share_staff"].get("breakdowns", []):
                    if (theirs["dimension"], theirs["key"]) == (dimension, item.key):
                        ratio = _add(ratio, _ratio(theirs))
            breakdowns.append(dataclasses.replace(item, ratio=ratio))
    results: dict[str, IndicatorResult] = {
        "women_share_staff": IndicatorResult(
            "women_share_staff", total("women_share_staff"), tuple(breakdowns)
        ),
    }
    for code in ADDITIVE:
        results[code] = IndicatorResult(code, total(code))
    # Nghị quyết 28/NQ-CP (official metadata): units with a woman in key leadership ÷ every
    # unit in scope, not applicable when no post is recorded in scope.
    woman_key = own.get("units_with_woman_key_leadership").ratio.numerator
    woman_key += sum(
        _ratio(items["units_with_woman_key_leadership"]).numerator for _, items in parts
    )
    posts = results["women_share_managers"].ratio.denominator
    key = key_leadership_on(tree.as_of)
    results["units_with_woman_key_leadership"] = IndicatorResult(
        "units_with_woman_key_leadership",
        Ratio(woman_key, 1 + scopes) if key is not None and posts else Ratio(0, 0),
    )
    # Nghị quyết 11-NQ/TW (the 30% rule): the body judged on the consolidated totals.
    rule_30 = rule_30_on(tree.as_of)
    failing: list[UnitShare] = []
    applicable = 0
    everyone = results["women_share_staff"].ratio
    if (
        rule_30 is not None
        and everyone.denominator
        and (everyone.numerator * 100 >= rule_30.threshold * everyone.denominator)
    ):
        applicable += 1
        if own.get("units_with_woman_key_leadership").ratio.numerator == 0:
            failing.append(
                UnitShare(body.code, body.name, everyone.denominator, everyone.numerator)
            )
    for _, items in parts:
        sent = items["units_30pct_women_without_woman_leader"]
        applicable += int(sent["denominator"])
        failing += [
            UnitShare(u["code"], u["name"], int(u["staff"]), int(u["women"]))
            for u in sent.get("units", [])
        ]
    results["units_30pct_women_without_woman_leader"] = IndicatorResult(
        "units_30pct_women_without_woman_leader",
        Ratio(len(failing), applicable) if rule_30 is not None else Ratio(0, 0),
        units=tuple(failing) if rule_30 is not None else (),
    )
    # The pay indicators (issue 18: gaps, medians, quartiles, careers) are not sums of the
    # units' submitted counts and are not consolidated yet: they stay empty (0/0, "no data"
    # in the report's pay section) rather than showing the body's own staff as the total.
    order = [result.code for result in own.results]
    for code in order:
        results.setdefault(code, IndicatorResult(code, Ratio(0, 0)))
    return IndicatorSet(
        body.code, body.name, tree.as_of, True, tuple(results[code] for code in order)
    )


def _counted(*items: dict[str, Any]) -> bool:
    """Whether every item carries its counts: a small group's (e.g. a pay quartile of fewer
    than the minimum group) are left out of the figures, so there is nothing to compare."""
    return all(
        item.get("numerator") is not None and item.get("denominator") is not None for item in items
    )


def differences(
    unit: UnitStatus, submitted: list[dict[str, Any]], live: list[dict[str, Any]], lang: Lang
) -> list[Difference]:
    """Every indicator and breakdown whose count differs between a submission and now."""
    found = []
    now = _by_code(live)
    for item in submitted:
        current = now.get(item["code"])
        if current is None:
            continue
        name = BY_CODE[item["code"]].name(lang) if item["code"] in BY_CODE else item["code"]
        if _counted(item, current) and _ratio(item) != _ratio(current):
            found.append(Difference(unit.code, unit.name, name, _ratio(item), _ratio(current)))
        theirs = {(b["dimension"], b["key"]): b for b in current.get("breakdowns", [])}
        for part in item.get("breakdowns", []):
            other = theirs.get((part["dimension"], part["key"]))
            if other is not None and _counted(part, other) and _ratio(part) != _ratio(other):
                found.append(
                    Difference(
                        unit.code,
                        unit.name,
                        f"{name}: {other['name']}",
                        _ratio(part),
                        _ratio(other),
                    )
                )
    return found


def consolidate(
    connection: Connection, found: Round, today: date, lang: Lang = "vi"
) -> Consolidation:
    """The consolidated figures of ``found`` and what the report says about them."""
    if found.level != "children":
        raise BinhdangError.of(
            "rounds.consolidation.needs_children",
            unit=found.unit_code,
            year=found.year,
            level=found.level,
        )
    with TreeCache().reading(connection):  # every unit's live figures read the same tree
        return _consolidate(connection, found, today, lang)


def _consolidate(connection: Connection, found: Round, today: date, lang: Lang) -> Consolidation:
    status = round_status(connection, found, today)
    tree = load_tree(connection, found.as_of)
    own = indicators_for(connection, found.unit_code, found.as_of, subtree=False)
    submitted: list[tuple[int, dict[str, Any]]] = []
    changes: list[Difference] = []
    for unit in status.units:
        if (
            unit.state is not State.ACCEPTED
            or unit.latest is None
            or unit.unit_id not in tree.nodes
        ):
            continue
        figures = figures_of(parts_of(connection, unit.latest.id))
        if not isinstance(figures.get("indicators"), list):
            raise BinhdangError.of(
                "rounds.consolidation.bad_figures", unit=unit.code, version=unit.latest.version
            )
        submitted.append((unit.unit_id, figures))
        live = to_data(indicators_for(connection, unit.code, found.as_of), "vi")
        changes += differences(unit, figures["indicators"], live, lang)
    indicators = combine(tree, found.unit_id, own, submitted)
    included = tuple(tree.nodes[child_id].code for child_id, _ in submitted)
    return Consolidation(found, status, indicators, included, tuple(changes))


def consolidation_section(result: Consolidation, lang: Lang) -> SectionContent:
    """The table of included, missing and late units and the list of differences."""
    found = result.round
    blocks: list[Any] = [
        Paragraph(
            text(
                "rounds.consolidation.intro",
                lang,
                included=len(result.included),
                total=len(result.status.units),
                year=found.year,
                unit=result.status.body_name,
            )
        )
    ]
    rows = []
    for unit in result.status.units:
        rows.append(
            (
                unit.name,
                text(f"rounds.state.{unit.state.value}", lang),
                text(
                    "rounds.consolidation.included"
                    if unit.code in result.included
                    else "rounds.consolidation.missing",
                    lang,
                ),
                unit.latest.version if unit.latest else None,
                text("rounds.yes", lang) if unit.late else "",
                unit.code,
            )
        )
    columns = _columns(
        lang,
        (
            ("unit", "text"),
            ("state", "code"),
            ("included", "code"),
            ("version", "count"),
            ("late", "code"),
        ),
    )
    units = ReportTable(
        key="round_units",
        caption=text("rounds.consolidation.units", lang),
        columns=(*columns, column("rounds.consolidation.col.code", lang, "code", annex_only=True)),
        rows=tuple(rows),
        sheet=text("rounds.consolidation.units", lang)[:31],
        in_body=False,
    )
    # the body's table: the annex's as people read it (without the unit codes)
    blocks += [units, replace(units.shown(), key="round_units_body", in_body=True, sheet=None)]
    if not result.differences:
        blocks.append(Paragraph(text("rounds.consolidation.no_differences", lang)))
    else:

        def shown(ratio: Ratio) -> str:
            return (
                f"{formatting.number(ratio.numerator, lang)}/"
                f"{formatting.number(ratio.denominator, lang)} "
                f"({formatting.percent(ratio.percent, lang)})"
            )

        blocks.append(
            ReportTable(
                key="round_differences",
                caption=text("rounds.consolidation.differences", lang),
                columns=_columns(
                    lang,
                    (
                        ("unit", "text"),
                        ("indicator", "text"),
                        ("submitted", "code"),
                        ("live", "code"),
                    ),
                ),
                rows=tuple(
                    (d.unit_name, d.indicator, shown(d.submitted), shown(d.live))
                    for d in result.differences
                ),
            )
        )
    return SectionContent(blocks=tuple(blocks), data=result)


def report_builder(result: Consolidation) -> Callable[..., Report]:
    """A report builder for :func:`binhdang.reports.service.write_reports`: the yearly report
    with the consolidated figures, and the consolidation's section at its end."""

    def build(
        connection: Connection,
        request: ReportRequest,
        on_section: Callable[[RenderedSection], None] | None = None,
    ) -> Report:
        with TreeCache().reading(connection):  # the sections read the same trees
            report = build_report(
                connection, request, on_section=on_section, indicators=result.indicators
            )
        content = consolidation_section(result, request.lang)
        from binhdang.reports.build import ROMAN

        count = len(report.sections)
        number = ROMAN[count] if count < len(ROMAN) else str(count + 1)
        added = RenderedSection(
            "consolidation", number, text("rounds.consolidation.title", request.lang), content
        )
        return dataclasses.replace(report, sections=(*report.sections, added))

    return build


def _columns(lang: Lang, spec: tuple[tuple[str, ColumnKind], ...]) -> tuple[Column, ...]:
    """The consolidation tables' columns: (message key suffix, kind) each."""
    return tuple(column(f"rounds.consolidation.col.{key}", lang, kind) for key, kind in spec)
