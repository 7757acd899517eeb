"""The committee's sections of the yearly report (found by :mod:`binhdang.reports.sections`).

Each record kind names its sections in its entry
(:class:`binhdang.committee.registry.ReportView`): they are registered here, for every kind of
the registry (and a kind declared later), with the function the entry names, or — for a kind
naming none — a generic section showing its indicator view's blocks. The built-in kinds'
sections are here: succession (250), training (300), awards (400), emulation
movements (450), plans and activities (500) and the Action Month (510). Each builds its
blocks from the typed indicator results only, so every figure in the text and the tables is
the one the indicators computed; the CLI's ``indicators`` commands print the same blocks.

In the report, records count inside ``source.period`` only (the reporting period, ended by
the issue date), never the calendar year. A section with nothing recorded says so ("Chưa có
số liệu …", with the list that would fill it) instead of vanishing or showing zeros; per-unit
detail is summed by the report unit's direct children in the body, the full lists going to
the annex and the appendix.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, exists, func, or_, select

from binhdang import formatting
from binhdang.committee import registry
from binhdang.committee.activities.indicators import (
    ActionMonthCoverage,
    ActivityIndicators,
    action_month,
)
from binhdang.committee.activities.service import action_month_coverage, activity_indicators
from binhdang.committee.awards.indicators import AwardIndicators
from binhdang.committee.awards.service import award_indicators
from binhdang.committee.catalogue import ATTENDED, AWARD_FORMS, COURSE_TYPES
from binhdang.committee.documents import TYPE_NAMES
from binhdang.committee.movements.indicators import MovementIndicators, MovementRow
from binhdang.committee.movements.service import movement_indicators
from binhdang.committee.plans.indicators import PlansOfYear
from binhdang.committee.plans.service import plans_of_year
from binhdang.committee.scope import scope_for
from binhdang.committee.succession.indicators import SuccessionIndicators
from binhdang.committee.succession.parsing import show_term
from binhdang.committee.succession.service import succession_indicators
from binhdang.committee.tables import activity, award, document, movement, succession
from binhdang.indicators.catalogue import LEVEL_LABELS, SEX_LABELS
from binhdang.indicators.results import Ratio
from binhdang.messages import Lang, text
from binhdang.reports.branches import branch_table, detail_tables, summary_key
from binhdang.reports.content import (
    Block,
    CellValue,
    Column,
    ColumnKind,
    Paragraph,
    ReportTable,
    SectionContent,
)
from binhdang.reports.period import capitalised, within
from binhdang.reports.sections import SectionFunction, section
from binhdang.reports.source import ReportSource
from binhdang.reports.women_men import WITH_MEN, Group, column, women_and_men
from binhdang.reports.wording import counted, named

__all__ = [
    "action_month_blocks", "activity_blocks", "award_blocks", "movement_blocks",
    "plan_blocks", "plans_of_year", "succession_blocks", "training_blocks",
]  # fmt: skip


def _any(connection: Connection, *conditions: Any, newest: Any = None) -> bool:
    """Whether any row meets ``conditions`` (in any unit). A section checks first that its
    records exist in the period at all: each indicator function reads the unit tree and
    counts the staff of the subtree (a second or more at national scale), which is wasted
    when it finds nothing to report. ``newest``: an indexed date column to search from its
    latest value back (a course overlapping the period is found among the latest ones at
    once, where a search from the oldest reads 600,000 past courses first)."""
    if newest is None:
        return bool(connection.execute(select(exists().where(*conditions))).scalar())
    query = select(newest).where(*conditions).order_by(newest.desc()).limit(1)
    return connection.execute(query).first() is not None


def _t(key: str, lang: Lang, **params: Any) -> str:
    return text(f"committee.report.{key}", lang, **params)


def _col(key: str, lang: Lang, kind: ColumnKind = "text", *, annex_only: bool = False) -> Column:
    return column(f"committee.report.col.{key}", lang, kind, annex_only=annex_only)


def _code_col(lang: Lang) -> Column:
    """The unit code, for systems that read the annex: at the far right, never in the body."""
    return _col("code", lang, "code", annex_only=True)


def _n(value: int, lang: Lang) -> str:
    return formatting.number(value, lang)


def _pct(ratio: Ratio, lang: Lang) -> str:
    return formatting.percent(ratio.percent, lang)


def _sheet(key: str, lang: Lang) -> str:
    return _t(f"sheet.{key}", lang)[:31]


def _comparison(gap: Decimal | None, lang: Lang) -> str:
    """``cao hơn 3,2 điểm phần trăm`` / ``thấp hơn …`` / ``bằng``."""
    if gap is None:
        return text("out.not_applicable", lang)
    way = "higher" if gap > 0 else "lower" if gap < 0 else "equal"
    return _t(f"compare.{way}", lang, points=formatting.points(gap, lang))


def _signed_points(gap: Decimal | None, lang: Lang) -> str | None:
    if gap is None:
        return None
    sign = "+" if gap > 0 else "−" if gap < 0 else ""
    return sign + formatting.points(gap, lang)


def _sex(key: str, lang: Lang) -> str:
    vi, en = SEX_LABELS[key]
    return en if lang == "en" else vi


def _year_when(year: int, lang: Lang) -> str:
    """When the records happened, for the CLI's yearly figures: ``năm 2022`` / ``in 2022``."""
    return text("report.period.year", lang, year=year)


