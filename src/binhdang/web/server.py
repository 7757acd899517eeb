"""What ``binhdang serve`` gives uvicorn beyond the application: the HTTP protocol with
``TCP_NODELAY`` on every connection.

With ``--workers N`` (N > 1) uvicorn binds the listening socket itself, without naming the
protocol (``socket.socket(AF_INET)``, protocol number 0), and asyncio switches Nagle's
algorithm off only on sockets whose protocol number is TCP: the accepted connections keep
Nagle on. A response is written in two sends (the head, then the body), so for a small body
the second waits for the client's ACK of the first, which a keep-alive client delays by up to
40 ms (delayed ACK): a 44 KB province set took 50 ms instead of 3. With ``--workers 1`` uvicorn
lets asyncio create the socket (protocol TCP) and the connections have ``TCP_NODELAY``
already; this protocol sets it in both cases.
"""

from __future__ import annotations

import asyncio
import socket

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
    """uvicorn's h11 HTTP protocol, each connection with ``TCP_NODELAY``."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        no_delay(transport)
        super().connection_made(transport)


PROTOCOL = f"{__name__}:NoDelayH11"
"""The value of uvicorn's ``http`` option (a string, so that the CLI imports nothing)."""
