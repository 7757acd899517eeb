"""The committee's commands: imports, templates, list/add/edit/delete per record kind,
indicators, Action Month coverage and evidence files.

Each record kind of :mod:`binhdang.committee.registry` (training, awards, succession, plans,
activities, movements, members, and any kind declared later) gets the same commands, made
from its entry (name, titles, fields, examples, indicator view), which loads no database code:
the kind's tables are loaded when a command runs, so that the command line starts at once. The
commands parse options, open one transaction, call one library function and print. Only the
activities' own commands (the Action Month, evidence files) are written here by hand.
"""

import inspect
import io
import json
import sys
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from binhdang import settings
from binhdang.cli.app import (
    DbOption,
    LangOption,
    SheetOption,
    app,
    err,
    id_argument,
    import_app,
    out,
    parse_date_option,
    parse_lang,
    register_template,
    writing,
)
from binhdang.committee import messages as _messages  # noqa: F401  (registers the area's messages)
from binhdang.committee import registry
from binhdang.committee.registry import IndicatorView, KindEntry
from binhdang.errors import BinhdangError
from binhdang.messages import Lang, text

if TYPE_CHECKING:
    from rich.table import Table

    from binhdang.committee.records import RecordKind


def _kind(name: str) -> "RecordKind":
    """The record kind itself, with its table and rules (loaded when a command runs)."""
    found = registry.entry(name)
    assert found is not None, name  # the commands are made from the registry's entries
    return found.kind()


FORMATS = ("table", "json", "csv")
YearOption = Annotated[int | None, typer.Option("--year", help="Năm / year")]
UnitOption = Annotated[str, typer.Option("--unit", help="Mã đơn vị / unit code")]
FormatOption = Annotated[str, typer.Option("--format", help="table | json | csv")]


def _doc(vi: str, en: str, example: str) -> str:
    return f"{vi} / {en}.\n\nExample: {example}"


def _check_format(value: str) -> str:
    if value not in FORMATS:
        raise BinhdangError.of("arg.format", choices=", ".join(FORMATS))
    return value


def _print_records(kind: "RecordKind", rows: list[dict[str, Any]], fmt: str, lang: Lang) -> None:
    from rich.table import Table

    from binhdang import exports
    from binhdang.committee import records

    names = list(rows[0]) if rows else ["id", *(f.name for f in kind.fields)]
    if fmt == "json":
        data = [{k: _jsonable(v) for k, v in row.items()} for row in rows]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    shown = [[records.display_cell(kind, name, row[name], lang) for name in names] for row in rows]
    headers = [records.column_label(kind, name, lang) for name in names]
    if fmt == "csv":
        buffer = io.StringIO()
        writer = exports.csv_writer(buffer, lineterminator="\n")
        writer.writerow(headers)
        writer.writerows(shown)
        sys.stdout.write(buffer.getvalue())
        return
    table = Table(title=kind.title(lang), title_justify="left")
    for header in headers:
        table.add_column(header, overflow="fold")
    for line in shown:
        table.add_row(*line)
    if not rows:
        out.print(text("committee.list.empty", lang))
        return
    out.print(table)


