"""The ``binhdang`` command line: thin adapters over the library.

``app.py`` holds the Typer application, the shared options and error handling; each area adds
its commands in its own module, imported here so that they register on the application.
"""

from binhdang.cli import (
    batches,  # noqa: F401  (import history, import undo; import staff --dry-run)
    committee,  # noqa: F401  (training, awards, succession, plans, activities, movements)
    core,  # noqa: F401  (registers the core commands)
    ops,  # noqa: F401  (backup, restore)
    policies,  # noqa: F401  (retirement, maternity, targets)
    privacy,  # noqa: F401  (privacy register, export, purge)
    report,  # noqa: F401  (report: DOCX, XLSX, HTML, PDF)
    report_texts,  # noqa: F401  (report text set/show/history/clear)
    rounds,  # noqa: F401  (round open/status/close, submit, review, submission export/import)
    scale,  # noqa: F401  (national scale: generate, trend)
    web,  # noqa: F401  (serve, user, token)
)
from binhdang.cli.app import app, main

__all__ = ["app", "main"]
