"""Parsing an Excel file in a child process with a memory and time limit.

The Excel reader (python-calamine, native code) sizes its memory from what the file declares;
asked for too much it aborts the whole process — the web server or the CLI with it. Here it
runs in ``python -m binhdang.ingest.child``, a fresh interpreter that first limits its own
address space (``RLIMIT_AS``), CPU time and core dumps, parses, checks the grid against the
limits and writes the rows back as a pickle on its standard output. An abort, a MemoryError or
a timeout in the child becomes a clear error naming the file and the limit.

A new interpreter rather than ``fork``: the web server runs threads, and a forked copy of a
threaded process may deadlock on a lock another thread held; ``subprocess`` starts the child
with fork+exec done in C, which is safe. The rows come back through a restricted unpickler
that rebuilds only lists, numbers, strings and the ``datetime`` types.
"""

from __future__ import annotations

import io
import json
import pickle
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from binhdang.errors import BinhdangError
from binhdang.ingest.limits import ReadLimits, check_grid, megabytes, refused

EXIT_MEMORY = 3


def parse_excel(path: Path, file: str, sheet: str | None, limits: ReadLimits) -> list[list[Any]]:
    """The cells of ``sheet`` (the first when None) of the Excel file at ``path``, parsed in a
    child process; every failure is a :class:`BinhdangError` naming ``file``."""
    with ChildParse(path, file, sheet, limits) as child:
        return child.rows()


class ChildParse:
    """An Excel file being parsed in a child process, started at once: the caller may check
    the file meanwhile (on another core) and :meth:`stop` the child if the check refuses it."""

    def __init__(self, path: Path, file: str, sheet: str | None, limits: ReadLimits) -> None:
        self.file, self.limits = file, limits
        request = json.dumps(
            {
                "path": str(path),
                "file": file,
                "sheet": sheet,
                "memory": limits.memory_bytes,
                "seconds": limits.seconds,
                "max_rows": limits.max_rows,
                "max_columns": limits.max_columns,
                "max_cell_chars": limits.max_cell_chars,
            }
        )
        self.deadline = time.monotonic() + limits.seconds
        self.output: tuple[bytes, bytes] = (b"", b"")
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "binhdang.ingest.child", request],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        except OSError as exc:  # no process could be started (out of memory, too many)
            raise refused("crash", file, found=exc.strerror or exc) from exc
        # Read the pipes while the child writes (its answer is larger than a pipe's buffer).
        self.collector = threading.Thread(target=self._collect, daemon=True)
        self.collector.start()

    def _collect(self) -> None:
        self.output = self.process.communicate()

    def rows(self) -> list[list[Any]]:
        """Wait for the child (within the time limit) and return its rows or raise."""
        file, limits = self.file, self.limits
        self.collector.join(timeout=max(self.deadline - time.monotonic(), 0))
        if self.collector.is_alive():
            self.stop()
            raise refused("time", file, limit=limits.seconds)
        stdout, stderr = self.output
        code = self.process.returncode
        if code == EXIT_MEMORY or (code == -signal.SIGABRT and b"memory allocation" in stderr):
            raise refused("memory", file, limit=megabytes(limits.memory_bytes))
        if code == -signal.SIGXCPU:
            raise refused("time", file, limit=limits.seconds)
        if code < 0:
            raise refused("crash", file, found=signal.Signals(-code).name)
        try:
            answer = _Unpickler(io.BytesIO(stdout)).load() if code == 0 else None
        except Exception:  # a truncated or foreign answer: the child did not finish
            answer = None
        if not isinstance(answer, tuple) or not answer:
            raise refused("crash", file, found=f"exit {code}")
        if answer[0] == "error":
            raise BinhdangError.of(answer[1], **answer[2])
        if answer[0] != "rows":
            raise refused("crash", file, found=f"exit {code}")
        return answer[1]

    def stop(self) -> None:
        """End the child if it still runs (the check refused the file, or time is up)."""
        if self.process.poll() is None:
            self.process.kill()
        self.collector.join()

    def __enter__(self) -> ChildParse:
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()


_ALLOWED = frozenset(
    {
        ("datetime", "date"),
        ("datetime", "datetime"),
        ("datetime", "time"),
        ("datetime", "timedelta"),
    }
)
"""The only classes the child's answer may name: the cell types of the Excel reader."""


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name}")


# --- the child ----------------------------------------------------------------------------------


def _limit_self(memory: int, seconds: int) -> None:
    try:
        import resource
    except ImportError:  # not a POSIX system: parse without limits
        return
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # an abort must not write a 2 GB core
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 5))


def _parse(request: dict[str, Any]) -> tuple[Any, ...]:
    import python_calamine

    file = request["file"]
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(request["path"])
        names = workbook.sheet_names
        wanted = request["sheet"]
        if not names:
            raise BinhdangError.of("file.corrupt", file=file, kind="Excel", reason="no sheet")
        target = (
            names[0]
            if wanted is None
            else next((n for n in names if n.strip().casefold() == wanted.strip().casefold()), None)
        )
        if target is None:
            raise BinhdangError.of(
                "file.no_sheet", file=file, sheet=wanted, available=", ".join(names)
            )
        rows = workbook.get_sheet_by_name(target).to_python(skip_empty_area=False)
    except python_calamine.CalamineError as exc:
        raise BinhdangError.of("file.corrupt", file=file, kind="Excel", reason=exc) from exc
    limits = ReadLimits(
        max_rows=request["max_rows"],
        max_columns=request["max_columns"],
        max_cell_chars=request["max_cell_chars"],
    )
    check_grid(rows, file, limits)
    return ("rows", rows)


def main() -> int:
    request = json.loads(sys.argv[1])
    out = sys.stdout.buffer
    try:
        _limit_self(request["memory"], request["seconds"])
        answer: tuple[Any, ...] = _parse(request)
    except MemoryError:
        return EXIT_MEMORY
    except BinhdangError as error:  # its parameters as text: the parent rebuilds only plain data
        params = {
            name: value if isinstance(value, str | int | float) else str(value)
            for name, value in error.message.params.items()
        }
        answer = ("error", error.message.key, params)
    except BaseException as exc:  # a panic of the native reader arrives as BaseException
        if "memory" in str(exc).lower() or "alloc" in str(exc).lower():
            return EXIT_MEMORY
        answer = (
            "error",
            "file.corrupt",
            {"file": request["file"], "kind": "Excel", "reason": type(exc).__name__},
        )
    try:
        pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.fast = True  # no memo: rows are a tree, and the memo made dumping 7× slower
        pickler.dump(answer)
        out.flush()
    except MemoryError:
        return EXIT_MEMORY
    return 0


if __name__ == "__main__":
    sys.exit(main())
