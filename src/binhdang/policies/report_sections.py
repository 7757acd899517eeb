"""Report sections of the policies area: retirement (600), maternity (610), targets (700).

Each section calls the same library function as its CLI command, so the figures match:

* retirement: ``binhdang retirements --unit U --from AS_OF --to AS_OF+1 year-1 day``;
* maternity: ``binhdang maternity list --unit U --as-of AS_OF`` (women on leave and in the
  protection period on the headcount date), plus the leaves that meet the reporting period;
* targets: ``binhdang targets --unit U --as-of AS_OF`` (the shipped targets): one evaluation
  per target, shown with the same texts as the CLI, the dashboard and the API.

Maternity is reported in aggregate only (no names): it is health-related personal data. Its
section is registered from the record kinds' registry, with the kind
(:mod:`binhdang.policies.record_kinds`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from sqlalchemy import select

from binhdang import formatting
from binhdang.indicators.catalogue import SEX_LABELS
from binhdang.messages import Lang, text
from binhdang.policies import output
from binhdang.policies import pay_section as _pay_section  # noqa: F401  (registers its section)
from binhdang.policies.maternity import SOURCE_PROTECTION
from binhdang.policies.retirement import LAWS, TIMING
from binhdang.policies.service import (
    LEVELS,
    ManagersRetiring,
    TargetsReport,
    evaluate_targets,
    maternity_report,
    retirements,
)
from binhdang.policies.tables import maternity_leave
from binhdang.policies.targets import PER_UNIT_RULES, Evaluation, default_targets
from binhdang.reports.branches import branch_table, sum_by_branch
from binhdang.reports.content import (
    Block,
    CellValue,
    Column,
    Paragraph,
    ReportTable,
    SectionContent,
)
from binhdang.reports.period import capitalised, within
from binhdang.reports.sections import section
from binhdang.reports.source import ReportSource
from binhdang.reports.women_men import column
from binhdang.reports.wording import counted
from binhdang.rules import in_period
from binhdang.store.tables import import_batch

MATERNITY_DAYS = 30


def retirement_period(as_of: date) -> tuple[date, date]:
    """The report's retirement window: the 12 months from the as-of date."""
    return as_of, as_of + relativedelta(years=1) - timedelta(days=1)


def retirement_sources(start: date, end: date) -> str:
    """The texts in force during the retirement window: the ages and the timing rules."""
    texts = [law.source for law in in_period(LAWS, start, end)]
    texts += [timing.source for timing in in_period(TIMING, start, end)]
    return "; ".join(dict.fromkeys(texts))


def _sex(code: str, lang: Lang) -> str:
    vi, en = SEX_LABELS[code]
    return en if lang == "en" else vi


def _women_men(women: int, men: int, lang: Lang) -> str:
    """``3 nữ, 2 nam`` / ``đều là nữ`` / ``đều là nam``: no "0 nam" in a sentence."""
    if men == 0:
        return text("policies.report.all_women", lang)
    if women == 0:
        return text("policies.report.all_men", lang)
    return text(
        "policies.report.women_men",
        lang,
        women=counted("woman", women, lang),
        men=counted("man", men, lang),
    )


def _managers_outlook(last: ManagersRetiring, lang: Lang, since: str) -> str:
    """Managers reaching the retirement age within the last horizon, by sex; a sex without
    managers is left out, and a count of none said in words."""
    managers = last.women_managers + last.men_managers
    if managers == 0:
        return text("policies.report.outlook_no_managers", lang)
    if last.women + last.men == 0:
        return text(
            "policies.report.outlook_none",
            lang,
            years=last.years,
            since=since,
            total=formatting.number(managers, lang),
        )
    parts = []
    for key, count, total in (
        ("women", last.women, last.women_managers),
        ("men", last.men, last.men_managers),
    ):
        if total == 0:
            continue
        parts.append(
            text(
                f"policies.report.outlook_{key}" + ("_none" if count == 0 else ""),
                lang,
                count=formatting.number(count, lang),
                total=formatting.number(total, lang),
            )
        )
    return text(
        "policies.report.managers_outlook",
        lang,
        years=last.years,
        since=since,
        parts=text("policies.report.and", lang).join(parts),
    )