def _when(source: ReportSource) -> str:
    """When the records happened, in the report: ``trong kỳ báo cáo`` (…tính đến ngày …)."""
    return within(source.period, source.lang)


def _no_data(source: ReportSource, what: str, **params: Any) -> SectionContent:
    """A section with nothing recorded: it says so, and which list would fill it."""
    sentence = _t(
        f"no_data.{what}", source.lang, unit=source.unit.name, when=_when(source), **params
    )
    return SectionContent(blocks=(Paragraph(sentence),), data=None)


def _women_part(women: int, share: Ratio, lang: Lang, key: str) -> str:
    """``trong đó 76 nữ (61,3%)``, or ``trong đó không có nữ`` for a zero."""
    if women == 0:
        return _t(f"{key}.no_women", lang)
    return _t(f"{key}.women", lang, women=_n(women, lang), share=_pct(share, lang))


def _with_summary(
    source: ReportSource, blocks: list[Block], key: str, codes: list[str], summary: Any
) -> list[Block]:
    """``blocks`` with the per-unit list ``key`` replaced by its body table (the list itself,
    or its summary by branch when it has units under the direct children) and the list."""
    at = next(i for i, b in enumerate(blocks) if isinstance(b, ReportTable) and b.key == key)
    full = blocks[at]
    assert isinstance(full, ReportTable)
    return [*blocks[:at], *detail_tables(source, full, codes, summary), *blocks[at + 1 :]]


# --- training ------------------------------------------------------------------------------


def training_blocks(result: Any, lang: Lang, when: str | None = None) -> tuple[Block, ...]:
    """``when``: the words for the time counted (default: the result's year)."""
    r = result
    when = when or _year_when(r.year, lang)
    if r.trainees.denominator == 0:
        return (Paragraph(_t("training.none", lang, When=capitalised(when), unit=r.unit_name)),)
    blocks: list[Block] = [
        Paragraph(
            _t(
                "training.summary",
                lang,
                When=capitalised(when),
                unit=r.unit_name,
                total=_n(r.trainees.denominator, lang),
                women_part=_women_part(r.trainees.numerator, r.trainees, lang, "training"),
                women_share=_pct(r.women_attended, lang),
                women_attended=_n(r.women_attended.numerator, lang),
                women_staff=_n(r.women_attended.denominator, lang),
                men_share=_pct(r.men_attended, lang),
                men_attended=_n(r.men_attended.numerator, lang),
                men_staff=_n(r.men_attended.denominator, lang),
            )
        )
    ]
    advanced = next((row for row in r.by_type if row.course_type == "llct_cao_cap"), None)
    if advanced is not None:
        blocks.append(
            Paragraph(
                _t(
                    "training.advanced",
                    lang,
                    total=_n(advanced.women + advanced.men, lang),
                    women_part=_women_part(advanced.women, advanced.ratio, lang, "training"),
                )
            )
        )
    blocks.append(
        women_and_men(
            "committee_training_by_type",
            _t("training.by_type", lang, when=when),
            lang,
            by=_col("course_type", lang),
            groups=[
                Group.counted(COURSE_TYPES.label(row.course_type, lang), row.women, row.men)
                for row in r.by_type
            ],
            figures=WITH_MEN,
            total=Group(_t("col.persons_distinct", lang), r.trainees),
            sheet=_sheet("training", lang),
        )
    )
    blocks.append(
        ReportTable(
            key="committee_training_by_sex",
            caption=_t("training.by_sex", lang, when=when, as_of=formatting.short_date(r.as_of)),
            columns=(
                _col("sex", lang),
                _col("staff", lang, "count"),
                _col("trained", lang, "count"),
                _col("share", lang, "percent"),
            ),
            rows=(
                (
                    _sex("F", lang),
                    r.women_attended.denominator,
                    r.women_attended.numerator,
                    r.women_attended.percent,
                ),
                (
                    _sex("M", lang),
                    r.men_attended.denominator,
                    r.men_attended.numerator,
                    r.men_attended.percent,
                ),
            ),
            sheet=_sheet("training_sex", lang),
        )
    )
    return tuple(blocks)


