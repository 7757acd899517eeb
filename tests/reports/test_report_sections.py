"""Adding a section is local: one function (+ an optional HTML block) appears in every format."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from sqlalchemy import Connection

from binhdang.reports import sections
from binhdang.reports.content import Column, Paragraph, ReportTable, SectionContent
from binhdang.reports.docx import render_docx
from binhdang.reports.html import render_html
from binhdang.reports.source import ReportSource
from binhdang.reports.xlsx import render_xlsx
from tests.reports.conftest import make_report


def extra_section(source: ReportSource) -> SectionContent:
    women = source.indicators.get("women_share_staff").ratio.numerator
    return SectionContent(
        data={"women": women},
        blocks=(
            Paragraph(f"Đoạn thử nghiệm: {women} nữ."),
            ReportTable(
                key="extra",
                caption="Bảng thử nghiệm",
                columns=(Column("Mục"), Column("Số", "count")),
                rows=(("Nữ", women),),
                sheet="Thử nghiệm",
            ),
        ),
    )


@pytest.fixture
def registered(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    block = tmp_path / "extra.html.j2"
    block.write_text(
        '<h2>{{ section.heading }}</h2><p class="custom">Khối riêng: '
        "{{ section.data.women }}</p>{{ table(section.blocks[1]) }}"
    )
    sections.discover()
    monkeypatch.setitem(
        sections._REGISTRY,
        "extra",
        sections.Section("extra", 950, "report.title", extra_section, html_template=block),
    )


def test_a_new_section_reaches_every_format(
    registered: None, demo: Connection, tmp_path: Path
) -> None:
    report = make_report(demo, sections=("staff", "extra"))
    assert [s.key for s in report.sections] == ["staff", "extra"]
    assert report.section("extra").heading == "II. BÁO CÁO"
    docx = Document(str(render_docx(report, tmp_path / "r.docx")))
    assert "Đoạn thử nghiệm: 126 nữ." in [p.text for p in docx.paragraphs]
    assert any(t.cell(0, 0).text == "Mục" for t in docx.tables)
    html = render_html(report)
    assert '<p class="custom">Khối riêng: 126</p>' in html and 'id="table-extra"' in html
    book = load_workbook(render_xlsx(report, tmp_path / "r.xlsx"))
    assert book["Thử nghiệm"]["B4"].value == 126


def test_a_section_with_nothing_to_say_is_left_out(
    monkeypatch: pytest.MonkeyPatch, demo: Connection
) -> None:
    sections.discover()
    monkeypatch.setitem(
        sections._REGISTRY,
        "empty",
        sections.Section("empty", 150, "report.title", lambda source: None),
    )
    report = make_report(demo, sections=("staff", "empty", "leadership"))
    assert [(s.key, s.number) for s in report.sections] == [("staff", "I"), ("leadership", "II")]


def test_every_registered_section_renders(demo: Connection, tmp_path: Path) -> None:
    """All areas' sections together (the report users get) render in DOCX and HTML."""
    report = make_report(demo, sections=None)
    keys = [s.key for s in report.sections]
    # The committee's composition opens the report, the figures follow, the texts close it.
    assert keys[:3] == ["committee_members", "staff", "leadership"]
    # the drafted assessment, then the one text the demo saved (directions); shortcomings and
    # recommendations, never written, are left out
    assert keys[-2:] == ["assessment", "directions"]
    assert set(keys) <= {s.key for s in sections.registered_sections()}
    render_docx(report, tmp_path / "all.docx")
    assert "II. ĐỘI NGŨ" in render_html(report)