@section("retirement", order=600, title="policies.report.retirement")
def retirement_section(source: ReportSource) -> SectionContent:
    """Who reaches the retirement age in the 12 months from the headcount date, and the
    managers who do within 1, 3 and 5 years. The windows are told from the headcount date
    ("trong 12 tháng kể từ ngày …"): the body names no day after the issue date."""
    lang = source.lang
    start, end = retirement_period(source.as_of)
    report = retirements(source.connection, source.unit.code, start, end, tree=source.tree)
    short = formatting.short_date
    since = short(start)
    women = sum(report.by_sex_level[("F", level)] for level in LEVELS)
    men = sum(report.by_sex_level[("M", level)] for level in LEVELS)
    managers = sum(
        report.by_sex_level[(sex, level)] for sex in ("F", "M") for level in ("head", "deputy")
    )
    blocks: list[Block] = []
    if women + men:
        among = (
            text(
                "policies.report.of_whom_managers", lang, managers=counted("person", managers, lang)
            )
            if managers
            else text("policies.report.no_managers_among", lang)
        )
        blocks.append(
            Paragraph(
                text(
                    "policies.report.retirement_period",
                    lang,
                    since=since,
                    total=counted("person", women + men, lang),
                    sexes=_women_men(women, men, lang),
                    among=among,
                )
            )
        )
    else:
        blocks.append(Paragraph(text("policies.report.retirement_none", lang, since=since)))
    blocks.append(Paragraph(_managers_outlook(report.managers[-1], lang, since)))
    if report.overdue:
        blocks.append(
            Paragraph(
                text(
                    "policies.report.overdue",
                    lang,
                    count=counted("person", len(report.overdue), lang),
                    date=short(start),
                )
            )
        )
    blocks.append(
        Paragraph(
            text("policies.report.retirement_source", lang, source=retirement_sources(start, end))
        )
    )
    blocks.append(
        output.by_level_table(
            report,
            "retirement_by_level",
            text("policies.report.table.by_level", lang, since=since),
            lang,
            total=True,
            sheet=text("policies.sheet.retirement", lang),
        )
    )
    blocks.append(
        ReportTable(
            key="managers_retiring",
            caption=text("policies.report.table.managers", lang, since=since),
            columns=(
                column("policies.col.horizon", lang),
                column("policies.col.women", lang, "count"),
                column("policies.col.women_managers", lang, "count"),
                column("policies.col.share", lang, "percent"),
                column("policies.col.men", lang, "count"),
                column("policies.col.men_managers", lang, "count"),
                column("policies.col.share", lang, "percent"),
            ),
            rows=tuple(
                (
                    text("policies.years", lang, years=m.years),
                    m.women,
                    m.women_managers,
                    m.women_ratio.percent,
                    m.men,
                    m.men_managers,
                    m.men_ratio.percent,
                )
                for m in report.managers
            ),
            sheet=text("policies.sheet.managers", lang),
        )
    )
    if report.people:
        names = {node.code: node.name for node in source.tree.nodes.values()}
        blocks.append(
            ReportTable(
                key="retiring_people",
                caption=text(
                    "policies.retirements_title",
                    lang,
                    start=short(start),
                    end=short(end),
                    unit=source.unit.name,
                ),
                columns=(
                    column("policies.col.code", lang, "code"),
                    column("policies.col.name", lang),
                    column("policies.col.sex", lang),
                    column("policies.col.unit", lang),
                    column("policies.col.post", lang),
                    column("policies.col.age_text", lang),
                    column("policies.col.retirement", lang, "date"),
                    column("policies.col.pension", lang, "date"),
                    column("policies.col.unit_code", lang, "code", annex_only=True),
                ),
                rows=tuple(
                    (
                        r.member.staff_code,
                        r.member.full_name,
                        _sex(r.member.sex, lang),
                        names.get(r.member.unit_code, r.member.unit_code),
                        r.member.title or "",
                        output.age_text(r.retirement, lang),
                        r.retirement.retirement_date,
                        r.retirement.pension_from,
                        r.member.unit_code,
                    )
                    for r in report.people
                ),
                sheet=text("policies.sheet.retiring_people", lang),
                in_body=False,  # names only in the annex, for the personnel department
            )
        )
    return SectionContent(blocks=tuple(blocks), data=report)