def training_section(source: ReportSource) -> SectionContent:
    from binhdang.committee.tables import training
    from binhdang.committee.training.service import training_indicators

    first, last = source.period.bounds
    if not _any(
        source.connection,
        training.c.status.in_(ATTENDED),
        training.c.start_on <= last,
        func.coalesce(training.c.end_on, training.c.start_on) >= first,
        newest=training.c.start_on,
    ):
        return _no_data(source, "training")  # nobody attended a course in the period
    result = training_indicators(
        source.connection, source.unit.code, source.year, source.as_of, period=(first, last)
    )
    if result.trainees.denominator == 0:
        return _no_data(source, "training")
    return SectionContent(blocks=training_blocks(result, source.lang, _when(source)), data=result)


# --- awards --------------------------------------------------------------------------------


def award_blocks(result: Any, lang: Lang, when: str | None = None) -> tuple[Block, ...]:
    """``when``: the words for the time counted (default: the result's year). The list of
    collective awards by unit is the full one (annex, appendix); a report adds its summary."""
    r: AwardIndicators = result
    when = when or _year_when(r.year, lang)
    individual = r.individual_awards
    blocks: list[Block] = []
    if individual.denominator:
        blocks.append(
            Paragraph(
                _t(
                    "awards.summary",
                    lang,
                    When=capitalised(when),
                    total=_n(individual.denominator, lang),
                    women_part=_women_part(individual.numerator, individual, lang, "awards"),
                    awardees=counted("person", r.awardees.denominator, lang),
                    awardees_share=_pct(r.awardees, lang),
                    staff_share=_pct(r.staff, lang),
                    comparison=_comparison(r.gap, lang),
                )
            )
        )
    else:
        blocks.append(Paragraph(_t("awards.no_individual", lang, When=capitalised(when))))
    collective_total = sum(row.awards for row in r.collective)
    if collective_total:
        blocks.append(
            Paragraph(
                _t(
                    "awards.collective",
                    lang,
                    total=_n(collective_total, lang),
                    units=counted("unit", len(r.collective), lang),
                )
            )
        )
    if r.by_form:
        blocks.append(
            women_and_men(
                "committee_awards_by_form",
                _t("awards.by_form", lang, when=when),
                lang,
                by=_col("form", lang),
                groups=[
                    Group.counted(AWARD_FORMS.label(row.form, lang), row.women, row.men)
                    for row in r.by_form
                ],
                figures=WITH_MEN,
                total=Group(_t("col.total_row", lang), individual),
                sheet=_sheet("awards", lang),
            )
        )
        blocks.append(
            women_and_men(
                "committee_awards_by_issuer",
                _t("awards.by_issuer", lang, when=when),
                lang,
                by=_col("issuer", lang),
                groups=[Group.counted(row.issuer, row.women, row.men) for row in r.by_issuer],
                figures=("people", "women", "men"),
                sheet=_sheet("awards_issuer", lang),
            )
        )
    if r.collective:
        blocks.append(
            ReportTable(
                key="committee_awards_collective",
                caption=_t("awards.collective_table", lang, when=when),
                columns=(
                    _col("unit", lang),
                    _col("unit_women_share", lang, "percent"),
                    _col("awards", lang, "count"),
                    _col("forms", lang),
                    _code_col(lang),
                ),
                rows=tuple(
                    (
                        row.unit_name,
                        row.staff.percent,
                        row.awards,
                        "; ".join(AWARD_FORMS.label(f, lang) for f in row.forms),
                        row.unit_code,
                    )
                    for row in r.collective
                ),
                sheet=_sheet("awards_collective", lang),
                in_body=False,
                appendix=True,
            )
        )
        blocks.append(
            ReportTable(
                key="committee_awards_bands",
                caption=_t("awards.bands", lang, when=when),
                columns=(
                    _col("band", lang),
                    _col("units", lang, "count"),
                    _col("awards", lang, "count"),
                ),
                rows=tuple((row.band.label(lang), row.units, row.awards) for row in r.bands),
                sheet=None,
            )
        )
    return tuple(blocks)


