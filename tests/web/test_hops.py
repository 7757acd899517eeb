"""One worker-thread hop per request (binhdang.web.hops): the shared sign-in and role checks
and the endpoint run in the same thread, for the API and the pages, with the same answers to
those not signed in or not allowed, in the same order as FastAPI's one-by-one resolution."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import anyio.to_thread
import pytest
from fastapi import APIRouter, Depends, FastAPI, Query
from fastapi.testclient import TestClient

from binhdang.web import hops
from tests.web.conftest import AS_OF, Site, sign_in


@contextmanager
def _hops(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The names of the callables handed to a worker thread while the block runs."""
    handed: list[str] = []
    real = anyio.to_thread.run_sync

    async def counted(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        handed.append(getattr(func, "__qualname__", repr(func)))
        return await real(func, *args, **kwargs)

    monkeypatch.setattr(anyio.to_thread, "run_sync", counted)
    try:
        yield handed
    finally:
        monkeypatch.setattr(anyio.to_thread, "run_sync", real)


API_GETS = [
    "/api/v1/me",
    "/api/v1/units",
    "/api/v1/units/A",
    f"/api/v1/indicators?unit=ROOT&as_of={AS_OF.isoformat()}",
    "/api/v1/persons?unit=A",
    "/api/v1/persons/P1",
    "/api/v1/audit",
]


@pytest.mark.parametrize("path", API_GETS)
def test_an_api_call_takes_one_thread_hop(
    site: Site, monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    """The caller's token, its role and the answer: one thread (FastAPI alone took three
    for a plain endpoint with ``Who`` and a response model)."""
    with _hops(monkeypatch) as handed:
        answer = site.client.get(path, headers=site.auth("admin"))
    assert answer.status_code == 200, answer.text
    assert len(handed) == 1, handed


@pytest.mark.parametrize("path", ["/", "/staff?unit=A", "/staff/P1", "/audit", "/users"])
def test_a_page_takes_one_thread_hop(
    pages: Site, monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    assert sign_in(pages.client, "admin").status_code == 303
    with _hops(monkeypatch) as handed:
        answer = pages.client.get(path)
    assert answer.status_code == 200, answer.text
    assert len(handed) == 1, handed


def test_who_is_asked_before_the_parameters_are_judged(site: Site) -> None:
    """A refused sign-in still answers 401 (the page: the sign-in redirect) before a bad
    parameter's 422, as when FastAPI ran the check first in its own thread."""
    bad = "/api/v1/persons?unit=A&page=0"
    assert site.client.get(bad, headers=site.auth("admin")).status_code == 422
    assert site.client.get(bad).status_code == 401
    assert site.client.get(bad, headers={"Authorization": "Bearer wrong"}).status_code == 401
    viewer = site.client.get(bad, headers=site.auth("viewer"))
    assert viewer.status_code == 422  # the role is the endpoint's to judge, after its input
    page = site.client.get("/staff?page=0", follow_redirects=False)
    assert page.status_code == 303 and "/sign-in" in page.headers["location"]


def test_the_role_and_the_unit_are_still_checked(site: Site) -> None:
    """Outside one's units, or a role without the right: refused as before."""
    assert site.client.get("/api/v1/units/B", headers=site.auth("editor_a")).status_code == 403
    assert site.client.get("/api/v1/persons/P3", headers=site.auth("viewer")).status_code == 403
    assert site.client.get("/api/v1/audit", headers=site.auth("editor")).status_code == 403


def test_the_pages_role_is_still_checked(pages: Site) -> None:
    assert sign_in(pages.client, "viewer_a").status_code == 303
    assert pages.client.get("/staff").status_code == 403
    assert pages.client.get("/audit").status_code == 403


def _plain() -> int:
    return 1


async def _on_loop(value: Annotated[int, Depends(_plain)]) -> int:
    return value


def test_an_async_dependency_on_a_plain_one_is_refused_at_start_up() -> None:
    """It would be handed the recorded call rather than its value: the route is not built."""
    router = APIRouter(route_class=hops.OneHopRoute)
    with pytest.raises(TypeError, match="_on_loop"):

        @router.get("/x")
        def endpoint(value: Annotated[int, Depends(_on_loop)]) -> int:
            return value


CALLS: list[str] = []


def _first(q: Annotated[int, Query()]) -> int:
    CALLS.append("first")
    return q * 10


def _second(value: Annotated[int, Depends(_first)]) -> int:
    CALLS.append("second")
    return value + 1


async def _loop_side() -> str:
    return "loop"


def _endpoint(
    a: Annotated[int, Depends(_first)],
    b: Annotated[int, Depends(_second)],
    c: Annotated[str, Depends(_loop_side)],
) -> dict[str, Any]:
    return {"a": a, "b": b, "c": c}


def test_plain_dependencies_are_called_once_in_order_with_their_values() -> None:
    """FastAPI's cache still calls a dependency used twice once; a dependency's own plain
    dependency is made first; query parameters reach each; an async one stays on the loop."""
    router = APIRouter(route_class=hops.OneHopRoute)
    router.get("/x")(_endpoint)
    app = FastAPI()
    app.include_router(router)
    CALLS.clear()
    with TestClient(app) as client:
        assert client.get("/x?q=4").json() == {"a": 40, "b": 41, "c": "loop"}
        assert CALLS == ["first", "second"]
        assert client.get("/x").status_code == 422
