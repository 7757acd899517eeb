"""The pay indicators at national scale in ``make bench`` (issue 18, item 5).

On a database generated with pay (``binhdang generate … --pay``: the dataset of the other
questions has none, and pay cuts the employment rows about 2.7 times finer), for the root
``VN`` and one province, as of the bench's date:

- the build of the pay columns' copy (``binhdang.indicators.pay_columnar``), its folder
  removed first: what the first question about the whole tree after a write pays;
- in one process after an untimed warm-up, ``runs`` times each: the 8 pay indicators alone
  (``pay_results``) and the whole indicator set (``indicators_for``), wall and CPU seconds;
  then the pay indicators alone without the copy (``BINHDANG_COLUMNAR=0``: the rows);
- ``binhdang indicators --unit … --as-of … --format json`` as a whole fresh process (start,
  imports, the query, the JSON), wall and CPU seconds and peak RSS.

The figures must agree: the pay results alone equal those of the whole set, and the JSON of
the command gives the same numerators and denominators.

Optional, SQLite only: ``python bench/run.py --only pay --pay-db /tmp/pay/nat-pay.db`` (a
full run measures it too when ``--pay-db`` is given). Written to its own block of
bench/RESULTS.md (``<!-- area:pay-bench -->``), inside the pay area.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

TARGETS = {"root": 2.0, "province": 0.1}  # seconds, the pay indicators alone (issue 18)
START, END = "<!-- area:pay-bench -->", "<!-- /area:pay-bench -->"


def figures(results: Any) -> list[list[Any]]:
    """Each pay indicator's code, numerator, denominator and measure (as text)."""
    return [
        [
            r.code,
            r.ratio.numerator,
            r.ratio.denominator,
            None if r.measure is None else str(r.measure.value),
        ]
        for r in results
    ]


def child(url: str, unit: str, as_of: date, runs: int) -> None:
    """In one process: a warm-up, then ``runs`` of the pay indicators alone and of the whole
    set, alternated; prints JSON."""
    from binhdang.indicators.catalogue import PAY_CODES
    from binhdang.indicators.pay_results import pay_results
    from binhdang.indicators.service import indicators_for
    from binhdang.store import database
    from binhdang.units.tree import load_subtree

    engine = database.create(url)
    timings: dict[str, list[list[float]]] = {"pay": [], "all": [], "rows": []}
    with engine.connect() as connection:
        tree, whole = load_subtree(connection, as_of, unit)
        scope = None if whole else tree.subtree_ids(tree.require(unit).id)
        alone = pay_results(connection, as_of, scope)  # warm-up
        every = indicators_for(connection, unit, as_of)
        for _ in range(runs):
            for name, run in (
                ("pay", lambda: pay_results(connection, as_of, scope)),
                ("all", lambda: indicators_for(connection, unit, as_of)),
            ):
                wall, cpu = time.perf_counter(), time.process_time()
                run()
                timings[name].append([time.perf_counter() - wall, time.process_time() - cpu])
        # The same without the pay copy (the rows through the pay index: PostgreSQL's path,
        # and SQLite's until a question about the whole tree has built the copy).
        os.environ["BINHDANG_COLUMNAR"] = "0"
        from_rows = pay_results(connection, as_of, scope)
        for _ in range(runs):
            wall, cpu = time.perf_counter(), time.process_time()
            pay_results(connection, as_of, scope)
            timings["rows"].append([time.perf_counter() - wall, time.process_time() - cpu])
        del os.environ["BINHDANG_COLUMNAR"]
    in_set = [r for r in every.results if r.code in PAY_CODES]
    print(
        json.dumps(
            {
                "times": timings,
                "figures": figures(alone),
                "agree": figures(alone) == figures(in_set) == figures(from_rows),
            }
        )
    )


def build_child(url: str) -> None:
    """Build the pay copy (its folder removed first by the caller); prints JSON."""
    from binhdang.indicators import pay_columnar
    from binhdang.pay.grades import load_grades
    from binhdang.store import database

    engine = database.create(url)
    with engine.connect() as connection:
        copy = pay_columnar.fresh(connection, tuple(sorted(load_grades().codes())))
        folder = pay_columnar.folder_of(connection)
    size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) if folder else 0
    print(json.dumps({"built": copy is not None, "bytes": size}))


def _json_figures(output: str) -> list[list[Any]]:
    """Numerators and denominators of the pay indicators in ``binhdang indicators`` JSON."""
    data = json.loads(output)
    rows = data["indicators"] if isinstance(data, dict) else data
    return [
        [row["code"], row.get("numerator"), row.get("denominator")]
        for row in rows
        if row.get("code") in TARGET_CODES
    ]


TARGET_CODES = (
    "pay_gap_mean",
    "pay_gap_median",
    "women_share_pay_quartile",
    "women_share_by_grade_group",
    "women_share_senior_grades",
    "early_raise_rate_gap",
    "promotion_rate_gap",
    "raise_after_maternity",
)


