"""Policies commands: retirement, maternity leave and the national targets (issue 7)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

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
    labelled,
    out,
    parse_date_option,
    parse_lang,
    print_import_outcome,
    register_template,
    writing,
)
from binhdang.errors import BinhdangError
from binhdang.messages import CATALOGUE, Lang, Message, text
from binhdang.policies import messages as _messages  # noqa: F401  (registers the area's messages)

maternity_app = typer.Typer(help="Nghỉ thai sản / Maternity leave.", no_args_is_help=True)
app.add_typer(maternity_app, name="maternity")

FORMATS = ("table", "json")
FormatOption = Annotated[str, typer.Option("--format", help="table | json")]


def _format(value: str) -> str:
    if value not in FORMATS:
        raise BinhdangError.of("arg.format", choices=", ".join(FORMATS))
    return value


def _json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _count(value: int | None, option: str) -> None:
    if value is not None and value < 1:
        raise BinhdangError.of("policies.bad_number", value=value, option=option, low=1)


def _warn(messages: list[Message], lang: Lang) -> None:
    for message in messages:
        err.print(labelled("warning.prefix", "yellow", message.render(lang), lang))


@app.command()
def retirement(
    sex: Annotated[str, typer.Option("--sex", help="nu | nam")],
    born: Annotated[str, typer.Option("--born", help="dd/mm/yyyy, mm/yyyy hoặc/or yyyy")],
    output_format: FormatOption = "table",
    lang: LangOption = "vi",
) -> None:
    """Tuổi nghỉ hưu, tháng nghỉ hưu và tháng hưởng lương hưu / Retirement age and months.

    Also the earliest month of an early retirement (Labour Code Art. 169(3), Decree 135/2020
    Art. 5, Appendix II) and the latest month of a later one (Art. 169(4), Decree 135/2020
    Art. 6), with their sources.

    Example: binhdang retirement --sex nu --born 09/1966 --format json
    """
    from binhdang.ingest.values import ValueProblem, parse_sex
    from binhdang.policies import retirement_output as output
    from binhdang.policies.retirement import early_retirement, late_retirement, parse_birth
    from binhdang.policies.retirement import retirement as rule

    language = parse_lang(lang)
    fmt = _format(output_format)
    try:
        code = parse_sex(sex)
    except ValueProblem as exc:
        raise BinhdangError.of("policies.bad_sex", value=sex) from exc
    birth = parse_birth(born)
    answer = output.RetirementAnswer(birth, rule(code, birth), early_retirement(code, birth),
                                     late_retirement(code, birth))  # fmt: skip
    if fmt == "json":
        _json(output.retirement_data(answer))
    else:
        out.print(output.retirement_text(answer, born, language))


@app.command()
def retirements(
    unit: Annotated[str, typer.Option("--unit", help="Mã đơn vị / unit code")],
    start: Annotated[str, typer.Option("--from", help="Từ ngày / from (dd/mm/yyyy)")],
    end: Annotated[str, typer.Option("--to", help="Đến ngày / to (dd/mm/yyyy)")],
    early: Annotated[bool, typer.Option("--early", help="Cả người có thể nghỉ hưu ở tuổi thấp hơn (theo tuổi) / also who may retire early (by age)")] = False,
    output_format: FormatOption = "table",
    db: DbOption = settings.DATABASE_URL.default,
    lang: LangOption = "vi",
) -> None:  # fmt: skip
    """Cán bộ đến tuổi nghỉ hưu trong một khoảng thời gian / Who reaches retirement age.

    Staff of the unit and its affiliated units on the start date, by sex and post level, and
    the managers retiring in the next 1, 3 and 5 years. With --early, also who may retire
    early in the period by age (Decree 135/2020 Art. 5, Appendix II).

    Example: binhdang retirements --unit BHXH_QT --from 01/01/2023 --to 31/12/2023 --early
    """
    from binhdang import formatting
    from binhdang.policies import output
    from binhdang.policies.service import retirements as run
    from binhdang.store import database

    language = parse_lang(lang)
    fmt = _format(output_format)
    first = parse_date_option(start, "--from")
    last = parse_date_option(end, "--to")
    if first > last:
        raise BinhdangError.of("policies.bad_period", start=formatting.short_date(first),
                               end=formatting.short_date(last))  # fmt: skip
    engine = database.open_current(db)
    with engine.connect() as connection:
        report = run(connection, unit, first, last, early=early)
    if fmt == "json":
        _json(output.retirements_data(report, language))
    else:
        out.print(output.retirements_table(report, language))


@import_app.command("maternity")
def import_maternity(
    file: Annotated[Path, typer.Argument(help="CSV/XLSX, một dòng một kỳ nghỉ / one row per leave")],
    skip_invalid: Annotated[bool, typer.Option("--skip-invalid", help="Nhập dòng hợp lệ, ghi dòng lỗi ra tệp / import valid rows, write rejected rows")] = False,
    sheet: SheetOption = None,
    db: DbOption = settings.DATABASE_URL.default,
    lang: LangOption = "vi",
) -> None:  # fmt: skip
    """Nhập danh sách nghỉ thai sản / Import maternity leave records.

    Example: binhdang import maternity thai_san.xlsx
    """
    from binhdang.policies.records import import_maternity as run
    from binhdang.store import database

    language = parse_lang(lang)
    engine = database.open_current(db)
    with writing(engine, language) as connection:
        outcome = run(connection, file, sheet=sheet, skip_invalid=skip_invalid, lang=language)
    print_import_outcome(outcome, language)


@maternity_app.command("list")
def maternity_list(
    unit: Annotated[str, typer.Option("--unit", help="Mã đơn vị / unit code")],
    as_of: Annotated[str, typer.Option("--as-of", help="Ngày / date")],
    days: Annotated[int, typer.Option("--days", help="Kết thúc trong N ngày tới / ending within N days")] = 30,
    output_format: FormatOption = "table",
    db: DbOption = settings.DATABASE_URL.default,
    lang: LangOption = "vi",
) -> None:  # fmt: skip
    """Đang nghỉ, sắp hết hạn nghỉ, đang nuôi con dưới 12 tháng / On leave, ending, protected.

    Example: binhdang maternity list --unit BHXH_QT --as-of 01/10/2022 --days 30
    """
    from binhdang.policies import output
    from binhdang.policies.service import maternity_report
    from binhdang.store import database

    language = parse_lang(lang)
    fmt = _format(output_format)
    if days < 0:
        raise BinhdangError.of("policies.bad_number", value=days, option="--days", low=0)
    effective = parse_date_option(as_of, "--as-of")
    engine = database.open_current(db)
    with engine.connect() as connection:
        report = maternity_report(connection, unit, effective, days)
    if fmt == "json":
        _json(output.maternity_data(report))
    else:
        out.print(output.maternity_table(report, language))


def _optional_date(value: str | None, option: str) -> Any:
    return parse_date_option(value, option) if value else None


@maternity_app.command("add")
def maternity_add(
    staff: Annotated[str, typer.Option("--staff", help="Mã cán bộ / staff code")],
    order: Annotated[int, typer.Option("--order", help="Con thứ / birth order (1, 2, …)")],
    start: Annotated[str, typer.Option("--start", help="Ngày bắt đầu nghỉ / first day")],
    end: Annotated[str | None, typer.Option("--end", help="Ngày cuối / last day (mặc định: theo chế độ / default: the entitlement)")] = None,
    expected: Annotated[str | None, typer.Option("--expected", help="Ngày dự sinh / expected birth")] = None,
    born: Annotated[str | None, typer.Option("--born", help="Ngày sinh con / actual birth")] = None,
    babies: Annotated[int, typer.Option("--babies", help="Số con trong lần sinh / babies")] = 1,
    note: Annotated[str | None, typer.Option("--note", help="Ghi chú / note")] = None,
    db: DbOption = settings.DATABASE_URL.default,
    lang: LangOption = "vi",
) -> None:  # fmt: skip
    """Ghi một kỳ nghỉ thai sản / Record a maternity leave.

    Example: binhdang maternity add --staff CB0001 --order 2 --expected 20/07/2026 --start 06/07/2026
    """
    from binhdang import formatting
    from binhdang.policies.maternity import entitlement
    from binhdang.policies.records import LeaveInput, add_leave
    from binhdang.store import database

    language = parse_lang(lang)
    _count(order, "--order")
    _count(babies, "--babies")
    item = LeaveInput(staff, order, parse_date_option(start, "--start"),
                      _optional_date(expected, "--expected"), _optional_date(born, "--born"),
                      babies, _optional_date(end, "--end"), note)  # fmt: skip
    engine = database.open_current(db)
    with writing(engine, language) as connection:
        new_id, stored, warnings = add_leave(connection, item)
    _warn(warnings, language)
    assert stored.leave_end is not None
    birth = stored.actual_birth or stored.expected_birth
    rule = entitlement(birth, stored.birth_order, stored.babies) if birth else None
    out.print(text("policies.leave_added", language, id=new_id, staff_code=stored.staff_code,
                   start=formatting.short_date(stored.leave_start),
                   end=formatting.short_date(stored.leave_end),
                   months=rule.months if rule else "—", source=rule.source if rule else "—"))  # fmt: skip


@maternity_app.command("edit")
def maternity_edit(
    leave_id: Annotated[int, id_argument(help="Số kỳ nghỉ / leave number")],
    order: Annotated[int | None, typer.Option("--order", help="Con thứ / birth order")] = None,
    start: Annotated[str | None, typer.Option("--start", help="Ngày bắt đầu nghỉ / first day")] = None,
    end: Annotated[str | None, typer.Option("--end", help="Ngày cuối / last day")] = None,
    expected: Annotated[str | None, typer.Option("--expected", help="Ngày dự sinh / expected birth")] = None,
    born: Annotated[str | None, typer.Option("--born", help="Ngày sinh con / actual birth")] = None,
    babies: Annotated[int | None, typer.Option("--babies", help="Số con / babies")] = None,
    note: Annotated[str | None, typer.Option("--note", help="Ghi chú / note")] = None,
    db: DbOption = settings.DATABASE_URL.default,
    lang: LangOption = "vi",
) -> None:  # fmt: skip
    """Sửa một kỳ nghỉ thai sản / Change a maternity leave.

    Example: binhdang maternity edit 3 --born 18/07/2026
    """
    from binhdang import formatting
    from binhdang.policies.records import edit_leave
    from binhdang.store import database

    language = parse_lang(lang)
    _count(order, "--order")
    _count(babies, "--babies")
    changes: dict[str, Any] = {}
    for key, value in (("birth_order", order), ("babies", babies), ("note", note)):
        if value is not None:
            changes[key] = value
    for key, value, option in (("leave_start", start, "--start"), ("leave_end", end, "--end"),
                               ("expected_birth", expected, "--expected"),
                               ("actual_birth", born, "--born")):  # fmt: skip
        if value is not None:
            changes[key] = parse_date_option(value, option)
    if not changes:
        raise BinhdangError.of("policies.nothing_to_change")
    engine = database.open_current(db)
    with writing(engine, language) as connection:
        stored, warnings = edit_leave(connection, leave_id, changes)
    _warn(warnings, language)
    assert stored.leave_end is not None
    out.print(text("policies.leave_edited", language, id=leave_id,
                   start=formatting.short_date(stored.leave_start),
                   end=formatting.short_date(stored.leave_end)))  # fmt: skip


@maternity_app.command("delete")
def maternity_delete(
    leave_id: Annotated[int, id_argument(help="Số kỳ nghỉ / leave number")],
    db: DbOption = settings.DATABASE_URL.default,
    lang: LangOption = "vi",
) -> None:
    """Xóa một kỳ nghỉ thai sản / Delete a maternity leave.

    Example: binhdang maternity delete 3
    """
    from binhdang.policies.records import delete_leave
    from binhdang.store import database

    language = parse_lang(lang)
    engine = database.open_current(db)
    with writing(engine, language) as connection:
        delete_leave(connection, leave_id)
    out.print(text("policies.leave_deleted", language, id=leave_id))


@maternity_app.command("entitlement")
def maternity_entitlement(
    born: Annotated[str, typer.Option("--born", help="Ngày sinh (hoặc dự sinh) / birth date")],
    order: Annotated[int, typer.Option("--order", help="Con thứ / birth order")],
    babies: Annotated[int, typer.Option("--babies", help="Số con / babies")] = 1,
    lang: LangOption = "vi",
) -> None:
    """Số tháng nghỉ thai sản theo luật có hiệu lực vào ngày sinh / Months of leave by the law.

    Example: binhdang maternity entitlement --born 01/07/2026 --order 2
    """
    from binhdang import formatting
    from binhdang.policies.maternity import entitlement

    language = parse_lang(lang)
    _count(order, "--order")
    _count(babies, "--babies")
    day = parse_date_option(born, "--born")
    rule = entitlement(day, order, babies)
    if rule is None:
        raise BinhdangError.of("policies.no_entitlement", born=formatting.short_date(day))
    out.print(text("policies.entitlement_result", language, born=formatting.short_date(day),
                   order=order, babies=babies, months=rule.months,
                   before=rule.max_months_before_birth, source=rule.source))  # fmt: skip


@maternity_app.command("paternity")
def maternity_paternity(
    born: Annotated[str, typer.Option("--born", help="Ngày vợ sinh con / birth date")],
    babies: Annotated[int, typer.Option("--babies", help="Số con / babies")] = 1,
    surgery: Annotated[bool, typer.Option("--surgery", help="Sinh phẫu thuật / birth by surgery")] = False,
    premature: Annotated[bool, typer.Option("--premature", help="Con sinh dưới 32 tuần / born before 32 weeks")] = False,
    order: Annotated[int, typer.Option("--order", help="Con thứ / birth order")] = 1,
    lang: LangOption = "vi",
) -> None:  # fmt: skip
    """Số ngày nghỉ của lao động nam khi vợ sinh con / Paternity leave by the law.

    Example: binhdang maternity paternity --born 01/07/2026 --order 2
    """
    from binhdang import formatting
    from binhdang.policies.maternity import paternity_leave

    language = parse_lang(lang)
    _count(order, "--order")
    _count(babies, "--babies")
    day = parse_date_option(born, "--born")
    rule = paternity_leave(day, babies=babies, surgery=surgery, premature=premature,
                           birth_order=order)  # fmt: skip
    if rule is None:
        raise BinhdangError.of("policies.no_entitlement", born=formatting.short_date(day))
    how = "".join(text(f"policies.paternity_{name}", language)
                  for name, given in (("surgery", surgery), ("premature", premature)) if given)  # fmt: skip
    out.print(text("policies.paternity_result", language, born=formatting.short_date(day),
                   order=order, babies=babies, how=how, days=rule.days, within=rule.within_days,
                   source=rule.source))  # fmt: skip


@app.command()
def targets(
    unit: Annotated[str, typer.Option("--unit", help="Mã đơn vị / unit code")],
    as_of: Annotated[str, typer.Option("--as-of", help="Ngày / date")],
    targets_file: Annotated[Path | None, typer.Option("--targets", help="Tệp TOML mục tiêu bổ sung / extra targets (TOML)")] = None,
    output_format: FormatOption = "table",
    db: DbOption = settings.DATABASE_URL.default,
    lang: LangOption = "vi",
) -> None:  # fmt: skip
    """Đánh giá các mục tiêu bình đẳng giới / Evaluate the gender-equality targets.

    One result per target for the unit: met / not met / not applicable, the gap, and a
    linear projection to the deadline from the same date in earlier years. A target applied
    unit by unit (the 30% rule) is not met when any unit under it falls short; they are
    listed by name.

    Example: binhdang targets --unit BHXH_QT --as-of 01/10/2022
    """
    from binhdang.policies import output
    from binhdang.policies.service import evaluate_targets
    from binhdang.policies.targets import load_targets
    from binhdang.store import database

    language = parse_lang(lang)
    fmt = _format(output_format)
    effective = parse_date_option(as_of, "--as-of")
    chosen = load_targets(targets_file)
    engine = database.open_current(db)
    with engine.connect() as connection:
        report = evaluate_targets(connection, unit, effective, chosen)
    if fmt == "json":
        _json(output.targets_data(report, language))
    else:
        out.print(output.targets_table(report, language))
    # What would fill a target without data: a hint for the user, never in the report.
    reasons = {e.reason.key for e in report.evaluations if e.reason is not None}
    for reason in sorted(reasons):
        hint = reason.replace(".no_data.", ".hint.").replace(".unavailable.", ".hint.")
        if hint != reason and hint in CATALOGUE:
            err.print(text(hint, language), highlight=False)


def _write_maternity_template(path: Path) -> object:
    from binhdang.policies.templates import write_maternity_template

    return write_maternity_template(path)


register_template("maternity", _write_maternity_template)
