"""Everything a command prints: the one output path of the command line.

A command computes a result with the library, then hands it here: :func:`show` writes it in
the format asked for (``table`` for the terminal, ``csv``, ``json``) to the terminal or to a
file, from the forms the command gives: its own renderables, or the report's content blocks
(:mod:`binhdang.reports.content`: the committee's indicators print the very tables of the
report). :func:`print_import_outcome` is the one summary of an import (warnings and rejected
rows on stderr, one line on stdout).

The consoles print user text as text: Rich markup is off (a cell holding ``[/red]`` raised an
error inside the error handler) and styles are given explicitly (:func:`labelled`,
``Text.assemble``). Like the rest of the command line, importing this module imports no
database, spreadsheet or report code (tests/test_cli_startup.py).
"""

from __future__ import annotations

import io
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import fields, is_dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from rich.console import Console
from rich.text import Text

from binhdang.messages import Lang, text

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table

    from binhdang.errors import Problem
    from binhdang.ingest.outcome import ImportOutcome
    from binhdang.reports.content import Block, ReportTable

WARNINGS_OF_A_KIND = 10
"""Warnings of one kind printed in full; past it they are counted (a province's list
dated after some people left warns once per person absent from it: hundreds of lines)."""

# emoji=False: what is printed is printed as it is (a unit named "Tổ :bus:" keeps its name),
# and Rich does not load its table of emoji names (~3 ms) for every line with a colon.
out = Console(highlight=False, soft_wrap=True, markup=False, emoji=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False, emoji=False)


def labelled(key: str, style: str, body: str, lang: Lang) -> Text:
    """``Lỗi: …`` / ``Cảnh báo: …``: the label in ``style``, the body as plain text."""
    return Text.assemble((f"{text(key, lang)}:", style), " ", body)


# --- results -------------------------------------------------------------------------------