def _maternity_known(source: ReportSource) -> bool:
    """Whether maternity leave is recorded for the period at all: a leave (of anyone) that
    meets it, or a maternity list imported during it. Without either, the office has not
    given its list: the section says so instead of "0 women on leave"."""
    first, last = source.period.bounds
    leave = (
        select(maternity_leave.c.id)
        .where(maternity_leave.c.leave_start <= last, maternity_leave.c.leave_end >= first)
        .limit(1)
    )
    if source.connection.execute(leave).first() is not None:
        return True
    batches = select(import_batch.c.imported_at).where(import_batch.c.kind == "maternity")
    return any(first <= stamp.date() <= last for (stamp,) in source.connection.execute(batches))


def maternity_section(source: ReportSource) -> SectionContent | None:
    lang = source.lang
    women_staff = source.indicators.get("women_share_staff").ratio.numerator
    if women_staff == 0:
        return None  # no women on the staff: maternity leave does not arise
    within_period = within(source.period, lang)
    if not _maternity_known(source):
        return SectionContent(
            blocks=(
                Paragraph(text("policies.report.maternity_no_list", lang, when=within_period)),
            ),
            data=None,
        )
    report = maternity_report(
        source.connection,
        source.unit.code,
        source.as_of,
        MATERNITY_DAYS,
        tree=source.tree,
        women_staff=women_staff,
        period=source.period.bounds,
    )
    ratio = report.women_on_leave
    date_text = formatting.long_date(source.as_of, lang)
    in_period = len({leave.staff_code for leave in report.in_period})
    sentences = [
        text(
            "policies.report.maternity_period",
            lang,
            When=capitalised(within_period),
            count=counted("woman", in_period, lang),
        )
        if in_period
        else text("policies.report.maternity_period_none", lang, When=capitalised(within_period)),
        text(
            "policies.report.maternity_on_leave",
            lang,
            date=date_text,
            count=formatting.number(ratio.numerator, lang),
            total=formatting.number(ratio.denominator, lang),
            share=formatting.percent(ratio.percent, lang),
        )
        if ratio.numerator
        else text("policies.report.maternity_on_leave_none", lang, date=date_text),
    ]
    if report.protected:
        protected = len({leave.staff_code for leave, _ in report.protected})
        sentences.append(
            text(
                "policies.report.maternity_protected",
                lang,
                count=formatting.number(protected, lang),
                source=SOURCE_PROTECTION,
            )
        )
    blocks: list[Block] = [Paragraph(" ".join(sentences))]
    by_unit: dict[str, list[int]] = {}
    columns = (report.in_period, report.on_leave, tuple(leave for leave, _ in report.protected))
    women = [{leave.staff_code: leave for leave in leaves} for leaves in columns]  # each once
    for index, leaves in enumerate(women):
        for leave in leaves.values():
            by_unit.setdefault(leave.unit_code, [0, 0, 0])[index] += 1
    if by_unit:
        names = {node.code: node.name for node in source.tree.nodes.values()}
        blocks.append(
            branch_table(
                source,
                "maternity_by_unit",
                text(
                    "policies.report.table.maternity",
                    lang,
                    when=within_period,
                    date=formatting.short_date(source.as_of, lang),
                ),
                (
                    column("policies.col.unit", lang),
                    column("policies.col.in_period", lang, "count"),
                    column("policies.col.on_leave", lang, "count"),
                    column("policies.col.protected", lang, "count"),
                ),
                ((code, names.get(code, code), counts) for code, counts in sorted(by_unit.items())),
                total=text("policies.col.total", lang),
                sheet=text("policies.sheet.maternity", lang),
            )
        )
    return SectionContent(blocks=tuple(blocks), data=report)