def _jsonable(value: Any) -> Any:
    """Typed results as JSON: dates ISO, shares as numbers with their percentage."""
    from binhdang.indicators.results import Ratio

    if isinstance(value, Ratio):
        share = value.percent
        return {"numerator": value.numerator, "denominator": value.denominator,
                "percent": float(share) if share is not None else None}  # fmt: skip
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if is_dataclass(value) and not isinstance(value, type):
        return {item.name: _jsonable(getattr(value, item.name)) for item in fields(value)}
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def _add_record_commands(kind: KindEntry) -> None:
    """The commands of one record kind: ``import KIND``, ``template KIND``, ``KIND list``,
    ``add``, ``edit``, ``delete`` and, if it has an indicator view, ``KIND indicators``."""
    group = typer.Typer(help=f"{kind.title_vi} / {kind.title_en}.", no_args_is_help=True)
    app.add_typer(group, name=kind.name)
    examples = kind.examples
    fields_help = ", ".join(kind.fields_en)
    name = kind.name

    @import_app.command(kind.name, help=_doc(f"Nhập danh sách {kind.title_vi.lower()}",
                                              f"Import a {kind.title_en.lower()} list",
                                              examples["import"]))  # fmt: skip
    def import_command(
        file: Annotated[Path, typer.Argument(help="CSV/XLSX (binhdang template " + kind.name + ")")],
        skip_invalid: Annotated[bool, typer.Option("--skip-invalid", help="Nhập dòng hợp lệ, ghi dòng lỗi ra tệp / import valid rows, write rejected rows")] = False,
        sheet: SheetOption = None,
        db: DbOption = settings.DATABASE_URL.default,
        lang: LangOption = "vi",
    ) -> None:  # fmt: skip
        from binhdang.committee import records
        from binhdang.store import database

        language = parse_lang(lang)
        engine = database.open_current(db)
        with writing(engine, language) as connection:
            outcome = records.import_records(connection, _kind(name), file, sheet=sheet,
                                             skip_invalid=skip_invalid, lang=language)  # fmt: skip
        for warning in outcome.warnings:
            err.print(f"{text('warning.prefix', language)}: {warning.render(language)}")
        for problem in outcome.rejected:
            err.print(f"{text('error.prefix', language)}: {problem.render(language)}")
        if outcome.rejected_file:
            rows = len({problem.row for problem in outcome.rejected})
            err.print(text("import.rejected_written", language, count=rows,
                           file=outcome.rejected_file))  # fmt: skip
        summary = {k: v for k, v in outcome.summary().items() if k not in ("rejected", "ended")}
        out.print(text("committee.import.summary", language, file=outcome.file_name, **summary))

    @group.command("list", help=_doc("Liệt kê bản ghi", "List the records", examples["list"]))
    def list_command(
        year: YearOption = None,
        output_format: FormatOption = "table",
        db: DbOption = settings.DATABASE_URL.default,
        lang: LangOption = "vi",
    ) -> None:
        from binhdang.committee import records
        from binhdang.store import database

        language = parse_lang(lang)
        fmt = _check_format(output_format)
        record_kind = _kind(name)
        engine = database.open_current(db)
        with engine.connect() as connection:
            rows = records.list_records(connection, record_kind, year=year)
        _print_records(record_kind, rows, fmt, language)

    @group.command("add", help=_doc(f"Thêm một bản ghi (TRƯỜNG=GIÁ_TRỊ; trường: {fields_help})",
                                    "Add one record (FIELD=VALUE)", examples["add"]))  # fmt: skip
    def add_command(
        assignments: Annotated[list[str], typer.Argument(help="TRƯỜNG=GIÁ_TRỊ / FIELD=VALUE")],
        db: DbOption = settings.DATABASE_URL.default,
        lang: LangOption = "vi",
    ) -> None:
        from binhdang.committee import records
        from binhdang.store import database

        language = parse_lang(lang)
        record_kind = _kind(name)
        cells = records.parse_assignments(record_kind, assignments)
        engine = database.open_current(db)
        warnings: list[Any] = []
        with writing(engine, language) as connection:
            record_id = records.add_record(connection, record_kind, cells, warnings=warnings)
        for warning in warnings:  # an old document type read as Appendix III's
            err.print(f"{text('warning.prefix', language)}: {warning.render(language)}")
        out.print(text("committee.record.added", language, id=record_id, **record_kind.params))

    @group.command("edit", help=_doc("Sửa các trường của một bản ghi",
                                     "Change fields of one record", examples["edit"]))  # fmt: skip
    def edit_command(
        record_id: Annotated[int, id_argument(help="Mã số bản ghi / record id")],
        assignments: Annotated[list[str], typer.Argument(help="TRƯỜNG=GIÁ_TRỊ / FIELD=VALUE")],
        db: DbOption = settings.DATABASE_URL.default,
        lang: LangOption = "vi",
    ) -> None:
        from binhdang.committee import records
        from binhdang.store import database

        language = parse_lang(lang)
        record_kind = _kind(name)
        cells = records.parse_assignments(record_kind, assignments)
        engine = database.open_current(db)
        warnings: list[Any] = []
        with writing(engine, language) as connection:
            records.edit_record(connection, record_kind, record_id, cells, warnings=warnings)
        for warning in warnings:
            err.print(f"{text('warning.prefix', language)}: {warning.render(language)}")
        out.print(text("committee.record.edited", language, id=record_id, **record_kind.params))

    @group.command("delete", help=_doc("Xóa một bản ghi", "Delete one record",
                                       examples["delete"]))  # fmt: skip
    def delete_command(
        record_id: Annotated[int, id_argument(help="Mã số bản ghi / record id")],
        db: DbOption = settings.DATABASE_URL.default,
        lang: LangOption = "vi",
    ) -> None:
        from binhdang.committee import records
        from binhdang.store import database

        language = parse_lang(lang)
        record_kind = _kind(name)
        engine = database.open_current(db)
        with writing(engine, language) as connection:
            records.delete_record(connection, record_kind, record_id)
        out.print(text("committee.record.deleted", language, id=record_id, **record_kind.params))

    register_template(kind.name, lambda path, name=kind.name: _write_template(name, path))
    if kind.indicators is not None:
        _indicator_command(group, kind.indicators)


