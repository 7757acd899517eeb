"""The report's own texts: reading and parsing, versions, the CLI, the drafted assessment, and
each format rendering user text as text (never as markup or template code), both engines."""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import Engine, func, select

from binhdang.errors import BinhdangError
from binhdang.reports.build import ReportRequest, build_report
from binhdang.reports.content import Paragraph, Run
from binhdang.reports.docx import render_docx
from binhdang.reports.html import render_html
from binhdang.reports.texts.messages import MESSAGES
from binhdang.reports.texts.parsing import (
    MAX_TEXT_BYTES,
    TextBlock,
    clean_text,
    parse_text,
    read_text_file,
    section_named,
)
from binhdang.reports.texts.service import clear_text, history, latest_texts, save_text
from binhdang.reports.texts.tables import report_text
from tests.factories import SMALL_TREE, STAFF_HEADER, UNIT_HEADER, staff_row, write_table
from tests.helpers import run_cli
from tests.imports import import_staff, import_units

Capsys = pytest.CaptureFixture[str]
ON = date(2022, 10, 1)
NOW = datetime(2022, 12, 20, 8, 30, tzinfo=UTC)

# Managers: 0 women of 2 in 2021, 1 of 2 in 2022; staff: 1 woman of 4, then 2 of 5.
STAFF_2021 = [
    staff_row("C1", sex="Nam", unit="ROOT", position="Giám đốc", level="Cấp trưởng"),
    staff_row("C2", sex="Nam", unit="A", position="Phó Trưởng phòng", level="Cấp phó"),
    staff_row("C3", sex="Nữ", unit="A"),
    staff_row("C4", sex="Nam", unit="B"),
]
STAFF_2022 = [
    staff_row("C1", sex="Nam", unit="ROOT", position="Giám đốc", level="Cấp trưởng"),
    staff_row("C2", sex="Nam", unit="A"),
    staff_row("C3", sex="Nữ", unit="A", position="Phó Trưởng phòng", level="Cấp phó"),
    staff_row("C4", sex="Nam", unit="B"),
    staff_row("C5", sex="Nữ", unit="B"),
]

HOSTILE = (
    "# Kết quả nổi bật\n\n"
    "Tỷ lệ nữ **tăng rõ** so với năm trước; <script>alert('x')</script> & {{ 7 * 7 }} "
    "{% if true %}X{% endif %} {_{ y }_}\n"
    "tiếp tục dòng.\n\n"
    "- Ý thứ nhất\n"
    "- Ý **thứ hai** đậm\n"
    "\n\n\n"
    "1. Mục đánh số\n"
    "2. Mục khác\n"
)


@pytest.fixture
def office(engine: Engine, tmp_path: Path) -> Engine:
    import_units(engine, write_table(tmp_path / "units.csv", UNIT_HEADER, SMALL_TREE))
    import_staff(
        engine, write_table(tmp_path / "s21.csv", STAFF_HEADER, STAFF_2021), date(2021, 10, 1)
    )
    import_staff(engine, write_table(tmp_path / "s22.csv", STAFF_HEADER, STAFF_2022), ON)
    return engine


def _report(engine: Engine, lang: str = "vi", sections: tuple[str, ...] | None = None):  # type: ignore[no-untyped-def]
    with engine.connect() as connection:
        request = ReportRequest("ROOT", ON, lang=lang, sections=sections)  # type: ignore[arg-type]
        return build_report(connection, request)


# --- reading and parsing ---------------------------------------------------------------------


def test_parse_paragraphs_bullets_bold_and_nothing_else() -> None:
    blocks = parse_text(HOSTILE)
    assert blocks[0] == TextBlock((Run("Kết quả nổi bật", bold=True),))  # a heading: bold
    assert blocks[1].runs == (
        Run("Tỷ lệ nữ "),
        Run("tăng rõ", bold=True),
        Run(
            " so với năm trước; <script>alert('x')</script> & {{ 7 * 7 }} "
            "{% if true %}X{% endif %} {_{ y }_} tiếp tục dòng."
        ),
    )
    assert [(b.bullet, b.plain) for b in blocks[2:]] == [
        (True, "Ý thứ nhất"),
        (True, "Ý thứ hai đậm"),
        (False, "1. Mục đánh số"),
        (False, "2. Mục khác"),
    ]
    assert blocks[3].runs[1] == Run("thứ hai", bold=True)
    # unmatched or spaced stars stay as written
    assert parse_text("a ** b and **c")[0].runs == (Run("a ** b and **c"),)


