"""Hostile text in every text column of every committee list, on both engines: a NUL (which
PostgreSQL cannot store) or more characters than the column holds is an error of its row,
naming the column — it crashed the import on PostgreSQL (found beside the importer fuzz
tests, issue 11 item 7)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import Engine

from binhdang.committee.kinds import KINDS
from binhdang.errors import BinhdangError
from tests.factories import write_table
from tests.helpers import every_row
from tests.imports import import_records

# The templates' examples name the demo office; the small office of tests/committee/conftest.py
# has these instead.
CODES = {"QT0005": "C3", "QT0012": "C4", "QT0030": "C2", "QT0002": "C1", "QT_DONGHA": "A",
         "BHXH_QT": "ROOT", "QT_VP": "B"}  # fmt: skip
HOSTILE = {"nul": "_x0000_", "long": "x" * 5000}  # _x0000_ is how an XLSX cell holds a NUL


def example_row(kind_name: str) -> list[str]:
    row = list(KINDS[kind_name].examples[0])
    return [
        re.sub(r"QT\d{4}|QT_[A-Z]+|BHXH_QT", lambda m: CODES.get(m.group(), m.group()), v)
        for v in row
    ]


FIELDS = [
    (kind.name, index)
    for kind in KINDS.values()
    for index, value in enumerate(kind.examples[0])
    if value
]


@pytest.mark.parametrize("hostile", sorted(HOSTILE))
@pytest.mark.parametrize(("kind_name", "index"), FIELDS)
def test_a_hostile_cell_is_refused_or_never_stored(
    office: Engine, tmp_path: Path, kind_name: str, index: int, hostile: str
) -> None:
    """Refused: nothing written, and the cell's column named at its row. Accepted (a choice
    read by its letters only, a free text column without a length): no NUL stored."""
    kind = KINDS[kind_name]
    header = [item.spec.label_vi for item in kind.fields]
    row = example_row(kind_name)
    if kind_name == "activities":  # an activity belongs to a stored plan: store the example's
        plans = KINDS["plans"]
        import_records(
            office,
            plans,
            write_table(
                tmp_path / "plans.xlsx",
                [item.spec.label_vi for item in plans.fields],
                [example_row("plans")],
            ),
        )
        row[0] = example_row("plans")[0]
    row[index] = row[index] + HOSTILE[hostile] if hostile == "nul" else HOSTILE[hostile]
    path = write_table(tmp_path / f"{kind_name}.xlsx", header, [row])
    before = every_row(office)
    try:
        import_records(office, kind, path)
    except BinhdangError as error:
        assert every_row(office) == before
        assert (2, header[index]) in [(p.row, p.column) for p in error.problems]
        return
    assert "\\x00" not in repr(every_row(office))
