"""HTML: one self-contained, printable file (styles inline, the charts as the DOCX's PNG
pictures inside the page as ``data:`` addresses: no request leaves the machine). Each section
renders through its own Jinja block when it registered one (``html_template``), else through
``templates/html/section.html.j2``."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from binhdang.messages import text
from binhdang.reports.charts import PNG_WIDTH_MM
from binhdang.reports.charts import render as render_chart
from binhdang.reports.content import ChartBlock, Report, ReportTable
from binhdang.reports.rendering import format_cell, report_context
from binhdang.reports.sections import registered_sections
from binhdang.reports.typesetting import keep_names

HTML_TEMPLATES = Path(__file__).parent / "templates" / "html"
CHART_WIDTH = f"{PNG_WIDTH_MM}mm"  # as wide as in the DOCX: its texts print at their size


def chart_image(png: bytes, caption: str) -> Markup:
    """A chart's PNG inside the page (``data:`` address): the picture of the DOCX and PDF,
    drawn once for every format (an SVG drawn again from it cost as much as the PNG)."""
    encoded = base64.b64encode(png).decode("ascii")
    return Markup(
        f'<img src="data:image/png;base64,{encoded}" alt="{Markup.escape(caption)}" '
        f'style="width: {CHART_WIDTH}">'
    )


def render_html(report: Report) -> str:
    """The report as one HTML document."""
    lang = report.lang
    env = Environment(loader=FileSystemLoader(HTML_TEMPLATES), autoescape=True)
    table_template = env.get_template("table.html.j2")

    def cell(value: Any, kind: str) -> str:
        shown = format_cell(value, kind, lang)
        return keep_names(shown) if kind == "text" else shown  # no break inside a name

    def table(block: ReportTable) -> Markup:
        return Markup(table_template.render(t=block, cell=cell))

    def chart(block: ChartBlock) -> Markup:
        picture = chart_image(render_chart(block.spec, "png"), block.caption)
        caption = Markup.escape(block.caption)
        return Markup(
            f'<figure id="chart-{block.key}">{picture}<figcaption>{caption}</figcaption></figure>'
        )

    custom = {s.key: s.html_template for s in registered_sections() if s.html_template}
    generic = env.get_template("section.html.j2")
    sections = []
    for item in report.sections:
        path = custom.get(item.key)
        block_template = env.from_string(path.read_text(encoding="utf-8")) if path else generic
        html = block_template.render(section=item, table=table, chart=chart, cell=cell)
        sections.append({"key": item.key, "html": Markup(html)})
    context = report_context(report)
    context["sections"] = sections
    context["appendix"] = [table(block) for block in report.appendix_tables()]
    context["labels"] = {
        "number": text("report.number_label", lang),
        "country": text("report.country", lang),
        "motto": text("report.motto", lang),
        "recipients": text("report.recipients_label", lang),
    }
    return env.get_template("report.html.j2").render(**context)


def write_html(report: Report, out: Path) -> Path:
    out.write_text(render_html(report), encoding="utf-8")
    return out
