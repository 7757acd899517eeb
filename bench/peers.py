"""DuckDB and Polars as peers of binhdang in ``make bench`` (issue 19, item 1).

The tools an analyst would pick instead of binhdang, on copies of the same SQLite data:

- **DuckDB** on its own database file (``peers.duckdb``) and on Parquet copies;
- **Polars**, a lazy scan of the Parquet copies.

Each does the counts binhdang's indicator set starts from — staff by unit × sex × category ×
age band and posts by unit × sex × level, as of a date — for the root ``VN``, one province
(its subtree read from the copied unit tree) and the 10 yearly period ends of the trend, as a
whole fresh process (Python start, import, query, result), timed beside the same question
asked of ``binhdang`` as a user asks it (``binhdang indicators … --format json``,
``binhdang trend … --format json``), runs alternated, median of ``runs``. Copying the tables
is not timed but written down (how, how long, the size on disk).

The figures must agree: every approach's grouped counts give women and all staff (in all,
by category and by age band), women and all heads and deputies, and the units with a woman
head or deputy; binhdang's JSON gives the same figures. :func:`run` says which disagree and
``bench/run.py`` exits non-zero when any does.

Only the standard library is imported at the top: a peer's process imports its own tool and
nothing of binhdang, as an analyst's script would.
"""

from __future__ import annotations

import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

TABLES = ("employment", "position", "unit", "unit_version")
DATE_COLUMNS = {
    "employment": ("valid_from", "valid_to", "birth_date"),
    "position": ("valid_from", "valid_to", "birth_date"),
    "unit": (),
    "unit_version": ("valid_from", "valid_to"),
}
PEERS = ("duckdb", "duckdb-parquet", "polars")
LABELS = {
    "binhdang": "binhdang",
    "duckdb": "DuckDB (own file)",
    "duckdb-parquet": "DuckDB (Parquet)",
    "polars": "Polars (lazy Parquet)",
}
CATEGORIES = ("cong_chuc", "vien_chuc", "lao_dong")
AGE_BAND_KEYS = ("lt30", "30_39", "40_49", "ge50")
QUIET = "SET enable_progress_bar = false"  # DuckDB would draw one on the output of a long query
AGE_LIMITS = (30, 40, 50)  # binhdang.indicators.catalogue.AGE_BANDS' lower bounds after the first


# --- the copies (not timed) ------------------------------------------------------------------


def copy(sqlite_path: Path, folder: Path) -> dict[str, Any]:
    """Parquet copies of the four tables and a DuckDB file made from them, in ``folder``;
    kept while the SQLite file is unchanged (same size and modification time).

    How: each table read whole with Python's sqlite3 into Polars (``pl.read_database``), the
    ISO date texts parsed to dates, written with ``write_parquet`` (zstd); DuckDB's file then
    made with ``CREATE TABLE … AS SELECT * FROM read_parquet(…)``."""
    import duckdb
    import polars as pl

    stat = sqlite_path.stat()
    stamp = {"source": str(sqlite_path), "size": stat.st_size, "mtime": stat.st_mtime}
    info_path = folder / "copies.json"
    if info_path.exists():
        info = json.loads(info_path.read_text())
        if info.get("stamp") == stamp:
            return info
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    source = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True)
    rows = {}
    for table in TABLES:
        frame = pl.read_database(
            f"SELECT * FROM {table}", connection=source, infer_schema_length=None
        )
        frame = frame.with_columns(
            [pl.col(column).str.to_date("%Y-%m-%d") for column in DATE_COLUMNS[table]]
        )
        frame.write_parquet(folder / f"{table}.parquet")
        rows[table] = frame.height
        del frame
    source.close()
    parquet_s = time.perf_counter() - started
    started = time.perf_counter()
    target = folder / "peers.duckdb"
    target.unlink(missing_ok=True)
    with duckdb.connect(str(target)) as connection:
        connection.execute(QUIET)
        for table in TABLES:
            connection.execute(
                f"CREATE TABLE {table} AS SELECT * FROM read_parquet('{folder / table}.parquet')"
            )
    duckdb_s = time.perf_counter() - started
    info = {
        "stamp": stamp,
        "rows": rows,
        "parquet_s": parquet_s,
        "duckdb_s": duckdb_s,
        "parquet_bytes": sum((folder / f"{t}.parquet").stat().st_size for t in TABLES),
        "duckdb_bytes": target.stat().st_size,
        "sqlite_bytes": stat.st_size,
    }
    info_path.write_text(json.dumps(info, indent=1))
    return info


