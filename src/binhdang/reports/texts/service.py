"""Saving and reading the report texts, with their history.

Every save adds a version (who, when); a clear adds a version without a body; nothing is
ever updated or deleted, so every earlier version stays readable. The functions take a
connection and never commit: the adapter that owns the user's action does (one transaction
per action).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, func, insert, select
from sqlalchemy.exc import IntegrityError

from binhdang import formatting
from binhdang.errors import BinhdangError
from binhdang.reports.texts.parsing import BY_KEY, check_size, clean_text
from binhdang.reports.texts.tables import report_text
from binhdang.store.tables import unit

FIRST_YEAR, LAST_YEAR = 1945, 2100


@dataclass(frozen=True)
class TextVersion:
    """One saved version of one text. ``body`` is ``None`` for a clear."""

    section: str
    version: int
    body: str | None
    saved_by: str
    saved_at: datetime


def saved_at_text(moment: datetime) -> str:
    """``05/12/2026 16:30 (UTC+7)``: when a version was saved, in Vietnam's time (stored in
    UTC; SQLite returns it without its zone)."""
    return formatting.moment(moment)


def check_year(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise BinhdangError.of("report_text.bad_year", value=year)
    return year


def unit_id_of(connection: Connection, unit_code: str) -> int:
    """The stable id of unit ``unit_code`` (on any date); a clear error when there is none."""
    found = connection.execute(select(unit.c.id).where(unit.c.code == unit_code)).scalar()
    if found is None:
        raise BinhdangError.of("report_text.unknown_unit", code=unit_code)
    return int(found)


def _versions(connection: Connection, unit_id: int, year: int, section: str | None):
    query = select(report_text).where(report_text.c.unit_id == unit_id, report_text.c.year == year)
    if section is not None:
        query = query.where(report_text.c.section == section)
    return connection.execute(query.order_by(report_text.c.section, report_text.c.version))


def _version(row) -> TextVersion:
    return TextVersion(row.section, row.version, row.body, row.saved_by, row.saved_at)


def history(
    connection: Connection, unit_code: str, year: int, section: str | None = None
) -> list[TextVersion]:
    """Every version of the unit's texts for ``year`` (of one ``section``, or all), oldest first
    within each section, sections in report order."""
    unit_id = unit_id_of(connection, unit_code)
    versions = [_version(row) for row in _versions(connection, unit_id, check_year(year), section)]
    order = list(BY_KEY)
    return sorted(versions, key=lambda v: (order.index(v.section), v.version))


def latest_texts(connection: Connection, unit_code: str, year: int) -> dict[str, TextVersion]:
    """The latest version of each text of the unit for ``year`` (cleared ones included)."""
    latest: dict[str, TextVersion] = {}
    for version in history(connection, unit_code, year):
        latest[version.section] = version  # oldest first: the last one wins
    return latest


def get_version(
    connection: Connection, unit_code: str, year: int, section: str, version: int
) -> TextVersion:
    for item in history(connection, unit_code, year, section):
        if item.version == version:
            return item
    raise BinhdangError.of(
        "report_text.no_version", version=version, section=section, unit=unit_code, year=year
    )


def _add(
    connection: Connection,
    unit_code: str,
    year: int,
    section: str,
    body: str | None,
    saved_by: str,
    now: datetime,
) -> TextVersion:
    unit_id = unit_id_of(connection, unit_code)
    number = (
        connection.execute(
            select(func.coalesce(func.max(report_text.c.version), 0)).where(
                report_text.c.unit_id == unit_id,
                report_text.c.year == year,
                report_text.c.section == section,
            )
        ).scalar_one()
        + 1
    )
    try:
        connection.execute(
            insert(report_text).values(
                unit_id=unit_id,
                year=year,
                section=section,
                version=number,
                body=body,
                saved_by=saved_by[:100],
                saved_at=now,
            )
        )
    except IntegrityError as exc:  # another save took this version number meanwhile
        raise BinhdangError.of("report_text.conflict", section=section) from exc
    return TextVersion(section, number, body, saved_by[:100], now)


def save_text(
    connection: Connection,
    *,
    unit_code: str,
    year: int,
    section: str,
    body: str,
    saved_by: str,
    now: datetime,
) -> TextVersion | None:
    """Save ``body`` as the next version of the text; ``None`` when it equals the latest
    version (nothing to save). An empty body clears the text (see :func:`clear_text`)."""
    if section not in BY_KEY:
        raise ValueError(section)
    check_year(year)
    check_size(body, section)
    cleaned = clean_text(body)
    if not cleaned:
        return clear_text(
            connection, unit_code=unit_code, year=year, section=section, saved_by=saved_by, now=now
        )
    current = latest_texts(connection, unit_code, year).get(section)
    if current is not None and current.body == cleaned:
        return None
    return _add(connection, unit_code, year, section, cleaned, saved_by, now)


def clear_text(
    connection: Connection,
    *,
    unit_code: str,
    year: int,
    section: str,
    saved_by: str,
    now: datetime,
) -> TextVersion | None:
    """Record that the text was removed (a version without a body); ``None`` when it has no
    text now. The report then leaves the section out (the assessment falls back to its
    draft)."""
    if section not in BY_KEY:
        raise ValueError(section)
    current = latest_texts(connection, unit_code, check_year(year)).get(section)
    if current is None or current.body is None:
        return None
    return _add(connection, unit_code, year, section, None, saved_by, now)
