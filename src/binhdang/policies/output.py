"""Retirement, maternity and target results as JSON-ready data and as content blocks (vi/en).

The same ``*_data`` dictionaries feed the CLI's ``--format json``, the report sections and
the API; the ``*_blocks`` are the report's content blocks (:mod:`binhdang.reports.content`)
that the command line draws as tables (:mod:`binhdang.cli.output`), so every output shows the
same figures and words.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from binhdang import formatting
from binhdang.indicators.catalogue import BY_CODE, LEVEL_LABELS, SEX_LABELS, percent
from binhdang.indicators.output import deprecation
from binhdang.indicators.results import Ratio
from binhdang.messages import Lang, Message, text
from binhdang.policies.maternity import SOURCE_PROTECTION
from binhdang.policies.retirement import Retirement
from binhdang.policies.retirement_output import RetirementAnswer as RetirementAnswer
from binhdang.policies.retirement_output import retirement_data as retirement_data
from binhdang.policies.retirement_output import retirement_text as retirement_text
from binhdang.policies.retirement_output import when_data as _when
from binhdang.policies.service import (
    LEVELS,
    Leave,
    MaternityReport,
    MayRetireEarly,
    RetirementReport,
    Retiring,
    TargetsReport,
)
from binhdang.policies.staff import StaffMember
from binhdang.policies.targets import PER_UNIT_RULES, Evaluation, Standing, Target, rule_30_leader
from binhdang.reports.content import (
    Block,
    CellValue,
    Column,
    Emphasis,
    Paragraph,
    ReportTable,
)
from binhdang.reports.women_men import Group, column, women_and_men
from binhdang.store.tables import OPEN_END


def _label(labels: dict[str, tuple[str, str]], key: str, lang: Lang) -> str:
    vi, en = labels[key]
    return en if lang == "en" else vi


def level_label(level: str | None, lang: Lang) -> str:
    if level is None or level == "none":
        return text("policies.level.none", lang)
    return _label(LEVEL_LABELS, level, lang)


def _day(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _deprecated(indicator: str, lang: Lang) -> dict[str, Any] | None:
    """The deprecation note of a target's indicator code, if it is an old one."""
    definition = BY_CODE.get(indicator)
    return deprecation(definition, lang) if definition is not None else None


# --- retirement: binhdang.policies.retirement_output ----------------------------------------


def _member(member: Any) -> dict[str, Any]:
    """Who a retirement row is about (the same fields in every list)."""
    return {
        "staff_code": member.staff_code,
        "full_name": member.full_name,
        "sex": member.sex,
        "birth_date": member.birth_date.isoformat(),
        "unit": member.unit_code,
        "level": member.level,
        "post": member.title,
    }


def _retiring(r: Retiring) -> dict[str, Any]:
    return {
        **_member(r.member),
        "age_years": r.retirement.age_years,
        "age_months": r.retirement.age_months,
        "retirement_month": r.retirement.retirement_month,
        "retirement_date": r.retirement.retirement_date.isoformat(),
        "pension_from": r.retirement.pension_month,
    }


def _may_retire_early(r: MayRetireEarly) -> dict[str, Any]:
    return {
        **_member(r.member),
        "early": _when(r.early),
        "normal_retirement_month": r.normal.retirement_month,
    }


def retirements_data(report: RetirementReport, lang: Lang = "vi") -> dict[str, Any]:
    extra: dict[str, Any] = {}
    if report.early is not None:
        extra["may_retire_early"] = [_may_retire_early(r) for r in report.early]
    return {
        "unit": report.unit_code,
        "unit_name": report.unit_name,
        "from": report.start.isoformat(),
        "to": report.end.isoformat(),
        "people": [_retiring(r) for r in report.people],
        "overdue": [_retiring(r) for r in report.overdue],
        "by_sex_level": [
            {"sex": sex, "level": level, "count": count}
            for (sex, level), count in report.by_sex_level.items()
        ],
        "managers_retiring": [
            {
                "years": m.years,
                "until": m.until.isoformat(),
                "women": m.women,
                "men": m.men,
                "women_managers": m.women_managers,
                "men_managers": m.men_managers,
                "women_percent": _float(m.women_ratio.percent),
                "men_percent": _float(m.men_ratio.percent),
            }
            for m in report.managers
        ],
        **extra,
    }