# --- a peer's process ------------------------------------------------------------------------


def cutoffs(day: date) -> list[date]:
    """Born after ``cutoffs[i]``: younger than ``AGE_LIMITS[i]`` on ``day`` (29 February → 28,
    as binhdang.indicators.catalogue.latest_birth_date_for_age)."""
    result = []
    for years in AGE_LIMITS:
        try:
            result.append(day.replace(year=day.year - years))
        except ValueError:
            result.append(date(day.year - years, 2, 28))
    return result


def duckdb_counts(tool: str, folder: Path, days: list[date], unit: str) -> tuple[Any, Any]:
    """Staff and post counts per date as numpy columns, by DuckDB (its file or the Parquet)."""
    import duckdb

    if tool == "duckdb":
        connection = duckdb.connect(str(folder / "peers.duckdb"), read_only=True)
        connection.execute(QUIET)
    else:
        connection = duckdb.connect()
        connection.execute(QUIET)
        for table in TABLES:
            connection.execute(
                f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{folder / table}.parquet')"
            )
    values = ", ".join(
        f"(DATE '{day}', " + ", ".join(f"DATE '{c}'" for c in cutoffs(day)) + ")" for day in days
    )
    days_sql = f"days(day, c30, c40, c50) AS (VALUES {values})"
    scope = ""
    if unit != "VN":  # a subtree: the unit and its descendants in the tree of the date
        (day,) = days
        scope = (
            f" AND t.unit_id IN (WITH RECURSIVE sub(id) AS (SELECT u.id FROM unit u "
            f"JOIN unit_version v ON v.unit_id = u.id AND v.valid_from <= DATE '{day}' "
            f"AND v.valid_to > DATE '{day}' WHERE u.code = '{unit}' UNION ALL "
            f"SELECT v.unit_id FROM unit_version v JOIN sub ON v.parent_id = sub.id "
            f"WHERE v.valid_from <= DATE '{day}' AND v.valid_to > DATE '{day}') "
            f"SELECT id FROM sub)"
        )
    staff = connection.execute(
        f"WITH {days_sql} SELECT d.day, t.unit_id, t.sex, t.category, CASE WHEN t.birth_date > "
        "d.c30 THEN 0 WHEN t.birth_date > d.c40 THEN 1 WHEN t.birth_date > d.c50 THEN 2 "
        "ELSE 3 END AS band, count(*) AS n FROM employment t JOIN days d ON "
        f"t.valid_from <= d.day AND t.valid_to > d.day{scope} GROUP BY ALL"
    ).fetchnumpy()
    posts = connection.execute(
        f"WITH {days_sql} SELECT d.day, t.unit_id, t.sex, t.level, count(*) AS n "
        f"FROM position t JOIN days d ON t.valid_from <= d.day AND t.valid_to > d.day{scope} "
        "GROUP BY ALL"
    ).fetchnumpy()
    return staff, posts


def polars_counts(folder: Path, days: list[date], unit: str) -> tuple[Any, Any]:
    """The same counts by a lazy Polars scan of the Parquet copies."""
    import polars as pl

    jobs = pl.scan_parquet(folder / "employment.parquet")
    held = pl.scan_parquet(folder / "position.parquet")
    scope = None
    if unit != "VN":
        (day,) = days
        versions = (
            pl.scan_parquet(folder / "unit_version.parquet")
            .filter((pl.col("valid_from") <= day) & (pl.col("valid_to") > day))
            .select("unit_id", "parent_id")
            .collect()
        )
        codes = pl.scan_parquet(folder / "unit.parquet").filter(pl.col("code") == unit)
        frontier = codes.select("id").collect().get_column("id")
        scope = frontier
        while frontier.len():
            frontier = versions.filter(pl.col("parent_id").is_in(frontier.to_list())).get_column(
                "unit_id"
            )
            scope = pl.concat([scope, frontier])
    staff_parts, post_parts = [], []
    for day in days:
        c30, c40, c50 = cutoffs(day)
        current = (pl.col("valid_from") <= day) & (pl.col("valid_to") > day)
        if scope is not None:
            current = current & pl.col("unit_id").is_in(scope.to_list())
        band = (
            pl.when(pl.col("birth_date") > c30)
            .then(0)
            .when(pl.col("birth_date") > c40)
            .then(1)
            .when(pl.col("birth_date") > c50)
            .then(2)
            .otherwise(3)
            .alias("band")
        )
        staff_parts.append(
            jobs.filter(current)
            .group_by("unit_id", "sex", "category", band)
            .agg(pl.len().alias("n"))
            .with_columns(pl.lit(day).alias("day"))
        )
        post_parts.append(
            held.filter(current)
            .group_by("unit_id", "sex", "level")
            .agg(pl.len().alias("n"))
            .with_columns(pl.lit(day).alias("day"))
        )
    staff, posts = pl.collect_all([pl.concat(staff_parts), pl.concat(post_parts)])
    return (
        {c: staff.get_column(c).to_numpy() for c in staff.columns},
        {c: posts.get_column(c).to_numpy() for c in posts.columns},
    )


