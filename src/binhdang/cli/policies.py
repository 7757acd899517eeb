"""Policies commands: retirement, maternity leave and the national targets (issue 7).

``binhdang import maternity`` and ``binhdang template maternity`` are made from the record
kinds' registry (:mod:`binhdang.cli.committee`, :mod:`binhdang.policies.record_kinds`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from binhdang.cli.app import (
    Cli,
    app,
    cli_options,
    err,
    format_option,
    id_argument,
    labelled,
    out,
    parse_date_option,
)
from binhdang.cli.output import show
from binhdang.errors import BinhdangError
from binhdang.messages import CATALOGUE, Lang, Message, text

maternity_app = typer.Typer(help="Nghỉ thai sản / Maternity leave.", no_args_is_help=True)
app.add_typer(maternity_app, name="maternity")

FormatOption = format_option("table", "json")


def _count(value: int | None, option: str) -> None:
    if value is not None and value < 1:
        raise BinhdangError.of("policies.bad_number", value=value, option=option, low=1)


def _warn(messages: list[Message], lang: Lang) -> None:
    for message in messages:
        err.print(labelled("warning.prefix", "yellow", message.render(lang), lang))


@app.command()
@cli_options(database=False)
def retirement(
    cli: Cli,
    sex: Annotated[str, typer.Option("--sex", help="nu | nam")],
    born: Annotated[str, typer.Option("--born", help="dd/mm/yyyy, mm/yyyy hoặc/or yyyy")],
    output_format: FormatOption = "table",
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

    language = cli.lang
    try:
        code = parse_sex(sex)
    except ValueProblem as exc:
        raise BinhdangError.of("policies.bad_sex", value=sex) from exc
    birth = parse_birth(born)
    answer = output.RetirementAnswer(
        birth, rule(code, birth), early_retirement(code, birth), late_retirement(code, birth)
    )
    show(
        output_format,
        language,
        data=lambda: output.retirement_data(answer),
        table=lambda: output.retirement_text(answer, born, language),
    )


@app.command()
@cli_options()
def retirements(
    cli: Cli,
    unit: Annotated[str, typer.Option("--unit", help="Mã đơn vị / unit code")],
    start: Annotated[str, typer.Option("--from", help="Từ ngày / from (dd/mm/yyyy)")],
    end: Annotated[str, typer.Option("--to", help="Đến ngày / to (dd/mm/yyyy)")],
    early: Annotated[
        bool,
        typer.Option(
            "--early",
            help="Cả người có thể nghỉ hưu ở tuổi thấp hơn (theo tuổi) / also who may retire early (by age)",
        ),
    ] = False,
    output_format: FormatOption = "table",
) -> None:
    """Cán bộ đến tuổi nghỉ hưu trong một khoảng thời gian / Who reaches retirement age.

    Staff of the unit and its affiliated units on the start date, by sex and post level, and
    the managers retiring in the next 1, 3 and 5 years. With --early, also who may retire
    early in the period by age (Decree 135/2020 Art. 5, Appendix II).

    Example: binhdang retirements --unit BHXH_QT --from 01/01/2023 --to 31/12/2023 --early
    """
    from binhdang import formatting
    from binhdang.policies import output
    from binhdang.policies.service import retirements as run

    language = cli.lang
    first = parse_date_option(start, "--from")
    last = parse_date_option(end, "--to")
    if first > last:
        raise BinhdangError.of(
            "policies.bad_period",
            start=formatting.short_date(first),
            end=formatting.short_date(last),
        )
    with cli.engine.connect() as connection:
        report = run(connection, unit, first, last, early=early)
    show(
        output_format,
        language,
        data=lambda: output.retirements_data(report, language),
        blocks=lambda: output.retirements_blocks(report, language),
    )


@maternity_app.command("list")
@cli_options()
def maternity_list(
    cli: Cli,
    unit: Annotated[str, typer.Option("--unit", help="Mã đơn vị / unit code")],
    as_of: Annotated[str, typer.Option("--as-of", help="Ngày / date")],
    days: Annotated[
        int, typer.Option("--days", help="Kết thúc trong N ngày tới / ending within N days")
    ] = 30,
    output_format: FormatOption = "table",
) -> None:
    """Đang nghỉ, sắp hết hạn nghỉ, đang nuôi con dưới 12 tháng / On leave, ending, protected.

    Example: binhdang maternity list --unit BHXH_QT --as-of 01/10/2022 --days 30
    """
    from binhdang.policies import output
    from binhdang.policies.service import maternity_report

    language = cli.lang
    if days < 0:
        raise BinhdangError.of("policies.bad_number", value=days, option="--days", low=0)
    effective = parse_date_option(as_of, "--as-of")
    with cli.engine.connect() as connection:
        report = maternity_report(connection, unit, effective, days)
    show(
        output_format,
        language,
        data=lambda: output.maternity_data(report),
        blocks=lambda: output.maternity_blocks(report, language),
    )


def _optional_date(value: str | None, option: str) -> Any:
    return parse_date_option(value, option) if value else None


@maternity_app.command("add")
@cli_options()
def maternity_add(
    cli: Cli,
    staff: Annotated[str, typer.Option("--staff", help="Mã cán bộ / staff code")],
    order: Annotated[int, typer.Option("--order", help="Con thứ / birth order (1, 2, …)")],
    start: Annotated[str, typer.Option("--start", help="Ngày bắt đầu nghỉ / first day")],
    end: Annotated[
        str | None,
        typer.Option(
            "--end", help="Ngày cuối / last day (mặc định: theo chế độ / default: the entitlement)"
        ),
    ] = None,
    expected: Annotated[
        str | None, typer.Option("--expected", help="Ngày dự sinh / expected birth")
    ] = None,
    born: Annotated[str | None, typer.Option("--born", help="Ngày sinh con / actual birth")] = None,
    babies: Annotated[int, typer.Option("--babies", help="Số con trong lần sinh / babies")] = 1,
    note: Annotated[str | None, typer.Option("--note", help="Ghi chú / note")] = None,
) -> None:
    """Ghi một kỳ nghỉ thai sản / Record a maternity leave.

    Example: binhdang maternity add --staff CB0001 --order 2 --expected 20/07/2026 --start 06/07/2026
    """
    from binhdang import formatting
    from binhdang.policies.maternity import entitlement
    from binhdang.policies.records import LeaveInput, add_leave

    language = cli.lang
    _count(order, "--order")
    _count(babies, "--babies")
    item = LeaveInput(
        staff,
        order,
        parse_date_option(start, "--start"),
        _optional_date(expected, "--expected"),
        _optional_date(born, "--born"),
        babies,
        _optional_date(end, "--end"),
        note,
    )
    with cli.writing() as connection:
        new_id, stored, warnings = add_leave(connection, item)
    _warn(warnings, language)
    assert stored.leave_end is not None
    birth = stored.actual_birth or stored.expected_birth
    rule = entitlement(birth, stored.birth_order, stored.babies) if birth else None
    out.print(
        text(
            "policies.leave_added",
            language,
            id=new_id,
            staff_code=stored.staff_code,
            start=formatting.short_date(stored.leave_start),
            end=formatting.short_date(stored.leave_end),
            months=rule.months if rule else "—",
            source=rule.source if rule else "—",
        )
    )


@maternity_app.command("edit")
@cli_options()
def maternity_edit(
    cli: Cli,
    leave_id: Annotated[int, id_argument(help="Số kỳ nghỉ / leave number")],
    order: Annotated[int | None, typer.Option("--order", help="Con thứ / birth order")] = None,
    start: Annotated[
        str | None, typer.Option("--start", help="Ngày bắt đầu nghỉ / first day")
    ] = None,
    end: Annotated[str | None, typer.Option("--end", help="Ngày cuối / last day")] = None,
    expected: Annotated[
        str | None, typer.Option("--expected", help="Ngày dự sinh / expected birth")
    ] = None,
    born: Annotated[str | None, typer.Option("--born", help="Ngày sinh con / actual birth")] = None,
    babies: Annotated[int | None, typer.Option("--babies", help="Số con / babies")] = None,
    note: Annotated[str | None, typer.Option("--note", help="Ghi chú / note")] = None,
) -> None:
    """Sửa một kỳ nghỉ thai sản / Change a maternity leave.

    Example: binhdang maternity edit 3 --born 18/07/2026
    """
    from binhdang import formatting
    from binhdang.policies.records import edit_leave

    language = cli.lang
    _count(order, "--order")
    _count(babies, "--babies")
    changes: dict[str, Any] = {}
    for key, value in (("birth_order", order), ("babies", babies), ("note", note)):
        if value is not None:
            changes[key] = value
    for key, value, option in (
        ("leave_start", start, "--start"),
        ("leave_end", end, "--end"),
        ("expected_birth", expected, "--expected"),
        ("actual_birth", born, "--born"),
    ):
        if value is not None:
            changes[key] = parse_date_option(value, option)
    if not changes:
        raise BinhdangError.of("policies.nothing_to_change")
    with cli.writing() as connection:
        stored, warnings = edit_leave(connection, leave_id, changes)
    _warn(warnings, language)
    assert stored.leave_end is not None
    out.print(
        text(
            "policies.leave_edited",
            language,
            id=leave_id,
            start=formatting.short_date(stored.leave_start),
            end=formatting.short_date(stored.leave_end),
        )
    )


@maternity_app.command("delete")
@cli_options()
def maternity_delete(
    cli: Cli,
    leave_id: Annotated[int, id_argument(help="Số kỳ nghỉ / leave number")],
) -> None:
    """Xóa một kỳ nghỉ thai sản / Delete a maternity leave.

    Example: binhdang maternity delete 3
    """
    from binhdang.policies.records import delete_leave

    language = cli.lang
    with cli.writing() as connection:
        delete_leave(connection, leave_id)
    out.print(text("policies.leave_deleted", language, id=leave_id))


@maternity_app.command("entitlement")
@cli_options(database=False)
def maternity_entitlement(
    cli: Cli,
    born: Annotated[str, typer.Option("--born", help="Ngày sinh (hoặc dự sinh) / birth date")],
    order: Annotated[int, typer.Option("--order", help="Con thứ / birth order")],
    babies: Annotated[int, typer.Option("--babies", help="Số con / babies")] = 1,
) -> None:
    """Số tháng nghỉ thai sản theo luật có hiệu lực vào ngày sinh / Months of leave by the law.

    Example: binhdang maternity entitlement --born 01/07/2026 --order 2
    """
    from binhdang import formatting
    from binhdang.policies.maternity import entitlement

    language = cli.lang
    _count(order, "--order")
    _count(babies, "--babies")
    day = parse_date_option(born, "--born")
    rule = entitlement(day, order, babies)
    if rule is None:
        raise BinhdangError.of("policies.no_entitlement", born=formatting.short_date(day))
    out.print(
        text(
            "policies.entitlement_result",
            language,
            born=formatting.short_date(day),
            order=order,
            babies=babies,
            months=rule.months,
            before=rule.max_months_before_birth,
            source=rule.source,
        )
    )


@maternity_app.command("paternity")
@cli_options(database=False)
def maternity_paternity(
    cli: Cli,
    born: Annotated[str, typer.Option("--born", help="Ngày vợ sinh con / birth date")],
    babies: Annotated[int, typer.Option("--babies", help="Số con / babies")] = 1,
    surgery: Annotated[
        bool, typer.Option("--surgery", help="Sinh phẫu thuật / birth by surgery")
    ] = False,
    premature: Annotated[
        bool, typer.Option("--premature", help="Con sinh dưới 32 tuần / born before 32 weeks")
    ] = False,
    order: Annotated[int, typer.Option("--order", help="Con thứ / birth order")] = 1,
) -> None:
    """Số ngày nghỉ của lao động nam khi vợ sinh con / Paternity leave by the law.

    Example: binhdang maternity paternity --born 01/07/2026 --order 2
    """
    from binhdang import formatting
    from binhdang.policies.maternity import paternity_leave

    language = cli.lang
    _count(order, "--order")
    _count(babies, "--babies")
    day = parse_date_option(born, "--born")
    rule = paternity_leave(
        day, babies=babies, surgery=surgery, premature=premature, birth_order=order
    )
    if rule is None:
        raise BinhdangError.of("policies.no_entitlement", born=formatting.short_date(day))
    how = "".join(
        text(f"policies.paternity_{name}", language)
        for name, given in (("surgery", surgery), ("premature", premature))
        if given
    )
    out.print(
        text(
            "policies.paternity_result",
            language,
            born=formatting.short_date(day),
            order=order,
            babies=babies,
            how=how,
            days=rule.days,
            within=rule.within_days,
            source=rule.source,
        )
    )


@app.command()
@cli_options()
def targets(
    cli: Cli,
    unit: Annotated[str, typer.Option("--unit", help="Mã đơn vị / unit code")],
    as_of: Annotated[str, typer.Option("--as-of", help="Ngày / date")],
    targets_file: Annotated[
        Path | None,
        typer.Option("--targets", help="Tệp TOML mục tiêu bổ sung / extra targets (TOML)"),
    ] = None,
    output_format: FormatOption = "table",
) -> None:
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

    language = cli.lang
    effective = parse_date_option(as_of, "--as-of")
    chosen = load_targets(targets_file)
    with cli.engine.connect() as connection:
        report = evaluate_targets(connection, unit, effective, chosen)
    show(
        output_format,
        language,
        data=lambda: output.targets_data(report, language),
        blocks=lambda: output.targets_blocks(report, language),
    )
    # What would fill a target without data: a hint for the user, never in the report.
    reasons = {e.reason.key for e in report.evaluations if e.reason is not None}
    for reason in sorted(reasons):
        hint = reason.replace(".no_data.", ".hint.").replace(".unavailable.", ".hint.")
        if hint != reason and hint in CATALOGUE:
            err.print(text(hint, language), highlight=False)
