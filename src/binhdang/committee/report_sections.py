"""The committee's sections of the yearly report (found by :mod:`binhdang.reports.sections`).

One section per record kind: succession (250), training (300), awards (400), emulation
movements (450), plans and activities (500) and the Action Month (510). Each builds its
blocks from the typed indicator results only, so every figure in the text and the tables is
the one the indicators computed; the CLI's ``indicators`` commands print the same blocks.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, and_, exists, func, or_, select

from binhdang import formatting
from binhdang.committee.activities.indicators import ActionMonthCoverage, ActivityIndicators
from binhdang.committee.activities.service import action_month_coverage, activity_indicators
from binhdang.committee.activities.tables import activity
from binhdang.committee.awards.indicators import AwardIndicators
from binhdang.committee.awards.service import award_indicators
from binhdang.committee.awards.tables import award
from binhdang.committee.catalogue import ATTENDED, AWARD_FORMS, COURSE_TYPES
from binhdang.committee.members import report_section as _members  # noqa: F401  (order 90)
from binhdang.committee.movements.indicators import MovementIndicators
from binhdang.committee.movements.service import movement_indicators
from binhdang.committee.movements.tables import movement
from binhdang.committee.plans.indicators import PlansOfYear
from binhdang.committee.plans.service import plans_of_year
from binhdang.committee.plans.tables import document
from binhdang.committee.scope import scope_for
from binhdang.committee.succession.indicators import SuccessionIndicators
from binhdang.committee.succession.parsing import show_term
from binhdang.committee.succession.service import succession_indicators
from binhdang.committee.succession.tables import succession
from binhdang.indicators.catalogue import LEVEL_LABELS, SEX_LABELS
from binhdang.indicators.results import Ratio
from binhdang.messages import Lang, text
from binhdang.reports.content import Block, Column, Paragraph, ReportTable, SectionContent
from binhdang.reports.sections import section
from binhdang.reports.source import ReportSource

__all__ = [
    "action_month_blocks", "activity_blocks", "award_blocks", "movement_blocks",
    "plan_blocks", "plans_of_year", "succession_blocks", "training_blocks",
]  # fmt: skip


def _any(connection: Connection, *conditions: Any, newest: Any = None) -> bool:
    """Whether any row meets ``conditions`` (in any unit). A section checks first that its
    records exist in the year at all: each indicator function reads the unit tree and counts
    the staff of the subtree (a second or more at national scale), which is wasted when it
    finds nothing to report. ``newest``: an indexed date column to search from its latest
    value back (a course overlapping the year is found among the latest ones at once, where
    a search from the oldest reads 600,000 past courses first)."""
    if newest is None:
        return bool(connection.execute(select(exists().where(*conditions))).scalar())
    query = select(newest).where(*conditions).order_by(newest.desc()).limit(1)
    return connection.execute(query).first() is not None


def _year(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def _t(key: str, lang: Lang, **params: Any) -> str:
    return text(f"committee.report.{key}", lang, **params)


def _col(key: str, lang: Lang, kind: str = "text") -> Column:
    return Column(_t(f"col.{key}", lang), kind)  # type: ignore[arg-type]


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


# --- training ------------------------------------------------------------------------------


def training_blocks(result: Any, lang: Lang) -> tuple[Block, ...]:
    r = result
    blocks: list[Block] = [Paragraph(_t("training.summary", lang, year=r.year, unit=r.unit_name,
        total=_n(r.trainees.denominator, lang), women=_n(r.trainees.numerator, lang),
        share=_pct(r.trainees, lang), women_share=_pct(r.women_attended, lang),
        women_attended=_n(r.women_attended.numerator, lang),
        women_staff=_n(r.women_attended.denominator, lang),
        men_share=_pct(r.men_attended, lang), men_attended=_n(r.men_attended.numerator, lang),
        men_staff=_n(r.men_attended.denominator, lang)))]  # fmt: skip
    advanced = next((row for row in r.by_type if row.course_type == "llct_cao_cap"), None)
    if advanced is not None:
        blocks.append(Paragraph(_t("training.advanced", lang,
                                   total=_n(advanced.women + advanced.men, lang),
                                   women=_n(advanced.women, lang),
                                   share=_pct(advanced.ratio, lang))))  # fmt: skip
    blocks.append(ReportTable(
        key="committee_training_by_type",
        caption=_t("training.by_type", lang, year=r.year),
        columns=(_col("course_type", lang), _col("total", lang, "count"),
                 _col("women", lang, "count"), _col("men", lang, "count"),
                 _col("women_share", lang, "percent")),
        rows=tuple((COURSE_TYPES.label(row.course_type, lang), row.women + row.men, row.women,
                    row.men, row.ratio.percent) for row in r.by_type),
        total=(_t("col.persons_distinct", lang), r.trainees.denominator, r.trainees.numerator,
               r.trainees.denominator - r.trainees.numerator, r.trainees.percent),
        sheet=_sheet("training", lang),
    ))  # fmt: skip
    blocks.append(ReportTable(
        key="committee_training_by_sex",
        caption=_t("training.by_sex", lang, year=r.year, as_of=formatting.short_date(r.as_of)),
        columns=(_col("sex", lang), _col("staff", lang, "count"),
                 _col("trained", lang, "count"), _col("share", lang, "percent")),
        rows=((_sex("F", lang), r.women_attended.denominator, r.women_attended.numerator,
               r.women_attended.percent),
              (_sex("M", lang), r.men_attended.denominator, r.men_attended.numerator,
               r.men_attended.percent)),
        sheet=_sheet("training_sex", lang),
    ))  # fmt: skip
    return tuple(blocks)


@section("committee_training", order=300, title="committee.report.section.training")
def training_section(source: ReportSource) -> SectionContent | None:
    from binhdang.committee.training.service import training_indicators
    from binhdang.committee.training.tables import training

    first, last = _year(source.year)
    if not _any(source.connection, training.c.status.in_(ATTENDED), training.c.start_on <= last,
                func.coalesce(training.c.end_on, training.c.start_on) >= first,
                newest=training.c.start_on):  # fmt: skip
        return None  # nobody attended a course in the year: no trainee (the test below)
    result = training_indicators(source.connection, source.unit.code, source.year,
                                 source.as_of)  # fmt: skip
    if result.trainees.denominator == 0:
        return None
    return SectionContent(blocks=training_blocks(result, source.lang), data=result)


# --- awards --------------------------------------------------------------------------------


def award_blocks(result: Any, lang: Lang) -> tuple[Block, ...]:
    r: AwardIndicators = result
    individual = r.individual_awards
    blocks: list[Block] = [Paragraph(_t("awards.summary", lang, year=r.year,
        total=_n(individual.denominator, lang), women=_n(individual.numerator, lang),
        share=_pct(individual, lang), awardees=_n(r.awardees.denominator, lang),
        awardees_share=_pct(r.awardees, lang), staff_share=_pct(r.staff, lang),
        comparison=_comparison(r.gap, lang)))]  # fmt: skip
    collective_total = sum(row.awards for row in r.collective)
    if collective_total:
        blocks.append(Paragraph(_t("awards.collective", lang, total=_n(collective_total, lang),
                                   units=_n(len(r.collective), lang))))  # fmt: skip
    if r.by_form:
        blocks.append(ReportTable(
            key="committee_awards_by_form",
            caption=_t("awards.by_form", lang, year=r.year),
            columns=(_col("form", lang), _col("total", lang, "count"),
                     _col("women", lang, "count"), _col("men", lang, "count"),
                     _col("women_share", lang, "percent")),
            rows=tuple((AWARD_FORMS.label(row.form, lang), row.women + row.men, row.women,
                        row.men, row.ratio.percent) for row in r.by_form),
            total=(_t("col.total_row", lang), individual.denominator, individual.numerator,
                   individual.denominator - individual.numerator, individual.percent),
            sheet=_sheet("awards", lang),
        ))  # fmt: skip
        blocks.append(ReportTable(
            key="committee_awards_by_issuer",
            caption=_t("awards.by_issuer", lang, year=r.year),
            columns=(_col("issuer", lang), _col("total", lang, "count"),
                     _col("women", lang, "count"), _col("men", lang, "count")),
            rows=tuple((row.issuer, row.women + row.men, row.women, row.men)
                       for row in r.by_issuer),
            sheet=_sheet("awards_issuer", lang),
        ))  # fmt: skip
    if r.collective:
        blocks.append(ReportTable(
            key="committee_awards_collective",
            caption=_t("awards.collective_table", lang, year=r.year),
            columns=(_col("code", lang, "code"), _col("unit", lang),
                     _col("unit_women_share", lang, "percent"), _col("awards", lang, "count"),
                     _col("forms", lang)),
            rows=tuple((row.unit_code, row.unit_name, row.staff.percent, row.awards,
                        "; ".join(AWARD_FORMS.label(f, lang) for f in row.forms))
                       for row in r.collective),
            sheet=_sheet("awards_collective", lang),
        ))  # fmt: skip
        blocks.append(ReportTable(
            key="committee_awards_bands",
            caption=_t("awards.bands", lang, year=r.year),
            columns=(_col("band", lang), _col("units", lang, "count"),
                     _col("awards", lang, "count")),
            rows=tuple((row.band.label(lang), row.units, row.awards) for row in r.bands),
            sheet=None,
        ))  # fmt: skip
    return tuple(blocks)


@section("committee_awards", order=400, title="committee.report.section.awards")
def awards_section(source: ReportSource) -> SectionContent | None:
    if not _any(source.connection, award.c.year == source.year):
        return None  # no award for the year: neither individual nor collective ones
    result = award_indicators(source.connection, source.unit.code, source.year, source.as_of)
    if result.individual_awards.denominator == 0 and not result.collective:
        return None
    return SectionContent(blocks=award_blocks(result, source.lang), data=result)


# --- succession ----------------------------------------------------------------------------


def succession_blocks(result: Any, lang: Lang) -> tuple[Block, ...]:
    r: SuccessionIndicators = result
    overall = r.level("all")
    meets = overall.meets_minimum
    verdict = _t("succession.na" if meets is None else
                 "succession.meets" if meets else "succession.below", lang, minimum=r.minimum)  # fmt: skip
    blocks: list[Block] = [Paragraph(_t("succession.summary", lang,
        term=show_term(r.term_start, r.term_end), unit=r.unit_name,
        total=_n(overall.pipeline.denominator, lang), women=_n(overall.pipeline.numerator, lang),
        share=_pct(overall.pipeline, lang), verdict=verdict,
        comparison=_comparison(overall.gap, lang), posts_share=_pct(overall.posts, lang),
        as_of=formatting.short_date(r.as_of)))]  # fmt: skip

    def level_label(level: str) -> str:
        if level == "all":
            return _t("col.all_levels", lang)
        vi, en = LEVEL_LABELS[level]
        return en if lang == "en" else vi

    def yes_no(value: bool | None) -> str:
        if value is None:
            return text("out.not_applicable", lang)
        return _t("col.yes" if value else "col.no", lang)

    blocks.append(ReportTable(
        key="committee_succession",
        caption=_t("succession.table", lang, term=show_term(r.term_start, r.term_end),
                   as_of=formatting.short_date(r.as_of)),
        columns=(_col("level", lang), _col("planned", lang, "count"),
                 _col("planned_women", lang, "count"), _col("planned_share", lang, "percent"),
                 _col("posts", lang, "count"), _col("posts_women", lang, "count"),
                 _col("posts_share", lang, "percent"), _col("gap", lang),
                 _col("minimum", lang)),
        rows=tuple((level_label(row.level), row.pipeline.denominator, row.pipeline.numerator,
                    row.pipeline.percent, row.posts.denominator, row.posts.numerator,
                    row.posts.percent, _signed_points(row.gap, lang), yes_no(row.meets_minimum))
                   for row in r.levels),
        sheet=_sheet("succession", lang),
    ))  # fmt: skip
    return tuple(blocks)


def term_for_year(connection: Connection, unit_code: str, year: int, as_of: date) -> int | None:
    """The first year of the latest term covering ``year`` that has a plan in the subtree."""
    scope = scope_for(connection, unit_code, as_of)
    return connection.execute(
        select(succession.c.term_start)
        .where(succession.c.term_start <= year, succession.c.term_end > year,
               scope.where_unit(succession.c.unit_id))
        .order_by(succession.c.term_start.desc())
        .limit(1)
    ).scalar()  # fmt: skip


@section("committee_succession", order=250, title="committee.report.section.succession")
def succession_section(source: ReportSource) -> SectionContent | None:
    if not _any(source.connection, succession.c.term_start <= source.year,
                succession.c.term_end > source.year):  # fmt: skip
        return None  # no plan of a term covering the year, in any unit
    term = term_for_year(source.connection, source.unit.code, source.year, source.as_of)
    if term is None:
        return None
    result = succession_indicators(source.connection, source.unit.code, term, source.as_of)
    return SectionContent(blocks=succession_blocks(result, source.lang), data=result)


# --- plans and activities ------------------------------------------------------------------


def plan_blocks(result: Any, lang: Lang) -> tuple[Block, ...]:
    p: PlansOfYear = result
    types = "; ".join(f"{name}: {_n(count, lang)}" for name, count in p.by_type.items())
    blocks: list[Block] = [Paragraph(_t("plans.summary", lang, year=p.year,
                                        total=_n(len(p.documents), lang), types=types))]  # fmt: skip
    if p.documents:
        blocks.append(ReportTable(
            key="committee_plans",
            caption=_t("plans.table", lang, year=p.year),
            columns=(_col("number", lang, "code"), _col("doc_type", lang),
                     _col("issued_on", lang, "date"), _col("issuing_body", lang),
                     _col("title", lang), _col("parent", lang, "code"),
                     _col("activities", lang, "count")),
            rows=tuple((row.symbol, row.type_name, row.issued_on, row.issuing_body, row.title,
                        row.parent, row.activities) for row in p.documents),
            sheet=_sheet("plans", lang),
        ))  # fmt: skip
    return tuple(blocks)


def activity_blocks(result: Any, lang: Lang) -> tuple[Block, ...]:
    r: ActivityIndicators = result
    totals = r.totals
    blocks: list[Block] = [Paragraph(_t("activities.summary", lang, year=r.year,
        done=_n(totals.done, lang), planned=_n(totals.done + totals.planned, lang),
        share=_pct(totals.ratio, lang), cancelled=_n(totals.cancelled, lang),
        participants=_n(r.participants.denominator, lang),
        women=_n(r.participants.numerator, lang), women_share=_pct(r.participants, lang)))]  # fmt: skip

    def status_table(key: str, rows: Any, first: Column, second: Column, sheet: str) -> ReportTable:
        return ReportTable(
            key=key,
            caption=_t(f"activities.{key}", lang, year=r.year),
            columns=(first, second, _col("planned_total", lang, "count"),
                     _col("done", lang, "count"), _col("cancelled", lang, "count"),
                     _col("done_share", lang, "percent")),
            rows=tuple((row.key or _t("col.no_plan", lang), row.label,
                        row.done + row.planned, row.done, row.cancelled, row.ratio.percent)
                       for row in rows),
            total=(_t("col.total_row", lang), "", totals.done + totals.planned, totals.done,
                   totals.cancelled, totals.ratio.percent),
            sheet=_sheet(sheet, lang),
        )  # fmt: skip

    if r.by_plan:
        blocks.append(status_table("by_plan", r.by_plan, _col("plan", lang, "code"),
                                   _col("title", lang), "activities_plan"))  # fmt: skip
    if r.by_unit:
        blocks.append(status_table("by_unit", r.by_unit, _col("code", lang, "code"),
                                   _col("unit", lang), "activities_unit"))  # fmt: skip
    return tuple(blocks)


def _has_activities(connection: Connection, year: int) -> bool:
    return bool(connection.execute(select(exists().where(
        activity.c.start_on >= date(year, 1, 1), activity.c.start_on <= date(year, 12, 31)
    ))).scalar())  # fmt: skip


@section("committee_plans", order=500, title="committee.report.section.plans")
def plans_section(source: ReportSource) -> SectionContent | None:
    first, last = _year(source.year)
    in_year = or_(
        and_(document.c.issued_on >= first, document.c.issued_on <= last),
        and_(func.coalesce(document.c.period_from, document.c.issued_on) <= last,
             func.coalesce(document.c.period_to, document.c.issued_on) >= first),
    )  # fmt: skip
    if not _any(source.connection, in_year) and not _has_activities(source.connection,
                                                                     source.year):  # fmt: skip
        return None  # neither a document meeting the year nor an activity in it
    plans = plans_of_year(source.connection, source.unit.code, source.year, source.as_of)
    activities = activity_indicators(source.connection, source.unit.code, source.year,
                                     source.as_of, lang=source.lang)  # fmt: skip
    if not plans.documents and not activities.by_unit:
        return None
    blocks = plan_blocks(plans, source.lang)
    if activities.by_unit:
        blocks += activity_blocks(activities, source.lang)
    return SectionContent(blocks=blocks, data={"plans": plans, "activities": activities})


def action_month_blocks(result: Any, lang: Lang) -> tuple[Block, ...]:
    c: ActionMonthCoverage = result
    missing = ", ".join(unit.name for unit in c.uncovered)
    blocks: list[Block] = [Paragraph(_t("action_month.summary", lang, year=c.year,
        start=formatting.short_date(c.start), end=formatting.short_date(c.end),
        covered=_n(len(c.covered), lang), total=_n(c.ratio.denominator, lang),
        share=_pct(c.ratio, lang)))]  # fmt: skip
    blocks.append(Paragraph(_t("action_month.missing", lang, units=missing) if missing
                            else _t("action_month.all", lang)))  # fmt: skip
    yes, no = _t("col.yes", lang), _t("col.no", lang)
    blocks.append(ReportTable(
        key="committee_action_month",
        caption=_t("action_month.table", lang, year=c.year),
        columns=(_col("code", lang, "code"), _col("unit", lang),
                 _col("activities", lang, "count"), _col("held", lang)),
        rows=tuple((u.code, u.name, u.activities, yes if u.activities else no)
                   for u in (*c.covered, *c.uncovered)),
        total=(_t("col.total_row", lang), "", sum(u.activities for u in c.covered),
               f"{len(c.covered)}/{c.ratio.denominator}"),
        sheet=_sheet("action_month", lang),
    ))  # fmt: skip
    return tuple(blocks)


@section("committee_action_month", order=510, title="committee.report.section.action_month")
def action_month_section(source: ReportSource) -> SectionContent | None:
    if not _has_activities(source.connection, source.year):
        return None
    result = action_month_coverage(source.connection, source.unit.code, source.year)
    return SectionContent(blocks=action_month_blocks(result, source.lang), data=result)


# --- movements -----------------------------------------------------------------------------


def movement_blocks(result: Any, lang: Lang) -> tuple[Block, ...]:
    m: MovementIndicators = result
    blocks: list[Block] = [
        Paragraph(_t("movements.item", lang, name=row.name, organiser=row.organiser,
                     start=formatting.short_date(row.start_on), units=_n(row.units, lang),
                     persons=_n(row.persons.denominator, lang),
                     women=_n(row.persons.numerator, lang),
                     awards=_n(row.awards.denominator, lang),
                     awards_women=_n(row.awards.numerator, lang),
                     collective=_n(row.collective_awards, lang)))
        for row in m.movements
    ]  # fmt: skip
    blocks.append(ReportTable(
        key="committee_movements",
        caption=_t("movements.table", lang, year=m.year),
        columns=(_col("movement", lang), _col("organiser", lang), _col("start", lang, "date"),
                 _col("units", lang, "count"), _col("persons", lang, "count"),
                 _col("women", lang, "count"), _col("awards", lang, "count"),
                 _col("awards_women", lang, "count"), _col("collective", lang, "count")),
        rows=tuple((row.name, row.organiser, row.start_on, row.units, row.persons.denominator,
                    row.persons.numerator, row.awards.denominator, row.awards.numerator,
                    row.collective_awards) for row in m.movements),
        sheet=_sheet("movements", lang),
    ))  # fmt: skip
    return tuple(blocks)


@section("committee_movements", order=450, title="committee.report.section.movements")
def movements_section(source: ReportSource) -> SectionContent | None:
    first, last = _year(source.year)
    if not _any(source.connection, movement.c.start_on <= last,
                or_(movement.c.end_on.is_(None), movement.c.end_on >= first)):  # fmt: skip
        return None  # no movement running in the year
    result = movement_indicators(source.connection, source.unit.code, source.year, source.as_of)
    if not result.movements:
        return None
    return SectionContent(blocks=movement_blocks(result, source.lang), data=result)
