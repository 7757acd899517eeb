"""The round's commands end to end, on both engines: output formats, clear errors (vi and
en, exit 1, no traceback, nothing written), and the consolidated report's file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from binhdang.rounds.tables import submission, submission_review
from tests.helpers import run_cli


def _count(engine: Engine) -> tuple[int, int]:
    with engine.connect() as connection:
        return (
            connection.execute(select(func.count()).select_from(submission)).scalar_one(),
            connection.execute(select(func.count()).select_from(submission_review)).scalar_one(),
        )


def test_the_walk_through(
    demo_engine: Engine, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def cli(*args: str):  # type: ignore[no-untyped-def]
        return run_cli(capsys, *args, "--db", db_url)

    opened = cli(
        "round",
        "open",
        "--unit",
        "BHXH_QT",
        "--year",
        "2022",
        "--due",
        "20/12/2022",
        "--as-of",
        "01/10/2022",
    )
    assert opened.code == 0 and "19 đơn vị, hạn nộp 20/12/2022" in opened.out
    assert cli("submit", "--unit", "QT_TCCB", "--year", "2022").code == 0
    assert cli("submit", "--unit", "QT_THU", "--year", "2022").code == 0
    before = _count(demo_engine)
    for lang, words in (("vi", "cần có ý kiến"), ("en", "needs a comment")):
        refused = run_cli(
            capsys,
            "review",
            "return",
            "--unit",
            "QT_TCCB",
            "--year",
            "2022",
            "--db",
            db_url,
            "--lang",
            lang,
        )
        assert refused.code == 1 and words in refused.err and "Traceback" not in refused.err
    assert _count(demo_engine) == before
    assert (
        cli(
            "review",
            "return",
            "--unit",
            "QT_TCCB",
            "--year",
            "2022",
            "--comment",
            "Thiếu số liệu đào tạo",
        ).code
        == 0
    )
    assert cli("review", "accept", "--unit", "QT_THU", "--year", "2022").code == 0
    again = cli("review", "accept", "--unit", "QT_THU", "--year", "2022")
    assert again.code == 1 and "đã được duyệt" in again.err

    data = json.loads(
        cli("round", "status", "--unit", "BHXH_QT", "--year", "2022", "--format", "json").out
    )
    assert data["counts"] == {"not_submitted": 17, "submitted": 0, "returned": 1, "accepted": 1}
    assert all(
        set(u) >= {"code", "name", "state", "submitted_at", "by", "late"} for u in data["units"]
    )
    rows = list(
        csv.DictReader(
            io.StringIO(
                cli("round", "status", "--unit", "BHXH_QT", "--year", "2022", "--format", "csv").out
            )
        )
    )
    assert {r["code"]: r["state"] for r in rows}["QT_TCCB"] == "returned"
    table = cli("round", "status", "--unit", "BHXH_QT", "--year", "2022")
    assert "1/19 đã nộp" in table.out

    other = cli(
        "report",
        "--unit",
        "BHXH_QT",
        "--year",
        "2022",
        "--from-submissions",
        "--as-of",
        "01/01/2022",
        "--out",
        str(tmp_path / "x"),
    )
    assert other.code == 1 and "01/10/2022" in other.err
    written = cli(
        "report",
        "--unit",
        "BHXH_QT",
        "--year",
        "2022",
        "--from-submissions",
        "--format",
        "html",
        "--out",
        str(tmp_path / "tong-hop.html"),
    )
    assert written.code == 0, written.err
    page = (tmp_path / "tong-hop.html").read_text(encoding="utf-8")
    assert "Tổng hợp từ báo cáo của các đơn vị".upper() in page.upper()
    assert "báo cáo đã duyệt của 1/19 đơn vị" in page

    missing = cli("round", "status", "--unit", "BHXH_QT", "--year", "2021")
    assert missing.code == 1 and "chưa mở đợt báo cáo năm 2021" in missing.err
    closed = cli("round", "close", "--unit", "BHXH_QT", "--year", "2022")
    assert closed.code == 0
    late = cli("submit", "--unit", "QT_VP", "--year", "2022")
    assert late.code == 1 and "đã đóng" in late.err
