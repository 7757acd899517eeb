"""Who may do what, as pure functions of a role, a unit tree and a unit (no HTTP, no database).

A role is granted on one unit and holds for that unit's subtree (its affiliated units, their
affiliated units…) in the tree as of the date being looked at, so after a merge the receiving
unit's grantees see the merged unit's history too.

What each role may do (issue 6; Personal Data Protection Law 91/2025/QH15 Art. 3, in force
from 01/01/2026: personal data processed only within the scope and purpose that need it):

- **viewer**: aggregate figures (indicators, unit lists) of the subtree;
- **editor**: also individual staff records, imports of lists covering a whole tree (a list
  can end anyone's employment, so an editor of a branch may not import), committee records;
- **admin**: all of that, plus accounts and the audit log within the subtree.

A person's history is shown only for the periods spent in the reader's subtree (the facts the
reader's unit is entitled to: ``web.staff.limit_to``), so a unit the person left sees its own
period and nothing of what came after or elsewhere.

Ethnicity is sensitive personal data (Law 91/2025/QH15 Art. 2; Decree 356/2025/NĐ-CP Art. 4:
"dữ liệu tiết lộ nguồn gốc chủng tộc, nguồn gốc dân tộc"). It is shown only on a person's own
page, only to roles given ``view_sensitive`` (editors and admins: the personnel work that
keeps the records), only while the person works in the reader's subtree (or did last, if they
left the agency), and each such view is logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from binhdang.units.tree import UnitTree


class Role(StrEnum):
    VIEWER = "viewer"
    EDITOR = "editor"
    ADMIN = "admin"


_RANK = {Role.VIEWER: 0, Role.EDITOR: 1, Role.ADMIN: 2}


class Action(StrEnum):
    VIEW_AGGREGATES = "view_aggregates"
    VIEW_PERSONS = "view_persons"
    VIEW_SENSITIVE = "view_sensitive"
    IMPORT_LISTS = "import_lists"
    EDIT_RECORDS = "edit_records"
    MANAGE_ACCOUNTS = "manage_accounts"
    VIEW_AUDIT = "view_audit"


MINIMUM_ROLE: dict[Action, Role] = {
    Action.VIEW_AGGREGATES: Role.VIEWER,
    Action.VIEW_PERSONS: Role.EDITOR,
    Action.VIEW_SENSITIVE: Role.EDITOR,
    Action.IMPORT_LISTS: Role.EDITOR,
    Action.EDIT_RECORDS: Role.EDITOR,
    Action.MANAGE_ACCOUNTS: Role.ADMIN,
    Action.VIEW_AUDIT: Role.ADMIN,
}


@dataclass(frozen=True)
class Grant:
    """A role on a unit (by its stable id and code)."""

    role: Role
    unit_id: int
    unit_code: str


def role_allows(role: Role, action: Action) -> bool:
    """Whether ``role`` is high enough for ``action``, whatever the unit."""
    return _RANK[role] >= _RANK[MINIMUM_ROLE[action]]


def covers(grant: Grant, tree: UnitTree, unit_id: int) -> bool:
    """Whether the grant's subtree in ``tree`` contains ``unit_id``."""
    if unit_id == grant.unit_id:
        return True
    if grant.unit_id not in tree.nodes or unit_id not in tree.nodes:
        return False
    return any(node.id == grant.unit_id for node in tree.ancestors(unit_id))


def may(grant: Grant, action: Action, tree: UnitTree, unit_id: int) -> bool:
    """Whether the holder of ``grant`` may do ``action`` on ``unit_id`` in ``tree``."""
    return role_allows(grant.role, action) and covers(grant, tree, unit_id)


def may_import(grant: Grant, tree: UnitTree) -> bool:
    """Lists are whole-office lists: only editors and admins of a root of the tree import."""
    if not role_allows(grant.role, Action.IMPORT_LISTS):
        return False
    roots = {node.id for node in tree.roots}
    return grant.unit_id in roots or not tree.nodes


def may_keep_office_records(grant: Grant, tree: UnitTree, action: Action) -> bool:
    """Office-wide records (the committee's training, awards, succession lists…) name staff
    of every unit: only editors and admins of a root of the tree keep and read them."""
    if not role_allows(grant.role, action):
        return False
    return grant.unit_id in {node.id for node in tree.roots}


def visible_unit_ids(grant: Grant, tree: UnitTree) -> list[int]:
    """The units of ``tree`` the grant covers (empty when its unit is not in the tree)."""
    if grant.unit_id not in tree.nodes:
        return []
    return tree.subtree_ids(grant.unit_id)


def may_see_sensitive(grant: Grant, tree: UnitTree, current_unit_id: int) -> bool:
    """Whether the holder may see a person's sensitive data (ethnicity): a role with
    ``view_sensitive`` whose subtree, in ``tree``, holds the unit the person works in now (or
    last worked in). A unit the person left no longer needs it (Law 91/2025/QH15 Art. 3)."""
    return may(grant, Action.VIEW_SENSITIVE, tree, current_unit_id)


def may_grant(granter: Grant, tree: UnitTree, role: Role, unit_id: int) -> bool:
    """An admin creates accounts of any role within their own subtree only."""
    return (
        may(granter, Action.MANAGE_ACCOUNTS, tree, unit_id) and _RANK[role] <= _RANK[granter.role]
    )
