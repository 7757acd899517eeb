"""What a unit submits, frozen: its figures as JSON, its report files, and their manifest.

The figures are the full indicator set at the round's headcount date (the unit with its
subtree), the number of units in that subtree (the denominator of the Resolution 28 share, so
that a consolidation adds it up exactly), every section of the yearly report for the round's
period as typed tables and paragraphs (the committee's summaries, the policies, the report
texts' paragraphs) and the report texts as saved. The report files are the yearly report
written by the report writer (DOCX, XLSX, HTML; the PDF is left out: LibreOffice would make
every submission several seconds slower, and the DOCX is the same document).

Every part has its SHA-256 in the manifest; the manifest's own SHA-256 identifies the version.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine

from binhdang.indicators.output import to_data
from binhdang.reports.build import ReportRequest, build_report
from binhdang.reports.content import ChartBlock, Paragraph, RenderedSection, Report, ReportTable
from binhdang.reports.texts.service import latest_texts
from binhdang.units.tree import UnitTree

FORMAT = "binhdang-submission/1"
FIGURES = "figures.json"
REPORT_FORMATS = ("docx", "xlsx", "html")


@dataclass(frozen=True)
class Part:
    name: str
    content: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    def entry(self) -> dict[str, Any]:
        return {"name": self.name, "sha256": self.sha256, "size": len(self.content)}


def canonical(data: Any) -> bytes:
    """JSON bytes that hash the same for the same data (sorted keys, no spaces)."""
    return json.dumps(
        data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_plain
    ).encode("utf-8")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def _section_data(report: Report) -> list[dict[str, Any]]:
    """Each section's tables and paragraphs as plain data (cells raw: numbers, dates)."""
    sections = []
    for section in report.sections:
        blocks: list[dict[str, Any]] = []
        for block in section.content.blocks:
            if isinstance(block, Paragraph):
                blocks.append({"paragraph": block.text})
            elif isinstance(block, ReportTable):
                blocks.append(
                    {
                        "table": block.key,
                        "caption": block.caption,
                        "columns": [[c.label, c.kind] for c in block.columns],
                        "rows": [list(row) for row in block.rows],
                        "total": list(block.total) if block.total else None,
                    }
                )
            elif isinstance(block, ChartBlock):
                blocks.append({"chart": block.key, "caption": block.caption})
        sections.append({"key": section.key, "title": section.title, "blocks": blocks})
    return sections


def report_request(
    unit_code: str, year: int, as_of: date, period: tuple[date, date], issue_date: date
) -> ReportRequest:
    """The yearly report a round asks of a unit: its period, its headcount date, in Vietnamese
    (the language of the documents sent up)."""
    return ReportRequest(
        unit_code=unit_code,
        as_of=as_of,
        year=year,
        lang="vi",
        issue_date=max(issue_date, as_of, period[0]),
        period_start=period[0],
        period_end=period[1],
    )


def freeze(
    connection: Connection,
    tree: UnitTree,
    unit_code: str,
    year: int,
    as_of: date,
    period: tuple[date, date],
    today: date,
    *,
    with_files: bool = True,
    background_charts: bool = True,
) -> list[Part]:
    """The parts of a submission of ``unit_code``: ``figures.json`` and the report files
    (``with_files=False``: the figures only, for a preview; ``background_charts=False``: the
    charts drawn in this process, see :func:`report_files`)."""
    request = report_request(unit_code, year, as_of, period, today)
    report = build_report(connection, request)
    indicators = report.extra["indicators"]
    node = tree.require(unit_code)
    figures = {
        "format": FORMAT,
        "unit": {"code": node.code, "name": node.name},
        "year": year,
        "as_of": as_of.isoformat(),
        "period": {"start": period[0].isoformat(), "end": period[1].isoformat()},
        "indicators": to_data(indicators, "vi"),
        "units_in_scope": len(tree.subtree_ids(node.id)),
        "sections": _section_data(report),
        "texts": {
            key: version.body
            for key, version in sorted(latest_texts(connection, unit_code, year).items())
            if version.body is not None
        },
    }
    parts = [Part(FIGURES, canonical(figures))]
    if with_files:
        parts.extend(
            report_files(
                connection.engine,
                request,
                report,
                unit_code,
                year,
                background_charts=background_charts,
            )
        )
    return parts


def report_files(
    engine: Engine,
    request: ReportRequest,
    report: Report,
    unit_code: str,
    year: int,
    *,
    background_charts: bool = True,
) -> list[Part]:
    """The report as the report writer renders it (its charts drawn in a child process while
    the files are written, as ``binhdang report`` does; with ``background_charts=False`` in
    this process, the same bytes: a batch imports matplotlib once), read back as bytes."""
    from binhdang.reports.service import write_reports

    def built(
        _connection: Connection,
        _request: ReportRequest,
        on_section: Callable[[RenderedSection], None] | None = None,
    ) -> Report:
        for section in report.sections:  # hand the charts over at once: all are known
            if on_section is not None:
                on_section(section)
        return report

    with tempfile.TemporaryDirectory(prefix="binhdang-submission-") as folder:
        outputs = [
            (fmt, Path(folder) / f"bao-cao-{unit_code}-{year}.{fmt}") for fmt in REPORT_FORMATS
        ]
        write_reports(
            engine,
            request,
            outputs,
            builder=built,
            pdf_required=False,
            background_charts=background_charts,
        )
        return [Part(path.name, path.read_bytes()) for _, path in outputs]


def figures_of(parts: dict[str, bytes]) -> dict[str, Any]:
    return json.loads(parts[FIGURES].decode("utf-8"))
