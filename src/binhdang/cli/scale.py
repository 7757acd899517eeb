"""National-scale commands: ``binhdang generate`` (synthetic national dataset) and
``binhdang trend`` (an indicator over the years, in one sweep)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

import binhdang.scale.messages  # noqa: F401  (registers the area's messages)
from binhdang import formatting, settings
from binhdang.cli.app import DbOption, LangOption, app, err, out, parse_date_option, parse_lang
from binhdang.messages import text
from binhdang.store import database


@app.command()
def generate(
    persons: Annotated[int, typer.Option("--persons", help="Số người / persons")] = 50_000,
    units: Annotated[int, typer.Option("--units", help="Số đơn vị / units")] = 500,
    years: Annotated[int, typer.Option("--years", help="Số năm lịch sử / years of history")] = 5,
    seed: Annotated[int, typer.Option("--seed", help="Hạt giống ngẫu nhiên / random seed")] = 1,
    end: Annotated[str, typer.Option("--end", help="Ngày cuối kỳ / last day")] = "31/12/2025",
    db: DbOption = settings.DATABASE_URL.default,
    lang: LangOption = "vi",
) -> None:
    """Sinh bộ dữ liệu tổng hợp toàn quốc / Generate the synthetic national dataset.

    Deterministic (the same options give the same data), into an empty database.

    Example: binhdang generate --persons 2500000 --units 12000 --years 10 --seed 1 --db national.db
    """
    from binhdang.scale.service import generate as run
    from binhdang.scale.shape import Shape

    language = parse_lang(lang)
    shape = Shape(persons, units, years, seed, parse_date_option(end, "--end"))
    shape.check()
    engine = database.create(db)
    database.upgrade(engine)
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), console=err, transient=True)  # fmt: skip
    tasks: dict[str, int] = {}

    def report(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = progress.add_task(text(stage, language), total=total)
        progress.update(tasks[stage], completed=done, total=total)

    with progress:
        result = run(engine, shape, report)
    engine.dispose()
    out.print(text("scale.generated", language, units=formatting.number(result.units, language),
                   persons=formatting.number(result.persons, language),
                   employment=formatting.number(result.employment, language),
                   positions=formatting.number(result.positions, language),
                   start=formatting.short_date(shape.start), end=formatting.short_date(shape.end),
                   db=database.display_url(str(engine.url)),
                   seconds=formatting.number(round(result.seconds), language)))  # fmt: skip
