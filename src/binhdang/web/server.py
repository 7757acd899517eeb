"""What ``binhdang serve`` gives uvicorn beyond the application: the HTTP protocol and the
event loop, with ``TCP_NODELAY`` on every connection.

**The parser and the loop.** uvicorn's ``httptools`` protocol (the C parser of Node.js's
llhttp) and ``uvloop`` (an event loop on libuv) cost less CPU per request than the pure-Python
``h11`` protocol on asyncio's own loop: on the warm indicator sets the server's CPU per request
fell from 1.2–2.9 ms to the figures in ``bench/RESULTS.md`` (area ``web-warm``). Both are
dependencies of binhdang; when one cannot be imported (a platform without wheels),
:func:`uvicorn_options` falls back to ``h11`` / asyncio, with the same ``TCP_NODELAY``.

**Nagle's algorithm.** With ``--workers N`` (N > 1) uvicorn binds the listening socket itself,
without naming the protocol (``socket.socket(AF_INET)``, protocol number 0), and asyncio's own
loop switches Nagle's algorithm off only on sockets whose protocol number is TCP: the accepted
connections keep Nagle on. A response is written in two sends (the head, then the body), so
for a small body the second waits for the client's ACK of the first, which a keep-alive client
delays by up to 40 ms (delayed ACK): a 44 KB province set took 50 ms instead of 3. uvloop sets
``TCP_NODELAY`` on every TCP connection; the protocols below set it themselves as well, so
that the behaviour does not hang on the loop chosen.
"""

from __future__ import annotations

import asyncio
import importlib.util
import socket
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol


def no_delay(transport: asyncio.BaseTransport) -> bool:
    """Switch Nagle's algorithm off on a TCP transport's socket; False if it is not TCP."""
    sock = transport.get_extra_info("socket")
    if sock is None or sock.family not in (socket.AF_INET, socket.AF_INET6):
        return False
    try:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    except OSError:  # the connection is already gone: nothing to speed up
        return False
    return True


class NoDelayH11(H11Protocol):
    """uvicorn's h11 HTTP protocol, each connection with ``TCP_NODELAY`` (the fallback)."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        no_delay(transport)
        super().connection_made(transport)


HAS_HTTPTOOLS = importlib.util.find_spec("httptools") is not None
HAS_UVLOOP = importlib.util.find_spec("uvloop") is not None

if HAS_HTTPTOOLS:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    class NoDelayHttpTools(HttpToolsProtocol):
        """uvicorn's httptools HTTP protocol, each connection with ``TCP_NODELAY``."""

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            no_delay(transport)
            super().connection_made(transport)


H11 = f"{__name__}:NoDelayH11"
HTTPTOOLS = f"{__name__}:NoDelayHttpTools"
PROTOCOL = HTTPTOOLS if HAS_HTTPTOOLS else H11
"""The value of uvicorn's ``http`` option (a string: uvicorn imports it in each worker)."""
LOOP = "uvloop" if HAS_UVLOOP else "asyncio"
"""The value of uvicorn's ``loop`` option."""


def uvicorn_options() -> dict[str, Any]:
    """The protocol and the loop ``binhdang serve`` runs uvicorn with."""
    return {"http": PROTOCOL, "loop": LOOP}
