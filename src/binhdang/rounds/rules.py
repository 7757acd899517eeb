"""The rules of a reporting round as pure functions: states, transitions, lateness, members
and who may act. No database, no clock: the day is an argument.

States of a unit in a round (issue 17):

- ``not_submitted`` (chưa nộp): nothing submitted yet;
- ``submitted`` (đã nộp): its latest version waits for review;
- ``returned`` (bị trả lại): the body returned the latest version with a comment;
- ``accepted`` (đã duyệt): the body accepted the latest version.

Transitions: submit from ``not_submitted`` or ``returned`` (a new version) while the round is
open; accept or return from ``submitted`` only; a return needs a comment. A closed round takes
no submission and no review.

The annual period of a round is that of a periodic report: Decree 09/2019/NĐ-CP, Art. 12
(:func:`binhdang.reports.period.annual_period`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from binhdang.accounts.permissions import Action, Grant, covers, role_allows
from binhdang.errors import BinhdangError
from binhdang.units.tree import UnitNode, UnitTree


class State(StrEnum):
    NOT_SUBMITTED = "not_submitted"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    ACCEPTED = "accepted"


class Decision(StrEnum):
    ACCEPT = "accept"
    RETURN = "return"


STATES: tuple[State, ...] = tuple(State)
COMMENT_MAX = 2000
NOTE_MAX = 2000


def state_of(latest_decision: str | None, has_submission: bool) -> State:
    """A unit's state from its latest version and that version's review (if any)."""
    if not has_submission:
        return State.NOT_SUBMITTED
    if latest_decision == Decision.ACCEPT:
        return State.ACCEPTED
    if latest_decision == Decision.RETURN:
        return State.RETURNED
    return State.SUBMITTED


def check_submit(state: State, *, closed: bool, unit: str) -> None:
    """A unit submits while the round is open, first or after a return."""
    if closed:
        raise BinhdangError.of("rounds.closed", unit=unit)
    if state is State.SUBMITTED:
        raise BinhdangError.of("rounds.already_submitted", unit=unit)
    if state is State.ACCEPTED:
        raise BinhdangError.of("rounds.already_accepted", unit=unit)


def check_review(
    state: State, decision: Decision, comment: str | None, *, closed: bool, unit: str
) -> None:
    """The body reviews a waiting submission; a return says why."""
    if closed:
        raise BinhdangError.of("rounds.closed", unit=unit)
    if state is not State.SUBMITTED:
        raise BinhdangError.of(f"rounds.review_{state.value}", unit=unit)
    if decision is Decision.RETURN and not (comment or "").strip():
        raise BinhdangError.of("rounds.return_needs_comment", unit=unit)
    if comment is not None and len(comment) > COMMENT_MAX:
        raise BinhdangError.of("rounds.comment_too_long", limit=COMMENT_MAX)


def is_late(due: date | None, submitted_on: date | None, today: date) -> bool:
    """Late: the standing version came after the due date, or nothing has come and the due
    date is past. No due date: never late."""
    if due is None:
        return False
    if submitted_on is not None:
        return submitted_on > due
    return today > due


def parse_level(value: str) -> str:
    """``children`` (default), ``leaves`` or a depth ``N`` ≥ 1 below the body."""
    if value in ("children", "leaves"):
        return value
    if value.isdigit() and 1 <= int(value) <= 20:
        return str(int(value))
    raise BinhdangError.of("rounds.bad_level", value=value)


def members_of(tree: UnitTree, body: UnitNode, level: str) -> list[UnitNode]:
    """The units that report in a round of ``body`` at ``level``, in the tree's order:
    its direct children, the leaves under it, or the units ``N`` levels below it."""
    if level == "children":
        return tree.child_nodes(body.id)
    if level == "leaves":
        return [
            node
            for node in tree.walk(body.id)
            if node.id != body.id and not tree.children.get(node.id)
        ]
    depth = int(level)
    found: list[UnitNode] = []
    layer = [body]
    for _ in range(depth):
        layer = [child for node in layer for child in tree.child_nodes(node.id)]
    found.extend(layer)
    return found


@dataclass(frozen=True)
class Counts:
    not_submitted: int = 0
    submitted: int = 0
    returned: int = 0
    accepted: int = 0

    def as_dict(self) -> dict[str, int]:
        return {state.value: getattr(self, state.value) for state in STATES}

    @property
    def handed_in(self) -> int:
        """Units whose figures have reached the body (waiting or accepted)."""
        return self.submitted + self.accepted


def count(states: Iterable[State]) -> Counts:
    tally = dict.fromkeys((s.value for s in STATES), 0)
    for state in states:
        tally[state.value] += 1
    return Counts(**tally)


def may_submit(grant: Grant, unit_id: int) -> bool:
    """A unit's editor (or admin) submits for its own unit only: never for a sibling, and the
    body's editors do not submit for the units they review (a unit answers for its figures)."""
    return role_allows(grant.role, Action.EDIT_RECORDS) and grant.unit_id == unit_id


def may_review(grant: Grant, tree: UnitTree, body_id: int) -> bool:
    """The body's editor or admin reviews (a grant covering the body that opened the round)."""
    return role_allows(grant.role, Action.EDIT_RECORDS) and covers(grant, tree, body_id)


def may_view(grant: Grant, tree: UnitTree, unit_id: int) -> bool:
    """Viewers read the board of a body in their subtree, or their own unit's submissions."""
    return covers(grant, tree, unit_id)
