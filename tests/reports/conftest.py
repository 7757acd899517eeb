"""Fixtures of the report tests: the demo office (SQLite, built once) and report helpers."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Connection

from binhdang.demo.run import build
from binhdang.reports.build import ReportRequest, build_report
from binhdang.reports.content import Paragraph, Report
from binhdang.store import database

ON = date(2022, 10, 1)
OWN_SECTIONS = ("staff", "leadership")  # the sections of this area (others test theirs)


@pytest.fixture(scope="session")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo office (lists 2019–2022) in a SQLite file shared by the report tests."""
    folder = tmp_path_factory.mktemp("report-demo")
    url = f"sqlite:///{folder / 'demo.db'}"
    build(url, folder / "lists")
    return url


@pytest.fixture
def demo(demo_url: str) -> Iterator[Connection]:
    engine = database.create(demo_url)
    with engine.connect() as connection:
        yield connection
    engine.dispose()


def make_report(
    connection: Connection, unit: str = "BHXH_QT", as_of: date = ON, **overrides: object
) -> Report:
    values: dict[str, object] = {
        "sections": OWN_SECTIONS,
        "place": "Quảng Trị",
        "number": "07/BC-BHXH",
        "signer": "Nguyễn Văn An",
        **overrides,
    }
    return build_report(connection, ReportRequest(unit, as_of, **values))  # type: ignore[arg-type]


def paragraphs(report: Report, key: str) -> list[str]:
    return [b.text for b in report.section(key).blocks if isinstance(b, Paragraph)]


def libreoffice_or_skip() -> None:
    """PDF tests need LibreOffice; CI must have it (scripts/system-deps.sh installs it)."""
    if shutil.which("soffice") is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is required under CI: run scripts/system-deps.sh")
        pytest.skip("LibreOffice (soffice) is not installed")


def calc_or_skip() -> None:
    """Opening the XLSX needs LibreOffice Calc (Debian: libreoffice-calc-nogui)."""
    libreoffice_or_skip()
    if not Path("/usr/lib/libreoffice/program/libsclo.so").exists():
        if os.environ.get("CI"):
            pytest.fail("LibreOffice Calc is required under CI: run scripts/system-deps.sh")
        pytest.skip("LibreOffice Calc is not installed")


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []
