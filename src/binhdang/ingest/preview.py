"""A dry run: what importing a staff list would change, person by person, saving nothing.

The real import runs inside a transaction that is always rolled back, so the preview shows
exactly what the import would do (the same identity rule, the same errors). ``binhdang
import staff --dry-run`` prints it; the web preview lists the same changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from binhdang.formatting import short_date
from binhdang.ingest.changes import CHANGE_KINDS, PersonChange
from binhdang.ingest.outcome import ImportOutcome
from binhdang.messages import Lang, text
from binhdang.store.writes import OnWait, write_transaction


def dry_run_staff(
    engine: Engine, path: Path, as_of: date, *, on_wait: OnWait | None = None, **options: Any
) -> ImportOutcome:
    """Run :func:`binhdang.ingest.service.import_staff` and roll it back: what it would do.

    Under the write lock like the import itself, so that it plans against what is stored
    (another writer cannot change it between the plan and its listing).

    ``options`` are those of ``import_staff`` (``close_missing``, ``scope``, ``sheet``…);
    ``skip_invalid`` is refused by the caller (it would write a rejected-rows file).
    """
    from binhdang.ingest.service import import_staff  # the service imports this module's kin

    with write_transaction(engine, on_wait=on_wait, commit=False) as connection:
        return import_staff(connection, path, as_of, **options)


@dataclass(frozen=True)
class ChangeGroup:
    kind: str
    changes: list[PersonChange]


def grouped(changes: list[PersonChange]) -> list[ChangeGroup]:
    """The changes by kind (in :data:`CHANGE_KINDS` order), each by unit then name."""
    groups = []
    for kind in CHANGE_KINDS:
        members = sorted(
            (c for c in changes if c.kind == kind),
            key=lambda c: (c.unit_code, c.full_name, c.staff_code),
        )
        if members:
            groups.append(ChangeGroup(kind, members))
    return groups


def describe(change: PersonChange) -> str:
    """``C3 Trần Thị B — P1 → P2`` (plain text, for the terminal)."""
    where = change.unit_code
    if change.kind == "moved" and change.from_unit:
        where = f"{change.from_unit} → {change.unit_code}"
    line = f"{change.staff_code}  {change.full_name} — {where}"
    if change.kind in ("promoted", "post_changed") or (
        change.kind == "moved" and change.title != change.from_title
    ):
        line += f" ({change.from_title or '—'} → {change.title or '—'})"
    elif change.kind == "added" and change.title:
        line += f" ({change.title})"
    return line


def preview_lines(outcome: ImportOutcome, lang: Lang) -> list[str]:
    """The dry run as lines of text: every change by kind, unit and person."""
    as_of = short_date(outcome.as_of) if outcome.as_of else "—"
    lines = [text("preview.title", lang, file=outcome.file_name, as_of=as_of)]
    groups = grouped(outcome.changes)
    for group in groups:
        lines.append(f"{text(f'preview.kind.{group.kind}', lang)} ({len(group.changes)}):")
        lines.extend(f"  {describe(change)}" for change in group.changes)
    if not groups:
        lines.append(text("preview.nothing", lang))
    lines.append(text("preview.unchanged", lang, count=outcome.unchanged))
    lines.append(text("preview.footer", lang))
    return lines
