"""Issue 17, item 6 (≤ 60 s, bench/RESULTS.md): a round of the 34-province level on a
national-shaped dataset — the round opened, every province submitting (report files included)
and accepted, and the consolidated national report written — timed in one process.

Usage (a copy of a generated database, which it changes)::

    binhdang generate --persons 2500000 --units 12000 --years 10 --seed 1 --db national.db
    cp national.db round.db && python bench/rounds.py sqlite:///round.db [--workers 2]

Each province's submission is prepared (figures, texts, report files: seconds) outside the
write lock by ``--workers`` processes, each a ``rounds.service.Batch`` (the unit trees read
once while the data stays the same, the charts drawn in the worker: matplotlib imported once),
then this process stores and accepts them, each under the write lock (``submit(prepared=…)``).
``--one-by-one`` prepares each with ``prepare_on`` and stores it as soon as it is ready (as 34
provinces submitting from their own offices would; the measure before the batch).
``--workers 0`` prepares each one in this process, inside the lock.

Prints the time and the CPU (this process and its workers) of each step; the target is
≤ 60 s in all (bench/RESULTS.md). On a machine shared with other work the wall time says
how busy it was: the line also gives the floor on idle cores, each step's CPU with the
submissions' spread over the workers (at most the machine's cores).
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import Engine

from binhdang.reports.build import ReportRequest
from binhdang.reports.service import write_reports
from binhdang.rounds.consolidate import consolidate, report_builder
from binhdang.rounds.rules import Decision
from binhdang.rounds.service import (
    Batch,
    Prepared,
    get_round,
    open_round,
    prepare_on,
    review,
    round_status,
    submit,
)
from binhdang.store import database
from binhdang.store.writes import write_transaction

AS_OF = date(2025, 6, 30)
NOW = datetime(2025, 12, 20, tzinfo=UTC)


_ENGINE: Engine | None = None
_BATCH: Batch | None = None


def _start(url: str, one_by_one: bool) -> None:
    global _ENGINE, _BATCH
    _ENGINE = database.open_current(url)
    _BATCH = None if one_by_one else Batch(_ENGINE)


def _prepare(code: str) -> tuple[str, Prepared, float]:
    began = time.perf_counter()
    assert _ENGINE is not None
    if _BATCH is not None:
        prepared = _BATCH.prepare(unit_code=code, year=2025, now=NOW)
    else:
        prepared = prepare_on(_ENGINE, unit_code=code, year=2025, now=NOW)
    return code, prepared, time.perf_counter() - began


def _cpu() -> float:
    """CPU seconds (user + system) of this process and of its children that have ended."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _store(engine: Engine, code: str, prepared: Prepared | None) -> None:
    with write_transaction(engine) as connection:
        submit(
            connection, unit_code=code, year=2025, installation="bench", now=NOW, prepared=prepared
        )
    with write_transaction(engine) as connection:
        review(connection, unit_code=code, year=2025, decision=Decision.ACCEPT, now=NOW)


def main(url: str, workers: int, one_by_one: bool) -> None:
    engine = database.open_current(url)
    cpu = [_cpu()]
    start = time.perf_counter()
    with write_transaction(engine) as connection:
        found = open_round(connection, body_code="VN", year=2025, as_of=AS_OF, now=NOW)
    with engine.connect() as connection:
        members = [u.code for u in round_status(connection, found, NOW.date()).units]
    opened = time.perf_counter()
    cpu.append(_cpu())
    each = []
    if workers:
        with ProcessPoolExecutor(workers, initializer=_start, initargs=(url, one_by_one)) as pool:
            ready = []
            for code, prepared, took in pool.map(_prepare, members):
                if one_by_one:
                    _store(engine, code, prepared)
                else:  # stored once all are built: a write would make the workers' trees stale
                    ready.append((code, prepared))
                each.append(took)
        for code, prepared in ready:
            _store(engine, code, prepared)
    else:
        for code in members:
            began = time.perf_counter()
            _store(engine, code, None)
            each.append(time.perf_counter() - began)
    submitted = time.perf_counter()
    cpu.append(_cpu())
    with engine.connect() as connection:
        result = consolidate(connection, get_round(connection, "VN", 2025), NOW.date())
    consolidated = time.perf_counter()
    cpu.append(_cpu())
    with tempfile.TemporaryDirectory() as folder:
        request = ReportRequest("VN", AS_OF, year=2025, issue_date=NOW.date())
        outputs = [(fmt, Path(folder) / f"tong-hop.{fmt}") for fmt in ("docx", "xlsx", "html")]
        write_reports(engine, request, outputs, builder=report_builder(result))
    written = time.perf_counter()
    cpu.append(_cpu())
    engine.dispose()
    used = [after - before for before, after in itertools.pairwise(cpu)]
    spread = max(1, min(workers, os.cpu_count() or 1))
    print(
        f"units {len(members)}; workers {workers}; {'one by one' if one_by_one else 'batch'}; "
        f"open {opened - start:.2f} s (CPU {used[0]:.1f} s); submit and accept "
        f"{submitted - opened:.2f} s (CPU {used[1]:.1f} s; median {statistics.median(each):.2f} s "
        f"a province); consolidate {consolidated - submitted:.2f} s (CPU {used[2]:.1f} s); "
        f"report {written - consolidated:.2f} s (CPU {used[3]:.1f} s); "
        f"total {written - start:.2f} s (CPU {cpu[-1] - cpu[0]:.1f} s; on idle cores "
        f"≥ {used[0] + used[1] / spread + used[2] + used[3]:.1f} s); "
        f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--one-by-one", action="store_true")
    arguments = parser.parse_args()
    main(arguments.url, arguments.workers, arguments.one_by_one)