def _float(value: Any) -> float | None:
    return float(value) if value is not None else None


def _share(count: int, total: int, lang: Lang) -> str:
    return text(
        "policies.of_managers",
        lang,
        count=formatting.number(count, lang),
        total=formatting.number(total, lang),
        share=formatting.percent(percent(count, total), lang),
    )


def _person_columns(lang: Lang) -> tuple[Column, ...]:
    """Who a row is about, the first columns of the retirement tables."""
    return (
        column("policies.col.code", lang, "code"),
        column("policies.col.name", lang),
        column("policies.col.sex", lang, "code"),
        column("policies.col.born", lang, "date"),
        column("policies.col.unit", lang, "code"),
        column("policies.col.post", lang),
    )


def _person_cells(member: StaffMember, lang: Lang) -> tuple[CellValue, ...]:
    """The cells of :func:`_person_columns` for one staff member."""
    return (
        member.staff_code,
        member.full_name,
        _label(SEX_LABELS, member.sex, lang),
        member.birth_date,
        member.unit_code,
        member.title or "",
    )


def age_text(retirement: Retirement, lang: Lang) -> str:
    """The age at retirement: ``60 tuổi 6 tháng``."""
    return text("policies.age", lang, years=retirement.age_years, months=retirement.age_months)


def _people_table(key: str, caption: str, people: tuple[Retiring, ...], lang: Lang) -> ReportTable:
    return ReportTable(
        key=key,
        caption=caption,
        columns=(
            *_person_columns(lang),
            column("policies.col.age", lang),
            column("policies.col.retirement", lang, "date"),
            column("policies.col.pension", lang, "date"),
        ),
        rows=tuple(
            (
                *_person_cells(r.member, lang),
                age_text(r.retirement, lang),
                r.retirement.retirement_date,
                r.retirement.pension_from,
            )
            for r in people
        ),
    )


def by_level_table(
    report: RetirementReport,
    key: str,
    caption: str,
    lang: Lang,
    *,
    total: bool = False,
    sheet: str | None = None,
) -> ReportTable:
    """Who retires in the period: women, men and both by post level (``total``: a last row)."""
    groups = [
        Group.counted(
            level_label(level, lang),
            report.by_sex_level[("F", level)],
            report.by_sex_level[("M", level)],
        )
        for level in LEVELS
    ]
    everyone = Ratio(
        sum(g.ratio.numerator for g in groups), sum(g.ratio.denominator for g in groups)
    )
    return women_and_men(
        key,
        caption,
        lang,
        by=column("policies.col.level", lang),
        groups=groups,
        figures=("women", "men", "people"),
        labels={"people": text("policies.col.total", lang)},
        total=Group(text("policies.col.total", lang), everyone) if total else None,
        sheet=sheet,
    )


def retirements_blocks(report: RetirementReport, lang: Lang = "vi") -> tuple[Block, ...]:
    """``binhdang retirements``: who retires in the period, by level and sex, the managers
    retiring within the horizons, who is past the age already and who may retire early."""
    short = formatting.short_date
    title = text(
        "policies.retirements_title",
        lang,
        start=short(report.start),
        end=short(report.end),
        unit=f"{report.unit_name} [{report.unit_code}]",
    )
    blocks: list[Block] = [
        _people_table("retiring", title, report.people, lang),
        by_level_table(
            report, "retiring_by_level", text("policies.retirements_summary", lang), lang
        ),
        managers_block(report, lang),
    ]
    if report.overdue:
        blocks.append(
            _people_table(
                "overdue",
                text("policies.overdue_title", lang, as_of=short(report.start)),
                report.overdue,
                lang,
            )
        )
    if report.early is not None:
        blocks += _early_blocks(report, lang)
    return tuple(blocks)


