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

That is the **cold** side. The **warm** side (:func:`warm`, with ``warm_runs``; ``bench/run.py
--warm-runs``) asks the same questions again in one process per approach, after opening or
loading its data once (timed apart) and one untimed run: DuckDB on its file and on the
Parquet, Polars on frames read into memory once and on the lazy scan; binhdang as a user gets
it, ``binhdang serve`` answering one signed-in client on a keep-alive connection (on a copy of
the file: the account is written into it), the trend as the 10 yearly sets asked one after
another, as the dashboard does; and binhdang recomputing the sets in one process without any
answer cache. Median and p95 of the wall and CPU times, written under the cold table.

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
    "polars-memory": "Polars (frames in memory)",
    "served": "binhdang serve (cached answer)",
    "recomputed": "binhdang recomputed (no answer cache)",
}
WARM_PEERS = ("duckdb", "duckdb-parquet", "polars-memory", "polars")
WARM = ("served", "recomputed", *WARM_PEERS)
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


def duckdb_connect(tool: str, folder: Path) -> Any:
    """A DuckDB connection to its own file (read-only) or to views over the Parquet copies."""
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
    return connection


def duckdb_counts(tool: str, folder: Path, days: list[date], unit: str) -> tuple[Any, Any]:
    """Staff and post counts per date as numpy columns, by DuckDB (its file or the Parquet)."""
    return duckdb_counts_on(duckdb_connect(tool, folder), days, unit)


def duckdb_counts_on(connection: Any, days: list[date], unit: str) -> tuple[Any, Any]:
    """:func:`duckdb_counts` on an open connection (the warm side asks it again and again)."""
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


def polars_scans(folder: Path) -> dict[str, Any]:
    """Lazy scans of the Parquet copies, by table."""
    import polars as pl

    return {table: pl.scan_parquet(folder / f"{table}.parquet") for table in TABLES}


def polars_frames(folder: Path) -> dict[str, Any]:
    """The Parquet copies read into memory once (``read_parquet``), as lazy frames over them."""
    import polars as pl

    return {table: pl.read_parquet(folder / f"{table}.parquet").lazy() for table in TABLES}


def polars_counts(folder: Path, days: list[date], unit: str) -> tuple[Any, Any]:
    """The same counts by a lazy Polars scan of the Parquet copies."""
    return polars_counts_on(polars_scans(folder), days, unit)


def polars_counts_on(tables: dict[str, Any], days: list[date], unit: str) -> tuple[Any, Any]:
    """:func:`polars_counts` on lazy frames by table: scans of the Parquet, or frames in
    memory (:func:`polars_frames`)."""
    import polars as pl

    jobs = tables["employment"]
    held = tables["position"]
    scope = None
    if unit != "VN":
        (day,) = days
        versions = (
            tables["unit_version"]
            .filter((pl.col("valid_from") <= day) & (pl.col("valid_to") > day))
            .select("unit_id", "parent_id")
            .collect()
        )
        codes = tables["unit"].filter(pl.col("code") == unit)
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


# --- the warm side: one process each, the question asked again and again ---------------------


Asked = dict[str, tuple[str, list[date]]]


def _peer_asker(tool: str, folder: Path) -> Any:
    """Open or load ``tool``'s copy once; the function that answers a question from it (the
    figures, as :func:`child` prints them)."""
    if tool.startswith("duckdb"):
        connection = duckdb_connect(tool, folder)

        def counts(unit: str, days: list[date]) -> tuple[Any, Any]:
            return duckdb_counts_on(connection, days, unit)

    else:
        tables = polars_frames(folder) if tool == "polars-memory" else polars_scans(folder)

        def counts(unit: str, days: list[date]) -> tuple[Any, Any]:
            return polars_counts_on(tables, days, unit)

    def ask(unit: str, days: list[date], first: bool) -> Any:
        return figures(*counts(unit, days), days, breakdowns=len(days) == 1)

    return ask


