"""``make bench``: the national-scale benchmarks of issue 5, written to bench/RESULTS.md.

On the synthetic national dataset (``binhdang generate``; generated once and kept in
``--data-dir``), on SQLite and PostgreSQL, each question is timed in a fresh process (so that
its peak RSS is its own) over several runs, beside two baselines measured in the same run on
the same data: a naive approach (load the tables into pandas, filter per date) and a
hand-written SQL floor (one ``COUNT(*)`` scan of the as-of employment rows).

On SQLite, DuckDB and Polars are timed beside binhdang (``bench/peers.py``): cold, each a whole
fresh process; then warm, each in one process asked the same question again (binhdang as
``binhdang serve`` answers it to a signed-in client, and recomputed without its answer cache).
That part alone, on an existing database: ``python bench/run.py --only peers --db /tmp/nat.db``.

Smaller runs: ``BINHDANG_BENCH_PERSONS=50000 BINHDANG_BENCH_UNITS=500 make bench`` (also
``_YEARS``, ``_RUNS``, ``_NAIVE_RUNS``, ``_WARM_RUNS``, ``_ENGINES``, ``_OUT``) or the options of
``--help``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/postgres"
AS_OF = date(2025, 6, 30)  # inside the last year of the default period (…–31/12/2025)
IMPORT_ROWS = 100_000
PROVINCE = "VN-01"

TARGETS = {  # question → (seconds, description); issue 5, "Targets"
    "root": (2.0, "≤ 2 s and ≤ 3× the SQL floor"),
    "province": (0.1, "≤ 100 ms"),
    "trend": (3.0, "≤ 3 s"),
    "import": (20.0, "≤ 20 s"),
    "report": (3.0, "≤ 3 s"),  # issue 12 (issue 5 asked ≤ 5 s)
}
RSS_TARGET_MB = 2048


def env(name: str, default: str) -> str:
    return os.environ.get(f"BINHDANG_BENCH_{name}") or default


def options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=int(env("PERSONS", "2500000")))
    parser.add_argument("--units", type=int, default=int(env("UNITS", "12000")))
    parser.add_argument("--years", type=int, default=int(env("YEARS", "10")))
    parser.add_argument("--seed", type=int, default=int(env("SEED", "1")))
    parser.add_argument("--runs", type=int, default=int(env("RUNS", "5")))
    parser.add_argument("--naive-runs", type=int, default=int(env("NAIVE_RUNS", "3")))
    parser.add_argument(
        "--warm-runs",
        type=int,
        default=int(env("WARM_RUNS", "20")),
        help="the peers' warm side: timed repetitions of each question in one process "
        "(binhdang serve, binhdang recomputed, DuckDB, Polars); 0: no warm side",
    )
    parser.add_argument("--engines", default=env("ENGINES", "sqlite,postgresql"))
    parser.add_argument("--pg-url", default=env("PG_URL", DEFAULT_PG))
    parser.add_argument(
        "--data-dir", type=Path, default=Path(env("DATA_DIR", "/tmp/binhdang-bench"))
    )
    parser.add_argument(
        "--out", type=Path, default=Path(env("OUT", str(ROOT / "bench" / "RESULTS.md")))
    )
    parser.add_argument(
        "--only",
        default=env("ONLY", ""),
        help="re-run only these questions (comma-separated: root, province, trend, import, "
        "report, peers, pay) and keep the others from the last run's results.json; peers alone "
        "needs no earlier run (bench/peers.py)",
    )
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help="an existing SQLite database file to measure instead of generating one (no "
        "migration, nothing written into it; binhdang keeps its columnar copy beside it, "
        "FILE.binhdang-cols), e.g. --only peers --db /tmp/nat.db",
    )
    parser.add_argument(
        "--pay-db",
        type=Path,
        default=Path(env("PAY_DB", "")) if env("PAY_DB", "") else None,
        help="a SQLite database generated with --pay: the pay indicators' rows (bench/pay.py; "
        "--only pay for them alone)",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    return parser.parse_args()


# --- child: one question, one approach, several runs; prints JSON -------------------------


def child(spec: dict[str, Any]) -> None:
    from binhdang.store import database

    engine = database.create(spec["url"])
    question, approach = spec["question"], spec["approach"]
    times: list[float] = []
    check: Any = None
    state: dict[str, Any] = {}
    if question != "import" and approach != "naive":  # an untimed warm-up run: imports,
        run_once(engine, question, approach, spec, state)  # caches, the page cache
    for _ in range(spec["runs"]):
        prepare(engine, spec, state)
        started = time.perf_counter()
        check = run_once(engine, question, approach, spec, state)
        times.append(time.perf_counter() - started)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"times": times, "rss_mb": rss_mb, "check": check}))


def prepare(engine: Any, spec: dict[str, Any], state: dict[str, Any]) -> None:
    """Untimed set-up before each run (the import starts from a database with units only)."""
    if spec["question"] != "import":
        return
    from sqlalchemy import text

    with engine.begin() as connection:
        for table in ("position", "employment", "person", "naive_staff", "floor_staff"):
            if table in ("naive_staff", "floor_staff"):
                connection.execute(text(f"DROP TABLE IF EXISTS {table}"))
            else:
                connection.execute(text(f"DELETE FROM {table}"))
        # The import's journal (migration 0004) refers to its batch: emptied first.
        connection.execute(
            text(
                "DELETE FROM import_change WHERE batch_id IN "
                "(SELECT id FROM import_batch WHERE kind = 'staff')"
            )
        )
        connection.execute(text("DELETE FROM import_batch WHERE kind = 'staff'"))


def run_once(
    engine: Any, question: str, approach: str, spec: dict[str, Any], state: dict[str, Any]
) -> Any:
    as_of = date.fromisoformat(spec["as_of"])
    if question in ("root", "province"):
        code = spec["unit"]
        if approach == "engine":
            from binhdang.indicators.service import indicators_for

            with engine.connect() as connection:
                return summary(indicators_for(connection, code, as_of))
        if approach == "naive":
            return naive_indicators(engine, code, [as_of])[0]
        return floor_count(engine, as_of, as_of, spec.get("unit_ids"))
    if question == "trend":
        ends = [date.fromisoformat(d) for d in spec["ends"]]
        if approach == "engine":
            from binhdang.indicators.trend import trend

            with engine.connect() as connection:
                return [summary(s) for s in trend(connection, spec["unit"], ends)]
        if approach == "naive":
            return naive_indicators(engine, spec["unit"], ends)
        return floor_count(engine, ends[0], ends[-1], None)
    if question == "import":
        path = Path(spec["xlsx"])
        if approach == "engine":
            from binhdang.ingest.service import import_staff
            from binhdang.store.writes import write_transaction

            with write_transaction(engine) as connection:
                outcome = import_staff(connection, path, as_of)
            return outcome.summary()["added"]
        if approach == "naive":
            import pandas as pd

            frame = pd.read_excel(path)
            with engine.begin() as connection:
                frame.to_sql("naive_staff", connection, index=False)
            return len(frame)
        return floor_import(engine, path)
    raise SystemExit(f"unknown question {question}")


def summary(result: Any) -> list[int]:
    """The figures compared across approaches: women/all staff, heads, deputies, units with
    a woman in key leadership, units with a woman head, units ≥ 30% women without a woman
    leader (numerators and denominators)."""
    values = []
    for code in (
        "women_share_staff",
        "women_share_key_leaders",
        "women_share_deputies",
        "units_with_woman_key_leadership",
        "units_with_woman_head",
        "units_30pct_women_without_woman_leader",
    ):
        ratio = result.get(code).ratio
        values += [ratio.numerator, ratio.denominator]
    return values


def floor_count(engine: Any, first: date, last: date, unit_ids: list[int] | None) -> int:
    """The SQL floor: one COUNT(*) over the employment rows valid at some date of [first, last]."""
    from sqlalchemy import text

    sql = "SELECT count(*) FROM employment WHERE valid_from <= :last AND valid_to > :first"
    if unit_ids is not None:
        sql += f" AND unit_id IN ({', '.join(str(i) for i in unit_ids)})"
    with engine.connect() as connection:
        return connection.execute(text(sql), {"first": first, "last": last}).scalar_one()


def floor_import(engine: Any, path: Path) -> int:
    """The import floor: read the sheet (calamine) and insert its rows with one executemany."""
    from python_calamine import CalamineWorkbook
    from sqlalchemy import text

    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    header, body = rows[0], rows[1:]
    columns = ", ".join(f"c{i} TEXT" for i in range(len(header)))
    with engine.begin() as connection:
        connection.execute(text(f"CREATE TABLE floor_staff ({columns})"))
        marks = ", ".join(f":c{i}" for i in range(len(header)))
        connection.execute(
            text(f"INSERT INTO floor_staff VALUES ({marks})"),
            [{f"c{i}": str(v) for i, v in enumerate(row)} for row in body],
        )
    return len(body)


def naive_indicators(engine: Any, code: str, dates: list[date]) -> list[list[int]]:
    """The naive approach: load the tables into pandas, then filter and group per date."""
    import pandas as pd

    def text_date(column: str) -> str:
        return column if engine.dialect.name == "sqlite" else f"CAST({column} AS TEXT) AS {column}"

    with engine.connect() as connection:
        person = pd.read_sql(f"SELECT id, sex, {text_date('birth_date')} FROM person", connection)
        jobs = pd.read_sql(
            "SELECT person_id, unit_id, category, "
            f"{text_date('valid_from')}, {text_date('valid_to')} FROM employment",
            connection,
        )
        posts = pd.read_sql(
            "SELECT person_id, unit_id, level, "
            f"{text_date('valid_from')}, {text_date('valid_to')} FROM position",
            connection,
        )
        units = pd.read_sql(
            "SELECT unit.id, unit.code, parent_id, "
            f"{text_date('valid_from')}, {text_date('valid_to')} FROM unit "
            "JOIN unit_version ON unit_version.unit_id = unit.id",
            connection,
        )
    jobs = jobs.merge(person, left_on="person_id", right_on="id")
    posts = posts.merge(person, left_on="person_id", right_on="id")
    results = []
    for day in dates:
        d = day.isoformat()
        tree = units[(units.valid_from <= d) & (units.valid_to > d)]
        scope = set(tree.loc[tree.code == code, "id"])
        frontier = set(scope)
        while frontier:
            frontier = set(tree.loc[tree.parent_id.isin(frontier), "id"]) - scope
            scope |= frontier
        staff = jobs[(jobs.valid_from <= d) & (jobs.valid_to > d) & jobs.unit_id.isin(scope)]
        held = posts[(posts.valid_from <= d) & (posts.valid_to > d) & posts.unit_id.isin(scope)]
        women = int((staff.sex == "F").sum())
        values = [women, int(staff.sex.isin(["F", "M"]).sum())]
        for level in ("head", "deputy"):
            chosen = held[held.level == level]
            values += [int((chosen.sex == "F").sum()), int(chosen.sex.isin(["F", "M"]).sum())]
        # Units whose head or deputies include a woman, of all units in scope (NQ 28's indicator).
        leading = held[held.level.isin(["head", "deputy"])]
        values += [len(set(leading.loc[leading.sex == "F", "unit_id"]) & scope), len(scope)]
        heads = held[held.level == "head"].groupby("unit_id").sex.agg(lambda s: (s == "F").any())
        values += [int(heads.sum()), len(heads)]
        # The 30% rule over every unit of the scope, on subtree totals.
        parent = dict(zip(tree.id, tree.parent_id, strict=True))
        per_unit = staff.groupby("unit_id").sex.agg(
            women=lambda s: int((s == "F").sum()), all=lambda s: int(s.isin(["F", "M"]).sum())
        )
        totals: dict[int, list[int]] = {unit: [0, 0] for unit in scope}
        root_id = int(tree.loc[tree.code == code, "id"].iloc[0])
        for unit, row in per_unit.iterrows():
            current = unit
            while current in scope:
                totals[current][0] += row["women"]
                totals[current][1] += row["all"]
                if current == root_id:
                    break
                current = parent.get(current)
        leaders = set(held.loc[held.sex == "F", "unit_id"])
        applicable = [u for u, (w, a) in totals.items() if a and w * 100 >= 30 * a]
        values += [sum(1 for u in applicable if u not in leaders), len(applicable)]
        results.append(values)
    return results


# --- parent: datasets, questions, RESULTS.md -------------------------------------------------


def binhdang(*args: str) -> None:
    subprocess.run([str(BIN / "binhdang"), *args], check=True)


def dataset_url(engine_name: str, args: argparse.Namespace) -> tuple[str, float | None]:
    """The benchmark database (generated when missing) and the generation time, if it ran."""
    tag = f"{args.persons}_{args.units}_{args.years}_{args.seed}"
    if engine_name == "sqlite" and args.db is not None:
        return f"sqlite:///{args.db.resolve()}", None
    if engine_name == "sqlite":
        path = args.data_dir / f"national_{tag}.db"
        url = f"sqlite:///{path}"
        if path.exists() and persons_in(url) == args.persons:
            binhdang("init", "--db", url)  # a kept dataset gets any newer migration
            return url, None
        path.unlink(missing_ok=True)
    else:
        base = args.pg_url.rsplit("/", 1)[0]
        name = f"binhdang_bench_{tag}"
        url = f"{base}/{name}"
        if persons_in(url) == args.persons:
            binhdang("init", "--db", url)
            return url, None
        admin(args.pg_url, f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"')
    started = time.perf_counter()
    binhdang(
        "generate",
        "--persons",
        str(args.persons),
        "--units",
        str(args.units),
        "--years",
        str(args.years),
        "--seed",
        str(args.seed),
        "--db",
        url,
    )
    return url, time.perf_counter() - started


def admin(url: str, *statements: str) -> None:
    from sqlalchemy import create_engine, text

    from binhdang.store import database

    engine = create_engine(database.normalise_url(url), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        for statement in statements:
            connection.execute(text(statement))
    engine.dispose()


def persons_in(url: str) -> int | None:
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    from binhdang.store import database

    try:
        engine = database.create(url)
        with engine.connect() as connection:
            return connection.execute(text("SELECT count(*) FROM person")).scalar_one()
    except SQLAlchemyError:
        return None


def measure(spec: dict[str, Any]) -> dict[str, Any]:
    import peers  # its launcher: the child's peak RSS not floored by this process's own

    _, _, _, output = peers.timed([sys.executable, __file__, "--child", json.dumps(spec)])
    result = json.loads(output.strip().splitlines()[-1])
    result["median"] = statistics.median(result["times"])
    return result


def province_ids(url: str) -> list[int]:
    from binhdang.store import database
    from binhdang.units.tree import load_tree

    engine = database.create(url)
    with engine.connect() as connection:
        tree = load_tree(connection, AS_OF)
        return tree.subtree_ids(tree.require(PROVINCE).id)


def import_setup(engine_name: str, url: str, args: argparse.Namespace) -> tuple[str, Path]:
    """A 100,000-row staff XLSX (from the national dataset) and a database holding only the
    national unit tree, into which it is imported."""
    from openpyxl import Workbook
    from sqlalchemy import text

    from binhdang.store import database

    folder = args.data_dir
    xlsx = folder / f"staff_{IMPORT_ROWS}.xlsx"
    units_csv = folder / "units.csv"
    source = database.create(url)
    if not xlsx.exists() or not units_csv.exists():
        with source.connect() as connection:
            units = connection.execute(
                text(
                    "SELECT u.code, v.name, p.code, v.kind FROM unit u JOIN unit_version v "
                    "ON v.unit_id = u.id LEFT JOIN unit p ON p.id = v.parent_id ORDER BY u.id"
                )
            ).all()
            staff = connection.execute(
                text(
                    "SELECT p.staff_code, p.full_name, p.sex, p.birth_date, u.code, e.category, e.rank "
                    "FROM employment e JOIN person p ON p.id = e.person_id JOIN unit u "
                    "ON u.id = e.unit_id WHERE e.valid_from <= :d AND e.valid_to > :d "
                    "ORDER BY e.id LIMIT :n"
                ),
                {"d": AS_OF, "n": IMPORT_ROWS},
            ).all()
        import csv

        with units_csv.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["Mã đơn vị", "Tên đơn vị", "Mã đơn vị cấp trên", "Loại đơn vị"])
            writer.writerows([[c, n, p or "", k] for c, n, p, k in units])
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("Danh sách")
        sheet.append(
            [
                "Mã cán bộ",
                "Họ và tên",
                "Giới tính",
                "Ngày sinh",
                "Mã đơn vị",
                "Loại cán bộ",
                "Ngạch",
            ]
        )
        labels = {"cong_chuc": "Công chức", "vien_chuc": "Viên chức", "lao_dong": "Lao động"}
        for code, name, sex, born, unit, category, rank in staff:
            born = born if isinstance(born, date) else date.fromisoformat(born)
            sheet.append(
                [
                    code,
                    name,
                    "Nữ" if sex == "F" else "Nam",
                    born.strftime("%d/%m/%Y"),
                    unit,
                    labels[category],
                    rank,
                ]
            )
        workbook.save(xlsx)
    if engine_name == "sqlite":
        path = folder / "import_target.db"
        path.unlink(missing_ok=True)
        target = f"sqlite:///{path}"
    else:
        base = args.pg_url.rsplit("/", 1)[0]
        admin(
            args.pg_url,
            'DROP DATABASE IF EXISTS "binhdang_bench_import"',
            'CREATE DATABASE "binhdang_bench_import"',
        )
        target = f"{base}/binhdang_bench_import"
    binhdang("init", "--db", target)
    binhdang("import", "units", str(units_csv), "--db", target)
    return target, xlsx


def report_run(url: str, args: argparse.Namespace) -> dict[str, Any] | None:
    """``binhdang report`` for one province, all formats, as a user runs it (a new process)."""
    try:
        import binhdang.reports.service  # noqa: F401
    except ImportError:
        return None
    import peers  # its launcher: a child's peak RSS not floored by this process's own

    times, rss = [], 0.0
    for run in range(args.runs):
        out = args.data_dir / f"report_{run}"
        shutil.rmtree(out, ignore_errors=True)
        try:
            wall, _, peak, _ = peers.timed(
                [
                    str(BIN / "binhdang"),
                    "report",
                    "--unit",
                    PROVINCE,
                    "--as-of",
                    AS_OF.isoformat(),
                    "--out",
                    str(out),
                    "--db",
                    url,
                ]
            )
        except SystemExit as failed:
            print(failed, file=sys.stderr)
            return {"error": "exit ≠ 0"}
        times.append(wall)
        rss = max(rss, peak)
    return {"times": times, "median": statistics.median(times), "rss_mb": rss}


def bench_engine(
    engine_name: str, args: argparse.Namespace, only: set[str] | None = None
) -> dict[str, Any]:
    """Every question on one engine (or those in ``only``)."""
    wanted = only or {"root", "province", "trend", "import", "report", "peers"}
    url, generated = dataset_url(engine_name, args)
    last = date(2025, 12, 31)
    ends = [last.replace(year=last.year - back) for back in range(args.years)][::-1]
    common = {"url": url, "as_of": AS_OF.isoformat()}
    results: dict[str, Any] = {"url": url, "generated_s": generated, "questions": {}}
    questions = {
        "root": {**common, "question": "root", "unit": "VN"},
        "province": {
            **common,
            "question": "province",
            "unit": PROVINCE,
            "unit_ids": province_ids(url),
        },
        "trend": {
            **common,
            "question": "trend",
            "unit": "VN",
            "ends": [d.isoformat() for d in ends],
        },
    }
    for name, spec in questions.items():
        if name not in wanted:
            continue
        row = {}
        for approach in ("engine", "floor", "naive"):
            runs = args.naive_runs if approach == "naive" else args.runs
            print(f"[{engine_name}] {name} / {approach} × {runs}", file=sys.stderr, flush=True)
            row[approach] = measure({**spec, "approach": approach, "runs": runs})
        results["questions"][name] = row
    if "import" in wanted:
        target, xlsx = import_setup(engine_name, url, args)
        row = {}
        for approach in ("engine", "floor", "naive"):
            runs = args.naive_runs if approach != "engine" else max(1, min(args.runs, 3))
            print(f"[{engine_name}] import / {approach} × {runs}", file=sys.stderr, flush=True)
            row[approach] = measure(
                {
                    "url": target,
                    "as_of": AS_OF.isoformat(),
                    "question": "import",
                    "approach": approach,
                    "runs": runs,
                    "xlsx": str(xlsx),
                }
            )
        results["questions"]["import"] = row
    if "report" in wanted:
        print(f"[{engine_name}] report", file=sys.stderr, flush=True)
        report = report_run(url, args)
        results["questions"]["report"] = {"engine": report} if report else None
    if "peers" in wanted and engine_name == "sqlite":  # no DuckDB peer reads PostgreSQL
        import peers

        path = Path(url.removeprefix("sqlite:///"))
        results["peers"] = peers.run(
            path, args.data_dir / "peers", args.runs, AS_OF, PROVINCE, ends,
            warm_runs=args.warm_runs,
        )  # fmt: skip
    return results


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
        ram = f"{int(memory) / 1024 / 1024:.0f} GB RAM"
    except OSError:
        ram = "?"
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{platform.node()}: {os.cpu_count()} cores ({cpu}), {ram}, Linux "
        f"{platform.release()}, Python {platform.python_version()}; load average at start "
        f"{load} (the machine is shared)"
    )


def versions(urls: dict[str, str]) -> dict[str, str]:
    import sqlite3

    from sqlalchemy import text

    from binhdang.store import database

    found = {"sqlite": f"SQLite {sqlite3.sqlite_version}"}
    if "postgresql" in urls:
        with database.create(urls["postgresql"]).connect() as connection:
            found["postgresql"] = (
                connection.execute(text("SELECT version()")).scalar_one().split(" on ")[0]
            )
    return found


def fmt_s(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def write_results(
    args: argparse.Namespace, started: datetime, info: str, all_results: dict[str, Any]
) -> None:
    urls = {name: r["url"] for name, r in all_results.items()}
    engines = versions(urls)
    lines = [
        START,
        "## National scale (issue 5)",
        "",
        f"- **Date**: {started:%Y-%m-%d %H:%M} UTC (written by `make bench`, `bench/run.py`)",
        f"- **Machine**: {info}",
        f"- **Engines**: {'; '.join(engines.values())}",
        f"- **Dataset**: `binhdang generate --persons {args.persons} --units {args.units} "
        f"--years {args.years} --seed {args.seed}` (period {args.years} years to 31/12/2025); "
        f"questions as of {AS_OF:%d/%m/%Y}; province `{PROVINCE}`; trend: {args.years} yearly "
        "period ends (31/12).",
        f"- **Runs**: median of {args.runs} runs (naive approach: {args.naive_runs}; import: "
        f"{max(1, min(args.runs, 3))}), each question in a fresh process after one untimed "
        "warm-up run (not for the import nor the naive approach); peak RSS of that process (`ru_maxrss`).",
        "",
    ]
    for name, result in all_results.items():
        lines += [f"### {engines.get(name, name)}", ""]
        if result.get("reruns"):
            shown = ", ".join(f"{q} at {t} UTC" for q, t in result["reruns"].items())
            lines += [
                f"Re-run with `--only` after the full run: {shown}; the other rows are "
                "from the full run.",
                "",
            ]
        if result.get("generated_s") is not None:
            lines += [
                f"Dataset generated in this run in {fmt_s(result['generated_s'])} "
                "(`binhdang generate`, including process start).",
                "",
            ]
        lines += [
            "| Question | binhdang (median) | peak RSS | SQL floor | naive pandas | "
            "÷ floor | naive ÷ binhdang | target | met | figures agree |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for question, row in result["questions"].items():
            if row is None or row.get("engine") is None:
                lines.append(
                    f"| {question} | not measured yet (`binhdang.reports` missing) "
                    "| | | | | | | | |"
                )
                continue
            engine = row["engine"]
            if "error" in engine:
                lines.append(f"| {question} | failed: {engine['error']} | | | | | | | | |")
                continue
            floor, naive = row.get("floor"), row.get("naive")
            seconds, text_target = TARGETS[question]
            met = engine["median"] <= seconds and engine["rss_mb"] <= RSS_TARGET_MB
            if question == "root" and floor:
                met = met and engine["median"] <= 3 * floor["median"]
            if naive:
                met = met and naive["median"] >= 10 * engine["median"]
            agree = "—"
            if naive and question in ("root", "province", "trend"):
                agree = "yes" if naive["check"] == engine["check"] else "**no**"
            cells = [
                question,
                fmt_s(engine["median"]),
                f"{engine['rss_mb']:.0f} MB",
                fmt_s(floor["median"]) if floor else "—",
                fmt_s(naive["median"]) if naive else "—",
                f"{engine['median'] / floor['median']:.1f}×" if floor else "—",
                f"{naive['median'] / engine['median']:.1f}×" if naive else "—",
                f"{text_target}, RSS ≤ 2 GB" + (", ≥ 10× naive" if naive else ""),
                "yes" if met else "**no**",
                agree,
            ]
            lines.append("| " + " | ".join(cells) + " |")
        lines += ["", "All runs (seconds):", ""]
        for question, row in result["questions"].items():
            for approach, values in (row or {}).items():
                if values and "times" in values:
                    shown = ", ".join(f"{t:.3f}" for t in values["times"])
                    lines.append(
                        f"- {question} / {approach}: {shown} (peak RSS {values['rss_mb']:.0f} MB)"
                    )
        lines.append("")
    if "sqlite" in all_results and "postgresql" in all_results:
        lines += [
            "### PostgreSQL ÷ SQLite",
            "",
            "| Question | ratio | within 2× |",
            "|---|---|---|",
        ]
        for question, row in all_results["postgresql"]["questions"].items():
            other = all_results["sqlite"]["questions"].get(question)
            if not row or not other or not row.get("engine") or not other.get("engine"):
                continue
            if "median" not in row["engine"] or "median" not in other["engine"]:
                continue
            ratio = row["engine"]["median"] / other["engine"]["median"]
            lines.append(f"| {question} | {ratio:.2f}× | {'yes' if ratio <= 2 else '**no**'} |")
        lines.append("")
    notes = ROOT / "bench" / "NOTES.md"
    if notes.exists():
        lines += [notes.read_text(encoding="utf-8").strip(), ""]
    lines.append(END)
    write_section(args.out, "\n".join(lines))
    print(f"written {args.out}", file=sys.stderr)


START, END = "<!-- area:scale -->", "<!-- /area:scale -->"
PEERS_START, PEERS_END = "<!-- area:peers -->", "<!-- /area:peers -->"


def write_peers(args: argparse.Namespace, results: dict[str, Any]) -> None:
    """The peers' section of RESULTS.md (its own markers: ``--only peers`` needs no full run)."""
    import peers

    when = results.get("started") or datetime.now(UTC).strftime("%Y-%m-%d %H:%M")
    path = Path(results["copies"]["stamp"]["source"])
    lines = [PEERS_START, *peers.section(results, when, path), PEERS_END]
    write_section(args.out, "\n".join(lines), PEERS_START, PEERS_END)
    print(f"written {args.out} (peers)", file=sys.stderr)


