"""PDF: the DOCX converted by LibreOffice headless (``soffice --headless --convert-to pdf``).

LibreOffice is a system program, not a Python package: on Debian/Ubuntu install
``libreoffice-writer-nogui`` and ``fonts-liberation2`` (Times New Roman metrics with every
Vietnamese glyph); ``scripts/system-deps.sh`` does it for the tests. Without it the command
says how to get it. Each conversion uses a throw-away LibreOffice profile, so conversions can
run side by side and never touch the user's own LibreOffice settings.

Starting LibreOffice takes about as long as converting the report, so :class:`LibreOffice`
can start it *ahead* (``warm=True``) while the report is being built: the conversion started
later with the same profile is handed to that running instance (LibreOffice passes the
command line of a second ``soffice`` to the first one), which converts and then exits. A
conversion that produced nothing that way is run again the plain way.

A new profile costs LibreOffice a third of a second of first-start work (it even runs its
graphics tests), so the profile of the first successful conversion is kept in the user's
cache folder (``~/.cache/binhdang``) and each later conversion starts from a copy of it:
still a throw-away profile per conversion, never the user's own.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from types import TracebackType

from binhdang.errors import BinhdangError

TIMEOUT_SECONDS = 180
EXIT_SECONDS = 5  # for the instance started ahead to exit after its conversion


def soffice_path() -> str | None:
    """The LibreOffice executable, or ``None`` when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def profile_cache(executable: str) -> Path:
    """Where the profile kept for ``executable`` lives (one per LibreOffice installation)."""
    real = os.path.realpath(executable)
    try:
        stamp = f"{real}:{os.stat(real).st_mtime_ns}"
    except OSError:
        stamp = real
    key = hashlib.sha256(stamp.encode()).hexdigest()[:16]
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "binhdang" / f"libreoffice-profile-{key}"


def _usable(folder: Path) -> bool:
    """A kept profile is used only when it is ours and nobody else can write to it."""
    try:
        info = folder.stat()
    except OSError:
        return False
    owner = getattr(os, "getuid", lambda: info.st_uid)()
    return folder.is_dir() and info.st_uid == owner and not info.st_mode & 0o022


def _end_group(process: subprocess.Popen[str] | subprocess.Popen[bytes]) -> None:
    """End a LibreOffice started in its own session (``soffice`` is a script that starts
    ``oosplash``, which starts ``soffice.bin``): the whole group, by the id we started,
    while that process is still ours (not yet waited for)."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    process.wait()


class LibreOffice:
    """A throw-away LibreOffice profile, optionally with an instance started ahead.

    Use as a context manager: leaving it ends what was started and removes the profile.
    """

    def __init__(self, *, warm: bool = False, kept: bool = True) -> None:
        executable = soffice_path()
        if executable is None:
            raise BinhdangError.of("report.no_libreoffice")
        self.executable = executable
        self.folder = Path(tempfile.mkdtemp(prefix="binhdang-pdf-"))
        self.kept = profile_cache(executable)
        self._fresh = kept  # no kept profile: keep this one after a conversion
        if kept and _usable(self.kept):
            with contextlib.suppress(OSError):
                shutil.copytree(self.kept, self.folder / "profile", symlinks=True)
                self._fresh = False
        self._warm: subprocess.Popen[bytes] | None = None
        self._handed = False  # a conversion went to the instance started ahead
        self._converted = False
        if warm:
            try:
                self._warm = subprocess.Popen(
                    [*self._base(), "--nologo", "--nodefault"],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    start_new_session=True,
                )
            except OSError:
                self._warm = None  # the conversion will start its own

    def _base(self) -> list[str]:
        profile = (self.folder / "profile").as_uri()
        return [
            self.executable,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--nolockcheck",
        ]

    def start(self, docx: Path, out: Path) -> PdfConversion:
        """Start converting ``docx`` to the PDF ``out``; :meth:`PdfConversion.wait` ends it."""
        self._handed = self._warm is not None
        return PdfConversion(self, docx, out)

    def convert(self, docx: Path, out: Path) -> Path:
        return self.start(docx, out).wait()

    def close(self) -> None:
        if self._warm is not None:
            # Once its PDF is ours, a copied profile is thrown away: the instance is ended at
            # once instead of waited for (its own exit took 0.1–0.2 s of every report). A new
            # profile to be kept must be complete, so that instance is let exit by itself.
            if self._handed and not (self._converted and not self._fresh):
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self._warm.wait(EXIT_SECONDS)
            _end_group(self._warm)
            self._warm = None
        if self._fresh and self._converted:
            self._keep_profile()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _keep_profile(self) -> None:
        """Keep the profile for later conversions (once; a failure only costs speed)."""
        profile = self.folder / "profile"
        if not profile.is_dir() or self.kept.exists():
            return
        staging: Path | None = None
        try:
            self.kept.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            staging = Path(tempfile.mkdtemp(prefix=".profile-", dir=self.kept.parent))
            shutil.copytree(profile, staging / "profile", symlinks=True)
            (staging / "profile").chmod(0o700)
            os.rename(staging / "profile", self.kept)  # whole or not at all
        except OSError:
            pass
        finally:
            if staging is not None:
                shutil.rmtree(staging, ignore_errors=True)

    def __enter__(self) -> LibreOffice:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class PdfConversion:
    """One running conversion (see :meth:`LibreOffice.start`)."""

    def __init__(self, office: LibreOffice, docx: Path, out: Path) -> None:
        self.office = office
        self.docx = docx
        self.out = out
        self.work = Path(tempfile.mkdtemp(prefix="convert-", dir=office.folder))
        source = self.work / "report.docx"
        shutil.copyfile(docx, source)
        command = [*office._base(), "--convert-to", "pdf", "--outdir", str(self.work), str(source)]
        try:
            self.process: subprocess.Popen[str] | None = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                start_new_session=True,
            )
            self.error: Exception | None = None
        except OSError as exc:
            self.process, self.error = None, exc

    def cancel(self) -> None:
        """Stop the conversion (the report failed meanwhile): LibreOffice is ended at once."""
        if self.process is not None:
            _end_group(self.process)
        self.office._handed = False

    def wait(self) -> Path:
        """The PDF ``out``; :class:`BinhdangError` when LibreOffice fails."""
        if self.process is None:
            raise BinhdangError.of("report.pdf_failed", file=str(self.docx), reason=str(self.error))
        try:
            stdout, stderr = self.process.communicate(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired as exc:
            _end_group(self.process)
            raise BinhdangError.of(
                "report.pdf_failed", file=str(self.docx), reason=str(exc)
            ) from exc
        produced = self.work / "report.pdf"
        if self.process.returncode != 0 or not produced.exists():
            if self.office._warm is not None:
                # Handed to the instance started ahead, which failed: once more, alone and
                # from a new profile.
                with LibreOffice(kept=False) as alone:
                    return alone.convert(self.docx, self.out)
            reason = (stderr or stdout).strip().splitlines()
            raise BinhdangError.of(
                "report.pdf_failed",
                file=str(self.docx),
                reason=reason[-1] if reason else f"exit {self.process.returncode}",
            )
        shutil.move(str(produced), self.out)
        self.office._converted = True
        return self.out


def convert_to_pdf(docx: Path, out: Path) -> Path:
    """Convert ``docx`` to the PDF ``out``; :class:`BinhdangError` when LibreOffice is absent
    or fails."""
    with LibreOffice() as office:
        return office.convert(docx, out)
