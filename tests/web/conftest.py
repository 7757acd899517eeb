"""Fixtures of the web tests: an application on a small seeded database (both engines), and a
demo database served by a real uvicorn in a thread for the browser tests (both engines: the
demo is built once per engine per session, on PostgreSQL in a schema of its own)."""

from __future__ import annotations

import contextlib
import functools
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import uvicorn
from fastapi.testclient import TestClient
from sqlalchemy import Engine, update

from binhdang.accounts.passwords import hash_password
from binhdang.accounts.permissions import Role
from binhdang.accounts.service import create_account, create_token
from binhdang.accounts.tables import account as account_table
from binhdang.web.app import create_app
from binhdang.web.config import WebSettings
from tests.conftest import BACKENDS, pg_schema
from tests.factories import SMALL_TREE, STAFF_HEADER, UNIT_HEADER, staff_row, write_table
from tests.imports import import_staff, import_units

PASSWORD = "mat-khau-thu-nghiem"
ARTIFACTS = Path(__file__).parents[1] / "artifacts"  # the browser tests' screenshots
AS_OF = date(2022, 10, 1)

# ROOT ─┬─ A ── A1
#       └─ B
STAFF = [
    staff_row("P1", name="Nguyễn Thị Hoa", sex="Nữ", unit="A", position="Trưởng phòng",
              level="Cấp trưởng"),
    staff_row("P2", name="Trần Văn Nam", sex="Nam", unit="A1"),
    staff_row("P3", name="Lê Thị Hồng", sex="Nữ", unit="B", ethnicity="Tày"),
    staff_row("P4", name="Phạm Đức Anh", sex="Nam", unit="ROOT", position="Giám đốc",
              level="Cấp trưởng"),
    staff_row("P5", name="Đặng Thị Ngọc Ánh", sex="Nữ", unit="B", category="Công chức"),
]  # fmt: skip

ACCOUNTS = {
    "admin": (Role.ADMIN, "ROOT"),
    "editor": (Role.EDITOR, "ROOT"),
    "viewer": (Role.VIEWER, "ROOT"),
    "editor_a": (Role.EDITOR, "A"),
    "viewer_a": (Role.VIEWER, "A"),
    "admin_b": (Role.ADMIN, "B"),
}


@functools.cache
def password_hash() -> str:
    return hash_password(PASSWORD)


def seed(engine: Engine, folder: Path, passwords: tuple[str, ...] = ()) -> dict[str, str]:
    """The small tree, its staff on 01/10/2022, the accounts; returns an API token per account.

    Only the accounts named in ``passwords`` get one (Argon2 is slow on purpose)."""
    units = write_table(folder / "units.csv", UNIT_HEADER, SMALL_TREE)
    staff = write_table(folder / "staff.csv", STAFF_HEADER, STAFF)
    import_units(engine, units)
    import_staff(engine, staff, AS_OF)
    tokens = {}
    now = datetime.now(UTC)
    with engine.begin() as connection:
        for name, (role, unit) in ACCOUNTS.items():
            account = create_account(
                connection, name=name, role=role, unit_code=unit, password=None, now=now
            )
            if name in passwords:  # the same Argon2 hash for all: hashing is slow on purpose
                connection.execute(
                    update(account_table)
                    .where(account_table.c.id == account.id)
                    .values(password_hash=password_hash())
                )
            tokens[name] = create_token(connection, account.id, now=now)
    return tokens


@dataclass
class Site:
    client: TestClient
    tokens: dict[str, str]
    engine: Engine
    settings: WebSettings

    def auth(self, name: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[name]}"}


def make_settings(db_url: str, tmp_path: Path, **overrides: object) -> WebSettings:
    return WebSettings(
        database_url=db_url,
        secret_key="test-secret-key",
        upload_dir=tmp_path / "uploads",
        **overrides,
    )  # type: ignore[arg-type]


def open_site(
    db_url: str,
    engine: Engine,
    tmp_path: Path,
    passwords: tuple[str, ...] = (),
    **overrides: object,
) -> Iterator[Site]:
    tokens = seed(engine, tmp_path, passwords)
    settings = make_settings(db_url, tmp_path, **overrides)
    app = create_app(settings)
    with TestClient(app) as client:
        yield Site(client, tokens, app.state.engine, settings)
    app.state.engine.dispose()