def test_clean_text_nfc_line_breaks_and_control_characters() -> None:
    nfd = unicodedata.normalize("NFD", "Đánh giá")
    value = f"\ufeff{nfd}\r\nhai\tba\x07\x0c\x00\r\n\r\n\r\n\r\nbốn  \n\n"
    assert clean_text(value) == "Đánh giá\nhai    ba\n\nbốn"


def test_read_text_file_refuses_what_is_not_a_text(tmp_path: Path) -> None:
    good = tmp_path / "a.md"
    good.write_bytes("\ufeffDòng một\r\n".encode())
    assert read_text_file(good) == "Dòng một"
    cases = {
        "missing.md": None,
        "big.md": ("x" * (MAX_TEXT_BYTES + 1)).encode(),
        "word.docx": b"PK\x03\x04" + b"\x00" * 20,
        "utf16.txt": "Đánh giá".encode("utf-16"),
        "latin.txt": b"d\xf2ng 1\n\xf0\xe1nh gi\xe1",  # Windows-1258 bytes
    }
    keys = {}
    for name, data in cases.items():
        path = tmp_path / name
        if data is not None:
            path.write_bytes(data)
        with pytest.raises(BinhdangError) as excinfo:
            read_text_file(path)
        keys[name] = excinfo.value.message.key
    assert keys == {
        "missing.md": "file.missing",
        "big.md": "report_text.too_large",
        "word.docx": "report_text.not_text",
        "utf16.txt": "report_text.not_text",
        "latin.txt": "report_text.not_utf8",
    }


def test_section_names_vietnamese_english_and_folded() -> None:
    assert section_named("danh-gia").key == "assessment"
    assert section_named("Đánh giá").key == "assessment"
    assert section_named("recommendations").name == "kien-nghi"
    with pytest.raises(BinhdangError) as excinfo:
        section_named("ket-luan")
    assert "phuong-huong (directions)" in excinfo.value.message.render("vi")


def _names(template: str) -> set[str]:
    import string

    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_messages_say_the_same_in_both_languages(key: str) -> None:
    vi, en = MESSAGES[key]
    assert vi and en and _names(vi) == _names(en)


# --- versions --------------------------------------------------------------------------------


def test_every_save_is_a_version_and_clear_keeps_the_history(office: Engine) -> None:
    args = {"unit_code": "A", "year": 2022, "section": "shortcomings"}
    with office.begin() as connection:
        first = save_text(connection, **args, body="Bản một", saved_by="An", now=NOW)
        same = save_text(connection, **args, body="Bản một\n\n", saved_by="Bình", now=NOW)
        second = save_text(connection, **args, body="Bản hai", saved_by="Bình", now=NOW)
        cleared = clear_text(
            connection, unit_code="A", year=2022, section="shortcomings", saved_by="Chi", now=NOW
        )
        again = clear_text(
            connection, unit_code="A", year=2022, section="shortcomings", saved_by="Chi", now=NOW
        )
    assert (first.version, same, second.version, cleared.version, again) == (1, None, 2, 3, None)  # type: ignore[union-attr]
    with office.connect() as connection:
        versions = history(connection, "A", 2022)
        assert latest_texts(connection, "A", 2022)["shortcomings"].body is None
        assert latest_texts(connection, "A", 2023) == {}
        assert latest_texts(connection, "ROOT", 2022) == {}  # per unit
    assert [(v.version, v.body, v.saved_by) for v in versions] == [
        (1, "Bản một", "An"),
        (2, "Bản hai", "Bình"),
        (3, None, "Chi"),
    ]
    assert versions[0].saved_at.replace(tzinfo=UTC) == NOW  # SQLite gives it back naive


# --- the command line ------------------------------------------------------------------------


def _cli(capsys: Capsys, db_url: str, command: str, *args: str):  # type: ignore[no-untyped-def]
    return run_cli(
        capsys, "report", "text", command, "--db", db_url, "--unit", "ROOT", "--year", "2022", *args
    )


def _rows(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(report_text)).scalar_one()