def _early_blocks(report: RetirementReport, lang: Lang) -> tuple[Block, ...]:
    """Who may retire early in the period, by age only, with the source of the early ages."""
    short = formatting.short_date
    sources = "; ".join(dict.fromkeys(r.early.source for r in report.early or ()))
    table = ReportTable(
        key="may_retire_early",
        caption=text(
            "policies.early_title", lang, start=short(report.start), end=short(report.end)
        ),
        columns=(
            *_person_columns(lang),
            column("policies.col.early_age", lang),
            column("policies.col.early_from", lang, "date"),
            column("policies.col.retirement", lang, "date"),
        ),
        rows=tuple(
            (
                *_person_cells(r.member, lang),
                age_text(r.early, lang),
                r.early.pension_from,
                r.normal.retirement_date,
            )
            for r in report.early or ()
        ),
    )
    return (table, Paragraph(text("policies.early_caption", lang, sources=sources or "—")))


def managers_block(report: RetirementReport, lang: Lang = "vi") -> ReportTable:
    """The managers retiring within each horizon, women and men, each of their managers."""
    return ReportTable(
        key="managers_retiring",
        caption=text("policies.managers_title", lang, as_of=formatting.short_date(report.start)),
        columns=(
            column("policies.col.horizon", lang),
            column("policies.col.women", lang),
            column("policies.col.men", lang),
        ),
        rows=tuple(
            (
                text("policies.horizon", lang, years=m.years, until=formatting.short_date(m.until)),
                _share(m.women, m.women_managers, lang),
                _share(m.men, m.men_managers, lang),
            )
            for m in report.managers
        ),
    )


# --- maternity -------------------------------------------------------------------------------


def leave_data(leave: Leave) -> dict[str, Any]:
    rule = leave.entitlement
    return {
        "id": leave.id,
        "staff_code": leave.staff_code,
        "full_name": leave.full_name,
        "unit": leave.unit_code,
        "expected_birth": _day(leave.expected_birth),
        "actual_birth": _day(leave.actual_birth),
        "babies": leave.babies,
        "birth_order": leave.birth_order,
        "leave_start": leave.leave_start.isoformat(),
        "leave_end": leave.leave_end.isoformat(),
        "entitlement_months": rule.months if rule else None,
        "entitlement_source": rule.source if rule else None,
        "note": leave.note,
    }


def maternity_data(report: MaternityReport) -> dict[str, Any]:
    ratio = report.women_on_leave
    return {
        "unit": report.unit_code,
        "unit_name": report.unit_name,
        "as_of": report.as_of.isoformat(),
        "women_on_leave": ratio.numerator,
        "women_staff": ratio.denominator,
        "percent": _float(ratio.percent),
        "on_leave": [leave_data(leave) for leave in report.on_leave],
        "ending_within_days": report.days,
        "ending": [leave_data(leave) for leave in report.ending],
        "protected": [
            {**leave_data(leave), "protected_until": until.isoformat()}
            for leave, until in report.protected
        ],
        "protection_source": SOURCE_PROTECTION,
    }


def _leave_table(
    key: str,
    caption: str,
    leaves: list[Leave],
    lang: Lang,
    protected_until: list[date] | None = None,
) -> ReportTable:
    columns = [
        column("policies.col.id", lang, "code"),
        column("policies.col.code", lang, "code"),
        column("policies.col.name", lang),
        column("policies.col.unit", lang, "code"),
        column("policies.col.birth", lang),
        column("policies.col.order", lang, "count"),
        column("policies.col.babies", lang, "count"),
        column("policies.col.start", lang, "date"),
        column("policies.col.end", lang, "date"),
        column("policies.col.entitlement", lang),
    ]
    if protected_until is not None:
        columns.append(column("policies.col.protected_until", lang, "date"))
    rows = []
    for index, leave in enumerate(leaves):
        rule = leave.entitlement
        birth = leave.actual_birth or leave.expected_birth
        shown_birth = formatting.short_date(birth) if birth else ""
        if leave.actual_birth is None and birth is not None:
            shown_birth += f" ({text('policies.col.expected', lang)})"
        row: list[CellValue] = [
            str(leave.id),
            leave.staff_code,
            leave.full_name,
            leave.unit_code,
            shown_birth,
            leave.birth_order,
            leave.babies,
            leave.leave_start,
            leave.leave_end,
            text("policies.months", lang, months=rule.months) if rule else "—",
        ]
        if protected_until is not None:
            row.append(protected_until[index])
        rows.append(tuple(row))
    return ReportTable(key=key, caption=caption, columns=tuple(columns), rows=tuple(rows))


