"""The report's "women and men by X" tables come from one builder
(:mod:`binhdang.reports.women_men`), the body's per-branch sums from another
(:func:`binhdang.reports.branches.branch_table`): what they build, cell by cell."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Connection

from binhdang.indicators.results import Ratio
from binhdang.reports.branches import branch_table
from binhdang.reports.content import Column, ReportTable
from binhdang.reports.source import ReportSource
from binhdang.reports.women_men import Group, column, women_and_men, women_and_men_chart
from binhdang.units.tree import load_tree
from tests.reports.conftest import ON, make_report


def _table(key: str, demo: Connection, lang: str = "vi") -> ReportTable:
    report = make_report(demo, lang=lang)
    return next(t for t in report.tables() if t.key == key)


def test_the_staff_by_category_of_the_reference_office(demo: Connection) -> None:
    """The demo office on 01/10/2022 (design.md §2: 235 staff, 126 women = 53,6%), by
    category, as the staff section builds it through the builder."""
    built = _table("by_category", demo)
    assert [c.label for c in built.columns] == ["TT", "Loại cán bộ", "Tổng số", "Nữ", "Tỷ lệ nữ"]
    assert [c.kind for c in built.columns] == ["count", "text", "count", "count", "percent"]
    assert built.rows == (
        (1, "Công chức", 26, 10, Decimal("38.5")),
        (2, "Viên chức", 190, 106, Decimal("55.8")),
        (3, "Lao động hợp đồng", 19, 10, Decimal("52.6")),
    )
    assert built.total == (None, "Tổng cộng", 235, 126, Decimal("53.6"))
    assert sum(row[2] for row in built.rows) == 235
    assert built.emphasis == ()  # nothing stands out in a count by category
    assert built.sheet == "Theo loại cán bộ" and built.in_body
    english = _table("by_category", demo, "en")
    assert [c.label for c in english.columns] == [
        "No.",
        "Category",
        "Total",
        "Women",
        "Women's share",
    ]
    assert english.total == (None, "Total", 235, 126, Decimal("53.6"))


def test_every_figure_and_option_of_the_builder() -> None:
    groups = [
        Group.counted("A1", 3, 1, code="U1"),
        Group("B", Ratio(0, 4), code="U2"),  # no women: a measured zero
        Group("C", Ratio(2, 3), suppressed=True, code="U3"),  # too few to show
        Group("D", Ratio(0, 0), code="U4"),  # nobody: no share
    ]
    table = women_and_men(
        "grades",
        "Women and men by grade",
        "en",
        by=Column("Grade", "code"),
        groups=groups,
        figures=("women", "men", "people", "share"),
        labels={"people": "Both"},
        numbered=True,
        total=Group.counted("All", 5, 9),
        code="Unit code",
        sheet="Grades",
        in_body=False,
        appendix=True,
        emphasis=((0, 5, "good"),),
    )
    assert [(c.label, c.kind, c.annex_only) for c in table.columns] == [
        ("No.", "count", False),
        ("Grade", "code", False),
        ("Women", "count", False),
        ("Men", "count", False),
        ("Both", "count", False),
        ("Women's share", "percent", False),
        ("Unit code", "code", True),
    ]
    assert table.rows == (
        (1, "A1", 3, 1, 4, Decimal("75.0"), "U1"),
        (2, "B", 0, 4, 4, Decimal("0.0"), "U2"),
        (3, "C", None, None, 3, None, "U3"),
        (4, "D", 0, 0, 0, None, "U4"),
    )
    assert table.total == (None, "All", 5, 9, 14, Decimal("35.7"), "")
    assert (table.key, table.caption, table.sheet) == ("grades", "Women and men by grade", "Grades")
    assert not table.in_body and table.appendix and table.emphasis == ((0, 5, "good"),)
    shown = table.shown()  # as people read it: no code column, the emphasis kept
    assert shown.rows[0] == (1, "A1", 3, 1, 4, Decimal("75.0"))
    assert shown.emphasis == ((0, 5, "good"),)


def test_the_defaults_people_women_share_without_number_total_or_code() -> None:
    table = women_and_men(
        "t",
        "Caption",
        "vi",
        by=column("report.col.age", "vi"),
        groups=[Group("18-30", Ratio(1, 3))],
    )
    assert [c.label for c in table.columns] == ["Độ tuổi", "Tổng số", "Nữ", "Tỷ lệ nữ"]
    assert table.rows == (("18-30", 3, 1, Decimal("33.3")),)
    assert table.total is None and table.sheet is None and table.in_body


def test_the_chart_shows_women_and_men_and_leaves_a_small_group_out() -> None:
    chart = women_and_men_chart(
        "c",
        "Số nữ và nam",
        "vi",
        groups=[Group.counted("A", 3, 1), Group("B", Ratio(1, 2), suppressed=True)],
        axis="Số người",
    )
    spec = chart.spec
    assert chart.caption == spec.title == "Số nữ và nam"
    assert spec.categories == ("A", "B")
    assert [(s.name, s.values) for s in spec.series] == [("Nữ", (3, None)), ("Nam", (1, None))]
    assert spec.x_label == "Số người" and spec.decimal_comma


def test_branch_sums_and_their_total(demo: Connection) -> None:
    """Rows of a per-unit list summed by the report unit's direct children: the unit's own
    row first (named as the unit alone), a unit missing from the tree its own row, and the
    total added up from the rows."""
    tree = load_tree(demo, ON)
    root = next(node for node in tree.nodes.values() if node.code == "BHXH_QT")
    source = ReportSource(demo, tree, root, ON, 2022, "vi")
    rows = [
        ("QT_DONGHA", "Đông Hà", (1, 4)),
        ("BHXH_QT", "Tỉnh", (1, 2)),
        ("QT_DONGHA", "Đông Hà", (1, 1)),
        ("GONE", "Đơn vị đã giải thể", (1, 0)),
    ]
    table = branch_table(
        source,
        "t_by_branch",
        "Caption",
        (Column("TT", "count"), Column("Đơn vị"), Column("Số", "count"), Column("Tỷ lệ")),
        rows,
        total="Tổng cộng",
        numbered=True,
        cells=lambda counts: (counts[0], f"{counts[1]}/{counts[0]}"),
        sheet="Sheet",
    )
    own = f"{root.name} (riêng đơn vị)"
    dongha = next(node.name for node in tree.nodes.values() if node.code == "QT_DONGHA")
    assert table.rows == (
        (1, own, 1, "2/1"),
        (2, dongha, 2, "5/2"),  # its two rows summed, under its name in the tree
        (3, "Đơn vị đã giải thể", 1, "0/1"),
    )
    assert table.total == (None, "Tổng cộng", 4, "7/4")
    assert (table.key, table.sheet, table.in_body) == ("t_by_branch", "Sheet", True)
