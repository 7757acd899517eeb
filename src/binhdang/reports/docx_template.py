"""Builds the default Word templates shipped in ``templates/`` (``report_vi.docx``,
``report_en.docx``), laid out after Decree 30/2020/NĐ-CP, Appendix I.

The shipped files are what ``binhdang report`` uses and what ``binhdang template report``
writes out for editing; this module regenerates them::

    python -m binhdang.reports.docx_template

Layout (Decree 30/2020/NĐ-CP, Appendix I; design.md §4): A4 portrait; margins top and
bottom 20 mm, left 30 mm, right 15 mm; Times New Roman; top left the parent body (uppercase,
12 pt, not bold) and the issuing body (uppercase, bold) over a short line, and "Số: …"; top
right the national name (uppercase bold 12 pt) and the motto (bold 13 pt) over a line as long
as the motto, then the place and date in italics; title bold 14 pt; body 14 pt justified;
"Nơi nhận:" bold italic 12 pt and recipients 11 pt; the signature block bold; page numbers
centred at the top from page 2.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from binhdang.messages import Lang, text
from binhdang.reports.typesetting import text_width_mm

TEMPLATES = Path(__file__).parent / "templates"
FONT = "Times New Roman"
BODY_PT = 14
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGINS_MM["left"] - MARGINS_MM["right"]  # 165 mm
LEFT_COL_MM, RIGHT_COL_MM = 68, TEXT_WIDTH_MM - 68
CELL_PADDING_MM = 1.9  # Word's default left/right cell margin (0.19 cm)


def template_path(lang: Lang) -> Path:
    """The shipped default template for ``lang``."""
    return TEMPLATES / f"report_{lang}.docx"


def _text_width_mm(value: str, size_pt: float, bold: bool) -> float:
    """Width of ``value`` in Times New Roman (Liberation Serif has the same metrics)."""
    return text_width_mm(value, size_pt, bold)


def _style_run(run, size: float, bold: bool = False, italic: bool = False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)


def _para(
    container,
    value: str = "",
    size: float = BODY_PT,
    *,
    bold: bool = False,
    italic: bool = False,
    align: int | None = WD_ALIGN_PARAGRAPH.CENTER,
    before: float = 0,
    after: float = 0,
    first_indent_mm: float | None = None,
    first: bool = False,
    keep_next: bool = False,
) -> Paragraph:
    paragraph = container.paragraphs[0] if first else container.add_paragraph()
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing = 1.0
    if keep_next:
        fmt.keep_with_next = True
    if first_indent_mm is not None:
        fmt.first_line_indent = Mm(first_indent_mm)
    if value:
        _style_run(paragraph.add_run(value), size, bold, italic)
    return paragraph


def _line(
    container, width_mm: float, column_mm: float, *, before: float = 3, after: float = 0
) -> Paragraph:
    """A centred horizontal line ``width_mm`` long: a top border on an empty, tiny paragraph."""
    paragraph = _para(container, "", 2, before=before, after=after)
    indent = max((column_mm - 2 * CELL_PADDING_MM - width_mm) / 2, 0)
    paragraph.paragraph_format.left_indent = Mm(indent)
    paragraph.paragraph_format.right_indent = Mm(indent)
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    paragraph._p.get_or_add_pPr().append(borders)
    run = paragraph.add_run()
    run.font.size = Pt(2)
    return paragraph


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def _fixed_widths(table, widths_mm: list[float]) -> None:
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)


def _page_number_header(section) -> None:
    """Page number centred at the top, not on the first page (Decree 30/2020, Appendix I)."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    _style_run(run, 13)
    for kind, value in (("begin", None), ("instr", " PAGE "), ("separate", None), ("end", None)):
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = value
            run._r.append(instr)
            continue
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run._r.append(char)
        if kind == "separate":
            number = OxmlElement("w:t")
            number.text = "2"
            run._r.append(number)


