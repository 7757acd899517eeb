"""The committee's commands: imports, templates, list/add/edit/delete per record kind,
indicators, Action Month coverage and evidence files.

Each record kind (training, awards, succession, plans, activities, movements, members) gets
the same commands, generated from :data:`KIND_NAMES`, a light copy of the names and titles of
:data:`binhdang.committee.kinds.KINDS` (which needs the database tables: it is imported when a
command runs, so that the command line starts at once; a test checks that the two agree); they
parse options, open one transaction, call one library function and print.
"""

import importlib
import io
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, fields, is_dataclass
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
    waiting_notice,
    writing,
)
from binhdang.committee import messages as _messages  # noqa: F401  (registers the area's messages)
from binhdang.errors import BinhdangError
from binhdang.messages import Lang, text

if TYPE_CHECKING:
    from rich.table import Table

    from binhdang.committee.records import RecordKind


@dataclass(frozen=True)
class KindName:
    """What the command line shows of a record kind before it runs: its command name, titles
    and the fields ``add`` accepts (English labels), as in :data:`binhdang.committee.kinds.KINDS`."""

    name: str
    title_vi: str
    title_en: str
    fields_en: tuple[str, ...]


KIND_NAMES: tuple[KindName, ...] = (
    KindName("training", "Đào tạo, bồi dưỡng", "Training",
             ("staff_code", "course_type", "course_name", "provider", "start_on", "end_on",
              "status", "decision_number")),
    KindName("awards", "Khen thưởng", "Awards",
             ("staff_code", "unit_code", "form", "title", "issuer", "decision_number",
              "decision_date", "year", "reason", "movement")),
    KindName("succession", "Quy hoạch cán bộ", "Succession planning",
             ("staff_code", "unit_code", "post", "level", "term", "decision_number", "notes")),
    KindName("plans", "Văn bản, kế hoạch", "Documents and plans",
             ("number", "issued_on", "issuing_body", "title", "period_from", "period_to",
              "parent", "unit_code", "targets")),
    KindName("activities", "Hoạt động", "Activities",
             ("plan", "title", "activity_type", "unit_code", "start_on", "end_on",
              "participants_female", "participants_male", "status", "notes", "evidence")),
    KindName("movements", "Phong trào thi đua", "Emulation movements",
             ("name", "organiser", "start_on", "end_on", "units", "persons", "description")),
    KindName("members", "Thành viên Ban Vì sự tiến bộ phụ nữ",
             "Members of the Committee for the Advancement of Women",
             ("unit_code", "decision_number", "decision_date", "decision_issuer", "staff_code",
              "full_name", "sex", "job_title", "post", "notes")),
)  # fmt: skip


def _kind(name: str) -> "RecordKind":
    """The record kind itself, with its table and rules (imported when a command runs)."""
    from binhdang.committee.kinds import KINDS

    return KINDS[name]


FORMATS = ("table", "json", "csv")
YearOption = Annotated[int | None, typer.Option("--year", help="Năm / year")]
UnitOption = Annotated[str, typer.Option("--unit", help="Mã đơn vị / unit code")]
FormatOption = Annotated[str, typer.Option("--format", help="table | json | csv")]

