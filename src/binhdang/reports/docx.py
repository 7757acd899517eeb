"""DOCX: the report rendered into a Word template with docxtpl (Jinja inside Word).

The template gets the variables listed in :func:`template_context` (documented in the
README); tables become Word tables (sub-documents) and charts PNG images, so a user's own
template can place them anywhere or leave them out.
"""

from __future__ import annotations

import io
import zipfile
from copy import deepcopy
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from docxtpl import DocxTemplate, InlineImage
from jinja2 import Environment, TemplateError

from binhdang import formatting
from binhdang.errors import BinhdangError
from binhdang.indicators.output import to_data
from binhdang.messages import Lang, text
from binhdang.reports.charts import PNG_WIDTH_MM
from binhdang.reports.charts import render as render_chart
from binhdang.reports.content import CellValue, ChartBlock, Paragraph, Report, ReportTable, Run
from binhdang.reports.docx_template import BODY_PT, FONT, TEXT_WIDTH_MM, template_path

CHART_WIDTH_MM = PNG_WIDTH_MM


def format_cell(value: CellValue, kind: str, lang: Lang) -> str:
    """A cell as people read it: ``1.234``, ``53,6%``, ``01/10/2022``; empty for ``None``
    except percentages, where ``None`` means "not applicable"."""
    if value is None:
        return text("out.not_applicable", lang) if kind == "percent" else ""
    if kind == "percent" and isinstance(value, Decimal):
        return formatting.percent(value, lang)
    if isinstance(value, date):
        return formatting.short_date(value, lang)
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return formatting.number(value, lang)
    return str(value)


def jinja_environment(lang: Lang) -> Environment:
    """Jinja with the formatting filters: ``number``, ``percent``, ``short_date``, ``long_date``."""
    env = Environment(autoescape=True)
    env.filters["number"] = lambda v: formatting.number(v, lang)
    env.filters["percent"] = lambda v: formatting.percent(v, lang)
    env.filters["short_date"] = lambda v: formatting.short_date(v, lang)
    env.filters["long_date"] = lambda v: formatting.long_date(v, lang)
    return env


def _run(paragraph, value: str, size: float, bold: bool = False) -> None:  # type: ignore[no-untyped-def]
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(1), Pt(1), 1.0
    run = paragraph.add_run(value)
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)


def _grid(table) -> None:  # type: ignore[no-untyped-def]
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"),
                           ("w:color", "000000")):  # fmt: skip
            element.set(qn(key), value)
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _widths(table: ReportTable) -> list[float]:
    """Column widths (mm) that always fit the text width: numeric columns narrow, text
    columns share the rest; with many columns everything shrinks in proportion."""
    narrow = {"count": 20.0, "percent": 22.0, "date": 24.0, "code": 30.0}
    wanted = [
        11.0 if i == 0 and c.kind == "count" else narrow.get(c.kind, 0.0)
        for i, c in enumerate(table.columns)
    ]
    texts = [i for i, c in enumerate(table.columns) if c.kind == "text"]
    rows = [*table.rows, *([table.total] if table.total else [])]
    weights = {  # longer contents get more room (capped so one column cannot take all)
        i: min(max([len(table.columns[i].label), *(len(str(r[i] or "")) for r in rows)]), 45) + 5
        for i in texts
    }
    room = TEXT_WIDTH_MM - sum(wanted)
    for index in texts:
        wanted[index] = max(room * weights[index] / sum(weights.values()), 18.0)
    total = sum(wanted)
    if total > TEXT_WIDTH_MM or not texts:
        wanted = [w * TEXT_WIDTH_MM / total for w in wanted]
    return wanted


def table_font_size(table: ReportTable) -> float:
    """12 pt; 11 pt from 7 columns; 10 pt from 9 (wide tables stay inside the margins)."""
    columns = len(table.columns)
    return 12.0 if columns <= 6 else 11.0 if columns <= 8 else 10.0


_RUN_TEXT_SPECIALS = frozenset("\t\n\r")


class _CellWriter:
    """Fills table cells as ``cell.width = …``, ``paragraph.alignment = …`` and :func:`_run`
    would, but through python-docx only for the first cell of each kind: later cells get
    copies of its XML (the property setters cost about a millisecond a cell, seconds for a
    report's tables)."""

    def __init__(self) -> None:
        self._kinds: dict[tuple[float, object, float, bool], tuple[Any, Any, Any]] = {}

    def write(self, cell: Any, width: float, alignment: object, value: str, size: float,
              bold: bool) -> None:  # fmt: skip
        key = (width, alignment, size, bold)
        kind = self._kinds.get(key)
        plain = value == value.strip() and not _RUN_TEXT_SPECIALS.intersection(value)
        if kind is None or not plain:
            cell.width = Mm(width)
            paragraph = cell.paragraphs[0]
            paragraph.alignment = alignment
            _run(paragraph, value, size, bold)
            if kind is None:
                tc, p = cell._tc, paragraph._p
                self._kinds[key] = (deepcopy(tc.tcPr), deepcopy(p.pPr), deepcopy(p.r_lst[-1].rPr))
            return
        tc_pr, p_pr, r_pr = kind
        tc = cell._tc
        if tc.tcPr is not None:
            tc.remove(tc.tcPr)
        tc.insert(0, deepcopy(tc_pr))
        p = tc.p_lst[0]
        p.append(deepcopy(p_pr))
        run = OxmlElement("w:r")
        run.append(deepcopy(r_pr))
        if value:
            t = OxmlElement("w:t")
            t.text = value
            run.append(t)
        p.append(run)


