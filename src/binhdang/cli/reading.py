"""What the CLI shows while a large file is read: the check of the package, then the parsing
(which reports nothing until it ends, hence a spinner and the time spent)."""

from __future__ import annotations

from pathlib import Path

from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from binhdang.cli.app import err
from binhdang.ingest.reader import Stage, report_reading_to
from binhdang.messages import Lang, text

SHOW_FROM_BYTES = 1024 * 1024
"""Files smaller than this (a few thousand rows) are read in a blink: no display."""


def show_reading(file: Path, lang: Lang) -> None:
    """Show on stderr the reading of ``file`` by this command, if it is large: the display
    starts with the reading and ends with it (the import's own bar may follow)."""
    try:
        large = file.stat().st_size >= SHOW_FROM_BYTES
    except OSError:
        large = False
    if not large:
        return
    display = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )
    task = None

    def report(stage: Stage, done: int, total: int) -> None:
        nonlocal task
        if stage == "done":
            display.stop()
            return
        key = "read.checking" if stage == "check" else "read.parsing"
        description = text(key, lang, file=file.name)
        if task is None:
            display.start()
            task = display.add_task(description, total=total or None)
        display.update(task, description=description, completed=done, total=total or None)

    report_reading_to(report)