EXAMPLES: dict[str, dict[str, str]] = {
    "training": {
        "import": "binhdang import training dao_tao_2022.xlsx",
        "list": "binhdang training list --year 2022",
        "add": "binhdang training add staff_code=QT0005 course_type='Cao cấp lý luận chính trị' "
        "course_name='Lớp K72' start_on=15/03/2022 status='Đang học'",
        "edit": "binhdang training edit 12 status='Đã hoàn thành' end_on=30/11/2022",
        "delete": "binhdang training delete 12",
        "indicators": "binhdang training indicators --unit BHXH_QT --year 2022 --as-of 01/10/2022",
    },
    "awards": {
        "import": "binhdang import awards khen_thuong_2022.xlsx",
        "list": "binhdang awards list --year 2022",
        "add": "binhdang awards add staff_code=QT0012 form='Giấy khen' "
        "issuer='Giám đốc BHXH tỉnh Quảng Trị' decision_number=15/QĐ-BHXH "
        "decision_date=10/01/2023 year=2022",
        "edit": "binhdang awards edit 3 reason='Hoàn thành xuất sắc nhiệm vụ năm 2022'",
        "delete": "binhdang awards delete 3",
        "indicators": "binhdang awards indicators --unit BHXH_QT --year 2022 --as-of 01/10/2022",
    },
    "succession": {
        "import": "binhdang import succession quy_hoach_2021_2026.xlsx",
        "list": "binhdang succession list --year 2021",
        "add": "binhdang succession add staff_code=QT0030 unit_code=QT_DONGHA post='Giám đốc' "
        "level='Cấp trưởng' term=2021-2026",
        "edit": "binhdang succession edit 4 post='Phó Giám đốc' level='Cấp phó'",
        "delete": "binhdang succession delete 4",
        "indicators": "binhdang succession indicators --unit BHXH_QT --term 2021 "
        "--as-of 01/10/2022",
    },
    "plans": {
        "import": "binhdang import plans ke_hoach_2022.xlsx",
        "list": "binhdang plans list --year 2022",
        "add": "binhdang plans add number='Số: 45/KH-BHXH' issued_on=25/10/2022 "
        "issuing_body='BHXH tỉnh Quảng Trị' title='Kế hoạch Tháng hành động năm 2022' "
        "parent=190/KH-UBND",
        "edit": "binhdang plans edit 2 period_to=15/12/2022",
        "delete": "binhdang plans delete 2",
        "indicators": "binhdang plans indicators --unit BHXH_QT --year 2022",
    },
    "activities": {
        "import": "binhdang import activities hoat_dong_2022.xlsx",
        "list": "binhdang activities list --year 2022",
        "add": "binhdang activities add plan=45/KH-BHXH title='Mít tinh hưởng ứng' "
        "activity_type='Tháng hành động' unit_code=QT_DONGHA start_on=18/11/2022 "
        "status='Đã thực hiện' participants_female=18 participants_male=9",
        "edit": "binhdang activities edit 7 status='Hủy'",
        "delete": "binhdang activities delete 7",
        "indicators": "binhdang activities indicators --unit BHXH_QT --year 2022",
    },
    "movements": {
        "import": "binhdang import movements phong_trao.xlsx",
        "list": "binhdang movements list --year 2022",
        "add": "binhdang movements add name='Gia đình ấm no, bình đẳng, tiến bộ, hạnh phúc' "
        "organiser='Công đoàn BHXH tỉnh' start_on=01/01/2022 units='QT_VP; QT_DONGHA'",
        "edit": "binhdang movements edit 1 end_on=31/12/2026",
        "delete": "binhdang movements delete 1",
        "indicators": "binhdang movements indicators --unit BHXH_QT --year 2022",
    },
    "members": {
        "import": "binhdang import members thanh_vien_ban_2022.xlsx",
        "list": "binhdang members list --year 2022",
        "add": "binhdang members add unit_code=BHXH_QT decision_number=25/QĐ-BHXH "
        "decision_date=15/02/2022 decision_issuer='Giám đốc BHXH tỉnh Quảng Trị' "
        "staff_code=QT0002 post='Trưởng ban'",
        "edit": "binhdang members edit 3 job_title='Phó Giám đốc BHXH tỉnh'",
        "delete": "binhdang members delete 3",
    },
}


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


def _add_record_commands(kind: KindName) -> None:
    group = typer.Typer(help=f"{kind.title_vi} / {kind.title_en}.", no_args_is_help=True)
    app.add_typer(group, name=kind.name)
    examples = EXAMPLES[kind.name]
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
        outcome = records.import_records(engine, _kind(name), file, sheet=sheet,
                                         skip_invalid=skip_invalid, lang=language,
                                         on_wait=waiting_notice(language))  # fmt: skip
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


def _write_template(name: str, path: Path) -> Path:
    from binhdang.committee.templates import write_template

    return write_template(_kind(name), path)


for _kind_name in KIND_NAMES:
    _add_record_commands(_kind_name)


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


def _report_blocks(name: str) -> Callable[..., Any]:
    """A function of :mod:`binhdang.committee.report_sections` (imported when a command runs)."""
    from binhdang.committee import report_sections

    return getattr(report_sections, name)  # type: ignore[no-any-return]


