"""The server's CPU per request at its floor: one ``binhdang serve`` process, one user on one
keep-alive connection, requests one after the other (issue 19, item 4: what a warm API answer
costs the server, without the queueing of many users).

The server runs as in production (``binhdang serve --workers 1``: uvicorn, its protocol and
loop) in a child process on the database given, which gets a viewer account and its API token
(use a copy). With ``--before SRC URL`` a second server runs other code (``PYTHONPATH=SRC``,
e.g. ``git archive`` of main) on its own copy, and the two are asked in turns, a block of
``--block`` requests each, so that both see the same shared machine. After ``--warm`` untimed
requests per path, each path is requested ``--requests`` times per server; printed per server
and path: the server's CPU (user + system, from /proc, summed over its blocks) and the client's
wall time per request (median of the blocks).

Usage: PYTHONPATH=src .venv/bin/python bench/web_request_cpu.py sqlite:////tmp/NAME/nat.db
       [--before /tmp/NAME/main/src sqlite:////tmp/NAME/nat-main.db] [--unit VN-28]
       [--as-of 2025-10-01] [--requests 3000] [--block 100]
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from web_load import Dataset, _free_port, credentials, server_cpu

from binhdang.accounts.permissions import Role


@dataclass
class Server:
    label: str
    process: subprocess.Popen[bytes]
    port: int
    connection: http.client.HTTPConnection
    token: str
    cpu: dict[str, float] = field(default_factory=dict)
    walls: dict[str, list[float]] = field(default_factory=dict)


def _token(url: str, unit: str) -> str:
    """A viewer account of ``unit`` and its API token (written into the database)."""
    dataset = Dataset("floor", url, unit, date.today(), 0)
    ((_, token),) = credentials(dataset, 1, Role.VIEWER, prefix=f"floor{time.time_ns()}")
    return token


def _start(label: str, url: str, unit: str, src: str | None) -> Server:
    token = _token(url, unit)  # with this process's code: the schema of the day
    port = _free_port()
    binary = Path(sys.executable).with_name("binhdang")
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = src
    process = subprocess.Popen(
        [str(binary), "serve", "--db", url, "--port", str(port), "--workers", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    return Server(label, process, port, _connect(port), token)


def _get(server: Server, path: str) -> None:
    headers = {"Authorization": f"Bearer {server.token}"}
    try:
        server.connection.request("GET", path, headers=headers)
        response = server.connection.getresponse()
    except (http.client.RemoteDisconnected, ConnectionError):
        # uvicorn closes a connection idle for 5 s (while the other server warmed up)
        server.connection.close()
        server.connection = _connect(server.port)
        server.connection.request("GET", path, headers=headers)
        response = server.connection.getresponse()
    response.read()
    assert response.status == 200, (server.label, path, response.status)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="database URL (a copy: an account and a token are added)")
    parser.add_argument("--before", nargs=2, metavar=("SRC", "URL"), help="other code, its copy")
    parser.add_argument("--unit", default="VN-28")
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2025, 10, 1))
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--block", type=int, default=100)
    parser.add_argument("--warm", type=int, default=3)
    args = parser.parse_args()
    paths = {
        "/healthz": "/healthz",
        "/api/v1/me": "/api/v1/me",
        f"indicators {args.unit}": f"/api/v1/indicators?unit={args.unit}&as_of={args.as_of}",
    }
    servers: list[Server] = []
    try:
        if args.before:
            servers.append(_start("before", args.before[1], args.unit, args.before[0]))
        servers.append(_start("this", args.url, args.unit, None))
        for server in servers:
            for path in paths.values():
                for _ in range(args.warm):
                    _get(server, path)
        load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
        for _ in range(max(1, args.requests // args.block)):
            for name, path in paths.items():
                for server in servers:
                    cpu, wall = server_cpu(server.process.pid), time.perf_counter()
                    for _ in range(args.block):
                        _get(server, path)
                    wall = (time.perf_counter() - wall) / args.block * 1000
                    cpu = server_cpu(server.process.pid) - cpu
                    server.cpu[name] = server.cpu.get(name, 0.0) + cpu
                    server.walls.setdefault(name, []).append(wall)
        print(f"load before: {load}; after: {', '.join(f'{v:.1f}' for v in os.getloadavg())}")
        for name in paths:
            for server in servers:
                count = len(server.walls[name]) * args.block
                cpu = server.cpu[name] * 1000 / count
                wall = statistics.median(server.walls[name])
                print(
                    f"{name} [{server.label}]: server CPU {cpu:.3f} ms/req, "
                    f"wall {wall:.3f} ms/req (median of {len(server.walls[name])} blocks)"
                )
    finally:
        for server in servers:
            server.process.terminate()
            server.process.wait(timeout=20)


def _connect(port: int) -> http.client.HTTPConnection:
    deadline = time.monotonic() + 120
    while True:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            connection.request("GET", "/healthz")
            connection.getresponse().read()
            return connection
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


if __name__ == "__main__":
    main()