def figures(
    staff: dict[str, Any], posts: dict[str, Any], days: list[date], breakdowns: bool
) -> list[list[int]]:
    """Per date: women/all staff [by category, by age band], women/all heads, women/all
    deputies, units with a woman head or deputy, units with a woman head."""
    import numpy as np

    result = []
    staff_day = np.asarray(staff["day"]).astype("datetime64[D]")
    post_day = np.asarray(posts["day"]).astype("datetime64[D]")
    for day in days:
        at = staff_day == np.datetime64(day, "D")
        sex, n = np.asarray(staff["sex"])[at], np.asarray(staff["n"])[at]
        women, known = sex == "F", (sex == "F") | (sex == "M")
        values = [int(n[women].sum()), int(n[known].sum())]
        if breakdowns:
            category, band = np.asarray(staff["category"])[at], np.asarray(staff["band"])[at]
            for chosen in [category == c for c in CATEGORIES] + [band == b for b in range(4)]:
                values += [int(n[women & chosen].sum()), int(n[known & chosen].sum())]
        at = post_day == np.datetime64(day, "D")
        sex, level = np.asarray(posts["sex"])[at], np.asarray(posts["level"])[at]
        n, unit = np.asarray(posts["n"])[at], np.asarray(posts["unit_id"])[at]
        women, known = sex == "F", (sex == "F") | (sex == "M")
        heads, deputies = level == "head", level == "deputy"
        for chosen in (heads, deputies):
            values += [int(n[women & chosen].sum()), int(n[known & chosen].sum())]
        values.append(len(np.unique(unit[women & (heads | deputies) & (n > 0)])))
        values.append(len(np.unique(unit[women & heads & (n > 0)])))
        result.append(values)
    return result


def binhdang_figures(output: str, breakdowns: bool) -> list[list[int]]:
    """The same figures from ``binhdang indicators``' or ``binhdang trend``'s JSON."""
    data = json.loads(output)
    sets = data if data and "as_of" in data[0] and "code" not in data[0] else [data]
    result = []
    for item in sets:
        codes = {entry["code"]: entry for entry in item} if isinstance(item, list) else item

        def pair(code: str, codes: dict[str, Any] = codes) -> list[int]:
            return [codes[code]["numerator"], codes[code]["denominator"]]

        values = pair("women_share_staff")
        if breakdowns:
            parts = {b["key"]: b for b in codes["women_share_staff"]["breakdowns"]}
            for key in CATEGORIES + AGE_BAND_KEYS:
                values += (
                    [parts[key]["numerator"], parts[key]["denominator"]] if key in parts else [0, 0]
                )
        values += pair("women_share_key_leaders") + pair("women_share_deputies")
        values.append(codes["units_with_woman_key_leadership"]["numerator"])
        values.append(codes["units_with_woman_head"]["numerator"])
        result.append(values)
    return result


def child(tool: str, folder: Path, unit: str, days: list[date]) -> None:
    if tool == "polars":
        staff, posts = polars_counts(folder, days, unit)
    else:
        staff, posts = duckdb_counts(tool, folder, days, unit)
    print(json.dumps(figures(staff, posts, days, breakdowns=len(days) == 1)))


# --- the parent: whole processes, alternated -------------------------------------------------


def questions(as_of: date, province: str, ends: list[date]) -> dict[str, tuple[str, list[date]]]:
    return {"root": ("VN", [as_of]), "province": (province, [as_of]), "trend": ("VN", ends)}


