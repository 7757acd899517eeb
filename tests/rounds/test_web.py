"""The round's pages, on both engines: the unit's editor previews then confirms, the body's
editor returns with a comment (required) and the unit sees the notice, a viewer reads but may
not review, the board shows progress and overdue units (issue 17)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine, update

from binhdang.accounts.permissions import Role
from binhdang.accounts.service import create_account
from binhdang.accounts.tables import account as account_table
from binhdang.rounds.service import open_round
from binhdang.store.writes import write_transaction
from binhdang.web.app import create_app
from tests.web.conftest import csrf_from, make_settings, password_hash, sign_in

NOW = datetime(2022, 12, 10, 3, 0, tzinfo=UTC)
PAGE = "/rounds/unit?unit=QT_THU&year=2022"


def test_submit_review_and_board_pages(demo_engine: Engine, db_url: str, tmp_path: Path) -> None:
    engine = demo_engine
    hashed = password_hash()
    with write_transaction(engine) as connection:
        open_round(
            connection,
            body_code="BHXH_QT",
            year=2022,
            as_of=date(2022, 10, 1),
            due=date(2022, 12, 1),
            now=NOW,
        )
        for name, role, code in (
            ("thu", Role.EDITOR, "QT_THU"),
            ("body", Role.EDITOR, "BHXH_QT"),
            ("viewer", Role.VIEWER, "BHXH_QT"),
        ):
            made = create_account(
                connection, name=name, role=role, unit_code=code, password=None, now=NOW
            )
            connection.execute(
                update(account_table)
                .where(account_table.c.id == made.id)
                .values(password_hash=hashed)
            )
    app = create_app(make_settings(db_url, tmp_path))
    clients = {}
    for name in ("thu", "body", "viewer"):
        clients[name] = TestClient(app)
        clients[name].__enter__()
        assert sign_in(clients[name], name).status_code == 303
    try:
        thu, body, viewer = clients["thu"], clients["body"], clients["viewer"]
        page = thu.get(PAGE)
        assert page.status_code == 200 and 'id="preview-form"' in page.text
        assert 'id="review-form"' not in page.text
        preview = thu.get(PAGE + "&preview=1")
        assert 'id="preview-figures"' in preview.text and 'id="submit-form"' in preview.text
        sent = thu.post(
            "/rounds/submit",
            data={
                "unit": "QT_THU",
                "year": "2022",
                "note": "<b>x</b>",
                "csrf_token": csrf_from(preview.text),
            },
            follow_redirects=False,
        )
        assert sent.status_code == 303, sent.text
        after = thu.get(PAGE)
        assert "&lt;b&gt;x&lt;/b&gt;" in after.text  # the note as text, never markup
        # a sibling's page shows no submit form to this editor, and a post is refused
        sibling = thu.post(
            "/rounds/submit",
            data={"unit": "QT_TCCB", "year": "2022", "csrf_token": csrf_from(after.text)},
        )
        assert sibling.status_code == 403

        board = body.get("/rounds")
        assert board.status_code == 200
        assert "1/19 đã nộp" in board.text and 'class="overdue"' in board.text
        assert "19 đơn vị" in board.text and 'id="round-count-export"' in board.text
        exported = body.get("/rounds.csv?unit=BHXH_QT&year=2022&state=submitted")
        assert exported.status_code == 200
        assert exported.text.splitlines()[1].startswith("QT_THU,")
        assert len(exported.text.splitlines()) == 2
        by_state = body.get("/rounds?unit=BHXH_QT&year=2022&sort=-state")
        assert by_state.status_code == 200 and 'aria-sort="descending"' in by_state.text
        review_page = body.get(PAGE)
        assert 'id="review-form"' in review_page.text
        csrf = csrf_from(review_page.text)
        empty = body.post(
            "/rounds/review",
            data={"unit": "QT_THU", "year": "2022", "decision": "return", "csrf_token": csrf},
        )
        assert empty.status_code == 422 and "cần có ý kiến" in empty.text
        seen = viewer.get(PAGE)
        assert seen.status_code == 200 and 'id="review-form"' not in seen.text
        refused = viewer.post(
            "/rounds/review",
            data={
                "unit": "QT_THU",
                "year": "2022",
                "decision": "accept",
                "csrf_token": csrf_from(seen.text),
            },
        )
        assert refused.status_code == 403
        returned = body.post(
            "/rounds/review",
            data={
                "unit": "QT_THU",
                "year": "2022",
                "decision": "return",
                "csrf_token": csrf,
                "comment": "Thiếu số liệu đào tạo",
            },
            follow_redirects=False,
        )
        assert returned.status_code == 303
        told = thu.get("/rounds")
        assert "bị trả lại: Thiếu số liệu đào tạo" in told.text
        history = thu.get(PAGE)
        assert "Thiếu số liệu đào tạo" in history.text and 'id="preview-form"' in history.text
    finally:
        for client in clients.values():
            client.__exit__(None, None, None)
        app.state.engine.dispose()