def _collective_by_branch(source: ReportSource, result: AwardIndicators) -> ReportTable:
    """Collective awards summed by the report unit's direct children (the body's table)."""
    lang = source.lang
    return branch_table(
        source,
        summary_key("committee_awards_collective"),
        _t("awards.by_branch", lang, when=_when(source)),
        (
            _col("unit", lang),
            _col("units_awarded", lang, "count"),
            _col("awards", lang, "count"),
        ),
        ((row.unit_code, row.unit_name, (1, row.awards)) for row in result.collective),
        total=_t("col.total_row", lang),
    )


def awards_section(source: ReportSource) -> SectionContent:
    first, last = source.period.bounds
    if not _any(source.connection, award.c.decision_date >= first, award.c.decision_date <= last):
        return _no_data(source, "awards")  # no award decided in the period, in any unit
    result = award_indicators(
        source.connection, source.unit.code, source.year, source.as_of, period=(first, last)
    )
    if result.individual_awards.denominator == 0 and not result.collective:
        return _no_data(source, "awards")
    blocks = list(award_blocks(result, source.lang, _when(source)))
    if result.collective:
        blocks = _with_summary(
            source,
            blocks,
            "committee_awards_collective",
            [row.unit_code for row in result.collective],
            lambda: _collective_by_branch(source, result),
        )
    return SectionContent(blocks=tuple(blocks), data=result)


# --- succession ----------------------------------------------------------------------------


def succession_blocks(result: Any, lang: Lang) -> tuple[Block, ...]:
    r: SuccessionIndicators = result
    overall = r.level("all")
    meets = overall.meets_minimum
    rule = r.rule  # the minimum in force on the as-of date (Quy định 50, then 377)
    if rule is None:
        verdict = _t("succession.no_rule", lang, as_of=formatting.short_date(r.as_of))
    else:
        verdict = _t(
            "succession.na"
            if meets is None
            else "succession.meets"
            if meets
            else "succession.below",
            lang,
            minimum=rule.minimum,
            rule=rule.short,
        )
    term = show_term(r.term_start, r.term_end)
    if overall.pipeline.denominator == 0:
        summary = _t("succession.empty", lang, term=term, unit=r.unit_name)
    else:
        summary = _t(
            "succession.summary",
            lang,
            term=term,
            unit=r.unit_name,
            total=counted("person", overall.pipeline.denominator, lang),
            women_part=_women_part(overall.pipeline.numerator, overall.pipeline, lang, "training"),
            verdict=verdict,
            comparison=_comparison(overall.gap, lang),
            posts_share=_pct(overall.posts, lang),
            as_of=formatting.short_date(r.as_of),
        )
    blocks: list[Block] = [Paragraph(summary)]

    def level_label(level: str) -> str:
        if level == "all":
            return _t("col.all_levels", lang)
        vi, en = LEVEL_LABELS[level]
        return en if lang == "en" else vi

    def yes_no(value: bool | None) -> str:
        if value is None:
            return text("out.not_applicable", lang)
        return _t("col.yes" if value else "col.no", lang)

    blocks.append(
        ReportTable(
            key="committee_succession",
            caption=_t(
                "succession.table",
                lang,
                term=show_term(r.term_start, r.term_end),
                as_of=formatting.short_date(r.as_of),
            ),
            columns=(
                _col("level", lang),
                _col("planned", lang, "count"),
                _col("planned_women", lang, "count"),
                _col("planned_share", lang, "percent"),
                _col("posts", lang, "count"),
                _col("posts_women", lang, "count"),
                _col("posts_share", lang, "percent"),
                _col("gap", lang),
                Column(
                    _t("col.minimum", lang, minimum=rule.minimum, rule=rule.short)
                    if rule is not None
                    else _t("col.minimum_none", lang),
                    "text",
                ),
            ),
            rows=tuple(
                (
                    level_label(row.level),
                    row.pipeline.denominator,
                    row.pipeline.numerator,
                    row.pipeline.percent,
                    row.posts.denominator,
                    row.posts.numerator,
                    row.posts.percent,
                    _signed_points(row.gap, lang),
                    yes_no(row.meets_minimum),
                )
                for row in r.levels
            ),
            sheet=_sheet("succession", lang),
        )
    )
    return tuple(blocks)


