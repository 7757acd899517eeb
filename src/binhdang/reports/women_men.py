"""The one builder of the report's "women and men by X" tables, which count people by sex.

Most of the report's tables have one shape: a row per group (a unit, an age band, a grade
group, a course type, an award form, a post level…), the group's people, its women, maybe its
men, and the women's share; sometimes a running number first, a total row last and the unit
code at the far right for the annex. A section states its groups and calls
:func:`women_and_men` once::

    women_and_men(
        "by_age", text("report.table.by_age", lang), lang,
        by=column("report.col.age", lang),
        groups=[Group(b.label(lang), b.ratio) for b in by_age],
        numbered=True,
        total=Group(text("report.row.total", lang), staff),
        sheet=text("report.sheet.by_age", lang),
    )

and :func:`women_and_men_chart` draws the same groups as bars of women and men. The cells
stay raw (counts as ``int``, the share as the :class:`~decimal.Decimal` of
:func:`binhdang.indicators.catalogue.percent`): the renderers format them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from binhdang.indicators.results import Ratio
from binhdang.messages import Lang, text
from binhdang.reports.charts import BarChart, Series
from binhdang.reports.content import (
    CellValue,
    ChartBlock,
    Column,
    ColumnKind,
    Emphasis,
    ReportTable,
)

Figure = Literal["people", "women", "men", "share"]
"""A column of counts: the group's people, its women, its men, the women's share."""

WITH_MEN: tuple[Figure, ...] = ("people", "women", "men", "share")
"""The figures of a table that counts the men too."""

FIGURE_COLUMNS: dict[Figure, tuple[str, Literal["count", "percent"]]] = {
    "people": ("report.col.total", "count"),
    "women": ("report.col.women", "count"),
    "men": ("report.col.men", "count"),
    "share": ("report.col.share", "percent"),
}
"""Each figure's header (message key) and kind; ``labels=`` gives a table its own words."""


@dataclass(frozen=True)
class Group:
    """One row: a group's label, its women among its people, and its unit code if any.

    ``suppressed``: the group is smaller than the smallest shown (BINHDANG_PAY_MIN_GROUP): its
    people are counted, its women, men and share left empty."""

    label: CellValue
    ratio: Ratio  # women / people
    suppressed: bool = False
    code: str = ""  # the unit's code, for the annex-only column

    @classmethod
    def counted(cls, label: CellValue, women: int, men: int, *, code: str = "") -> Group:
        """A group known by its women and its men."""
        return cls(label, Ratio(women, women + men), code=code)

    @property
    def women(self) -> int | None:
        return None if self.suppressed else self.ratio.numerator

    @property
    def men(self) -> int | None:
        return None if self.suppressed else self.ratio.denominator - self.ratio.numerator

    def cell(self, figure: Figure) -> CellValue:
        if figure == "people":
            return self.ratio.denominator
        if figure == "share":
            return None if self.suppressed else self.ratio.percent
        return self.women if figure == "women" else self.men


def column(
    key: str, lang: Lang, kind: ColumnKind = "text", *, annex_only: bool = False, **params: object
) -> Column:
    """A column headed by the message ``key`` (``params`` fill it in)."""
    return Column(text(key, lang, **params), kind, annex_only)


def women_and_men(
    key: str,
    caption: str,
    lang: Lang,
    *,
    by: Column,
    groups: Iterable[Group],
    figures: Sequence[Figure] = ("people", "women", "share"),
    labels: Mapping[Figure, str] | None = None,
    numbered: bool = False,
    total: Group | None = None,
    code: str | None = None,
    sheet: str | None = None,
    in_body: bool = True,
    appendix: bool = False,
    emphasis: tuple[tuple[int, int, Emphasis], ...] = (),
) -> ReportTable:
    """The table of ``groups`` by ``by`` (the first column after the running number), with
    ``figures`` in that order.

    ``numbered``: a running number first (TT); ``total``: the last row, in bold, whose label
    stands under ``by``; ``code``: the header of an annex-only column of the groups' unit
    codes, at the far right (empty in the total row); ``labels``: a figure's header when the
    table says it its own way (already in ``lang``). The rest is :class:`ReportTable`'s."""
    own = labels or {}
    columns = [column("report.col.no", lang, "count")] if numbered else []
    columns.append(by)
    for figure in figures:
        message, kind = FIGURE_COLUMNS[figure]
        columns.append(Column(own[figure], kind) if figure in own else column(message, lang, kind))
    if code is not None:
        columns.append(Column(code, "code", annex_only=True))

    def row(number: int | None, group: Group) -> tuple[CellValue, ...]:
        first: tuple[CellValue, ...] = (number, group.label) if numbered else (group.label,)
        last: tuple[CellValue, ...] = (group.code,) if code is not None else ()
        return (*first, *(group.cell(figure) for figure in figures), *last)

    return ReportTable(
        key=key,
        caption=caption,
        columns=tuple(columns),
        rows=tuple(row(number, group) for number, group in enumerate(groups, start=1)),
        sheet=sheet,
        in_body=in_body,
        total=row(None, total) if total is not None else None,
        appendix=appendix,
        emphasis=emphasis,
    )


def women_and_men_chart(
    key: str, title: str, lang: Lang, *, groups: Iterable[Group], axis: str
) -> ChartBlock:
    """The groups as bars of women and men (``axis``: the count axis's words, in ``lang``)."""
    shown = list(groups)
    return ChartBlock(
        key=key,
        caption=title,
        spec=BarChart(
            title=title,
            categories=tuple(str(group.label) for group in shown),
            series=(
                Series(text("report.col.women", lang), tuple(g.women for g in shown)),
                Series(text("report.col.men", lang), tuple(g.men for g in shown)),
            ),
            x_label=axis,
            decimal_comma=lang == "vi",
        ),
    )
