"""Operations commands: backup and restore of the database."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from binhdang.cli.app import Cli, app, cli_options, out
from binhdang.messages import text

_ENGINES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


@app.command()
@cli_options()
def backup(
    cli: Cli,
    out_file: Annotated[Path, typer.Option("--out", help="Tệp sao lưu / backup file")],
) -> None:
    """Sao lưu cơ sở dữ liệu khi đang dùng / Back up the database while it is in use.

    SQLite: online copy checked with PRAGMA integrity_check; PostgreSQL: pg_dump (custom
    format) of binhdang's schema. The file is replaced only once the new copy is complete.

    Example: binhdang backup --out /var/backups/binhdang/binhdang-2026-12-01.backup
    """
    from binhdang import formatting
    from binhdang.store import backup as store

    language = cli.lang
    result = store.backup(cli.db, out_file)
    out.print(
        text(
            "backup.written",
            language,
            file=result.file,
            size=formatting.file_size(result.size, language),
            engine=_ENGINES[result.engine],
            revisions=store.show(result.revisions),
        )
    )


@app.command()
@cli_options()
def restore(
    cli: Cli,
    file: Annotated[
        Path, typer.Argument(help="Tệp do binhdang backup ghi / a file written by binhdang backup")
    ],
) -> None:
    """Khôi phục cơ sở dữ liệu từ bản sao lưu / Restore the database from a backup.

    The previous database is kept aside (SQLite: <name>.before-restore-<time>.db; PostgreSQL:
    the schema renamed <schema>_before_restore_<time>); an older backup is upgraded as
    binhdang init does; a newer one is refused.

    Example: binhdang restore /var/backups/binhdang/binhdang-2026-12-01.backup
    """
    from binhdang import formatting
    from binhdang.store import backup as store

    language = cli.lang
    result = store.restore(file, cli.db, now=datetime.now())
    if result.kept_aside:
        key = "restore.kept_file" if result.engine == "sqlite" else "restore.kept_schema"
        out.print(text(key, language, aside=result.kept_aside))
    if result.upgraded_from is not None:
        out.print(
            text(
                "restore.upgraded",
                language,
                found=store.show(result.upgraded_from),
                expected=store.show(result.revisions),
            )
        )
    if result.rows is None:
        check = text("restore.checked_sqlite", language)
    else:
        check = text(
            "restore.checked_pg",
            language,
            tables=len(result.rows),
            rows=formatting.number(sum(result.rows.values()), language),
        )
    out.print(
        text(
            "restore.done",
            language,
            file=result.file,
            db=result.db,
            revisions=store.show(result.revisions),
            check=check,
        )
    )