class _Recomputed:
    """binhdang's indicator sets computed again at every call, in one process, no answer
    cache: the lean path's functions (:mod:`binhdang.indicators.quick`: the file opened
    read-only, its stamp and unit tree read, the counts taken from the columnar copy, the
    set computed) when they answer; else (no copy: a database under
    ``BINHDANG_COLUMNAR_MIN_ROWS``) the command line's (``indicators_for``, ``trend``), which
    count the rows. The first call of a question chooses; the mode is reported."""

    def __init__(self, path: Path) -> None:
        from binhdang.indicators import quick

        self.path, self.quick = path, quick
        self.modes: dict[tuple[str, int], str] = {}
        self.engine: Any = None

    def lean(self, unit: str, days: list[date]) -> Any:
        if len(days) == 1:
            found = self.quick.indicator_set(self.path, unit, days[0])
            return None if found is None else [found]
        return self.quick.trend(self.path, unit, days)

    def full(self, unit: str, days: list[date]) -> Any:
        from binhdang.indicators.service import indicators_for
        from binhdang.indicators.trend import trend
        from binhdang.store import database

        if self.engine is None:
            self.engine = database.create(f"sqlite:///{self.path}")
        with self.engine.connect() as connection:
            if len(days) == 1:
                return [indicators_for(connection, unit, days[0])]
            return trend(connection, unit, days)

    def __call__(self, unit: str, days: list[date], first: bool) -> Any:
        key = (unit, len(days))
        if first:  # the full path builds the copy if it is missing (as the command line does)
            found = self.lean(unit, days)
            if found is None:
                self.full(unit, days)
                found = self.lean(unit, days)
            self.modes[key] = "full" if found is None else "lean"
        return self.lean(unit, days) if self.modes[key] == "lean" else self.full(unit, days)

    def check(self, sets: Any, days: list[date]) -> list[list[int]]:
        from binhdang.indicators.output import to_data

        return [binhdang_figures(json.dumps(to_data(s)), len(days) == 1)[0] for s in sets]


def warm_child(tool: str, source: Path, runs: int, asked: Asked) -> None:
    """One process for ``tool``: open/load once (timed apart), then for each question one
    untimed run and ``runs`` timed ones (wall, and CPU of the whole process: all its
    threads); prints JSON. ``source``: the copies' folder (a peer) or the SQLite file
    (``recomputed``)."""
    started, cpu = time.perf_counter(), time.process_time()
    ask = _Recomputed(source) if tool == "recomputed" else _peer_asker(tool, source)
    out: dict[str, Any] = {
        "load_s": time.perf_counter() - started,
        "load_cpu": time.process_time() - cpu,
        "questions": {},
    }
    for name, (unit, days) in asked.items():
        started = time.perf_counter()
        answer = ask(unit, days, True)
        entry: dict[str, Any] = {"first_s": time.perf_counter() - started, "times": [], "cpu": []}
        for _ in range(runs):
            started, cpu = time.perf_counter(), time.process_time()
            answer = ask(unit, days, False)
            entry["times"].append(time.perf_counter() - started)
            entry["cpu"].append(time.process_time() - cpu)
        if isinstance(ask, _Recomputed):  # the sets turned into figures outside the timing
            entry["check"] = ask.check(answer, days)
            entry["mode"] = ask.modes[(unit, len(days))]
        else:
            entry["check"] = answer
        out["questions"][name] = entry
    print(json.dumps(out))


def tree_cpu(pid: int) -> float:
    """CPU seconds used so far by process ``pid``, its threads and its children (Linux
    ``/proc/…/task/…/schedstat``: nanoseconds, where ``stat``'s clock ticks of 10 ms could
    not time one request of a few ms; a thread that has ended is no longer counted, and the
    server's worker threads live as long as it)."""
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            tasks = list(Path(f"/proc/{current}/task").iterdir())
        except (FileNotFoundError, ProcessLookupError):
            continue
        for task in tasks:
            try:
                total += int((task / "schedstat").read_text().split()[0])
                pending += [int(c) for c in (task / "children").read_text().split()]
            except (FileNotFoundError, ProcessLookupError):
                continue
    return total / 1e9