def test_cli_set_show_history_clear(
    capsys: Capsys, db_url: str, office: Engine, tmp_path: Path
) -> None:
    text_file = tmp_path / "ton_tai.md"
    text_file.write_text(HOSTILE, encoding="utf-8")
    result = _cli(capsys, db_url, "set", "--section", "ton-tai", str(text_file), "--by", "Lan")
    assert result.code == 0, result.err
    assert "phiên bản 1" in result.out
    assert (
        _cli(capsys, db_url, "set", "--section", "shortcomings", str(text_file)).out.count(
            "không thay đổi"
        )
        == 1
    )
    text_file.write_text("Bản sửa: **khắc phục** hạn chế.\n", encoding="utf-8")
    assert "phiên bản 2" in _cli(capsys, db_url, "set", "--section", "ton-tai", str(text_file)).out
    shown = _cli(capsys, db_url, "show", "--section", "ton-tai")
    assert shown.out == "Bản sửa: **khắc phục** hạn chế.\n"  # stdout: the text alone, as written
    assert "Phiên bản 2" in shown.err
    old = _cli(capsys, db_url, "show", "--section", "ton-tai", "--version", "1")
    assert old.out == clean_text(HOSTILE) + "\n"  # printed as characters, not Rich markup
    cleared = _cli(capsys, db_url, "clear", "--section", "ton-tai", "--lang", "en")
    assert cleared.code == 0 and "Cleared" in cleared.out and "version 3" in cleared.out
    assert "chưa có nội dung" in _cli(capsys, db_url, "show", "--section", "ton-tai").err
    listed = _cli(capsys, db_url, "history")
    assert listed.code == 0 and listed.out.count("Tồn tại") == 3
    assert "Lan" in listed.out and "(đã xóa)" in listed.out
    assert _rows(office) == 3


def test_cli_bad_input_changes_nothing(
    capsys: Capsys, db_url: str, office: Engine, tmp_path: Path
) -> None:
    text_file = tmp_path / "a.md"
    text_file.write_text("Nội dung", encoding="utf-8")
    empty = tmp_path / "empty.md"
    empty.write_text("\n \n", encoding="utf-8")
    bad = {
        ("--section", "ket-luan", str(text_file)): "Không có phần nội dung «ket-luan»",
        ("--section", "ton-tai", str(tmp_path / "none.md")): "Không tìm thấy tệp",
        ("--section", "ton-tai", str(empty)): "không có nội dung",
    }
    for args, message in bad.items():
        result = _cli(capsys, db_url, "set", *args)
        assert result.code == 1 and message in result.err, result.err
        assert "Traceback" not in result.err
    unknown = run_cli(
        capsys,
        "report",
        "text",
        "set",
        "--db",
        db_url,
        "--unit",
        "NOPE",
        "--year",
        "2022",
        "--section",
        "ton-tai",
        str(text_file),
        "--lang",
        "en",
    )
    assert unknown.code == 1 and "There is no unit with code “NOPE”" in unknown.err
    year = _cli(capsys, db_url, "show", "--section", "ton-tai", "--year", "20222")
    assert year.code == 1 and "20222" in year.err
    assert _rows(office) == 0


def test_cli_show_prints_the_draft_while_nothing_is_written(
    capsys: Capsys, db_url: str, office: Engine
) -> None:
    shown = _cli(capsys, db_url, "show", "--section", "danh-gia")
    assert shown.code == 0 and "bản dự thảo" in shown.err and "01/10/2022" in shown.err
    assert (
        "Tỷ lệ nữ giữ chức vụ lãnh đạo, quản lý là 50,0% (1/2 người), tăng 50,0 điểm" in shown.out
    )


# --- the report ------------------------------------------------------------------------------


def test_draft_assessment_says_what_rose(office: Engine) -> None:
    report = _report(office)
    assessment = report.section("assessment")
    assert assessment.data.draft and assessment.data.version is None
    text = " ".join(b.text for b in assessment.blocks)
    assert (
        "Tỷ lệ nữ trong tổng số công chức, viên chức, lao động là 40,0% (2/5 người), tăng "
        "15,0 điểm phần trăm so với cùng thời điểm năm 2021 (25,0%)."
    ) in text
    assert "tăng 50,0 điểm phần trăm so với cùng thời điểm năm 2021 (0,0%)" in text
    assert "Nhìn chung, tỷ lệ nữ tham gia lãnh đạo, quản lý tăng so với năm trước." in text
    assert "mục tiêu" in text  # the targets' verdicts
    english = " ".join(b.text for b in _report(office, "en").section("assessment").blocks)
    assert "which rose by 50.0 percentage points" in english
    # the other texts are left out when empty: no placeholder in the document
    keys = [s.key for s in report.sections]
    assert keys[-1] == "assessment" and not {"shortcomings", "directions"} & set(keys)


def test_draft_assessment_says_what_fell(engine: Engine, tmp_path: Path) -> None:
    import_units(engine, write_table(tmp_path / "units.csv", UNIT_HEADER, SMALL_TREE))
    import_staff(
        engine, write_table(tmp_path / "s21.csv", STAFF_HEADER, STAFF_2022), date(2021, 10, 1)
    )
    import_staff(engine, write_table(tmp_path / "s22.csv", STAFF_HEADER, STAFF_2021), ON)
    text = " ".join(b.text for b in _report(engine).section("assessment").blocks)
    assert "giảm 50,0 điểm phần trăm" in text and "giảm so với năm trước" in text


