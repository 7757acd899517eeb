"""``binhdang demo``: build the synthetic office through the real import path and show it."""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Sequence
from pathlib import Path

from openpyxl import Workbook
from rich.console import Console
from sqlalchemy import Engine

from binhdang import exports, formatting
from binhdang.demo import scenario
from binhdang.errors import BinhdangError
from binhdang.indicators import output
from binhdang.indicators.service import indicators_for
from binhdang.ingest.service import import_staff, import_units
from binhdang.messages import Lang, text
from binhdang.reports.content import Block, Column, ReportTable
from binhdang.reports.indicator_blocks import indicator_blocks
from binhdang.store import database
from binhdang.store.writes import write_transaction
from binhdang.units.merge import merge_units

DEMO_DB = "binhdang-demo.db"


def write_lists(folder: Path) -> dict[str, Path]:
    """Write the demo's unit and staff lists as users would receive them (CSV and XLSX)."""
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, Path] = {}
    header = ["Mã đơn vị", "Tên đơn vị", "Mã đơn vị cấp trên", "Loại đơn vị"]
    for key, renamed in (("units_2019", False), ("units_2020", True)):
        path = folder / f"{key}.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = exports.csv_writer(handle)
            writer.writerow(header)
            writer.writerows(scenario.unit_rows(renamed))
        files[key] = path
    for year, roster in scenario.yearly_rosters().items():
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "Danh sách"
        exports.append(sheet, [f"DANH SÁCH CÔNG CHỨC, VIÊN CHỨC, LAO ĐỘNG ĐẾN NGÀY 01/10/{year}"])
        exports.append(sheet, [])
        exports.append(sheet, scenario.STAFF_HEADER)
        for row in scenario.staff_rows(roster, scenario.LIST_DATES[year]):
            exports.append(sheet, row)
        path = folder / f"staff_{year}.xlsx"
        workbook.save(path)
        files[f"staff_{year}"] = path
    return files


