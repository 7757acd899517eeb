"""Commands of the web area: the server, accounts and API tokens."""

from __future__ import annotations

import getpass
import sys
from datetime import UTC, datetime
from typing import Annotated

import typer

from binhdang import settings
from binhdang.cli.app import Cli, app, cli_options, out
from binhdang.errors import BinhdangError
from binhdang.messages import text

user_app = typer.Typer(help="Tài khoản / Accounts.", no_args_is_help=True)
token_app = typer.Typer(help="Mã truy cập API / API tokens.", no_args_is_help=True)
app.add_typer(user_app, name="user")
app.add_typer(token_app, name="token")


@app.command()
@cli_options(language=False)
def serve(
    cli: Cli,
    host: Annotated[
        str, typer.Option("--host", help="Địa chỉ lắng nghe / listen address")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Cổng / port")] = 8000,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            min=1,
            max=64,
            help="Số tiến trình (nhiều người dùng, nhiều CPU) / server processes",
        ),
    ] = 1,
) -> None:
    """Chạy ứng dụng web / Run the web application (pages and REST API).

    Example: binhdang serve --db demo-output/binhdang-demo.db --port 8000
    """
    import os
    import secrets

    import uvicorn

    from binhdang.web.app import create_app
    from binhdang.web.config import SECRET_KEY, WebSettings
    from binhdang.web.server import uvicorn_options

    # Behind a reverse proxy on the same machine, trust its X-Forwarded-Proto/For headers.
    options = {
        "host": host,
        "port": port,
        "proxy_headers": True,
        "forwarded_allow_ips": "127.0.0.1",
        "server_header": False,
        # httptools + uvloop, TCP_NODELAY with --workers N too (binhdang.web.server)
        **uvicorn_options(),
    }
    if workers == 1:
        uvicorn.run(create_app(WebSettings.from_env(cli.db)), **options)
        return
    cli.engine.dispose()  # refuse a missing or outdated database up front
    # Every process reads the same settings; they must share the key that signs the forms.
    os.environ[settings.DATABASE_URL.env] = cli.db
    if not SECRET_KEY.value():
        os.environ[SECRET_KEY.env] = secrets.token_urlsafe(32)
    uvicorn.run("binhdang.web.app:app_from_env", factory=True, workers=workers, **options)


def _now() -> datetime:
    return datetime.now(UTC)


@user_app.command("add")
@cli_options()
def user_add(
    cli: Cli,
    name: Annotated[str, typer.Argument(help="Tên tài khoản / account name")],
    role: Annotated[str, typer.Option("--role", help="admin | editor | viewer")],
    unit: Annotated[
        str,
        typer.Option(
            "--unit",
            help="Mã đơn vị: quyền áp dụng cho đơn vị và các đơn vị trực thuộc / unit code: the role holds for its subtree",
        ),
    ],
    password_stdin: Annotated[
        bool,
        typer.Option(
            "--password-stdin", help="Đọc mật khẩu từ stdin / read the password from standard input"
        ),
    ] = False,
) -> None:
    """Tạo tài khoản / Create an account.

    Example: binhdang user add hoa --role admin --unit BHXH_QT
    """
    from binhdang.accounts import audit
    from binhdang.accounts.service import create_account, parse_role

    language = cli.lang
    chosen = parse_role(role)
    password = _read_password(password_stdin, language)
    with cli.writing() as connection:
        created = create_account(
            connection, name=name, role=chosen, unit_code=unit, password=password, now=_now()
        )
        audit.record(
            connection,
            actor=None,
            actor_name="cli",
            action="account.create",
            now=_now(),
            unit_code=unit,
            target=created.name,
            detail={"role": chosen.value},
            address="cli",
        )
    out.print(text("account.created", language, name=created.name, role=chosen.value, unit=unit))


def _read_password(password_stdin: bool, language: str) -> str:
    if password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password = getpass.getpass(text("account.password_prompt", language) + ": ")  # type: ignore[arg-type]
    if getpass.getpass(text("account.password_prompt", language) + " (2): ") != password:  # type: ignore[arg-type]
        raise BinhdangError.of("account.password_mismatch")
    return password


@user_app.command("password")
@cli_options()
def user_password(
    cli: Cli,
    name: Annotated[str, typer.Argument(help="Tên tài khoản / account name")],
    password_stdin: Annotated[
        bool,
        typer.Option(
            "--password-stdin", help="Đọc mật khẩu từ stdin / read the password from standard input"
        ),
    ] = False,
) -> None:
    """Đổi mật khẩu một tài khoản / Set an account's password (its sessions end, its API
    tokens are revoked).

    Example: binhdang user password hoa
    """
    from binhdang.accounts import audit
    from binhdang.accounts.service import set_password

    language = cli.lang
    password = _read_password(password_stdin, language)
    with cli.writing() as connection:
        changed, revoked = set_password(connection, name, password, now=_now())
        audit.record(
            connection,
            actor=None,
            actor_name="cli",
            action="account.password",
            now=_now(),
            unit_code=changed.unit_code,
            target=changed.name,
            detail={"tokens_revoked": revoked},
            address="cli",
        )
    out.print(text("account.password_set", language, name=changed.name, tokens=revoked))


@user_app.command("list")
@cli_options()
def user_list(cli: Cli) -> None:
    """Liệt kê tài khoản / List the accounts (name, role, unit, active).

    Example: binhdang user list
    """
    from binhdang.accounts.service import list_accounts

    language = cli.lang
    with cli.engine.connect() as connection:
        accounts = list_accounts(connection)
    if not accounts:
        out.print(text("account.list_empty", language))
    for item in accounts:
        state = "" if item.active else "  (disabled)"
        out.print(f"{item.name}\t{item.role.value}\t{item.unit_code}{state}")


