"""Commands of the web area: the server, accounts and API tokens."""

from __future__ import annotations

import getpass
import sys
from datetime import UTC, datetime
from typing import Annotated

import typer

import binhdang.accounts.messages  # noqa: F401  (registers the messages)
from binhdang import settings
from binhdang.cli.app import DbOption, LangOption, app, out, parse_lang
from binhdang.errors import BinhdangError
from binhdang.messages import text
from binhdang.store import database

user_app = typer.Typer(help="Tài khoản / Accounts.", no_args_is_help=True)
token_app = typer.Typer(help="Mã truy cập API / API tokens.", no_args_is_help=True)
app.add_typer(user_app, name="user")
app.add_typer(token_app, name="token")


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="Địa chỉ lắng nghe / listen address")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Cổng / port")] = 8000,
    workers: Annotated[int, typer.Option("--workers", min=1, max=64, help="Số tiến trình (nhiều người dùng, nhiều CPU) / server processes")] = 1,
    db: DbOption = settings.DATABASE_URL.default,
) -> None:  # fmt: skip
    """Chạy ứng dụng web / Run the web application (pages and REST API).

    Example: binhdang serve --db demo-output/binhdang-demo.db --port 8000
    """
    import os
    import secrets

    import uvicorn

    from binhdang.web.app import create_app
    from binhdang.web.config import SECRET_KEY, WebSettings

    # Behind a reverse proxy on the same machine, trust its X-Forwarded-Proto/For headers.
    options = {"host": host, "port": port, "proxy_headers": True,
               "forwarded_allow_ips": "127.0.0.1", "server_header": False}  # fmt: skip
    if workers == 1:
        uvicorn.run(create_app(WebSettings.from_env(db)), **options)  # type: ignore[arg-type]
        return
    database.open_current(db).dispose()  # refuse a missing or outdated database up front
    # Every process reads the same settings; they must share the key that signs the forms.
    os.environ[settings.DATABASE_URL.env] = db
    if not SECRET_KEY.value():
        os.environ[SECRET_KEY.env] = secrets.token_urlsafe(32)
    uvicorn.run("binhdang.web.app:app_from_env", factory=True, workers=workers, **options)  # type: ignore[arg-type]


def _now() -> datetime:
    return datetime.now(UTC)


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="Tên tài khoản / account name")],
    role: Annotated[str, typer.Option("--role", help="admin | editor | viewer")],
    unit: Annotated[str, typer.Option("--unit", help="Mã đơn vị: quyền áp dụng cho đơn vị và các đơn vị trực thuộc / unit code: the role holds for its subtree")],
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Đọc mật khẩu từ stdin / read the password from standard input")] = False,
    db: DbOption = settings.DATABASE_URL.default,
    lang: LangOption = "vi",
) -> None:  # fmt: skip
    """Tạo tài khoản / Create an account.

    Example: binhdang user add hoa --role admin --unit BHXH_QT
    """
    from binhdang.accounts import audit
    from binhdang.accounts.service import create_account, parse_role

    language = parse_lang(lang)
    chosen = parse_role(role)
    password = _read_password(password_stdin, language)
    engine = database.open_current(db)
    with engine.begin() as connection:
        created = create_account(connection, name=name, role=chosen, unit_code=unit,
                                 password=password, now=_now())  # fmt: skip
        audit.record(connection, actor=None, actor_name="cli", action="account.create",
                     now=_now(), unit_code=unit, target=created.name,
                     detail={"role": chosen.value}, address="cli")  # fmt: skip
    out.print(text("account.created", language, name=created.name, role=chosen.value, unit=unit))


def _read_password(password_stdin: bool, language: str) -> str:
    if password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password = getpass.getpass(text("account.password_prompt", language) + ": ")  # type: ignore[arg-type]
    if getpass.getpass(text("account.password_prompt", language) + " (2): ") != password:  # type: ignore[arg-type]
        raise BinhdangError.of("account.password_mismatch")
    return password


@user_app.command("password")
def user_password(
    name: Annotated[str, typer.Argument(help="Tên tài khoản / account name")],
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Đọc mật khẩu từ stdin / read the password from standard input")] = False,
    db: DbOption = settings.DATABASE_URL.default,
    lang: LangOption = "vi",
) -> None:  # fmt: skip
    """Đổi mật khẩu một tài khoản / Set an account's password (its sessions end).

    Example: binhdang user password hoa
    """
    from binhdang.accounts import audit
    from binhdang.accounts.service import set_password

    language = parse_lang(lang)
    password = _read_password(password_stdin, language)
    engine = database.open_current(db)
    with engine.begin() as connection:
        changed = set_password(connection, name, password)
        audit.record(connection, actor=None, actor_name="cli", action="account.password",
                     now=_now(), unit_code=changed.unit_code, target=changed.name,
                     address="cli")  # fmt: skip
    out.print(text("account.password_set", language, name=changed.name))


@user_app.command("list")
def user_list(db: DbOption = settings.DATABASE_URL.default, lang: LangOption = "vi") -> None:
    """Liệt kê tài khoản / List the accounts (name, role, unit, active).

    Example: binhdang user list
    """
    from binhdang.accounts.service import list_accounts

    language = parse_lang(lang)
    engine = database.open_current(db)
    with engine.connect() as connection:
        accounts = list_accounts(connection)
    if not accounts:
        out.print(text("account.list_empty", language))
    for item in accounts:
        state = "" if item.active else "  (disabled)"
        out.print(f"{item.name}\t{item.role.value}\t{item.unit_code}{state}")


@token_app.command("create")
def token_create(
    name: Annotated[str, typer.Argument(help="Tên tài khoản / account name")],
    db: DbOption = settings.DATABASE_URL.default,
    lang: LangOption = "vi",
) -> None:
    """Tạo mã truy cập API cho một tài khoản / Create an API token for an account.

    Example: binhdang token create hoa   (then: curl -H "Authorization: Bearer TOKEN" …)
    """
    from binhdang.accounts import audit
    from binhdang.accounts.service import create_token, require_account

    language = parse_lang(lang)
    engine = database.open_current(db)
    with engine.begin() as connection:
        owner = require_account(connection, name)
        secret = create_token(connection, owner.id, now=_now())
        audit.record(connection, actor=None, actor_name="cli", action="token.create",
                     now=_now(), unit_code=owner.unit_code, target=owner.name,
                     detail={"prefix": secret[:10]}, address="cli")  # fmt: skip
    typer.echo(text("token.created", language, name=owner.name), err=True)
    typer.echo(secret)


@token_app.command("revoke")
def token_revoke(
    value: Annotated[str, typer.Argument(help="Mã, 10 ký tự đầu của mã, hoặc tên tài khoản (thu hồi mọi mã) / the token, its first 10 characters, or an account name (revokes all its tokens)")],
    db: DbOption = settings.DATABASE_URL.default,
    lang: LangOption = "vi",
) -> None:  # fmt: skip
    """Thu hồi mã truy cập API / Revoke API tokens.

    Example: binhdang token revoke bd_3f9aK2xQ
    """
    from binhdang.accounts import audit
    from binhdang.accounts.service import revoke_tokens

    language = parse_lang(lang)
    engine = database.open_current(db)
    with engine.begin() as connection:
        count = revoke_tokens(connection, value, now=_now())
        if count == 0:
            raise BinhdangError.of("token.unknown", value=value[:10])
        audit.record(connection, actor=None, actor_name="cli", action="token.revoke",
                     now=_now(), target=value[:10], detail={"count": count}, address="cli")  # fmt: skip
    out.print(text("token.revoked", language, count=count))
