"""Core commands: schema, imports, templates, units, indicators and the demo."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Annotated

import typer

from binhdang.cli.app import (
    PROGRESS_THRESHOLD,
    TEMPLATES,
    Cli,
    SheetOption,
    app,
    cli_options,
    err,
    format_option,
    import_app,
    out,
    parse_date_option,
    register_template,
    unit_app,
)
from binhdang.cli.output import print_import_outcome, show
from binhdang.errors import BinhdangError
from binhdang.messages import text


@app.command()
@cli_options()
def init(cli: Cli) -> None:
    """Tạo hoặc nâng cấp lược đồ cơ sở dữ liệu / Create or upgrade the database schema.

    Example: binhdang init --db postgresql://localhost/binhdang
    """
    from binhdang.store import database

    engine = database.create(cli.db)
    revision = database.upgrade(engine)
    out.print(
        text(
            "db.initialised", cli.lang, db=database.display_url(str(engine.url)), revision=revision
        )
    )


@import_app.command("units")
@cli_options()
def import_units(
    cli: Cli,
    file: Annotated[
        Path,
        typer.Argument(help="CSV/XLSX: Mã đơn vị, Tên đơn vị, Mã đơn vị cấp trên, Loại đơn vị"),
    ],
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Ngày hiệu lực / effective date")
    ] = None,
    close_missing: Annotated[
        bool, typer.Option("--close-missing", help="Đóng đơn vị vắng mặt / close absent units")
    ] = False,
    skip_invalid: Annotated[
        bool,
        typer.Option(
            "--skip-invalid",
            help="Nhập dòng hợp lệ, ghi dòng lỗi ra tệp / import valid rows, write rejected rows",
        ),
    ] = False,
    sheet: SheetOption = None,
) -> None:
    """Nhập danh mục đơn vị / Import the unit list (tree).

    Example: binhdang import units examples/units.csv
    """
    from binhdang.cli.reading import show_reading
    from binhdang.ingest.service import import_units as run

    effective = parse_date_option(as_of, "--as-of") if as_of else None
    show_reading(file, cli.lang)
    with cli.writing() as connection:
        outcome = run(
            connection,
            file,
            effective,
            sheet=sheet,
            close_missing=close_missing,
            skip_invalid=skip_invalid,
            lang=cli.lang,
            user="cli",
        )
    print_import_outcome(outcome, cli.lang)


@import_app.command("staff")
@cli_options()
def import_staff(
    cli: Cli,
    file: Annotated[Path, typer.Argument(help="CSV/XLSX, một dòng một người / one row per person")],
    as_of: Annotated[str, typer.Option("--as-of", help="Ngày của danh sách / date of the list")],
    close_missing: Annotated[
        bool, typer.Option("--close-missing", help="Kết thúc người vắng mặt / end absent persons")
    ] = False,
    scope: Annotated[
        list[str] | None,
        typer.Option(
            "--scope",
            help="Đơn vị mà danh sách bao trùm, có thể lặp lại (mặc định: trong mỗi cây, đơn vị thấp nhất chứa mọi đơn vị của tệp) / unit the list covers, may be repeated",
        ),
    ] = None,
    skip_invalid: Annotated[
        bool,
        typer.Option(
            "--skip-invalid",
            help="Nhập dòng hợp lệ, ghi dòng lỗi ra tệp / import valid rows, write rejected rows",
        ),
    ] = False,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help="Chỉ liệt kê thay đổi, không ghi gì / list every change, write nothing",
        ),
    ] = False,
    sheet: SheetOption = None,
) -> None:
    """Nhập danh sách cán bộ tại một ngày / Import a staff list as of a date.

    The list may name units by code or by name, group people under heading rows, write the
    birth date under Nam/Nữ, and end with totals and signatures (README, "Danh sách nhận được").

    Example: binhdang import staff examples/staff_2022.csv --as-of 01/10/2022 --close-missing
    """
    if dry_run:
        from binhdang.cli.batches import dry_run_staff

        dry_run_staff(
            cli,
            file,
            as_of,
            close_missing=close_missing,
            scope=scope,
            skip_invalid=skip_invalid,
            sheet=sheet,
        )
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    from binhdang.cli.reading import show_reading
    from binhdang.ingest.service import import_staff as run

    language = cli.lang
    effective = parse_date_option(as_of, "--as-of")
    _ = cli.engine  # opened before the file is read: a missing database is said first
    progress = Progress(
        TextColumn(text("import.progress", language)),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
    )
    task = None
    show_reading(file, language)

    def report(done: int, total: int) -> None:
        nonlocal task
        if total < PROGRESS_THRESHOLD:
            return
        if task is None:
            progress.start()
            task = progress.add_task("import", total=total)
        progress.update(task, completed=done)

    try:
        with cli.writing() as connection:
            outcome = run(
                connection,
                file,
                effective,
                sheet=sheet,
                close_missing=close_missing,
                scope=scope,
                skip_invalid=skip_invalid,
                lang=language,
                progress=report,
                user="cli",
            )
    finally:
        progress.stop()
    print_import_outcome(outcome, language)


@app.command()
@cli_options(database=False)
def template(
    cli: Cli,
    kind: Annotated[str, typer.Argument(help="units | staff | … (binhdang template --help)")],
    out_file: Annotated[Path, typer.Option("--out", help="Tệp .xlsx / .xlsx file")],
) -> None:
    """Ghi mẫu Excel trống có tiêu đề và danh sách chọn / Write an empty Excel template.

    Example: binhdang template staff --out mau_can_bo.xlsx
    """
    if kind not in TEMPLATES:
        raise BinhdangError.of("arg.template_kind", choices=", ".join(sorted(TEMPLATES)))
    TEMPLATES[kind](out_file)
    out.print(text("out.written", cli.lang, file=out_file))


@unit_app.command("merge")
@cli_options()
def unit_merge(
    cli: Cli,
    codes: Annotated[
        list[str], typer.Argument(help="Mã các đơn vị bị sáp nhập / merged unit codes")
    ],
    into: Annotated[str, typer.Option("--into", help="Đơn vị tiếp nhận / receiving unit")],
    on: Annotated[str, typer.Option("--on", help="Ngày sáp nhập / merge date")],
) -> None:
    """Sáp nhập đơn vị / Merge units into another from a date.

    Example: binhdang unit merge QT_GIOLINH QT_CAMLO --into QT_DONGHA --on 01/07/2025
    """
    from binhdang.units.merge import merge_units

    effective = parse_date_option(on, "--on")
    with cli.writing() as connection:
        result = merge_units(connection, codes, into, effective)
    out.print(
        text(
            "unit.merged",
            cli.lang,
            codes=", ".join(codes),
            into=into,
            on=effective.strftime("%d/%m/%Y"),
            staff=result.staff,
            posts=result.posts,
            children=result.children,
        )
    )


@unit_app.command("tree")
@cli_options()
def unit_tree(
    cli: Cli,
    as_of: Annotated[str, typer.Option("--as-of", help="Ngày / date")],
) -> None:
    """In cây đơn vị tại một ngày / Print the unit tree as of a date.

    Example: binhdang unit tree --as-of 01/10/2022
    """
    from rich.text import Text
    from rich.tree import Tree

    from binhdang.units.tree import load_tree

    effective = parse_date_option(as_of, "--as-of")
    with cli.engine.connect() as connection:
        tree = load_tree(connection, effective)

    def add(branch: Tree, unit_id: int) -> None:
        for child in tree.child_nodes(unit_id):
            add(
                branch.add(Text.assemble(f"{child.code}  {child.name} ", (child.kind, "dim"))),
                child.id,
            )

    for root in tree.roots:
        top = Tree(Text.assemble((f"{root.code}  {root.name}", "bold"), " ", (root.kind, "dim")))
        add(top, root.id)
        out.print(top)


FormatOption = format_option("table", "json", "csv")


@app.command()
@cli_options()
def indicators(
    cli: Cli,
    unit: Annotated[str, typer.Option("--unit", help="Mã đơn vị / unit code")],
    as_of: Annotated[str, typer.Option("--as-of", help="Ngày / date (dd/mm/yyyy or yyyy-mm-dd)")],
    output_format: FormatOption = "table",
    no_subtree: Annotated[
        bool, typer.Option("--no-subtree", help="Chỉ riêng đơn vị / the unit alone")
    ] = False,
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Ghi ra tệp / write to a file")
    ] = None,
) -> None:
    """Tính các chỉ tiêu bình đẳng giới / Compute the gender-equality indicators.

    Example: binhdang indicators --unit BHXH_QT --as-of 01/10/2022 --format json
    """
    from binhdang.indicators import output
    from binhdang.indicators.service import indicators_for
    from binhdang.reports.indicator_blocks import indicator_blocks

    lang = cli.lang
    effective = parse_date_option(as_of, "--as-of")
    with cli.engine.connect() as connection:
        result = indicators_for(connection, unit, effective, subtree=not no_subtree)
    show(
        output_format,
        lang,
        out_file=out_file,
        blocks=lambda: indicator_blocks(result, lang),
        csv=lambda: output.to_csv(result, lang),
        data=lambda: output.to_data(result, lang),
    )


@app.command()
@cli_options(database=False)
def demo(
    cli: Cli,
    out_dir: Annotated[Path, typer.Option("--out", help="Thư mục kết quả / output folder")] = Path(
        "demo-output"
    ),
) -> None:
    """Dựng dữ liệu mẫu của một BHXH tỉnh và in các chỉ tiêu / Build the demo office and print it.

    Example: binhdang demo --out demo-output
    """
    from binhdang.demo.run import run_demo

    run_demo(out_dir, cli.lang, out, lambda blocks: show("table", cli.lang, blocks=lambda: blocks))


LIST_TEMPLATES = ("units", "staff")
"""The lists' templates (``binhdang.ingest.templates.KINDS``; a test checks they agree)."""


def _write_list_template(kind: str, path: Path) -> object:
    from binhdang.ingest.templates import write_template

    return write_template(kind, path)


for _kind in LIST_TEMPLATES:
    register_template(_kind, functools.partial(_write_list_template, _kind))
