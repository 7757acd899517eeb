"""The committee's composition in the yearly report (order 90: before the figures, as a
report on the committee's work opens with how the committee is organised).

Members are named: the composition of a committee is set by a published decision, so it is
public information, unlike the staff lists (whose names stay out of the report body).
"""

from __future__ import annotations

from binhdang import formatting
from binhdang.committee.members.indicators import Composition
from binhdang.committee.members.parsing import POSTS
from binhdang.committee.members.service import composition
from binhdang.indicators.catalogue import SEX_LABELS
from binhdang.messages import Lang, text
from binhdang.reports.content import Paragraph, ReportTable, SectionContent
from binhdang.reports.source import ReportSource
from binhdang.reports.women_men import column


def summary(found: Composition, lang: Lang) -> str:
    """ "Ban … được kiện toàn theo Quyết định số …, gồm N thành viên (M nữ), do … làm Trưởng
    ban." — the chair's clause left out when the decision names no chair."""
    women = found.women.numerator
    if women == 0:
        women_text = text("committee.members.report.no_women", lang)
    else:
        key = "one_woman" if women == 1 else "women"
        women_text = text(f"committee.members.report.{key}", lang, count=women)
    chair = found.chair
    head = ""
    if chair is not None:
        head = text(
            "committee.members.report.head_job"
            if chair.job_title
            else "committee.members.report.head",
            lang,
            name=chair.name,
            job=chair.job_title,
        )
    return text(
        "committee.members.report.summary",
        lang,
        unit=found.unit_name,
        number=found.decision_number,
        date=formatting.short_date(found.decision_date, lang),
        issuer=found.decision_issuer,
        total=len(found.members),
        women=women_text,
        head=head,
    )


def members_section(source: ReportSource) -> SectionContent:
    """Who sits on the committee and by which decision, or that nothing is recorded (a
    committee without a recorded decision is "no information", not "no committee")."""
    lang = source.lang
    found = composition(source.connection, source.unit.code, source.as_of, tree=source.tree)
    if found is None or not found.members:
        return SectionContent(
            blocks=(Paragraph(text("committee.members.report.none", lang, unit=source.unit.name)),),
            data=None,
        )
    table = ReportTable(
        key="committee_members",
        caption=text(
            "committee.members.report.caption",
            lang,
            number=found.decision_number,
            date=formatting.short_date(found.decision_date, lang),
        ),
        columns=(
            column("committee.members.col.no", lang, "count"),
            column("committee.members.col.name", lang),
            column("committee.members.col.sex", lang),
            column("committee.members.col.job", lang),
            column("committee.members.col.post", lang),
        ),
        rows=tuple(
            (
                number,
                m.name,
                SEX_LABELS[m.sex][lang == "en"],
                m.job_title,
                POSTS.label(m.post, lang),
            )
            for number, m in enumerate(found.members, start=1)
        ),
        sheet=text("committee.members.report.sheet", lang),
    )
    return SectionContent(blocks=(Paragraph(summary(found, lang)), table), data=found)
