"""The round's rules as pure functions: states, transitions, lateness, members, permissions."""

from __future__ import annotations

from datetime import date

import pytest

from binhdang.accounts.permissions import Grant, Role
from binhdang.errors import BinhdangError
from binhdang.rounds.rules import (
    Decision,
    State,
    check_review,
    check_submit,
    is_late,
    may_review,
    may_submit,
    members_of,
    parse_level,
    state_of,
)
from binhdang.units.tree import UnitNode, UnitTree

TREE = UnitTree(
    date(2022, 10, 1),
    {
        1: UnitNode(1, "BODY", "Body", "", None),
        2: UnitNode(2, "A", "A", "", 1),
        3: UnitNode(3, "B", "B", "", 1),
        4: UnitNode(4, "A1", "A1", "", 2),
    },
)


@pytest.mark.parametrize(
    ("decision", "has", "expected"),
    [
        (None, False, State.NOT_SUBMITTED),
        (None, True, State.SUBMITTED),
        ("return", True, State.RETURNED),
        ("accept", True, State.ACCEPTED),
    ],
)
def test_state_of(decision: str | None, has: bool, expected: State) -> None:
    assert state_of(decision, has) is expected


@pytest.mark.parametrize(
    ("state", "closed", "error"),
    [
        (State.NOT_SUBMITTED, False, None),
        (State.RETURNED, False, None),
        (State.SUBMITTED, False, "rounds.already_submitted"),
        (State.ACCEPTED, False, "rounds.already_accepted"),
        (State.NOT_SUBMITTED, True, "rounds.closed"),
        (State.RETURNED, True, "rounds.closed"),
    ],
)
def test_submit_transitions(state: State, closed: bool, error: str | None) -> None:
    if error is None:
        check_submit(state, closed=closed, unit="A")
        return
    with pytest.raises(BinhdangError) as caught:
        check_submit(state, closed=closed, unit="A")
    assert caught.value.message.key == error


@pytest.mark.parametrize(
    ("state", "decision", "comment", "closed", "error"),
    [
        (State.SUBMITTED, Decision.ACCEPT, None, False, None),
        (State.SUBMITTED, Decision.RETURN, "thiếu số liệu", False, None),
        (State.SUBMITTED, Decision.RETURN, None, False, "rounds.return_needs_comment"),
        (State.SUBMITTED, Decision.RETURN, "   ", False, "rounds.return_needs_comment"),
        (State.NOT_SUBMITTED, Decision.ACCEPT, None, False, "rounds.review_not_submitted"),
        (State.RETURNED, Decision.ACCEPT, None, False, "rounds.review_returned"),
        (State.ACCEPTED, Decision.RETURN, "x", False, "rounds.review_accepted"),
        (State.SUBMITTED, Decision.ACCEPT, None, True, "rounds.closed"),
    ],
)
def test_review_transitions(
    state: State, decision: Decision, comment: str | None, closed: bool, error: str | None
) -> None:
    if error is None:
        check_review(state, decision, comment, closed=closed, unit="A")
        return
    with pytest.raises(BinhdangError) as caught:
        check_review(state, decision, comment, closed=closed, unit="A")
    assert caught.value.message.key == error


@pytest.mark.parametrize(
    ("due", "submitted", "today", "late"),
    [
        (None, None, date(2030, 1, 1), False),
        (date(2022, 12, 20), date(2022, 12, 20), date(2023, 1, 1), False),  # on the day: in time
        (date(2022, 12, 20), date(2022, 12, 21), date(2023, 1, 1), True),
        (date(2022, 12, 20), None, date(2022, 12, 20), False),
        (date(2022, 12, 20), None, date(2022, 12, 21), True),
    ],
)
def test_lateness(due: date | None, submitted: date | None, today: date, late: bool) -> None:
    assert is_late(due, submitted, today) is late


def test_members_by_level() -> None:
    body = TREE.require("BODY")
    assert [n.code for n in members_of(TREE, body, parse_level("children"))] == ["A", "B"]
    assert [n.code for n in members_of(TREE, body, parse_level("leaves"))] == ["A1", "B"]
    assert [n.code for n in members_of(TREE, body, parse_level("2"))] == ["A1"]
    with pytest.raises(BinhdangError):
        parse_level("grandchildren")


def test_permissions() -> None:
    editor_a = Grant(Role.EDITOR, 2, "A")
    assert may_submit(editor_a, 2)
    assert not may_submit(editor_a, 3)  # a sibling
    assert not may_submit(Grant(Role.VIEWER, 2, "A"), 2)
    assert not may_submit(Grant(Role.EDITOR, 1, "BODY"), 2)  # the body does not submit for it
    assert may_review(Grant(Role.EDITOR, 1, "BODY"), TREE, 1)
    assert may_review(Grant(Role.ADMIN, 1, "BODY"), TREE, 1)
    assert not may_review(Grant(Role.VIEWER, 1, "BODY"), TREE, 1)
    assert not may_review(editor_a, TREE, 1)