def build_template(lang: Lang, path: Path) -> Path:
    """Write the default report template for ``lang`` to ``path``."""
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance = Mm(10)
    _page_number_header(section)

    # --- header block: issuing body | national motto ------------------------------------------
    head = document.add_table(rows=2, cols=2)
    _no_borders(head)
    _fixed_widths(head, [LEFT_COL_MM, RIGHT_COL_MM])
    left, right = head.cell(0, 0), head.cell(0, 1)
    _para(left, "{%p if parent_body %}", 12, first=True)
    _para(left, "{{ parent_body }}", 12)
    _para(left, "{%p endif %}", 12)
    _para(left, "{{ issuer }}", 12, bold=True)
    _line(left, 25, LEFT_COL_MM)
    country = text("report.country", lang)
    motto = text("report.motto", lang)
    _para(right, country, 12, bold=True, first=True)
    _para(right, motto, 13, bold=True)
    _line(right, _text_width_mm(motto, 13, bold=True), RIGHT_COL_MM)
    number_label = text("report.number_label", lang)
    _para(head.cell(1, 0), f"{number_label}: {{{{ number }}}}", 13, first=True, before=4)
    _para(head.cell(1, 1), "{{ place_date }}", 14, italic=True, first=True, before=4)

    # --- title --------------------------------------------------------------------------------
    _para(document, "{{ title }}", 14, bold=True, before=18)
    _para(document, "{{ subtitle }}", 14, bold=True)
    _line(document, 35, TEXT_WIDTH_MM + 2 * CELL_PADDING_MM, before=6, after=12)

    # --- body ---------------------------------------------------------------------------------
    body = {"align": WD_ALIGN_PARAGRAPH.JUSTIFY, "first_indent_mm": 12.7, "before": 3, "after": 3}
    _para(document, "{{ intro }}", **body)  # type: ignore[arg-type]
    control = {"size": 2, "align": None}
    _para(document, "{%p for section in sections %}", **control)  # type: ignore[arg-type]
    _para(
        document,
        "{{ section.heading }}",
        bold=True,
        before=6,
        after=6,
        align=WD_ALIGN_PARAGRAPH.LEFT,
        keep_next=True,
    )
    _para(document, "{%p for block in section.body %}", **control)  # type: ignore[arg-type]
    _para(document, '{%p if block.kind == "paragraph" %}', **control)  # type: ignore[arg-type]
    _para(document, "{{ block.text }}", **body)  # type: ignore[arg-type]
    _para(document, '{%p elif block.kind == "table" %}', **control)  # type: ignore[arg-type]
    _para(document, "{{ block.caption }}", 13, bold=True, before=6, after=4, keep_next=True)
    _para(document, "{{p block.table }}", **control)  # type: ignore[arg-type]
    _para(document, '{%p elif block.kind == "chart" %}', **control)  # type: ignore[arg-type]
    _para(document, "{{ block.image }}", 13, before=6, keep_next=True)
    _para(document, "{{ block.caption }}", 13, italic=True, after=6)
    _para(document, "{%p endif %}", **control)  # type: ignore[arg-type]
    _para(document, "{%p endfor %}", **control)  # type: ignore[arg-type]
    _para(document, "{%p endfor %}", **control)  # type: ignore[arg-type]
    # The closing paragraph stays on the page of the signature block (never "Nơi nhận" and
    # the signature alone on the last page).
    _para(document, "{{ closing }}", keep_next=True, **body)  # type: ignore[arg-type]

    # --- recipients | signature ---------------------------------------------------------------
    foot = document.add_table(rows=1, cols=2)
    _no_borders(foot)
    # The signature block must never break across pages (a name alone on the last page).
    foot.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    _fixed_widths(foot, [78, TEXT_WIDTH_MM - 78])
    recipients, signature = foot.cell(0, 0), foot.cell(0, 1)
    label = text("report.recipients_label", lang)
    _para(
        recipients,
        f"{label}:",
        12,
        bold=True,
        italic=True,
        align=WD_ALIGN_PARAGRAPH.LEFT,
        first=True,
        before=12,
    )
    _para(recipients, "{%p for recipient in recipients %}", 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _para(recipients, "- {{ recipient }}", 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _para(recipients, "{%p endfor %}", 11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _para(signature, "{{ signer_heading }}", 13, bold=True, before=12, first=True)
    for _ in range(4):
        _para(signature, "", 14)
    _para(signature, "{{ signer }}", 14, bold=True)

    # --- appendix (binhdang report --appendix): the full per-unit lists, on a new page -------
    _para(document, "{%p if appendix %}", **control)  # type: ignore[arg-type]
    title = _para(document, "{{ appendix_title }}", 14, bold=True, before=0)
    title.paragraph_format.page_break_before = True
    _para(document, "{{ appendix_subtitle }}", 14, italic=True, after=12)
    _para(document, "{%p for block in appendix %}", **control)  # type: ignore[arg-type]
    _para(document, "{{ block.caption }}", 13, bold=True, before=6, after=4, keep_next=True)
    _para(document, "{{p block.table }}", **control)  # type: ignore[arg-type]
    _para(document, "{%p endfor %}", **control)  # type: ignore[arg-type]
    _para(document, "{%p endif %}", **control)  # type: ignore[arg-type]
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


if __name__ == "__main__":  # pragma: no cover
    for language in ("vi", "en"):
        print(build_template(language, template_path(language)))
