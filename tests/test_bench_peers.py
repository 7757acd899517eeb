"""The peers of ``make bench`` (bench/peers.py, issue 19): DuckDB and Polars count the same
figures as binhdang on copies of a generated dataset, and a disagreement is caught.

DuckDB and Polars are bench-only dependencies (``pip install -e '.[bench]'``): without them
these tests are skipped. SQLite only: the peers read copies of a SQLite database."""

from __future__ import annotations

import importlib.util
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


def _peers() -> ModuleType:
    path = Path(__file__).resolve().parents[1] / "bench" / "peers.py"
    spec = importlib.util.spec_from_file_location("bench_peers", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_peers"] = module
    spec.loader.exec_module(module)
    return module


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
