"""One worker-thread hop per request: the route class of every router of the web layer.

FastAPI runs each plain (``def``) dependency in a worker thread of its own, then the plain
endpoint in another, then validates a plain endpoint's ``response_model`` in a third: the
staff page took 2–4 hops, an API call with ``Who`` 3. Each hop is a hand-over between the event
loop and a thread; on a loaded machine each one waits for its thread to be scheduled, and the
answers here are a few milliseconds of work (bench/RESULTS.md, areas web-warm and web-many).

:class:`OneHopRoute` keeps FastAPI's own resolution of parameters, of ``async`` dependencies
and of the dependency cache, and changes only *where* the plain callables run:

- each plain dependency (``page_account``, ``api_account``, the role checks, the query
  builders…) is called by FastAPI as an ``async`` stand-in that only records the call
  (:class:`Pending`), in the order FastAPI makes it;
- the endpoint runs in **one** worker thread that first makes the recorded calls, in that
  order (a pending value given to another is made first), then runs the endpoint body; an
  ``async`` endpoint is awaited after that one hop (none when nothing is pending);
- the response model is validated on the loop, as FastAPI does for ``async`` endpoints.

What each dependency checks and in which order is unchanged, so authentication and
authorisation are unchanged for every route: a request whose parameters FastAPI refuses
(422) first makes the recorded calls, so that a missing or refused sign-in is still answered
401 / the sign-in page before the 422, as when FastAPI ran them one by one.

The rule this needs, checked when a route is built (a ``TypeError`` at start-up): an ``async``
or generator (``yield``) dependency must not depend on a plain one (it would be handed a
:class:`Pending` rather than its value). Such a dependency is made plain, or split (see
``pages.form_data``).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from contextvars import ContextVar
from typing import Any

import fastapi.routing
from fastapi.dependencies.models import (
    Dependant,
    _is_async_gen_callable,
    _is_coroutine_callable,
    _is_gen_callable,
)
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response


class Pending:
    """A plain dependency's call, recorded on the event loop, made in the request's thread."""

    __slots__ = ("call", "kwargs", "made", "value")

    def __init__(self, call: Callable[..., Any], kwargs: dict[str, Any]) -> None:
        self.call, self.kwargs = call, kwargs
        self.made = False
        self.value: Any = None

    def make(self) -> Any:
        """The dependency's value: called once (its own pending arguments first)."""
        if not self.made:
            self.value = self.call(**{name: value_of(v) for name, v in self.kwargs.items()})
            self.made = True
        return self.value


def value_of(value: Any) -> Any:
    return value.make() if isinstance(value, Pending) else value


_PENDING: ContextVar[list[Pending]] = ContextVar("binhdang_pending_dependencies")
"""The calls recorded for the request being solved (set by the route's handler)."""

_STAND_INS: dict[Callable[..., Any], Callable[..., Any]] = {}
_ORIGINALS: dict[Callable[..., Any], Callable[..., Any]] = {}


def original(call: Callable[..., Any] | None) -> Callable[..., Any] | None:
    """The dependency a stand-in records (``call`` itself when it is none)."""
    return _ORIGINALS.get(call, call) if call is not None else None


def _is_async(call: Callable[..., Any]) -> bool:
    """Whether FastAPI awaits ``call`` (its own test, so that both agree)."""
    return _is_coroutine_callable(call)


def _is_generator(call: Callable[..., Any]) -> bool:
    return _is_gen_callable(call) or _is_async_gen_callable(call)


def _stand_in(call: Callable[..., Any]) -> Callable[..., Any]:
    """The ``async`` stand-in of a plain dependency: one per dependency, so that FastAPI's
    per-request cache (keyed by the callable) still calls it once."""
    found = _STAND_INS.get(call)
    if found is None:

        async def record(**kwargs: Any) -> Pending:
            pending = Pending(call, kwargs)
            _PENDING.get().append(pending)
            return pending

        # no __wrapped__: FastAPI would unwrap it and take the stand-in for a plain function
        record.__name__ = getattr(call, "__name__", "dependency")
        record.__qualname__ = getattr(call, "__qualname__", record.__name__)
        _STAND_INS[call] = found = record
        _ORIGINALS[record] = call
    return found


def _defer(dependant: Dependant, route: str) -> None:
    """Replace each plain dependency under ``dependant`` by its stand-in."""
    for sub in dependant.dependencies:
        call = sub.call
        if call is None or call in _ORIGINALS:
            continue
        if _is_async(call) or _is_generator(call):
            _refuse_plain_below(sub, call, route)
            continue
        _defer(sub, route)
        sub.call = _stand_in(call)


def _refuse_plain_below(dependant: Dependant, above: Callable[..., Any], route: str) -> None:
    for sub in dependant.dependencies:
        call = sub.call
        if call is None:
            continue
        if not (_is_async(call) or _is_generator(call)):
            raise TypeError(
                f"{route}: the async or generator dependency {above!r} depends on the plain "
                f"dependency {original(call)!r}; make the first plain too (binhdang.web.hops)"
            )
        _refuse_plain_below(sub, call, route)


def _one_hop_endpoint(endpoint: Callable[..., Any]) -> Callable[..., Any]:
    if _is_async(endpoint):

        async def awaited(**values: Any) -> Any:
            pending = _PENDING.get()
            if pending:
                await run_in_threadpool(_make_all, pending)
            return await endpoint(**{name: value_of(v) for name, v in values.items()})

        runner = awaited
    else:

        async def threaded(**values: Any) -> Any:
            pending = _PENDING.get()

            def work() -> Any:
                _make_all(pending)
                return endpoint(**{name: value_of(v) for name, v in values.items()})

            return await run_in_threadpool(work)

        runner = threaded
    runner.__name__ = getattr(endpoint, "__name__", "endpoint")
    runner.__qualname__ = getattr(endpoint, "__qualname__", runner.__name__)
    runner.__doc__ = endpoint.__doc__
    runner.__module__ = endpoint.__module__
    _ORIGINALS[runner] = endpoint
    return runner


def _make_all(pending: list[Pending]) -> None:
    for call in list(pending):  # in FastAPI's order; a failing check raises here, as before
        call.make()


def _route_state(route: APIRoute) -> Any:
    """The object whose ``dependant`` FastAPI is about to build a handler from: the route, or
    the copy FastAPI makes of it for each router it is included in."""
    context = getattr(fastapi.routing, "_effective_route_context_var", None)
    effective = context.get() if context is not None else None
    if effective is not None and getattr(effective, "original_route", None) is route:
        return effective
    return route


class OneHopRoute(APIRoute):
    """A FastAPI route whose plain dependencies and endpoint run in one worker thread."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        dependant: Dependant = _route_state(self).dependant
        endpoint = dependant.call
        eligible = (
            endpoint is not None and endpoint not in _ORIGINALS and not _is_generator(endpoint)
        )
        if eligible:
            assert endpoint is not None
            _defer(dependant, self.path)
            dependant.call = _one_hop_endpoint(endpoint)
        handler = super().get_route_handler()

        async def one_hop(request: Request) -> Response:
            token = _PENDING.set([])
            try:
                return await handler(request)
            except RequestValidationError:
                pending = _PENDING.get()
                if pending:  # the sign-in and role checks answer before the 422, as before
                    await run_in_threadpool(_make_all, pending)
                raise
            finally:
                _PENDING.reset(token)

        return one_hop