def maternity_blocks(report: MaternityReport, lang: Lang = "vi") -> tuple[Block, ...]:
    """``binhdang maternity list``: the women on leave on the day, the leaves ending soon and
    the mothers protected after their leave."""
    from datetime import timedelta

    ratio = report.women_on_leave
    header = text(
        "policies.on_leave",
        lang,
        count=formatting.number(ratio.numerator, lang),
        total=formatting.number(ratio.denominator, lang),
        share=formatting.percent(ratio.percent, lang),
    )
    until = formatting.short_date(report.as_of + timedelta(days=report.days))
    return (
        Paragraph(
            text(
                "policies.maternity_title",
                lang,
                unit=f"{report.unit_name} [{report.unit_code}]",
                as_of=formatting.short_date(report.as_of),
            )
        ),
        Paragraph(header),
        _leave_table("on_leave", text("policies.list_on_leave", lang), list(report.on_leave), lang),
        _leave_table(
            "ending",
            text("policies.list_ending", lang, days=report.days, until=until),
            list(report.ending),
            lang,
        ),
        _leave_table(
            "protected",
            text("policies.list_protected", lang, source=SOURCE_PROTECTION),
            [leave for leave, _ in report.protected],
            lang,
            [day for _, day in report.protected],
        ),
    )


# --- targets ---------------------------------------------------------------------------------
# One text per figure of an evaluation, used by every output (the report body and annex, the
# dashboard panel, ``binhdang targets`` and the API's JSON): the outputs differ only in
# layout, never in wording or figures.


def _measure(evaluation: Evaluation, value: Any, lang: Lang) -> str:
    if value is None:
        return text("out.not_applicable", lang)
    if evaluation.target.measure == "percent":
        return formatting.percent(value, lang)
    return formatting.number(value, lang)


def _number(value: int, lang: Lang) -> str:
    return formatting.number(value, lang)


def status_text(status: str | None, lang: Lang) -> str:
    return text(f"policies.status.{status}", lang) if status else "—"


def verdict_text(evaluation: Evaluation, lang: Lang) -> str:
    """The verdict: Đạt, Chưa đạt, Không áp dụng (why), or — for a body-wide target asked
    for a single unit — Không áp dụng cho từng đơn vị."""
    if evaluation.per_unit_only:
        return text("policies.status.per_unit", lang)
    if evaluation.status == "not_applicable" and evaluation.reason is not None:
        return text(
            "policies.status.not_applicable_because", lang, reason=evaluation.reason.render(lang)
        )
    return status_text(evaluation.status, lang)


def _ratio_text(target: Target, ratio: Ratio, lang: Lang) -> str:
    """A unit's figure on a share target ("5/20 (25,0%)"), or its count."""
    if target.measure == "count":
        return _number(ratio.numerator, lang)
    params = {
        "numerator": _number(ratio.numerator, lang),
        "denominator": _number(ratio.denominator, lang),
        "share": formatting.percent(ratio.percent, lang),
    }
    leader = unit_leader(target.indicator, lang)
    if leader is not None:
        return text("policies.figure.units_with", lang, leader=leader, **params)
    return text("policies.figure.share", lang, **params)