def bench_pay(args: argparse.Namespace) -> None:
    """The pay indicators on a database generated with pay (bench/pay.py), in their block."""
    import pay

    if args.pay_db is None or not args.pay_db.exists():
        raise SystemExit("--only pay needs --pay-db FILE (binhdang generate … --pay)")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    results = pay.run(args.pay_db.resolve(), args.runs, AS_OF, PROVINCE)
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M")
    block = [pay.START, *pay.section(results, when, load), pay.END]
    write_section(args.out, "\n".join(block), pay.START, pay.END)
    print(f"written {args.out} (pay)", file=sys.stderr)
    failed = [
        u for u, row in results["units"].items() if not (row["agree"] and row["process_agrees"])
    ]
    if failed:
        raise SystemExit(f"the pay figures disagree for {', '.join(failed)}")


def write_section(path: Path, section: str, start: str = START, end: str = END) -> None:
    """Replace this benchmark's section of ``path`` (between its markers), keeping the rest of
    the file (other areas' results)."""
    current = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    if start in current and end in current:
        head, rest = current.split(start, 1)
        updated = head + section + rest.split(end, 1)[1]
    else:
        updated = current.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(updated, encoding="utf-8")


def main() -> None:
    args = options()
    if args.child:
        child(json.loads(args.child))
        return
    args.data_dir.mkdir(parents=True, exist_ok=True)
    began = started = datetime.now(UTC)
    info = machine()
    kept = args.data_dir / "results.json"
    only = {q.strip() for q in args.only.split(",") if q.strip()}
    results: dict[str, Any] = {}
    peers_results: dict[str, Any] | None = None
    unknown = only - {"root", "province", "trend", "import", "report", "peers", "pay"}
    if unknown:
        raise SystemExit(f"--only: unknown questions {sorted(unknown)}")
    if "pay" in only or (not only and args.pay_db):
        bench_pay(args)
        only.discard("pay")
        if not only and args.only:
            return
    if only == {"peers"}:  # the peers alone, on SQLite, in their own section of RESULTS.md
        args.engines = "sqlite"
    elif only:  # the other questions come from the last full run, said so in RESULTS.md
        if not kept.exists():
            raise SystemExit(f"--only needs the results of a full run in {kept}")
        results = json.loads(kept.read_text())
        previous = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        full = re.search(r"\*\*Date\*\*: (\S+ \S+) UTC", previous.split(START, 1)[-1])
        if full:
            started = datetime.fromisoformat(full.group(1)).replace(tzinfo=UTC)
    for engine_name in [e.strip() for e in args.engines.split(",") if e.strip()]:
        fresh = bench_engine(engine_name, args, only or None)
        peers_results = fresh.pop("peers", None) or peers_results
        if only == {"peers"}:
            continue
        if only and engine_name in results:
            results[engine_name]["questions"].update(fresh["questions"])
            reruns = results[engine_name].setdefault("reruns", {})
            now = datetime.now(UTC)
            reruns.update({question: f"{now:%H:%M}" for question in fresh["questions"]})
        else:
            results[engine_name] = fresh
        kept.write_text(json.dumps(results, indent=1, default=str))
    if only != {"peers"}:
        write_results(args, started, info, results)
    failed: list[str] = []
    if peers_results is not None:
        import peers

        (args.data_dir / "peers.json").write_text(json.dumps(peers_results, indent=1))
        write_peers(args, peers_results)
        failed = peers.disagreements(peers_results)
    elapsed = datetime.now(UTC) - began
    print(f"bench done in {elapsed // timedelta(seconds=1)} s", file=sys.stderr)
    if failed:
        raise SystemExit(f"the figures disagree with binhdang's: {', '.join(failed)}")


if __name__ == "__main__":
    main()
