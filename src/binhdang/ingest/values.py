"""Parsing one cell into a typed value: text, sex, dates, categories, post levels.

Every parser takes the raw cell (text, number, date) and returns the value or raises
:class:`ValueProblem` with the message to show; the caller adds file, row and column.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from functools import lru_cache

from binhdang.messages import Message

Sex = str  # "F" or "M"


# Control characters that str.split() does not fold as white space: NUL (which PostgreSQL
# cannot store in text) and ESC, BEL, DEL, the C1 set… (which a terminal would act on).
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(value: str) -> str:
    """``value`` with each control character shown as its code point (``U+001B``), so that a
    message quoting a cell never carries one to a terminal or a page."""
    return CONTROL.sub(lambda match: f"U+{ord(match.group()):04X}", value)


class ValueProblem(Exception):
    """A cell that does not parse; text parameters (the cell as typed) are made printable."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        shown = {
            name: printable(value) if isinstance(value, str) else value
            for name, value in params.items()
        }
        self.message = Message(key, shown)


@lru_cache(maxsize=8192)  # a list repeats a few texts per column ("Nữ", "Công chức"): fold once
def fold(value: str) -> str:
    """Lower case, no diacritics, letters and digits only: how headers and codes are compared.

    ``"Giới tính"`` → ``"gioitinh"``; ``"NỮ"`` → ``"nu"``; ``"Mã đơn vị (*)"`` → ``"madonvi"``.
    """
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[^0-9a-z]", "", stripped.casefold())


def clean_text(cell: object) -> str:
    """Text as stored: NFC, trimmed, inner runs of white space folded to one space.

    Numbers that Excel stored for codes (``1234.0``) come back as ``"1234"``.
    """
    if cell.__class__ is str:  # most cells: the checks below are for the others
        if cell.isascii():  # NFC changes nothing in ASCII
            return " ".join(cell.split())
        return " ".join(unicodedata.normalize("NFC", cell).split())
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, datetime):
        cell = cell.date()
    if isinstance(cell, date):
        return cell.strftime("%d/%m/%Y")
    return " ".join(unicodedata.normalize("NFC", str(cell)).split())


_SEX = {
    "nu": "F", "f": "F", "female": "F", "woman": "F", "phunu": "F", "nugioi": "F",
    "nam": "M", "m": "M", "male": "M", "man": "M", "namgioi": "M",
}  # fmt: skip


def parse_sex(cell: object) -> Sex:
    if cell.__class__ is str:  # a list repeats "Nữ" and "Nam": each text read once
        return _sex_of_text(cell)
    return _sex_of_text.__wrapped__(cell)


@lru_cache(maxsize=1024)  # a bad value raises, and is not cached
def _sex_of_text(cell: object) -> Sex:
    value = clean_text(cell)
    sex = _SEX.get(fold(value))
    if sex is None:
        raise ValueProblem("val.sex", value=value)
    return sex


_DATE_PATTERNS = (
    re.compile(r"^(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-](?P<y>\d{4})$"),
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[ T].*)?$"),
)


_THOUSANDS = re.compile(r"^\d{1,3}(?:[., ]\d{3})+$")
_WHOLE = re.compile(r"^(\d+)(?:[.,]0+)?$")


def parse_count(cell: object, *, minimum: int = 0, problem: str) -> int:
    """A whole number of at least ``minimum`` as lists write it: a number cell (``12``,
    ``12.0``) or text — ``"12"``, ``"12,0"``, and ``"1.234"``, ``"1,234"`` or ``"1 234"`` with
    a thousands separator. Anything else raises ``ValueProblem(problem, value=…)``: ``problem``
    is the area's message saying what was wanted (a head count, a birth order…)."""
    if isinstance(cell, bool):
        raise ValueProblem(problem, value=str(cell))
    if isinstance(cell, int | float):
        if float(cell).is_integer() and cell >= minimum:
            return int(cell)
        raise ValueProblem(problem, value=clean_text(cell))
    written = clean_text(cell)
    compact = written.replace("\u00a0", " ")
    whole = _WHOLE.match(compact)
    if _THOUSANDS.match(compact):
        number = int(re.sub(r"[., ]", "", compact))
    elif whole is not None:
        number = int(whole.group(1))
    else:
        raise ValueProblem(problem, value=written)
    if number < minimum:
        raise ValueProblem(problem, value=written)
    return number


def parse_date(cell: object) -> date:
    """``dd/mm/yyyy``, ``d/m/yyyy``, ``dd-mm-yyyy``, ``dd.mm.yyyy``, ``yyyy-mm-dd`` or a date
    cell. Vietnamese order (day first) always: ``03/04/2020`` is 3 April."""
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    value = clean_text(cell)
    for pattern in _DATE_PATTERNS:
        match = pattern.match(value)
        if match:
            try:
                return date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                break
    raise ValueProblem("val.date", value=value)


CATEGORIES = ("cong_chuc", "vien_chuc", "lao_dong")
_CATEGORY = {
    "congchuc": "cong_chuc", "cc": "cong_chuc", "civilservant": "cong_chuc",
    "canbocongchuc": "cong_chuc",
    "vienchuc": "vien_chuc", "vc": "vien_chuc", "publicemployee": "vien_chuc",
    "laodong": "lao_dong", "laodonghopdong": "lao_dong", "nguoilaodong": "lao_dong",
    "hopdong": "lao_dong", "hdld": "lao_dong", "hd": "lao_dong", "ld": "lao_dong",
    "contract": "lao_dong", "contractworker": "lao_dong", "worker": "lao_dong",
    # contracts for support and service work, by the decree offices name them after:
    # Nghị định 68/2000/NĐ-CP, then 161/2018/NĐ-CP, replaced by 111/2022/NĐ-CP
    "ldhd": "lao_dong", "hd68": "lao_dong", "nd68": "lao_dong",
    "hd161": "lao_dong", "nd161": "lao_dong", "hd111": "lao_dong", "nd111": "lao_dong",
    "hopdong68": "lao_dong", "hopdong161": "lao_dong", "hopdong111": "lao_dong",
    "hdld68": "lao_dong", "hdld111": "lao_dong", "hdnd68": "lao_dong", "hdnd111": "lao_dong",
    "cbcc": "cong_chuc", "congchuctapsu": "cong_chuc", "vienchuctapsu": "vien_chuc",
}  # fmt: skip


def parse_category(cell: object) -> str:
    if cell.__class__ is str:  # as parse_sex: a list repeats a few categories
        return _category_of_text(cell)
    return _category_of_text.__wrapped__(cell)


@lru_cache(maxsize=1024)
def _category_of_text(cell: object) -> str:
    value = clean_text(cell)
    category = _CATEGORY.get(fold(value))
    if category is None:
        raise ValueProblem("val.category", value=value)
    return category


LEVELS = ("head", "deputy")
_LEVEL = {
    "captruong": "head", "truong": "head", "head": "head", "captruongkeyleader": "head",
    "cappho": "deputy", "pho": "deputy", "deputy": "deputy",
}  # fmt: skip


def parse_level(cell: object) -> str:
    value = clean_text(cell)
    level = _LEVEL.get(fold(value))
    if level is None:
        raise ValueProblem("val.level", value=value)
    return level


def age_on(birth_date: date, on: date) -> int:
    """Completed years of age on ``on`` (the birthday itself counts)."""
    years = on.year - birth_date.year
    if (on.month, on.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years
