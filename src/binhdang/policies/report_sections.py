"""Report sections of the policies area: retirement (600), maternity (610), targets (700).

Each section calls the same library function as its CLI command, with the arguments stated
in its first paragraph, so the figures match:

* retirement: ``binhdang retirements --unit U --from AS_OF --to AS_OF+1 year-1 day``;
* maternity: ``binhdang maternity list --unit U --as-of AS_OF --days 30``;
* targets: ``binhdang targets --unit U --as-of AS_OF`` (the shipped targets): one evaluation
  per target, shown with the same texts as the CLI, the dashboard and the API.

Maternity is reported in aggregate only (no names): it is health-related personal data.
"""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from binhdang import formatting
from binhdang.indicators.catalogue import SEX_LABELS
from binhdang.messages import Lang, text
from binhdang.policies import output
from binhdang.policies.maternity import SOURCE_PROTECTION
from binhdang.policies.retirement import SOURCE_SCHEDULE, SOURCE_TIMING
from binhdang.policies.service import (
    LEVELS,
    evaluate_targets,
    maternity_report,
    retirements,
)
from binhdang.policies.targets import PER_UNIT_RULES, Evaluation, default_targets
from binhdang.reports.content import (
    Block,
    CellValue,
    Column,
    Paragraph,
    ReportTable,
    SectionContent,
)
from binhdang.reports.sections import section
from binhdang.reports.source import ReportSource

MATERNITY_DAYS = 30


def retirement_period(as_of: date) -> tuple[date, date]:
    """The report's retirement window: the 12 months from the as-of date."""
    return as_of, as_of + relativedelta(years=1) - timedelta(days=1)


def _col(key: str, lang: Lang, kind: str = "text") -> Column:
    return Column(text(key, lang), kind)  # type: ignore[arg-type]


def _sex(code: str, lang: Lang) -> str:
    vi, en = SEX_LABELS[code]
    return en if lang == "en" else vi


@section("retirement", order=600, title="policies.report.retirement")
def retirement_section(source: ReportSource) -> SectionContent:
    lang = source.lang
    start, end = retirement_period(source.as_of)
    report = retirements(source.connection, source.unit.code, start, end, tree=source.tree)
    short = formatting.short_date
    women = sum(report.by_sex_level[("F", level)] for level in LEVELS)
    men = sum(report.by_sex_level[("M", level)] for level in LEVELS)
    managers = sum(
        report.by_sex_level[(sex, level)] for sex in ("F", "M") for level in ("head", "deputy")
    )
    blocks: list[Block] = []
    if women + men:
        blocks.append(Paragraph(text(
            "policies.report.retirement_period", lang, start=short(start), end=short(end),
            total=formatting.number(women + men, lang), women=formatting.number(women, lang),
            men=formatting.number(men, lang), managers=formatting.number(managers, lang),
        )))  # fmt: skip
    else:
        blocks.append(Paragraph(text("policies.report.retirement_none", lang,
                                     start=short(start), end=short(end))))  # fmt: skip
    last = report.managers[-1]
    blocks.append(Paragraph(text(
        "policies.report.managers_outlook", lang, years=last.years, until=short(last.until),
        women=formatting.number(last.women, lang), women_total=formatting.number(
            last.women_managers, lang), men=formatting.number(last.men, lang),
        men_total=formatting.number(last.men_managers, lang),
    )))  # fmt: skip
    if report.overdue:
        blocks.append(Paragraph(text("policies.report.overdue", lang,
                                     count=formatting.number(len(report.overdue), lang),
                                     date=short(start))))  # fmt: skip
    blocks.append(Paragraph(text("policies.report.retirement_source", lang,
                                 source=f"{SOURCE_SCHEDULE}; {SOURCE_TIMING}")))  # fmt: skip
    blocks.append(ReportTable(
        key="retirement_by_level",
        caption=text("policies.report.table.by_level", lang, start=short(start), end=short(end)),
        columns=(_col("policies.col.level", lang), _col("policies.col.women", lang, "count"),
                 _col("policies.col.men", lang, "count"), _col("policies.col.total", lang, "count")),
        rows=tuple(
            (output.level_label(level, lang), report.by_sex_level[("F", level)],
             report.by_sex_level[("M", level)],
             report.by_sex_level[("F", level)] + report.by_sex_level[("M", level)])
            for level in LEVELS
        ),
        total=(text("policies.col.total", lang), women, men, women + men),
        sheet=text("policies.sheet.retirement", lang),
    ))  # fmt: skip
    blocks.append(ReportTable(
        key="managers_retiring",
        caption=text("policies.managers_title", lang, as_of=short(start)),
        columns=(_col("policies.col.horizon", lang), _col("policies.col.until", lang, "date"),
                 _col("policies.col.women", lang, "count"),
                 _col("policies.col.women_managers", lang, "count"),
                 _col("policies.col.share", lang, "percent"),
                 _col("policies.col.men", lang, "count"),
                 _col("policies.col.men_managers", lang, "count"),
                 _col("policies.col.share", lang, "percent")),
        rows=tuple(
            (text("policies.years", lang, years=m.years), m.until, m.women, m.women_managers,
             m.women_ratio.percent, m.men, m.men_managers, m.men_ratio.percent)
            for m in report.managers
        ),
        sheet=text("policies.sheet.managers", lang),
    ))  # fmt: skip
    if report.people:
        blocks.append(ReportTable(
            key="retiring_people",
            caption=text("policies.retirements_title", lang, start=short(start), end=short(end),
                         unit=source.unit.name),
            columns=(_col("policies.col.code", lang, "code"), _col("policies.col.name", lang),
                     _col("policies.col.sex", lang), _col("policies.col.unit", lang, "code"),
                     _col("policies.col.post", lang), _col("policies.col.age_text", lang),
                     _col("policies.col.retirement", lang, "date"),
                     _col("policies.col.pension", lang, "date")),
            rows=tuple(
                (r.member.staff_code, r.member.full_name, _sex(r.member.sex, lang),
                 r.member.unit_code, r.member.title or "",
                 text("policies.age", lang, years=r.retirement.age_years,
                      months=r.retirement.age_months),
                 r.retirement.retirement_date, r.retirement.pension_from)
                for r in report.people
            ),
            sheet=text("policies.sheet.retiring_people", lang),
            in_body=False,  # names only in the annex, for the personnel department
        ))  # fmt: skip
    return SectionContent(blocks=tuple(blocks), data=report)