def term_for_year(connection: Connection, unit_code: str, year: int, as_of: date) -> int | None:
    """The first year of the latest term covering ``year`` that has a plan in the subtree."""
    scope = scope_for(connection, unit_code, as_of)
    return connection.execute(
        select(succession.c.term_start)
        .where(
            succession.c.term_start <= year,
            succession.c.term_end > year,
            scope.where_unit(succession.c.unit_id),
        )
        .order_by(succession.c.term_start.desc())
        .limit(1)
    ).scalar()


def succession_section(source: ReportSource) -> SectionContent:
    if not _any(
        source.connection,
        succession.c.term_start <= source.year,
        succession.c.term_end > source.year,
    ):
        return _no_data(source, "succession", year=source.year)  # no plan for the year's term
    term = term_for_year(source.connection, source.unit.code, source.year, source.as_of)
    if term is None:
        return _no_data(source, "succession", year=source.year)
    result = succession_indicators(source.connection, source.unit.code, term, source.as_of)
    return SectionContent(blocks=succession_blocks(result, source.lang), data=result)


# --- plans and activities ------------------------------------------------------------------


def _type_name(doc_type: str, lang: Lang) -> str:
    """The document type as people call it (Decree 30/2020/NĐ-CP, Appendix III)."""
    if lang == "en":
        return text(f"committee.doc_type.{doc_type or 'CV'}", lang)
    return TYPE_NAMES.get(doc_type, doc_type)


def plan_blocks(result: Any, lang: Lang, when: str | None = None) -> tuple[Block, ...]:
    """``when``: the words for the time counted (default: the result's year)."""
    p: PlansOfYear = result
    when = when or _year_when(p.year, lang)
    if not p.documents:
        return (Paragraph(_t("plans.none", lang, When=capitalised(when))),)
    by_type: dict[str, int] = {}
    for row in p.documents:
        name = _type_name(row.doc_type, lang)
        by_type[name] = by_type.get(name, 0) + 1
    types = "; ".join(f"{name}: {_n(count, lang)}" for name, count in by_type.items())
    blocks: list[Block] = [
        Paragraph(
            _t(
                "plans.summary",
                lang,
                When=capitalised(when),
                total=_n(len(p.documents), lang),
                types=types,
            )
        )
    ]
    blocks.append(
        ReportTable(
            key="committee_plans",
            caption=_t("plans.table", lang, when=when),
            columns=(
                _col("number", lang, "code"),
                _col("doc_type", lang),
                _col("issued_on", lang, "date"),
                _col("issuing_body", lang),
                _col("title", lang),
                _col("parent", lang, "code"),
                _col("activities", lang, "count"),
            ),
            rows=tuple(
                (
                    row.symbol,
                    _type_name(row.doc_type, lang),
                    row.issued_on,
                    row.issuing_body,
                    row.title,
                    row.parent,
                    row.activities,
                )
                for row in p.documents
            ),
            sheet=_sheet("plans", lang),
        )
    )
    return tuple(blocks)


def _activities_sentence(r: ActivityIndicators, when: str, lang: Lang) -> str:
    """What the units did: done against planned, cancelled, participants — zeros said in
    words (no "0 hoạt động bị hủy", no "0 lượt người tham gia (nữ 0)")."""
    totals = r.totals
    planned = totals.done + totals.planned
    When = capitalised(when)
    if planned == 0:
        return _t(
            "activities.all_cancelled",
            lang,
            When=When,
            cancelled=counted("activity", totals.cancelled, lang),
        )
    if totals.done == 0:
        parts = [
            _t("activities.none_done", lang, When=When, planned=counted("activity", planned, lang))
        ]
    else:
        parts = [
            _t(
                "activities.done",
                lang,
                When=When,
                done=_n(totals.done, lang),
                planned=_n(planned, lang),
                share=_pct(totals.ratio, lang),
            )
        ]
    if totals.cancelled:
        parts.append(
            _t("activities.cancelled", lang, cancelled=counted("activity", totals.cancelled, lang))
        )
    sentence = "; ".join(parts) + "."
    if totals.done == 0:
        return sentence
    if r.participants.denominator == 0:
        return f"{sentence} {_t('activities.no_participants', lang)}"
    women = r.participants.numerator
    women_part = (
        _t("activities.no_women", lang)
        if women == 0
        else _t("activities.women", lang, women=_n(women, lang), share=_pct(r.participants, lang))
    )
    return f"{sentence} " + _t(
        "activities.participants",
        lang,
        participants=_n(r.participants.denominator, lang),
        women_part=women_part,
    )