def write_maternity_list(folder: Path, rng: random.Random) -> Path:
    """The maternity leaves of 2022 (the kind's ``demo`` in the kinds' registry): women of the
    2022 list, no random draw."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Thai sản"
    exports.append(sheet, scenario.maternity_header())
    for row in scenario.maternity_rows(scenario.yearly_rosters()[2022]):
        exports.append(sheet, row)
    path = folder / "maternity_2022.xlsx"
    workbook.save(path)
    return path


def import_record_lists(engine: Engine, folder: Path) -> dict[str, Path]:
    """Every record kind's demo list (the kinds' registry: maternity leave, the committee's
    lists), written into ``folder`` and imported one by one, as a user imports them, each
    kind after the kinds its records name; a kind without a demo list is left out."""
    from binhdang.committee import registry
    from binhdang.committee.records import import_records
    from binhdang.demo.committee import SEED

    rng = random.Random(SEED)  # one stream for the lists, drawn in the import order
    files: dict[str, Path] = {}
    for entry in registry.import_order(registry.entries()):
        if not entry.demo:
            continue
        files[entry.name] = registry.function(entry.demo)(folder, rng)
        with write_transaction(engine) as connection:
            import_records(connection, entry.kind(), files[entry.name])
    return files


def build(url: str, folder: Path) -> None:
    """Create the demo database at ``url`` from the lists written into ``folder``."""
    files = write_lists(folder)
    engine = database.create(url)
    database.upgrade(engine)
    # One write transaction per list, as a user imports them one by one.
    with write_transaction(engine) as connection:
        import_units(connection, files["units_2019"])
    with write_transaction(engine) as connection:
        import_staff(connection, files["staff_2019"], scenario.LIST_DATES[2019], close_missing=True)
    with write_transaction(engine) as connection:
        import_units(connection, files["units_2020"], scenario.RENAME_DATE, close_missing=True)
    with write_transaction(engine) as connection:
        import_staff(connection, files["staff_2020"], scenario.LIST_DATES[2020], close_missing=True)
    with write_transaction(engine) as connection:
        merge_units(
            connection, [scenario.MERGED_UNIT], scenario.RECEIVING_UNIT, scenario.MERGE_DATE
        )
    for year in (2021, 2022):
        with write_transaction(engine) as connection:
            import_staff(
                connection, files[f"staff_{year}"], scenario.LIST_DATES[year], close_missing=True
            )
    import_record_lists(engine, folder)  # maternity leave, the committee's 2022 lists
    _save_directions(engine, folder / "texts")
    engine.dispose()


def _save_directions(engine: Engine, folder: Path) -> None:
    """The office's own words for next year's directions, as a user saves them with
    ``binhdang report text set phuong-huong FILE``: the director's plans in the seed news
    report (demo/directions_2023.md). The other texts are left unwritten, as most offices
    leave them until the report is due; the assessment is drafted from the data."""
    from binhdang.reports.texts.parsing import read_text_file
    from binhdang.reports.texts.service import save_text

    folder.mkdir(parents=True, exist_ok=True)
    file = folder / "phuong-huong-2022.md"
    file.write_bytes((Path(__file__).parent / "directions_2023.md").read_bytes())
    with write_transaction(engine) as connection:
        save_text(
            connection,
            unit_code=scenario.ROOT,
            year=2022,
            section="directions",
            body=read_text_file(file),
            saved_by="demo",
            now=scenario.TEXTS_SAVED_AT,
        )


def run_demo(
    out_dir: Path,
    lang: Lang,
    console: Console,
    show_blocks: Callable[[Sequence[Block]], None],
) -> None:
    """Build the demo into ``out_dir`` and tell what it did on ``console``; its figures are
    content blocks that ``show_blocks`` draws (the command line's renderer)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    db_path = out_dir / DEMO_DB
    if db_path.exists():
        db_path.unlink()  # the demo always starts from a fresh file of its own
    url = f"sqlite:///{db_path}"
    build(url, out_dir / "lists")
    console.print(text("demo.built", lang, db=db_path, dir=out_dir / "lists"))
    as_of = scenario.LIST_DATES[2022]
    engine = database.open_current(url)
    with engine.connect() as connection:
        result = indicators_for(connection, scenario.ROOT, as_of)
        trend = [
            (year, indicators_for(connection, scenario.ROOT, day))
            for year, day in scenario.LIST_DATES.items()
        ]
    engine.dispose()
    show_blocks((*indicator_blocks(result, lang), _trend_table(trend, lang)))
    try:
        (out_dir / "indicators.json").write_text(
            json.dumps(output.to_data(result, lang), ensure_ascii=False, indent=2) + "\n",
            encoding="utf-8",
        )
        (out_dir / "indicators.csv").write_text(output.to_csv(result, lang), encoding="utf-8")
    except OSError as exc:
        raise BinhdangError.of("file.write_failed", file=str(out_dir), reason=exc.strerror) from exc
    for name in ("indicators.json", "indicators.csv"):
        console.print(text("out.written", lang, file=out_dir / name))
    from binhdang.reports.demo import write_demo_reports

    write_demo_reports(url, out_dir, scenario.ROOT, as_of, lang, console)  # issue 3: reports
    console.print(text("demo.next", lang, url=url, unit=scenario.ROOT, as_of=as_of.isoformat()))


def _trend_table(trend: list, lang: Lang) -> ReportTable:
    codes = ("women_share_staff", "women_share_managers", "women_share_key_leaders")
    from binhdang.indicators.catalogue import BY_CODE

    rows = []
    for code in codes:
        cells = []
        for _, indicators in trend:
            ratio = indicators.get(code).ratio
            cells.append(
                f"{ratio.numerator}/{ratio.denominator} = {formatting.percent(ratio.percent, lang)}"
            )
        rows.append((BY_CODE[code].name(lang), *cells))
    return ReportTable(
        key="trend",
        caption="Xu hướng 2019–2022" if lang == "vi" else "Trend 2019–2022",
        columns=(
            Column(text("out.col_name", lang)),
            # the figures are written "126/235 = 53,6%": on the right, as shares are
            *(Column(formatting.short_date(point.as_of, lang), "percent") for _, point in trend),
        ),
        rows=tuple(rows),
    )