def _write_template(name: str, path: Path) -> Path:
    from binhdang.committee.templates import write_template

    return write_template(_kind(name), path)


# --- indicators ----------------------------------------------------------------------------


def _show_indicators(
    result: Any, blocks: Callable[[Any, Lang], tuple[Any, ...]], fmt: str, lang: Lang
) -> None:
    if fmt == "json":
        sys.stdout.write(json.dumps(_jsonable(result), ensure_ascii=False, indent=2) + "\n")
        return
    from binhdang.reports.content import Paragraph, ReportTable

    for block in blocks(result, lang):
        if isinstance(block, Paragraph):
            out.print(block.text)
        elif isinstance(block, ReportTable):
            if fmt == "csv":
                sys.stdout.write(_table_csv(block, lang))
                continue
            out.print(_rich_table(block, lang))


def _cell(value: Any, column_kind: str, lang: Lang) -> str:
    from binhdang import formatting

    if value is None:
        return ""
    if column_kind == "percent":
        return formatting.percent(value, lang)
    if column_kind == "count" and isinstance(value, int):
        return formatting.number(value, lang)
    if isinstance(value, date):
        return formatting.short_date(value, lang)
    return str(value)


def _rich_table(block: Any, lang: Lang) -> "Table":
    from rich.table import Table

    table = Table(title=block.caption, title_justify="left")
    for column in block.columns:
        justify = "right" if column.kind in ("count", "percent") else "left"
        table.add_column(column.label, justify=justify, overflow="fold")
    for row in (*block.rows, *((block.total,) if block.total else ())):
        table.add_row(*(_cell(v, c.kind, lang) for v, c in zip(row, block.columns, strict=True)))
    return table


def _table_csv(block: Any, lang: Lang) -> str:
    from binhdang import exports

    buffer = io.StringIO()
    writer = exports.csv_writer(buffer, lineterminator="\n")
    writer.writerow([block.caption])
    writer.writerow([column.label for column in block.columns])
    for row in (*block.rows, *((block.total,) if block.total else ())):
        writer.writerow(["" if v is None else v for v in row])
    return buffer.getvalue()


def _as_of(value: str | None, year: int) -> date:
    return parse_date_option(value, "--as-of") if value else date(year, 12, 31)


AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", help="Ngày lấy danh sách cán bộ (mặc định 31/12 của năm) / "
                 "staff as of this date (default 31 December of the year)"),
]  # fmt: skip
NoSubtree = Annotated[bool, typer.Option("--no-subtree", help="Chỉ riêng đơn vị / the unit alone")]


def _indicator_command(group: typer.Typer, view: IndicatorView) -> None:
    """``binhdang KIND indicators``: the kind's indicator view computed for a unit and a year
    (or a term), printed as the report's blocks."""
    period_help = ("Năm đầu nhiệm kỳ / first year of the term" if view.period == "term"
                   else "Năm / year")  # fmt: skip
    PeriodOption = Annotated[int, typer.Option(f"--{view.period}", help=period_help)]

    def indicators_command(
        unit: UnitOption,
        period: PeriodOption,
        as_of: AsOfOption = None,
        no_subtree: NoSubtree = False,
        output_format: FormatOption = "table",
        db: DbOption = settings.DATABASE_URL.default,
        lang: LangOption = "vi",
    ) -> None:
        from binhdang.store import database

        language = parse_lang(lang)
        fmt = _check_format(output_format)
        effective = _as_of(as_of, period)
        run = view.compute_function()
        options = {"subtree": not no_subtree} if view.subtree else {}
        engine = database.open_current(db)
        with engine.connect() as connection:
            result = run(connection, unit, period, effective, **options)
        _show_indicators(result, view.blocks_function(), fmt, language)

    if not view.subtree:  # the view counts the unit's whole subtree only: no --no-subtree
        signature = inspect.signature(indicators_command)
        indicators_command.__signature__ = signature.replace(  # type: ignore[attr-defined]
            parameters=[p for p in signature.parameters.values() if p.name != "no_subtree"]
        )
    group.command("indicators", help=_doc(view.help_vi, view.help_en, view.example))(
        indicators_command
    )


registry.listen(_add_record_commands)


