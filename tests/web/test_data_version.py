"""The API's cached figures follow an UPDATE made by another process (issue 16, item 5): the
web cache keys on the data version, which every committed write increases. Both engines."""

from __future__ import annotations

import subprocess
import sys

from tests.web.conftest import Site

URL = "/api/v1/indicators?unit=ROOT&as_of=2022-10-01"

# Another process corrects Trần Văn Nam's sex: UPDATEs only (person and the copies on his
# employment and position rows), no row added, no id changed.
CORRECTION = """
import sys
from sqlalchemy import select, update
from binhdang.store import database
from binhdang.store.copies import copy_person_attributes
from binhdang.store.tables import person
from binhdang.store.writes import write_transaction

engine = database.create(sys.argv[1])
with write_transaction(engine) as connection:
    connection.execute(update(person).where(person.c.staff_code == "P2").values(sex="F"))
    row = connection.execute(
        select(person.c.id, person.c.sex, person.c.birth_date).where(person.c.staff_code == "P2")
    ).one()
    copy_person_attributes(connection, [{"person_id": row.id, "sex": row.sex,
                                         "birth_date": row.birth_date}])
engine.dispose()
"""


def _women(site: Site) -> int:
    answer = site.client.get(URL, headers=site.auth("editor"))
    assert answer.status_code == 200
    found = next(i for i in answer.json() if i["code"] == "women_share_staff")
    return int(found["numerator"])


def test_an_update_by_another_process_is_seen_by_the_next_request(site: Site) -> None:
    assert _women(site) == 3
    assert _women(site) == 3  # served from the cache
    url = site.settings.database_url
    subprocess.run([sys.executable, "-c", CORRECTION, url], check=True, timeout=120)
    assert _women(site) == 4
