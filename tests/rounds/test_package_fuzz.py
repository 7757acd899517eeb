"""Hostile package bytes never crash the reader: a flipped byte, a cut, random bytes give a
:class:`BinhdangError` (or, for a byte the zip does not check, the same parts as before)."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from binhdang.errors import BinhdangError
from binhdang.rounds.freeze import FORMAT, Part, canonical
from binhdang.rounds.package import package_bytes, parse_package

FIGURES = canonical({"format": FORMAT, "unit": {"code": "A", "name": "A"}, "year": 2022,
                     "as_of": "2022-10-01", "period": {"start": "2021-12-15", "end": "2022-12-14"},
                     "indicators": [], "units_in_scope": 1, "sections": [], "texts": {}})  # fmt: skip
PARTS = [Part("figures.json", FIGURES), Part("bao-cao-A-2022.html", b"<p>x</p>" * 50)]
MANIFEST = {"format": FORMAT, "installation": "x", "body": {"code": "B", "name": "B"},
            "unit": {"code": "A", "name": "A"}, "year": 2022, "version": 1,
            "as_of": "2022-10-01", "period": {"start": "2021-12-15", "end": "2022-12-14"},
            "submitted_at": "2022-12-10T03:00:00+00:00", "submitted_by": "x", "note": None,
            "parts": [p.entry() for p in PARTS]}  # fmt: skip
GOOD = package_bytes(MANIFEST, {p.name: p.content for p in PARTS})


def test_the_good_package_reads() -> None:
    package = parse_package(GOOD, "a.zip")
    assert [p.content for p in package.parts] == [p.content for p in PARTS]


@given(
    position=st.integers(0, len(GOOD) - 1), value=st.integers(0, 255), cut=st.integers(0, len(GOOD))
)
@example(position=0, value=0, cut=len(GOOD))
@example(position=len(GOOD) - 1, value=0xFF, cut=10)
@settings(max_examples=60, derandomize=True, database=None, deadline=None)
def test_a_damaged_package_is_refused_not_a_crash(position: int, value: int, cut: int) -> None:
    data = bytearray(GOOD)
    data[position] = value
    data = data[:cut]
    try:
        package = parse_package(bytes(data), "a.zip")
    except BinhdangError as error:
        assert error.message.key.startswith(("rounds.package.", "file."))
        return
    assert [p.content for p in package.parts] == [p.content for p in PARTS]


@given(st.binary(max_size=2000))
@settings(max_examples=40, derandomize=True, database=None, deadline=None)
def test_random_bytes_are_refused(data: bytes) -> None:
    try:
        parse_package(data, "a.zip")
    except BinhdangError:
        return
    raise AssertionError("random bytes read as a package")
