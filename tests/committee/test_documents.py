"""Document numbers as written on Vietnamese documents (Decree 30/2020/NĐ-CP)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from binhdang.committee.documents import (
    ADMINISTRATIVE_TYPES,
    OFFICIAL_LETTER,
    parse_document_number,
    split_reference,
)
from binhdang.ingest.values import ValueProblem


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
    ],
)
def test_good_forms(
    written: str, number: int, doc_type: str, issuer: str, year: int | None, canonical: str
) -> None:
    parsed = parse_document_number(written)
    assert (parsed.number, parsed.doc_type, parsed.issuer, parsed.year) == (
        number, doc_type, issuer, year)  # fmt: skip
    assert str(parsed) == canonical
    assert parse_document_number(canonical) == parsed  # the canonical form parses to itself


@pytest.mark.parametrize(
    "written",
    ["", "KH-UBND", "190", "190/", "190/KH-", "abc/KH-UBND", "0/KH-UBND", "00/BC-BHXH",
     "190//KH-UBND", "190 KH UBND", "190/2022/XX-UBND", "Số:", "50-XX/TW", "-5/KH-UBND"],
)  # fmt: skip
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
