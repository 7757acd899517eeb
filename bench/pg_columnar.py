"""PostgreSQL with the columnar copy against SQLite, in one process (issue 19 item 6).

    python bench/pg_columnar.py PG_URL SQLITE_FILE [UNIT ...]

For each unit (``trend:UNIT``: its trend, 10 yearly points to 2025-12-31): ``indicators_for`` on SQLite, on PostgreSQL from the copy, and on PostgreSQL
from the rows (``BINHDANG_COLUMNAR=0``), alternated, 5 runs after one untimed run each;
prints the median wall, the median client CPU (user + system of this process) and, for
PostgreSQL, the median CPU of the connection's server process (``/proc/<pg_backend_pid()>``:
the server must run on this machine), and whether the three answers are equal. The copy is
built by the untimed run when missing (its build is timed and printed once).
"""

from __future__ import annotations

import os
import resource
import statistics
import sys
import time
from datetime import date

from binhdang.indicators.service import indicators_for
from binhdang.indicators.trend import period_ends, trend
from binhdang.store import database

AS_OF = date(2025, 6, 30)


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def _backend_cpu(pid: int | None) -> float:
    if pid is None:
        return 0.0
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _all_server_cpu() -> float:
    """CPU of every PostgreSQL process (those alive, and those ended: the postmaster's
    children's time); includes the other users' work: noisy on a shared machine."""
    total = 0.0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                name, rest = stat.read().rsplit(")", 1)
            if not name.endswith("(postgres"):
                continue
            fields = rest.split()
            total += int(fields[11]) + int(fields[12])
            if fields[1] == "1":  # the postmaster: its ended children
                total += int(fields[13]) + int(fields[14])
        except (OSError, IndexError, ValueError):
            continue
    return total / os.sysconf("SC_CLK_TCK")


def main() -> None:
    pg_url, sqlite_file, *units = sys.argv[1:]
    engines = {
        "sqlite": database.create(f"sqlite:///{sqlite_file}"),
        "pg-copy": database.create(pg_url),
        "pg-rows": database.create(pg_url),
    }
    connections = {name: engine.connect() for name, engine in engines.items()}
    backends = {
        name: (
            connection.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
            if connection.dialect.name == "postgresql"
            else None
        )
        for name, connection in connections.items()
    }

    def ask(name: str, unit: str) -> tuple[float, float, float, float, object]:
        os.environ["BINHDANG_COLUMNAR"] = "0" if name == "pg-rows" else "1"
        connection = connections[name]
        every = _all_server_cpu()
        wall, cpu, server = time.perf_counter(), _cpu(), _backend_cpu(backends[name])
        if unit.startswith("trend:"):
            answer: object = trend(
                connection, unit[6:], period_ends(date(2025, 12, 31), 10, "year")
            )
        else:
            answer = indicators_for(connection, unit, AS_OF)
        connection.rollback()
        return (
            time.perf_counter() - wall,
            _cpu() - cpu,
            _backend_cpu(backends[name]) - server,
            _all_server_cpu() - every,
            answer,
        )

    print(f"load {os.getloadavg()}")
    for unit in units or ["VN"]:
        answers = {}
        for name in connections:
            wall, cpu, server, every, answers[name] = ask(name, unit)
            print(f"{unit} {name} untimed: wall {wall:.3f} cpu {cpu:.3f} server {server:.3f}")
        runs: dict[str, list[tuple[float, ...]]] = {name: [] for name in connections}
        for _ in range(5):
            for name in connections:
                *figures, answer = ask(name, unit)
                assert answer == answers[name]
                runs[name].append(tuple(figures))  # type: ignore[arg-type]
        same = answers["sqlite"] == answers["pg-copy"] == answers["pg-rows"]
        for name, found in runs.items():
            wall, cpu, server, every = (statistics.median(r[i] for r in found) for i in range(4))
            print(
                f"{unit} {name}: median wall {wall:.3f} s, client CPU {cpu:.3f} s, "
                f"its server process {server:.3f} s (client + it {cpu + server:.3f} s), "
                f"all PostgreSQL processes {every:.3f} s; answers equal: {same}"
            )
    print(f"load {os.getloadavg()}")


if __name__ == "__main__":
    main()
