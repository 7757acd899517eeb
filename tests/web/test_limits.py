"""A request body is capped, and one that needs a signed-in user is refused before it is read.

The ASGI tests hand the application a ``receive`` that counts the chunks it gives (and would
give forever): the answer must come with none of the body read, or with just over the limit.
The last test does the same over a real socket to a real server.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from sqlalchemy import Engine

from tests.web.conftest import Site, csrf_from, open_site, seed, serving, sign_in

MB = 1024 * 1024
SECURITY_HEADERS = ("content-security-policy", "x-content-type-options", "x-frame-options")


@pytest.fixture
def small_cap(db_url: str, engine: Engine, tmp_path: Path) -> Iterator[Site]:
    """The site with a body cap of 1 MB (and the default upload limit above it)."""
    yield from open_site(db_url, engine, tmp_path, passwords=("admin",), max_body_bytes=MB)


def call(
    app: FastAPI, method: str, path: str, headers: dict[str, str], chunk: int = 64 * 1024
) -> tuple[int, dict[str, str], bytes, int]:
    """Send a request whose body never ends (a file field of a form, endless); the status,
    headers, body of the answer and how many chunks of the request body the application read."""
    read = 0

    async def receive() -> dict[str, object]:
        nonlocal read
        read += 1
        body = FILE_PART + b"x" * (chunk - len(FILE_PART)) if read == 1 else b"x" * chunk
        return {"type": "http.request", "body": body, "more_body": True}

    answer: dict[str, object] = {"body": b""}

    async def send(message: dict[str, object]) -> None:
        if message["type"] == "http.response.start":
            answer["status"] = message["status"]
            answer["headers"] = {k.decode(): v.decode() for k, v in message["headers"]}  # type: ignore[attr-defined]
        elif message["type"] == "http.response.body":
            answer["body"] += message.get("body", b"")  # type: ignore[operator]

    path, _, query = path.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": query.encode(),
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
    }
    asyncio.run(app(scope, receive, send))  # type: ignore[arg-type]
    return answer["status"], answer["headers"], answer["body"], read  # type: ignore[return-value]


MULTIPART = "multipart/form-data; boundary=----binhdang"
FILE_PART = (
    b'------binhdang\r\nContent-Disposition: form-data; name="file"; filename="ds.csv"\r\n'
    b"Content-Type: text/csv\r\n\r\n"
)


def test_an_unauthenticated_upload_is_refused_before_its_body_is_read(site: Site) -> None:
    app = site.client.app
    declared = {"content-type": MULTIPART, "content-length": str(200 * MB)}
    status, headers, body, read = call(
        app, "POST", "/api/v1/imports/staff?as_of=2022-10-01", declared
    )  # type: ignore[arg-type]
    assert (status, read) == (401, 0)
    assert b'"auth.required"' in body and headers["www-authenticate"] == "Bearer"
    assert all(name in headers for name in SECURITY_HEADERS)
    chunked = {"content-type": MULTIPART, "transfer-encoding": "chunked"}
    status, headers, _, read = call(app, "POST", "/import", chunked)  # type: ignore[arg-type]
    assert (status, read) == (303, 0) and headers["location"].startswith("/sign-in")
    wrong = {**declared, "authorization": "Bearer not-a-token", "cookie": "bd_session=forged"}
    assert call(app, "POST", "/api/v1/imports/staff", wrong)[::3] == (401, 0)  # type: ignore[arg-type]


def test_a_signed_in_upload_over_the_limit_is_refused_unread(site: Site) -> None:
    declared = {"content-type": MULTIPART, "content-length": str(26 * MB), **site.auth("editor")}
    status, headers, body, read = call(
        site.client.app, "POST", "/api/v1/imports/staff?as_of=2022-10-01", declared
    )  # type: ignore[arg-type]
    assert (status, read) == (413, 0)
    assert b'"web.body_too_large"' in body and b"25 MB" in body
    assert all(name in headers for name in SECURITY_HEADERS)


def test_a_chunked_body_is_counted_and_cut_at_the_limit(small_cap: Site) -> None:
    chunked = {
        "content-type": MULTIPART,
        "transfer-encoding": "chunked",
        **small_cap.auth("editor"),
    }
    status, headers, body, read = call(
        small_cap.client.app, "POST", "/api/v1/imports/staff?as_of=2022-10-01", chunked
    )  # type: ignore[arg-type]
    assert status == 413 and read == 17  # 1 MB in chunks of 64 KB, and the one past it
    assert b'"web.body_too_large"' in body and all(name in headers for name in SECURITY_HEADERS)


def test_the_limit_applies_to_pages_with_the_error_page(small_cap: Site) -> None:
    sign_in(small_cap.client, "admin")
    token = csrf_from(small_cap.client.get("/import").text)
    big = b"x" * (2 * MB)
    answer = small_cap.client.post(
        "/import",
        data={"csrf_token": token, "kind": "staff", "as_of": "2022-10-01"},
        files={"file": ("ds.csv", big)},
    )
    assert answer.status_code == 413 and "<html" in answer.text
    assert "1 MB" in answer.text and "BINHDANG_MAX_BODY_MB" in answer.text
    assert all(name in answer.headers for name in SECURITY_HEADERS)
    pieces = (FILE_PART + big[i : i + MB] for i in range(0, len(big), MB))
    english = small_cap.client.post(
        "/api/v1/imports/staff?as_of=2022-10-01&lang=en",
        content=pieces,
        headers={"content-type": MULTIPART, **small_cap.auth("admin")},
    )
    assert english.status_code == 413  # sent chunked: counted, then refused
    assert english.json()["error"]["message"].startswith("The request is too large")
    assert small_cap.client.get("/import").status_code == 200  # and the server goes on


def test_a_body_within_the_limit_still_reaches_its_route(small_cap: Site, tmp_path: Path) -> None:
    from tests.factories import STAFF_HEADER, staff_row, write_table

    path = write_table(tmp_path / "s.csv", STAFF_HEADER, [staff_row("P9", unit="A")])
    with path.open("rb") as handle:
        answer = small_cap.client.post(
            "/api/v1/imports/staff?as_of=2023-10-01",
            files={"file": ("s.csv", handle)},
            headers=small_cap.auth("editor"),
        )
    assert answer.status_code == 200, answer.text
    signed_out = small_cap.client.post("/sign-in", data={"name": "x", "password": "y"})
    assert signed_out.status_code != 413  # public forms are only capped


def test_a_real_server_answers_401_while_the_client_is_still_sending(
    db_url: str, engine: Engine, tmp_path: Path
) -> None:
    seed(engine, tmp_path)
    with serving(db_url, tmp_path) as server:
        host, port = server.url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=20) as connection:
            connection.sendall(
                b"POST /api/v1/imports/staff?as_of=2022-10-01 HTTP/1.1\r\n"
                b"Host: test\r\nContent-Type: " + MULTIPART.encode() + b"\r\n"
                b"Content-Length: %d\r\n\r\n" % (200 * MB)
            )
            connection.sendall(b"x" * MB)  # 1 MB of the 200 announced, then listen
            answer = connection.recv(65536)
        assert answer.startswith(b"HTTP/1.1 401"), answer[:200]
        assert b"content-security-policy" in answer.lower()


def test_the_import_page_says_it_is_checking_while_an_upload_is_checked(pages: Site) -> None:
    sign_in(pages.client, "admin")
    page = pages.client.get("/import").text
    assert 'data-upload-status="upload-status"' in page
    assert 'id="upload-status" class="status" role="status" aria-live="polite"' in page
    assert 'data-message="Đang tải lên và kiểm tra tệp' in page
    assert '<script src="/static/upload.js" defer></script>' in page
    script = pages.client.get("/static/upload.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert "dataset.message" in script.text  # the text comes from the page, in its language