def served(sqlite_path: Path, folder: Path, runs: int, asked: Asked, log: Any) -> dict[str, Any]:
    """binhdang as a user gets it warm: ``binhdang serve`` (one process, the default) on a
    copy of the file (signing in needs an account and a token, written into the copy; the
    columnar copy beside the file is copied too), one signed-in client (an API token) on one
    keep-alive connection: each question asked once untimed, then ``runs`` times; the trend
    as its yearly sets asked one after another, as the dashboard does. Server CPU from its
    threads' ``schedstat``; client CPU: this process's."""
    import http.client
    import shutil

    here = str(Path(__file__).resolve().parent)
    if here not in sys.path:
        sys.path.insert(0, here)
    import web_load  # binhdang's and httpx's imports: only in the parent, only here

    from binhdang.accounts.permissions import Role
    from binhdang.indicators import columnar

    result: dict[str, Any] = {"questions": {}}
    with tempfile.TemporaryDirectory(dir=folder) as scratch:
        target = Path(scratch) / "served.db"
        started = time.perf_counter()
        shutil.copyfile(sqlite_path, target)
        if columnar.beside(sqlite_path).is_dir():
            shutil.copytree(columnar.beside(sqlite_path), columnar.beside(target))
        result["copy_s"] = time.perf_counter() - started
        first_day = next(iter(asked.values()))[1][0]
        dataset = web_load.Dataset("peers", f"sqlite:///{target}", "VN", first_day, 0)
        ((_, token),) = web_load.credentials(dataset, 1, Role.VIEWER, prefix="peers")
        port = web_load._free_port()
        started = time.perf_counter()
        process = web_load.serve(dataset, port, 1)
        result["start_s"] = time.perf_counter() - started
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=900)
        headers = {"Authorization": f"Bearer {token}"}
        reconnects = 0

        def get(path: str) -> bytes:
            nonlocal reconnects
            for attempt in (1, 2):
                try:
                    connection.request("GET", path, headers=headers)
                    response = connection.getresponse()
                    body = response.read()
                except (http.client.RemoteDisconnected, ConnectionError):
                    connection.close()  # the server closed an idle connection: a new one
                    reconnects += 1
                    if attempt == 2:
                        raise
                    continue
                if response.status != 200:
                    raise SystemExit(f"{path}: HTTP {response.status} {body[:300]!r}")
                return body
            raise AssertionError("unreachable")

        try:
            for name, (unit, days) in asked.items():
                print(f"[peers] warm {name} / binhdang serve", file=log, flush=True)
                paths = [f"/api/v1/indicators?unit={unit}&as_of={d.isoformat()}" for d in days]
                started = time.perf_counter()
                bodies = [get(path) for path in paths]
                entry: dict[str, Any] = {
                    "first_s": time.perf_counter() - started,
                    "times": [],
                    "cpu": [],
                    "client_cpu": [],
                    "bytes": sum(len(body) for body in bodies),
                }
                for _ in range(runs):
                    server, client = tree_cpu(process.pid), time.process_time()
                    started = time.perf_counter()
                    bodies = [get(path) for path in paths]
                    entry["times"].append(time.perf_counter() - started)
                    entry["client_cpu"].append(time.process_time() - client)
                    entry["cpu"].append(tree_cpu(process.pid) - server)
                entry["check"] = [
                    binhdang_figures(body.decode(), len(days) == 1)[0] for body in bodies
                ]
                result["questions"][name] = entry
        finally:
            connection.close()
            process.terminate()
            process.wait(timeout=30)
    result["reconnects"] = reconnects
    return result


def warm(
    sqlite_path: Path,
    folder: Path,
    runs: int,
    asked: Asked,
    reference: dict[str, Any] | None = None,
    log: Any = sys.stderr,
) -> dict[str, Any]:
    """The warm side: ``binhdang serve`` (:func:`served`), then binhdang recomputed and each
    peer in one process of its own (:func:`warm_child`, started by :func:`timed`: its whole
    wall, CPU and peak RSS too). Every approach's figures are compared with ``reference``
    (question → figures: the cold run's binhdang), or else with binhdang recomputed's."""
    results: dict[str, Any] = {
        "load_before": os.getloadavg(),
        "started": time.strftime("%Y-%m-%d %H:%M", time.gmtime()),
        "runs": runs,
        "processes": {},
        "questions": {name: {} for name in asked},
    }
    serve = served(sqlite_path, folder, runs, asked, log)
    results["serve"] = {k: v for k, v in serve.items() if k != "questions"}
    for name, entry in serve["questions"].items():
        results["questions"][name]["served"] = entry
    spec = json.dumps(
        {name: [unit, [d.isoformat() for d in days]] for name, (unit, days) in asked.items()}
    )
    for approach in WARM[1:]:
        print(f"[peers] warm / {LABELS[approach]}", file=log, flush=True)
        source = sqlite_path if approach == "recomputed" else folder
        argv = [sys.executable, __file__, "--warm-child", approach, str(source), str(runs), spec]
        wall, cpu, rss, out = timed(argv)
        done = json.loads(out)
        results["processes"][approach] = {
            "wall": wall,
            "cpu": cpu,
            "rss_mb": rss,
            "load_s": done["load_s"],
            "load_cpu": done["load_cpu"],
        }
        for name, entry in done["questions"].items():
            results["questions"][name][approach] = entry
    for name, row in results["questions"].items():
        expected = (reference or {}).get(name, row["recomputed"]["check"])
        for entry in row.values():
            entry["median"] = statistics.median(entry["times"])
            entry["p95"] = percentile(entry["times"], 0.95)
            entry["agrees"] = entry["check"] == expected
    results["load_after"] = os.getloadavg()
    return results


