"""CPU per request of the staff list (page and API), in process, on a copy of a national
dataset: the check that one data function per list (issue 16, item 5) costs nothing.

The app runs in this process behind Starlette's TestClient, signed in as an editor of the
province; after one untimed request per path, each path is requested ``--requests`` times and
the process CPU time (user+sys, client included) and the wall time per request are printed.
The database is the file given (write a copy: an account and a session are added to it).

Usage: .venv/bin/python bench/web_list_cpu.py /tmp/NAME/nat.db [--unit VN-28]
       [--as-of 2025-10-01] [--requests 30]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient

from binhdang.accounts.permissions import Role
from binhdang.accounts.service import create_account, create_session
from binhdang.store import database
from binhdang.web.app import create_app
from binhdang.web.config import WebSettings
from binhdang.web.security import SESSION_COOKIE


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path, help="a copy of the national dataset (it is written)")
    parser.add_argument("--unit", default="VN-28")
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2025, 10, 1))
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    url = f"sqlite:///{args.db}"
    engine = database.create(url)
    now = datetime.now(UTC)
    with engine.begin() as connection:
        account = create_account(
            connection,
            name=f"cpubench{time.time_ns()}",
            role=Role.EDITOR,
            unit_code=args.unit,
            password=None,
            now=now,
        )
        session = create_session(connection, account.id, now=now, lifetime=timedelta(hours=2))
    engine.dispose()
    asked = f"unit={args.unit}&as_of={args.as_of.isoformat()}"
    paths = {
        "page 1 (by unit)": f"/staff?{asked}",
        "page 700 (by unit)": f"/staff?{asked}&page=700",
        "page 1 (by name)": f"/staff?{asked}&sort=name",
        "page 700 (by name)": f"/staff?{asked}&sort=name&page=700",
        "API page 700": f"/api/v1/persons?{asked}&page=700",
    }
    with tempfile.TemporaryDirectory() as folder:
        settings = WebSettings(database_url=url, secret_key="bench", upload_dir=Path(folder))
        with TestClient(create_app(settings)) as client:
            client.cookies.set(SESSION_COOKIE, session)
            for path in paths.values():
                assert client.get(path).status_code == 200, path
            for name, path in paths.items():
                cpu, wall = time.process_time(), time.perf_counter()
                for _ in range(args.requests):
                    client.get(path)
                cpu = (time.process_time() - cpu) / args.requests * 1000
                wall = (time.perf_counter() - wall) / args.requests * 1000
                print(f"{name}: CPU {cpu:.1f} ms, wall {wall:.1f} ms", flush=True)


if __name__ == "__main__":
    main()
