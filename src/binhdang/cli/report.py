"""``binhdang report``: the yearly gender-equality report as DOCX, XLSX, HTML and PDF."""

from __future__ import annotations

import gc
import shutil
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from binhdang.cli.app import (
    Cli,
    app,
    cli_options,
    err,
    labelled,
    out,
    parse_date_option,
    register_template,
)
from binhdang.errors import BinhdangError
from binhdang.messages import Lang, text

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy import Engine

    from binhdang.reports.content import Report

# A group, so that the report's texts have their commands under it (``binhdang report text
# …``, cli/report_texts.py); without a subcommand it writes the report, as before.
report_app = typer.Typer()
app.add_typer(report_app, name="report")


@report_app.callback(invoke_without_command=True)
@cli_options()
def report(
    cli: Cli,
    ctx: typer.Context,
    unit: Annotated[str | None, typer.Option("--unit", help="Mã đơn vị / unit code")] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Ngày số liệu / figures as of (dd/mm/yyyy or yyyy-mm-dd)"),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option("--year", help="Năm báo cáo / reporting year (default: year of --as-of)"),
    ] = None,
    output_format: Annotated[
        str | None,
        typer.Option("--format", help="docx | xlsx | html | pdf (default: all, into a folder)"),
    ] = None,
    out_path: Annotated[
        Path | None,
        typer.Option("--out", help="Tệp hoặc thư mục / file or folder (default: current folder)"),
    ] = None,
    template: Annotated[
        Path | None,
        typer.Option("--template", help="Mẫu Word riêng / your own Word template (.docx)"),
    ] = None,
    number: Annotated[
        str | None, typer.Option("--number", help='Số văn bản / document number, e.g. "07/BC-BHXH"')
    ] = None,
    place: Annotated[
        str | None, typer.Option("--place", help='Địa danh / place, e.g. "Quảng Trị"')
    ] = None,
    issue_date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="Ngày ban hành, không trước --as-of / date on the document, not before --as-of (default: today)",
        ),
    ] = None,
    period_from: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="Đầu kỳ báo cáo / first day of the period (default: 15/12 of the year before, Decree 09/2019)",
        ),
    ] = None,
    period_to: Annotated[
        str | None,
        typer.Option(
            "--to", help="Cuối kỳ báo cáo / last day of the period (default: 14/12 of the year)"
        ),
    ] = None,
    appendix: Annotated[
        bool,
        typer.Option(
            "--appendix",
            help="Phụ lục chi tiết theo đơn vị sau chữ ký / full per-unit lists after the signature",
        ),
    ] = False,
    signer: Annotated[str, typer.Option("--signer", help="Người ký / name of the signer")] = "",
    signer_title: Annotated[
        str | None,
        typer.Option(
            "--signer-title", help='Chức vụ người ký / signer\'s title (default "GIÁM ĐỐC")'
        ),
    ] = None,
    signer_authority: Annotated[
        str, typer.Option("--signer-authority", help='Thẩm quyền ký / e.g. "KT. GIÁM ĐỐC"')
    ] = "",
    parent_body: Annotated[
        str | None,
        typer.Option(
            "--parent-body", help="Cơ quan chủ quản / parent body (default: the unit's parent)"
        ),
    ] = None,
    issuer: Annotated[
        str | None,
        typer.Option("--issuer", help="Cơ quan ban hành / issuing body (default: the unit's name)"),
    ] = None,
    recipients: Annotated[
        list[str] | None,
        typer.Option(
            "--recipient", help="Nơi nhận (lặp lại) / recipient (repeat); «Lưu: VT» is added"
        ),
    ] = None,
    years: Annotated[
        int, typer.Option("--years", min=1, max=20, help="Số năm của xu hướng / years in the trend")
    ] = 4,
    from_submissions: Annotated[
        bool,
        typer.Option(
            "--from-submissions",
            help="Tổng hợp từ báo cáo đã duyệt của các đơn vị trong đợt báo cáo --year (binhdang round) / consolidated from the units' accepted submissions in the --year round",
        ),
    ] = False,
) -> None:
    """Viết báo cáo bình đẳng giới (DOCX, XLSX, HTML, PDF) / Write the gender-equality report.

    Records (documents, activities, training, awards, movements, maternity) count inside the
    reporting period only, never after the issue date; staff figures are those of --as-of.

    --from-submissions: the body's report from its units' accepted submissions in the --year
    round (binhdang round), with the units included, missing or late and every figure that
    changed since it was submitted; --as-of defaults to the round's headcount date.

    Example: binhdang report --unit BHXH_QT --as-of 01/10/2022 --date 16/12/2022 --out bao-cao --number "07/BC-BHXH" --place "Quảng Trị" --signer "Nguyễn Văn A"
    """
    if ctx.invoked_subcommand is not None:
        return
    if from_submissions and unit is not None:
        if year is None:  # the message is found without importing rounds (messages.text)
            raise BinhdangError.of("rounds.consolidation.year_required")
        as_of = as_of or "round"  # the round's headcount date (below)
    # --unit and --as-of are required to write the report (not for `report text …`)
    if unit is None or as_of is None:
        raise BinhdangError.of(
            "report.option_required", option="--unit" if unit is None else "--as-of"
        )
    from binhdang.reports.build import ReportRequest, build_report
    from binhdang.reports.service import plan_outputs, write_reports

    language = cli.lang
    builder = None
    if from_submissions:
        builder, round_as_of = _consolidation(cli.engine, unit, year, language)
        if as_of != "round" and parse_date_option(as_of, "--as-of") != round_as_of:
            # the consolidated figures are those of the round's headcount date
            raise BinhdangError.of(
                "rounds.consolidation.as_of", as_of=as_of, date=round_as_of.strftime("%d/%m/%Y")
            )
        as_of = round_as_of.isoformat()
    effective = parse_date_option(as_of, "--as-of")
    issued = parse_date_option(issue_date, "--date") if issue_date else date.today()
    first = parse_date_option(period_from, "--from") if period_from else None
    last = parse_date_option(period_to, "--to") if period_to else None
    outputs = plan_outputs(out_path, output_format, unit, effective, language)
    request = ReportRequest(
        unit_code=unit,
        as_of=effective,
        year=year,
        lang=language,
        number=number,
        place=place,
        issue_date=issued,
        period_start=first,
        period_end=last,
        appendix=appendix,
        signer=signer,
        signer_title=signer_title,
        signer_authority=signer_authority,
        parent_body=parent_body,
        issuer=issuer,
        recipients=tuple(recipients) if recipients else None,
        trend_years=years,
    )
    # A one-shot command that allocates a province's rows: the start-up's objects are left
    # out of garbage collection and collections come less often (about 0.1 s of CPU).
    # (Put back after: the command also runs inside other processes, e.g. tests.)
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
    engine = cli.engine
    try:
        result = write_reports(
            engine,
            request,
            outputs,
            template,
            pdf_required=output_format == "pdf" or len(outputs) == 1,
            builder=builder or build_report,
        )
    finally:
        engine.dispose()
        gc.set_threshold(*thresholds)
        gc.unfreeze()
    for warning in (*result.report.warnings, *result.warnings):
        err.print(labelled("warning.prefix", "yellow", warning.render(language), language))
    for path in result.files:
        out.print(text("out.written", language, file=path))


def _consolidation(
    engine: Engine, unit: str, year: int | None, lang: Lang
) -> tuple[Callable[..., Report], date]:
    """``--from-submissions``: the round's consolidated figures, and its headcount date."""
    from binhdang.rounds.consolidate import consolidate, report_builder
    from binhdang.rounds.service import get_round

    assert year is not None  # checked by the command
    with engine.connect() as connection:
        found = get_round(connection, unit, year)
        result = consolidate(connection, found, date.today(), lang)
    return report_builder(result), found.as_of


def write_report_template(path: Path) -> Path:
    """``binhdang template report --out FILE.docx``: the default Word template, to edit."""
    from binhdang.reports.docx_template import template_path

    shutil.copyfile(template_path("vi"), path)
    return path


register_template("report", write_report_template)
