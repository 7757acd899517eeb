"""The permission rules, pure: roles, subtrees, imports and grants (no HTTP, no database)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from binhdang.accounts.permissions import (
    Action,
    Grant,
    Role,
    covers,
    may,
    may_grant,
    may_import,
    may_see_sensitive,
    role_allows,
    visible_unit_ids,
)
from binhdang.units.tree import UnitNode, UnitTree

#   1 ROOT ─┬─ 2 A ── 3 A1
#           └─ 4 B
TREE = UnitTree(
    as_of=date(2022, 10, 1),
    nodes={
        1: UnitNode(1, "ROOT", "Cơ quan", "", None),
        2: UnitNode(2, "A", "Phòng A", "", 1),
        3: UnitNode(3, "A1", "Tổ A1", "", 2),
        4: UnitNode(4, "B", "Phòng B", "", 1),
    },
)


@pytest.mark.parametrize(
    ("role", "action", "expected"),
    [
        (Role.VIEWER, Action.VIEW_AGGREGATES, True),
        (Role.VIEWER, Action.VIEW_PERSONS, False),
        (Role.VIEWER, Action.VIEW_SENSITIVE, False),
        (Role.VIEWER, Action.IMPORT_LISTS, False),
        (Role.EDITOR, Action.VIEW_PERSONS, True),
        (Role.EDITOR, Action.EDIT_RECORDS, True),
        (Role.EDITOR, Action.MANAGE_ACCOUNTS, False),
        (Role.EDITOR, Action.VIEW_AUDIT, False),
        (Role.ADMIN, Action.MANAGE_ACCOUNTS, True),
        (Role.ADMIN, Action.VIEW_AUDIT, True),
        (Role.ADMIN, Action.VIEW_PERSONS, True),
    ],
)
def test_roles(role: Role, action: Action, expected: bool) -> None:
    assert role_allows(role, action) is expected


@pytest.mark.parametrize(
    ("grant_unit", "unit", "expected"),
    [(1, 3, True), (2, 3, True), (3, 3, True), (2, 4, False), (3, 2, False), (4, 1, False)],
)
def test_a_role_holds_for_its_units_subtree_only(
    grant_unit: int, unit: int, expected: bool
) -> None:
    grant = Grant(Role.VIEWER, grant_unit, TREE.nodes[grant_unit].code)
    assert covers(grant, TREE, unit) is expected
    assert may(grant, Action.VIEW_AGGREGATES, TREE, unit) is expected


def test_visible_units_and_a_grant_on_a_unit_missing_that_day() -> None:
    assert visible_unit_ids(Grant(Role.VIEWER, 2, "A"), TREE) == [2, 3]
    gone = Grant(Role.ADMIN, 99, "CLOSED")
    assert visible_unit_ids(gone, TREE) == []
    assert not covers(gone, TREE, 1)


@pytest.mark.parametrize(
    ("role", "grant_unit", "current_unit", "expected"),
    [
        (Role.EDITOR, 2, 3, True),
        (Role.ADMIN, 1, 3, True),
        (Role.VIEWER, 1, 3, False),
        (Role.EDITOR, 2, 4, False),
        (Role.ADMIN, 4, 3, False),
        (Role.EDITOR, 3, 3, True),
    ],
)
def test_sensitive_data_for_editors_and_admins_of_the_current_unit_only(
    role: Role, grant_unit: int, current_unit: int, expected: bool
) -> None:
    grant = Grant(role, grant_unit, TREE.nodes[grant_unit].code)
    assert may_see_sensitive(grant, TREE, current_unit) is expected


def test_only_editors_of_a_root_import_whole_lists() -> None:
    assert may_import(Grant(Role.EDITOR, 1, "ROOT"), TREE)
    assert may_import(Grant(Role.ADMIN, 1, "ROOT"), TREE)
    assert not may_import(Grant(Role.EDITOR, 2, "A"), TREE)
    assert not may_import(Grant(Role.VIEWER, 1, "ROOT"), TREE)
    empty = UnitTree(as_of=date(2022, 1, 1), nodes={})
    assert may_import(Grant(Role.ADMIN, 1, "ROOT"), empty)  # the first unit list


def test_admins_grant_within_their_subtree_and_up_to_their_role() -> None:
    branch_admin = Grant(Role.ADMIN, 2, "A")
    assert may_grant(branch_admin, TREE, Role.EDITOR, 3)
    assert may_grant(branch_admin, TREE, Role.ADMIN, 2)
    assert not may_grant(branch_admin, TREE, Role.VIEWER, 4)
    assert not may_grant(Grant(Role.EDITOR, 1, "ROOT"), TREE, Role.VIEWER, 2)


@pytest.mark.parametrize(
    ("code", "lang", "label"),
    [
        ("person.view", "vi", "Xem hồ sơ cá nhân"),
        ("person.view", "en", "Viewed a person"),
        ("committee.training.delete", "vi", "Hồ sơ của Ban (Đào tạo, bồi dưỡng): xóa"),
        ("committee.training.delete", "en", "Committee records (Training): deleted"),
        ("something.new", "vi", "something.new"),
    ],
)
def test_audit_actions_read_as_words(code: str, lang: str, label: str) -> None:
    from binhdang.web.pages import action_label

    assert action_label(code, lang) == label


@st.composite
def trees(draw: st.DrawFn) -> UnitTree:
    """Random forests: unit i's parent is an earlier unit or none."""
    size = draw(st.integers(min_value=1, max_value=25))
    nodes = {}
    for index in range(1, size + 1):
        parent = draw(st.one_of(st.none(), st.integers(1, index - 1))) if index > 1 else None
        nodes[index] = UnitNode(index, f"U{index}", f"Unit {index}", "", parent)
    return UnitTree(as_of=date(2022, 10, 1), nodes=nodes)


@given(trees(), st.data())
def test_a_grant_covers_exactly_its_subtree(tree: UnitTree, data: st.DataObject) -> None:
    granted = data.draw(st.sampled_from(sorted(tree.nodes)))
    grant = Grant(Role.VIEWER, granted, tree.nodes[granted].code)
    visible = set(visible_unit_ids(grant, tree))
    for unit_id in tree.nodes:
        is_descendant = unit_id == granted or granted in {n.id for n in tree.ancestors(unit_id)}
        assert covers(grant, tree, unit_id) is is_descendant
        assert (unit_id in visible) is is_descendant
