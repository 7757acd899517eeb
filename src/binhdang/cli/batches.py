"""Import batches: ``import history``, ``import undo`` and ``import staff --dry-run``."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from binhdang.cli.app import (
    Cli,
    cli_options,
    format_option,
    id_argument,
    import_app,
    out,
    parse_date_option,
    print_warnings,
)
from binhdang.cli.output import show
from binhdang.errors import BinhdangError
from binhdang.messages import text

FormatOption = format_option("table", "json")


def dry_run_staff(
    cli: Cli,
    file: Path,
    as_of: str,
    *,
    close_missing: bool,
    scope: list[str] | None,
    skip_invalid: bool,
    sheet: str | None,
) -> None:
    """``binhdang import staff FILE --as-of D --dry-run``: every change, nothing written."""
    from binhdang.cli.reading import show_reading
    from binhdang.ingest.preview import dry_run_staff as run_dry
    from binhdang.ingest.preview import preview_lines

    language = cli.lang
    if skip_invalid:
        raise BinhdangError.of("arg.dry_run_skip_invalid")
    effective = parse_date_option(as_of, "--as-of")
    engine = cli.engine
    show_reading(file, language)
    outcome = run_dry(
        engine,
        file,
        effective,
        sheet=sheet,
        close_missing=close_missing,
        scope=scope,
        lang=language,
        on_wait=cli.on_wait(),
    )
    # the absent people are listed below, person by person: their warnings are counted
    print_warnings(outcome.warnings, language)
    for line in preview_lines(outcome, language):
        out.print(line, markup=False)


@import_app.command("history")
@cli_options()
def history(cli: Cli, output_format: FormatOption = "table") -> None:
    """Các lần nhập, mới nhất trước / Every import, newest first.

    Example: binhdang import history --format json
    """
    from binhdang.committee import registry
    from binhdang.formatting import short_date
    from binhdang.ingest import batches

    language = cli.lang
    with cli.engine.connect() as connection:
        found = batches.history(connection)
    if output_format == "json":
        show("json", language, data=lambda: [batch.to_json() for batch in found])
        return
    if not found:
        out.print(text("batch.history_empty", language))
        return
    out.print(text("batch.history_header", language), markup=False)
    for batch in found:
        counts = batch.counts
        cells = [
            str(batch.id),
            registry.batch_label(batch.kind, language),
            short_date(batch.as_of) if batch.as_of else "—",
            batch.file_name,
            batch.imported_by or "—",
            batch.imported_at.astimezone(UTC).strftime("%d/%m/%Y %H:%M:%S"),
            *(str(counts.get(key, "—")) for key in ("added", "changed", "ended", "unchanged")),
            text("batch.yes" if batch.reversible else "batch.no", language),
        ]
        out.print(" | ".join(cells), markup=False)


@import_app.command("undo")
@cli_options()
def undo(
    cli: Cli,
    batch: Annotated[int | None, id_argument("Số lần nhập / import number")] = None,
    last: Annotated[
        bool, typer.Option("--last", help="Lần nhập mới nhất / the newest import")
    ] = False,
) -> None:
    """Hoàn tác lần nhập mới nhất / Undo the newest import, exactly.

    Example: binhdang import undo --last
    """
    from binhdang.accounts import audit
    from binhdang.ingest import batches

    if (batch is None) == (not last):
        raise BinhdangError.of("arg.undo_which")
    with cli.writing() as connection:
        undone = batches.undo(connection, batch)
        done = undone.batch
        audit.record(
            connection,
            actor=None,
            actor_name="cli",
            action="import.undo",
            now=datetime.now(UTC),
            target=done.file_name,
            detail={
                "batch": done.id,
                "kind": done.kind,
                "as_of": done.as_of.isoformat() if done.as_of else None,
                "writes": undone.writes,
                "counts": done.counts,
            },
        )
    out.print(text("batch.undone", cli.lang, **batches.undone_message_params(undone)), markup=False)
