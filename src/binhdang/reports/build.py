"""Assemble a report: header from the request and the unit tree, sections from the registry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection

from binhdang import formatting
from binhdang.errors import BinhdangError
from binhdang.indicators.results import IndicatorSet
from binhdang.messages import Lang, Message, text
from binhdang.reports.content import Header, RenderedSection, Report
from binhdang.reports.period import ReportPeriod, check_issue_date, period_text, report_period
from binhdang.reports.sections import registered_sections
from binhdang.reports.source import DEFAULT_TREND_YEARS, ReportSource
from binhdang.units.tree import load_tree

ROMAN = (
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
    "XVIII",
    "XIX",
    "XX",
)
PLACE_BLANK = "……"


@dataclass(frozen=True)
class ReportRequest:
    """What the user asked for. ``None`` means "use the default" (see each field)."""

    unit_code: str
    as_of: date  # headcount date: the staff lists of this day
    year: int | None = None  # reporting year; default: the as-of date's year
    lang: Lang = "vi"
    number: str | None = None  # "07/BC-BHXH"; default: a blank number to fill in by hand
    place: str | None = None  # "Quảng Trị"; default: a blank to fill in
    # Date on the document, never before ``as_of``; records after it are not reported.
    # Default: the as-of date (the library has no clock; the CLI passes today).
    issue_date: date | None = None
    period_start: date | None = None  # default: 15/12 of the year before (Decree 09/2019)
    period_end: date | None = None  # default: 14/12 of the reporting year (Decree 09/2019)
    appendix: bool = False  # the full per-unit lists after the signature (DOCX, HTML)
    signer: str = ""  # name of the person who signs
    signer_title: str | None = None  # default: "GIÁM ĐỐC"
    signer_authority: str = ""  # "KT. GIÁM ĐỐC", "TM. BAN VÌ SỰ TIẾN BỘ PHỤ NỮ"
    parent_body: str | None = None  # default: the unit's parent in the tree ("" for none)
    issuer: str | None = None  # default: the unit's name
    recipients: tuple[str, ...] | None = None  # default: the parent body, then "Lưu: VT"
    trend_years: int = DEFAULT_TREND_YEARS
    sections: tuple[str, ...] | None = None  # section keys to include; default: all


def _punctuate(items: list[str]) -> tuple[str, ...]:
    """Recipients as on a Vietnamese document: ``;`` after each, ``.`` after the last."""
    cleaned = [item.strip().rstrip(";.").strip() for item in items if item.strip()]
    return tuple(
        item + ("." if index == len(cleaned) - 1 else ";") for index, item in enumerate(cleaned)
    )


def build_report(
    connection: Connection,
    request: ReportRequest,
    on_section: Callable[[RenderedSection], None] | None = None,
    *,
    indicators: IndicatorSet | None = None,
) -> Report:
    """Read every section's figures for ``request.unit_code`` on ``request.as_of``.

    ``on_section`` is called with each section as soon as it is built (say, to start
    drawing its charts while the next sections are read). ``indicators`` replaces the unit's
    live indicator set (a body's figures consolidated from its units' submissions,
    :mod:`binhdang.rounds.consolidate`).

    Raises :class:`BinhdangError` for an unknown unit, a date with no staff figures, an issue
    date before the headcount date or a period that ends before it starts.
    """
    lang = request.lang
    issue_date = request.issue_date or request.as_of
    check_issue_date(request.as_of, issue_date)
    year = request.year or request.as_of.year
    period = report_period(year, issue_date, request.period_start, request.period_end)
    tree = load_tree(connection, request.as_of)
    unit = tree.require(request.unit_code)
    source = ReportSource(
        connection,
        tree,
        unit,
        request.as_of,
        year,
        lang,
        request.trend_years,
        period=period,
        number=request.number,
    )
    if indicators is not None:
        source.indicators = indicators  # the cached property, set before any section reads it
    if source.indicators.get("women_share_staff").ratio.denominator == 0:
        raise BinhdangError.of(
            "report.no_data",
            unit=f"{unit.name} [{unit.code}]",
            as_of=formatting.short_date(request.as_of, lang),
        )
    parents = tree.ancestors(unit.id)
    parent_name = parents[0].name if parents else ""
    parent_body = parent_name if request.parent_body is None else request.parent_body
    issuer = (request.issuer or unit.name).strip()
    if request.recipients is not None:
        recipients = list(request.recipients)
    else:
        recipients = [parent_body] if parent_body else []
    recipients.append(text("report.recipient_archive", lang))
    number = request.number or text("report.number_blank", lang)
    header = Header(
        parent_body=parent_body.upper(),
        issuer=issuer.upper(),
        number=number,
        place=request.place or PLACE_BLANK,
        issue_date=issue_date,
        title=text("report.title", lang),
        subtitle=_subtitle(period, year, lang),
        intro=_intro(issuer, period, year, request.as_of, lang),
        closing=text(
            "report.closing",
            lang,
            unit=issuer,
            what=_what(period, year, lang),
            date=formatting.long_date(request.as_of, lang),
        ),
        recipients=_punctuate(recipients),
        signer=request.signer,
        signer_title=(request.signer_title or text("report.signer_title", lang)).upper(),
        signer_authority=request.signer_authority.upper(),
        issuer_name=issuer,
        appendix_title=text("report.appendix.title", lang),
        appendix_subtitle=text(
            "report.appendix.subtitle",
            lang,
            number=number.strip(),
            date=formatting.short_date(issue_date, lang),
            issuer=issuer,
        ),
    )
    rendered: list[RenderedSection] = []
    for registered in registered_sections():
        if request.sections is not None and registered.key not in request.sections:
            continue
        content = registered.build(source)
        if content is None:
            continue
        number = ROMAN[len(rendered)] if len(rendered) < len(ROMAN) else str(len(rendered) + 1)
        title = content.title or registered.title_in(lang)
        rendered.append(RenderedSection(registered.key, number, title, content))
        if on_section is not None:
            on_section(rendered[-1])
    warnings: list[Message] = []
    if period.cut_short:
        warnings.append(
            Message(
                "report.period_cut",
                {
                    "date": formatting.short_date(period.end, lang),
                    "last": formatting.short_date(period.last, lang),
                },
            )
        )
    return Report(
        unit_code=unit.code,
        unit_name=unit.name,
        as_of=request.as_of,
        year=year,
        lang=lang,
        header=header,
        sections=tuple(rendered),
        extra={"indicators": source.indicators},
        source_note=text(
            "report.source", lang, unit=unit.name, date=formatting.short_date(request.as_of, lang)
        ),
        period=period,
        with_appendix=request.appendix,
        warnings=tuple(warnings),
    )


def _what(period: ReportPeriod, year: int, lang: Lang) -> str:
    """What the report covers: ``năm 2022`` (the annual period) or ``từ ngày … đến ngày …``."""
    if period.annual:
        return text("report.period.year", lang, year=year)
    return period_text(period, lang)


def _subtitle(period: ReportPeriod, year: int, lang: Lang) -> str:
    """The trích yếu: ``Kết quả công tác … năm 2022``."""
    return text("report.subtitle", lang, what=_what(period, year, lang))


def _intro(issuer: str, period: ReportPeriod, year: int, as_of: date, lang: Lang) -> str:
    """The opening: the issuing body reports on the period, with its headcount date, and says
    when the issue date cuts the period short."""
    dates = text(
        "report.intro.dates",
        lang,
        period=period_text(period, lang),
        date=formatting.long_date(as_of, lang),
    )
    if period.cut_short:
        dates += text("report.intro.cut", lang, date=formatting.short_date(period.end, lang))
    return text("report.intro", lang, issuer=issuer, what=_what(period, year, lang), dates=dates)