def _targets_row(evaluation: Evaluation, lang: Lang) -> tuple[CellValue, ...]:
    """One target in the annex: the body's texts and the raw figures, the code at the right."""
    target = evaluation.target
    ratio = evaluation.ratio
    share = evaluation.value if target.measure == "percent" and not target.per_unit else None
    return (
        target.name(lang),
        evaluation.unit_name,
        ratio.numerator if ratio else None,
        ratio.denominator if ratio else None,
        share,
        output.value_text(evaluation, lang),
        output.threshold_text(evaluation, lang),
        target.deadline,
        output.verdict_text(evaluation, lang),
        output.gap_text(evaluation, lang),
        evaluation.projected if share is not None else None,
        target.source,
        target.code,
    )


def _targets_columns(lang: Lang) -> tuple[Column, ...]:
    return (
        column("policies.col.target", lang),
        column("policies.col.unit", lang),
        column("policies.col.numerator", lang, "count"),
        column("policies.col.denominator", lang, "count"),
        column("policies.col.share", lang, "percent"),
        column("policies.col.value", lang),
        column("policies.col.threshold", lang),
        column("policies.col.deadline", lang, "date"),
        column("policies.col.status", lang),
        column("policies.col.gap", lang),
        column("policies.col.projection", lang, "percent"),
        column("policies.col.source", lang),
        column("policies.col.target_code", lang, "code"),
    )


def _short_rows(
    evaluations: tuple[Evaluation, ...], lang: Lang
) -> tuple[tuple[CellValue, ...], ...]:
    """The units that fall short of a target applied unit by unit, for the annex."""
    return tuple(
        (
            e.target.name(lang),
            s.unit_name,
            s.ratio.numerator if s.ratio else None,
            s.ratio.denominator if s.ratio else None,
            s.value
            if e.target.measure == "percent" or e.target.indicator in PER_UNIT_RULES
            else None,
            output.status_text(s.status, lang),
            s.unit_code,
            e.target.code,
        )
        for e in evaluations
        for s in e.short
    )


def _named_in_body(evaluation: Evaluation, source: ReportSource) -> bool:
    """Whether every unit falling short is a direct child of the report's unit (or that unit)."""
    branches = source.branches
    return all(
        s.unit_code in branches and branches[s.unit_code].code == s.unit_code
        for s in evaluation.short
    )


def _short_text(evaluation: Evaluation, source: ReportSource) -> str | None:
    """The units falling short, for the body: by name when each is a direct child of the
    report's unit (or that unit); else counted by direct child, the full list being in the
    annex (and in the appendix with ``--appendix``), so a province's report stays short."""
    if _named_in_body(evaluation, source):
        return output.short_units_text(evaluation, source.lang)
    lang = source.lang
    counts = sum_by_branch(source, ((s.unit_code, s.unit_name, (1,)) for s in evaluation.short))
    units = "; ".join(f"{label} ({formatting.number(n[0], lang)})" for label, n in counts)
    return text(
        "policies.short_units_by_branch",
        lang,
        heading=output.short_units_heading(evaluation, lang),
        units=units,
        sheet=text("policies.sheet.targets_short", lang),
    )


def _not_met_paragraph(evaluation: Evaluation, source: ReportSource) -> str:
    """A target not met, in words: its figure and gap, the projection when there is one, and
    for a target applied unit by unit the unit's own standing and the units falling short."""
    lang = source.lang
    target = evaluation.target
    if target.per_unit:
        parts = [text("policies.report.target_not_met_units", lang, target=target.name(lang))]
        if evaluation.own is not None:
            parts.append(
                text(
                    "policies.report.sentence",
                    lang,
                    text=output.own_text(target, evaluation.own, lang),
                )
            )
    else:
        parts = [
            text(
                "policies.report.target_not_met",
                lang,
                target=target.name(lang),
                value=output.value_text(evaluation, lang),
                gap=output.gap_text(evaluation, lang),
            )
        ]
    if evaluation.projected is not None:
        parts.append(
            text(
                "policies.report.target_projection",
                lang,
                deadline=output.deadline_text(evaluation, lang),
                projection=output.projection_text(evaluation, lang),
            )
        )
    short = _short_text(evaluation, source)
    if short:
        parts.append(short)
    return " ".join(parts)


