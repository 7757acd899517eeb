"""The data version (issue 16, item 5): every committed write transaction increases it, and
the web cache keys on it, so an UPDATE is seen as surely as an INSERT — by this process and by
another one's next request. On SQLite and PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from sqlalchemy import Connection, Engine, insert, select, update

from binhdang.store import database
from binhdang.store.tables import unit, unit_version
from binhdang.store.writes import bump_data_version, data_version, write_transaction
from binhdang.web import cache

ON = date(2024, 1, 1)


def _version(engine: Engine) -> int:
    with engine.connect() as connection:
        return data_version(connection)


def _add_unit(engine: Engine, name: str = "Phòng A") -> int:
    with write_transaction(engine) as connection:
        unit_id = connection.execute(insert(unit).values(code="A")).inserted_primary_key[0]
        connection.execute(
            insert(unit_version).values(unit_id=unit_id, name=name, valid_from=date(2020, 1, 1))
        )
    return int(unit_id)


def _name_in_cache(connection: Connection, unit_id: int) -> str:
    node = cache.tree(connection, ON).nodes[unit_id]
    return node.name


def test_every_committed_write_transaction_increases_the_version(engine: Engine) -> None:
    before = _version(engine)
    with write_transaction(engine):
        pass
    assert _version(engine) == before + 1
    with write_transaction(engine, commit=False):  # a preview: undone, nothing changed
        pass
    assert _version(engine) == before + 1
    with pytest.raises(ZeroDivisionError), write_transaction(engine):
        _ = 1 / 0
    assert _version(engine) == before + 1  # a failed write: rolled back, version and all


def test_a_restore_sets_the_version_past_every_earlier_one(engine: Engine) -> None:
    with write_transaction(engine, bump=False) as connection:
        bump_data_version(connection, at_least=1_700_000_000_000_000)
    assert _version(engine) == 1_700_000_000_000_000
    with write_transaction(engine):
        pass
    assert _version(engine) == 1_700_000_000_000_001
    with write_transaction(engine, bump=False) as connection:
        bump_data_version(connection, at_least=5)  # never backwards
    assert _version(engine) == 1_700_000_000_000_002


def test_init_on_a_current_database_increases_the_version(engine: Engine) -> None:
    before = _version(engine)
    database.upgrade(engine)
    assert _version(engine) == before + 1


def test_the_web_cache_sees_an_update(engine: Engine) -> None:
    """A renamed unit (an UPDATE: no new id anywhere) is shown at the next request."""
    unit_id = _add_unit(engine)
    with engine.connect() as connection:
        assert _name_in_cache(connection, unit_id) == "Phòng A"
    with engine.connect() as connection:  # cached: the same tree object
        assert cache.tree(connection, ON) is cache.tree(connection, ON)
    with write_transaction(engine) as connection:
        connection.execute(update(unit_version).values(name="Phòng Tổ chức"))
    with engine.connect() as connection:
        assert _name_in_cache(connection, unit_id) == "Phòng Tổ chức"


def test_a_write_by_another_process_is_seen_by_the_next_request(
    engine: Engine, db_url: str
) -> None:
    unit_id = _add_unit(engine)
    with engine.connect() as connection:
        assert _name_in_cache(connection, unit_id) == "Phòng A"
        seen = cache.fingerprint(connection)
    script = (
        "import sys\n"
        "from sqlalchemy import update\n"
        "from binhdang.store import database\n"
        "from binhdang.store.tables import unit_version\n"
        "from binhdang.store.writes import write_transaction\n"
        "engine = database.create(sys.argv[1])\n"
        "with write_transaction(engine) as connection:\n"
        "    connection.execute(update(unit_version).values(name='Văn phòng'))\n"
        "engine.dispose()\n"
    )
    subprocess.run([sys.executable, "-c", script, db_url], check=True, timeout=120)
    with engine.connect() as connection:
        assert cache.fingerprint(connection) != seen
        assert _name_in_cache(connection, unit_id) == "Văn phòng"
        # one request reads the version once: its figures stay consistent within it
        assert cache.fingerprint(connection) == cache.fingerprint(connection)


def test_a_missing_version_row_is_put_back_by_the_next_write(engine: Engine) -> None:
    from binhdang.store.tables import data_version as table

    with write_transaction(engine, bump=False) as connection:
        connection.execute(table.delete())
    assert _version(engine) == 0
    with write_transaction(engine):
        pass
    assert _version(engine) == 1
    with engine.connect() as connection:
        assert connection.execute(select(table.c.id)).scalars().all() == [1]
