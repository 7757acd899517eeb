"""The 100,000-row staff import of ``bench/run.py``, in one process: timed (wall and CPU) or
profiled, to see where its seconds go.

    # once: the XLSX (from the national dataset) and a target holding only its units
    python bench/import_profile.py setup --national /tmp/import/nat.db --data-dir /tmp/import
    # PostgreSQL: a database of one's own (after the SQLite setup, which writes the files)
    python bench/import_profile.py setup --engine postgresql --pg-db import_bench
    # then, as often as wanted (the staff rows of the previous run are emptied first):
    python bench/import_profile.py run --db sqlite:////tmp/import/import_target.db \
        --xlsx /tmp/import/staff_100000.xlsx [--runs 3] [--profile out.prof]

``setup`` is ``run.py``'s ``import_setup``; ``run`` empties the target as ``run.py``'s
``prepare`` does and times ``import_staff`` in a ``write_transaction``, as ``run.py``'s
``run_once`` does (the bench's own question, without its child processes).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # bench/run.py: the bench's own set-up and preparation)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("setup", "run"))
    parser.add_argument("--national", type=Path, help="setup: the national dataset (a copy)")
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/import"))
    parser.add_argument("--engine", default="sqlite", choices=("sqlite", "postgresql"))
    parser.add_argument("--pg-url", default=run.DEFAULT_PG)
    parser.add_argument("--pg-db", default="import_bench", help="setup: PostgreSQL database")
    parser.add_argument("--db", help="run: the target database URL")
    parser.add_argument("--xlsx", type=Path, help="run: the staff XLSX")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--profile", type=Path, help="run: write cProfile stats here")
    args = parser.parse_args()
    if args.action == "setup":
        args.data_dir.mkdir(parents=True, exist_ok=True)
        if args.engine == "sqlite":
            target, xlsx = run.import_setup(args.engine, f"sqlite:///{args.national}", args)
        else:  # a database of one's own (not the bench's), from the files setup wrote
            xlsx = args.data_dir / f"staff_{run.IMPORT_ROWS}.xlsx"
            name = args.pg_db
            run.admin(args.pg_url, f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"')
            target = f"{args.pg_url.rsplit('/', 1)[0]}/{name}"
            run.binhdang("init", "--db", target)
            run.binhdang("import", "units", str(args.data_dir / "units.csv"), "--db", target)
        print(json.dumps({"db": target, "xlsx": str(xlsx)}))
        return
    from binhdang.ingest.service import import_staff
    from binhdang.store import database
    from binhdang.store.writes import write_transaction

    engine = database.create(args.db)
    spec = {"question": "import"}
    for _ in range(args.runs):
        run.prepare(engine, spec, {})
        profiler = cProfile.Profile() if args.profile else None
        cpu, wall = os.times(), time.perf_counter()
        if profiler:
            profiler.enable()
        with write_transaction(engine) as connection:
            outcome = import_staff(connection, args.xlsx, run.AS_OF)
        if profiler:
            profiler.disable()
            profiler.dump_stats(args.profile)
        after = os.times()
        print(
            json.dumps(
                {
                    "wall": round(time.perf_counter() - wall, 2),
                    "cpu": round(after.user + after.system - cpu.user - cpu.system, 2),
                    # the child that parses a large XLSX while this process checks it
                    "cpu_children": round(
                        after.children_user
                        + after.children_system
                        - cpu.children_user
                        - cpu.children_system,
                        2,
                    ),
                    "added": outcome.summary()["added"],
                    "load": os.getloadavg()[0],
                }
            ),
            flush=True,
        )


if __name__ == "__main__":
    main()
