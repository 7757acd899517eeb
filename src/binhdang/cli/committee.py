"""The committee's commands: imports, templates, list/add/edit/delete per record kind,
indicators, Action Month coverage and evidence files.

Each record kind of :mod:`binhdang.committee.registry` (training, awards, succession, plans,
activities, movements, members, and any kind declared later) gets the same commands, made
from its entry (name, titles, fields, examples, indicator view), which loads no database code:
the kind's tables are loaded when a command runs, so that the command line starts at once. The
commands parse options, open one transaction, call one library function and print; a kind
with an evidence view gets its evidence-file commands. Only the activities' own command (the
Action Month) is written here by hand.
"""

import functools
import inspect
import io
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from binhdang.cli.app import (
    Cli,
    SheetOption,
    app,
    cli_options,
    err,
    format_option,
    id_argument,
    import_app,
    labelled,
    out,
    parse_date_option,
    register_template,
)
from binhdang.cli.output import jsonable, print_import_outcome, show
from binhdang.committee import registry
from binhdang.committee.registry import EvidenceView, IndicatorView, KindEntry
from binhdang.errors import BinhdangError
from binhdang.messages import Lang, text

if TYPE_CHECKING:
    from rich.console import RenderableType

    from binhdang.committee.records import RecordKind


def _kind(name: str) -> "RecordKind":
    """The record kind itself, with its table and rules (loaded when a command runs)."""
    found = registry.entry(name)
    assert found is not None, name  # the commands are made from the registry's entries
    return found.kind()


YearOption = Annotated[int | None, typer.Option("--year", help="Năm / year")]
UnitOption = Annotated[str, typer.Option("--unit", help="Mã đơn vị / unit code")]
FormatOption = format_option("table", "json", "csv")


def _doc(vi: str, en: str, example: str) -> str:
    return f"{vi} / {en}.\n\nExample: {example}"


def _records_table(kind: "RecordKind", rows: list[dict[str, Any]], lang: Lang) -> "RenderableType":
    """The records for the terminal, or the sentence saying there are none."""
    from rich.table import Table

    if not rows:
        return text("committee.list.empty", lang)
    headers, shown = _record_cells(kind, rows, lang)
    table = Table(title=kind.title(lang), title_justify="left")
    for header in headers:
        table.add_column(header, overflow="fold")
    for line in shown:
        table.add_row(*line)
    return table