def run(path: Path, runs: int, as_of: date, province: str) -> dict[str, Any]:
    """Both units, in-process and as whole processes, runs alternated."""
    import peers  # its launcher: a child's peak RSS is its own

    url = f"sqlite:///{path}"
    binhdang = str(Path(sys.executable).parent / "binhdang")
    results: dict[str, Any] = {"path": str(path), "runs": runs, "units": {}}
    # The pay copy's build (what the first question about the whole tree after a write pays).
    shutil.rmtree(path.with_name(path.name + ".binhdang-pay"), ignore_errors=True)
    print("[pay] building the pay copy", file=sys.stderr, flush=True)
    wall, cpu, rss, output = peers.timed([sys.executable, __file__, "--build", url])
    results["build"] = {**json.loads(output.strip().splitlines()[-1]), "wall": wall, "cpu": cpu,
                        "rss_mb": rss}  # fmt: skip
    for unit in ("VN", province):
        print(f"[pay] {unit} in-process × {runs}", file=sys.stderr, flush=True)
        _, _, rss, output = peers.timed(
            [sys.executable, __file__, "--child", url, unit, as_of.isoformat(), str(runs)]
        )
        measured = json.loads(output.strip().splitlines()[-1])
        measured["rss_mb"] = rss
        command = [binhdang, "indicators", "--unit", unit, "--as-of", as_of.isoformat()]
        command += ["--format", "json", "--db", url]
        processes = []
        print(f"[pay] {unit} binhdang indicators × {runs}", file=sys.stderr, flush=True)
        for _ in range(runs):
            wall, cpu, peak, out = peers.timed(command)
            processes.append([wall, cpu, peak])
        shown = _json_figures(out)
        measured["process"] = processes
        measured["command"] = " ".join(command[1:])
        expected = [row[:3] for row in measured["figures"]]
        measured["process_agrees"] = shown == expected
        results["units"][unit] = measured
    return results


def _median(values: list[float]) -> float:
    return statistics.median(values)


def section(results: dict[str, Any], when: str, load: str) -> list[str]:
    """The block of bench/RESULTS.md."""
    lines = [
        f"### `make bench`: pay indicators ({when} UTC, `bench/run.py --only pay`)",
        "",
        f"Database `{results['path']}` (generated with `--pay`), SQLite; as of the bench's "
        f"date; load average {load}; {results['runs']} runs each (median, then every run: "
        "wall / CPU seconds).",
        "",
        "| unit | pay indicators alone (`pay_results`) | all indicators (`indicators_for`) "
        "| `binhdang indicators` process (peak RSS) | target (pay alone) | met | figures agree "
        "| pay alone without the copy (the rows) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    details = []
    for unit, row in results["units"].items():
        pay = row["times"]["pay"]
        every = row["times"]["all"]
        process = row["process"]
        target = TARGETS["root" if unit == "VN" else "province"]
        median = _median([w for w, _ in pay])
        lines.append(
            f"| {unit} | {median:.3f} s (CPU {_median([c for _, c in pay]):.3f} s) "
            f"| {_median([w for w, _ in every]):.3f} s (CPU {_median([c for _, c in every]):.3f} s) "
            f"| {_median([p[0] for p in process]):.2f} s (CPU {_median([p[1] for p in process]):.2f} s, "
            f"{max(p[2] for p in process):.0f} MB) "
            f"| ≤ {target:g} s | {'yes' if median <= target else '**no**'} "
            f"| {'yes' if row['agree'] and row['process_agrees'] else '**no**'} "
            f"| {_median([w for w, _ in row['times']['rows']]):.3f} s "
            f"(CPU {_median([c for _, c in row['times']['rows']]):.3f} s) |"
        )
        details.append(
            f"- {unit}: pay alone "
            + ", ".join(f"{w:.3f}/{c:.3f}" for w, c in pay)
            + "; all "
            + ", ".join(f"{w:.3f}/{c:.3f}" for w, c in every)
            + "; without the copy "
            + ", ".join(f"{w:.3f}/{c:.3f}" for w, c in row["times"]["rows"])
            + "; process "
            + ", ".join(f"{p[0]:.2f}/{p[1]:.2f}" for p in process)
            + f" (`binhdang {row['command']}`)"
        )
    built = results["build"]
    details.append(
        f"- The pay copy's build (folder `<file>.binhdang-pay` removed first; one process): "
        f"{built['wall']:.1f} s, CPU {built['cpu']:.1f} s, peak RSS {built['rss_mb']:.0f} MB, "
        f"{built['bytes'] / 1e6:.0f} MB on disk{'' if built['built'] else ' (**not built**)'}; "
        "every figure above after it (the copy kept)."
    )
    return [*lines, "", *details]


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--build":
        build_child(sys.argv[2])
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        url, unit, as_of, runs = sys.argv[2:6]
        child(url, unit, date.fromisoformat(as_of), int(runs))
        return
    raise SystemExit("bench/pay.py is run by bench/run.py (--only pay --pay-db FILE)")


if __name__ == "__main__":
    main()
