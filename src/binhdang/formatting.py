"""Numbers, percentages and dates for people, in Vietnamese or English (design.md §5).

Computation never formats and formatting never computes: every output (CLI, reports, web)
formats through this module. Percentages arrive already rounded (see
:func:`binhdang.indicators.catalogue.percent`); this module only writes them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from babel.dates import format_date
from babel.numbers import format_decimal

from binhdang.messages import Lang, text

_LOCALES: dict[str, str] = {"vi": "vi_VN", "en": "en_GB"}

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
"""Times are stored in UTC and shown in Vietnam's time (UTC+7, no daylight saving)."""


def number(value: int | Decimal, lang: Lang = "vi") -> str:
    """Whole numbers with thousands grouping: ``1.234`` (vi), ``1,234`` (en)."""
    return format_decimal(value, format="#,##0", locale=_LOCALES[lang])


def percent(value: Decimal | None, lang: Lang = "vi") -> str:
    """A percentage always with one decimal: ``53,6%`` / ``53.6%``; ``None`` is not applicable."""
    if value is None:
        return text("out.not_applicable", lang)
    return format_decimal(value, format="#,##0.0", locale=_LOCALES[lang]) + "%"


def signed(value: Decimal | None, lang: Lang = "vi", *, unit: str = "percent") -> str:
    """A gap with its sign, one decimal: ``+12,3%`` (pay gap, percent) or ``−2,0`` (a gap of
    rates in percentage points, the unit named in the indicator); ``None`` not applicable."""
    if value is None:
        return text("out.not_applicable", lang)
    sign = "+" if value > 0 else "−" if value < 0 else ""
    shown = format_decimal(abs(value), format="#,##0.0", locale=_LOCALES[lang])
    return f"{sign}{shown}{'%' if unit == 'percent' else ''}"


def fewer_than(threshold: int, lang: Lang = "vi") -> str:
    """A figure not shown because its group has fewer than ``threshold`` people: ``< 5``."""
    return f"< {number(threshold, lang)}"


def short_date(value: date, lang: Lang = "vi") -> str:
    """``01/10/2022`` in both languages (the form used on Vietnamese documents)."""
    return value.strftime("%d/%m/%Y")


def moment(value: datetime, lang: Lang = "vi", *, seconds: bool = False) -> str:
    """A stored instant in Vietnam's time, with the zone said: ``05/12/2026 16:30 (UTC+7)``.

    A value without a zone is UTC (SQLite returns stored instants without theirs)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    local = value.astimezone(VIETNAM)
    return local.strftime("%d/%m/%Y %H:%M:%S" if seconds else "%d/%m/%Y %H:%M") + " (UTC+7)"


def long_date(value: date, lang: Lang = "vi") -> str:
    """Prose date: ``ngày 01 tháng 10 năm 2022``, ``ngày 05 tháng 3 năm 2023`` or
    ``1 October 2022``.

    Decree 30/2020/NĐ-CP, Appendix I: days 1–9 and months 1–2 take a leading zero (so that
    they cannot be altered by hand); other months are written as they are.
    """
    if lang == "vi":
        month = f"{value.month:02d}" if value.month < 3 else str(value.month)
        return f"ngày {value.day:02d} tháng {month} năm {value.year}"
    return format_date(value, "d MMMM y", locale=_LOCALES[lang])


def points(value: Decimal, lang: Lang = "vi") -> str:
    """A difference of percentages, one decimal, no sign: ``0,6`` / ``0.6`` (percentage points)."""
    return format_decimal(abs(value), format="#,##0.0", locale=_LOCALES[lang])


def day_month(value: date, lang: Lang = "vi") -> str:
    """Day and month of a yearly reference date: ``01/10`` (vi) or ``1 October`` (en)."""
    if lang == "vi":
        return value.strftime("%d/%m")
    return format_date(value, "d MMMM", locale=_LOCALES[lang])


def file_size(size: int, lang: Lang = "vi") -> str:
    """A file's size in decimal units: ``850 KB``, ``1,2 MB`` / ``1.2 MB``, ``3,4 GB``."""
    for unit, scale in (("GB", 10**9), ("MB", 10**6)):
        if size >= scale:
            return (
                format_decimal(Decimal(size) / scale, format="#,##0.0", locale=_LOCALES[lang])
                + f" {unit}"
            )
    return format_decimal(max(1, round(size / 1000)), format="#,##0", locale=_LOCALES[lang]) + " KB"