def _records_csv(kind: "RecordKind", rows: list[dict[str, Any]], lang: Lang) -> str:
    """The records as CSV: the shown labels and cells (formulas neutralised by exports)."""
    from binhdang import exports

    headers, shown = _record_cells(kind, rows, lang)
    buffer = io.StringIO()
    writer = exports.csv_writer(buffer, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(shown)
    return buffer.getvalue()


def _record_cells(
    kind: "RecordKind", rows: list[dict[str, Any]], lang: Lang
) -> tuple[list[str], list[list[str]]]:
    """The column labels (an empty list has the kind's columns) and the cells as shown."""
    from binhdang.committee import records

    names = list(rows[0]) if rows else ["id", *(f.name for f in kind.fields)]
    headers = [records.column_label(kind, name, lang) for name in names]
    shown = [[records.display_cell(kind, name, row[name], lang) for name in names] for row in rows]
    return headers, shown


def _add_record_commands(kind: KindEntry) -> None:
    """The commands of one record kind: ``import KIND`` and ``template KIND`` for every kind;
    for a committee kind also ``KIND list``, ``add``, ``edit``, ``delete`` and, if it has an
    indicator view, ``KIND indicators`` (another area's kind keeps its own, e.g. ``maternity``
    in :mod:`binhdang.cli.policies`)."""
    examples = kind.examples
    name = kind.name
    summary, more = kind.import_messages

    @import_app.command(
        kind.name,
        help=_doc(
            f"Nhập danh sách {kind.title_vi.lower()}",
            f"Import the {kind.title_en.lower()} list",
            examples["import"],
        ),
    )
    @cli_options()
    def import_command(
        cli: Cli,
        file: Annotated[
            Path, typer.Argument(help="CSV/XLSX (binhdang template " + kind.name + ")")
        ],
        skip_invalid: Annotated[
            bool,
            typer.Option(
                "--skip-invalid",
                help="Nhập dòng hợp lệ, ghi dòng lỗi ra tệp / import valid rows, write rejected rows",
            ),
        ] = False,
        sheet: SheetOption = None,
    ) -> None:
        from binhdang.committee import records

        with cli.writing() as connection:
            outcome = records.import_records(
                connection, _kind(name), file, sheet=sheet, skip_invalid=skip_invalid, lang=cli.lang
            )
        print_import_outcome(outcome, cli.lang, summary=summary, more=more)

    register_template(kind.name, functools.partial(_write_template, kind.name))
    if kind.area == "committee":
        _add_committee_commands(kind)


def _add_committee_commands(kind: KindEntry) -> None:
    """A committee kind's group: ``KIND list``, ``add``, ``edit``, ``delete``, ``indicators``."""
    group = typer.Typer(help=f"{kind.title_vi} / {kind.title_en}.", no_args_is_help=True)
    app.add_typer(group, name=kind.name)
    examples = kind.examples
    fields_help = ", ".join(kind.fields_en)
    name = kind.name

    @group.command("list", help=_doc("Liệt kê bản ghi", "List the records", examples["list"]))
    @cli_options()
    def list_command(
        cli: Cli, year: YearOption = None, output_format: FormatOption = "table"
    ) -> None:
        from binhdang.committee import records

        record_kind = _kind(name)
        with cli.engine.connect() as connection:
            rows = records.list_records(connection, record_kind, year=year)
        show(
            output_format,
            cli.lang,
            data=lambda: [{k: jsonable(v) for k, v in row.items()} for row in rows],
            table=lambda: _records_table(record_kind, rows, cli.lang),
            csv=lambda: _records_csv(record_kind, rows, cli.lang),
        )

    @group.command(
        "add",
        help=_doc(
            f"Thêm một bản ghi (TRƯỜNG=GIÁ_TRỊ; trường: {fields_help})",
            "Add one record (FIELD=VALUE)",
            examples["add"],
        ),
    )
    @cli_options()
    def add_command(
        cli: Cli,
        assignments: Annotated[list[str], typer.Argument(help="TRƯỜNG=GIÁ_TRỊ / FIELD=VALUE")],
    ) -> None:
        from binhdang.committee import records

        language = cli.lang
        record_kind = _kind(name)
        cells = records.parse_assignments(record_kind, assignments)
        warnings: list[Any] = []
        with cli.writing() as connection:
            record_id = records.add_record(connection, record_kind, cells, warnings=warnings)
        for warning in warnings:  # an old document type read as Appendix III's
            err.print(labelled("warning.prefix", "yellow", warning.render(language), language))
        out.print(text("committee.record.added", language, id=record_id, **record_kind.params))

    @group.command(
        "edit",
        help=_doc(
            "Sửa các trường của một bản ghi", "Change fields of one record", examples["edit"]
        ),
    )
    @cli_options()
    def edit_command(
        cli: Cli,
        record_id: Annotated[int, id_argument(help="Mã số bản ghi / record id")],
        assignments: Annotated[list[str], typer.Argument(help="TRƯỜNG=GIÁ_TRỊ / FIELD=VALUE")],
    ) -> None:
        from binhdang.committee import records

        language = cli.lang
        record_kind = _kind(name)
        cells = records.parse_assignments(record_kind, assignments)
        warnings: list[Any] = []
        with cli.writing() as connection:
            records.edit_record(connection, record_kind, record_id, cells, warnings=warnings)
        for warning in warnings:
            err.print(labelled("warning.prefix", "yellow", warning.render(language), language))
        out.print(text("committee.record.edited", language, id=record_id, **record_kind.params))

    @group.command("delete", help=_doc("Xóa một bản ghi", "Delete one record", examples["delete"]))
    @cli_options()
    def delete_command(
        cli: Cli,
        record_id: Annotated[int, id_argument(help="Mã số bản ghi / record id")],
    ) -> None:
        from binhdang.committee import records

        record_kind = _kind(name)
        with cli.writing() as connection:
            records.delete_record(connection, record_kind, record_id)
        out.print(text("committee.record.deleted", cli.lang, id=record_id, **record_kind.params))

    if kind.indicators is not None:
        _indicator_command(group, kind.indicators)
    if kind.evidence is not None:
        _evidence_commands(group, name, kind.evidence)


def _write_template(name: str, path: Path) -> Path:
    from binhdang.committee.templates import write_template

    return write_template(_kind(name), path)


# --- indicators ----------------------------------------------------------------------------


def _as_of(value: str | None, year: int) -> date:
    return parse_date_option(value, "--as-of") if value else date(year, 12, 31)


AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Ngày lấy danh sách cán bộ (mặc định 31/12 của năm) / "
        "staff as of this date (default 31 December of the year)",
    ),
]
NoSubtree = Annotated[bool, typer.Option("--no-subtree", help="Chỉ riêng đơn vị / the unit alone")]


