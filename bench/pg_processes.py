"""SQLite against PostgreSQL as whole ``binhdang`` processes (issue 19 item 6).

    python bench/pg_processes.py SQLITE_FILE PG_URL [--runs 5] [--before SRC] [--unit VN-28]

Each question — the root's indicators, a province's, the root's 10-point yearly trend, all
``--format json``; with ``--questions report``, bench/run.py's yearly report — is run as a fresh ``python -m binhdang`` process on the SQLite file and
on the PostgreSQL database (and, with ``--before``, on PostgreSQL with the ``binhdang``
package of another source folder first on ``PYTHONPATH``: the code before a change), one
untimed run each first, then ``--runs`` rounds alternating the engines. Prints, per
question and engine, the median wall time, the median CPU of the process (user + system,
from ``wait4``) and, for PostgreSQL, the median CPU of the server processes that served its
database during the run (:class:`Backends`: the server must run on this machine; other
databases' users are not counted); checks that every engine printed the same bytes. The
columnar copies must exist (a first whole-tree question builds them); set
``BINHDANG_CACHE_DIR`` to the PostgreSQL copy's cache folder.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit


class Backends(threading.Thread):
    """The CPU of the server processes serving ``database`` while it runs: every few
    milliseconds, the postmaster's new children are looked at until their title says what
    they serve (``postgres: … USER DATABASE host(port) …``, set after authentication); those of
    ``database`` are followed and their CPU read from ``/proc`` until they end (the last
    reading kept: a backend's last few milliseconds may be missed; ticks of 10 ms). With
    ``client``, only the backends whose client is a socket of that process (TCP): other
    users of the same database are not counted either."""

    def __init__(self, database: str, client: int | None = None) -> None:
        super().__init__(daemon=True)
        self.client = client
        self.marker = f" {database} ".encode()
        self.seen: set[str] = set(os.listdir("/proc"))  # the processes already there
        self.postmaster = self._postmaster()
        self.waiting: set[str] = set()  # children whose title is not set yet
        self.cpu: dict[str, int] = {}
        self.done = threading.Event()
        self.tick = os.sysconf("SC_CLK_TCK")

    def _postmaster(self) -> str:
        for pid in self.seen:
            if pid.isdigit() and _stat(pid)[1:2] == ["1"] and b"postgres" in _title(pid):
                return pid
        raise SystemExit("no PostgreSQL server on this machine")

    def run(self) -> None:
        while not self.done.is_set():
            for pid in os.listdir("/proc"):
                if pid not in self.seen and pid.isdigit():
                    self.seen.add(pid)
                    if _stat(pid)[1:2] == [self.postmaster]:
                        self.waiting.add(pid)
            for pid in list(self.waiting):
                title = _title(pid)
                if title.startswith(b"postgres: "):
                    self.waiting.discard(pid)
                    if self.marker in title and self._ours(title):
                        self.cpu[pid] = 0
                elif not title:  # ended
                    self.waiting.discard(pid)
            for pid in self.cpu:
                fields = _stat(pid)
                if len(fields) > 13:
                    self.cpu[pid] = int(fields[11]) + int(fields[12])
            time.sleep(0.002)

    def _ours(self, title: bytes) -> bool:
        """Whether the backend's client (``host(port)`` in its title) is a TCP socket of
        the measured process (``client``; any backend when it is not set)."""
        if self.client is None:
            return True
        found = re.search(rb"\((\d+)\)", title)
        if found is None:
            return False
        port = f":{int(found[1]):04X}"
        try:
            with open("/proc/net/tcp") as table:
                inodes = {line.split()[9] for line in table if line.split()[1].endswith(port)}
            sockets = {os.readlink(f"/proc/{self.client}/fd/{fd}")
                       for fd in os.listdir(f"/proc/{self.client}/fd")}  # fmt: skip
        except OSError:
            return False
        return any(f"socket:[{inode}]" in sockets for inode in inodes)

    def stop(self) -> float:
        self.done.set()
        self.join()
        return sum(self.cpu.values()) / self.tick


def _stat(pid: str) -> list[str]:
    """The fields of ``/proc/PID/stat`` after the command's name (state, ppid, …)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return []


def _title(pid: str) -> bytes:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as title:
            return title.read()
    except OSError:
        return b""


REPORT_OUT = Path(tempfile.gettempdir()) / "binhdang-pg-processes-report"


def questions(unit: str) -> dict[str, list[str]]:
    return {
        "root VN": ["indicators", "--unit", "VN", "--as-of", "2025-06-30", "--format", "json"],
        f"province {unit}": [
            "indicators", "--unit", unit, "--as-of", "2025-06-30", "--format", "json"
        ],
        "trend VN, 10 years": [
            "trend", "--unit", "VN", "--last", "2025-12-31", "--periods", "10", "--every",
            "year", "--format", "json",
        ],
        # bench/run.py's report: one province, every format (LibreOffice's CPU included:
        # a child the command waits for)
        "report VN-01": [
            "report", "--unit", "VN-01", "--as-of", "2025-06-30", "--out", str(REPORT_OUT),
        ],
    }  # fmt: skip


def run(
    args: list[str], env: dict[str, str], database: str | None = None
) -> tuple[float, float, float, bytes]:
    """Wall and CPU time of one ``python -m binhdang ARGS`` process, the CPU of the server's
    backends serving it on ``database`` (0 without), and what it printed."""
    shutil.rmtree(REPORT_OUT, ignore_errors=True)
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "binhdang", *args], env=env, stdout=subprocess.PIPE
    )
    backends = Backends(database, child.pid) if database else None
    if backends:
        backends.start()
    out = child.stdout.read() if child.stdout else b""
    server = backends.stop() if backends else 0.0  # before the child is reaped: its fds
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"failed ({child.returncode}): {' '.join(args)}")
    return wall, usage.ru_utime + usage.ru_stime, server, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sqlite")
    parser.add_argument("pg")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", help="a source folder holding the binhdang package before")
    parser.add_argument("--unit", default="VN-28", help="the province")
    parser.add_argument(
        "--questions",
        default="root,province,trend",
        help="which (comma-separated, by first word): root, province, trend, report",
    )
    options = parser.parse_args()
    env = dict(os.environ)
    database = urlsplit(options.pg).path.lstrip("/")
    engines = {"SQLite": (options.sqlite, env), "PostgreSQL": (options.pg, env)}
    if options.before:
        before = {**env, "PYTHONPATH": options.before}
        engines["PostgreSQL before"] = (options.pg, before)
    print(f"load average before: {os.getloadavg()}")
    wanted = options.questions.split(",")
    for name, command in questions(options.unit).items():
        if name.split()[0] not in wanted:
            continue
        outputs: dict[str, bytes] = {}
        times: dict[str, list[tuple[float, float, float]]] = {engine: [] for engine in engines}
        for engine, (db, environment) in engines.items():  # untimed: the caches warm
            outputs[engine] = run([*command, "--db", db], environment)[3]
        for round_ in range(options.runs):
            order = list(engines) if round_ % 2 == 0 else list(reversed(engines))
            for engine in order:
                db, environment = engines[engine]
                measured = database if "PostgreSQL" in engine else None
                wall, cpu, server, out = run([*command, "--db", db], environment, measured)
                times[engine].append((wall, cpu, server))
                assert out == outputs[engine]
        same = len(set(outputs.values())) == 1
        print(f"\n{name}  (outputs identical across engines: {same})")
        medians = {}
        for engine, runs in times.items():
            wall, cpu, server = (statistics.median(column) for column in zip(*runs, strict=True))
            medians[engine] = cpu
            spread = f"{min(r[1] for r in runs):.3f}–{max(r[1] for r in runs):.3f}"
            print(
                f"  {engine:18s} wall {wall:.3f} s  CPU {cpu:.3f} s (range {spread})"
                + (f"  server CPU {server:.3f} s" if "PostgreSQL" in engine else "")
            )
        for engine in engines:
            if engine != "SQLite":
                print(f"  {engine} ÷ SQLite (CPU): {medians[engine] / medians['SQLite']:.2f}×")
    print(f"\nload average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
