"""The peers of ``make bench`` (bench/peers.py, issue 19): DuckDB and Polars count the same
figures as binhdang on copies of a generated dataset, cold (a process per question) and warm
(one process each, ``binhdang serve`` to a signed-in client), and a disagreement is caught.

DuckDB and Polars are bench-only dependencies (``pip install -e '.[bench]'``): without them
these tests are skipped. SQLite only: the peers read copies of a SQLite database."""

from __future__ import annotations

import argparse
import importlib.util
import io
import shutil
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from binhdang.scale.service import generate
from binhdang.scale.shape import Shape
from binhdang.store import database
from tests.helpers import run_cli

pytest.importorskip("duckdb")
pytest.importorskip("polars")

SHAPE = Shape(persons=4000, units=60, years=4, seed=11, end=date(2025, 12, 31))
AS_OF = date(2025, 6, 30)
ENDS = [date(year, 12, 31) for year in range(2022, 2026)]


BENCH = Path(__file__).resolve().parents[1] / "bench"


def _load(name: str, file: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, BENCH / file)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _peers() -> ModuleType:
    return _load("bench_peers", "peers.py")


@pytest.fixture(scope="module")
def dataset(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("peers")
    path = folder / "national.db"
    shutil.copyfile(sqlite_template, path)
    engine = database.create(f"sqlite:///{path}")
    generate(engine, SHAPE)
    engine.dispose()
    return path


@pytest.mark.parametrize("tool", ["duckdb", "duckdb-parquet", "polars"])
def test_peers_count_what_binhdang_counts(
    dataset: Path, tool: str, capsys: pytest.CaptureFixture[str]
) -> None:
    peers = _peers()
    folder = dataset.parent / "copies"
    info = peers.copy(dataset, folder)
    assert info["rows"]["employment"] > 0
    url = f"sqlite:///{dataset}"
    province = "VN-01"
    asked = {"root": ("VN", [AS_OF]), "province": (province, [AS_OF]), "trend": ("VN", ENDS)}
    for unit, days in asked.values():
        if len(days) == 1:
            done = run_cli(
                capsys,
                "indicators",
                "--unit",
                unit,
                "--as-of",
                days[0].isoformat(),
                "--format",
                "json",
                "--db",
                url,
            )
        else:
            done = run_cli(
                capsys,
                "trend",
                "--unit",
                unit,
                "--last",
                "31/12/2025",
                "--periods",
                str(len(days)),
                "--every",
                "year",
                "--format",
                "json",
                "--db",
                url,
            )
        assert done.code == 0, done.err
        ours = peers.binhdang_figures(done.out, len(days) == 1)
        if tool == "polars":
            staff, posts = peers.polars_counts(folder, days, unit)
        else:
            staff, posts = peers.duckdb_counts(tool, folder, days, unit)
        theirs = peers.figures(staff, posts, days, breakdowns=len(days) == 1)
        assert theirs == ours, (unit, days)
        assert all(values[1] > 0 for values in ours)  # staff were counted at every date
    # A province is a part of the root: fewer staff.
    root = peers.figures(*peers.duckdb_counts("duckdb", folder, [AS_OF], "VN"), [AS_OF], True)
    part = peers.figures(*peers.duckdb_counts("duckdb", folder, [AS_OF], province), [AS_OF], True)
    assert 0 < part[0][1] < root[0][1]


def test_a_peer_that_disagrees_is_named() -> None:
    peers = _peers()
    row = {
        "binhdang": {"check": [[1, 2]]},
        "duckdb": {"agrees": True},
        "duckdb-parquet": {"agrees": False},
        "polars": {"agrees": True},
    }
    assert peers.disagreements({"questions": {"root": row}}) == ["root / DuckDB (Parquet)"]
    warm = {"questions": {"trend": {"served": {"agrees": False}, "polars": {"agrees": True}}}}
    assert peers.disagreements({"questions": {"root": row}, "warm": warm}) == [
        "root / DuckDB (Parquet)",
        "trend warm / binhdang serve (cached answer)",
    ]


def test_warm_side_agrees_and_is_written(
    dataset: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The warm side on the generated dataset: binhdang served and recomputed, DuckDB and
    Polars each in one process, give binhdang's own figures (its command line's, asked here),
    and ``bench/run.py`` writes their table into the peers' section."""
    # The lean path answers only from a columnar copy, kept from this many rows up.
    monkeypatch.setenv("BINHDANG_COLUMNAR_MIN_ROWS", "1")
    monkeypatch.syspath_prepend(str(BENCH))  # bench/run.py and peers.py import their siblings
    peers = _peers()
    url = f"sqlite:///{dataset}"
    root = run_cli(capsys, "indicators", "--unit", "VN", "--as-of", AS_OF.isoformat(),
                   "--format", "json", "--db", url)  # fmt: skip
    trend = run_cli(capsys, "trend", "--unit", "VN", "--last", "31/12/2025", "--periods",
                    str(len(ENDS)), "--every", "year", "--format", "json", "--db", url)  # fmt: skip
    assert root.code == 0 and trend.code == 0, (root.err, trend.err)
    expected = {
        "root": peers.binhdang_figures(root.out, True),
        "trend": peers.binhdang_figures(trend.out, False),
    }
    log = io.StringIO()
    results = peers.run(
        dataset, dataset.parent / "copies", 1, AS_OF, "VN-01", ENDS, log, warm_runs=2, cold=False
    )
    assert results["questions"] == {}  # cold=False: the warm side alone
    warm = results["warm"]
    assert set(warm["questions"]) == {"root", "province", "trend"}
    for question, row in warm["questions"].items():
        assert set(row) == set(peers.WARM)
        for approach, entry in row.items():
            assert len(entry["times"]) == len(entry["cpu"]) == 2
            assert entry["agrees"], (question, approach)
            if question in expected:  # against binhdang's command line, not only each other
                assert entry["check"] == expected[question], (question, approach)
        assert row["recomputed"]["mode"] == "lean"
        assert all(values[1] > 0 for values in row["served"]["check"])
    assert len(warm["questions"]["trend"]["served"]["check"]) == len(ENDS)
    assert peers.disagreements(results) == []
    assert not list(dataset.parent.joinpath("copies").glob("tmp*"))  # the served copy is gone

    out = tmp_path / "RESULTS.md"
    out.write_text("# Benchmark results\n\n<!-- area:other -->\nkept\n<!-- /area:other -->\n")
    _load("bench_run", "run.py").write_peers(argparse.Namespace(out=out), results)
    text = out.read_text()
    assert "kept" in text and "<!-- area:peers -->" in text
    warm_part = text.split("#### Warm", 1)[1]
    rows = [line for line in warm_part.splitlines() if line.startswith("| ") and "|---" not in line]
    assert len(rows) == 1 + 3 * len(peers.WARM)  # the header, then question × approach
    assert all(line.endswith("| yes |") for line in rows[1:])