def test_saved_texts_replace_the_draft_and_follow_the_figures(office: Engine) -> None:
    with office.begin() as connection:
        for section, body in (
            ("assessment", "Đánh giá của đơn vị."),
            ("directions", HOSTILE),
            ("recommendations", "- Đề nghị **bổ sung** biên chế."),
        ):
            save_text(
                connection,
                unit_code="ROOT",
                year=2022,
                section=section,
                body=body,
                saved_by="Lan",
                now=NOW,
            )
    report = _report(office)
    keys = [s.key for s in report.sections]
    assert keys[-3:] == ["assessment", "directions", "recommendations"]
    assert keys.index("assessment") > keys.index("targets")  # after the figures
    assert report.section("directions").title == "Phương hướng, nhiệm vụ năm 2023"
    assessment = report.section("assessment")
    assert not assessment.data.draft and assessment.data.version == 1
    assert [b.text for b in assessment.blocks] == ["Đánh giá của đơn vị."]
    (item,) = report.section("recommendations").blocks
    assert isinstance(item, Paragraph)
    assert item.runs == (Run("- "), Run("Đề nghị "), Run("bổ sung", bold=True), Run(" biên chế."))


def _docx_paragraphs(path: Path) -> list:  # type: ignore[type-arg]
    return [p for p in Document(str(path)).paragraphs if p.text.strip()]


def test_docx_and_html_show_user_text_literally(office: Engine, tmp_path: Path) -> None:
    with office.begin() as connection:
        save_text(
            connection,
            unit_code="ROOT",
            year=2022,
            section="shortcomings",
            body=HOSTILE,
            saved_by="Lan",
            now=NOW,
        )
    report = _report(office, sections=("targets", "assessment", "shortcomings"))  # no charts
    paragraphs = _docx_paragraphs(render_docx(report, tmp_path / "r.docx"))
    texts = [p.text for p in paragraphs]
    heading = next(i for i, t in enumerate(texts) if "TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN" in t)
    assessment = next(i for i, t in enumerate(texts) if t.endswith("ĐÁNH GIÁ CHUNG"))
    assert assessment < heading  # in report order, after the figures
    body = texts[heading + 1 : heading + 7]
    assert body == [
        "Kết quả nổi bật",
        "Tỷ lệ nữ tăng rõ so với năm trước; <script>alert('x')</script> & {{ 7 * 7 }} "
        "{% if true %}X{% endif %} {_{ y }_} tiếp tục dòng.",
        "- Ý thứ nhất",
        "- Ý thứ hai đậm",
        "1. Mục đánh số",
        "2. Mục khác",
    ]
    # the Jinja in it was not run: no "49", no "X" alone, no "{{ y }}"
    second = paragraphs[heading + 2]
    assert [(r.text, bool(r.bold)) for r in second.runs if r.text][:3] == [
        ("Tỷ lệ nữ ", False),
        ("tăng rõ", True),
        (
            " so với năm trước; <script>alert('x')</script>"
            " & {{ 7 * 7 }} {% if true %}X{% endif %} "
            "{_{ y }_} tiếp tục dòng.",
            False,
        ),
    ]
    assert [bool(r.bold) for r in paragraphs[heading + 1].runs if r.text] == [True]  # heading
    html = render_html(report)
    section = html[html.index('id="section-shortcomings"') :]
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; {{ 7 * 7 }}" in section
    assert "{% if true %}X{% endif %} {_{ y }_}" in section
    assert "Tỷ lệ nữ <strong>tăng rõ</strong> so với" in section
    assert '<p class="body">- Ý <strong>thứ hai</strong> đậm</p>' in section


def test_pdf_through_the_docx_carries_the_texts(office: Engine, tmp_path: Path) -> None:
    from pypdf import PdfReader

    from binhdang.reports.service import write_reports
    from tests.reports.conftest import libreoffice_or_skip

    libreoffice_or_skip()
    with office.begin() as connection:
        save_text(
            connection,
            unit_code="ROOT",
            year=2022,
            section="recommendations",
            body="- Đề nghị **tập huấn** {{ 7 * 7 }}",
            saved_by="Lan",
            now=NOW,
        )
    target = tmp_path / "bc.pdf"
    request = ReportRequest("ROOT", ON, sections=("assessment", "recommendations"))
    write_reports(office, request, [("pdf", target)])
    pages = " ".join(page.extract_text() for page in PdfReader(target).pages)
    flat = " ".join(pages.split())
    assert "KIẾN NGHỊ, ĐỀ XUẤT" in flat and "- Đề nghị tập huấn {{ 7 * 7 }}" in flat
    assert "ĐÁNH GIÁ CHUNG" in flat and "40,0%" in flat