def json_text(data: Any) -> str:
    """The JSON every command writes: UTF-8 as is (Vietnamese readable), indented, one final
    newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def show(
    fmt: str,
    lang: Lang,
    *,
    data: Callable[[], Any] | None = None,
    table: Callable[[], RenderableType] | None = None,
    csv: Callable[[], str] | None = None,
    blocks: Callable[[], Iterable[Block]] | None = None,
    out_file: Path | None = None,
) -> None:
    """Print a result in format ``fmt``, or write it to ``out_file`` and say so.

    The command gives each form it has as a function (only the one asked for is built):
    ``data`` the JSON-ready value, ``blocks`` the report's content blocks (a result's tables,
    drawn by :func:`block_table`, each paragraph printed where it stands), which also give the
    CSV (:func:`block_csv`) unless ``csv``, the CSV text, is given (a result's rows for
    spreadsheets: ``binhdang indicators --format csv``); ``table`` a text for the terminal
    (``binhdang retirement``'s sentences). The format was checked by the ``--format`` choice
    (:func:`binhdang.cli.app.format_option`), which offers only the forms the command has. A
    table is for the terminal: written to a file, a result is its JSON (as ``binhdang
    indicators --format table --out FILE`` always did).
    """
    if fmt == "table" and out_file is not None:
        fmt = "json"
    if blocks is not None and (fmt == "table" or (fmt == "csv" and csv is None)):
        assert out_file is None, "content blocks are printed, not written to a file"
        _print_blocks(blocks(), fmt, lang)
        return
    if fmt == "table":
        assert table is not None, "--format table offered without a table"
        out.print(table())
        return
    if fmt == "csv":
        assert csv is not None, "--format csv offered without a CSV form"
        rendered = csv()
    else:
        assert data is not None, "--format json offered without a JSON form"
        rendered = json_text(data())
    if out_file is None:
        sys.stdout.write(rendered)
        return
    out_file.write_text(rendered, encoding="utf-8")
    out.print(text("out.written", lang, file=out_file))


def jsonable(value: Any) -> Any:
    """Typed results as JSON: dates ISO, shares as numbers with their percentage."""
    from binhdang.indicators.results import Ratio

    if isinstance(value, Ratio):
        share = value.percent
        return {
            "numerator": value.numerator,
            "denominator": value.denominator,
            "percent": float(share) if share is not None else None,
        }
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if is_dataclass(value) and not isinstance(value, type):
        return {item.name: jsonable(getattr(value, item.name)) for item in fields(value)}
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


# --- content blocks (binhdang.reports.content) ----------------------------------------------


def _print_blocks(blocks: Iterable[Block], fmt: str, lang: Lang) -> None:
    """Each paragraph as text; each table drawn (``table``) or as CSV (``csv``: its caption,
    its header, its rows), as the committee's ``KIND indicators`` commands print them."""
    from binhdang.reports.content import Paragraph, ReportTable

    for block in blocks:
        if isinstance(block, Paragraph):
            out.print(block.text)
        elif isinstance(block, ReportTable):
            if fmt == "csv":
                sys.stdout.write(block_csv(block))
            else:
                out.print(block_table(block, lang))


def cell_text(value: Any, column_kind: str, lang: Lang) -> str:
    """A raw cell of a content block as the terminal shows it (:mod:`binhdang.formatting`)."""
    from binhdang import formatting

    if value is None:
        return ""
    if isinstance(value, str):  # written already ("< 5", "+2,0", "2/5 (40,0%)")
        return value
    if column_kind == "percent":
        return formatting.percent(value, lang)
    if column_kind == "count" and isinstance(value, int):
        return formatting.number(value, lang)
    if isinstance(value, date):
        return formatting.short_date(value, lang)
    return str(value)


EMPHASIS_STYLES = {"strong": "bold", "good": "green", "bad": "red", "muted": "dim"}
"""How the terminal shows a cell that stands out (:data:`binhdang.reports.content.Emphasis`)."""


def block_table(block: ReportTable, lang: Lang) -> Table:
    """A content block's table for the terminal: counts and shares on the right, the cells
    that stand out in their style, "(không có)" for a table without rows, the total in bold."""
    from rich.table import Table

    # a row of several lines (a target's name and its source) is told apart by a line
    lines = any(isinstance(v, str) and "\n" in v for row in block.rows for v in row)
    table = Table(title=block.caption, title_justify="left", show_lines=lines)
    for column in block.columns:
        justify: Literal["right", "left"] = (
            "right" if column.kind in ("count", "percent") else "left"
        )
        table.add_column(column.label, justify=justify, overflow="fold")
    styles = {(row, column): EMPHASIS_STYLES[how] for row, column, how in block.emphasis}
    for index, row in enumerate(block.rows):
        table.add_row(
            *(
                Text(cell_text(value, column.kind, lang), style=styles.get((index, place), ""))
                for place, (value, column) in enumerate(zip(row, block.columns, strict=True))
            )
        )
    if not block.rows:
        table.add_row(text("out.none", lang), *[""] * (len(block.columns) - 1))
    if block.total:
        table.add_row(
            *(
                Text(cell_text(v, c.kind, lang), style="bold")
                for v, c in zip(block.total, block.columns, strict=True)
            )
        )
    return table


def block_csv(block: ReportTable) -> str:
    """A content block's table as CSV: its caption, its header, its raw cells (formulas
    neutralised by :mod:`binhdang.exports`)."""
    from binhdang import exports

    buffer = io.StringIO()
    writer = exports.csv_writer(buffer, lineterminator="\n")
    writer.writerow([block.caption])
    writer.writerow([column.label for column in block.columns])
    for row in (*block.rows, *((block.total,) if block.total else ())):
        writer.writerow(["" if v is None else v for v in row])
    return buffer.getvalue()


# --- imports and warnings ------------------------------------------------------------------


def print_warnings(
    warnings: Sequence[Problem],
    lang: Lang,
    *,
    limit: int = WARNINGS_OF_A_KIND,
    more: str = "warning.more",
) -> None:
    """Each warning on stderr; of one kind, the first ``limit`` and how many more (message
    ``more``, given ``count``: the staff lists' points to ``--dry-run``, which lists them all)."""
    seen: Counter[str] = Counter()
    for warning in warnings:
        seen[warning.message.key] += 1
        if seen[warning.message.key] <= limit:
            err.print(labelled("warning.prefix", "yellow", warning.render(lang), lang))
    for count in seen.values():
        if count > limit:
            err.print(text(more, lang, count=count - limit))


def print_import_outcome(
    outcome: ImportOutcome,
    lang: Lang,
    *,
    summary: str = "import.summary",
    more: str = "warning.more",
) -> None:
    """What an import did: warnings and rejected rows on stderr, the summary line on stdout.

    ``summary`` is the message of the summary line; it is given the file name, the list's date
    (``as_of``, "—" for a list without one) and the counts of :meth:`ImportOutcome.summary`,
    and uses those it names (the committee's lists have no date and end nobody); ``more`` the
    line counting the warnings of one kind past :data:`WARNINGS_OF_A_KIND`.
    """
    print_warnings(outcome.warnings, lang, more=more)
    for problem in outcome.rejected:
        err.print(labelled("error.prefix", "red", problem.render(lang), lang))
    if outcome.rejected_file:
        rows = len({problem.row for problem in outcome.rejected})
        err.print(text("import.rejected_written", lang, count=rows, file=outcome.rejected_file))
    as_of = outcome.as_of.strftime("%d/%m/%Y") if outcome.as_of else "—"
    counts = {k: v for k, v in outcome.summary().items() if k != "rejected"}
    out.print(text(summary, lang, file=outcome.file_name, as_of=as_of, **counts))
