"""The shapes lists take in offices, read into one header and data rows.

- **Two-row headers with merged cells**: "Ngày, tháng, năm sinh" over "Nam" | "Nữ" (the birth
  date written under the sub-column of the person's sex, which gives the sex), or any group
  title over its sub-columns. A row of column numbers ("1", "2", "(3)"…) under the header is
  skipped.
- **Group heading rows** ("II. PHÒNG TỔ CHỨC CÁN BỘ", "3. BHXH huyện Hải Lăng", "BAN GIÁM
  ĐỐC"): a row with one or two texts and no person's data. They give the unit of the rows
  under them when the list has no unit column.
- **Rows after the staff**: totals ("Tổng cộng: 235 người, trong đó nữ: 126"), "Người lập
  biểu", the place-and-date line, titles and signatures: skipped, and the totals kept to be
  checked against what was read.

The words are data in ``lists.toml`` (with the header synonyms and unit-name abbreviations).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from binhdang.ingest.reader import Cell
from binhdang.ingest.titles import words
from binhdang.ingest.values import clean_text, fold


@cache
def list_data() -> dict[str, Any]:
    """``lists.toml``, read once (shipped data, not settings)."""
    content = resources.files("binhdang.ingest").joinpath("lists.toml").read_text("utf-8")
    return tomllib.loads(content)


def header_synonyms(kind: str, field: str) -> tuple[str, ...]:
    """The other ways offices write the header of ``field`` in a ``kind`` list."""
    return tuple(list_data()["headers"].get(kind, {}).get(field, ()))


_SEX_SUBHEADERS = {"nam": "Nam", "nu": "Nữ"}
_ENUMERATOR = re.compile(
    r"^\s*(?:(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)/:-]|(?:[IVXLC]+|\d+)\s)\s*", re.IGNORECASE
)
_PLACE_DATE = re.compile(r"\bngay\s+\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+\d{4}\b")
_NUMBERING = re.compile(r"^\(?\d{1,3}\)?$")


@dataclass(frozen=True)
class Header:
    """The header as read: one label per column, the rows it took, and the two columns that
    hold the birth date by sex (Nam, Nữ) when the list writes it so."""

    labels: list[str]
    rows_used: int
    birth_by_sex: tuple[int, int] | None = None
    birth_label: str = ""


def read_header(
    rows: Sequence[Sequence[Cell]],
    index: int,
    known: Callable[[str], bool],
    is_birth: Callable[[str], bool],
) -> Header:
    """The header starting at ``rows[index]``, with a second row under it when there is one.

    ``known`` tells whether a label names a field; ``is_birth`` whether it names the birth
    date, whose header over "Nam" | "Nữ" gives the sex.
    """
    top = [clean_text(cell) for cell in rows[index]]
    used = 1
    labels = list(top)
    birth: dict[str, int] = {}
    birth_label = ""
    if index + 1 < len(rows) and _is_subheader(top, rows[index + 1], known):
        sub = [clean_text(cell) for cell in rows[index + 1]]
        width = max(len(top), len(sub))
        top += [""] * (width - len(top))
        sub += [""] * (width - len(sub))
        labels = []
        parent = ""
        for col in range(width):
            if top[col]:
                parent = top[col]
            if not sub[col]:
                labels.append(top[col])
                continue
            owner = top[col] or parent
            sex = _SEX_SUBHEADERS.get(fold(sub[col]))
            if sex is not None and is_birth(owner):
                birth[sex] = col
                birth_label = owner
                labels.append("")
            elif known(sub[col]):
                labels.append(sub[col])
            elif known(f"{owner} {sub[col]}"):
                labels.append(f"{owner} {sub[col]}")
            elif top[col] and known(top[col]):
                labels.append(top[col])
            else:
                labels.append(f"{owner} {sub[col]}".strip())
        used = 2
    if index + used < len(rows) and _is_numbering(rows[index + used]):
        used += 1
    pair = (birth["Nam"], birth["Nữ"]) if len(birth) == 2 else None
    if pair is None and birth:  # only one of the two: keep its label, it is not a split date
        for col in birth.values():
            labels[col] = birth_label
        birth_label = ""
    return Header(labels, used, pair, birth_label)


def _is_subheader(top: list[str], row: Sequence[Cell], known: Callable[[str], bool]) -> bool:
    """A second header row: texts only, at least one under a merged (empty) top cell or a
    "Nam"/"Nữ", and nothing under the columns that are whole in the top row."""
    cells = [(col, cell) for col, cell in enumerate(row) if clean_text(cell)]
    if not cells or any(not isinstance(cell, str) for _, cell in cells):
        return False
    texts = {col: clean_text(cell) for col, cell in cells}
    if any(_NUMBERING.match(text) for text in texts.values()):
        return False
    under_merge = any(col >= len(top) or not top[col] for col in texts)
    sexes = any(fold(text) in _SEX_SUBHEADERS for text in texts.values())
    whole = [
        col
        for col, label in enumerate(top)  # known, and not the start of a merge
        if label and known(label) and col + 1 < len(top) and top[col + 1]
    ]
    filled_whole = sum(1 for col in whole if col in texts and not known(texts[col]))
    return (under_merge or sexes) and filled_whole == 0


def _is_numbering(row: Sequence[Cell]) -> bool:
    """A row of column numbers under the header: 1, 2, 3… or (1), (2)…"""
    texts = [clean_text(cell) for cell in row if clean_text(cell)]
    return (
        len(texts) >= 3
        and all(_NUMBERING.match(text) for text in texts)
        and (
            [int(t.strip("()")) for t in texts]
            == list(range(int(texts[0].strip("()")), int(texts[0].strip("()")) + len(texts)))
        )
    )


@dataclass(frozen=True)
class Totals:
    """A totals line: its row, and the people and women it states (``None`` when absent)."""

    row: int
    people: int | None
    women: int | None


def _starts_with(cell_words: tuple[str, ...], phrases: Sequence[str]) -> bool:
    for phrase in phrases:
        key = words(phrase)
        if key and cell_words[: len(key)] == key:
            return True
    return False


def is_leadership(heading: str) -> bool:
    """A heading naming the leadership of the body issuing the list ("BAN GIÁM ĐỐC")."""
    return _starts_with(words(heading), list_data()["headings"]["leadership"])


def heading_text(texts: Sequence[str]) -> str:
    """A heading's unit name without its enumerator: "II. PHÒNG TCCB" → "PHÒNG TCCB"."""
    joined = " ".join(texts)
    return _ENUMERATOR.sub("", joined, count=1).strip() or joined