def unit_leader(indicator: str, lang: Lang) -> str | None:
    """What a unit-counting share of Nghị quyết 28 looks for in a unit: a woman in its key
    leadership (the 30% rule's one wording, :func:`rule_30_leader`) or, for the heads-only
    shares, a woman head; ``None`` for other indicators."""
    if indicator == "units_with_woman_key_leadership":
        return rule_30_leader(lang)
    if indicator in ("units_with_woman_head", "units_with_woman_key_leader"):
        return text("policies.key_leader", lang)
    return None


def standing_figure(target: Target, standing: Standing, lang: Lang) -> str:
    """A unit's figure among the units a target covers: for the 30% rule its women's share
    ("33,3% nữ, 2/6"); else its figure, or why the target does not apply to it."""
    ratio = standing.ratio
    if target.indicator in PER_UNIT_RULES and ratio is not None and ratio.denominator:
        return text(
            "policies.rule30.figure",
            lang,
            share=formatting.percent(standing.value, lang),
            women=_number(ratio.numerator, lang),
            staff=_number(ratio.denominator, lang),
        )
    if standing.status == "not_applicable" or ratio is None:
        return standing.reason.render(lang) if standing.reason else status_text(None, lang)
    return _ratio_text(target, ratio, lang)


def own_text(target: Target, standing: Standing, lang: Lang) -> str:
    """The unit's own standing: for the 30% rule its women's share and whether it has a
    woman head or deputy (the one wording of :func:`rule_30_leader`); else its figure."""
    ratio = standing.ratio
    if target.indicator in PER_UNIT_RULES and ratio is not None and ratio.denominator:
        if standing.status == "not_applicable":
            leader = text("policies.rule30.below", lang)
        else:
            key = "policies.rule30.has" if standing.woman_leader else "policies.rule30.has_not"
            leader = text(key, lang, leader=rule_30_leader(lang))
        return text(
            "policies.rule30.own",
            lang,
            unit=standing.unit_name,
            share=formatting.percent(standing.value, lang),
            women=_number(ratio.numerator, lang),
            staff=_number(ratio.denominator, lang),
            leader=leader,
        )
    return text(
        "policies.figure.own",
        lang,
        unit=standing.unit_name,
        figure=standing_figure(target, standing, lang),
    )


def listed_text(target: Target, standing: Standing, lang: Lang) -> str:
    """A unit in a list of units falling short: "Phòng A (33,3% nữ, 2/6)"."""
    return text(
        "policies.figure.listed_unit",
        lang,
        unit=standing.unit_name,
        figure=standing_figure(target, standing, lang),
    )


def value_text(evaluation: Evaluation, lang: Lang) -> str:
    """The figure now ("Hiện tại"): for a target applied unit by unit, the unit's own
    standing and how many units under it fall short; else "numerator/denominator (share)"
    or the count; "—" when the target does not apply."""
    target = evaluation.target
    ratio = evaluation.ratio
    if not target.per_unit:
        if evaluation.status == "not_applicable" or ratio is None:
            return text("policies.gap.none", lang)
        return _ratio_text(target, ratio, lang)
    parts = []
    if evaluation.own is not None:
        parts.append(own_text(target, evaluation.own, lang))
    below = evaluation.applicable_below or 0
    if below:
        key = "policies.figure.below" if evaluation.own is not None else "policies.figure.listed"
        parts.append(
            text(
                key,
                lang,
                short=_number(len(evaluation.short), lang),
                applicable=_number(below, lang),
            )
        )
    return "; ".join(parts) or text("policies.gap.none", lang)


def short_units_heading(evaluation: Evaluation, lang: Lang) -> str:
    return text("policies.short_units", lang, count=_number(len(evaluation.short), lang))


def short_units_text(evaluation: Evaluation, lang: Lang) -> str | None:
    """The units under the unit that fall short, by name ("Đơn vị trực thuộc chưa đạt (6):
    …"); ``None`` when none does."""
    if not evaluation.short:
        return None
    units = "; ".join(listed_text(evaluation.target, s, lang) for s in evaluation.short)
    return text(
        "policies.short_units_list",
        lang,
        heading=short_units_heading(evaluation, lang),
        units=units,
    )


