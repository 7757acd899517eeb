"""PDF: the DOCX converted by LibreOffice headless (``soffice --headless --convert-to pdf``).

LibreOffice is a system program, not a Python package: on Debian/Ubuntu install
``libreoffice-writer-nogui`` and ``fonts-liberation2`` (Times New Roman metrics with every
Vietnamese glyph); ``scripts/system-deps.sh`` does it for the tests. Without it the command
says how to get it. Each conversion uses a throw-away LibreOffice profile, so conversions can
run side by side and never touch the user's own LibreOffice settings.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from binhdang.errors import BinhdangError

TIMEOUT_SECONDS = 180


def soffice_path() -> str | None:
    """The LibreOffice executable, or ``None`` when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(docx: Path, out: Path) -> Path:
    """Convert ``docx`` to the PDF ``out``; :class:`BinhdangError` when LibreOffice is absent
    or fails."""
    executable = soffice_path()
    if executable is None:
        raise BinhdangError.of("report.no_libreoffice")
    with tempfile.TemporaryDirectory(prefix="binhdang-pdf-") as work:
        folder = Path(work)
        source = folder / "report.docx"
        shutil.copyfile(docx, source)
        command = [
            executable,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless", "--norestore", "--nolockcheck",
            "--convert-to", "pdf", "--outdir", str(folder), str(source),
        ]  # fmt: skip
        try:
            completed = subprocess.run(command, capture_output=True, text=True,
                                       timeout=TIMEOUT_SECONDS, check=False)  # fmt: skip
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise BinhdangError.of("report.pdf_failed", file=str(docx), reason=str(exc)) from exc
        produced = folder / "report.pdf"
        if completed.returncode != 0 or not produced.exists():
            reason = (completed.stderr or completed.stdout).strip().splitlines()
            raise BinhdangError.of("report.pdf_failed", file=str(docx),
                                   reason=reason[-1] if reason else f"exit {completed.returncode}")  # fmt: skip
        shutil.move(str(produced), out)
    return out
