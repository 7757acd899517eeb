"""``binhdang user add``, ``binhdang token create`` / ``revoke`` on both engines (expiry, listing
and revocation on a password change: tests/web/test_sessions.py)."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import Engine, select

from binhdang.accounts.tables import account, api_token, audit_log
from tests.factories import SMALL_TREE, UNIT_HEADER, write_table
from tests.helpers import run_cli
from tests.imports import import_units


@pytest.fixture
def units(engine: Engine, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import_units(engine, write_table(tmp_path / "units.csv", UNIT_HEADER, SMALL_TREE))


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def test_user_add_then_tokens(
    units: None,
    engine: Engine,
    db_url: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _stdin(monkeypatch, "mot-mat-khau-dai\n")
    added = run_cli(
        capsys,
        "user",
        "add",
        "hoa",
        "--role",
        "admin",
        "--unit",
        "ROOT",
        "--password-stdin",
        "--db",
        db_url,
    )
    assert added.code == 0, added.err
    assert "Đã tạo tài khoản hoa (admin, đơn vị ROOT)." in added.out
    assert "mot-mat-khau-dai" not in added.out + added.err
    with engine.connect() as connection:
        stored = connection.execute(select(account.c.name, account.c.password_hash)).one()
    assert stored.name == "hoa" and stored.password_hash.startswith("$argon2id$")

    created = run_cli(capsys, "token", "create", "hoa", "--db", db_url)
    assert created.code == 0, created.err
    token = created.out.strip()
    assert token.startswith("bd_") and len(token) > 40
    with engine.connect() as connection:
        digest = connection.execute(select(api_token.c.digest)).scalar_one()
    assert token not in digest  # only a digest is stored

    revoked = run_cli(capsys, "token", "revoke", "--user", "hoa", "--db", db_url, "--lang", "en")
    assert revoked.code == 0 and "Revoked 1 token(s)." in revoked.out
    again = run_cli(capsys, "token", "revoke", token, "--db", db_url)
    assert again.code == 1 and "Không có mã truy cập" in again.err
    with engine.connect() as connection:
        actions = connection.execute(select(audit_log.c.action)).scalars().all()
    assert actions == ["account.create", "token.create", "token.revoke"]


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["xa1", "--role", "boss", "--unit", "ROOT"], "mot-mat-khau-dai\n", "Vai trò phải là"),
        (
            ["xa2", "--role", "viewer", "--unit", "NOPE"],
            "mot-mat-khau-dai\n",
            "Không có đơn vị mã «NOPE»",
        ),
        (["xa3", "--role", "viewer", "--unit", "A"], "ngan\n", "ít nhất 10 ký tự"),
        (["có dấu", "--role", "viewer", "--unit", "A"], "mot-mat-khau-dai\n", "Tên tài khoản"),
    ],
)
def test_user_add_refuses_bad_input(
    units: None,
    engine: Engine,
    db_url: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    stdin: str,
    message: str,
) -> None:
    _stdin(monkeypatch, stdin)
    result = run_cli(capsys, "user", "add", *args, "--password-stdin", "--db", db_url)
    assert result.code == 1 and message in result.err and "Traceback" not in result.err
    with engine.connect() as connection:
        assert connection.execute(select(account)).all() == []


def test_a_name_is_taken_once(
    units: None, db_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for expected in (0, 1):
        _stdin(monkeypatch, "mot-mat-khau-dai\n")
        result = run_cli(
            capsys,
            "user",
            "add",
            "Lan",
            "--role",
            "viewer",
            "--unit",
            "A",
            "--password-stdin",
            "--db",
            db_url,
        )
        assert result.code == expected
    assert "đã có" in result.err
    assert run_cli(capsys, "token", "create", "nobody", "--db", db_url).code == 1


def test_serve_refuses_a_database_that_is_not_initialised(
    tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    for extra in ([], ["--workers", "2"]):
        result = run_cli(capsys, "serve", "--db", str(tmp_path / "empty.db"), *extra)
        assert result.code == 1 and "binhdang init" in result.err and "Traceback" not in result.err


def test_user_password_and_list(
    units: None,
    engine: Engine,
    db_url: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from binhdang.accounts.passwords import verify_password

    assert "Chưa có tài khoản nào." in run_cli(capsys, "user", "list", "--db", db_url).out
    _stdin(monkeypatch, "mat-khau-thu-nhat\n")
    run_cli(
        capsys,
        "user",
        "add",
        "lan",
        "--role",
        "editor",
        "--unit",
        "A",
        "--password-stdin",
        "--db",
        db_url,
    )
    _stdin(monkeypatch, "ngan\n")
    assert run_cli(capsys, "user", "password", "lan", "--password-stdin", "--db", db_url).code == 1
    _stdin(monkeypatch, "mat-khau-thu-hai\n")
    changed = run_cli(capsys, "user", "password", "lan", "--password-stdin", "--db", db_url)
    assert changed.code == 0 and "Đã đổi mật khẩu của lan" in changed.out
    with engine.connect() as connection:
        stored = connection.execute(select(account.c.password_hash)).scalar_one()
    assert verify_password(stored, "mat-khau-thu-hai") and not verify_password(
        stored, "mat-khau-thu-nhat"
    )
    assert run_cli(capsys, "user", "list", "--db", db_url).out.split() == ["lan", "editor", "A"]