def _status_columns(lang: Lang) -> tuple[Column, ...]:
    return (
        _col("planned_total", lang, "count"),
        _col("done", lang, "count"),
        _col("cancelled", lang, "count"),
        _col("done_share", lang, "percent"),
    )


def activity_blocks(result: Any, lang: Lang, when: str | None = None) -> tuple[Block, ...]:
    """``when``: the words for the time counted (default: the result's year). The table by
    organising unit is the full list (annex, appendix); a report adds its summary."""
    r: ActivityIndicators = result
    when = when or _year_when(r.year, lang)
    totals = r.totals
    blocks: list[Block] = [Paragraph(_activities_sentence(r, when, lang))]
    total_row = (totals.done + totals.planned, totals.done, totals.cancelled, totals.ratio.percent)
    if r.by_plan:
        blocks.append(
            ReportTable(
                key="by_plan",
                caption=_t("activities.by_plan", lang, when=when),
                columns=(_col("plan", lang, "code"), _col("title", lang), *_status_columns(lang)),
                rows=tuple(
                    (
                        row.key or _t("col.no_plan", lang),
                        row.label,
                        row.done + row.planned,
                        row.done,
                        row.cancelled,
                        row.ratio.percent,
                    )
                    for row in r.by_plan
                ),
                total=(_t("col.total_row", lang), "", *total_row),
                sheet=_sheet("activities_plan", lang),
            )
        )
    if r.by_unit:
        blocks.append(
            ReportTable(
                key="by_unit",
                caption=_t("activities.by_unit", lang, when=when),
                columns=(_col("unit", lang), *_status_columns(lang), _code_col(lang)),
                rows=tuple(
                    (
                        row.label,
                        row.done + row.planned,
                        row.done,
                        row.cancelled,
                        row.ratio.percent,
                        row.key,
                    )
                    for row in r.by_unit
                ),
                total=(_t("col.total_row", lang), *total_row, ""),
                sheet=_sheet("activities_unit", lang),
                in_body=False,
                appendix=True,
            )
        )
    return tuple(blocks)


def _activities_by_branch(source: ReportSource, result: ActivityIndicators) -> ReportTable:
    """Activities summed by the report unit's direct children (the body's table)."""
    lang = source.lang

    def cells(counts: Sequence[int]) -> tuple[CellValue, ...]:
        planned, done, cancelled = counts
        return (planned + done, done, cancelled, Ratio(done, planned + done).percent)

    return branch_table(
        source,
        summary_key("by_unit"),
        _t("activities.by_branch", lang, when=_when(source)),
        (_col("unit", lang), *_status_columns(lang)),
        ((row.key, row.label, (row.planned, row.done, row.cancelled)) for row in result.by_unit),
        total=_t("col.total_row", lang),
        cells=cells,
    )


def _activities(source: ReportSource) -> ActivityIndicators:
    """The activities of the period, read once for the plans and the Action Month sections."""
    cached = source._cache.get("committee.activities")
    if cached is None:
        cached = activity_indicators(
            source.connection,
            source.unit.code,
            source.year,
            source.as_of,
            lang=source.lang,
            period=source.period.bounds,
        )
        source._cache["committee.activities"] = cached
    return cached  # type: ignore[return-value]


def _has_activities(connection: Connection, first: date, last: date) -> bool:
    return bool(
        connection.execute(
            select(exists().where(activity.c.start_on >= first, activity.c.start_on <= last))
        ).scalar()
    )


def plans_section(source: ReportSource) -> SectionContent:
    first, last = source.period.bounds
    in_period = or_(
        document.c.issued_on.between(first, last),
        (func.coalesce(document.c.period_from, document.c.issued_on) <= last)
        & (func.coalesce(document.c.period_to, document.c.issued_on) >= first)
        & (document.c.issued_on <= last),
    )
    if not _any(source.connection, in_period) and not _has_activities(
        source.connection, first, last
    ):
        return _no_data(source, "plans")  # neither a document nor an activity in the period
    plans = plans_of_year(
        source.connection,
        source.unit.code,
        source.year,
        source.as_of,
        period=(first, last),
        leave_out=_own_number(source),
    )
    activities = _activities(source)
    if not plans.documents and not activities.by_unit:
        return _no_data(source, "plans")
    when = _when(source)
    blocks = list(plan_blocks(plans, source.lang, when))
    if activities.by_unit:
        blocks += activity_blocks(activities, source.lang, when)
        blocks = _with_summary(
            source,
            blocks,
            "by_unit",
            [row.key for row in activities.by_unit],
            lambda: _activities_by_branch(source, activities),
        )
    else:
        blocks.append(
            Paragraph(_t("no_data.activities", source.lang, unit=source.unit.name, when=when))
        )
    return SectionContent(blocks=tuple(blocks), data={"plans": plans, "activities": activities})


