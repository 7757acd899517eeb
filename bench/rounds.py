"""Issue 17, item 6 (not yet met): a round of the 34-province level on a national-shaped
dataset — the round opened, every province submitting (report files included) and accepted,
and the consolidated national report written — timed in one process.

Usage (a copy of a generated database, which it changes)::

    binhdang generate --persons 2500000 --units 12000 --years 10 --seed 1 --db national.db
    cp national.db round.db && python bench/rounds.py sqlite:///round.db

Prints the time of each step; the target is ≤ 60 s in all (bench/RESULTS.md).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from binhdang.reports.build import ReportRequest
from binhdang.reports.service import write_reports
from binhdang.rounds.consolidate import consolidate, report_builder
from binhdang.rounds.rules import Decision
from binhdang.rounds.service import get_round, open_round, review, round_status, submit
from binhdang.store import database
from binhdang.store.writes import write_transaction

AS_OF = date(2025, 6, 30)
NOW = datetime(2025, 12, 20, tzinfo=UTC)


def main(url: str) -> None:
    engine = database.open_current(url)
    start = time.perf_counter()
    with write_transaction(engine) as connection:
        found = open_round(connection, body_code="VN", year=2025, as_of=AS_OF, now=NOW)
    with engine.connect() as connection:
        members = [u.code for u in round_status(connection, found, NOW.date()).units]
    opened = time.perf_counter()
    each = []
    for code in members:
        began = time.perf_counter()
        with write_transaction(engine) as connection:
            submit(connection, unit_code=code, year=2025, installation="bench", now=NOW)
        with write_transaction(engine) as connection:
            review(connection, unit_code=code, year=2025, decision=Decision.ACCEPT, now=NOW)
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
    print(f"units {len(members)}; open {opened - start:.2f} s; submit and accept "
          f"{submitted - opened:.2f} s (median {statistics.median(each):.2f} s a province); "
          f"consolidate {consolidated - submitted:.2f} s; report {written - consolidated:.2f} s; "
          f"total {written - start:.2f} s")  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1])