def gap_text(evaluation: Evaluation, lang: Lang) -> str:
    if evaluation.gap is None or evaluation.gap == 0:
        return text("policies.gap.none", lang)
    target = evaluation.target
    count = _number(evaluation.gap, lang)
    if target.indicator in PER_UNIT_RULES and target.applies_to in ("unit", "each"):
        return text(
            f"policies.gap.{target.indicator}", lang, count=count, leader=rule_30_leader(lang)
        )
    if target.per_unit:
        return text("policies.gap.per_unit", lang, count=count)
    leader = unit_leader(target.indicator, lang)
    if leader is not None:
        return text("policies.gap.units_with", lang, count=count, leader=leader)
    return text(f"policies.gap.{target.gap_kind}", lang, count=count)


def threshold_text(evaluation: Evaluation, lang: Lang) -> str:
    target = evaluation.target
    if target.indicator in PER_UNIT_RULES and target.applies_to in ("unit", "each"):
        return text("policies.threshold.every_unit", lang)
    symbol = {">=": "≥", "<=": "≤", "==": "="}[target.operator]
    shown = f"{symbol} {_measure(evaluation, target.threshold, lang)}"
    if target.per_unit:
        return text("policies.threshold.each_unit", lang, threshold=shown)
    return shown


def deadline_text(evaluation: Evaluation, lang: Lang) -> str:
    """The deadline as the texts set it: a target "by 2025" ends on 31/12/2025 and is shown
    as "năm 2025" (a report issued before it then names no later date); other days in full."""
    deadline = evaluation.target.deadline
    if deadline is None:
        return text("policies.no_deadline", lang)
    if (deadline.month, deadline.day) == (12, 31):
        return text("policies.deadline_year", lang, year=deadline.year)
    return formatting.short_date(deadline)


def projection_text(evaluation: Evaluation, lang: Lang) -> str:
    if evaluation.projected is None:
        return "—"
    slope = evaluation.trend_per_year
    assert slope is not None
    sign = "+" if slope > 0 else ("−" if slope < 0 else "")
    if evaluation.target.measure == "percent":
        shown_slope = text(
            "policies.slope_points", lang, sign=sign, value=formatting.points(slope, lang)
        )
    else:
        shown_slope = text(
            "policies.slope_count", lang, sign=sign, value=formatting.points(slope, lang)
        )
    return text(
        "policies.projection",
        lang,
        value=_measure(evaluation, evaluation.projected, lang),
        status=status_text(evaluation.projected_status, lang),
        slope=shown_slope,
    )


def _standing_data(target: Target, standing: Standing, lang: Lang, own: bool) -> dict[str, Any]:
    ratio = standing.ratio
    return {
        "unit": standing.unit_code,
        "unit_name": standing.unit_name,
        "status": standing.status,
        "numerator": ratio.numerator if ratio else None,
        "denominator": ratio.denominator if ratio else None,
        "value": _float(standing.value),
        "gap": standing.gap,
        "woman_leader": standing.woman_leader,
        "reason": standing.reason.render(lang) if standing.reason else None,
        "figure": standing_figure(target, standing, lang),
        "text": own_text(target, standing, lang) if own else listed_text(target, standing, lang),
    }


