"""Load benchmark of the web app (issue 6): 20 concurrent users on the dashboard and the
indicators endpoint, on the demo office and on one province of the synthetic national
dataset. Target: p95 ≤ 300 ms for both.

The server runs as it does in production (``binhdang serve --workers 2``, SQLite or
PostgreSQL) in a child process; the users are threads with their own HTTP connection, each signed in
with its own session (dashboard) and API token (indicators). Results go to
``bench/RESULTS.md`` between the ``<!-- area:web -->`` markers (the rest of the file belongs
to the other benchmarks).

Usage: .venv/bin/python bench/web_load.py [--users 20] [--rounds 15] [--persons 600000]
       [--pg-url postgresql://postgres@127.0.0.1:5432/postgres]
       .venv/bin/python bench/web_load.py --national-db /tmp/nat.db [--as-of 2025-10-01]
       (issue 15: the staff list of the dataset's largest province, paged; a copy is used)
       .venv/bin/python bench/web_load.py --round-db round.db --round VN/2024 --users 5
       (issue 17: the board of a round already opened in round.db, which gets the bench's
       accounts: use a copy; printed, not written to RESULTS.md)
       .venv/bin/python bench/web_load.py --warm-db /tmp/nat.db --users 20 --rounds 10
       (issue 19: the root's and a province's indicator sets, warm, after a write; a copy)
       .venv/bin/python bench/web_load.py --national-url postgresql://…/national --users 100
       --think 1000 (issue 19: many users on a province's dashboard, indicators, staff list)
"""

from __future__ import annotations

import argparse
import http.client
import os
import platform
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import func, select

from binhdang.accounts.permissions import Role
from binhdang.accounts.service import create_account, create_session, create_token
from binhdang.store import database
from binhdang.store.tables import employment, unit
from binhdang.units.tree import load_tree

HERE = Path(__file__).parent
RESULTS = HERE / "RESULTS.md"
START, END = "<!-- area:web -->", "<!-- /area:web -->"
STAFF_START, STAFF_END = "<!-- area:web-staff -->", "<!-- /area:web-staff -->"
TARGET_MS = 300


@dataclass
class Dataset:
    label: str
    url: str
    unit: str
    as_of: date
    staff: int


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def demo_dataset(folder: Path) -> Dataset:
    from binhdang.demo.run import build

    url = f"sqlite:///{folder / 'demo.db'}"
    build(url, folder / "lists")
    return Dataset("demo office (BHXH_QT)", url, "BHXH_QT", date(2022, 10, 1), 235)