@pytest.fixture
def site(db_url: str, engine: Engine, tmp_path: Path) -> Iterator[Site]:
    """The API on the seeded database (accounts with API tokens, no passwords)."""
    yield from open_site(db_url, engine, tmp_path)


@pytest.fixture
def pages(db_url: str, engine: Engine, tmp_path: Path) -> Iterator[Site]:
    """The site with three accounts that sign in with ``PASSWORD``: admin, viewer_a, editor_a."""
    yield from open_site(db_url, engine, tmp_path, passwords=("admin", "viewer_a", "editor_a"))


def csrf_from(html: str) -> str:
    marker = 'name="csrf_token" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


def sign_in(client: TestClient, name: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    page = client.get("/sign-in")
    return client.post(
        "/sign-in",
        data={"name": name, "password": password, "csrf_token": csrf_from(page.text), "next": "/"},
        follow_redirects=False,
    )


# --- a real server on the demo database, for the browser -----------------------------------

DEMO_ACCOUNTS = {
    "admin": (Role.ADMIN, "BHXH_QT"),
    "viewer_camlo": (Role.VIEWER, "QT_CAMLO"),
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class LiveServer:
    url: str
    db_url: str
    folder: Path
    backend: str = "sqlite"

    def artifact(self, name: str) -> Path:
        """Where the screenshot ``name`` goes: tests/artifacts/, the PostgreSQL run's under a
        name of its own (``web-dashboard-postgresql.png``) so that both engines' are kept."""
        path = Path(name)
        if self.backend != "sqlite":
            path = path.with_name(f"{path.stem}-{self.backend}{path.suffix}")
        return ARTIFACTS / path


def build_demo(folder: Path, url: str | None = None) -> str:
    """The demo office at ``url`` (by default an SQLite file in ``folder``; its lists are
    written into ``folder``) with the accounts of ``DEMO_ACCOUNTS``; its URL."""
    from binhdang.demo.run import build
    from binhdang.store import database

    url = url or f"sqlite:///{folder / 'demo.db'}"
    build(url, folder / "lists")
    engine = database.create(url)
    with engine.begin() as connection:
        for name, (role, unit) in DEMO_ACCOUNTS.items():
            account = create_account(
                connection,
                name=name,
                role=role,
                unit_code=unit,
                password=None,
                now=datetime.now(UTC),
            )
            connection.execute(
                update(account_table)
                .where(account_table.c.id == account.id)
                .values(password_hash=password_hash())
            )
    engine.dispose()
    return url


@contextlib.contextmanager
def demo_served(backend: str, folder: Path) -> Iterator[LiveServer]:
    """The demo built on ``backend`` (PostgreSQL: a fresh schema, dropped afterwards) and
    served."""
    with contextlib.ExitStack() as stack:
        url = stack.enter_context(pg_schema("bd_demo")) if backend == "postgresql" else None
        url = build_demo(folder, url)
        yield stack.enter_context(serving(url, folder, backend))


@contextlib.contextmanager
def serving(url: str, folder: Path, backend: str = "sqlite") -> Iterator[LiveServer]:
    """``create_app`` on ``url`` served by uvicorn in a thread on a free port."""
    settings = WebSettings(database_url=url, upload_dir=folder / "uploads")
    app = create_app(settings)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield LiveServer(f"http://127.0.0.1:{port}", url, folder, backend)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        app.state.engine.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
def live_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    """The demo, served for the whole session on each engine (tests must not change its
    data). A test that needs one engine only says so with
    ``@pytest.mark.parametrize("live_server", ["sqlite"], indirect=True)``."""
    folder = tmp_path_factory.mktemp(f"demo-{request.param}")
    with demo_served(request.param, folder) as server:
        yield server


@pytest.fixture(params=BACKENDS)
def fresh_server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LiveServer]:
    """The demo, served for one test that changes its data, on each engine."""
    with demo_served(request.param, tmp_path) as server:
        yield server
