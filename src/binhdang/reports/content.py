"""The typed content of a report: what sections return and every output format renders.

Cells stay raw (``int``, :class:`~decimal.Decimal` percentages, ``str``, ``date``, ``None``);
formatting happens in the renderers through :mod:`binhdang.formatting`, so the XLSX annex can
store numbers as numbers while DOCX and HTML show ``53,6%``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from binhdang.messages import Message
from binhdang.reports.charts import ChartSpec
from binhdang.reports.period import ReportPeriod

CellValue = int | Decimal | str | date | None
ColumnKind = Literal["text", "code", "count", "percent", "date"]  # code: short text
Emphasis = Literal["strong", "good", "bad", "muted"]
"""How a cell stands out: a name or a headline figure (``strong``), a target met (``good``),
a figure short of its target (``bad``), not applicable (``muted``)."""


@dataclass(frozen=True)
class Column:
    """A table column: its header and the kind of its cells (how they are formatted).

    ``annex_only``: a column for systems that read the XLSX annex (unit or indicator codes),
    kept out of every text people read (body, appendix); put it at the far right."""

    label: str
    kind: ColumnKind = "text"
    annex_only: bool = False


@dataclass(frozen=True)
class Run:
    """A stretch of a paragraph's text, bold or not (the texts users write for a report)."""

    text: str
    bold: bool = False


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of body text, already written in the report's language.

    ``runs`` is the same text cut where bold starts and ends, for paragraphs written by a user
    (:mod:`binhdang.reports.texts`); the renderers then treat the text as data only, never as
    markup or template code. Empty for the paragraphs that sections write.
    """

    text: str
    kind: Literal["paragraph"] = "paragraph"
    runs: tuple[Run, ...] = ()


@dataclass(frozen=True)
class ReportTable:
    """A table of the body and/or a sheet of the XLSX annex.

    ``key`` names the table (stable across languages, used by tests and custom templates);
    ``sheet`` is the annex sheet's name (``None``: not in the annex); ``total`` is an optional
    last row shown in bold. ``appendix``: a full per-unit list whose body summary is by the
    report unit's direct children; it is printed after the signature when the report is asked
    for with an appendix (``binhdang report --appendix``). ``emphasis``: cells that stand out,
    as ``(row, column, how)`` (the terminal colours them; a renderer without such styles
    shows them plainly). A cell may hold its figure already written (``"< 5"``, ``"+2,0"``).
    """

    key: str
    caption: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[CellValue, ...], ...]
    sheet: str | None = None
    in_body: bool = True
    total: tuple[CellValue, ...] | None = None
    appendix: bool = False
    emphasis: tuple[tuple[int, int, Emphasis], ...] = ()
    kind: Literal["table"] = "table"

    def __post_init__(self) -> None:
        if self.in_body and any(column.annex_only for column in self.columns):
            raise ValueError(f"table {self.key!r}: an annex-only column in the body")

    def shown(self) -> ReportTable:
        """The table as people read it: without the annex-only columns."""
        keep = [i for i, column in enumerate(self.columns) if not column.annex_only]
        if len(keep) == len(self.columns):
            return self

        def pick(row: tuple[CellValue, ...]) -> tuple[CellValue, ...]:
            return tuple(row[i] for i in keep)

        return ReportTable(
            key=self.key,
            caption=self.caption,
            columns=tuple(self.columns[i] for i in keep),
            rows=tuple(pick(row) for row in self.rows),
            sheet=self.sheet,
            in_body=False,
            total=pick(self.total) if self.total else None,
            appendix=self.appendix,
            emphasis=tuple(
                (row, keep.index(column), how)
                for row, column, how in self.emphasis
                if column in keep
            ),
        )


@dataclass(frozen=True)
class ChartBlock:
    """A chart: one definition rendered to one PNG (DOCX, PDF, and inside the HTML)."""

    key: str
    caption: str
    spec: ChartSpec
    kind: Literal["chart"] = "chart"


Block = Paragraph | ReportTable | ChartBlock


@dataclass(frozen=True)
class SectionContent:
    """What a section function returns: its blocks in order, and typed data for templates."""

    blocks: tuple[Block, ...]
    data: Any = None
    # A heading that depends on the data ("… năm 2023"); None: the registered title.
    title: str | None = None


@dataclass(frozen=True)
class RenderedSection:
    """A section placed in a report: its key, numbered heading and content."""

    key: str
    number: str  # "I", "II", …
    title: str
    content: SectionContent

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title.upper()}"

    @property
    def blocks(self) -> tuple[Block, ...]:
        return self.content.blocks

    @property
    def data(self) -> Any:
        return self.content.data


@dataclass(frozen=True)
class Header:
    """The administrative header, title, closing and signature (Decree 30/2020/NĐ-CP)."""

    parent_body: str  # "BẢO HIỂM XÃ HỘI VIỆT NAM" (may be empty)
    issuer: str  # "BẢO HIỂM XÃ HỘI TỈNH QUẢNG TRỊ"
    number: str  # "07/BC-BHXH" or "      /BC-…" to be filled in by hand
    place: str
    issue_date: date
    title: str  # "BÁO CÁO"
    subtitle: str  # "Kết quả công tác bình đẳng giới … năm 2022"
    intro: str
    closing: str
    recipients: tuple[str, ...]
    signer: str
    signer_title: str
    signer_authority: str = ""  # "KT. GIÁM ĐỐC", "TM. BAN …" (may be empty)
    issuer_name: str = ""  # the issuing body as written in sentences and the file's author
    appendix_title: str = ""  # "PHỤ LỤC"
    appendix_subtitle: str = ""  # "(Kèm theo Báo cáo số … ngày … của …)"


@dataclass(frozen=True)
class Report:
    """A whole report: the unit, the dates, the header and the sections in order."""

    unit_code: str
    unit_name: str
    as_of: date
    year: int
    lang: Literal["vi", "en"]
    header: Header
    sections: tuple[RenderedSection, ...]
    source_note: str  # "Nguồn: …" for the annex and the HTML footer
    extra: dict[str, Any] = field(default_factory=dict)
    period: ReportPeriod | None = None
    with_appendix: bool = False  # print the full per-unit lists after the signature
    warnings: tuple[Message, ...] = ()  # for the command to show (e.g. the period cut short)

    def section(self, key: str) -> RenderedSection:
        for item in self.sections:
            if item.key == key:
                return item
        raise KeyError(key)

    def tables(self) -> list[ReportTable]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, ReportTable)]

    def charts(self) -> list[ChartBlock]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, ChartBlock)]

    def appendix_tables(self) -> list[ReportTable]:
        """The appendix (with ``with_appendix``): the full per-unit lists, as people read them."""
        if not self.with_appendix:
            return []
        return [table.shown() for table in self.tables() if table.appendix]