def _indicator_command(kind_name: str, vi: str, en: str, compute: str, blocks: str) -> None:
    """``binhdang KIND indicators``: ``compute`` is ``module:function`` of the kind's service,
    ``blocks`` the function of :mod:`binhdang.committee.report_sections` that shows it."""
    group = next(g.typer_instance for g in app.registered_groups if g.name == kind_name)

    @group.command("indicators", help=_doc(vi, en, EXAMPLES[kind_name]["indicators"]))
    def indicators_command(
        unit: UnitOption,
        year: Annotated[int, typer.Option("--year", help="Năm / year")],
        as_of: AsOfOption = None,
        no_subtree: NoSubtree = False,
        output_format: FormatOption = "table",
        db: DbOption = settings.DATABASE_URL.default,
        lang: LangOption = "vi",
    ) -> None:
        from binhdang.store import database

        language = parse_lang(lang)
        fmt = _check_format(output_format)
        effective = _as_of(as_of, year)
        module, function = compute.split(":")
        run = getattr(importlib.import_module(module), function)
        engine = database.open_current(db)
        with engine.connect() as connection:
            result = run(connection, unit, year, effective, subtree=not no_subtree)
        _show_indicators(result, _report_blocks(blocks), fmt, language)


def _register_indicators() -> None:
    _indicator_command(
        "training",
        "Chỉ tiêu đào tạo, bồi dưỡng theo giới",
        "Training indicators by sex",
        "binhdang.committee.training.service:training_indicators",
        "training_blocks",
    )
    _indicator_command(
        "awards",
        "Chỉ tiêu khen thưởng theo giới",
        "Award indicators by sex",
        "binhdang.committee.awards.service:award_indicators",
        "award_blocks",
    )
    _indicator_command(
        "activities",
        "Hoạt động: kế hoạch và thực hiện, người tham gia",
        "Activities: planned and done, participants",
        "binhdang.committee.activities.service:activity_indicators",
        "activity_blocks",
    )
    _indicator_command("movements", "Phong trào thi đua: tham gia và khen thưởng",
                       "Emulation movements: participation and awards",
                       "binhdang.committee.movements.service:movement_indicators",
                       "movement_blocks")  # fmt: skip

    plans_group = next(g.typer_instance for g in app.registered_groups if g.name == "plans")

    @plans_group.command("indicators", help=_doc("Văn bản, kế hoạch trong năm và hoạt động",
                                                 "Documents and plans of the year, activities",
                                                 EXAMPLES["plans"]["indicators"]))  # fmt: skip
    def plans_indicators(
        unit: UnitOption,
        year: Annotated[int, typer.Option("--year", help="Năm / year")],
        as_of: AsOfOption = None,
        output_format: FormatOption = "table",
        db: DbOption = settings.DATABASE_URL.default,
        lang: LangOption = "vi",
    ) -> None:
        from binhdang.committee import report_sections as rs
        from binhdang.store import database

        language = parse_lang(lang)
        fmt = _check_format(output_format)
        effective = _as_of(as_of, year)
        engine = database.open_current(db)
        with engine.connect() as connection:
            result = rs.plans_of_year(connection, unit, year, effective)
        _show_indicators(result, rs.plan_blocks, fmt, language)

    succession_group = next(
        g.typer_instance for g in app.registered_groups if g.name == "succession"
    )

    @succession_group.command("indicators", help=_doc(
        "Tỷ lệ nữ trong quy hoạch so với hiện tại và mức tối thiểu theo quy định đang hiệu lực",
        "Women in the succession plan against posts now and the minimum in force",
        EXAMPLES["succession"]["indicators"]))  # fmt: skip
    def succession_indicators_command(
        unit: UnitOption,
        term: Annotated[int, typer.Option("--term", help="Năm đầu nhiệm kỳ / first year of the term")],
        as_of: AsOfOption = None,
        no_subtree: NoSubtree = False,
        output_format: FormatOption = "table",
        db: DbOption = settings.DATABASE_URL.default,
        lang: LangOption = "vi",
    ) -> None:  # fmt: skip
        from binhdang.committee import report_sections as rs
        from binhdang.committee.succession.service import succession_indicators
        from binhdang.store import database

        language = parse_lang(lang)
        fmt = _check_format(output_format)
        effective = _as_of(as_of, term)
        engine = database.open_current(db)
        with engine.connect() as connection:
            result = succession_indicators(connection, unit, term, effective,
                                           subtree=not no_subtree)  # fmt: skip
        _show_indicators(result, rs.succession_blocks, fmt, language)

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


_register_indicators()