def _summary(statuses: Sequence[str], day: str, lang: Lang) -> str:
    """ "Đánh giá tại …: 1 mục tiêu đạt, 3 mục tiêu chưa đạt." (counts of zero left out)."""
    parts = [
        text(f"policies.report.count.{status}", lang, count=statuses.count(status))
        for status in ("met", "not_met", "not_applicable")
        if statuses.count(status)
    ]
    return text("policies.report.targets_summary", lang, date=day, parts=", ".join(parts))


def report_targets(source: ReportSource) -> TargetsReport:
    """The shipped targets evaluated for the report's unit and headcount date, once per
    report: the targets section and the drafted assessment (reports/texts) show the same."""
    key = "policies.targets"
    if key not in source._cache:
        source._cache[key] = evaluate_targets(
            source.connection, source.unit.code, source.as_of, default_targets(), tree=source.tree
        )
    return source._cache[key]  # type: ignore[return-value]


@section("targets", order=700, title="policies.report.targets")
def targets_section(source: ReportSource) -> SectionContent:
    """One row per target for the unit — the evaluation every other output shows
    (:func:`~binhdang.policies.service.evaluate_targets`, the texts of
    :mod:`binhdang.policies.output`); a target not met gets a paragraph naming the units
    that fall short. The annex has the same rows with the raw figures, and those units."""
    lang = source.lang
    report = report_targets(source)
    evaluations = report.evaluations  # the targets in force on the as-of date
    if not evaluations:
        return SectionContent(
            blocks=(
                Paragraph(
                    text(
                        "policies.report.no_targets",
                        lang,
                        date=formatting.long_date(source.as_of, lang),
                    )
                ),
            ),
            data=report,
        )
    statuses = [e.status for e in evaluations]
    summary = Paragraph(_summary(statuses, formatting.long_date(source.as_of, lang), lang))
    notes: list[Block] = [
        Paragraph(_not_met_paragraph(e, source)) for e in evaluations if e.status == "not_met"
    ]
    # "Căn cứ": the texts of the targets in force on the as-of date (a 2022 report cites Quy
    # định 50-QĐ/TW for succession plans, a 2026 one Quy định 377-QĐ/TW).
    sources = list(dict.fromkeys(e.target.source for e in evaluations))
    caption = text(
        "policies.targets_title",
        lang,
        unit=source.unit.name,
        as_of=formatting.short_date(source.as_of),
    )
    blocks: list[Block] = [
        summary,
        *notes,
        ReportTable(
            key="targets_summary",
            caption=caption,
            columns=(
                column("policies.col.target", lang),
                column("policies.col.value", lang),
                column("policies.col.threshold", lang),
                column("policies.col.deadline", lang),
                column("policies.col.status", lang),
                column("policies.col.gap", lang),
            ),
            rows=tuple(
                (
                    e.target.name(lang),
                    output.value_text(e, lang),
                    output.threshold_text(e, lang),
                    output.deadline_text(e, lang),
                    output.verdict_text(e, lang),
                    output.gap_text(e, lang),
                )
                for e in evaluations
            ),
        ),
        Paragraph(text("policies.report.retirement_source", lang, source="; ".join(sources))),
        ReportTable(
            key="targets",
            caption=caption,
            columns=_targets_columns(lang),
            rows=tuple(_targets_row(e, lang) for e in evaluations),
            sheet=text("policies.sheet.targets", lang),
            in_body=False,
        ),
    ]
    short = _short_rows(evaluations, lang)
    if short:
        blocks.append(
            ReportTable(
                key="targets_short",
                caption=text(
                    "policies.report.table.targets_short",
                    lang,
                    date=formatting.short_date(source.as_of),
                ),
                columns=(
                    column("policies.col.target", lang),
                    column("policies.col.unit", lang),
                    column("policies.col.numerator", lang, "count"),
                    column("policies.col.denominator", lang, "count"),
                    column("policies.col.share", lang, "percent"),
                    column("policies.col.status", lang),
                    column("policies.col.unit_code", lang, "code", annex_only=True),
                    column("policies.col.target_code", lang, "code", annex_only=True),
                ),
                rows=short,
                sheet=text("policies.sheet.targets_short", lang),
                in_body=False,
                appendix=not all(_named_in_body(e, source) for e in evaluations),
            )
        )
    return SectionContent(blocks=tuple(blocks), data=report)