def evaluation_data(evaluation: Evaluation, lang: Lang = "vi") -> dict[str, Any]:
    """One target's result as JSON (``binhdang targets --format json``, the API) with the
    texts every output shows (``*_text``)."""
    target = evaluation.target
    ratio = evaluation.ratio
    applies = target.applies_to
    return {
        "target": target.code,
        "name": target.name(lang),
        "source": target.source,
        "indicator": target.indicator,
        "measure": target.measure,
        "operator": target.operator,
        "threshold": float(target.threshold),
        "deadline": _day(target.deadline),
        "valid_from": _day(target.valid_from) if target.valid_from != date.min else None,
        "valid_to": _day(target.valid_to) if target.valid_to != OPEN_END else None,
        "indicator_deprecated": _deprecated(target.indicator, lang),
        "applies_to": list(applies) if isinstance(applies, tuple) else applies,
        "per_unit": target.per_unit,
        "unit": evaluation.unit_code,
        "unit_name": evaluation.unit_name,
        "as_of": evaluation.as_of.isoformat(),
        "status": evaluation.status,
        "numerator": ratio.numerator if ratio else None,
        "denominator": ratio.denominator if ratio else None,
        "value": _float(evaluation.value),
        "gap": evaluation.gap,
        "gap_kind": target.gap_kind,
        "reason": evaluation.reason.render(lang) if evaluation.reason else None,
        "own": _standing_data(target, evaluation.own, lang, True) if evaluation.own else None,
        "units_applicable_below": evaluation.applicable_below,
        "units_short": [_standing_data(target, s, lang, False) for s in evaluation.short],
        "units_short_heading": short_units_heading(evaluation, lang) if evaluation.short else None,
        "units_not_found": list(evaluation.not_found),
        "projected": _float(evaluation.projected),
        "projected_status": evaluation.projected_status,
        "trend_per_year": _float(evaluation.trend_per_year),
        "status_text": verdict_text(evaluation, lang),
        "value_text": value_text(evaluation, lang),
        "threshold_text": threshold_text(evaluation, lang),
        "deadline_text": deadline_text(evaluation, lang),
        "gap_text": gap_text(evaluation, lang),
        "projection_text": projection_text(evaluation, lang),
        "short_text": short_units_text(evaluation, lang),
        "history": [
            {
                "as_of": o.as_of.isoformat(),
                "numerator": o.ratio.numerator if o.ratio else None,
                "denominator": o.ratio.denominator if o.ratio else None,
            }
            for o in evaluation.history
        ],
    }


def targets_data(report: TargetsReport, lang: Lang = "vi") -> list[dict[str, Any]]:
    """Every target's result for the unit: the JSON of ``binhdang targets`` and the API."""
    return [evaluation_data(evaluation, lang) for evaluation in report.evaluations]


STATUS_EMPHASIS: dict[str, Emphasis] = {"met": "good", "not_met": "bad", "not_applicable": "muted"}


def targets_blocks(report: TargetsReport, lang: Lang = "vi") -> tuple[Block, ...]:
    """``binhdang targets`` in a terminal: one row per target (its verdict standing out), then
    the units that fall short of a target applied unit by unit."""
    rows: list[tuple[CellValue, ...]] = []
    emphasis: list[tuple[int, int, Emphasis]] = []
    notes: list[Block] = []
    for index, evaluation in enumerate(report.evaluations):
        target = evaluation.target
        emphasis += [(index, 0, "strong"), (index, 4, STATUS_EMPHASIS[evaluation.status])]
        rows.append(
            (
                f"{target.name(lang)}\n{target.source}",
                value_text(evaluation, lang),
                threshold_text(evaluation, lang),
                deadline_text(evaluation, lang),
                verdict_text(evaluation, lang),
                gap_text(evaluation, lang),
                projection_text(evaluation, lang),
            )
        )
        short = short_units_text(evaluation, lang)
        if short:
            notes.append(Paragraph(f"{target.name(lang)}: {short}"))
        notes += [
            Paragraph(text("policies.targets.unit_missing", lang, code=code))
            for code in evaluation.not_found
        ]
    table = ReportTable(
        key="targets",
        caption=text(
            "policies.targets_title",
            lang,
            unit=report.unit_name,
            as_of=formatting.short_date(report.as_of),
        ),
        columns=tuple(
            column(key, lang)
            for key in (
                "policies.col.target",
                "policies.col.value",
                "policies.col.threshold",
                "policies.col.deadline",
                "policies.col.status",
                "policies.col.gap",
                "policies.col.projection",
            )
        ),
        rows=tuple(rows),
        emphasis=tuple(emphasis),
    )
    return (table, *notes)


def reason_text(reason: Message | None, lang: Lang) -> str:
    return reason.render(lang) if reason else ""