@token_app.command("create")
@cli_options()
def token_create(
    cli: Cli,
    name: Annotated[str, typer.Argument(help="Tên tài khoản / account name")],
    expires: Annotated[
        str | None,
        typer.Option(
            "--expires",
            help="Hết hạn sau N ngày (30d) hoặc vào một ngày (31/12/2026); mặc định BINHDANG_TOKEN_DAYS (90) ngày, tối đa 366; không có «never» / expires after N days (30d) or on a date; default BINHDANG_TOKEN_DAYS (90) days, at most 366; no “never”",
        ),
    ] = None,
    label: Annotated[
        str | None,
        typer.Option(
            "--label",
            help="Mã dùng cho việc gì (hiện trong «token list») / what the token is for (shown by “token list”)",
        ),
    ] = None,
) -> None:
    """Tạo mã truy cập API cho một tài khoản / Create an API token for an account.

    Example: binhdang token create hoa --expires 30d --label "báo cáo hằng tháng"   (then: curl -H "Authorization: Bearer TOKEN" …)
    """
    from binhdang.accounts import audit
    from binhdang.accounts.service import (
        MAX_TOKEN_DAYS,
        create_token,
        require_account,
        token_expiry,
    )
    from binhdang.formatting import short_date
    from binhdang.web.config import TOKEN_DAYS

    language = cli.lang
    now = _now()
    days = TOKEN_DAYS.value().strip()
    if not days.isdigit():
        raise BinhdangError.of("token.bad_default", days=days, max=MAX_TOKEN_DAYS)
    expires_at = token_expiry(expires, now=now, default_days=int(days))
    with cli.writing() as connection:
        owner = require_account(connection, name)
        secret = create_token(connection, owner.id, now=now, expires_at=expires_at, label=label)
        audit.record(
            connection,
            actor=None,
            actor_name="cli",
            action="token.create",
            now=now,
            unit_code=owner.unit_code,
            target=owner.name,
            detail={"prefix": secret[:10], "expires": expires_at.isoformat(), "label": label},
            address="cli",
        )
    shown = short_date(expires_at.date(), language)
    typer.echo(text("token.created", language, name=owner.name, expires=shown), err=True)
    typer.echo(secret)


@token_app.command("list")
@cli_options()
def token_list(
    cli: Cli,
    user: Annotated[
        str | None,
        typer.Option("--user", help="Chỉ mã của tài khoản này / only this account's tokens"),
    ] = None,
) -> None:
    """Liệt kê mã truy cập API chưa thu hồi / List the API tokens not revoked (id, account,
    label, created, expires, last used; never the token itself).

    Example: binhdang token list --user hoa
    """
    from binhdang.accounts.service import list_tokens, require_account

    language = cli.lang
    now = _now()
    with cli.engine.connect() as connection:
        owner = require_account(connection, user) if user else None
        tokens = list_tokens(connection, now=now, account_id=owner.id if owner else None)
    if not tokens:
        out.print(text("token.list_empty", language))
        return
    # Plain tab-separated lines (as `user list`), easy to read and to cut/grep in scripts.
    typer.echo(text("token.list_header", language))
    for item in tokens:
        expires = _when(item.expires_at)
        if item.expired:
            expires += " " + text("token.expired_mark", language)
        used = _when(item.last_used_at) if item.last_used_at else text("token.never_used", language)
        typer.echo(
            f"{item.id}\t{item.account}\t{item.label or '—'}\t{_when(item.created_at)}"
            f"\t{expires}\t{used}"
        )


def _when(moment: datetime) -> str:
    """A moment in Vietnam's time with the zone said, day first as everywhere in binhdang."""
    from binhdang import formatting

    return formatting.moment(moment)


@token_app.command("revoke")
@cli_options()
def token_revoke(
    cli: Cli,
    value: Annotated[
        str | None,
        typer.Argument(
            help="Số thứ tự của mã (binhdang token list), mã, hoặc 10 ký tự đầu của mã / the token's id (binhdang token list), the token, or its first 10 characters"
        ),
    ] = None,
    user: Annotated[
        str | None,
        typer.Option(
            "--user", help="Thu hồi mọi mã của tài khoản này / revoke every token of this account"
        ),
    ] = None,
) -> None:
    """Thu hồi mã truy cập API / Revoke API tokens: one by its id, or all of an account's.

    Example: binhdang token revoke 7   (or: binhdang token revoke --user hoa)
    """
    from binhdang.accounts import audit
    from binhdang.accounts.service import require_account, revoke_account_tokens, revoke_token

    language = cli.lang
    if (value is None) == (user is None):
        raise BinhdangError.of("token.revoke_what")
    now = _now()
    with cli.writing() as connection:
        if user is not None:
            owner = require_account(connection, user)
            count = revoke_account_tokens(connection, owner.id, now=now)
            target, unit_code = owner.name, owner.unit_code
        else:
            count = revoke_token(connection, value or "", now=now)
            target, unit_code = (value or "")[:10], None
        if count == 0:
            raise BinhdangError.of("token.unknown", value=target)
        audit.record(
            connection,
            actor=None,
            actor_name="cli",
            action="token.revoke",
            now=now,
            unit_code=unit_code,
            target=target,
            detail={"count": count},
            address="cli",
        )
    out.print(text("token.revoked", language, count=count))
