"""The ``binhdang`` command line: thin adapters over the library.

``app.py`` holds the Typer application, the shared options and error handling; each area adds
its commands in its own module, imported here so that they register on the application.
"""

from binhdang.cli import core  # noqa: F401  (registers the core commands)
from binhdang.cli import scale  # noqa: F401  (national scale: generate, trend)
from binhdang.cli import policies  # noqa: F401  (retirement, maternity, targets)
from binhdang.cli import web  # noqa: F401  (serve, user, token)
from binhdang.cli import report  # noqa: F401  (report: DOCX, XLSX, HTML, PDF)
from binhdang.cli import committee  # noqa: F401  (training, awards, succession, plans, activities, movements)
from binhdang.cli.app import app, main

__all__ = ["app", "main"]
