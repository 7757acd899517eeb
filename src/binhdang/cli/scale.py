"""National-scale commands: ``binhdang generate`` (synthetic national dataset) and
``binhdang trend`` (an indicator over the years, in one sweep)."""

from __future__ import annotations

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
    from rich.table import Table

    from binhdang.indicators.results import IndicatorSet

FormatOption = format_option("table", "json")


@app.command()
@cli_options()
def generate(
    cli: Cli,
    persons: Annotated[int, typer.Option("--persons", help="Số người / persons")] = 50_000,
    units: Annotated[int, typer.Option("--units", help="Số đơn vị / units")] = 500,
    years: Annotated[int, typer.Option("--years", help="Số năm lịch sử / years of history")] = 5,
    seed: Annotated[int, typer.Option("--seed", help="Hạt giống ngẫu nhiên / random seed")] = 1,
    end: Annotated[str, typer.Option("--end", help="Ngày cuối kỳ / last day")] = "31/12/2025",
    pay: Annotated[
        bool,
        typer.Option(
            "--pay",
            help="Cả ngạch, bậc, hệ số lương và nâng lương (nhiều dòng công tác hơn khoảng 3 lần) / grades, steps, coefficients and raises too (about 3× the employment rows)",
        ),
    ] = False,
) -> None:
    """Sinh bộ dữ liệu tổng hợp toàn quốc / Generate the synthetic national dataset.

    Deterministic (the same options give the same data), into an empty database. --pay draws
    grades, steps, salary coefficients, early raises and promotions too (the pay indicators).

    Example: binhdang generate --persons 2500000 --units 12000 --years 10 --seed 1 --db national.db
    """
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskID,
        TextColumn,
        TimeElapsedColumn,
    )

    from binhdang import formatting
    from binhdang.scale.service import generate as run
    from binhdang.scale.shape import Shape
    from binhdang.store import database

    language = cli.lang
    shape = Shape(persons, units, years, seed, parse_date_option(end, "--end"), pay=pay)
    shape.check()
    engine = database.create(cli.db)
    database.upgrade(engine)
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )
    tasks: dict[str, TaskID] = {}

    def report(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = progress.add_task(text(stage, language), total=total)
        progress.update(tasks[stage], completed=done, total=total)

    with progress:
        result = run(engine, shape, report)
    engine.dispose()
    out.print(
        text(
            "scale.generated",
            language,
            units=formatting.number(result.units, language),
            persons=formatting.number(result.persons, language),
            employment=formatting.number(result.employment, language),
            positions=formatting.number(result.positions, language),
            **{kind: formatting.number(rows, language) for kind, rows in result.committee.items()},
            start=formatting.short_date(shape.start),
            end=formatting.short_date(shape.end),
            db=database.display_url(str(engine.url)),
            seconds=formatting.number(round(result.seconds), language),
        )
    )


@app.command()
@cli_options()
def trend(
    cli: Cli,
    unit: Annotated[str, typer.Option("--unit", help="Mã đơn vị / unit code")],
    last: Annotated[str, typer.Option("--last", help="Cuối kỳ cuối / last period end")],
    periods: Annotated[int, typer.Option("--periods", min=1, max=600, help="Số kỳ / periods")] = 10,
    every: Annotated[str, typer.Option("--every", help="year | month")] = "year",
    indicator: Annotated[
        str | None, typer.Option("--indicator", help="Mã chỉ tiêu / indicator code (default: all)")
    ] = None,
    output_format: FormatOption = "table",
    no_subtree: Annotated[
        bool, typer.Option("--no-subtree", help="Chỉ riêng đơn vị / the unit alone")
    ] = False,
) -> None:
    """Xu hướng chỉ tiêu qua các năm/tháng / An indicator's trend over years or months.

    Một lượt quét cho mọi kỳ / one sweep for every period.

    Example: binhdang trend --unit VN --last 31/12/2025 --periods 10 --every year --indicator women_share_managers
    """
    from binhdang.indicators.catalogue import BY_CODE, CATALOGUE
    from binhdang.indicators.output import trend_data
    from binhdang.indicators.trend import period_ends
    from binhdang.indicators.trend import trend as run

    language = cli.lang
    if every not in ("year", "month"):
        raise BinhdangError.of("scale.trend.bad_every")
    if indicator is not None and indicator not in BY_CODE:
        raise BinhdangError.of(
            "scale.trend.bad_indicator", code=indicator, choices=", ".join(BY_CODE)
        )
    ends = period_ends(parse_date_option(last, "--last"), periods, every)  # type: ignore[arg-type]
    with cli.engine.connect() as connection:
        sets = run(connection, unit, ends, subtree=not no_subtree)
    codes = [indicator] if indicator else [definition.code for definition in CATALOGUE]
    show(
        output_format,
        language,
        data=lambda: trend_data(sets, codes),
        table=lambda: _trend_table(sets, codes, unit, indicator, language),
    )


def _trend_table(
    sets: list[IndicatorSet], codes: list[str], unit: str, indicator: str | None, language: Lang
) -> Table:
    """``binhdang trend`` in a terminal: a row per date, "share (women/all)" per indicator."""
    from rich.table import Table

    from binhdang import formatting
    from binhdang.indicators.catalogue import BY_CODE
    from binhdang.indicators.output import display

    table = Table(
        title=text(
            "scale.trend.header",
            language,
            unit=unit,
            count=len(sets),
            indicator=BY_CODE[codes[0]].name(language)
            if indicator
            else text("scale.trend.all", language),
        )
    )
    table.add_column(text("scale.trend.as_of", language), no_wrap=True, min_width=10)
    for code in codes:
        table.add_column(BY_CODE[code].name(language), justify="right")
    for result in sets:
        cells = []
        for code in codes:
            ratio = result.get(code).ratio
            numerator = (
                ""
                if result.get(code).suppressed  # withheld with the figure
                else formatting.number(ratio.numerator, language)
            )
            cells.append(
                f"{display(result.get(code), language)} "
                f"({numerator}/{formatting.number(ratio.denominator, language)})"
            )
        table.add_row(formatting.short_date(result.as_of, language), *cells)
    return table
