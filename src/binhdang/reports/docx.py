"""DOCX: the report rendered into a Word template with docxtpl (Jinja inside Word).

The template gets the variables listed in :func:`template_context` (documented in the
README); tables become Word tables (sub-documents) and charts PNG images, so a user's own
template can place them anywhere or leave them out.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime, time
from pathlib import Path
from typing import Any

from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import Environment, TemplateError

from binhdang import formatting
from binhdang.errors import BinhdangError
from binhdang.messages import Lang
from binhdang.reports.charts import PNG_WIDTH_MM
from binhdang.reports.charts import render as render_chart
from binhdang.reports.content import ChartBlock, Paragraph, Report, ReportTable, Run
from binhdang.reports.docx_template import BODY_PT, FONT, TEXT_WIDTH_MM, template_path
from binhdang.reports.rendering import format_cell, report_context
from binhdang.reports.typesetting import keep_names, table_layout

CHART_WIDTH_MM = PNG_WIDTH_MM


def jinja_environment(lang: Lang) -> Environment:
    """Jinja with the formatting filters: ``number``, ``percent``, ``short_date``, ``long_date``."""
    env = Environment(autoescape=True)
    env.filters["number"] = lambda v: formatting.number(v, lang)
    env.filters["percent"] = lambda v: formatting.percent(v, lang)
    env.filters["short_date"] = lambda v: formatting.short_date(v, lang)
    env.filters["long_date"] = lambda v: formatting.long_date(v, lang)
    return env


KEEP_WHOLE_ROWS = 12
"""A table of at most this many rows is kept on one page (with its caption); a longer one
keeps its caption, its header and its first row together and repeats the header."""

_BORDERS = "".join(
    f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # no place in XML 1.0 (nor \r: a line is \n)


def cell_texts(table: ReportTable, lang: Lang) -> list[list[str]]:
    """Every row's cells as people read them (:func:`format_cell`), names and places kept on
    one line (:func:`~binhdang.reports.typesetting.keep_names`); the total row last."""
    rows = [*table.rows, *([table.total] if table.total else [])]
    kinds = [column.kind for column in table.columns]
    return [
        [
            keep_names(shown) if kind == "text" else shown
            for shown, kind in (
                (format_cell(value, kind, lang), kind)
                for value, kind in zip(row, kinds, strict=True)
            )
        ]
        for row in rows
    ]


def layout(table: ReportTable, texts: list[list[str]]) -> tuple[float, list[float]]:
    """Font size (pt) and column widths (mm) of ``table`` from its content: numbers and dates
    as wide as their figures, text columns sharing the rest (:mod:`.typesetting`)."""
    wraps = [column.kind == "text" for column in table.columns]
    body = texts[:-1] if table.total else texts
    total = texts[-1] if table.total else None
    labels = [keep_names(column.label) for column in table.columns]
    return table_layout(labels, body, wraps, TEXT_WIDTH_MM, total=total)


def _alignment(table: ReportTable, index: int) -> str:
    kind = table.columns[index].kind
    if kind == "count" and index == 0:
        return "center"  # the running number ("TT")
    return "right" if kind in ("count", "percent") else "center" if kind == "date" else "left"


def _runs_xml(value: str, properties: str) -> str:
    """``value`` as Word runs: line breaks and tabs as Word writes them, spaces kept."""
    parts = []
    value = _CONTROL.sub("", value)
    for number, line in enumerate(value.split("\n")):
        if number:
            parts.append("<w:br/>")
        for piece_number, piece in enumerate(line.split("\t")):
            if piece_number:
                parts.append("<w:tab/>")
            if piece:
                parts.append(f'<w:t xml:space="preserve">{_xml_text(piece)}</w:t>')
    return f"<w:r>{properties}{''.join(parts)}</w:r>" if parts else ""


def _cell_xml(value: str, width: int, alignment: str, size: float, bold: bool, keep: bool) -> str:
    half_points = round(size * 2)
    run = (
        f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" '
        f'w:eastAsia="{FONT}"/>{"<w:b/><w:bCs/>" if bold else ""}'
        f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>'
    )
    return (
        f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr><w:p><w:pPr>'
        f"{'<w:keepNext/>' if keep else ''}"
        '<w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/>'
        f'<w:jc w:val="{alignment}"/></w:pPr>{_runs_xml(value, run)}</w:p></w:tc>'
    )


class TableXml:
    """A report table as WordprocessingML, for the template's ``{{p block.table }}``: written
    as one string (python-docx's property setters cost about a millisecond a cell, seconds
    for a province's tables). Fixed layout with the widths of :func:`layout`, a grid, the
    header row repeated on each page (``w:tblHeader``), no row split across pages
    (``w:cantSplit``), the header kept with the first rows (``w:keepNext``) and a short table
    kept whole, numbers right-aligned, the total row bold."""

    def __init__(self, table: ReportTable, lang: Lang) -> None:
        self.table = table
        self.texts = cell_texts(table, lang)
        self.size, self.widths_mm = layout(table, self.texts)

    def __html__(self) -> str:
        table = self.table
        widths = [round(width / 25.4 * 1440) for width in self.widths_mm]  # twips
        alignments = [_alignment(table, index) for index in range(len(table.columns))]
        rows = len(self.texts)
        whole = rows <= KEEP_WHOLE_ROWS
        out = [
            '<w:tbl><w:tblPr><w:tblW w:type="auto" w:w="0"/><w:jc w:val="center"/>'
            f"<w:tblBorders>{_BORDERS}</w:tblBorders>"
            '<w:tblLayout w:type="fixed"/><w:tblLook w:firstRow="1" w:lastRow="0" '
            'w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/>'
            "</w:tblPr><w:tblGrid>",
            *(f'<w:gridCol w:w="{width}"/>' for width in widths),
            "</w:tblGrid><w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>",
        ]
        for column, width in zip(table.columns, widths, strict=True):
            out.append(_cell_xml(keep_names(column.label), width, "center", self.size, True, True))
        out.append("</w:tr>")
        for number, values in enumerate(self.texts, start=1):
            bold = table.total is not None and number == rows
            keep = number < rows and (whole or number == 1)
            out.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
            for value, width, alignment in zip(values, widths, alignments, strict=True):
                out.append(_cell_xml(value, width, alignment, self.size, bold, keep))
            out.append("</w:tr>")
        out.append("</w:tbl>")
        return "".join(out)

    def __str__(self) -> str:
        return self.__html__()


def table_subdoc(template: DocxTemplate | None, table: ReportTable, lang: Lang) -> TableXml:
    """A Word table for ``table`` (see :class:`TableXml`); ``template`` is not needed any
    more and kept for callers' templates that pass it."""
    return TableXml(table, lang)


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
                    blocks.append(
                        {
                            "kind": "table",
                            "key": block.key,
                            "caption": block.caption,
                            "table": table_subdoc(template, block, report.lang),
                        }
                    )
            elif isinstance(block, ChartBlock):
                blocks.append(
                    {
                        "kind": "chart",
                        "key": block.key,
                        "caption": block.caption,
                        "image": chart_image(template, block),
                    }
                )
        sections.append(
            {
                "key": item.key,
                "number": item.number,
                "title": item.title,
                "heading": item.heading,
                "body": blocks,
                "data": item.data,
            }
        )
    return sections


def template_context(report: Report, template: DocxTemplate | None = None) -> dict[str, Any]:
    """Every variable a report template can use (the README lists them with examples): the
    report's own (:func:`~binhdang.reports.rendering.report_context`) and, with a template,
    its sections and annex tables as Word sub-documents."""
    context = report_context(report)
    if template is not None:
        context["sections"] = _body(template, report)
        context["appendix"] = [
            {
                "key": table.key,
                "caption": table.caption,
                "table": table_subdoc(template, table, report.lang),
            }
            for table in report.appendix_tables()
        ]
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
        raise BinhdangError.of(
            "report.template_unreadable", file=str(chosen), reason=str(exc) or type(exc).__name__
        ) from exc
    return template


def render_docx(report: Report, out: Path, template_file: Path | None = None) -> Path:
    """Render ``report`` into ``out`` (a path the caller owns; see :mod:`.service`)."""
    template = load_template(template_file, report.lang)
    context = template_context(report, template)
    try:
        template.render(context, jinja_env=jinja_environment(report.lang), autoescape=True)
    except TemplateError as exc:
        chosen = template_file or template_path(report.lang)
        raise BinhdangError.of(
            "report.template_unreadable", file=str(chosen), reason=f"{type(exc).__name__}: {exc}"
        ) from exc
    set_core_properties(template, report)
    template.save(out)
    return out
