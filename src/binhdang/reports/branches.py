"""Per-unit detail summed up by branch, so that a report stays short at any size.

A branch is a direct child of the report's unit, with every unit under it; the report's unit
itself is a branch of its own ("… (riêng đơn vị)"). The body shows one row per branch with the
totals of its subtree; the full per-unit list goes to the XLSX annex and, when asked for, to
the appendix after the signature (``ReportTable(appendix=True)``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from binhdang.messages import text
from binhdang.reports.content import CellValue, Column, ReportTable
from binhdang.reports.source import ReportSource


def branch_label(source: ReportSource, code: str, name: str) -> str:
    """The name a branch row shows: the unit's own row says it is the unit alone."""
    if code == source.unit.code:
        return f"{name} ({text('out.scope_alone', source.lang)})"
    return name


def sum_by_branch(
    source: ReportSource, rows: Iterable[tuple[str, str, Sequence[int]]]
) -> list[tuple[str, list[int]]]:
    """``rows`` (unit code, unit name, counts) summed by branch: ``(label, counts)`` in the
    order of the tree, the report's unit first; branches without rows are left out. A unit
    missing from the tree on the headcount date (opened or closed since) is its own row."""
    branches = source.branches
    order = {code: index for index, code in enumerate(branches)}
    sums: dict[str, tuple[str, list[int]]] = {}
    for code, name, counts in rows:
        node = branches.get(code)
        key, label = (node.code, node.name) if node is not None else (code, name)
        if key not in sums:
            sums[key] = (branch_label(source, key, label), [0] * len(counts))
        total = sums[key][1]
        for index, value in enumerate(counts):
            total[index] += value
    ordered = sorted(sums, key=lambda key: (order.get(key, len(order)), key))
    return [sums[key] for key in ordered]


def detail_tables(
    source: ReportSource,
    full: ReportTable,
    codes: Iterable[str],
    summary: Callable[[], ReportTable],
) -> tuple[ReportTable, ReportTable]:
    """The body table and the annex table of a per-unit list.

    ``full`` is the whole list (annex-only code column allowed, ``in_body=False``); ``codes``
    the units of its rows. When every unit is a branch itself (a direct child of the report's
    unit, or that unit), there is nothing to sum: the body shows the list as people read it
    (under the summary's key) and the annex keeps the list. Otherwise the body shows
    ``summary()`` (one row per branch) and the full list also goes to the appendix."""
    branches = source.branches
    if all(code in branches and branches[code].code == code for code in codes):
        body = replace(
            full.shown(), key=summary_key(full.key), in_body=True, sheet=None, appendix=False
        )
        return body, replace(full, appendix=False)
    return summary(), replace(full, appendix=True)


def branch_table(
    source: ReportSource,
    key: str,
    caption: str,
    columns: Sequence[Column],
    rows: Iterable[tuple[str, str, Sequence[int]]],
    *,
    total: str,
    numbered: bool = False,
    cells: Callable[[Sequence[int]], tuple[CellValue, ...]] = tuple,
    sheet: str | None = None,
) -> ReportTable:
    """A per-unit list as the body shows it: ``rows`` (unit code, unit name, counts; at least
    one) summed by branch (:func:`sum_by_branch`), one row per branch, and a total row labelled
    ``total`` that adds every row up. ``key``: the table's (``summary_key(list key)`` for the
    summary of a list kept in the annex); ``columns``: the branch's, then one per cell;
    ``cells``: the cells shown for a row's (and the total's) counts, the counts themselves by
    default; ``numbered``: a running number first (``columns`` starts with its column)."""
    summed = sum_by_branch(source, rows)
    width = len(summed[0][1]) if summed else 0
    sums = [sum(counts[index] for _, counts in summed) for index in range(width)]
    first: tuple[CellValue, ...] = (None,) if numbered else ()
    return ReportTable(
        key=key,
        caption=caption,
        columns=tuple(columns),
        rows=tuple(
            ((number,) if numbered else ()) + (label, *cells(counts))
            for number, (label, counts) in enumerate(summed, start=1)
        ),
        total=(*first, total, *cells(sums)),
        sheet=sheet,
    )


def summary_key(key: str) -> str:
    """The key of the body table that stands for the per-unit list ``key``."""
    return f"{key}_by_branch"
