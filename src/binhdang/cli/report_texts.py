"""``binhdang report text …``: the report's own texts (assessment, shortcomings, directions,
recommendations), one per unit and year, every save kept as a version.

A user's text is printed as plain characters (never through Rich markup), on stdout, so that
``show > file.md``, an edit and ``set file.md`` round-trip it.
"""

from __future__ import annotations

import getpass
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from binhdang.cli.app import Cli, cli_options, err, out
from binhdang.cli.report import report_app
from binhdang.errors import BinhdangError
from binhdang.messages import Lang, text
from binhdang.reports.texts.parsing import BY_KEY, SECTIONS, read_text_file, section_named

if TYPE_CHECKING:
    from binhdang.reports.texts.service import TextVersion

text_app = typer.Typer(
    help="Nội dung đánh giá của báo cáo (đánh giá chung, tồn tại, phương hướng, kiến nghị) / "
    "The report's own texts (assessment, shortcomings, directions, recommendations).",
    no_args_is_help=True,
)
report_app.add_typer(text_app, name="text")

_NAMES = ", ".join(f"{item.name} ({item.key})" for item in SECTIONS)
UnitOption = Annotated[str, typer.Option("--unit", help="Mã đơn vị / unit code")]
YearOption = Annotated[int, typer.Option("--year", help="Năm báo cáo / reporting year")]
SectionOption = Annotated[str, typer.Option("--section", help=f"Phần / section: {_NAMES}")]
ByOption = Annotated[
    str | None,
    typer.Option("--by", help="Người viết / who saves it (default: cli:<login name>)"),
]


def _who(by: str | None) -> str:
    if by and by.strip():
        return " ".join(by.split())
    try:
        return f"cli:{getpass.getuser()}"
    except (OSError, KeyError):  # no login name in some containers
        return "cli"


def _title(key: str, lang: Lang, year: int) -> str:
    return BY_KEY[key].title_in(lang, year)


@text_app.command(
    "set",
    help="""Lưu nội dung một phần từ tệp .txt/.md (mỗi lần lưu là một phiên bản mới) / Save a section's text from a .txt/.md file (each save is a new version).

Đoạn văn cách nhau một dòng trống, ý bắt đầu bằng «- », chữ đậm **như thế này**. / Paragraphs separated by blank lines, items starting with "- ", **bold**.

Example: binhdang report text set --unit BHXH_QT --year 2022 --section ton-tai ton_tai_2022.md""",
)
@cli_options()
def set_command(
    cli: Cli,
    file: Annotated[Path, typer.Argument(help="Tệp văn bản / text file (UTF-8, .txt or .md)")],
    unit: UnitOption,
    year: YearOption,
    section: SectionOption,
    by: ByOption = None,
) -> None:
    from binhdang.reports.texts.service import check_year, save_text

    language = cli.lang
    chosen = section_named(section)
    check_year(year)
    body = read_text_file(file)
    if not body:
        raise BinhdangError.of("report_text.empty", file=str(file))
    with cli.writing() as connection:
        saved = save_text(
            connection,
            unit_code=unit,
            year=year,
            section=chosen.key,
            body=body,
            saved_by=_who(by),
            now=datetime.now(UTC),
        )
        if saved is None:
            from binhdang.reports.texts.service import latest_texts

            current = latest_texts(connection, unit, year)[chosen.key]
    if saved is None:
        out.print(
            text(
                "report_text.unchanged",
                language,
                section=chosen.title_in(language, year),
                version=current.version,
            )
        )
        return
    out.print(
        text(
            "report_text.saved",
            language,
            section=chosen.title_in(language, year),
            unit=unit,
            year=year,
            version=saved.version,
        )
    )


def _version_line(version: TextVersion, lang: Lang) -> str:
    from binhdang.reports.texts.service import saved_at_text

    return text(
        "report_text.version_line",
        lang,
        version=version.version,
        by=version.saved_by,
        at=saved_at_text(version.saved_at),
    )