@section("maternity", order=610, title="policies.report.maternity")
def maternity_section(source: ReportSource) -> SectionContent | None:
    lang = source.lang
    women_staff = source.indicators.get("women_share_staff").ratio.numerator
    report = maternity_report(source.connection, source.unit.code, source.as_of, MATERNITY_DAYS,
                              tree=source.tree, women_staff=women_staff)  # fmt: skip
    ratio = report.women_on_leave
    if ratio.denominator == 0:
        return None
    short = formatting.short_date
    paragraph = text(
        "policies.report.maternity_summary", lang, date=formatting.long_date(source.as_of, lang),
        count=formatting.number(ratio.numerator, lang),
        total=formatting.number(ratio.denominator, lang),
        share=formatting.percent(ratio.percent, lang),
        ending=formatting.number(len(report.ending), lang), days=report.days,
        protected=formatting.number(len(report.protected), lang), source=SOURCE_PROTECTION,
    )  # fmt: skip
    by_unit: dict[str, list[int]] = {}
    for leave in report.on_leave:
        by_unit.setdefault(leave.unit_code, [0, 0, 0])[0] += 1
    for leave in report.ending:
        by_unit.setdefault(leave.unit_code, [0, 0, 0])[1] += 1
    for leave, _ in report.protected:
        by_unit.setdefault(leave.unit_code, [0, 0, 0])[2] += 1
    rows = tuple((code, *counts) for code, counts in sorted(by_unit.items()))
    table = ReportTable(
        key="maternity_by_unit",
        caption=text("policies.report.table.maternity", lang, date=short(source.as_of)),
        columns=(_col("policies.col.unit", lang, "code"),
                 _col("policies.col.on_leave", lang, "count"),
                 _col("policies.col.ending", lang, "count"),
                 _col("policies.col.protected", lang, "count")),
        rows=rows,
        total=(text("policies.col.total", lang), len(report.on_leave), len(report.ending),
               len(report.protected)),
        sheet=text("policies.sheet.maternity", lang),
    )  # fmt: skip
    return SectionContent(blocks=(Paragraph(paragraph), table), data=report)


def _targets_row(evaluation: Evaluation, lang: Lang) -> tuple[CellValue, ...]:
    """One target in the annex: the body's texts and the raw figures, the code at the right."""
    target = evaluation.target
    ratio = evaluation.ratio
    share = evaluation.value if target.measure == "percent" and not target.per_unit else None
    return (
        target.name(lang), evaluation.unit_name,
        ratio.numerator if ratio else None, ratio.denominator if ratio else None, share,
        output.value_text(evaluation, lang), output.threshold_text(evaluation, lang),
        target.deadline, output.verdict_text(evaluation, lang),
        output.gap_text(evaluation, lang), evaluation.projected if share is not None else None,
        target.source, target.code,
    )  # fmt: skip


def _targets_columns(lang: Lang) -> tuple[Column, ...]:
    return (
        _col("policies.col.target", lang), _col("policies.col.unit", lang),
        _col("policies.col.numerator", lang, "count"),
        _col("policies.col.denominator", lang, "count"),
        _col("policies.col.share", lang, "percent"), _col("policies.col.value", lang),
        _col("policies.col.threshold", lang), _col("policies.col.deadline", lang, "date"),
        _col("policies.col.status", lang), _col("policies.col.gap", lang),
        _col("policies.col.projection", lang, "percent"), _col("policies.col.source", lang),
        _col("policies.col.target_code", lang, "code"),
    )  # fmt: skip


