"""``binhdang round …``, ``submit``, ``review``, ``submission …``: the reporting round across
levels (issue 17). Thin adapters over :mod:`binhdang.rounds`: each parses its options, opens
one write transaction (the audit entry inside it), calls one library function and prints."""

from __future__ import annotations

import getpass
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from binhdang.cli.app import Cli, app, cli_options, format_option, out, parse_date_option
from binhdang.cli.output import show
from binhdang.messages import text

round_app = typer.Typer(
    help="Đợt báo cáo của các đơn vị trực thuộc / Reporting rounds of the units below a body.",
    no_args_is_help=True,
)
review_app = typer.Typer(
    help="Duyệt báo cáo đơn vị đã nộp / Review a unit's submission.", no_args_is_help=True
)
submission_app = typer.Typer(
    help="Gói báo cáo giữa hai cài đặt / Submission packages between installations.",
    no_args_is_help=True,
)
app.add_typer(round_app, name="round")
app.add_typer(review_app, name="review")
app.add_typer(submission_app, name="submission")

UnitOption = Annotated[str, typer.Option("--unit", help="Mã đơn vị / unit code")]
YearOption = Annotated[
    int, typer.Option("--year", min=1945, max=2100, help="Năm báo cáo / reporting year")
]
BodyOption = Annotated[
    str | None,
    typer.Option(
        "--body",
        help="Mã đơn vị cấp trên mở đợt (khi đơn vị ở nhiều đợt) / the body of the round, "
        "when the unit reports in several",
    ),
]
FormatOption = format_option("table", "json", "csv")
ByOption = Annotated[
    str | None, typer.Option("--by", help="Người thực hiện / who acts (default: cli:<login name>)")
]


def _who(by: str | None) -> str:
    if by and by.strip():
        return " ".join(by.split())[:100]
    try:
        return f"cli:{getpass.getuser()}"[:100]
    except (OSError, KeyError):  # no login name in some containers
        return "cli"


def _now() -> datetime:
    return datetime.now(UTC)


@round_app.command(
    "open",
    help="""Mở đợt báo cáo năm cho các đơn vị dưới một đơn vị / Open the year's round for the units under a unit.

Kỳ báo cáo mặc định 15/12 năm trước – 14/12 (Nghị định 09/2019/NĐ-CP, Điều 12); số liệu nhân sự tính đến --as-of (mặc định: ngày cuối kỳ). / The period defaults to Decree 09/2019's annual one; staff figures as of --as-of (default: the period's last day).

Example: binhdang round open --unit BHXH_QT --year 2022 --due 20/12/2022 --as-of 01/10/2022""",
)
@cli_options()
def open_command(
    cli: Cli,
    unit: UnitOption,
    year: YearOption,
    level: Annotated[str, typer.Option("--level", help="children | leaves | N")] = "children",
    due: Annotated[str | None, typer.Option("--due", help="Hạn nộp / due date")] = None,
    period_from: Annotated[str | None, typer.Option("--from", help="Đầu kỳ / first day")] = None,
    period_to: Annotated[str | None, typer.Option("--to", help="Cuối kỳ / last day")] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Ngày số liệu nhân sự / staff figures as of")
    ] = None,
    by: ByOption = None,
) -> None:
    from binhdang import formatting
    from binhdang.rounds.service import open_round, round_status

    language = cli.lang
    due_day = parse_date_option(due, "--due") if due else None
    first = parse_date_option(period_from, "--from") if period_from else None
    last = parse_date_option(period_to, "--to") if period_to else None
    headcount = parse_date_option(as_of, "--as-of") if as_of else None
    with cli.writing() as connection:
        found = open_round(
            connection,
            body_code=unit,
            year=year,
            level=level,
            due=due_day,
            period_start=first,
            period_end=last,
            as_of=headcount,
            actor_name=_who(by),
            now=_now(),
        )
        members = len(round_status(connection, found, _now().date()).units)
    shown_due = (
        text("rounds.due", language, date=formatting.short_date(due_day, language))
        if due_day
        else text("rounds.no_due", language)
    )
    out.print(text("rounds.opened", language, year=year, unit=unit, members=members, due=shown_due))


@round_app.command(
    "status",
    help="""Trạng thái của từng đơn vị trong đợt báo cáo / Each unit's state in the round.

JSON: {"unit", "year", "due", "units": [{"code", "name", "state", "submitted_at", "by", "late"}], "counts": {state: n}}; state: not_submitted, submitted, returned, accepted.

Example: binhdang round status --unit BHXH_QT --year 2022 --format json""",
)
@cli_options()
def status_command(
    cli: Cli,
    unit: UnitOption,
    year: YearOption,
    output_format: FormatOption = "table",
) -> None:
    from binhdang.rounds import output
    from binhdang.rounds.service import get_round, round_status

    with cli.engine.connect() as connection:
        status = round_status(connection, get_round(connection, unit, year), _now().date())
    show(
        output_format,
        cli.lang,
        data=lambda: output.to_data(status),
        csv=lambda: output.to_csv(status),
        table=lambda: output.to_table(status, cli.lang),
    )


@round_app.command(
    "close",
    help="""Đóng đợt báo cáo: không nộp, không duyệt thêm / Close the round: no more submissions or reviews.

Example: binhdang round close --unit BHXH_QT --year 2022""",
)
@cli_options()
def close_command(
    cli: Cli,
    unit: UnitOption,
    year: YearOption,
    by: ByOption = None,
) -> None:
    from binhdang.rounds.service import close_round

    with cli.writing() as connection:
        close_round(connection, body_code=unit, year=year, actor_name=_who(by), now=_now())
    out.print(text("rounds.closed_now", cli.lang, year=year, unit=unit))


