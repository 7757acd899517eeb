"""Retirement, maternity and target results as JSON-ready data and terminal tables (vi/en).

The same ``*_data`` dictionaries feed the CLI's ``--format json``, the report sections and
(later) the API, so every output shows the same figures.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.table import Table

from binhdang import formatting
from binhdang.indicators.catalogue import LEVEL_LABELS, SEX_LABELS, percent
from binhdang.messages import Lang, Message, text
from binhdang.policies.maternity import SOURCE_PROTECTION
from binhdang.policies.retirement import SOURCE_TIMING, Retirement
from binhdang.policies.service import (
    LEVELS,
    Leave,
    MaternityReport,
    RetirementReport,
    Retiring,
    TargetMatrix,
    TargetsReport,
)
from binhdang.policies.targets import Evaluation


def _label(labels: dict[str, tuple[str, str]], key: str, lang: Lang) -> str:
    vi, en = labels[key]
    return en if lang == "en" else vi


def level_label(level: str | None, lang: Lang) -> str:
    if level is None or level == "none":
        return text("policies.level.none", lang)
    return _label(LEVEL_LABELS, level, lang)


def _day(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


# --- retirement ------------------------------------------------------------------------------


def retirement_data(result: Retirement) -> dict[str, Any]:
    """``binhdang retirement --format json``."""
    return {
        "sex": result.sex,
        "birth_date": result.birth_date.isoformat(),
        "age_years": result.age_years,
        "age_months": result.age_months,
        "retirement_month": result.retirement_month,
        "retirement_date": result.retirement_date.isoformat(),
        "pension_from": result.pension_month,
        "schedule_year": result.schedule_year,
        "source": result.source,
        "timing_source": SOURCE_TIMING,
    }


def retirement_text(result: Retirement, born: str, lang: Lang) -> str:
    return text(
        "policies.retirement_result", lang,
        sex=_label(SEX_LABELS, result.sex, lang), born=born, years=result.age_years,
        months=result.age_months, retire=formatting.short_date(result.retirement_date, lang),
        month=result.retirement_date.strftime("%m/%Y"),
        pension=formatting.short_date(result.pension_from, lang), source=result.source,
        timing=SOURCE_TIMING,
    )  # fmt: skip


def _retiring(r: Retiring) -> dict[str, Any]:
    return {
        "staff_code": r.member.staff_code,
        "full_name": r.member.full_name,
        "sex": r.member.sex,
        "birth_date": r.member.birth_date.isoformat(),
        "unit": r.member.unit_code,
        "level": r.member.level,
        "post": r.member.title,
        "age_years": r.retirement.age_years,
        "age_months": r.retirement.age_months,
        "retirement_month": r.retirement.retirement_month,
        "retirement_date": r.retirement.retirement_date.isoformat(),
        "pension_from": r.retirement.pension_month,
    }


def retirements_data(report: RetirementReport, lang: Lang = "vi") -> dict[str, Any]:
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
    }


def _float(value: Any) -> float | None:
    return float(value) if value is not None else None


def _share(count: int, total: int, lang: Lang) -> str:
    return text("policies.of_managers", lang, count=formatting.number(count, lang),
                total=formatting.number(total, lang),
                share=formatting.percent(percent(count, total), lang))  # fmt: skip


def _people_table(title: str, people: tuple[Retiring, ...], lang: Lang) -> Table:
    short = formatting.short_date
    table = Table(title=title, title_justify="left")
    for key in ("policies.col.code", "policies.col.name", "policies.col.sex", "policies.col.born",
                "policies.col.unit", "policies.col.post", "policies.col.age",
                "policies.col.retirement", "policies.col.pension"):  # fmt: skip
        table.add_column(text(key, lang))
    for r in people:
        m = r.member
        table.add_row(m.staff_code, m.full_name, _label(SEX_LABELS, m.sex, lang),
                      short(m.birth_date), m.unit_code, m.title or "",
                      text("policies.age", lang, years=r.retirement.age_years,
                           months=r.retirement.age_months),
                      short(r.retirement.retirement_date), short(r.retirement.pension_from))  # fmt: skip
    if not people:
        table.add_row("", text("out.none", lang), *[""] * 7)
    return table


def retirements_table(report: RetirementReport, lang: Lang = "vi") -> Group:
    short = formatting.short_date
    title = text("policies.retirements_title", lang, start=short(report.start),
                 end=short(report.end), unit=f"{report.unit_name} [{report.unit_code}]")  # fmt: skip
    parts: list[Any] = [_people_table(title, report.people, lang)]
    summary = Table(title=text("policies.retirements_summary", lang), title_justify="left")
    summary.add_column(text("policies.col.level", lang))
    for key in ("policies.col.women", "policies.col.men", "policies.col.total"):
        summary.add_column(text(key, lang), justify="right")
    for level in LEVELS:
        women = report.by_sex_level[("F", level)]
        men = report.by_sex_level[("M", level)]
        summary.add_row(level_label(level, lang), formatting.number(women, lang),
                        formatting.number(men, lang), formatting.number(women + men, lang))  # fmt: skip
    parts += [summary, managers_table(report, lang)]
    if report.overdue:
        parts.append(_people_table(text("policies.overdue_title", lang,
                                        as_of=short(report.start)), report.overdue, lang))  # fmt: skip
    return Group(*parts)


def managers_table(report: RetirementReport, lang: Lang = "vi") -> Table:
    table = Table(title=text("policies.managers_title", lang,
                             as_of=formatting.short_date(report.start)), title_justify="left")  # fmt: skip
    table.add_column(text("policies.col.horizon", lang))
    table.add_column(text("policies.col.women", lang), justify="right")
    table.add_column(text("policies.col.men", lang), justify="right")
    for m in report.managers:
        table.add_row(text("policies.horizon", lang, years=m.years,
                           until=formatting.short_date(m.until)),
                      _share(m.women, m.women_managers, lang), _share(m.men, m.men_managers, lang))  # fmt: skip
    return table


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


def _leave_table(title: str, leaves: list[Leave], lang: Lang, extra: list[str] | None = None,
                 extra_title: str | None = None) -> Table:  # fmt: skip
    short = formatting.short_date
    table = Table(title=title, title_justify="left")
    for key in ("policies.col.id", "policies.col.code", "policies.col.name", "policies.col.unit",
                "policies.col.birth", "policies.col.order", "policies.col.babies",
                "policies.col.start", "policies.col.end", "policies.col.entitlement"):  # fmt: skip
        table.add_column(text(key, lang))
    if extra_title:
        table.add_column(extra_title)
    for index, leave in enumerate(leaves):
        rule = leave.entitlement
        birth = leave.actual_birth or leave.expected_birth
        shown_birth = short(birth) if birth else ""
        if leave.actual_birth is None and birth is not None:
            shown_birth += f" ({text('policies.col.expected', lang)})"
        row = [str(leave.id), leave.staff_code, leave.full_name, leave.unit_code, shown_birth,
               str(leave.birth_order), str(leave.babies), short(leave.leave_start),
               short(leave.leave_end),
               text("policies.months", lang, months=rule.months) if rule else "—"]  # fmt: skip
        if extra is not None:
            row.append(extra[index])
        table.add_row(*row)
    if not leaves:
        table.add_row("", "", text("out.none", lang), *[""] * (7 + (1 if extra_title else 0)))
    return table


def maternity_table(report: MaternityReport, lang: Lang = "vi") -> Group:
    from datetime import timedelta

    ratio = report.women_on_leave
    header = text("policies.on_leave", lang, count=formatting.number(ratio.numerator, lang),
                  total=formatting.number(ratio.denominator, lang),
                  share=formatting.percent(ratio.percent, lang))  # fmt: skip
    until = formatting.short_date(report.as_of + timedelta(days=report.days))
    return Group(
        text("policies.maternity_title", lang, unit=f"{report.unit_name} [{report.unit_code}]",
             as_of=formatting.short_date(report.as_of)),
        header,
        _leave_table(text("policies.list_on_leave", lang), list(report.on_leave), lang),
        _leave_table(text("policies.list_ending", lang, days=report.days, until=until),
                     list(report.ending), lang),
        _leave_table(text("policies.list_protected", lang, source=SOURCE_PROTECTION),
                     [leave for leave, _ in report.protected], lang,
                     [formatting.short_date(until) for _, until in report.protected],
                     text("policies.col.protected_until", lang)),
    )  # fmt: skip


# --- targets ---------------------------------------------------------------------------------


def _measure(evaluation: Evaluation, value: Any, lang: Lang) -> str:
    if value is None:
        return text("out.not_applicable", lang)
    if evaluation.target.measure == "percent":
        return formatting.percent(value, lang)
    return formatting.number(value, lang)


def gap_text(evaluation: Evaluation, lang: Lang) -> str:
    if evaluation.gap is None or evaluation.gap == 0:
        return text("policies.gap.none", lang)
    key = f"policies.gap.{evaluation.target.indicator}"
    if key not in _GAP_KEYS:
        key = f"policies.gap.{evaluation.target.gap_kind}"
    return text(key, lang, count=formatting.number(evaluation.gap, lang))


_GAP_KEYS = {
    "policies.gap.units_with_woman_key_leader",
    "policies.gap.units_30pct_women_without_woman_leader",
}


def threshold_text(evaluation: Evaluation, lang: Lang) -> str:
    target = evaluation.target
    symbol = {">=": "≥", "<=": "≤", "==": "="}[target.operator]
    return f"{symbol} {_measure(evaluation, target.threshold, lang)}"


def status_text(status: str | None, lang: Lang) -> str:
    return text(f"policies.status.{status}", lang) if status else "—"


def projection_text(evaluation: Evaluation, lang: Lang) -> str:
    if evaluation.projected is None:
        return "—"
    slope = evaluation.trend_per_year
    assert slope is not None
    sign = "+" if slope > 0 else ("−" if slope < 0 else "")
    if evaluation.target.measure == "percent":
        shown_slope = text("policies.slope_points", lang, sign=sign,
                           value=formatting.points(slope, lang))  # fmt: skip
    else:
        shown_slope = text("policies.slope_count", lang, sign=sign,
                           value=formatting.points(slope, lang))  # fmt: skip
    return text("policies.projection", lang, value=_measure(evaluation, evaluation.projected, lang),
                status=status_text(evaluation.projected_status, lang), slope=shown_slope)  # fmt: skip


def evaluation_data(evaluation: Evaluation, lang: Lang = "vi") -> dict[str, Any]:
    target = evaluation.target
    ratio = evaluation.ratio
    return {
        "target": target.code,
        "name": target.name(lang),
        "source": target.source,
        "indicator": target.indicator,
        "measure": target.measure,
        "operator": target.operator,
        "threshold": float(target.threshold),
        "deadline": _day(target.deadline),
        "unit": evaluation.unit_code,
        "unit_name": evaluation.unit_name,
        "as_of": evaluation.as_of.isoformat(),
        "status": evaluation.status,
        "numerator": ratio.numerator if ratio else None,
        "denominator": ratio.denominator if ratio else None,
        "value": _float(evaluation.value),
        "gap": evaluation.gap,
        "gap_kind": target.gap_kind,
        "gap_text": gap_text(evaluation, lang),
        "reason": evaluation.reason.render(lang) if evaluation.reason else None,
        "projected": _float(evaluation.projected),
        "projected_status": evaluation.projected_status,
        "trend_per_year": _float(evaluation.trend_per_year),
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
    return [evaluation_data(evaluation, lang) for evaluation in report.evaluations]


def target_matrix_data(matrix: TargetMatrix, lang: Lang = "vi") -> dict[str, Any]:
    """Which targets each unit meets (for a dashboard panel): units × targets."""
    names = {e.unit_code: e.unit_name for e in matrix.report.evaluations}
    return {
        "unit": matrix.report.unit_code,
        "as_of": matrix.report.as_of.isoformat(),
        "targets": [
            {"code": t.code, "name": t.name(lang), "source": t.source} for t in matrix.targets
        ],
        "units": [
            {
                "unit": code,
                "name": names.get(code, code),
                "results": {
                    t.code: evaluation_data(cell, lang)
                    for t in matrix.targets
                    if (cell := matrix.cell(code, t.code)) is not None
                },
            }
            for code in matrix.unit_codes
        ],
    }


def targets_table(report: TargetsReport, lang: Lang = "vi") -> Table:
    table = Table(title=text("policies.targets_title", lang,
                             unit=f"{report.unit_name} [{report.unit_code}]",
                             as_of=formatting.short_date(report.as_of)),
                  title_justify="left")  # fmt: skip
    for key, justify in (("policies.col.target", "left"), ("policies.col.unit", "left"),
                         ("policies.col.value", "right"), ("policies.col.threshold", "right"),
                         ("policies.col.deadline", "left"), ("policies.col.status", "left"),
                         ("policies.col.gap", "left"), ("policies.col.projection", "left")):  # fmt: skip
        table.add_column(text(key, lang), justify=justify)  # type: ignore[arg-type]
    colours = {"met": "green", "not_met": "red", "not_applicable": "dim"}
    previous = None
    for evaluation in report.evaluations:
        target = evaluation.target
        first = target.code != previous
        previous = target.code
        if first and report.evaluations.index(evaluation):
            table.add_section()
        ratio = evaluation.ratio
        value = _measure(evaluation, evaluation.value, lang)
        if ratio is not None and ratio.denominator and target.measure == "percent":
            value = f"{ratio.numerator}/{ratio.denominator} = {value}"
        status = status_text(evaluation.status, lang)
        if evaluation.reason is not None:
            status += f"\n[dim]{evaluation.reason.render(lang)}[/dim]"
        deadline = (formatting.short_date(target.deadline) if target.deadline
                    else text("policies.no_deadline", lang))  # fmt: skip
        table.add_row(
            f"[bold]{target.name(lang)}[/bold]\n[dim]{target.source}[/dim]" if first else "",
            evaluation.unit_code, value, threshold_text(evaluation, lang) if first else "",
            deadline if first else "",
            f"[{colours[evaluation.status]}]{status}[/{colours[evaluation.status]}]",
            gap_text(evaluation, lang), projection_text(evaluation, lang),
        )  # fmt: skip
    return table


def reason_text(reason: Message | None, lang: Lang) -> str:
    return reason.render(lang) if reason else ""