def _short_rows(
    evaluations: tuple[Evaluation, ...], lang: Lang
) -> tuple[tuple[CellValue, ...], ...]:
    """The units that fall short of a target applied unit by unit, for the annex."""
    return tuple(
        (e.target.name(lang), s.unit_name, s.ratio.numerator if s.ratio else None,
         s.ratio.denominator if s.ratio else None,
         s.value if e.target.measure == "percent" or e.target.indicator in PER_UNIT_RULES
         else None,
         output.status_text(s.status, lang), s.unit_code, e.target.code)
        for e in evaluations for s in e.short
    )  # fmt: skip


def _not_met_paragraph(evaluation: Evaluation, lang: Lang) -> str:
    """A target not met, in words: its figure and gap, the projection when there is one, and
    for a target applied unit by unit the unit's own standing and the units falling short."""
    target = evaluation.target
    if target.per_unit:
        parts = [text("policies.report.target_not_met_units", lang, target=target.name(lang))]
        if evaluation.own is not None:
            parts.append(text("policies.report.sentence", lang,
                              text=output.own_text(target, evaluation.own, lang)))  # fmt: skip
    else:
        parts = [text("policies.report.target_not_met", lang, target=target.name(lang),
                      value=output.value_text(evaluation, lang),
                      gap=output.gap_text(evaluation, lang))]  # fmt: skip
    if evaluation.projected is not None:
        parts.append(text("policies.report.target_projection", lang,
                          deadline=output.deadline_text(evaluation, lang),
                          projection=output.projection_text(evaluation, lang)))  # fmt: skip
    short = output.short_units_text(evaluation, lang)
    if short:
        parts.append(short)
    return " ".join(parts)


def _summary(statuses: list[str], day: str, lang: Lang) -> str:
    """ "Đánh giá tại …: 1 mục tiêu đạt, 3 mục tiêu chưa đạt." (counts of zero left out)."""
    parts = [text(f"policies.report.count.{status}", lang, count=statuses.count(status))
             for status in ("met", "not_met", "not_applicable") if statuses.count(status)]  # fmt: skip
    return text("policies.report.targets_summary", lang, date=day, parts=", ".join(parts))


@section("targets", order=700, title="policies.report.targets")
def targets_section(source: ReportSource) -> SectionContent:
    """One row per target for the unit — the evaluation every other output shows
    (:func:`~binhdang.policies.service.evaluate_targets`, the texts of
    :mod:`binhdang.policies.output`); a target not met gets a paragraph naming the units
    that fall short. The annex has the same rows with the raw figures, and those units."""
    lang = source.lang
    report = evaluate_targets(source.connection, source.unit.code, source.as_of,
                              default_targets(), tree=source.tree)  # fmt: skip
    evaluations = report.evaluations
    statuses = [e.status for e in evaluations]
    summary = Paragraph(_summary(statuses, formatting.long_date(source.as_of, lang), lang))
    notes: list[Block] = [Paragraph(_not_met_paragraph(e, lang)) for e in evaluations
                          if e.status == "not_met"]  # fmt: skip
    sources = list(dict.fromkeys(e.target.source for e in evaluations))
    caption = text("policies.targets_title", lang, unit=source.unit.name,
                   as_of=formatting.short_date(source.as_of))  # fmt: skip
    blocks: list[Block] = [
        summary,
        *notes,
        ReportTable(
            key="targets_summary", caption=caption,
            columns=(_col("policies.col.target", lang), _col("policies.col.value", lang),
                     _col("policies.col.threshold", lang), _col("policies.col.deadline", lang),
                     _col("policies.col.status", lang), _col("policies.col.gap", lang)),
            rows=tuple(
                (e.target.name(lang), output.value_text(e, lang), output.threshold_text(e, lang),
                 output.deadline_text(e, lang), output.verdict_text(e, lang),
                 output.gap_text(e, lang))
                for e in evaluations
            ),
        ),
        Paragraph(text("policies.report.retirement_source", lang, source="; ".join(sources))),
        ReportTable(
            key="targets", caption=caption, columns=_targets_columns(lang),
            rows=tuple(_targets_row(e, lang) for e in evaluations),
            sheet=text("policies.sheet.targets", lang), in_body=False,
        ),
    ]  # fmt: skip
    short = _short_rows(evaluations, lang)
    if short:
        blocks.append(ReportTable(
            key="targets_short", caption=text("policies.report.table.targets_short", lang,
                                              date=formatting.short_date(source.as_of)),
            columns=(_col("policies.col.target", lang), _col("policies.col.unit", lang),
                     _col("policies.col.numerator", lang, "count"),
                     _col("policies.col.denominator", lang, "count"),
                     _col("policies.col.share", lang, "percent"),
                     _col("policies.col.status", lang),
                     _col("policies.col.unit_code", lang, "code"),
                     _col("policies.col.target_code", lang, "code")),
            rows=short, sheet=text("policies.sheet.targets_short", lang), in_body=False,
        ))  # fmt: skip
    return SectionContent(blocks=tuple(blocks), data=report)
