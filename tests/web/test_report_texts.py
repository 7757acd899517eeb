"""The form of the report's own texts: an editor of the unit saves versions (CSRF, audit log),
a viewer reads, the drafted assessment is the starting text — in-process, both engines."""

from __future__ import annotations

from sqlalchemy import func, select

from binhdang.accounts.tables import audit_log
from binhdang.reports.texts.tables import report_text
from tests.web.conftest import Site, csrf_from, sign_in

PAGE = "/reports/texts?unit=A&year=2022"


def _stored(site: Site) -> list[tuple[str, int, str | None, str]]:
    with site.engine.connect() as connection:
        rows = connection.execute(
            select(
                report_text.c.section,
                report_text.c.version,
                report_text.c.body,
                report_text.c.saved_by,
            ).order_by(report_text.c.id)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


def _form(page: str, **texts: str) -> dict[str, str]:
    """What the browser sends: every textarea as shown, with the changes in ``texts``."""
    import html
    import re

    shown = {
        name: html.unescape(value)
        for name, value in re.findall(
            r'<textarea id="f-\w+" name="(\w+)"[^>]*>(.*?)</textarea>', page, re.S
        )
    }
    return {"unit": "A", "year": "2022", "csrf_token": csrf_from(page), **shown, **texts}


def test_an_editor_saves_versions_and_the_draft_stays_a_draft(pages: Site) -> None:
    client = pages.client
    assert sign_in(client, "editor_a").status_code == 303
    page = client.get(PAGE)
    assert page.status_code == 200
    assert (
        'id="f-assessment"' in page.text
        and "Bản dự thảo lập từ số liệu ngày 01/10/2022" in page.text
    )
    assert "Phương hướng, nhiệm vụ năm 2023" in page.text
    hostile = "Hạn chế: <b>x</b> {{ 7 * 7 }}\n\n- **Ý một**"
    form = _form(page.text, shortcomings=hostile)
    preview = client.post("/reports/texts", data={**form, "action": "preview"})
    assert preview.status_code == 200 and _stored(pages) == []  # a preview saves nothing
    assert "Hạn chế: &lt;b&gt;x&lt;/b&gt; {{ 7 * 7 }}" in preview.text
    assert "<p>- <strong>Ý một</strong></p>" in preview.text
    saved = client.post("/reports/texts", data={**form, "action": "save"}, follow_redirects=False)
    assert saved.status_code == 303
    # the untouched draft is not saved: the assessment keeps following the figures
    assert _stored(pages) == [("shortcomings", 1, hostile, "editor_a")]
    shown = client.get(saved.headers["location"])
    assert "Đã lưu: Tồn tại, hạn chế và nguyên nhân." in shown.text
    assert "Phiên bản 1, editor_a lưu lúc" in shown.text
    again = client.post("/reports/texts", data={**_form(shown.text), "action": "save"})
    assert "Không có phần nào thay đổi" in again.text and len(_stored(pages)) == 1
    changed = _form(shown.text, shortcomings="Bản hai", assessment="Đánh giá của phòng A.")
    client.post("/reports/texts", data={**changed, "action": "save"})
    assert [(s, v) for s, v, _, _ in _stored(pages)] == [
        ("shortcomings", 1),
        ("assessment", 1),
        ("shortcomings", 2),
    ]
    history = client.get(PAGE).text
    assert "Các phiên bản (2)" in history and "Hạn chế: &lt;b&gt;x&lt;/b&gt;" in history
    with pages.engine.connect() as connection:
        logged = connection.execute(
            select(func.count())
            .select_from(audit_log)
            .where(audit_log.c.action == "report_text.save")
        ).scalar_one()
    assert logged == 2


def test_without_the_csrf_token_nothing_is_saved(pages: Site) -> None:
    sign_in(pages.client, "editor_a")
    form = _form(pages.client.get(PAGE).text, shortcomings="x")
    form.pop("csrf_token")
    assert pages.client.post("/reports/texts", data=form).status_code == 403
    assert _stored(pages) == []


def test_a_viewer_reads_but_cannot_save(pages: Site) -> None:
    sign_in(pages.client, "editor_a")
    pages.client.post(
        "/reports/texts", data=_form(pages.client.get(PAGE).text, directions="Kế hoạch năm sau.")
    )
    pages.client.post("/sign-out", data={"csrf_token": csrf_from(pages.client.get("/").text)})
    sign_in(pages.client, "viewer_a")
    page = pages.client.get(PAGE)
    assert page.status_code == 200
    assert "<textarea" not in page.text and 'id="read-only"' in page.text
    assert "Kế hoạch năm sau." in page.text
    refused = pages.client.post(
        "/reports/texts",
        data={
            "unit": "A",
            "year": "2022",
            "csrf_token": csrf_from(page.text),
            "directions": "Sửa trộm",
            "action": "save",
        },
    )
    assert refused.status_code == 403
    assert [body for _, _, body, _ in _stored(pages)] == ["Kế hoạch năm sau."]
    # an editor of A cannot reach the texts of the office above it
    assert pages.client.get("/reports/texts?unit=ROOT&year=2022").status_code == 403


def test_an_admin_of_the_office_writes_for_a_unit_below(pages: Site) -> None:
    sign_in(pages.client, "admin")
    page = pages.client.get("/reports")
    assert 'id="open-texts"' in page.text
    texts = pages.client.get(PAGE)
    assert "<textarea" in texts.text
    pages.client.post(
        "/reports/texts", data={**_form(texts.text, recommendations="Đề xuất."), "action": "save"}
    )
    assert _stored(pages) == [("recommendations", 1, "Đề xuất.", "admin")]
    assert pages.client.get("/reports/texts?unit=NOPE").status_code == 404
    assert pages.client.get("/reports/texts?unit=A&year=abcd").status_code == 422
