"""What every renderer of the report shares (DOCX, HTML): a cell as people read it and the
report's variables for a template. The renderers use this module, never each other."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from binhdang import formatting
from binhdang.indicators.output import to_data
from binhdang.messages import Lang, text
from binhdang.reports.content import CellValue, Report
from binhdang.reports.typesetting import keep_issuer, keep_names


def format_cell(value: CellValue, kind: str, lang: Lang) -> str:
    """A cell as people read it: ``1.234``, ``53,6%``, ``01/10/2022``; empty for ``None``
    except percentages, where ``None`` means "not applicable"."""
    if value is None:
        return text("out.not_applicable", lang) if kind == "percent" else ""
    if kind == "percent" and isinstance(value, Decimal):
        return formatting.percent(value, lang)
    if isinstance(value, date):
        return formatting.short_date(value, lang)
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return formatting.number(value, lang)
    return str(value)


def report_context(report: Report) -> dict[str, Any]:
    """The report's variables for a template (the README lists them with examples); a
    renderer adds its ``sections`` and ``appendix``."""
    lang = report.lang
    header = report.header
    issue = formatting.long_date(header.issue_date, lang)
    context: dict[str, Any] = {
        "lang": lang,
        "unit_code": report.unit_code,
        "unit_name": report.unit_name,
        "as_of": formatting.short_date(report.as_of, lang),
        "as_of_long": formatting.long_date(report.as_of, lang),
        "year": report.year,
        "parent_body": keep_issuer(header.parent_body),
        "issuer": keep_issuer(header.issuer),
        "number": header.number,
        "place": header.place,
        "issue_date": formatting.short_date(header.issue_date, lang),
        "issue_date_long": issue,
        "place_date": keep_names(text("report.place_date", lang, place=header.place, date=issue)),
        "title": header.title,
        "subtitle": header.subtitle,
        "intro": header.intro,
        "closing": header.closing,
        "recipients": list(header.recipients),
        "signer": header.signer,
        "signer_title": header.signer_title,
        "signer_authority": header.signer_authority,
        "signer_heading": "\n".join(filter(None, (header.signer_authority, header.signer_title))),
        "source_note": report.source_note,
        "data": {item.key: item.data for item in report.sections},
        "indicators": {},
        "issuer_name": header.issuer_name,
        "appendix_title": header.appendix_title,
        "appendix_subtitle": header.appendix_subtitle,
        "appendix": [],
    }
    period = report.period
    if period is not None:
        context["period_start"] = formatting.short_date(period.start, lang)
        context["period_end"] = formatting.short_date(period.end, lang)
    indicator_set = report.extra.get("indicators")
    if indicator_set is not None:
        context["indicators"] = {item["code"]: item for item in to_data(indicator_set, lang)}
    return context
