"""Unit lists and the tree over time: order, cycles, renames, moves, closures, merges."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from binhdang.errors import BinhdangError
from binhdang.indicators.service import indicators_for
from binhdang.store.copies import person_copy_mismatches
from binhdang.units.merge import merge_units
from binhdang.units.tree import load_subtree, load_tree
from tests.factories import SMALL_TREE, STAFF_HEADER, UNIT_HEADER, staff_row, unit_row, write_table
from tests.helpers import snapshot
from tests.imports import import_staff, import_units

D2020, D2021, D2022 = date(2020, 10, 1), date(2021, 10, 1), date(2022, 10, 1)


def units_file(tmp_path: Path, rows: list[list[str]], name: str = "units.csv") -> Path:
    return write_table(tmp_path / name, UNIT_HEADER, rows)


def tree_at(engine: Engine, on: date) -> dict[str, tuple[str, str | None]]:
    """code → (name, parent code) on ``on``."""
    with engine.connect() as connection:
        tree = load_tree(connection, on)
    return {
        node.code: (node.name, tree.nodes[node.parent_id].code if node.parent_id else None)
        for node in tree.nodes.values()
    }


def test_parents_may_come_after_their_children(engine: Engine, tmp_path: Path) -> None:
    rows = [unit_row("A1", parent="A"), unit_row("A", parent="ROOT"), unit_row("ROOT", kind="")]
    outcome = import_units(engine, units_file(tmp_path, rows, "units.xlsx"))
    assert outcome.added == 3
    assert tree_at(engine, D2021) == {
        "ROOT": ("Đơn vị ROOT", None),
        "A": ("Đơn vị A", "ROOT"),
        "A1": ("Đơn vị A1", "A"),
    }


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([unit_row("A", parent="B"), unit_row("B", parent="A")], [(2, "val.cycle")]),
        ([unit_row("A", parent="A")], [(2, "val.self_parent")]),
        ([unit_row("A", parent="ZZ")], [(2, "val.unit_not_found_undated")]),  # no code, no name
        ([unit_row("A"), unit_row("A")], [(3, "val.duplicate_code")]),
        ([unit_row("A"), ["", "Không mã", "", ""]], [(3, "val.required")]),
    ],
)
def test_bad_unit_lists(
    engine: Engine, tmp_path: Path, rows: list[list[str]], expected: list
) -> None:  # type: ignore[type-arg]
    before = snapshot(engine, with_log=True)
    with pytest.raises(BinhdangError) as excinfo:
        import_units(engine, units_file(tmp_path, rows))
    assert [(p.row, p.message.key) for p in excinfo.value.problems] == expected
    assert snapshot(engine, with_log=True) == before


def test_change_without_a_date_is_refused(engine: Engine, tmp_path: Path) -> None:
    import_units(engine, units_file(tmp_path, SMALL_TREE))
    renamed = [*SMALL_TREE[:3], unit_row("B", "Phòng B mới", "ROOT")]
    with pytest.raises(BinhdangError) as excinfo:
        import_units(engine, units_file(tmp_path, renamed, "renamed.csv"))
    assert [p.message.key for p in excinfo.value.problems] == ["val.unit_changed_without_date"]


def test_rename_move_open_and_close_from_a_date(engine: Engine, tmp_path: Path) -> None:
    import_units(engine, units_file(tmp_path, SMALL_TREE))
    changed = [
        unit_row("ROOT", "Cơ quan", "", "Cơ quan"),
        unit_row("A", "Phòng A (tên mới)", "ROOT"),  # renamed
        unit_row("A1", "Tổ A1", "ROOT", "Tổ"),  # moved up
        unit_row("C", "Phòng C", "ROOT"),  # new; B is absent
    ]
    outcome = import_units(
        engine, units_file(tmp_path, changed, "2021.csv"), D2021, close_missing=True
    )
    assert (outcome.added, outcome.changed, outcome.ended, outcome.unchanged) == (1, 2, 1, 1)
    assert tree_at(engine, date(2021, 9, 30)) == {
        "ROOT": ("Cơ quan", None),
        "A": ("Phòng A", "ROOT"),
        "A1": ("Tổ A1", "A"),
        "B": ("Phòng B", "ROOT"),
    }
    assert tree_at(engine, D2021) == {
        "ROOT": ("Cơ quan", None),
        "A": ("Phòng A (tên mới)", "ROOT"),
        "A1": ("Tổ A1", "ROOT"),
        "C": ("Phòng C", "ROOT"),
    }


def test_a_unit_with_staff_cannot_be_closed_by_a_list(engine: Engine, tmp_path: Path) -> None:
    import_units(engine, units_file(tmp_path, SMALL_TREE))
    import_staff(
        engine, write_table(tmp_path / "s.csv", STAFF_HEADER, [staff_row("C1", unit="B")]), D2020
    )
    before = snapshot(engine, with_log=True)
    with pytest.raises(BinhdangError) as excinfo:
        import_units(
            engine, units_file(tmp_path, SMALL_TREE[:3], "no_b.csv"), D2021, close_missing=True
        )
    assert [p.message.key for p in excinfo.value.problems] == ["val.unit_has_staff"]
    assert snapshot(engine, with_log=True) == before


def test_merge_moves_staff_posts_and_children(engine: Engine, tmp_path: Path) -> None:
    """ROOT ─┬─ A ── A1, └─ B. Merge A into B on 2021-07-01 (like the 2025 reorganisation)."""
    import_units(engine, units_file(tmp_path, SMALL_TREE))
    import_staff(
        engine,
        write_table(
            tmp_path / "s.csv",
            STAFF_HEADER,
            [
                staff_row("C1", unit="A", sex="Nữ", position="Trưởng phòng", level="Cấp trưởng"),
                staff_row("C2", unit="A", sex="Nam"),
                staff_row("C3", unit="B", sex="Nam", position="Trưởng phòng", level="Cấp trưởng"),
                staff_row("C4", unit="A1", sex="Nữ"),
            ],
        ),
        D2020,
    )
    on = date(2021, 7, 1)
    with engine.begin() as connection:
        result = merge_units(connection, ["A"], "B", on)
    assert (result.staff, result.posts, result.children) == (2, 1, 1)

    before, after = tree_at(engine, date(2021, 6, 30)), tree_at(engine, on)
    assert "A" in before and "A" not in after
    assert after["A1"] == ("Tổ A1", "B")
    with engine.connect() as connection:
        old = indicators_for(connection, "A", date(2021, 6, 30)).get("women_share_staff").ratio
        new = indicators_for(connection, "B", on)
        with pytest.raises(BinhdangError):
            indicators_for(connection, "A", on)
    assert (old.numerator, old.denominator) == (2, 3)
    staff = new.get("women_share_staff").ratio
    heads = new.get("women_share_key_leaders").ratio
    assert (staff.numerator, staff.denominator) == (2, 4)
    assert (heads.numerator, heads.denominator) == (1, 2)
    with engine.connect() as connection:  # moved rows keep their person's sex and birth date
        assert person_copy_mismatches(connection) == 0


@pytest.mark.parametrize(
    ("codes", "into", "key"),
    [
        (["A"], "A", "unit.merge_into_self"),
        (["A"], "A1", "unit.merge_into_descendant"),
        (["ZZ"], "B", "unit.unknown"),
    ],
)
def test_bad_merges(engine: Engine, tmp_path: Path, codes: list[str], into: str, key: str) -> None:
    import_units(engine, units_file(tmp_path, SMALL_TREE))
    with pytest.raises(BinhdangError) as excinfo, engine.begin() as connection:
        merge_units(connection, codes, into, D2021)
    assert excinfo.value.message.key == key


def test_a_subtree_read_alone_equals_the_same_part_of_the_whole_tree(
    engine: Engine, tmp_path: Path
) -> None:
    import_units(engine, units_file(tmp_path, [*SMALL_TREE, unit_row("A2", parent="A")]))
    with engine.connect() as connection:
        whole = load_tree(connection, D2021)
        for node in whole.nodes.values():
            tree, covers_all = load_subtree(connection, D2021, node.code)
            expected = {n.id: n for n in whole.walk(node.id)}
            assert (tree.nodes, covers_all) == (expected, node.code == "ROOT")
            assert tree.subtree_ids(node.id) == whole.subtree_ids(node.id)
        with pytest.raises(BinhdangError):
            load_subtree(connection, D2021, "NOPE")
