"""The overlap checks set aside for a bulk load (store/periods.py) are this database's own: a
second binhdang database in another schema of the same PostgreSQL server (the tests, a staging
copy) has checks of the same names, which must be neither read nor dropped."""

from __future__ import annotations

from sqlalchemy import text

from binhdang.store import database, periods
from binhdang.store.writes import write_transaction
from tests.conftest import pg_schema


def _checks(url: str) -> set[str]:
    engine = database.create(url)
    with engine.connect() as connection:
        found = connection.execute(
            text(
                "SELECT conname FROM pg_constraint WHERE contype = 'x' AND connamespace = "
                "(SELECT oid FROM pg_namespace WHERE nspname = current_schema())"
            )
        ).scalars()
        names = set(found)
    engine.dispose()
    return names


def test_suspending_the_checks_leaves_another_schema_alone() -> None:
    with pg_schema("bd_ours") as ours, pg_schema("bd_theirs") as theirs:
        expected = {spec.constraint for spec in periods.TABLES}
        assert _checks(ours) == _checks(theirs) == expected
        engine = database.create(ours)
        with write_transaction(engine, commit=False) as connection:
            suspended = periods.suspend_checks(connection)
            assert {check.name for check in suspended} == expected
            assert all("." not in check.table for check in suspended)  # our own tables
            assert _checks(theirs) == expected  # theirs untouched
        engine.dispose()
        assert _checks(ours) == expected  # rolled back
