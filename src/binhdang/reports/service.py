"""Writing report files: choose the outputs, render them to temporary files, then rename.

Nothing is written under the final names until every requested format has rendered, so bad
input (unknown unit, a date before any data, an unreadable template) leaves no partial file.
"""

from __future__ import annotations

import os
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from binhdang.errors import BinhdangError
from binhdang.messages import Lang, Message
from binhdang.reports.build import ReportRequest, build_report
from binhdang.reports.charts import BackgroundCharts, ChartFormat, DrawnCharts
from binhdang.reports.content import ChartBlock, RenderedSection, Report
from binhdang.reports.docx import load_template, render_docx
from binhdang.reports.html import write_html
from binhdang.reports.pdf import LibreOffice, PdfConversion, soffice_path
from binhdang.reports.xlsx import render_xlsx

FORMATS: tuple[str, ...] = ("docx", "xlsx", "html", "pdf")
_STEM = {"vi": "bao-cao-binh-dang-gioi", "en": "gender-equality-report"}


@dataclass
class WrittenReport:
    """The files written and any warnings (e.g. PDF skipped without LibreOffice)."""

    report: Report
    files: list[Path] = field(default_factory=list)
    warnings: list[Message] = field(default_factory=list)


def default_name(unit_code: str, as_of: date, lang: Lang, fmt: str) -> str:
    """``bao-cao-binh-dang-gioi-BHXH_QT-2022-10-01.docx``."""
    return f"{_STEM[lang]}-{unit_code}-{as_of.isoformat()}.{fmt}"


def plan_outputs(
    out: Path | None, fmt: str | None, unit_code: str, as_of: date, lang: Lang
) -> list[tuple[str, Path]]:
    """Which format goes to which file.

    ``out`` a folder (existing, or a path without extension): every format (or ``fmt``) into
    it under default names; ``out`` a file: ``fmt`` or the format its extension names.
    """
    if fmt is not None and fmt not in FORMATS:
        raise BinhdangError.of("arg.format", choices=", ".join(FORMATS))
    folder = out if out is not None else Path(".")
    is_folder = out is None or out.is_dir() or (not out.suffix and not out.exists())
    if is_folder:
        chosen = [fmt] if fmt else list(FORMATS)
        return [(f, folder / default_name(unit_code, as_of, lang, f)) for f in chosen]
    assert out is not None
    suffix = out.suffix.lower().lstrip(".")
    if fmt is None:
        if suffix not in FORMATS:
            raise BinhdangError.of("report.out_format_unknown", file=str(out))
        fmt = suffix
    elif suffix != fmt:
        raise BinhdangError.of("report.format_mismatch", file=str(out), format=fmt)
    return [(fmt, out)]