def command(approach: str, url: str, folder: Path, unit: str, days: list[date]) -> list[str]:
    if approach == "binhdang":
        binhdang = str(Path(sys.executable).parent / "binhdang")
        if len(days) == 1:
            return [
                binhdang,
                "indicators",
                "--unit",
                unit,
                "--as-of",
                days[0].isoformat(),
                "--format",
                "json",
                "--db",
                url,
            ]
        return [
            binhdang,
            "trend",
            "--unit",
            unit,
            "--last",
            days[-1].strftime("%d/%m/%Y"),
            "--periods",
            str(len(days)),
            "--every",
            "year",
            "--format",
            "json",
            "--db",
            url,
        ]
    return [
        sys.executable,
        __file__,
        "--child",
        approach,
        str(folder),
        unit,
        *[d.isoformat() for d in days],
    ]


def timed(argv: list[str]) -> tuple[float, float, float, str]:
    """Wall and CPU seconds, peak RSS (MB) and standard output of one whole process.

    Started by a small launcher process (this file, ``--launch``), not by the caller: Linux
    counts in a child's peak RSS the memory of the process it was forked from (its pages
    until ``exec``), and ``bench/run.py`` holds 100–200 MB after its set-up, which showed as
    the peak of every small process."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out"
        launched = subprocess.run(
            [sys.executable, __file__, "--launch", str(out), *argv], capture_output=True, text=True
        )
        if launched.returncode:
            raise SystemExit(f"{' '.join(argv)} failed:\n{launched.stderr}")
        wall, cpu, rss = json.loads(launched.stdout)
        return wall, cpu, rss, out.read_text(encoding="utf-8")


def launch(out: Path, argv: list[str]) -> None:
    """Run ``argv`` with its output into ``out``; print its wall and CPU seconds and peak RSS
    (MB) as JSON; exit non-zero with its error output if it fails."""
    with out.open("wb") as output:
        started = time.perf_counter()
        process = subprocess.Popen(argv, stdout=output, stderr=subprocess.PIPE)
        error = process.stderr.read() if process.stderr else b""  # before waiting: no deadlock
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status):
        sys.stderr.write(error.decode(errors="replace"))
        raise SystemExit(1)
    print(json.dumps([wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024]))


def run(
    sqlite_path: Path,
    folder: Path,
    runs: int,
    as_of: date,
    province: str,
    ends: list[date],
    log: Any = sys.stderr,
) -> dict[str, Any]:
    """Copy (untimed), then time every approach on every question, runs alternated."""
    print(f"[peers] copies of {sqlite_path} in {folder}", file=log, flush=True)
    info = copy(sqlite_path, folder)
    url = f"sqlite:///{sqlite_path}"
    results: dict[str, Any] = {
        "copies": info,
        "questions": {},
        "load_before": os.getloadavg(),
        "started": time.strftime("%Y-%m-%d %H:%M", time.gmtime()),
    }
    for name, (unit, days) in questions(as_of, province, ends).items():
        row: dict[str, Any] = {}
        approaches = ("binhdang", *PEERS)
        for approach in approaches:  # untimed: the file cache, the bytecode
            timed(command(approach, url, folder, unit, days))
        for number in range(runs):
            print(f"[peers] {name} run {number + 1}/{runs}", file=log, flush=True)
            for approach in approaches:
                wall, cpu, rss, out = timed(command(approach, url, folder, unit, days))
                entry = row.setdefault(approach, {"times": [], "cpu": [], "rss_mb": 0.0})
                entry["times"].append(wall)
                entry["cpu"].append(cpu)
                entry["rss_mb"] = max(entry["rss_mb"], rss)
                check = (
                    binhdang_figures(out, len(days) == 1)
                    if approach == "binhdang"
                    else json.loads(out)
                )
                entry["check"] = check
        for entry in row.values():
            entry["median"] = statistics.median(entry["times"])
        reference = row["binhdang"]["check"]
        for approach in PEERS:
            row[approach]["agrees"] = row[approach]["check"] == reference
        results["questions"][name] = row
    results["load_after"] = os.getloadavg()
    return results


def disagreements(results: dict[str, Any]) -> list[str]:
    return [
        f"{question} / {LABELS[approach]}"
        for question, row in results["questions"].items()
        for approach in PEERS
        if not row[approach]["agrees"]
    ]


def _s(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def section(results: dict[str, Any], when: str, sqlite_path: Path) -> list[str]:
    """The peers' table for bench/RESULTS.md."""
    info = results["copies"]
    load = ", ".join(f"{x:.1f}" for x in results["load_before"])
    after = ", ".join(f"{x:.1f}" for x in results["load_after"])
    runs = len(next(iter(results["questions"].values()))["binhdang"]["times"])
    lines = [
        "### Peers: DuckDB and Polars (issue 19), SQLite",
        "",
        f"{when} UTC, on `{sqlite_path}`; load average {load} before and {after} after (the "
        f"machine is shared). Each approach a whole fresh process (start, imports, query, "
        f"result), median of {runs} runs alternated between the approaches (wall; the CPU "
        "column: median user + system seconds of the process, less sensitive to the other "
        "work on the machine), after one untimed "
        "run of each (the files are in the operating system's cache: warm file cache, cold "
        "process). binhdang as a user runs it: `binhdang indicators --unit U --as-of "
        "2025-06-30 --format json` and `binhdang trend --unit VN --last 31/12/2025 --periods 10 "
        "--every year --format json` (answered by its lean path, `binhdang/__main__.py`: "
        "sqlite3 and numpy over its columnar copy, which the untimed run builds if missing; "
        "`pip install -e .` puts that entry point in the script); the peers do the grouped "
        "counts binhdang starts from "
        "(staff by unit × sex × category × age band, posts by unit × sex × level, as of each "
        "date; a province's subtree from the copied unit tree by a recursive query or a loop), "
        "`bench/peers.py`. Figures compared: women and all staff (in all, by category and by "
        "age band), women and all heads and deputies, units with a woman head or deputy, units "
        "with a woman head, at every date.",
        "",
        f"Copies (not timed): the four tables (employment, position, unit, unit_version: "
        f"{info['rows']['employment']:,} and {info['rows']['position']:,} rows in the first "
        f"two) read with Python's sqlite3 into Polars, dates parsed, written as Parquet (zstd) "
        f"in {info['parquet_s']:.1f} s, {info['parquet_bytes'] / 1e6:.0f} MB; DuckDB's own "
        f"file made from the Parquet in {info['duckdb_s']:.1f} s, "
        f"{info['duckdb_bytes'] / 1e6:.0f} MB (the SQLite database: "
        f"{info['sqlite_bytes'] / 1e6:.0f} MB, every table).",
        "",
        "| question | binhdang | DuckDB (own file) | DuckDB (Parquet) | Polars (lazy Parquet) "
        "| binhdang ÷ DuckDB | ÷ DuckDB Parquet | ÷ Polars | CPU binhdang / DuckDB / "
        "DuckDB Parquet / Polars | peak RSS binhdang / DuckDB / Polars | figures agree |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|---|---|",
    ]
    for question, row in results["questions"].items():
        ours = row["binhdang"]["median"]
        agree = (
            "yes"
            if all(row[a]["agrees"] for a in PEERS)
            else "**no**: " + ", ".join(LABELS[a] for a in PEERS if not row[a]["agrees"])
        )
        lines.append(
            f"| {question} | {_s(ours)} | "
            + " | ".join(_s(row[a]["median"]) for a in PEERS)
            + " | "
            + " | ".join(f"{ours / row[a]['median']:.2f}×" for a in PEERS)
            + " | "
            + " / ".join(f"{statistics.median(row[a]['cpu']):.2f}" for a in ("binhdang", *PEERS))
            + f" s | {row['binhdang']['rss_mb']:.0f} / {row['duckdb']['rss_mb']:.0f} / "
            f"{row['polars']['rss_mb']:.0f} MB | {agree} |"
        )
    lines += ["", "All runs (wall seconds; CPU seconds of the process in brackets):", ""]
    for question, row in results["questions"].items():
        for approach, entry in row.items():
            shown = ", ".join(
                f"{t:.3f} ({c:.2f})" for t, c in zip(entry["times"], entry["cpu"], strict=True)
            )
            lines.append(f"- {question} / {LABELS[approach]}: {shown}")
    lines.append("")
    return lines


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--launch":
        launch(Path(sys.argv[2]), sys.argv[3:])
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        tool, folder, unit, *days = sys.argv[2:]
        child(tool, Path(folder), unit, [date.fromisoformat(d) for d in days])
        return
    raise SystemExit("bench/peers.py is run by bench/run.py (--only peers --db FILE)")


if __name__ == "__main__":
    main()