@app.command(
    "submit",
    help="""Nộp báo cáo của đơn vị trong đợt báo cáo: số liệu, nội dung và tệp báo cáo được giữ nguyên từ lúc nộp / Submit a unit's figures, texts and report files, frozen.

Nộp lại sau khi bị trả lại tạo lần nộp mới; mọi lần nộp đều xem lại được. / Submitting again after a return makes a new version; every version stays readable.

Example: binhdang submit --unit PB_TCHC --year 2022 --note "Số liệu đến 01/10/2022\"""",
)
@cli_options()
def submit_command(
    cli: Cli,
    unit: UnitOption,
    year: YearOption,
    note: Annotated[str | None, typer.Option("--note", help="Ghi chú / note")] = None,
    body: BodyOption = None,
    by: ByOption = None,
) -> None:
    from binhdang.rounds.service import installation_name, prepare_on, submit

    moment = _now()
    # built before the write lock (the report files take seconds); the lock only re-checks
    prepared = prepare_on(
        cli.engine, unit_code=unit, year=year, body_code=body, note=note, now=moment
    )
    with cli.writing() as connection:
        version = submit(
            connection,
            unit_code=unit,
            year=year,
            body_code=body,
            note=note,
            actor_name=_who(by),
            installation=installation_name(),
            now=moment,
            prepared=prepared,
        )
    out.print(
        text(
            "rounds.submitted",
            cli.lang,
            year=year,
            unit=unit,
            version=version.version,
            parts=len(version.manifest["parts"]),
            sha=version.manifest_sha256[:16],
        )
    )


def _review(
    cli: Cli,
    decision: str,
    unit: str,
    year: int,
    comment: str | None,
    body: str | None,
    by: str | None,
) -> None:
    from binhdang.rounds.rules import Decision
    from binhdang.rounds.service import review

    with cli.writing() as connection:
        version = review(
            connection,
            unit_code=unit,
            year=year,
            decision=Decision(decision),
            comment=comment,
            body_code=body,
            actor_name=_who(by),
            now=_now(),
        )
    key = "rounds.accepted" if decision == "accept" else "rounds.returned"
    out.print(text(key, cli.lang, unit=unit, version=version.version))


CommentOption = Annotated[str | None, typer.Option("--comment", help="Ý kiến / comment")]


@review_app.command(
    "accept",
    help="""Duyệt báo cáo đơn vị đã nộp / Accept a unit's submission.

Example: binhdang review accept --unit PB_TCHC --year 2022""",
)
@cli_options()
def accept_command(
    cli: Cli,
    unit: UnitOption,
    year: YearOption,
    comment: CommentOption = None,
    body: BodyOption = None,
    by: ByOption = None,
) -> None:
    _review(cli, "accept", unit, year, comment, body, by)


@review_app.command(
    "return",
    help="""Trả lại báo cáo kèm ý kiến (bắt buộc) / Return a unit's submission with a comment (required).

Example: binhdang review return --unit PB_TCHC --year 2022 --comment "Thiếu số liệu đào tạo\"""",
)
@cli_options()
def return_command(
    cli: Cli,
    unit: UnitOption,
    year: YearOption,
    comment: CommentOption = None,
    body: BodyOption = None,
    by: ByOption = None,
) -> None:
    _review(cli, "return", unit, year, comment, body, by)


@submission_app.command(
    "export",
    help="""Ghi lần nộp mới nhất của đơn vị thành gói zip để gửi cấp trên dùng cài đặt khác / Write the unit's latest submission as a zip package for a body on another installation.

Example: binhdang submission export --unit PB_TCHC --year 2022 --out PB_TCHC-2022.zip""",
)
@cli_options()
def export_command(
    cli: Cli,
    unit: UnitOption,
    year: YearOption,
    out_file: Annotated[Path, typer.Option("--out", help="Tệp .zip / .zip file")],
    body: BodyOption = None,
) -> None:
    from binhdang.rounds.package import export_package

    with cli.engine.connect() as connection:
        version = export_package(
            connection, unit_code=unit, year=year, body_code=body, out=out_file
        )
    out.print(
        text(
            "rounds.package.written", cli.lang, file=out_file, unit=unit, year=year, version=version
        )
    )


@submission_app.command(
    "import",
    help="""Nhận gói báo cáo của đơn vị: kiểm tra mã SHA-256 từng phần, đơn vị, đợt báo cáo, lần nộp; gói bị sửa, cắt cụt, gửi nhầm hoặc gửi lại bị từ chối, không ghi gì / Receive a unit's package: every hash, the unit, the round and the version are checked; a tampered, truncated, foreign or replayed package is refused and nothing is written.

Example: binhdang submission import PB_TCHC-2022.zip""",
)
@cli_options()
def import_command(
    cli: Cli,
    file: Annotated[Path, typer.Argument(help="Gói .zip / package")],
    by: ByOption = None,
) -> None:
    from binhdang.rounds.package import import_package, read_package

    package = read_package(file)  # read and checked before the database is touched
    with cli.writing() as connection:
        version = import_package(connection, package, actor_name=_who(by), now=_now())
    out.print(
        text(
            "rounds.package.imported",
            cli.lang,
            file=file.name,
            year=package.year,
            unit=package.unit_code,
            version=version.version,
            installation=package.installation,
        )
    )
