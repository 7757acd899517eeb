"""What an import did, and the file of rejected rows written with ``--skip-invalid``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import Connection

from binhdang import exports
from binhdang.errors import BinhdangError, Problem
from binhdang.ingest.batches import Journal
from binhdang.ingest.changes import PersonChange
from binhdang.ingest.columns import ColumnSpec, MappedSheet
from binhdang.ingest.values import clean_text
from binhdang.messages import Lang, text


def require_connection(connection: object, importer: str) -> None:
    """Refuse an engine where an importer wants the connection of its caller's transaction:
    given an engine it would have no transaction to write in (a caller's bug, said plainly)."""
    if not isinstance(connection, Connection):
        raise TypeError(
            f"{importer} takes the connection of a write transaction its caller owns: "
            "with write_transaction(engine) as connection (binhdang.store.writes)"
        )


@dataclass
class ImportOutcome:
    file_name: str
    as_of: date | None
    added: int = 0
    changed: int = 0
    ended: int = 0
    unchanged: int = 0
    warnings: list[Problem] = field(default_factory=list)
    rejected: list[Problem] = field(default_factory=list)
    rejected_file: Path | None = None
    changes: list[PersonChange] = field(default_factory=list)
    """Each person the import adds, moves, promotes, changes or ends (staff lists)."""
    journal: Journal = field(default_factory=Journal)
    """Every row written, so that the batch can be undone (ingest.batches)."""
    batch_id: int | None = None

    def summary(self) -> dict[str, int]:
        return {
            "added": self.added,
            "changed": self.changed,
            "ended": self.ended,
            "unchanged": self.unchanged,
            "warnings": len(self.warnings),
            "rejected": len(self.rejected),
        }


def rejected_path(source: Path) -> Path:
    """``staff.xlsx`` → ``staff.rejected.xlsx`` beside it (CSV stays CSV)."""
    suffix = ".csv" if source.suffix.lower() in {".csv", ".txt"} else ".xlsx"
    return source.with_name(f"{source.stem}.rejected{suffix}")


def write_rejected(
    source: Path,
    sheet: MappedSheet,
    specs: Sequence[ColumnSpec],
    problems: Sequence[Problem],
    lang: Lang,
) -> Path:
    """Write the rows that had errors, as the user gave them, with a reason column."""
    reasons: dict[int, list[str]] = {}
    for problem in problems:
        if problem.row is not None:
            reasons.setdefault(problem.row, []).append(problem.render(lang))
    fields = [spec for spec in specs if spec.field in sheet.headers]
    header = [sheet.headers[spec.field] for spec in fields] + [text("reason", lang)]
    body = [
        [clean_text(row.cells.get(spec.field)) for spec in fields] + ["; ".join(reasons[row.row])]
        for row in sheet.rows
        if row.row in reasons
    ]
    target = rejected_path(source)
    try:
        if target.suffix == ".csv":
            with target.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = exports.csv_writer(handle)
                writer.writerow(header)
                writer.writerows(body)
        else:
            workbook = Workbook()
            worksheet = workbook.active
            exports.append(worksheet, header)
            for line in body:
                exports.append(worksheet, line)
            workbook.save(target)
    except OSError as exc:
        raise BinhdangError.of("file.write_failed", file=str(target), reason=exc.strerror) from exc
    return target
