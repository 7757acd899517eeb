"""Warm answers of ``binhdang serve`` (issue 19, item 4): every connection without Nagle's
delay whatever the number of workers, the staff page's cut and its unit picker kept while the
data is unchanged and renewed by a write. Both engines where data is involved."""

from __future__ import annotations

import http.client
import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from sqlalchemy import select, update
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from binhdang.store.tables import unit, unit_version
from binhdang.store.writes import write_transaction
from binhdang.web import server
from tests.web.conftest import AS_OF, Site, sign_in


async def _hello(scope, receive, send) -> None:  # type: ignore[no-untyped-def]
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"hello"})


@contextmanager
def _served(protocol: object, loop: str) -> Iterator[tuple[uvicorn.Server, int]]:
    """A server on a socket bound as uvicorn binds it for ``--workers N``: ``socket(AF_INET)``,
    whose protocol number is 0 (asyncio then leaves Nagle's algorithm on)."""
    listening = socket.socket(socket.AF_INET)
    listening.bind(("127.0.0.1", 0))
    port = listening.getsockname()[1]
    config = uvicorn.Config(
        _hello,
        http=protocol,  # type: ignore[arg-type]
        loop=loop,  # type: ignore[arg-type]
        log_level="warning",
        lifespan="off",
    )
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, kwargs={"sockets": [listening]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.02)
    try:
        yield running, port
    finally:
        running.should_exit = True
        thread.join(timeout=10)
        listening.close()


def _no_delay_on_server_side(protocol: object, loop: str = "asyncio") -> list[int]:
    with _served(protocol, loop) as (running, port):
        client = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        client.request("GET", "/")
        assert client.getresponse().read() == b"hello"
        found = [
            c.transport.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
            for c in running.server_state.connections
        ]
        client.close()
    return found


def test_connections_have_no_nagle_delay_with_several_workers() -> None:
    """The small answer's body is not held back behind its head (40 ms of delayed ACK):
    with the protocol ``binhdang serve`` uses (httptools) and its fallback (h11), on asyncio's
    loop (which leaves Nagle on for these sockets) and on uvloop."""
    assert _no_delay_on_server_side(H11Protocol) == [0]  # uvicorn's own on asyncio: Nagle on
    assert _no_delay_on_server_side(HttpToolsProtocol) == [0]
    assert server.PROTOCOL == server.HTTPTOOLS and server.LOOP == "uvloop"
    for protocol in (server.HTTPTOOLS, server.H11):
        for loop in ("asyncio", "uvloop"):
            assert [bool(v) for v in _no_delay_on_server_side(protocol, loop)] == [True]


def test_serve_gives_uvicorn_the_protocol(
    site: Site,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    """``binhdang serve`` with one worker and with several (uvicorn not started here)."""
    from binhdang.settings import DATABASE_URL
    from binhdang.web.config import SECRET_KEY, UPLOAD_DIR
    from tests.helpers import run_cli

    calls: list[dict[str, object]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append(options))
    url = site.settings.database_url
    monkeypatch.setenv(DATABASE_URL.env, url)  # serve sets them for its workers: restored
    monkeypatch.setenv(SECRET_KEY.env, "test-secret-key")
    monkeypatch.setenv(UPLOAD_DIR.env, str(tmp_path / "uploads"))
    for workers in ("1", "2"):
        assert run_cli(capsys, "serve", "--db", url, "--workers", workers).code == 0
    assert [(c["http"], c["loop"]) for c in calls] == [(server.PROTOCOL, server.LOOP)] * 2


@pytest.mark.parametrize("sort", ["unit", "-unit"])
@pytest.mark.parametrize("sex", [None, "F"])
def test_pages_by_unit_within_a_unit_are_its_list_cut_in_order(
    site: Site, sort: str, sex: str | None
) -> None:
    """A page by unit names only the units it falls in, not the whole scope: cut one row at a
    time, the pages are still the scope's list (filtered), in order, and nothing outside."""
    from binhdang.web.staff import StaffFilter, search_staff

    with site.engine.connect() as connection:
        ids = {code: i for code, i in connection.execute(select(unit.c.code, unit.c.id)).tuples()}
        scope = [ids["A"], ids["A1"], ids["ROOT"]]  # not B: P3 and P5 are out
        whole, total = search_staff(
            connection, StaffFilter(AS_OF, scope, sex=sex, sort=sort, per_page=1000)
        )
        cut = []
        for number in range(1, total + 2):
            rows, counted = search_staff(
                connection, StaffFilter(AS_OF, scope, sex=sex, sort=sort, page=number, per_page=1)
            )
            assert counted == total
            cut += rows
    expected = {"P1"} if sex == "F" else {"P1", "P2", "P4"}
    assert [r.staff_code for r in cut] == [r.staff_code for r in whole]
    assert {r.staff_code for r in whole} == expected and total == len(expected)


def _picker(html: str) -> dict[str, tuple[str, bool]]:
    found = re.findall(r'<option value="([^"]+)" data-name="([^"]*)"[^>]*?( selected)?>', html)
    return {code: (name, bool(chosen)) for code, name, chosen in found}


def test_the_unit_picker_follows_the_unit_chosen_and_a_rename(pages: Site) -> None:
    client = pages.client
    assert sign_in(client, "admin").status_code == 303
    day = AS_OF.isoformat()
    first = _picker(client.get(f"/staff?unit=A&as_of={day}").text)
    assert first["A"] == ("Phòng A", True) and not first["ROOT"][1]
    again = _picker(client.get(f"/staff?unit=B&as_of={day}").text)
    assert again["B"][1] and not again["A"][1]
    with write_transaction(pages.engine) as connection:  # another writer renames A
        a = connection.execute(select(unit.c.id).where(unit.c.code == "A")).scalar_one()
        connection.execute(
            update(unit_version).where(unit_version.c.unit_id == a).values(name="Phòng Mới")
        )
    renamed = _picker(client.get(f"/staff?unit=A&as_of={day}").text)
    assert renamed["A"] == ("Phòng Mới", True)
