"""Issue 17, item 6 (not yet met): a round of the 34-province level on a national-shaped
dataset — the round opened, every province submitting (report files included) and accepted,
and the consolidated national report written — timed in one process.

Usage (a copy of a generated database, which it changes)::

    binhdang generate --persons 2500000 --units 12000 --years 10 --seed 1 --db national.db
    cp national.db round.db && python bench/rounds.py sqlite:///round.db [--workers 2]

Each province's submission is prepared (figures, texts, report files: seconds) outside the
write lock by ``--workers`` processes, while this process stores and accepts the ones ready,
each under the write lock (``rounds.service.prepare_on`` then ``submit(prepared=…)``), as
34 provinces submitting from their own offices would. ``--workers 0`` prepares each one in
this process, inside the lock, as before.

Prints the time of each step; the target is ≤ 60 s in all (bench/RESULTS.md).
"""

from __future__ import annotations

import argparse
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


def _start(url: str) -> None:
    global _ENGINE
    _ENGINE = database.open_current(url)


def _prepare(code: str) -> tuple[str, Prepared, float]:
    began = time.perf_counter()
    assert _ENGINE is not None
    prepared = prepare_on(_ENGINE, unit_code=code, year=2025, now=NOW)
    return code, prepared, time.perf_counter() - began


def _store(engine: Engine, code: str, prepared: Prepared | None) -> None:
    with write_transaction(engine) as connection:
        submit(
            connection, unit_code=code, year=2025, installation="bench", now=NOW, prepared=prepared
        )
    with write_transaction(engine) as connection:
        review(connection, unit_code=code, year=2025, decision=Decision.ACCEPT, now=NOW)


def main(url: str, workers: int) -> None:
    engine = database.open_current(url)
    start = time.perf_counter()
    with write_transaction(engine) as connection:
        found = open_round(connection, body_code="VN", year=2025, as_of=AS_OF, now=NOW)
    with engine.connect() as connection:
        members = [u.code for u in round_status(connection, found, NOW.date()).units]
    opened = time.perf_counter()
    each = []
    if workers:
        with ProcessPoolExecutor(workers, initializer=_start, initargs=(url,)) as pool:
            for code, prepared, took in pool.map(_prepare, members):
                _store(engine, code, prepared)
                each.append(took)
    else:
        for code in members:
            began = time.perf_counter()
            _store(engine, code, None)
            each.append(time.perf_counter() - began)
    submitted = time.perf_counter()
    with engine.connect() as connection:
        result = consolidate(connection, get_round(connection, "VN", 2025), NOW.date())
    consolidated = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        request = ReportRequest("VN", AS_OF, year=2025, issue_date=NOW.date())
        outputs = [(fmt, Path(folder) / f"tong-hop.{fmt}") for fmt in ("docx", "xlsx", "html")]
        write_reports(engine, request, outputs, builder=report_builder(result))
    written = time.perf_counter()
    engine.dispose()
    print(
        f"units {len(members)}; workers {workers}; open {opened - start:.2f} s; submit and accept "
        f"{submitted - opened:.2f} s (median {statistics.median(each):.2f} s a province); "
        f"consolidate {consolidated - submitted:.2f} s; report {written - consolidated:.2f} s; "
        f"total {written - start:.2f} s"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--workers", type=int, default=2)
    arguments = parser.parse_args()
    main(arguments.url, arguments.workers)
