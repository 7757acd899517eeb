"""Document numbers as written on Vietnamese documents (Decree 30/2020/NĐ-CP)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from binhdang.committee.documents import (
    ADMINISTRATIVE_TYPES,
    DOCUMENT_TYPES,
    OFFICIAL_LETTER,
    parse_document_number,
    split_reference,
)
from binhdang.ingest.values import ValueProblem
from binhdang.rules import in_force


@pytest.mark.parametrize(
    ("written", "number", "doc_type", "issuer", "year", "canonical"),
    [
        ("190/KH-UBND", 190, "KH", "UBND", None, "190/KH-UBND"),
        ("Số: 07/BC-BHXH", 7, "BC", "BHXH", None, "07/BC-BHXH"),
        ("Số 7/BC-BHXH", 7, "BC", "BHXH", None, "07/BC-BHXH"),
        ("số: 190/kh-ubnd", 190, "KH", "UBND", None, "190/KH-UBND"),
        ("190 / KH - UBND", 190, "KH", "UBND", None, "190/KH-UBND"),
        ("1696/QĐ-TTg", 1696, "QĐ", "TTg", None, "1696/QĐ-TTg"),
        ("1696/QÐ-TTg", 1696, "QĐ", "TTg", None, "1696/QĐ-TTg"),  # Icelandic Ð typed for Đ
        ("12/QyĐ-BHXH", 12, "QyĐ", "BHXH", None, "12/QyĐ-BHXH"),
        ("03/TTr-VP", 3, "TTr", "VP", None, "03/TTr-VP"),
        ("101/2017/NĐ-CP", 101, "NĐ", "CP", 2017, "101/2017/NĐ-CP"),
        ("123/BHXH-TCCB", 123, OFFICIAL_LETTER, "BHXH-TCCB", None, "123/BHXH-TCCB"),
        ("50-QĐ/TW", 50, "QĐ", "TW", None, "50-QĐ/TW"),
        # Decree 30/2020/NĐ-CP, Appendix III: bản ghi nhớ BGN, bản thỏa thuận BTT.
        ("05/BGN-BHXH", 5, "BGN", "BHXH", None, "05/BGN-BHXH"),
        ("Số: 12/BTT-BHXH-LĐLĐ", 12, "BTT", "BHXH-LĐLĐ", None, "12/BTT-BHXH-LĐLĐ"),
        ("3/bgn-ubnd", 3, "BGN", "UBND", None, "03/BGN-UBND"),
    ],
)
def test_good_forms(
    written: str, number: int, doc_type: str, issuer: str, year: int | None, canonical: str
) -> None:
    parsed = parse_document_number(written)
    assert (parsed.number, parsed.doc_type, parsed.issuer, parsed.year) == (
        number,
        doc_type,
        issuer,
        year,
    )
    assert str(parsed) == canonical
    assert parse_document_number(canonical) == parsed  # the canonical form parses to itself


@pytest.mark.parametrize(
    "written",
    [
        "",
        "KH-UBND",
        "190",
        "190/",
        "190/KH-",
        "abc/KH-UBND",
        "0/KH-UBND",
        "00/BC-BHXH",
        "190//KH-UBND",
        "190 KH UBND",
        "190/2022/XX-UBND",
        "Số:",
        "50-XX/TW",
        "-5/KH-UBND",
    ],
)
def test_malformed_forms_are_refused(written: str) -> None:
    with pytest.raises(ValueProblem) as excinfo:
        parse_document_number(written)
    assert excinfo.value.message.key == "committee.val.document_number"


def test_type_names_of_appendix_iii() -> None:
    assert parse_document_number("190/KH-UBND").type_name == "Kế hoạch"
    assert parse_document_number("07/BC-BHXH").type_name == "Báo cáo"
    assert parse_document_number("123/BHXH-TCCB").type_name == "Công văn"
    assert ADMINISTRATIVE_TYPES["QyĐ"] == "Quy định" and ADMINISTRATIVE_TYPES["QĐ"] != "Quy định"


def test_references_with_a_date() -> None:
    assert split_reference("190/KH-UBND ngày 11/10/2022") == ("190/KH-UBND", "11/10/2022")
    assert split_reference("190/KH-UBND") == ("190/KH-UBND", None)


@given(
    number=st.integers(min_value=1, max_value=99_999),
    doc_type=st.sampled_from(sorted(ADMINISTRATIVE_TYPES)),
    issuer=st.from_regex(r"[A-Z][A-Z0-9]{0,5}(-[A-Z][A-Z0-9]{0,5}){0,2}", fullmatch=True),
    prefix=st.sampled_from(["", "Số: ", "Số ", "số: "]),
)
def test_written_forms_round_trip(number: int, doc_type: str, issuer: str, prefix: str) -> None:
    written = f"{prefix}{number:02d}/{doc_type}-{issuer}"
    parsed = parse_document_number(written)
    assert (parsed.number, parsed.doc_type, parsed.issuer) == (number, doc_type, issuer)
    assert parse_document_number(str(parsed)) == parsed


@pytest.mark.parametrize(
    ("written", "old", "new", "canonical"),
    [
        ("05/GN-BHXH", "GN", "BGN", "05/BGN-BHXH"),
        ("12/TTh-BHXH", "TTh", "BTT", "12/BTT-BHXH"),
        ("Số: 7/gn-ubnd", "GN", "BGN", "07/BGN-UBND"),
    ],
)
def test_old_abbreviations_are_read_as_those_of_appendix_iii(
    written: str, old: str, new: str, canonical: str
) -> None:
    """GN and TTh are not in Appendix III: read as BGN and BTT, the old form remembered so
    that the import can warn; never a công văn of "GN-BHXH"."""
    parsed = parse_document_number(written)
    assert (parsed.doc_type, parsed.written_type, str(parsed)) == (new, old, canonical)
    assert parsed == parse_document_number(canonical)  # the same document
    assert parse_document_number(canonical).written_type is None
    assert parsed.type_name == ADMINISTRATIVE_TYPES[new]


def test_the_types_carry_their_source_and_date() -> None:
    (current,) = DOCUMENT_TYPES
    assert current.valid_from == date(2020, 3, 5) and "30/2020/NĐ-CP" in current.source
    assert {"BGN", "BTT"} <= set(current.types) and not {"GN", "TTh"} & set(current.types)
    assert in_force(DOCUMENT_TYPES, date(2026, 1, 1)) is current
    assert in_force(DOCUMENT_TYPES, date(2020, 3, 4)) is None
