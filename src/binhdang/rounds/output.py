"""A round's status as JSON-ready data, CSV and a terminal table (vi/en).

JSON (issue 17): ``{"unit", "year", "due", "units": [{"code", "name", "state",
"submitted_at", "by", "late"}], "counts": {state: n}}`` — states are the codes
``not_submitted``, ``submitted``, ``returned``, ``accepted``; the table shows their labels.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

from rich.table import Table

from binhdang import exports, formatting
from binhdang.messages import Lang, text
from binhdang.rounds.service import RoundStatus

CSV_COLUMNS = ("code", "name", "state", "version", "submitted_at", "by", "late")


def to_data(status: RoundStatus) -> dict[str, Any]:
    found = status.round
    return {
        "unit": found.unit_code,
        "year": found.year,
        "due": found.due.isoformat() if found.due else None,
        "closed": found.closed,
        "units": [
            {
                "code": item.code,
                "name": item.name,
                "state": item.state.value,
                "version": item.latest.version if item.latest else None,
                "submitted_at": _instant(item.submitted_at),
                "by": item.by,
                "late": item.late,
            }
            for item in status.units
        ],
        "counts": status.counts.as_dict(),
    }


def _instant(value: datetime | None) -> str | None:
    """ISO 8601 with its zone (SQLite returns stored instants, UTC, without theirs)."""
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()


def to_csv(status: RoundStatus) -> str:
    buffer = io.StringIO()
    writer = exports.csv_writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for item in to_data(status)["units"]:
        writer.writerow([item[c] if item[c] is not None else "" for c in CSV_COLUMNS])
    return buffer.getvalue()


def state_label(state: str, lang: Lang) -> str:
    return text(f"rounds.state.{state}", lang)


def progress(status: RoundStatus, lang: Lang) -> str:
    """``12/34 đã nộp``: units whose figures reached the body (waiting or accepted)."""
    return text("rounds.progress", lang, done=status.counts.handed_in, total=len(status.units))


def to_table(status: RoundStatus, lang: Lang) -> Table:
    found = status.round
    due = formatting.short_date(found.due, lang) if found.due else text("rounds.no_due", lang)
    title = text(
        "rounds.title",
        lang,
        year=found.year,
        unit=f"{status.body_name} [{found.unit_code}]",
        due=due,
        start=formatting.short_date(found.period_start, lang),
        end=formatting.short_date(found.period_end, lang),
        as_of=formatting.short_date(found.as_of, lang),
    )
    if found.closed:
        title += f" — {text('rounds.closed_mark', lang)}"
    table = Table(title=f"{title}\n{progress(status, lang)}", title_justify="left")
    for key in ("code", "name", "state", "version", "at", "by", "late"):
        table.add_column(text(f"rounds.col.{key}", lang))
    for item in status.units:
        table.add_row(
            item.code,
            item.name,
            state_label(item.state.value, lang),
            str(item.latest.version) if item.latest else "",
            formatting.moment(item.submitted_at, lang) if item.submitted_at else "",
            item.by or "",
            text("rounds.late", lang) if item.late else "",
            style="red" if item.late else None,
        )
    return table
