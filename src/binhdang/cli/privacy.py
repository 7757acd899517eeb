"""Personal-data commands (Law 91/2025/QH15): the processing register, a person's export for a
subject-access request, and the purge of persons kept past the retention period."""

from __future__ import annotations

import getpass
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from binhdang.cli.app import (
    Cli,
    app,
    cli_options,
    err,
    format_option,
    out,
    parse_date_option,
)
from binhdang.cli.output import show
from binhdang.errors import BinhdangError
from binhdang.messages import Lang, text

if TYPE_CHECKING:
    from binhdang.privacy.purge import PurgeResult

privacy_app = typer.Typer(
    help="Dữ liệu cá nhân (Luật 91/2025/QH15) / Personal data.", no_args_is_help=True
)
app.add_typer(privacy_app, name="privacy")

ActorOption = Annotated[
    str | None,
    typer.Option(
        "--actor",
        help="Người thực hiện ghi vào nhật ký (mặc định: tài khoản hệ "
        "điều hành) / who to log as (default: the OS user)",
    ),
]


RegisterFormat = format_option("table", "json", "md", message="privacy.arg.format")


def _choice(value: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise BinhdangError.of("privacy.arg.format", choices=", ".join(choices))
    return value


def _actor(actor: str | None) -> str:
    """``--actor``, else the operating-system user running the command."""
    if actor and actor.strip():
        return actor.strip()[:100]
    try:
        return getpass.getuser()[:100] or "-"
    except Exception:  # no user name in the environment (a bare container): still log
        return "-"


@privacy_app.command("register")
@cli_options()
def register_command(
    cli: Cli,
    output_format: RegisterFormat = "table",
) -> None:
    """Sổ đăng ký xử lý dữ liệu cá nhân / The personal-data processing register.

    What personal data binhdang keeps, why, on what legal basis, who may see it, how long and
    where (Law 91/2025/QH15, Decree 356/2025/NĐ-CP).

    Example: binhdang privacy register --format md --lang en
    """
    from rich.table import Table
    from rich.text import Text

    from binhdang.ingest.staff import sensitive_data_enabled
    from binhdang.privacy.register import COLUMNS, load_register, rows, to_markdown
    from binhdang.privacy.retention import retention_years
    from binhdang.store import database

    language = cli.lang
    fmt = output_format
    years, sensitive = retention_years(), sensitive_data_enabled()
    found = rows(load_register(), language, years=years, sensitive=sensitive)
    shown_db = database.display_url(database.normalise_url(cli.db))
    intro = text(
        "privacy.register.intro",
        language,
        db=shown_db,
        sensitive="on" if sensitive else "off",
        years=years,
    )
    if fmt == "json":
        body = {
            "title": text("privacy.register.title", language),
            "intro": intro,
            "database": shown_db,
            "sensitive_data": sensitive,
            "retention_years": years,
            "entries": found,
        }
        show(fmt, language, data=lambda: body)
        return
    if fmt == "md":
        sys.stdout.write(to_markdown(found, language, intro))
        return
    # One block per entry (label, value): seven wide columns do not fit a terminal.
    table = Table(
        title=text("privacy.register.title", language),
        title_justify="left",
        show_header=False,
        show_lines=False,
    )
    table.add_column(style="bold")
    table.add_column()
    for number, row in enumerate(found, start=1):
        table.add_row(f"{number}.", Text.assemble((row["data"], "bold"), f" — {row['category']}"))
        for column in COLUMNS[2:]:
            if row[column]:
                table.add_row(text(f"privacy.col.{column}", language), row[column])
        table.add_section()
    out.print(intro)
    out.print(table)


@privacy_app.command("export")
@cli_options()
def export_command(
    cli: Cli,
    staff_code: Annotated[str, typer.Option("--person", help="Mã cán bộ / staff code")],
    out_file: Annotated[Path, typer.Option("--out", help="Tệp ghi ra / file to write")],
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="json | xlsx (mặc định theo đuôi tệp / default: from the file's suffix)",
        ),
    ] = None,
    actor: ActorOption = None,
) -> None:
    """Xuất dữ liệu của một người / Export one person's data (subject-access request).

    Every record that names the person, all history, as JSON or XLSX; the export is logged in
    the audit log (who, when, which person — never the data).

    Example: binhdang privacy export --person QT0123 --format xlsx --out QT0123.xlsx
    """
    from binhdang import formatting
    from binhdang.privacy.export import FORMATS, export_person

    language = cli.lang
    default = "xlsx" if out_file.suffix.lower() == ".xlsx" else "json"
    fmt = _choice(output_format or default, FORMATS)
    who = _actor(actor)
    engine = cli.engine
    count = export_person(
        engine,
        staff_code,
        out_file,
        fmt=fmt,
        actor_name=who,
        now=datetime.now(UTC),
        lang=language,
        on_wait=cli.on_wait(),
    )
    out.print(
        text(
            "privacy.export.written",
            language,
            code=staff_code,
            file=out_file,
            rows=formatting.number(count, language),
            actor=who,
        )
    )


@privacy_app.command("purge")
@cli_options()
def purge_command(
    cli: Cli,
    before: Annotated[
        str | None,
        typer.Option(
            "--before",
            help="Ẩn danh hóa người kết thúc công tác trước ngày này (mặc định: hôm nay trừ BINHDANG_RETENTION_YEARS năm) / anonymise who left before this date (default: today minus BINHDANG_RETENTION_YEARS years)",
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Chỉ liệt kê, không thay đổi / list only, change nothing"),
    ] = False,
    actor: ActorOption = None,
) -> None:
    """Ẩn danh hóa người đã nghỉ / Anonymise persons who left before a date.

    Names and staff codes become ANON-<n>, ethnicity is cleared and every text naming them is
    redacted, in one logged transaction; sex, birth date and history stay, so every aggregate
    figure is unchanged.

    Example: binhdang privacy purge --before 01/01/2016 --dry-run
    """
    from binhdang import formatting
    from binhdang.privacy.purge import purge
    from binhdang.privacy.retention import default_cutoff, retention_years

    language = cli.lang
    today = date.today()
    cutoff = (
        parse_date_option(before, "--before")
        if before
        else default_cutoff(today, retention_years())
    )
    if cutoff > today:
        raise BinhdangError.of(
            "privacy.purge.future",
            date=formatting.short_date(cutoff),
            today=formatting.short_date(today),
        )
    who = _actor(actor)
    engine = cli.engine
    if dry_run:  # reads only
        with engine.connect() as connection:
            result = purge(connection, cutoff, actor_name=who, now=datetime.now(UTC), dry_run=True)
    else:  # one transaction for the whole purge
        with cli.writing() as connection:
            result = purge(connection, cutoff, actor_name=who, now=datetime.now(UTC))
    _print_purge(result, language)


def _print_purge(result: PurgeResult, lang: Lang) -> None:
    from binhdang import formatting

    shown = formatting.short_date(result.before)
    if not result.persons:
        out.print(text("privacy.purge.none", lang, date=shown))
    elif result.dry_run:
        codes = ", ".join(p.staff_code for p in result.persons)
        out.print(
            text(
                "privacy.purge.plan",
                lang,
                count=formatting.number(len(result.persons), lang),
                date=shown,
                codes=codes,
            )
        )
    else:
        out.print(
            text(
                "privacy.purge.done",
                lang,
                count=formatting.number(len(result.persons), lang),
                date=shown,
                texts=result.texts,
                entries=result.entries,
            )
        )
    if result.dry_run:
        err.print(text("privacy.purge.dry_run", lang))
