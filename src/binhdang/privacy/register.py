"""The processing register: what personal data binhdang keeps, as data (``register.toml``).

Law on Personal Data Protection 91/2025/QH15 and Decree 356/2025/NĐ-CP (in force from
01/01/2026, replacing Decree 13/2023/NĐ-CP). Each entry names the columns that hold the data,
so the register can be checked against the schema of a real database
(:func:`undescribed_columns`): a new table or column that holds personal data and is not in the
register fails tests/privacy/test_register.py.

Who may see each kind of data follows from the actions of :mod:`binhdang.accounts.permissions`
(the roles are read from ``MINIMUM_ROLE``, never written twice).
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

from sqlalchemy import Connection, inspect

from binhdang.accounts.permissions import Action, Role, role_allows
from binhdang.messages import Lang, text

CLI_ACCESS = "cli"
"""Access by whoever runs binhdang against the database (the command line has no accounts)."""

PERSON_TABLES = frozenset({"person", "account"})
"""A column that refers to one of these tables names a person (a staff member or a user)."""

PERSONAL_NAMES = ("staff_code", "full_name", "birth", "ethnic", "religion", "health", "actor",
                  "address", "phone", "email", "id_number", "password")  # fmt: skip
"""A column whose name contains one of these holds personal data, whatever its table."""

IGNORED_TABLES = frozenset({"alembic_version"})


@dataclass(frozen=True)
class Texts:
    vi: str
    en: str
    source: str = ""
    note_vi: str = ""
    note_en: str = ""

    def get(self, lang: Lang) -> str:
        return self.en if lang == "en" else self.vi

    def note(self, lang: Lang) -> str:
        return self.note_en if lang == "en" else self.note_vi


@dataclass(frozen=True)
class Entry:
    key: str
    category: str  # basic / sensitive
    switch: bool  # stored only with BINHDANG_SENSITIVE_DATA=on
    columns: tuple[str, ...]  # "table.column"
    data: Texts
    purpose: Texts
    basis: Texts
    access: tuple[str, ...]  # actions of accounts.permissions, or CLI_ACCESS
    access_note: Texts
    retention: Texts
    source: str
    note: Texts

    @property
    def tables(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(column.split(".")[0] for column in self.columns))


@dataclass(frozen=True)
class Register:
    entries: tuple[Entry, ...]
    not_personal: dict[str, str]  # table -> why

    def described(self) -> dict[str, set[str]]:
        """The columns each table's entries name."""
        found: dict[str, set[str]] = {}
        for entry in self.entries:
            for column in entry.columns:
                table, name = column.split(".")
                found.setdefault(table, set()).add(name)
        return found


def _texts(item: dict[str, Any], prefix: str = "") -> Texts:
    return Texts(
        item[f"{prefix}vi"],
        item[f"{prefix}en"],
        item.get("source", ""),
        item.get("note_vi", ""),
        item.get("note_en", ""),
    )


@functools.cache
def load_register() -> Register:
    """The register shipped with binhdang (``privacy/register.toml``)."""
    content = resources.files("binhdang.privacy").joinpath("register.toml").read_text("utf-8")
    data = tomllib.loads(content)
    basis = {key: _texts(value) for key, value in data["basis"].items()}
    retention = {key: _texts(value) for key, value in data["retention"].items()}
    actions = {action.value for action in Action} | {CLI_ACCESS}
    entries = []
    for item in data["entry"]:
        unknown = set(item["access"]) - actions
        if unknown or item["category"] not in ("basic", "sensitive"):
            raise ValueError(f"register entry {item['key']}: bad access or category")
        entries.append(
            Entry(
                key=item["key"],
                category=item["category"],
                switch=bool(item["switch"]),
                columns=tuple(item["columns"]),
                data=_texts(item, "data_"),
                purpose=_texts(item, "purpose_"),
                basis=basis[item["basis"]],
                access=tuple(item["access"]),
                access_note=_texts(item, "access_"),
                retention=retention[item["retention"]],
                source=item["source"],
                note=Texts(item.get("note_vi", ""), item.get("note_en", "")),
            )
        )
    not_personal = {item["table"]: item["why"] for item in data.get("not_personal", [])}
    return Register(tuple(entries), not_personal)


# --- the register against a database's schema ---------------------------------------------