def percentile(values: list[float], share: float) -> float:
    """The ``share`` quantile, nearest rank (bench/web_load.py's)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


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
    warm_runs: int = 0,
    cold: bool = True,
) -> dict[str, Any]:
    """Copy (untimed), then time every approach on every question as whole processes, runs
    alternated (the cold side; not with ``cold=False``); then, with ``warm_runs``, the warm
    side (:func:`warm`), its figures compared with the cold run's binhdang."""
    print(f"[peers] copies of {sqlite_path} in {folder}", file=log, flush=True)
    info = copy(sqlite_path, folder)
    url = f"sqlite:///{sqlite_path}"
    results: dict[str, Any] = {
        "copies": info,
        "questions": {},
        "load_before": os.getloadavg(),
        "started": time.strftime("%Y-%m-%d %H:%M", time.gmtime()),
    }
    asked = questions(as_of, province, ends)
    for name, (unit, days) in asked.items() if cold else ():
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
    if warm_runs:
        reference = {name: row["binhdang"]["check"] for name, row in results["questions"].items()}
        results["warm"] = warm(sqlite_path, folder, warm_runs, asked, reference or None, log)
    return results


def disagreements(results: dict[str, Any]) -> list[str]:
    """The approaches whose figures are not binhdang's, cold and warm."""
    cold = [
        f"{question} / {LABELS[approach]}"
        for question, row in results["questions"].items()
        for approach in PEERS
        if not row[approach]["agrees"]
    ]
    warm_side = (results.get("warm") or {}).get("questions", {})
    return cold + [
        f"{question} warm / {LABELS[approach]}"
        for question, row in warm_side.items()
        for approach, entry in row.items()
        if not entry["agrees"]
    ]


