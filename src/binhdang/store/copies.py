"""The person's sex and birth date, copied onto their employment and position rows.

The copies exist for speed (see :mod:`binhdang.store.tables`); ``person`` stays the source of
truth. A person's sex and birth date are not effective-dated, so a correction applies to the
whole history: every row of the person is rewritten. Writers of new rows take the values
from the person they insert for (:func:`person_copy`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, bindparam, func, or_, select, update

from binhdang.store.tables import employment, person, position

FACT_TABLES = (employment, position)
COPIED = ("sex", "birth_date")


def person_copy(row: Any) -> dict[str, Any]:
    """The copied attributes of a ``person`` row (or any object with ``sex``, ``birth_date``)."""
    return {"sex": row.sex, "birth_date": row.birth_date}


def copy_person_attributes(connection: Connection, people: Iterable[Mapping[str, Any]]) -> None:
    """Rewrite the copies on every row of each person: ``people`` are mappings with
    ``person_id``, ``sex`` and ``birth_date`` (as just stored in ``person``)."""
    rows = [
        {"b_person": p["person_id"], "v_sex": p["sex"], "v_birth": p["birth_date"]} for p in people
    ]
    if not rows:
        return
    for table in FACT_TABLES:
        statement = (
            update(table)
            .where(table.c.person_id == bindparam("b_person"))
            .values(sex=bindparam("v_sex"), birth_date=bindparam("v_birth"))
        )
        connection.execute(statement, rows)


def person_copy_mismatches(connection: Connection) -> int:
    """How many employment and position rows disagree with their person (0 when all agree)."""
    total = 0
    for table in FACT_TABLES:
        query = (
            select(func.count())
            .select_from(table.join(person, person.c.id == table.c.person_id))
            .where(or_(table.c.sex != person.c.sex, table.c.birth_date != person.c.birth_date))
        )
        total += connection.execute(query).scalar_one()
    return total