def personal_columns(connection: Connection) -> dict[str, set[str]]:
    """The columns of the database's tables that hold personal data by the rules above: a
    foreign key to ``person`` or ``account``, or a name in :data:`PERSONAL_NAMES`."""
    schema = inspect(connection)
    found: dict[str, set[str]] = {}
    for table in schema.get_table_names():
        if table in IGNORED_TABLES:
            continue
        columns = {c["name"] for c in schema.get_columns(table)}
        personal = {name for name in columns if any(word in name for word in PERSONAL_NAMES)}
        for key in schema.get_foreign_keys(table):
            if key["referred_table"] in PERSON_TABLES:
                personal.update(key["constrained_columns"])
        if personal:
            found[table] = personal
    return found


def undescribed_columns(connection: Connection, register: Register) -> list[str]:
    """What the register gets wrong about the database, one line each (empty: it is true):
    personal columns no entry names, named columns or listed tables that do not exist, and
    tables in neither list."""
    schema = inspect(connection)
    tables = {name for name in schema.get_table_names() if name not in IGNORED_TABLES}
    existing = {name: {c["name"] for c in schema.get_columns(name)} for name in tables}
    described = register.described()
    problems = []
    for table, columns in sorted(personal_columns(connection).items()):
        missing = sorted(columns - described.get(table, set()))
        if missing:
            problems.append(f"{table}: personal columns not in the register: {missing}")
    for table, columns in sorted(described.items()):
        if table not in existing:
            problems.append(f"{table}: in the register, not in the database")
            continue
        unknown = sorted(columns - existing[table])
        if unknown:
            problems.append(f"{table}: register names columns that do not exist: {unknown}")
    for table in sorted(set(register.not_personal) - tables):
        problems.append(f"{table}: listed as not personal, not in the database")
    for table in sorted(set(register.not_personal) & set(described)):
        problems.append(f"{table}: both in an entry and listed as not personal")
    for table in sorted(tables - set(described) - set(register.not_personal)):
        problems.append(f"{table}: not in the register (add an [[entry]] or a [[not_personal]])")
    return problems


# --- what the register says, for people --------------------------------------------------


def roles_for(action: Action) -> list[Role]:
    return [role for role in Role if role_allows(role, action)]


def _access(entry: Entry, lang: Lang) -> str:
    parts = []
    for name in entry.access:
        if name == CLI_ACCESS:
            parts.append(text("privacy.access.cli", lang))
        else:
            roles = ", ".join(role.value for role in roles_for(Action(name)))
            parts.append(text("privacy.access.roles", lang, roles=roles, action=name))
    return "; ".join(parts) + ". " + entry.access_note.get(lang)


def rows(register: Register, lang: Lang, *, years: int, sensitive: bool) -> list[dict[str, str]]:
    """One row per entry, in ``lang``, with the retention setting's value filled in."""
    state = "on" if sensitive else "off"
    found = []
    for entry in register.entries:
        category = (
            text("privacy.category.switch", lang, state=state)
            if entry.switch
            else text(f"privacy.category.{entry.category}", lang)
        )
        retention = entry.retention.get(lang).format(years=years)
        found.append(
            {
                "key": entry.key,
                "data": entry.data.get(lang),
                "category": category,
                "purpose": entry.purpose.get(lang),
                "basis": entry.basis.get(lang),
                "access": _access(entry, lang),
                "retention": retention,
                "storage": text("privacy.storage.tables", lang, tables=", ".join(entry.tables)),
                "source": "; ".join(
                    part
                    for part in (
                        entry.source,
                        entry.basis.source,
                        entry.retention.source,
                    )
                    if part
                ),
                "note": " ".join(
                    part
                    for part in (
                        entry.note.get(lang),
                        entry.basis.note(lang),
                        entry.retention.note(lang),
                    )
                    if part
                ),
            }
        )
    return found


COLUMNS = ("data", "category", "purpose", "basis", "access", "retention", "storage", "source",
           "note")  # fmt: skip


def to_markdown(found: list[dict[str, str]], lang: Lang, intro: str) -> str:
    """The register as a Markdown table (for a document or a wiki)."""

    def cell(value: str) -> str:
        return value.replace("|", "\\|").replace("\n", " ")

    lines = [f"# {text('privacy.register.title', lang)}", "", intro, ""]
    lines.append("| " + " | ".join(text(f"privacy.col.{c}", lang) for c in COLUMNS) + " |")
    lines.append("|" + "---|" * len(COLUMNS))
    for row in found:
        lines.append("| " + " | ".join(cell(row[c]) for c in COLUMNS) + " |")
    return "\n".join(lines) + "\n"