def _s(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def section(results: dict[str, Any], when: str, sqlite_path: Path) -> list[str]:
    """The peers' section of bench/RESULTS.md: the cold table, then the warm one (if run)."""
    info = results["copies"]
    lines = ["### Peers: DuckDB and Polars (issue 19), SQLite", ""]
    if results["questions"]:
        lines += cold_lines(results, when, sqlite_path)
    lines += [
        f"Copies (not timed): the four tables (employment, position, unit, unit_version: "
        f"{info['rows']['employment']:,} and {info['rows']['position']:,} rows in the first "
        f"two) read with Python's sqlite3 into Polars, dates parsed, written as Parquet (zstd) "
        f"in {info['parquet_s']:.1f} s, {info['parquet_bytes'] / 1e6:.0f} MB; DuckDB's own "
        f"file made from the Parquet in {info['duckdb_s']:.1f} s, "
        f"{info['duckdb_bytes'] / 1e6:.0f} MB (the SQLite database: "
        f"{info['sqlite_bytes'] / 1e6:.0f} MB, every table).",
        "",
    ]
    if results["questions"]:
        lines += cold_table(results)
    if results.get("warm"):
        lines += warm_lines(results["warm"], sqlite_path)
    return lines


def cold_lines(results: dict[str, Any], when: str, sqlite_path: Path) -> list[str]:
    load = ", ".join(f"{x:.1f}" for x in results["load_before"])
    after = ", ".join(f"{x:.1f}" for x in results["load_after"])
    runs = len(next(iter(results["questions"].values()))["binhdang"]["times"])
    return [
        f"{when} UTC, on `{sqlite_path}`; load average {load} before and {after} after (the "
        f"machine is shared). **Cold**: each approach a whole fresh process (start, imports, "
        f"query, result), median of {runs} runs alternated between the approaches (wall; the CPU "
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
        "with a woman head, at every date. The warm side (one process each, the question "
        "asked again) follows the cold table.",
        "",
    ]


def cold_table(results: dict[str, Any]) -> list[str]:
    lines = [
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


def _ms(value: float) -> str:
    """Seconds shown in ms with the digits that a warm answer of a few ms needs."""
    ms = value * 1000
    if ms < 10:
        return f"{ms:.2f} ms"
    return f"{ms:.1f} ms" if ms < 1000 else f"{value:.2f} s"


def warm_lines(warm_results: dict[str, Any], sqlite_path: Path) -> list[str]:
    """The warm side's table (:func:`warm`)."""
    load = ", ".join(f"{x:.1f}" for x in warm_results["load_before"])
    after = ", ".join(f"{x:.1f}" for x in warm_results["load_after"])
    runs, serve, processes = warm_results["runs"], warm_results["serve"], warm_results["processes"]
    modes = {row["recomputed"].get("mode", "?") for row in warm_results["questions"].values()}
    how = (
        "the lean path's functions (`binhdang.indicators.quick`: the file opened read-only, "
        "its revisions, data version and copy stamp checked, the unit tree read, the counts "
        "from the columnar copy, the set computed)"
        if modes == {"lean"}
        else "the command line's functions (`indicators_for`, `trend`: "
        "no columnar copy, the rows counted)"
        if modes == {"full"}
        else f"lean or full path by question ({', '.join(sorted(modes))})"
    )
    loads = "; ".join(
        f"{LABELS[a]} {_ms(processes[a]['load_s'])} (CPU {_ms(processes[a]['load_cpu'])}; whole "
        f"process {processes[a]['wall']:.1f} s, CPU {processes[a]['cpu']:.1f} s, peak RSS "
        f"{processes[a]['rss_mb']:.0f} MB)"
        for a in WARM[1:]
    )
    lines = [
        "#### Warm: one process each, the question asked again",
        "",
        f"{warm_results['started']} UTC, same data, same `make bench` run; load average {load} "
        f"before and {after} after. Each approach in one process: opened or loaded once (not "
        f"timed in the table; its time below), each question asked once untimed (column "
        f'"first"), then {runs} times back to back: median and p95 (nearest rank) of the wall '
        "time, and of the CPU (user + system of all the process's threads). The question is "
        "the same as cold: the root and VN-01 as of 2025-06-30, the root at the 10 yearly "
        "ends.",
        "",
        f"- **binhdang serve (cached answer)**: what a user gets — `binhdang serve` (one "
        f"process, its default) on a copy of `{sqlite_path.name}` made for it "
        f"({serve['copy_s']:.1f} s, with the columnar copy beside it; signing in needs an "
        f"account and an API token, which are written into the copy, never into the bench's "
        f"file), started in {serve['start_s']:.1f} s; one client with an API token on one "
        "keep-alive connection (`http.client`, every body read): "
        "`GET /api/v1/indicators?unit=VN&as_of=2025-06-30`, `unit=VN-01`, and for the trend "
        "the 10 yearly sets asked one after another on that connection (what the dashboard "
        "does; the time of the 10). After the untimed request the server answers from its "
        "cache of the JSON bytes (`web/cache.py`, keyed by the data version read on every "
        "request, with the token checked): this is the wait, not a computation. CPU: the "
        "server's threads (`/proc/…/schedstat`); the client's own CPU per question (median): "
        + ", ".join(
            f"{q} {_ms(statistics.median(row['served']['client_cpu']))}"
            for q, row in warm_results["questions"].items()
        )
        + f"; connections reopened: {serve['reconnects']}.",
        f"- **binhdang recomputed (no answer cache)**: one process calling {how} at every "
        "run: the computation behind the cached answer (the `IndicatorSet`s; their JSON made "
        "outside the timing, for the comparison).",
        "- **Peers**: DuckDB on its own file (opened read-only once) and on the Parquet "
        "(views made once; each run reads the files), Polars on frames read into memory once "
        "(`read_parquet`) and on lazy Parquet scans (read at each run); each run makes the "
        "grouped counts and the figures, as the cold process does.",
        f"- Open/load: {loads}.",
        "",
        "| question | approach | first | median | p95 | CPU median | CPU p95 | served ÷ this "
        "| recomputed ÷ this | figures agree |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for question, row in warm_results["questions"].items():
        for approach in WARM:
            entry = row[approach]
            ratios = [
                "—" if approach == ours else f"{row[ours]['median'] / entry['median']:.3f}×"
                for ours in ("served", "recomputed")
            ]
            lines.append(
                f"| {question} | {LABELS[approach]} | {_ms(entry['first_s'])} | "
                f"{_ms(entry['median'])} | {_ms(entry['p95'])} | "
                f"{_ms(statistics.median(entry['cpu']))} | {_ms(percentile(entry['cpu'], 0.95))} "
                f"| {ratios[0]} | {ratios[1]} | {'yes' if entry['agrees'] else '**no**'} |"
            )
    lines.append("")
    return lines


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--launch":
        launch(Path(sys.argv[2]), sys.argv[3:])
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--warm-child":
        tool, source, runs, spec = sys.argv[2:]
        asked = {
            name: (unit, [date.fromisoformat(d) for d in days])
            for name, (unit, days) in json.loads(spec).items()
        }
        warm_child(tool, Path(source), int(runs), asked)
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        tool, folder, unit, *days = sys.argv[2:]
        child(tool, Path(folder), unit, [date.fromisoformat(d) for d in days])
        return
    raise SystemExit("bench/peers.py is run by bench/run.py (--only peers --db FILE)")


if __name__ == "__main__":
    main()