def _indicator_command(group: typer.Typer, view: IndicatorView) -> None:
    """``binhdang KIND indicators``: the kind's indicator view computed for a unit and a year
    (or a term), printed as the report's blocks."""
    period_help = (
        "Năm đầu nhiệm kỳ / first year of the term" if view.period == "term" else "Năm / year"
    )
    PeriodOption = Annotated[int, typer.Option(f"--{view.period}", help=period_help)]

    def indicators_command(
        cli: Cli,
        unit: UnitOption,
        period: PeriodOption,
        as_of: AsOfOption = None,
        no_subtree: NoSubtree = False,
        output_format: FormatOption = "table",
    ) -> None:
        effective = _as_of(as_of, period)
        run = view.compute_function()
        options = {"subtree": not no_subtree} if view.subtree else {}
        with cli.engine.connect() as connection:
            result = run(connection, unit, period, effective, **options)
        blocks = view.blocks_function()
        show(
            output_format,
            cli.lang,
            data=lambda: jsonable(result),
            blocks=lambda: blocks(result, cli.lang),
        )

    if not view.subtree:  # the view counts the unit's whole subtree only: no --no-subtree
        signature = inspect.signature(indicators_command)
        indicators_command.__signature__ = signature.replace(  # type: ignore[attr-defined]
            parameters=[p for p in signature.parameters.values() if p.name != "no_subtree"]
        )
    group.command("indicators", help=_doc(view.help_vi, view.help_en, view.example))(
        cli_options()(indicators_command)
    )


def _record_id_named(new: str) -> Any:
    """A decorator naming a command's ``record_id`` argument ``new`` (``activity_id``: the
    name its usage line shows)."""

    def decorate(function: Any) -> Any:
        signature = inspect.signature(function)

        @functools.wraps(function)
        def command(*args: Any, **kwargs: Any) -> Any:
            kwargs["record_id"] = kwargs.pop(new)
            return function(*args, **kwargs)

        command.__signature__ = signature.replace(  # type: ignore[attr-defined]
            parameters=[
                p.replace(name=new) if p.name == "record_id" else p
                for p in signature.parameters.values()
            ]
        )
        return command

    return decorate


