"""The report's own texts as report sections (800–830), after the figures and the targets.

Each section shows the latest saved version of its text for the report's unit and year. The
general assessment, while the unit has written none, is drafted from the figures
(:mod:`.draft`) and marked as a draft in its data (``data.assessment.draft``); the other
three are left out of the report when they have no text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Connection, func, select

from binhdang.messages import Lang
from binhdang.reports.content import Paragraph, Run, SectionContent
from binhdang.reports.sections import section, section_data
from binhdang.reports.source import ReportSource
from binhdang.reports.texts.draft import TargetVerdict, draft_assessment
from binhdang.reports.texts.parsing import SECTIONS, TextBlock, TextSection, parse_text
from binhdang.reports.texts.service import TextVersion, latest_texts
from binhdang.store.tables import import_batch
from binhdang.units.tree import load_tree

HTML_TEMPLATE = Path(__file__).parent / "templates" / "text.html.j2"
_TEXTS_CACHE = "report_texts.latest"


@dataclass(frozen=True)
class ReportText:
    """Typed data of a text section (``data.assessment``, ``data.directions``… in templates).

    ``source`` is the text as written (or the draft); ``draft`` says it was written from the
    figures, not by the unit; ``version``, ``saved_by`` and ``saved_at`` name the version
    used (``None`` for a draft).
    """

    section: str
    source: str
    blocks: tuple[TextBlock, ...]
    draft: bool = False
    version: int | None = None
    saved_by: str | None = None
    saved_at: datetime | None = None


def paragraphs(blocks: tuple[TextBlock, ...]) -> tuple[Paragraph, ...]:
    """Report paragraphs of a user's text: an item keeps its dash ("- "), as list items are
    written in Vietnamese administrative documents; the runs carry the bold pieces."""
    result = []
    for block in blocks:
        runs = ((Run("- "),) if block.bullet else ()) + block.runs
        result.append(Paragraph("".join(run.text for run in runs), runs=runs))
    return tuple(result)


def _latest(source: ReportSource) -> dict[str, TextVersion]:
    if _TEXTS_CACHE not in source._cache:
        source._cache[_TEXTS_CACHE] = latest_texts(source.connection, source.unit.code, source.year)
    return source._cache[_TEXTS_CACHE]  # type: ignore[return-value]


def target_verdicts(source: ReportSource) -> list[TargetVerdict]:
    """One verdict per target for the report's unit, from the evaluation the targets section
    shows (the shipped targets): a target evaluated unit by unit is not met when any
    applicable unit falls short; none when no area registers a "targets" section."""
    report = section_data(source, "targets")  # policies.report_sections: a TargetsReport
    statuses: dict[str, tuple[str, set[str]]] = {}
    for evaluation in report.evaluations if report is not None else ():
        name = evaluation.target.name(source.lang)
        statuses.setdefault(evaluation.target.code, (name, set()))[1].add(evaluation.status)
    return [
        TargetVerdict(name, "not_met" if "not_met" in found else "met")
        for name, found in statuses.values()
        if found & {"met", "not_met"}
    ]


def drafted(source: ReportSource) -> ReportText | None:
    """The general assessment written from the report's figures (``None`` without figures)."""
    written = draft_assessment(source.trend, target_verdicts(source), source.lang)
    if not written:
        return None
    blocks = tuple(TextBlock((Run(paragraph),)) for paragraph in written)
    return ReportText("assessment", "\n\n".join(written), blocks, draft=True)


def draft_for(
    connection: Connection, unit_code: str, year: int, lang: Lang
) -> tuple[date, ReportText] | None:
    """The assessment a report of ``year`` would draft when the unit has written none, from
    the year's latest staff list (the usual as-of date of that report); ``None`` without a
    staff list that year or without the unit on its date."""
    as_of = connection.execute(
        select(func.max(import_batch.c.as_of)).where(
            import_batch.c.kind == "staff",
            import_batch.c.as_of >= date(year, 1, 1),
            import_batch.c.as_of <= date(year, 12, 31),
        )
    ).scalar()
    if as_of is None:
        return None
    tree = load_tree(connection, as_of)
    node = tree.get(unit_code)
    if node is None:
        return None
    found = drafted(ReportSource(connection, tree, node, as_of, year, lang))
    return None if found is None else (as_of, found)


def report_text(source: ReportSource, key: str) -> ReportText | None:
    """The text used for section ``key``: the latest saved one, else (the assessment only)
    the draft; ``None`` when there is neither."""
    saved = _latest(source).get(key)
    if saved is not None and saved.body:
        return ReportText(
            key,
            saved.body,
            parse_text(saved.body),
            False,
            saved.version,
            saved.saved_by,
            saved.saved_at,
        )
    return drafted(source) if key == "assessment" else None


def _register(item: TextSection) -> None:
    @section(item.key, order=item.order, title=item.title, html_template=HTML_TEMPLATE)
    def build(source: ReportSource) -> SectionContent | None:
        found = report_text(source, item.key)
        if found is None:
            return None  # nothing written: not a placeholder in a document to be signed
        blocks = (
            tuple(Paragraph(block.plain) for block in found.blocks)  # our own sentences
            if found.draft
            else paragraphs(found.blocks)
        )
        title = item.title_in(source.lang, source.year)  # "… năm 2023" for the directions
        return SectionContent(blocks=blocks, data=found, title=title)


for _item in SECTIONS:
    _register(_item)
