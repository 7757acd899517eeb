"""Document numbers and symbols as they are written: ``190/KH-UBND``, ``Số: 07/BC-BHXH``.

Decree 30/2020/NĐ-CP, Appendix I (section II.3): an administrative document's number is
written in Arabic numerals from 01 (numbers below 10 take a leading zero), followed by a
slash and the symbol: the abbreviation of the document type (Appendix III), a hyphen, and
the abbreviation of the issuing body (``07/BC-BHXH``). A công văn (official letter) carries no
type abbreviation: its symbol is the issuing body and drafting unit (``123/BHXH-TCCB``).
Legal normative documents add the year (``101/2017/NĐ-CP``); Party documents are written
``50-QĐ/TW`` (number and type, slash, issuing body). All these forms are parsed here.

The abbreviations are a table with its source and the date it applies from
(:data:`DOCUMENT_TYPES`). Appendix III writes a memorandum of understanding ``BGN`` (bản ghi
nhớ) and an agreement ``BTT`` (bản thỏa thuận); the older ``GN`` and ``TTh`` met in files are
read as those, and the plan's import warns (:data:`OLD_TYPES`), so that ``05/BGN-BHXH`` is a
memorandum of BHXH, not a công văn of "BGN-BHXH".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from binhdang.ingest.values import ValueProblem, clean_text
from binhdang.store.tables import OPEN_END

DECREE_30_SOURCE = "Nghị định 30/2020/NĐ-CP ngày 05/03/2020 về công tác văn thư, Phụ lục III"

# Decree 30/2020/NĐ-CP, Appendix III: administrative document types and their abbreviations.
ADMINISTRATIVE_TYPES: dict[str, str] = {
    "NQ": "Nghị quyết (cá biệt)",
    "QĐ": "Quyết định (cá biệt)",
    "CT": "Chỉ thị",
    "QC": "Quy chế",
    "QyĐ": "Quy định",
    "TC": "Thông cáo",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "CTr": "Chương trình",
    "KH": "Kế hoạch",
    "PA": "Phương án",
    "ĐA": "Đề án",
    "DA": "Dự án",
    "BC": "Báo cáo",
    "BB": "Biên bản",
    "TTr": "Tờ trình",
    "HĐ": "Hợp đồng",
    "CĐ": "Công điện",
    "BGN": "Bản ghi nhớ",
    "BTT": "Bản thỏa thuận",
    "GUQ": "Giấy ủy quyền",
    "GM": "Giấy mời",
    "GGT": "Giấy giới thiệu",
    "GNP": "Giấy nghỉ phép",
    "PG": "Phiếu gửi",
    "PC": "Phiếu chuyển",
    "PB": "Phiếu báo",
}
OLD_TYPES: dict[str, str] = {"GN": "BGN", "TTh": "BTT"}
"""Abbreviations not in Appendix III that files still use, and the Appendix III ones they
are read as (with a warning: ``committee.val.old_document_type``)."""


@dataclass(frozen=True)
class DocumentTypes:
    """The administrative document types and their abbreviations, from ``valid_from``
    (inclusive) to ``valid_to`` (exclusive)."""

    valid_from: date
    valid_to: date
    types: dict[str, str]
    source: str


# Nghị định 30/2020/NĐ-CP took effect on signing, 05/03/2020. Earlier tables (Thông tư
# 01/2011/TT-BNV) are not encoded: a number is parsed with today's table whatever its date.
DOCUMENT_TYPES: tuple[DocumentTypes, ...] = (
    DocumentTypes(date(2020, 3, 5), OPEN_END, ADMINISTRATIVE_TYPES, DECREE_30_SOURCE),
)

# Legal normative documents (Law on Promulgation of Legal Documents) met beside them.
NORMATIVE_TYPES: dict[str, str] = {
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "QH": "Luật",
    "TTLT": "Thông tư liên tịch",
}
OFFICIAL_LETTER = ""
"""``doc_type`` of a công văn, which has no type abbreviation (Appendix III)."""

TYPE_NAMES: dict[str, str] = {
    **ADMINISTRATIVE_TYPES,
    **NORMATIVE_TYPES,
    OFFICIAL_LETTER: "Công văn",
}
_TYPE_BY_FOLD = {
    (abbr.replace("Đ", "D").casefold(), abbr.casefold()): abbr
    for abbr in {**ADMINISTRATIVE_TYPES, **NORMATIVE_TYPES, **OLD_TYPES}
}


@dataclass(frozen=True)
class DocumentNumber:
    """A parsed number and symbol. ``doc_type`` is an Appendix III abbreviation (``"KH"``) or
    ``""`` for a công văn; ``issuer`` is what follows the type (``"UBND"``, ``"BHXH-TCCB"``)."""

    number: int
    doc_type: str
    issuer: str
    year: int | None = None
    party_form: bool = False
    written_type: str | None = field(default=None, compare=False)
    """The obsolete abbreviation written instead of ``doc_type`` (``"GN"``), if any."""

    @property
    def type_name(self) -> str:
        return TYPE_NAMES.get(self.doc_type, self.doc_type)

    def __str__(self) -> str:
        """The canonical written form, numbers below 10 with a leading zero: ``07/BC-BHXH``."""
        if self.party_form:
            return f"{self.number:02d}-{self.doc_type}/{self.issuer}"
        year = f"/{self.year}" if self.year else ""
        symbol = f"{self.doc_type}-{self.issuer}" if self.doc_type else self.issuer
        return f"{self.number:02d}{year}/{symbol}"


_PREFIX = re.compile(r"^\s*s[ốo]\s*:?\s*", re.IGNORECASE)
_CODE = r"[A-ZĐa-zđ][A-ZĐa-zđ0-9]*"
_STATE = re.compile(
    rf"^(?P<number>\d{{1,6}})(?:/(?P<year>(?:19|20)\d\d))?/(?P<symbol>{_CODE}(?:-{_CODE})*)$"
)
_PARTY = re.compile(rf"^(?P<number>\d{{1,6}})-(?P<type>{_CODE})/(?P<issuer>{_CODE}(?:-{_CODE})*)$")


def _normalise(value: str) -> str:
    value = unicodedata.normalize("NFC", value)
    value = value.replace("Ð", "Đ").replace("ð", "đ")  # Icelandic eth typed for Đ
    value = re.sub(r"\s*([/-])\s*", r"\1", value.strip())  # "190 / KH - UBND"
    return value.replace("–", "-").replace("—", "-")


def _known_type(code: str) -> str | None:
    return _TYPE_BY_FOLD.get((code.replace("Đ", "D").replace("đ", "d").casefold(), code.casefold()))


def _typed(
    number: int, written: str, issuer: str, year: int | None = None, party_form: bool = False
) -> DocumentNumber:
    """A number with the Appendix III type for the abbreviation ``written`` (an old one is
    kept in ``written_type``)."""
    old = OLD_TYPES.get(written)
    return DocumentNumber(
        number, old or written, issuer, year, party_form, written if old else None
    )


def _issuer(value: str) -> str:
    """As written (``TTg`` keeps its case), but a symbol typed all in lower case is raised."""
    return value.upper() if value == value.lower() else value


def parse_document_number(cell: object) -> DocumentNumber:
    """Parse ``190/KH-UBND``, ``Số: 07/BC-BHXH``, ``101/2017/NĐ-CP``, ``50-QĐ/TW``,
    ``123/BHXH-TCCB`` (công văn). Raises ``ValueProblem`` on anything else.

    >>> str(parse_document_number("Số: 7/BC-BHXH")), parse_document_number("190/KH-UBND").issuer
    ('07/BC-BHXH', 'UBND')
    """
    written = clean_text(cell)
    value = _normalise(_PREFIX.sub("", written))
    state = _STATE.match(value)
    if state:
        number = int(state["number"])
        if number > 0:
            first, _, rest = state["symbol"].partition("-")
            doc_type = _known_type(first) if rest else None
            year = int(state["year"]) if state["year"] else None
            if doc_type is not None:
                return _typed(number, doc_type, _issuer(rest), year)
            if year is None:  # a công văn: the symbol names the issuer only
                return DocumentNumber(number, OFFICIAL_LETTER, _issuer(state["symbol"]))
    party = _PARTY.match(value)
    if party and int(party["number"]) > 0:
        doc_type = _known_type(party["type"])
        if doc_type is not None:
            return _typed(int(party["number"]), doc_type, _issuer(party["issuer"]), party_form=True)
    raise ValueProblem("committee.val.document_number", value=written)


_DATED = re.compile(r"^(?P<number>.+?)\s+(?:ngày|ngay|dated|of)\s+(?P<date>\S+)$", re.IGNORECASE)


def split_reference(cell: object) -> tuple[str, str | None]:
    """``"190/KH-UBND ngày 11/10/2022"`` → (``"190/KH-UBND"``, ``"11/10/2022"``)."""
    value = clean_text(cell)
    match = _DATED.match(value)
    if match:
        return match["number"], match["date"]
    return value, None
