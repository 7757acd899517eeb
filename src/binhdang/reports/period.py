"""The reporting period of a report and the dates that bound what it may contain.

A yearly report covers an **annual period**: Decree 09/2019/NĐ-CP (chế độ báo cáo của cơ quan
hành chính nhà nước), Article 12, sets the data of an annual periodic report from 15 December
of the year before the reporting year to 14 December of the reporting year. ``--from``/``--to``
choose another period. Records that happen on a day (documents issued, activities, courses,
award decisions, movements, maternity leaves) count only inside the period and never after the
issue date: a report cannot tell what had not happened when it was signed. The headcount date
(``--as-of``) is separate: staff figures are those of the lists on that day.

Pure: no clock, no database. The issue date is an argument (the CLI defaults it to today).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from binhdang import formatting
from binhdang.errors import BinhdangError
from binhdang.messages import Lang, text

DECREE_09_SOURCE = "Nghị định 09/2019/NĐ-CP, Điều 12"
# Decree 09/2019/NĐ-CP, Article 12: an annual report's data run from 15/12 of the previous
# year to 14/12 of the reporting year.
ANNUAL_START = (12, 15)  # (month, day) in the year before the reporting year
ANNUAL_END = (12, 14)  # (month, day) in the reporting year


def annual_period(year: int) -> tuple[date, date]:
    """The annual period of ``year`` (Decree 09/2019/NĐ-CP, Art. 12): both days included."""
    return date(year - 1, *ANNUAL_START), date(year, *ANNUAL_END)


@dataclass(frozen=True)
class ReportPeriod:
    """The days a report covers.

    ``start``–``last`` is the period as chosen (both included); ``issue_date`` is the date on
    the document. ``end`` is the last day whose records are reported: the period's last day,
    or the issue date when that comes first (``cut_short``).
    """

    start: date
    last: date
    issue_date: date
    annual: bool = True  # the default annual period of the reporting year (Decree 09)

    @property
    def end(self) -> date:
        return min(self.last, self.issue_date)

    @property
    def cut_short(self) -> bool:
        """The issue date falls inside the period: records stop at the issue date."""
        return self.issue_date < self.last

    @property
    def bounds(self) -> tuple[date, date]:
        """``(start, end)``: the days whose records the report counts."""
        return self.start, self.end

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def meets(self, first: date, last: date | None) -> bool:
        """Whether ``first``–``last`` (``None``: still running) shares a day with the period."""
        return first <= self.end and (last is None or last >= self.start)


def report_period(
    year: int,
    issue_date: date,
    first: date | None = None,
    last: date | None = None,
) -> ReportPeriod:
    """The period of a report for ``year``: the annual one unless ``first``/``last`` say
    otherwise (a missing one keeps the annual value). Raises :class:`BinhdangError` when the
    period ends before it starts, or starts after the issue date."""
    default_first, default_last = annual_period(year)
    chosen_first = first or default_first
    chosen_last = last or default_last
    if chosen_last < chosen_first:
        raise BinhdangError.of(
            "report.period_reversed",
            start=formatting.short_date(chosen_first),
            end=formatting.short_date(chosen_last),
        )
    if issue_date < chosen_first:  # nothing of the period had happened when it was signed
        raise BinhdangError.of(
            "report.issue_before_period",
            date=formatting.short_date(issue_date),
            start=formatting.short_date(chosen_first),
        )
    annual = (chosen_first, chosen_last) == (default_first, default_last)
    return ReportPeriod(chosen_first, chosen_last, issue_date, annual)


def check_issue_date(as_of: date, issue_date: date) -> None:
    """A report is never dated before its headcount date (it would report a future list)."""
    if issue_date < as_of:
        raise BinhdangError.of(
            "report.issue_before_as_of",
            date=formatting.short_date(issue_date),
            as_of=formatting.short_date(as_of),
        )


def period_text(period: ReportPeriod, lang: Lang) -> str:
    """``từ ngày 15/12/2021 đến ngày 14/12/2022`` (the period as chosen)."""
    return text(
        "report.period.range",
        lang,
        start=formatting.short_date(period.start, lang),
        end=formatting.short_date(period.last, lang),
    )


def within(period: ReportPeriod, lang: Lang) -> str:
    """How a section says when its records happened, inside a sentence: ``trong kỳ báo cáo``,
    or ``trong kỳ báo cáo (tính đến ngày 01/10/2022)`` when the issue date cuts it short."""
    if period.cut_short:
        return text("report.period.within_cut", lang, date=formatting.short_date(period.end, lang))
    return text("report.period.within", lang)


def capitalised(value: str) -> str:
    """The first letter upper-cased (a phrase that starts a sentence)."""
    return value[:1].upper() + value[1:]