@text_app.command(
    "show",
    help="""In nội dung một phần (mới nhất, hoặc --version N); phần đánh giá chung chưa viết thì in bản dự thảo lập từ số liệu / Print a section's text (the latest, or --version N); an unwritten assessment prints the draft written from the figures.

Example: binhdang report text show --unit BHXH_QT --year 2022 --section danh-gia > danh_gia.md""",
)
@cli_options()
def show_command(
    cli: Cli,
    unit: UnitOption,
    year: YearOption,
    section: SectionOption,
    version: Annotated[
        int | None, typer.Option("--version", min=1, help="Phiên bản / version number")
    ] = None,
) -> None:
    from binhdang import formatting
    from binhdang.reports.texts.report_sections import draft_for
    from binhdang.reports.texts.service import check_year, get_version, latest_texts

    language = cli.lang
    chosen = section_named(section)
    check_year(year)
    with cli.engine.connect() as connection:
        if version is not None:
            found: TextVersion | None = get_version(connection, unit, year, chosen.key, version)
        else:
            found = latest_texts(connection, unit, year).get(chosen.key)
        draft = None
        if version is None and (found is None or found.body is None) and chosen.key == "assessment":
            draft = draft_for(connection, unit, year, language)
    if found is not None and (found.body is not None or version is not None):
        err.print(Text(_version_line(found, language)))
        if found.body is None:
            err.print(text("report_text.cleared_mark", language))
            return
        sys.stdout.write(found.body + "\n")
        return
    if chosen.key != "assessment":
        err.print(
            text(
                "report_text.none",
                language,
                section=chosen.title_in(language, year),
                unit=unit,
                year=year,
            )
        )
        return
    if draft is None:
        err.print(text("report_text.no_draft", language, year=year))
        return
    as_of, drafted = draft
    err.print(text("report_text.draft_note", language, date=formatting.short_date(as_of, language)))
    sys.stdout.write(drafted.source + "\n")


@text_app.command(
    "history",
    help="""Các phiên bản đã lưu (ai, lúc nào) của một phần hoặc cả bốn phần / The saved versions (who, when) of one section or all four.

Example: binhdang report text history --unit BHXH_QT --year 2022""",
)
@cli_options()
def history_command(
    cli: Cli,
    unit: UnitOption,
    year: YearOption,
    section: Annotated[
        str | None, typer.Option("--section", help=f"Phần / section: {_NAMES}")
    ] = None,
) -> None:
    from rich.table import Table

    from binhdang.reports.texts.service import check_year, history, saved_at_text

    language = cli.lang
    key = section_named(section).key if section else None
    check_year(year)
    with cli.engine.connect() as connection:
        versions = history(connection, unit, year, key)
    if not versions:
        out.print(text("report_text.history_empty", language, unit=unit, year=year))
        return
    table = Table(
        title=Text(text("report_text.history_title", language, unit=unit, year=year)),
        title_justify="left",
    )
    for column in ("section", "version", "saved_by", "saved_at", "content"):
        table.add_column(text(f"report_text.col.{column}", language), overflow="fold")
    for item in versions:
        if item.body is None:
            preview = text("report_text.cleared_mark", language)
        else:
            first = item.body.split("\n", 1)[0]
            preview = first if len(first) <= 60 else first[:59] + "…"
        table.add_row(
            Text(_title(item.section, language, year)),
            str(item.version),
            Text(item.saved_by),
            saved_at_text(item.saved_at),
            Text(preview),
        )
    out.print(table)


@text_app.command(
    "clear",
    help="""Xóa nội dung một phần (lưu thành một phiên bản trống; các phiên bản trước vẫn còn) / Clear a section's text (saved as an empty version; earlier versions are kept).

Example: binhdang report text clear --unit BHXH_QT --year 2022 --section kien-nghi""",
)
@cli_options()
def clear_command(
    cli: Cli,
    unit: UnitOption,
    year: YearOption,
    section: SectionOption,
    by: ByOption = None,
) -> None:
    from binhdang.reports.texts.service import check_year, clear_text

    language = cli.lang
    chosen = section_named(section)
    check_year(year)
    with cli.writing() as connection:
        cleared = clear_text(
            connection,
            unit_code=unit,
            year=year,
            section=chosen.key,
            saved_by=_who(by),
            now=datetime.now(UTC),
        )
    title = chosen.title_in(language, year)
    if cleared is None:
        out.print(
            text("report_text.nothing_to_clear", language, section=title, unit=unit, year=year)
        )
        return
    out.print(
        text(
            "report_text.cleared",
            language,
            section=title,
            unit=unit,
            year=year,
            version=cleared.version,
        )
    )