def table_subdoc(template: DocxTemplate, table: ReportTable, lang: Lang):  # type: ignore[no-untyped-def]
    """A Word table for ``table``: bold header repeated on each page, numbers right-aligned."""
    subdoc = template.new_subdoc()
    rows = list(table.rows) + ([table.total] if table.total else [])
    word = subdoc.add_table(rows=len(rows) + 1, cols=len(table.columns))
    word.alignment = WD_TABLE_ALIGNMENT.CENTER
    _grid(word)
    widths = _widths(table)
    size = table_font_size(table)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    word._tbl.tblPr.append(layout)
    word.autofit = False
    for column, width in zip(word.columns, widths, strict=True):
        column.width = Mm(width)
    header = word.rows[0]
    repeat = OxmlElement("w:tblHeader")
    header._tr.get_or_add_trPr().append(repeat)
    writer = _CellWriter()
    for cell, column, width in zip(header.cells, table.columns, widths, strict=True):
        writer.write(cell, width, WD_ALIGN_PARAGRAPH.CENTER, column.label, size, True)
    for tr in word._tbl.tr_lst:
        tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    alignments = []
    for column in table.columns:
        numeric = column.kind in ("count", "percent")
        alignment = WD_ALIGN_PARAGRAPH.RIGHT if numeric else (
            WD_ALIGN_PARAGRAPH.CENTER if column.kind == "date" else WD_ALIGN_PARAGRAPH.LEFT)  # fmt: skip
        if column.kind == "count" and column is table.columns[0]:
            alignment = WD_ALIGN_PARAGRAPH.CENTER
        alignments.append(alignment)
    for row_index, (tr, values) in enumerate(zip(word._tbl.tr_lst[1:], rows, strict=True),
                                             start=1):  # fmt: skip
        is_total = table.total is not None and row_index == len(rows)
        for tc, column, value, width, alignment in zip(tr.tc_lst, table.columns, values, widths,
                                                       alignments, strict=True):  # fmt: skip
            writer.write(_Cell(tc, word), width, alignment,
                         format_cell(value, column.kind, lang), size, is_total)  # fmt: skip
    return subdoc


class _LazyPng(io.BytesIO):
    """A chart's PNG drawn (or taken from the child drawing it) when Word asks for its
    bytes: docxtpl reads an image only while it renders the template, so the tables are
    built while the chart is still being drawn."""

    def __init__(self, chart: ChartBlock) -> None:
        super().__init__()
        self._chart: ChartBlock | None = chart

    def _load(self) -> None:
        if self._chart is not None:
            chart, self._chart = self._chart, None
            self.write(render_chart(chart.spec, "png"))
            super().seek(0)

    def seek(self, *args: Any) -> int:
        self._load()
        return super().seek(*args)

    def read(self, *args: Any) -> bytes:
        self._load()
        return super().read(*args)

    def getvalue(self) -> bytes:
        self._load()
        return super().getvalue()


def chart_image(template: DocxTemplate, chart: ChartBlock) -> InlineImage:
    return InlineImage(template, _LazyPng(chart), width=Mm(CHART_WIDTH_MM))


def _xml_text(value: str) -> str:
    """Text for a ``<w:t>``: XML-escaped, and braces as character references so that no
    ``{{``, ``{%`` or ``{_{`` is left in what docxtpl post-processes (it turns ``{_{`` into
    ``{{``), so a user's text comes out exactly as written."""
    escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace("{", "&#123;").replace("}", "&#125;")


class RunsXml:
    """A user-written paragraph (:class:`~binhdang.reports.content.Run` pieces) for the
    template's ``{{ block.text }}``: plain pieces stay in the template's own run; a bold piece
    closes that run and opens its own (Times New Roman, body size), as docxtpl's ``{{r …}}``
    tag does, so the shipped and the users' templates need no change. The template inserts
    the value as data: nothing in it is evaluated as Jinja."""

    _PROPERTIES = (
        f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}"/>'
        "{bold}"
        f'<w:sz w:val="{BODY_PT * 2}"/><w:szCs w:val="{BODY_PT * 2}"/>'
    )

    def __init__(self, runs: tuple[Run, ...]) -> None:
        self.runs = runs

    def __html__(self) -> str:
        parts = []
        plain = self._PROPERTIES.format(bold="")
        bold = self._PROPERTIES.format(bold="<w:b/><w:bCs/>")
        for run in self.runs:
            if not run.bold:
                parts.append(_xml_text(run.text))
                continue
            parts.append(
                f'</w:t></w:r><w:r><w:rPr>{bold}</w:rPr><w:t xml:space="preserve">'
                f"{_xml_text(run.text)}</w:t></w:r><w:r><w:rPr>{plain}</w:rPr>"
                '<w:t xml:space="preserve">'
            )
        return "".join(parts)

    def __str__(self) -> str:
        return "".join(run.text for run in self.runs)