def looks_like_heading(texts: Sequence[str]) -> bool:
    """Written as a heading: numbered ("II.", "3."), all capitals, or a leadership heading."""
    joined = " ".join(texts)
    letters = [ch for ch in joined if ch.isalpha()]
    return bool(
        _ENUMERATOR.match(joined)
        or (letters and all(ch.isupper() for ch in letters))
        or is_leadership(heading_text(texts))
    )


def footer_kind(texts: Sequence[str]) -> str | None:
    """``"totals"``, ``"footer"`` or ``None`` for the texts of a row without person data."""
    joined = " ".join(texts)
    cell_words = words(joined)
    footer = list_data()["footer"]
    if _starts_with(cell_words, footer["totals"]) and any(w.isdigit() for w in cell_words):
        return "totals"
    if _starts_with(cell_words, footer["markers"]) or _PLACE_DATE.search(" ".join(cell_words)):
        return "footer"
    return None


def read_totals(row: int, texts: Sequence[str]) -> Totals:
    """A totals line's figures: "Tổng cộng: 235 người, trong đó nữ: 126" → 235, 126."""
    text = " ".join(words(" ".join(texts)))
    women = re.search(r"\bnu\D{0,12}?(\d+)", text)
    before = text[: women.start()] if women else text
    people = re.search(r"\d+", before)
    return Totals(
        row, int(people.group()) if people else None, int(women.group(1)) if women else None
    )