def _own_number(source: ReportSource) -> str | None:
    """The report's own number as documents store it (``07/BC-BHXH``), so that a report
    recorded among the committee's documents is never listed in itself."""
    from binhdang.committee.documents import parse_document_number
    from binhdang.ingest.values import ValueProblem

    if not source.number or not source.number.strip():
        return None
    try:
        return str(parse_document_number(source.number))
    except ValueProblem:
        return source.number.strip()


# --- the Action Month ----------------------------------------------------------------------


def action_month_blocks(result: Any, lang: Lang) -> tuple[Block, ...]:
    """The Action Month's coverage; the table by unit is the full list (annex, appendix)."""
    c: ActionMonthCoverage = result
    full_end = action_month(c.year)[1]
    window = _t(
        "action_month.window" if c.end >= full_end else "action_month.window_cut",
        lang,
        start=formatting.short_date(c.start),
        end=formatting.short_date(c.end),
    )
    total = c.ratio.denominator
    if c.covered:
        summary = _t(
            "action_month.summary",
            lang,
            year=c.year,
            window=window,
            covered=_n(len(c.covered), lang),
            total=counted("unit", total, lang),
            share=_pct(c.ratio, lang),
        )
    else:
        summary = _t(
            "action_month.none",
            lang,
            year=c.year,
            window=window,
            total=counted("unit", total, lang),
        )
    blocks: list[Block] = [Paragraph(summary)]
    if c.covered and c.uncovered:
        names = named([unit.name for unit in c.uncovered])
        blocks.append(
            Paragraph(
                _t("action_month.missing", lang, units=names)
                if names
                else _t(
                    "action_month.missing_many", lang, count=counted("unit", len(c.uncovered), lang)
                )
            )
        )
    elif c.covered:
        blocks.append(Paragraph(_t("action_month.all", lang)))
    yes, no = _t("col.yes", lang), _t("col.no", lang)
    blocks.append(
        ReportTable(
            key="committee_action_month",
            caption=_t("action_month.table", lang, year=c.year),
            columns=(
                _col("unit", lang),
                _col("activities", lang, "count"),
                _col("held", lang),
                _code_col(lang),
            ),
            rows=tuple(
                (u.name, u.activities, yes if u.activities else no, u.code)
                for u in (*c.covered, *c.uncovered)
            ),
            total=(
                _t("col.total_row", lang),
                sum(u.activities for u in c.covered),
                f"{len(c.covered)}/{total}",
                "",
            ),
            sheet=_sheet("action_month", lang),
            in_body=False,
            appendix=True,
        )
    )
    return tuple(blocks)


def _action_month_by_branch(source: ReportSource, result: ActionMonthCoverage) -> ReportTable:
    """The Action Month's coverage summed by the report unit's direct children."""
    lang = source.lang
    units = (*result.covered, *result.uncovered)
    return branch_table(
        source,
        summary_key("committee_action_month"),
        _t("action_month.by_branch", lang, year=result.year),
        (
            _col("unit", lang),
            _col("units", lang, "count"),
            _col("units_held", lang, "count"),
            _col("activities", lang, "count"),
        ),
        ((u.code, u.name, (1, 1 if u.activities else 0, u.activities)) for u in units),
        total=_t("col.total_row", lang),
    )


def action_month_section(source: ReportSource) -> SectionContent:
    lang = source.lang
    start, end = action_month(source.year)
    first, last = source.period.bounds
    if start > last or end < first:  # the period does not reach this year's Action Month
        key = "action_month_later" if start > last else "action_month_outside"
        # days and months only: a date after the issue date is never written in the report
        return _no_data(
            source,
            key,
            year=source.year,
            start=formatting.day_month(start, lang),
            end=formatting.day_month(end, lang),
            date=formatting.short_date(last),
        )
    if not _activities(source).by_unit:
        return _no_data(source, "action_month")  # no activity of the subtree in the period
    result = action_month_coverage(
        source.connection, source.unit.code, source.year, period=(first, last)
    )
    blocks = _with_summary(
        source,
        list(action_month_blocks(result, lang)),
        "committee_action_month",
        [u.code for u in (*result.covered, *result.uncovered)],
        lambda: _action_month_by_branch(source, result),
    )
    return SectionContent(blocks=tuple(blocks), data=result)