def _evidence_commands(group: typer.Typer, name: str, view: EvidenceView) -> None:
    """``KIND attach``, ``attachments`` and ``attachment``: the evidence files kept with a
    kind's records, by the functions its evidence view names."""
    record_help = f"Mã số {view.record_vi} / {view.record_en} id"
    id_name = f"{view.record_en.replace(' ', '_')}_id"

    @group.command(
        "attach",
        help=_doc(
            "Đính kèm tệp minh chứng (PDF, PNG, JPEG, DOCX, XLSX; tối đa 10 MB)",
            "Attach evidence files (PDF, PNG, JPEG, DOCX, XLSX; at most 10 MB)",
            view.examples["attach"],
        ),
    )
    @cli_options()
    @_record_id_named(id_name)
    def attach_command(
        cli: Cli,
        record_id: Annotated[int, id_argument(help=record_help)],
        files: Annotated[list[Path], typer.Argument(help="Tệp / files")],
    ) -> None:
        from binhdang import formatting
        from binhdang.committee import attachments, records
        from binhdang.ingest.values import ValueProblem

        language = cli.lang
        checked = []
        for path in files:
            try:
                checked.append(attachments.load_evidence(path))
            except ValueProblem as problem:
                raise BinhdangError.of(
                    "committee.attachment.invalid", reason=problem.message.render(language)
                ) from problem
        store = registry.function(view.store)
        with cli.writing() as connection:
            records.get_record(connection, _kind(name), record_id)
            stored = [store(connection, record_id, item) for item in checked]
        for item, (attachment_id, added) in zip(checked, stored, strict=True):
            key = "committee.attachment.added" if added else "committee.attachment.same"
            out.print(
                text(
                    key,
                    language,
                    file=item.file_name,
                    id=record_id,
                    attachment=attachment_id,
                    size=formatting.number(item.size, language),
                )
            )

    @group.command(
        "attachments",
        help=_doc(
            f"Liệt kê tệp minh chứng của một {view.record_vi}",
            f"List {view.a_record_en}'s evidence files",
            view.examples["attachments"],
        ),
    )
    @cli_options()
    @_record_id_named(id_name)
    def attachments_command(
        cli: Cli,
        record_id: Annotated[int, id_argument(help=record_help)],
    ) -> None:
        from rich.table import Table

        from binhdang import formatting
        from binhdang.committee import records

        language = cli.lang
        with cli.engine.connect() as connection:
            records.get_record(connection, _kind(name), record_id)
            found = registry.function(view.listing)(connection, record_id)

        def table() -> Table:
            drawn = Table(
                title=text("committee.attachment.title", language, id=record_id),
                title_justify="left",
            )
            for key in ("id", "file", "type", "size", "sha256"):
                drawn.add_column(text(f"committee.attachment.col_{key}", language))
            for item in found:
                drawn.add_row(
                    str(item.id),
                    item.file_name,
                    item.media_type,
                    formatting.number(item.size, language),
                    item.sha256,
                )
            return drawn

        show("table", language, table=table)

    @group.command(
        "attachment",
        help=_doc(
            "Lưu một tệp minh chứng ra đĩa (kiểm tra mã SHA-256)",
            "Save an evidence file to disk (its SHA-256 is checked)",
            view.examples["attachment"],
        ),
    )
    @cli_options()
    def attachment_command(
        cli: Cli,
        attachment_id: Annotated[int, id_argument(help="Mã số tệp / attachment id")],
        out_file: Annotated[Path, typer.Option("--out", help="Tệp ghi ra / file to write")],
    ) -> None:
        with cli.engine.connect() as connection:
            _info, content = registry.function(view.read)(connection, attachment_id)
        try:
            out_file.write_bytes(content)
        except OSError as exc:
            raise BinhdangError.of(
                "file.write_failed", file=str(out_file), reason=exc.strerror
            ) from exc
        out.print(text("out.written", cli.lang, file=out_file))


registry.listen(_add_record_commands)


def _activity_commands() -> None:
    """The command only activities have: the Action Month."""
    activities_group = next(
        g.typer_instance for g in app.registered_groups if g.name == "activities"
    )
    assert activities_group is not None  # made with the kind's commands above

    @activities_group.command(
        "action-month",
        help=_doc(
            "Đơn vị có/không có hoạt động trong Tháng hành động (15/11–15/12)",
            "Units with and without an activity in the Action Month (15/11–15/12)",
            "binhdang activities action-month --unit BHXH_QT --year 2022",
        ),
    )
    @cli_options()
    def action_month_command(
        cli: Cli,
        unit: UnitOption,
        year: Annotated[int, typer.Option("--year", help="Năm / year")],
        no_subtree: NoSubtree = False,
        output_format: FormatOption = "table",
    ) -> None:
        from binhdang.committee import report_sections as rs
        from binhdang.committee.activities.service import action_month_coverage

        with cli.engine.connect() as connection:
            result = action_month_coverage(connection, unit, year, subtree=not no_subtree)
        show(
            output_format,
            cli.lang,
            data=lambda: jsonable(result),
            blocks=lambda: rs.action_month_blocks(result, cli.lang),
        )


_activity_commands()