def demo_on_postgresql(folder: Path, pg_url: str) -> tuple[Dataset, str]:
    """The demo office in a schema of its own on a PostgreSQL server (dropped afterwards)."""
    from sqlalchemy import text

    from binhdang.demo.run import build

    schema = f"bench_web_{os.getpid()}"
    admin = database.create(pg_url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    base = database.normalise_url(pg_url)
    url = f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"
    build(url, folder / "pg-lists")
    return Dataset(
        "demo office (BHXH_QT), PostgreSQL", url, "BHXH_QT", date(2022, 10, 1), 235
    ), schema


def drop_schema(pg_url: str, schema: str) -> None:
    from sqlalchemy import text

    admin = database.create(pg_url)
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def national_province(folder: Path, persons: int, units: int) -> Dataset:
    """The synthetic national dataset; the benchmark looks at its largest province."""
    from binhdang.scale.service import generate
    from binhdang.scale.shape import Shape

    url = f"sqlite:///{folder / 'national.db'}"
    engine = database.create(url)
    database.upgrade(engine)
    end = date(2025, 12, 31)
    generate(engine, Shape(persons, units, 5, 1, end))
    as_of = date(2025, 10, 1)
    with engine.connect() as connection:
        tree = load_tree(connection, as_of)
        root = tree.roots[0]
        best, best_count = root, -1
        for child in tree.child_nodes(root.id):
            ids = tree.subtree_ids(child.id)
            count = connection.execute(
                select(func.count())
                .select_from(employment)
                .where(
                    employment.c.unit_id.in_(ids),
                    employment.c.valid_from <= as_of,
                    employment.c.valid_to > as_of,
                )
            ).scalar_one()
            if count > best_count:
                best, best_count = child, count
    engine.dispose()
    return Dataset(
        f"national dataset, one province ({best.code})", url, best.code, as_of, best_count
    )


def largest_province(url: str, as_of: date) -> tuple[str, int]:
    """The code and staff count on ``as_of`` of the root's child with the most staff."""
    engine = database.create(url)
    with engine.connect() as connection:
        tree = load_tree(connection, as_of)
        best, best_count = tree.roots[0].code, -1
        for child in tree.child_nodes(tree.roots[0].id):
            count = connection.execute(
                select(func.count())
                .select_from(employment)
                .where(
                    employment.c.unit_id.in_(tree.subtree_ids(child.id)),
                    employment.c.valid_from <= as_of,
                    employment.c.valid_to > as_of,
                )
            ).scalar_one()
            if count > best_count:
                best, best_count = child.code, count
    engine.dispose()
    return best, best_count


def national_copy(folder: Path, source: Path, as_of: date) -> Dataset:
    """A copy of an existing national dataset (``source`` is only read) and its largest
    province."""
    target = folder / "national-copy.db"
    shutil.copyfile(source, target)
    url = f"sqlite:///{target}"
    binary = Path(sys.executable).with_name("binhdang")
    subprocess.run([str(binary), "init", "--db", url], check=True, stdout=subprocess.DEVNULL)
    code, count = largest_province(url, as_of)
    return Dataset(
        f"national dataset ({source.name}), one province ({code})", url, code, as_of, count
    )


def staff_paths(dataset: Dataset, pages: int) -> dict[str, str]:
    """The staff list of ``dataset.unit``, 50 a page: the first page and a deep one in the
    default order (unit, then name) and by name."""
    chosen = f"/staff?unit={dataset.unit}&as_of={dataset.as_of.isoformat()}"
    deep = max(1, min(pages, dataset.staff // 50))
    return {
        "staff, page 1 (by unit)": chosen,
        f"staff, page {deep} (by unit)": f"{chosen}&page={deep}",
        "staff, page 1 (by name)": f"{chosen}&sort=name",
        f"staff, page {deep} (by name)": f"{chosen}&sort=name&page={deep}",
    }


def staff_section(
    dataset: Dataset,
    runs: list[tuple[int, dict[str, list[float]]]],
    rounds: int,
    workers: int,
    load: str,
) -> str:
    users = "/".join(str(n) for n, _ in runs)
    lines = [
        STAFF_START,
        "## Web: the staff list of a province, paged (issue 15)",
        "",
        f"`python bench/web_load.py --national-db … --users {users.replace('/', ' ')} --rounds "
        f"{rounds} --workers {workers}` — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, "
        f"{os.cpu_count()} CPUs (load average before the runs: {load}; the machine is shared). "
        f"A copy of the national dataset; {users} editors of the province, each signed in, "
        f"request each page {rounds} times back to back after one warm-up request each (not "
        'in p50/p95; its time is the column "first": the slowest user\'s first request, which '
        "computes what the later ones reuse). Every request also writes its audit entry. "
        f"Target: p95 ≤ {TARGET_MS} ms.",
        "",
        "| data | staff in scope | users | page | requests | first ms | p50 ms | p95 ms | max ms | req/s | p95 ≤ 300 ms |",
        "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for count, timings in runs:
        wall = timings["_wall"][0] / 1000
        total = sum(len(v) for k, v in timings.items() if not k.startswith("_"))
        for name, values in timings.items():
            if name.startswith("_"):
                continue
            p95 = percentile(values, 0.95)
            lines.append(
                f"| {dataset.label} | {dataset.staff:,} | {count} | {name} | {len(values)} | "
                f"{max(timings['_first ' + name]):.0f} | "
                f"{statistics.median(values):.0f} | {p95:.0f} | {max(values):.0f} | "
                f"{total / wall:.1f} | {'yes' if p95 <= TARGET_MS else '**no**'} |"
            )
    return "\n".join([*lines, "", STAFF_END])


def credentials(
    dataset: Dataset, users: int, role: Role = Role.VIEWER, prefix: str = ""
) -> list[tuple[str, str]]:
    """(session cookie, API token) for each user: viewers (or ``role``) of the benchmarked
    unit (account names start with ``prefix``, so that runs on one database do not clash)."""
    engine = database.create(dataset.url)
    now = datetime.now(UTC)
    out = []
    with engine.begin() as connection:
        if connection.execute(select(unit.c.id).where(unit.c.code == dataset.unit)).first() is None:
            raise SystemExit(f"unit {dataset.unit} missing")
        for index in range(users):
            account = create_account(
                connection,
                name=f"{prefix}bench{role.value}{index:02d}",
                role=role,
                unit_code=dataset.unit,
                password=None,
                now=now,
            )
            session = create_session(connection, account.id, now=now, lifetime=timedelta(hours=2))
            out.append((session, create_token(connection, account.id, now=now)))
    engine.dispose()
    return out


def serve(dataset: Dataset, port: int, workers: int) -> subprocess.Popen[bytes]:
    binary = Path(sys.executable).with_name("binhdang")
    process = subprocess.Popen(
        [str(binary), "serve", "--db", dataset.url, "--port", str(port), "--workers", str(workers)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "BINHDANG_SESSION_IDLE_MINUTES": "120"},
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/sign-in", timeout=1)
            return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("the server did not start")


def run_load(
    dataset: Dataset,
    users: int,
    rounds: int,
    workers: int,
    paths: dict[str, str] | None = None,
    role: Role = Role.VIEWER,
    prefix: str = "",
    write: list[str] | None = None,
    think_ms: float = 0,
) -> dict[str, list[float]]:
    """Each user's timings by path name; ``_first NAME``: the warm-up request. With ``write``
    (a command), that command runs once every user is warm, and each user's next request of
    each path is kept apart (``_after write NAME``): it finds the caches stale. ``think_ms``:
    each user pauses a random time between 0 and twice this between requests (a reader)."""
    port = _free_port()
    creds = credentials(dataset, users, role, prefix)
    process = serve(dataset, port, workers)
    paths = paths or {
        "dashboard": f"/?unit={dataset.unit}&as_of={dataset.as_of.isoformat()}",
        "indicators": f"/api/v1/indicators?unit={dataset.unit}&as_of={dataset.as_of.isoformat()}",
    }
    timings: dict[str, list[float]] = {name: [] for name in paths}
    timings.update({f"_first {name}": [] for name in paths})
    timings.update({f"_after write {name}": [] for name in paths})
    failures: list[str] = []
    lock = threading.Lock()
    cpu: dict[str, float] = {}

    def clocks() -> None:  # the CPU clocks start once the caches are warm
        cpu["server"], cpu["client"] = server_cpu(process.pid), time.process_time()

    def between() -> None:  # every user is warm: the write (if any), then the CPU clocks
        if write:
            subprocess.run(write, check=True)
        else:
            clocks()

    barrier = threading.Barrier(users, action=between)
    # With a write, the clocks start after every user's first request after it (the sets
    # computed again), so that the CPU per request is that of the warm ones.
    rewarmed = threading.Barrier(users, action=clocks)

    def user(session: str, token: str) -> None:
        pause = random.Random(token).uniform
        # http.client on one keep-alive connection: ~0.2 ms of CPU a request, against ~1 ms
        # for httpx, so that the users' threads (on the server's cores) take less from it.
        # Each request reads the whole body; nothing is cached on the client side.
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        by_token = {"Authorization": f"Bearer {token}"}
        by_session = {"Cookie": f"bd_session={session}"}

        def get(name: str, path: str) -> int:
            headers = by_token if name.startswith("indicators") else by_session
            for attempt in (1, 2):
                try:
                    connection.request("GET", path, headers=headers)
                    response = connection.getresponse()
                    response.read()
                    return response.status
                except (http.client.RemoteDisconnected, ConnectionError):
                    # the server closed the idle connection (uvicorn keeps one 5 s): open
                    # another, as a browser does (the time counts)
                    connection.close()
                    if attempt == 2:
                        raise
            raise AssertionError("unreachable")

        try:
            for name, path in paths.items():  # warm-up, not in p50/p95: caches, templates
                started = time.perf_counter()
                get(name, path)
                with lock:
                    timings[f"_first {name}"].append((time.perf_counter() - started) * 1000)
            barrier.wait()
            for index in range(rounds + (1 if write else 0)):
                if write and index == 1:
                    rewarmed.wait()
                for name, path in paths.items():
                    if think_ms:
                        time.sleep(pause(0, 2 * think_ms) / 1000)
                    started = time.perf_counter()
                    status = get(name, path)
                    elapsed = (time.perf_counter() - started) * 1000
                    with lock:
                        if status != 200:
                            failures.append(f"{name}: {status}")
                        kept = f"_after write {name}" if write and index == 0 else name
                        timings[kept].append(elapsed)
        except Exception as error:  # a user that stops is a failure, not a silent gap
            with lock:
                failures.append(f"{type(error).__name__}: {error}")
            barrier.abort()
            rewarmed.abort()
        finally:
            connection.close()

    try:
        threads = [threading.Thread(target=user, args=pair) for pair in creds]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        timings["_wall"] = [(time.perf_counter() - started) * 1000]
        timings["_server cpu"] = [server_cpu(process.pid) - cpu["server"]]
        timings["_client cpu"] = [time.process_time() - cpu["client"]]
    finally:
        process.terminate()
        process.wait(timeout=20)
    if failures:
        raise SystemExit(f"failed requests: {failures[:5]} ({len(failures)} in all)")
    return timings


def server_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by the server: the ``binhdang serve`` process
    and its worker processes (Linux /proc). Per request, this is robust to the load of the
    shared machine, unlike wall times."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            stat = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(stat[11]) + int(stat[12])) / tick
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


def cpu_per_request(timings: dict[str, list[float]]) -> tuple[float, float]:
    """Server and client CPU ms per timed request (after the warm-up, and after the first
    request following the write, if any: see :func:`run_load`)."""
    count = sum(len(v) for k, v in timings.items() if not k.startswith("_"))
    return (
        timings["_server cpu"][0] * 1000 / count,
        timings["_client cpu"][0] * 1000 / count,
    )


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def section(
    rows: list[tuple[Dataset, dict[str, list[float]]]], users: int, rounds: int, workers: int
) -> str:
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    lines = [
        START,
        "## Web: 20 concurrent users (issue 6)",
        "",
        f"`python bench/web_load.py --users {users} --rounds {rounds} --workers {workers}` — "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.python_implementation()} "
        f"{platform.python_version()}, {os.cpu_count()} CPUs (load average before the run: "
        f"{load}; the machine is shared, so figures are pessimistic). `binhdang serve --workers "
        f"{workers}` (uvicorn, one process per CPU; SQLite unless the row says PostgreSQL); "
        "each user is signed in (its own session and API token) "
        f"and, after one untimed warm-up request each, requests the dashboard and the "
        f"indicators endpoint {rounds} times each, back to back (no think time). Target: p95 ≤ {TARGET_MS} ms. Unit trees and indicator sets are "
        "cached per database while the data is unchanged (`binhdang.web.cache`, keyed by a "
        "fingerprint read on every request), so after the first request the time is mostly "
        "authentication, the fingerprint query, rendering and queueing behind the other users.",
        "",
        "| data | staff in scope | endpoint | requests | p50 ms | p95 ms | max ms | req/s | p95 ≤ 300 ms |",
        "|---|---:|---|---:|---:|---:|---:|---:|---|",
    ]
    for dataset, timings in rows:
        wall = timings["_wall"][0] / 1000
        total = sum(len(v) for k, v in timings.items() if not k.startswith("_"))
        for name in ("dashboard", "indicators"):
            values = timings[name]
            p95 = percentile(values, 0.95)
            lines.append(
                f"| {dataset.label} | {dataset.staff:,} | {name} | {len(values)} | "
                f"{statistics.median(values):.0f} | {p95:.0f} | {max(values):.0f} | "
                f"{total / wall:.1f} | {'yes' if p95 <= TARGET_MS else '**no**'} |"
            )
    lines += ["", END]
    return "\n".join(lines)


def write_section(text: str, start: str = START, end: str = END) -> None:
    current = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    if start in current and end in current:
        head, rest = current.split(start, 1)
        tail = rest.split(end, 1)[1]
        updated = head + text + tail
    else:
        updated = current.rstrip("\n") + "\n\n" + text + "\n"
    RESULTS.write_text(updated, encoding="utf-8")


WARM_START, WARM_END = "<!-- area:web-warm -->", "<!-- /area:web-warm -->"
WARM_TARGETS_MS = {"root": 50, "province": 10}


def warm_indicators(
    source: Path, as_of: date, users: int, rounds: int, workers: int, thinks: list[float]
) -> str:
    """Issue 19, item 4: the root's and the largest province's indicator sets through the API
    on a copy of the national dataset, warm, after one write that makes every cache stale
    (``binhdang init`` on a current database increases the data version); one run per think
    time in ``thinks`` (0: back to back), on the same copy and server settings."""
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    runs = []
    with tempfile.TemporaryDirectory() as folder:
        dataset = national_copy(Path(folder), source, as_of)
        province = dataset.unit
        engine = database.create(dataset.url)
        with engine.connect() as connection:
            root = load_tree(connection, as_of).roots[0].code
        engine.dispose()
        dataset = replace(dataset, unit=root, label=f"national dataset ({source.name})")
        day = as_of.isoformat()
        paths = {
            f"indicators, root ({root})": f"/api/v1/indicators?unit={root}&as_of={day}",
            f"indicators, province ({province})": f"/api/v1/indicators?unit={province}&as_of={day}",
        }
        binary = str(Path(sys.executable).with_name("binhdang"))
        for think in thinks:
            print(f"{users} users, think {think:.0f} ms…", flush=True)
            timings = run_load(
                dataset, users, rounds, workers, paths, Role.VIEWER,
                prefix=f"w{os.getpid()}t{think:.0f}", write=[binary, "init", "--db", dataset.url],
                think_ms=think,
            )  # fmt: skip
            runs.append((think, timings))
    lines = [
        WARM_START,
        "## Web: the national indicator sets, warm (issue 19, item 4)",
        "",
        f"`python bench/web_load.py --warm-db … --users {users} --rounds {rounds} --workers "
        f"{workers} --think {' '.join(f'{t:.0f}' for t in thinks)}` — "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} CPUs (load "
        f"average before the run: {load}; the machine is shared). A copy of the national "
        f"dataset, `binhdang serve --workers {workers}`; {users} viewers of the root, each "
        "signed in with an API token on its own keep-alive connection (`http.client`, one "
        "thread each, every body read in full, nothing cached by the client), ask both sets "
        "once (warm-up), then `binhdang init` runs (a write transaction: the data version "
        "increases, every cached set is stale), then each user asks both sets "
        f"{rounds + 1} times, pausing a random 0–2×think ms before each request (think 0: "
        'back to back); the first of these is the column "after the write" (its largest: the '
        "slowest user, who waited for the set to be computed again), p50/p95 are the rest. "
        "Server CPU: the serve processes' user+system CPU over the timed requests ÷ their "
        "number (robust to the shared machine's load); client CPU likewise for the users' "
        f"threads. Targets: root p95 ≤ {WARM_TARGETS_MS['root']} ms, province p95 ≤ "
        f"{WARM_TARGETS_MS['province']} ms.",
        "",
        "| think ms | question | requests | after the write, max ms | p50 ms | p95 ms | max ms "
        "| server CPU ms/req | client CPU ms/req | target |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for think, timings in runs:
        server, client = cpu_per_request(timings)
        for name, values in timings.items():
            if name.startswith("_"):
                continue
            target = WARM_TARGETS_MS["root" if "root" in name else "province"]
            p95 = percentile(values, 0.95)
            lines.append(
                f"| {think:.0f} | {name} | {len(values)} | "
                f"{max(timings['_after write ' + name]):.0f} | "
                f"{statistics.median(values):.1f} | {p95:.1f} | {max(values):.1f} | "
                f"{server:.2f} | {client:.2f} | "
                f"≤ {target} ms: {'yes' if p95 <= target else '**no**'} |"
            )
    return "\n".join([*lines, "", WARM_END])


MANY_START, MANY_END = "<!-- area:web-many -->", "<!-- /area:web-many -->"


def many_users(
    url: str, as_of: date, users: int, rounds: int, workers: int, think_ms: float
) -> str:
    """Issue 19, item 4: ``users`` editors of the largest province of the national dataset at
    ``url`` (PostgreSQL; not copied: the bench's accounts are added to it) on the dashboard,
    the indicators endpoint and the staff list, first and a deep page."""
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    code, count = largest_province(url, as_of)
    engine_name = database.normalise_url(url).split(":", 1)[0].split("+", 1)[0]
    dataset = Dataset(f"national dataset ({engine_name}), {code}", url, code, as_of, count)
    day = as_of.isoformat()
    staff = staff_paths(dataset, 700)
    paths = {
        "dashboard": f"/?unit={code}&as_of={day}",
        "indicators": f"/api/v1/indicators?unit={code}&as_of={day}",
        **{name: path for name, path in staff.items() if "by unit" in name},
    }
    timings = run_load(
        dataset, users, rounds, workers, paths, Role.EDITOR,
        prefix=f"m{os.getpid()}", think_ms=think_ms,
    )  # fmt: skip
    wall = timings["_wall"][0] / 1000
    total = sum(len(v) for k, v in timings.items() if not k.startswith("_"))
    server, client = cpu_per_request(timings)
    lines = [
        MANY_START,
        f"## Web: {users} users on the national dataset (issue 19, item 4)",
        "",
        f"`python bench/web_load.py --national-url … --users {users} --rounds {rounds} "
        f"--think {think_ms:.0f} --workers {workers}` — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, "
        f"{os.cpu_count()} CPUs (load average before the run: {load}; the machine is shared; "
        "the users' threads run on the same 2 cores as the server and the database). "
        f"{dataset.label}: {count:,} staff in scope; `binhdang serve --workers {workers}`; each "
        f"user an editor of {code}, signed in, requests each page once (warm-up: the column "
        f'"first", the slowest user\'s), then {rounds} rounds of every page, pausing a random '
        f"0–{2 * think_ms:.0f} ms before each request (a reader; 0: back to back). "
        f"Target: p95 ≤ {TARGET_MS} ms, no error ({total} requests in {wall:.0f} s, "
        f"{total / wall:.1f} req/s). CPU per request (user+system, all pages together): "
        f"server {server:.1f} ms (the serve processes; PostgreSQL's own not counted), users' "
        f"threads {client:.2f} ms.",
        "",
        "| page | requests | first ms | p50 ms | p95 ms | max ms | p95 ≤ 300 ms |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for name, values in timings.items():
        if name.startswith("_"):
            continue
        p95 = percentile(values, 0.95)
        lines.append(
            f"| {name} | {len(values)} | {max(timings['_first ' + name]):.0f} | "
            f"{statistics.median(values):.0f} | {p95:.0f} | {max(values):.0f} | "
            f"{'yes' if p95 <= TARGET_MS else '**no**'} |"
        )
    return "\n".join([*lines, "", MANY_END])


def round_board(path: Path, chosen: str, users: int, rounds: int, workers: int) -> None:
    """Issue 17, item 6: the round board (``/rounds``) of ``chosen`` (``UNIT/YEAR``), first
    page, a deep page, and a filtered and sorted page, ``users`` viewers of the body."""
    code, year = chosen.split("/")
    engine = database.create(f"sqlite:///{path}")
    with engine.connect() as connection:
        from binhdang.rounds.service import get_round
        from binhdang.rounds.tables import round_member

        found = get_round(connection, code, int(year))
        members = connection.execute(
            select(func.count()).where(round_member.c.round_id == found.id)
        ).scalar_one()
    engine.dispose()
    print(f"round {chosen}: {members} members", flush=True)
    dataset = Dataset(
        f"round {chosen} ({path.name})", f"sqlite:///{path}", code, date.today(), members
    )
    board = f"/rounds?unit={code}&year={year}"
    paths = {
        "board, page 1": board,
        "board, page 100": f"{board}&page=100",
        "board, not submitted by name, page 20": f"{board}&state=not_submitted&sort=name&page=20",
    }
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    timings = run_load(
        dataset, users, rounds, workers, paths, Role.VIEWER, prefix=f"r{os.getpid()}u{users}"
    )
    print(
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, load before {load}; {users} users x "
        f"{rounds} rounds, --workers {workers}"
    )
    for name, values in timings.items():
        if not name.startswith("_"):
            print(
                f"{name}: n={len(values)} first={max(timings['_first ' + name]):.0f} ms "
                f"p50={statistics.median(values):.0f} ms p95={percentile(values, 0.95):.0f} ms "
                f"max={max(values):.0f} ms"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--users",
        type=int,
        nargs="+",
        default=[20],
        help="with --national-db, one run per number given",
    )
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--persons", type=int, default=600_000, help="national dataset size")
    parser.add_argument("--units", type=int, default=5_000)
    parser.add_argument("--workers", type=int, default=2, help="binhdang serve --workers")
    parser.add_argument("--pg-url", default="", help="also run the demo on this PostgreSQL server")
    parser.add_argument("--no-write", action="store_true", help="print, do not touch RESULTS.md")
    parser.add_argument(
        "--national-db",
        type=Path,
        default=None,
        help="only the staff list of this national SQLite dataset's largest "
        "province (the file is copied, never written)",
    )
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2025, 10, 1))
    parser.add_argument(
        "--round-db",
        type=Path,
        default=None,
        help="only the board of --round in this SQLite file (it is written)",
    )
    parser.add_argument("--round", default="VN/2024", help="UNIT/YEAR of the board")
    parser.add_argument(
        "--warm-db",
        type=Path,
        default=None,
        help="only the root's and the largest province's indicator sets of this national "
        "SQLite dataset, warm, after a write (the file is copied, never written)",
    )
    parser.add_argument(
        "--national-url",
        default="",
        help="only --users editors of this national dataset's largest province (a database "
        "URL, e.g. PostgreSQL; not copied: the bench's accounts are added to it)",
    )
    parser.add_argument(
        "--think",
        type=float,
        nargs="+",
        default=[0],
        help="mean pause before each request, ms (--warm-db: one run per value)",
    )
    args = parser.parse_args()
    if args.national_url:
        text = many_users(
            args.national_url, args.as_of, args.users[0], args.rounds, args.workers, args.think[0]
        )
        print(text)
        if not args.no_write:
            write_section(text, MANY_START, MANY_END)
        return
    if args.warm_db:
        text = warm_indicators(
            args.warm_db, args.as_of, args.users[0], args.rounds, args.workers, args.think
        )
        print(text)
        if not args.no_write:
            write_section(text, WARM_START, WARM_END)
        return
    if args.round_db:
        round_board(args.round_db, args.round, args.users[0], args.rounds, args.workers)
        return
    if args.national_db:
        load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
        runs = []
        with tempfile.TemporaryDirectory() as folder:
            dataset = national_copy(Path(folder), args.national_db, args.as_of)
            for users in args.users:
                print(f"{dataset.label}: {dataset.staff} staff; {users} users…", flush=True)
                runs.append(
                    (
                        users,
                        run_load(
                            dataset,
                            users,
                            args.rounds,
                            args.workers,
                            staff_paths(dataset, 700),
                            Role.EDITOR,
                            prefix=f"u{users}",
                        ),
                    )
                )
        text = staff_section(dataset, runs, args.rounds, args.workers, load)
        print(text)
        if not args.no_write:
            write_section(text, STAFF_START, STAFF_END)
        return
    args.users = args.users[0]
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        for make in (
            lambda: demo_dataset(base),
            lambda: national_province(base, args.persons, args.units),
        ):
            dataset = make()
            print(f"{dataset.label}: {dataset.staff} staff; {args.users} users…", flush=True)
            rows.append((dataset, run_load(dataset, args.users, args.rounds, args.workers)))
        if args.pg_url:
            dataset, schema = demo_on_postgresql(base, args.pg_url)
            try:
                print(f"{dataset.label}: {args.users} users…", flush=True)
                rows.append((dataset, run_load(dataset, args.users, args.rounds, args.workers)))
            finally:
                drop_schema(args.pg_url, schema)
    text = section(rows, args.users, args.rounds, args.workers)
    print(text)
    if not args.no_write:
        write_section(text)


if __name__ == "__main__":
    main()