def _body(template: DocxTemplate, report: Report) -> list[dict[str, Any]]:
    sections = []
    for item in report.sections:
        blocks: list[dict[str, Any]] = []
        for block in item.blocks:
            if isinstance(block, Paragraph):
                text_value = RunsXml(block.runs) if block.runs else block.text
                blocks.append({"kind": "paragraph", "text": text_value})
            elif isinstance(block, ReportTable):
                if block.in_body:
                    blocks.append({"kind": "table", "key": block.key, "caption": block.caption,
                                   "table": table_subdoc(template, block, report.lang)})  # fmt: skip
            elif isinstance(block, ChartBlock):
                blocks.append({"kind": "chart", "key": block.key, "caption": block.caption,
                               "image": chart_image(template, block)})  # fmt: skip
        sections.append({"key": item.key, "number": item.number, "title": item.title,
                         "heading": item.heading, "body": blocks, "data": item.data})  # fmt: skip
    return sections


def template_context(report: Report, template: DocxTemplate | None = None) -> dict[str, Any]:
    """Every variable a report template can use (the README lists them with examples)."""
    lang = report.lang
    header = report.header
    issue = formatting.long_date(header.issue_date, lang)
    context: dict[str, Any] = {
        "lang": lang,
        "unit_code": report.unit_code,
        "unit_name": report.unit_name,
        "as_of": formatting.short_date(report.as_of, lang),
        "as_of_long": formatting.long_date(report.as_of, lang),
        "year": report.year,
        "parent_body": header.parent_body,
        "issuer": header.issuer,
        "number": header.number,
        "place": header.place,
        "issue_date": formatting.short_date(header.issue_date, lang),
        "issue_date_long": issue,
        "place_date": text("report.place_date", lang, place=header.place, date=issue),
        "title": header.title,
        "subtitle": header.subtitle,
        "intro": header.intro,
        "closing": header.closing,
        "recipients": list(header.recipients),
        "signer": header.signer,
        "signer_title": header.signer_title,
        "signer_authority": header.signer_authority,
        "signer_heading": "\n".join(filter(None, (header.signer_authority, header.signer_title))),
        "source_note": report.source_note,
        "data": {item.key: item.data for item in report.sections},
        "indicators": {},
        "issuer_name": header.issuer_name,
        "appendix_title": header.appendix_title,
        "appendix_subtitle": header.appendix_subtitle,
        "appendix": [],
    }
    period = report.period
    if period is not None:
        context["period_start"] = formatting.short_date(period.start, lang)
        context["period_end"] = formatting.short_date(period.end, lang)
    indicator_set = report.extra.get("indicators")
    if indicator_set is not None:
        context["indicators"] = {item["code"]: item for item in to_data(indicator_set, lang)}
    if template is not None:
        context["sections"] = _body(template, report)
        context["appendix"] = [
            {"key": table.key, "caption": table.caption,
             "table": table_subdoc(template, table, lang)}
            for table in report.appendix_tables()
        ]  # fmt: skip
    return context


def set_core_properties(template: DocxTemplate, report: Report) -> None:
    """The file's properties say what the document is: the issuing body as author, the
    trích yếu as title, the issue date as creation date (not python-docx's defaults)."""
    header = report.header
    properties = template.docx.core_properties
    issued = datetime.combine(header.issue_date, time())
    properties.author = header.issuer_name
    properties.last_modified_by = header.issuer_name
    properties.title = header.subtitle
    properties.subject = header.title
    properties.comments = ""
    properties.keywords = ""
    properties.language = report.lang
    properties.created = issued
    properties.modified = issued


def load_template(path: Path | None, lang: Lang) -> DocxTemplate:
    """The user's template (``--template``) or the shipped default, checked to be readable."""
    chosen = path or template_path(lang)
    if not chosen.exists():
        raise BinhdangError.of("file.missing", file=str(chosen))
    try:
        template = DocxTemplate(chosen)
        template.init_docx()
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise BinhdangError.of("report.template_unreadable", file=str(chosen),
                               reason=str(exc) or type(exc).__name__) from exc  # fmt: skip
    return template


def render_docx(report: Report, out: Path, template_file: Path | None = None) -> Path:
    """Render ``report`` into ``out`` (a path the caller owns; see :mod:`.service`)."""
    template = load_template(template_file, report.lang)
    context = template_context(report, template)
    try:
        template.render(context, jinja_env=jinja_environment(report.lang), autoescape=True)
    except TemplateError as exc:
        chosen = template_file or template_path(report.lang)
        raise BinhdangError.of("report.template_unreadable", file=str(chosen),
                               reason=f"{type(exc).__name__}: {exc}") from exc  # fmt: skip
    set_core_properties(template, report)
    template.save(out)
    return out