def _temporary(target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(
        prefix=f".{target.stem}-", suffix=target.suffix, dir=target.parent
    )
    os.close(handle)
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(name, 0o666 & ~mask)  # mkstemp makes 0600; the final file gets normal permissions
    return Path(name)


@contextmanager
def _ended_cleanly() -> Iterator[None]:
    """While the helpers run (LibreOffice started ahead, the chart child), ``kill`` or a
    closed terminal ends the command as Ctrl+C does, through the ``with`` blocks that end
    them: a LibreOffice left waiting for a conversion would otherwise run on. Only in the
    main thread (where signal handlers live); the previous handlers come back after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(number: int, _frame: object) -> None:
        raise SystemExit(128 + number)

    wanted = [s for s in ("SIGTERM", "SIGHUP") if hasattr(signal, s)]
    previous = {name: signal.signal(getattr(signal, name), stop) for name in wanted}
    try:
        yield
    finally:
        for name, handler in previous.items():
            signal.signal(getattr(signal, name), handler)


def write_reports(
    engine: Engine,
    request: ReportRequest,
    outputs: Sequence[tuple[str, Path]],
    template: Path | None = None,
    *,
    pdf_required: bool = True,
    builder: Callable[..., Report] = build_report,
    background_charts: bool = True,
) -> WrittenReport:
    """Build the report once and write it in every requested format.

    ``pdf_required=False`` (all formats into a folder) skips the PDF with a warning when
    LibreOffice is missing instead of failing. ``builder`` builds the report (default
    :func:`build_report`; the consolidated report of a round passes its own).
    ``background_charts=False`` draws the charts in this process (a batch of reports in one
    process: matplotlib imported once, no child started for each report).

    Work overlaps where it can: LibreOffice starts while the report is built, the charts
    are drawn in a child process while the later sections are read
    (:class:`~binhdang.reports.charts.BackgroundCharts`), and the PDF is converted while the
    XLSX and HTML files are written.
    """
    if template is not None:
        load_template(template, request.lang)  # an unreadable template fails before anything
    wanted = dict(outputs)
    warnings: list[Message] = []
    if "pdf" in wanted and soffice_path() is None:
        if pdf_required:
            raise BinhdangError.of("report.no_libreoffice")
        del wanted["pdf"]
        warnings.append(Message("report.pdf_skipped"))
    # Every format shows the same PNG of each chart (the HTML inside the page).
    chart_formats: list[ChartFormat] = ["png"] if wanted.keys() & {"docx", "pdf", "html"} else []
    with ExitStack() as stack:
        stack.enter_context(_ended_cleanly())
        office = stack.enter_context(LibreOffice(warm=True)) if "pdf" in wanted else None
        background: BackgroundCharts | DrawnCharts = (
            BackgroundCharts(chart_formats) if background_charts else DrawnCharts(chart_formats)
        )
        stack.enter_context(background)  # (its __enter__ returns it)

        def draw_charts(section: RenderedSection) -> None:
            background.start([b.spec for b in section.blocks if isinstance(b, ChartBlock)])

        with engine.connect() as connection:
            report = builder(connection, request, on_section=draw_charts)
        result = WrittenReport(report, warnings=warnings)
        # The XLSX needs no chart: when the DOCX's pictures are still being drawn, the XLSX
        # is written first, in the wait (the demo office); otherwise the DOCX goes first,
        # so that LibreOffice converts it while the XLSX and HTML are written.
        pictures = [chart.spec for chart in report.charts()]
        xlsx_first = not background.ready(pictures, "png")
        _write(report, wanted, template, office, result, xlsx_first=xlsx_first)
    return result


def _write(
    report: Report,
    wanted: dict[str, Path],
    template: Path | None,
    office: LibreOffice | None,
    result: WrittenReport,
    *,
    xlsx_first: bool = False,
) -> None:
    """Render each format to a temporary file, then rename them all (see the module doc).

    The order: DOCX (then its PDF conversion starts), XLSX, HTML; with ``xlsx_first`` the
    XLSX before the DOCX. The files are renamed in the order of ``FORMATS`` either way."""
    staged: list[tuple[Path, Path]] = []
    scratch: list[Path] = []
    conversion: PdfConversion | None = None

    def xlsx() -> None:
        path = _temporary(wanted["xlsx"])
        scratch.append(path)
        staged.append((render_xlsx(report, path), wanted["xlsx"]))

    try:
        if xlsx_first and "xlsx" in wanted:
            xlsx()
        docx_file: Path | None = None
        if "docx" in wanted or "pdf" in wanted:
            docx_file = _temporary(wanted.get("docx") or wanted["pdf"].with_suffix(".docx"))
            scratch.append(docx_file)
            render_docx(report, docx_file, template)
            if "docx" in wanted:
                staged.append((docx_file, wanted["docx"]))
            if "pdf" in wanted and office is not None:
                path = _temporary(wanted["pdf"])
                scratch.append(path)
                conversion = office.start(docx_file, path)  # runs while the others are written
        if "xlsx" in wanted and not xlsx_first:
            xlsx()
        if "html" in wanted:
            path = _temporary(wanted["html"])
            scratch.append(path)
            staged.append((write_html(report, path), wanted["html"]))
        if conversion is not None:
            staged.append((conversion.wait(), wanted["pdf"]))
    except BaseException:
        if conversion is not None:
            conversion.cancel()
        for path in scratch:
            path.unlink(missing_ok=True)
        raise
    order = {
        final: index
        for index, (_, final) in enumerate(
            sorted(((FORMATS.index(fmt), final) for fmt, final in wanted.items()))
        )
    }
    staged.sort(key=lambda pair: order[pair[1]])
    for temporary, final in staged:
        os.replace(temporary, final)
        result.files.append(final)
    for path in scratch:
        if path.exists():
            path.unlink()  # the DOCX made only for the PDF