# --- movements -----------------------------------------------------------------------------


def _movement_sentence(row: MovementRow, when: str, lang: Lang) -> str:
    """One movement: who takes part and the awards linked to it, zeros said in words."""
    taking_part = []
    if row.units:
        taking_part.append(counted("unit", row.units, lang))
    if row.persons.denominator:
        women = row.persons.numerator
        taking_part.append(
            _t(
                "movements.persons",
                lang,
                persons=counted("person", row.persons.denominator, lang),
                women=_t("movements.no_women", lang)
                if women == 0
                else counted("woman", women, lang),
            )
        )
    part = (
        _t("movements.taking_part", lang, who=_t("movements.and", lang).join(taking_part))
        if taking_part
        else _t("movements.nobody", lang)
    )
    awards = []
    if row.awards.denominator:
        women = row.awards.numerator
        awards.append(
            _t(
                "movements.individual_awards",
                lang,
                n=_n(row.awards.denominator, lang),
                women=_t("movements.no_women", lang)
                if women == 0
                else counted("woman", women, lang),
            )
        )
    if row.collective_awards:
        awards.append(_t("movements.collective_awards", lang, n=_n(row.collective_awards, lang)))
    linked = (
        _t("movements.awards", lang, awards=_t("movements.and", lang).join(awards))
        if awards
        else _t("movements.no_awards", lang, when=when)
    )
    return _t(
        "movements.item",
        lang,
        name=row.name,
        organiser=row.organiser,
        start=formatting.short_date(row.start_on),
        part=part,
        linked=linked,
    )


def movement_blocks(result: Any, lang: Lang, when: str | None = None) -> tuple[Block, ...]:
    """``when``: the words for the time counted (default: the result's year)."""
    m: MovementIndicators = result
    when = when or _year_when(m.year, lang)
    blocks: list[Block] = [Paragraph(_movement_sentence(row, when, lang)) for row in m.movements]
    blocks.append(
        ReportTable(
            key="committee_movements",
            caption=_t("movements.table", lang, when=when),
            columns=(
                _col("movement", lang),
                _col("organiser", lang),
                _col("start", lang, "date"),
                _col("units", lang, "count"),
                _col("persons", lang, "count"),
                _col("women", lang, "count"),
                _col("awards", lang, "count"),
                _col("awards_women", lang, "count"),
                _col("collective", lang, "count"),
            ),
            rows=tuple(
                (
                    row.name,
                    row.organiser,
                    row.start_on,
                    row.units,
                    row.persons.denominator,
                    row.persons.numerator,
                    row.awards.denominator,
                    row.awards.numerator,
                    row.collective_awards,
                )
                for row in m.movements
            ),
            sheet=_sheet("movements", lang),
        )
    )
    return tuple(blocks)


def movements_section(source: ReportSource) -> SectionContent:
    first, last = source.period.bounds
    if not _any(
        source.connection,
        movement.c.start_on <= last,
        or_(movement.c.end_on.is_(None), movement.c.end_on >= first),
    ):
        return _no_data(source, "movements")  # no movement running in the period
    result = movement_indicators(
        source.connection, source.unit.code, source.year, source.as_of, period=(first, last)
    )
    if not result.movements:
        return _no_data(source, "movements")
    return SectionContent(blocks=movement_blocks(result, source.lang, _when(source)), data=result)


def _generic_section(entry: registry.KindEntry) -> SectionFunction:
    """The section of a kind that names no function: its indicator view's blocks for the
    report's unit (and subtree), year and date."""
    view = entry.indicators
    if view is None:
        raise ValueError(f"record kind {entry.name!r} has a report section but no indicators")

    def build(source: ReportSource) -> SectionContent:
        options = {"subtree": True} if view.subtree else {}
        result = view.compute_function()(
            source.connection, source.unit.code, source.year, source.as_of, **options
        )
        return SectionContent(
            blocks=tuple(view.blocks_function()(result, source.lang)), data=result
        )

    return build


def _named_section(reference: str) -> SectionFunction:
    """The section function ``"module:function"``, found when the report is built: a kind
    declared in a module of its own may name a function defined after its entry."""

    def build(source: ReportSource) -> SectionContent | None:
        return registry.function(reference)(source)

    build.__qualname__ = reference
    return build


def _register_sections(entry: registry.KindEntry) -> None:
    for view in entry.reports:
        build = _named_section(view.build) if view.build else _generic_section(entry)
        section(view.key, order=view.order, title=view.title)(build)


registry.listen(_register_sections)