def _activity_commands() -> None:
    """The commands only activities have: the Action Month, evidence files."""
    activities_group = next(
        g.typer_instance for g in app.registered_groups if g.name == "activities"
    )

    @activities_group.command("action-month", help=_doc(
        "Đơn vị có/không có hoạt động trong Tháng hành động (15/11–15/12)",
        "Units with and without an activity in the Action Month (15/11–15/12)",
        "binhdang activities action-month --unit BHXH_QT --year 2022"))  # fmt: skip
    def action_month_command(
        unit: UnitOption,
        year: Annotated[int, typer.Option("--year", help="Năm / year")],
        no_subtree: NoSubtree = False,
        output_format: FormatOption = "table",
        db: DbOption = settings.DATABASE_URL.default,
        lang: LangOption = "vi",
    ) -> None:
        from binhdang.committee import report_sections as rs
        from binhdang.committee.activities.service import action_month_coverage
        from binhdang.store import database

        language = parse_lang(lang)
        fmt = _check_format(output_format)
        engine = database.open_current(db)
        with engine.connect() as connection:
            result = action_month_coverage(connection, unit, year, subtree=not no_subtree)
        _show_indicators(result, rs.action_month_blocks, fmt, language)

    @activities_group.command("attach", help=_doc(
        "Đính kèm tệp minh chứng (PDF, PNG, JPEG, DOCX, XLSX; tối đa 10 MB)",
        "Attach evidence files (PDF, PNG, JPEG, DOCX, XLSX; at most 10 MB)",
        "binhdang activities attach 7 bien_ban.pdf anh_mit_tinh.jpg"))  # fmt: skip
    def attach_command(
        activity_id: Annotated[int, id_argument(help="Mã số hoạt động / activity id")],
        files: Annotated[list[Path], typer.Argument(help="Tệp / files")],
        db: DbOption = settings.DATABASE_URL.default,
        lang: LangOption = "vi",
    ) -> None:
        from binhdang import formatting
        from binhdang.committee import attachments, records
        from binhdang.committee.kinds import ACTIVITIES
        from binhdang.ingest.values import ValueProblem
        from binhdang.store import database

        language = parse_lang(lang)
        checked = []
        for path in files:
            try:
                checked.append(attachments.load_evidence(path))
            except ValueProblem as problem:
                raise BinhdangError.of("committee.attachment.invalid",
                                       reason=problem.message.render(language)) from problem  # fmt: skip
        engine = database.open_current(db)
        with writing(engine, language) as connection:
            records.get_record(connection, ACTIVITIES, activity_id)
            stored = [attachments.store(connection, activity_id, item) for item in checked]
        for item, (attachment_id, added) in zip(checked, stored, strict=True):
            key = "committee.attachment.added" if added else "committee.attachment.same"
            out.print(text(key, language, file=item.file_name, id=activity_id,
                           attachment=attachment_id, size=formatting.number(item.size, language)))  # fmt: skip

    @activities_group.command("attachments", help=_doc(
        "Liệt kê tệp minh chứng của một hoạt động", "List an activity's evidence files",
        "binhdang activities attachments 7"))  # fmt: skip
    def attachments_command(
        activity_id: Annotated[int, id_argument(help="Mã số hoạt động / activity id")],
        db: DbOption = settings.DATABASE_URL.default,
        lang: LangOption = "vi",
    ) -> None:
        from rich.table import Table

        from binhdang import formatting
        from binhdang.committee import attachments, records
        from binhdang.committee.kinds import ACTIVITIES
        from binhdang.store import database

        language = parse_lang(lang)
        engine = database.open_current(db)
        with engine.connect() as connection:
            records.get_record(connection, ACTIVITIES, activity_id)
            found = attachments.list_for(connection, activity_id)
        table = Table(title=text("committee.attachment.title", language, id=activity_id),
                      title_justify="left")  # fmt: skip
        for key in ("id", "file", "type", "size", "sha256"):
            table.add_column(text(f"committee.attachment.col_{key}", language))
        for item in found:
            table.add_row(str(item.id), item.file_name, item.media_type,
                          formatting.number(item.size, language), item.sha256)  # fmt: skip
        out.print(table)

    @activities_group.command("attachment", help=_doc(
        "Lưu một tệp minh chứng ra đĩa (kiểm tra mã SHA-256)",
        "Save an evidence file to disk (its SHA-256 is checked)",
        "binhdang activities attachment 3 --out bien_ban.pdf"))  # fmt: skip
    def attachment_command(
        attachment_id: Annotated[int, id_argument(help="Mã số tệp / attachment id")],
        out_file: Annotated[Path, typer.Option("--out", help="Tệp ghi ra / file to write")],
        db: DbOption = settings.DATABASE_URL.default,
        lang: LangOption = "vi",
    ) -> None:
        from binhdang.committee import attachments
        from binhdang.store import database

        language = parse_lang(lang)
        engine = database.open_current(db)
        with engine.connect() as connection:
            _info, content = attachments.read(connection, attachment_id)
        try:
            out_file.write_bytes(content)
        except OSError as exc:
            raise BinhdangError.of("file.write_failed", file=str(out_file),
                                   reason=exc.strerror) from exc  # fmt: skip
        out.print(text("out.written", language, file=out_file))


_activity_commands()
