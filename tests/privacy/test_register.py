"""The processing register describes the real schema, and says it in both languages."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import Engine, text

from binhdang.accounts.permissions import MINIMUM_ROLE, Action, Role
from binhdang.privacy.register import (
    CLI_ACCESS,
    load_register,
    personal_columns,
    roles_for,
    rows,
    undescribed_columns,
)
from tests.helpers import run_cli


def test_the_register_describes_every_table_of_the_database(engine: Engine) -> None:
    """Fails when a table holding personal data is added and the register does not say so
    (src/binhdang/privacy/register.toml), or when the register names what does not exist."""
    with engine.connect() as connection:
        assert undescribed_columns(connection, load_register()) == []
        found = personal_columns(connection)
    # the rules find what they should on the current schema
    assert {"staff_code", "full_name", "birth_date", "ethnicity"} <= found["person"]
    assert {"person_id", "expected_birth", "actual_birth"} <= found["maternity_leave"]
    assert {"account_id", "actor", "address"} <= found["audit_log"]
    assert "person_id" in found["committee_training"]


def test_a_new_personal_table_is_caught(engine: Engine) -> None:
    """A kind of record added later (say, committee volunteers) must enter the register."""
    with engine.begin() as connection:
        connection.execute(
            text(
                "CREATE TABLE committee_volunteer (id INTEGER PRIMARY KEY, "
                "person_id INTEGER REFERENCES person(id), role VARCHAR(50))"
            )
        )
        connection.execute(text("CREATE TABLE contact (id INTEGER PRIMARY KEY, phone VARCHAR(20))"))
        connection.execute(text("ALTER TABLE unit_version ADD COLUMN head_full_name VARCHAR(100)"))
        problems = undescribed_columns(connection, load_register())
        connection.execute(text("DROP TABLE committee_volunteer"))
        connection.execute(text("DROP TABLE contact"))
        connection.execute(text("ALTER TABLE unit_version DROP COLUMN head_full_name"))
    assert any(
        p.startswith("committee_volunteer: personal columns") and "person_id" in p for p in problems
    )
    assert any(p.startswith("contact: personal columns") and "phone" in p for p in problems)
    assert any(
        p.startswith("unit_version: personal columns") and "head_full_name" in p for p in problems
    )


def test_every_entry_is_complete_in_both_languages() -> None:
    register = load_register()
    keys = [entry.key for entry in register.entries]
    assert len(keys) == len(set(keys))
    for entry in register.entries:
        for texts in (entry.data, entry.purpose, entry.basis, entry.access_note, entry.retention):
            assert texts.vi and texts.en and texts.vi != texts.en, entry.key
        assert entry.source and entry.basis.source, entry.key
        assert bool(entry.note.vi) == bool(entry.note.en), entry.key
        assert entry.access, entry.key
    assert {e.key for e in register.entries if e.category == "sensitive"} == {
        "ethnicity",
        "maternity",
    }
    assert [e.key for e in register.entries if e.switch] == ["ethnicity"]


def test_who_may_see_follows_the_permissions() -> None:
    for action in Action:
        assert MINIMUM_ROLE[action] in roles_for(action)
    assert roles_for(Action.VIEW_SENSITIVE) == [Role.EDITOR, Role.ADMIN]
    found = {row["key"]: row for row in rows(load_register(), "en", years=10, sensitive=False)}
    assert found["ethnicity"]["access"].startswith("editor, admin (action view_sensitive)")
    assert found["audit"]["access"].startswith("admin (action view_audit)")
    assert "now: off" in found["ethnicity"]["category"]
    assert "10 years" in found["identity"]["retention"]
    assert all(CLI_ACCESS in entry.access for entry in load_register().entries)


@pytest.mark.parametrize("fmt", ["table", "json", "md"])
def test_register_command(
    capsys: pytest.CaptureFixture[str], fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BINHDANG_RETENTION_YEARS", "12")
    monkeypatch.delenv("BINHDANG_SENSITIVE_DATA")  # the default: off
    result = run_cli(
        capsys,
        "privacy",
        "register",
        "--format",
        fmt,
        "--lang",
        "en",
        "--db",
        "postgresql://u:pw-4711@db.example/binhdang",
    )
    assert result.code == 0, result.err
    assert (
        "pw-4711" not in result.out and "db.example" in result.out
    )  # the database is named without its password
    assert "12 years" in result.out
    if fmt == "json":
        body = json.loads(result.out)
        assert body["retention_years"] == 12 and body["sensitive_data"] is False
        assert [e["key"] for e in body["entries"]][:3] == ["identity", "career", "ethnicity"]
    elif fmt == "md":
        assert (
            result.out.startswith("# binhdang's register") and "| Data | Category |" in result.out
        )
    else:
        assert "Ethnicity" in result.out and "Who may see it" in result.out
    vi = run_cli(capsys, "privacy", "register", "--format", fmt)
    assert vi.code == 0 and "Dân tộc" in vi.out


def test_register_refuses_a_bad_format(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "privacy", "register", "--format", "pdf")
    assert result.code == 1 and "table, json, md" in result.err
