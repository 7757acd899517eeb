"""Fixtures of the round tests: the demo office on the test's engine (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from binhdang.demo.run import build


@pytest.fixture
def demo_engine(engine: Engine, db_url: str, tmp_path: Path) -> Engine:
    """The demo office (lists 2019–2022, committee records, a report text) in ``engine``."""
    build(db_url, tmp_path / "lists")
    return engine
