"""Start-up of the command line (issue 19): each command below as a whole fresh process,
median wall and CPU time of ``--runs`` runs, with the machine's load average.

    python bench/startup.py [--runs 10] [--every-page]

``--every-page`` measures, after the four commands, every help page (``binhdang … --help`` of
the top level, each group and each command) and prints the slowest and the median of the
pages' medians.

The commands touch no data (``--help`` and a retirement date computed from the law), so the
time is Python's start, the imports and Typer's parsing and help (``binhdang --help`` and
``binhdang retirement`` are answered without Typer: ``binhdang/help_page.py``,
``binhdang/__main__.py``). The machine is shared: the
CPU time (user + system of the process) is the figure least disturbed by other processes.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

COMMANDS: tuple[tuple[str, ...], ...] = (
    ("--help",),
    ("import", "--help"),
    ("report", "--help"),
    ("retirement", "--sex", "nu", "--born", "15/06/1970"),
)


def binhdang() -> str:
    """The ``binhdang`` script of this interpreter's environment."""
    found = Path(sys.executable).with_name("binhdang")
    return str(found) if found.exists() else shutil.which("binhdang") or "binhdang"


def measure(args: tuple[str, ...], runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds of ``binhdang ARGS`` as a fresh process."""
    walls: list[float] = []
    cpus: list[float] = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([binhdang(), *args], check=True, capture_output=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def help_pages() -> list[tuple[str, ...]]:
    """The arguments of every help page: ``--help`` of the top level, each group and each
    command, as the command line builds them (imported here, in the bench's process)."""
    import typer.models

    from binhdang.cli import app
    from binhdang.cli.app import _lazy_group

    pages: list[tuple[str, ...]] = []
    pending: list[tuple[tuple[str, ...], object]] = [((), _lazy_group(typer.models.TyperInfo(app)))]
    while pending:
        path, command = pending.pop(0)
        pages.append((*path, "--help"))
        children = getattr(command, "commands", None) or {}
        pending += [((*path, name), children[name]) for name in children]
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--every-page", action="store_true", help="and every help page")
    options = parser.parse_args()
    print(f"load average before: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for args in COMMANDS:
        wall, cpu = measure(args, options.runs)
        print(f"binhdang {' '.join(args)}: wall {wall * 1000:.0f} ms, CPU {cpu * 1000:.0f} ms")
    if options.every_page:
        measured = [(measure(args, options.runs), args) for args in help_pages()]
        measured.sort(key=lambda item: item[0][0])
        walls = [wall for (wall, _), _ in measured]
        print(
            f"{len(measured)} help pages: median of the medians {statistics.median(walls) * 1000:.0f} ms; slowest:"
        )
        for (wall, cpu), args in measured[-5:]:
            print(
                f"  binhdang {' '.join(args)}: wall {wall * 1000:.0f} ms, CPU {cpu * 1000:.0f} ms"
            )
    print(f"load average after: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
