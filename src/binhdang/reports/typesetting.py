"""Typesetting shared by the DOCX (and so the PDF) and the HTML report: where a line may
break, and how wide each table column is.

- **No break inside a name, a place name or a date.** Vietnamese proper names write every
  syllable with a capital (``Nguyễn Văn An``, ``Quảng Trị``); :func:`keep_names` joins such a
  run and the parts of a prose date (``ngày 01 tháng 10 năm 2022``) with non-breaking spaces. :func:`keep_issuer`
  does the same for an upper-case issuer line, where no capital marks a name: the place name
  after the last level word (``TỈNH QUẢNG TRỊ``) stays on one line.
- **Column widths from content** (:func:`table_layout`): as a browser lays out a table, each
  column gets at least its longest unbreakable piece and, when there is room, its whole
  longest line; numbers and dates never wrap, so they stay as narrow as their figures while
  text columns take the rest. Widths are measured in Times New Roman (Liberation Serif has
  the same metrics, ``fonts-liberation2``), so what is computed is what LibreOffice prints.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

NBSP = "\u00a0"
FONT_FOLDERS = (Path("/usr/share/fonts/truetype/liberation2"),
                Path("/usr/share/fonts/truetype/liberation"))  # fmt: skip
CELL_PADDING_MM = 1.9  # Word's default left/right cell margin (0.19 cm), each side
TABLE_SIZES_PT = (12.0, 11.0, 10.0)
HEADER_LINES = 3
TEXT_ROOM_MM = 35.0

_UPPER = "A-ZÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯẠ-ỸĐ"
_WORD = rf"[{_UPPER}][\w'’.-]*"
# A run of 2–4 capitalised words: a person's or a place's name ("Nguyễn Văn An", "Quảng Trị").
_NAME = re.compile(rf"(?<![\w{NBSP}]){_WORD}(?: +{_WORD}){{1,3}}(?![\w{NBSP}])")
_DATE = re.compile(r"\b(?:ngày \d{1,2} )?tháng \d{1,2} năm \d{4}\b|\b\d{1,2} [A-Z][a-z]+ \d{4}\b")
_LEVELS_UPPER = re.compile(
    r"\b(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ(?! HỘI)|PHƯỜNG|THỊ TRẤN|KHU VỰC)\s+\S+(?:\s+\S+){0,3}$"
)
_COUNTRY_UPPER = re.compile(r"\bVIỆT NAM$")


def _join(match: re.Match[str]) -> str:
    return re.sub(r" +", NBSP, match.group(0))


def keep_names(value: str) -> str:
    """``value`` with non-breaking spaces inside names, place names and prose dates."""
    if " " not in value:
        return value
    return _NAME.sub(_join, _DATE.sub(_join, value))


def keep_issuer(value: str) -> str:
    """An upper-case issuer (or parent body) line broken only between words and never inside
    its place name: ``BẢO HIỂM XÃ HỘI TỈNH QUẢNG TRỊ`` keeps ``TỈNH QUẢNG TRỊ`` together."""
    if value != value.upper():
        return keep_names(value)
    value = _LEVELS_UPPER.sub(_join, value)
    return _COUNTRY_UPPER.sub(_join, value)


@cache
def _font(bold: bool) -> Any:
    """Liberation Serif (Times New Roman's metrics) at 1000 px, or ``None`` without it."""
    try:
        from PIL import ImageFont
    except ImportError:  # pragma: no cover - Pillow comes with matplotlib
        return None
    name = "LiberationSerif-Bold.ttf" if bold else "LiberationSerif-Regular.ttf"
    for folder in FONT_FOLDERS:
        if (folder / name).exists():
            try:
                return ImageFont.truetype(str(folder / name), 1000)
            except OSError:
                continue
    return None


@lru_cache(maxsize=1 << 16)  # bounded: a server writes many reports
def _length(value: str, bold: bool) -> float:
    """Width of ``value`` at 1 pt, in mm."""
    font = _font(bold)
    if font is None:
        return len(value) * 0.5 / 72 * 25.4  # no font: half an em a character, a fair guess
    return font.getlength(value) / 1000 / 72 * 25.4


def text_width_mm(value: str, size_pt: float, bold: bool = False) -> float:
    """Width of ``value`` in Times New Roman at ``size_pt`` (one line, no wrapping)."""
    return _longest_line(value, bold) * size_pt


def _longest_piece(value: str, bold: bool) -> float:
    """Width at 1 pt of the longest piece a line may not break inside (between spaces)."""
    return max(
        (_length(piece, bold) for line in value.split("\n") for piece in line.split(" ")),
        default=0.0,
    )


def _longest_line(value: str, bold: bool) -> float:
    return max((_length(line, bold) for line in value.split("\n")), default=0.0)


def _natural(
    cells: Sequence[str], header: str, wraps: bool, total: str | None
) -> tuple[float, float]:
    """(narrowest, widest) width at 1 pt: the longest unbreakable piece and the longest line.
    Figures, dates and codes have no spaces, so they never wrap; a header wraps word by word:
    a text column would like it on one line, a column of figures on three."""
    narrow = _longest_piece(header, True)
    # A figures' column would like its header on at most three lines.
    wide = _longest_line(header, True) / (1 if wraps else HEADER_LINES)
    for value, bold in [*((cell, False) for cell in cells), *([(total, True)] if total else [])]:
        wide = max(wide, _longest_line(value, bold))
        narrow = max(narrow, _longest_piece(value, bold))
    return narrow, max(wide, narrow)


def column_widths(
    naturals: Sequence[tuple[float, float]],
    wraps: Sequence[bool],
    size_pt: float,
    available_mm: float,
) -> list[float] | None:
    """Widths (mm) summing to ``available_mm``, or ``None`` when even the narrowest widths
    at ``size_pt`` do not fit. The room left over goes to the columns that wrap, in
    proportion to how much more they would take (CSS's automatic table layout)."""
    pad = 2 * CELL_PADDING_MM + 0.6  # both margins and the borders
    narrow = [n * size_pt + pad for n, _ in naturals]
    wide = [max(w * size_pt + pad, a) for (_, w), a in zip(naturals, narrow, strict=True)]
    if sum(narrow) > available_mm:
        return None
    if sum(wide) <= available_mm:
        spare = available_mm - sum(wide)
        takers = [i for i, w in enumerate(wraps) if w] or list(range(len(wide)))
        weight = sum(wide[i] for i in takers)
        return [w + (spare * w / weight if i in takers else 0.0) for i, w in enumerate(wide)]
    spare = available_mm - sum(narrow)
    grow = [w - n for n, w in zip(narrow, wide, strict=True)]
    return [n + spare * g / sum(grow) for n, g in zip(narrow, grow, strict=True)]


def _roomy(
    naturals: Sequence[tuple[float, float]],
    wraps: Sequence[bool],
    size_pt: float,
    widths: Sequence[float],
) -> bool:
    """Whether every text column gets its whole line or at least :data:`TEXT_ROOM_MM` (a
    title squeezed to two words a line beside wide codes reads badly)."""
    pad = 2 * CELL_PADDING_MM + 0.6
    return all(
        width >= min(wide * size_pt + pad, TEXT_ROOM_MM)
        for (_, wide), wrap, width in zip(naturals, wraps, widths, strict=True)
        if wrap
    )


def table_layout(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    wraps: Sequence[bool],
    available_mm: float,
    total: Sequence[str] | None = None,
    sizes: Sequence[float] = TABLE_SIZES_PT,
) -> tuple[float, list[float]]:
    """The font size and the column widths (mm) of a table whose cells are already written as
    people read them: the largest of ``sizes`` at which no word has to break and every text
    column has room (:func:`_roomy`), else the smallest at which no word has to break."""
    naturals = [
        _natural([row[i] for row in rows], label, wrap, total[i] if total else None)
        for i, (label, wrap) in enumerate(zip(header, wraps, strict=True))
    ]
    fitting: list[tuple[float, list[float]]] = []
    for size in sizes:
        widths = column_widths(naturals, wraps, size, available_mm)
        if widths is None:
            continue
        fitting.append((size, widths))
        if _roomy(naturals, wraps, size, widths):
            return size, widths
    if fitting:  # no size gives every text column its room: the smallest that fits
        return fitting[-1]
    size = sizes[-1]  # too many columns even at the smallest size: shrink all in proportion
    pad = 2 * CELL_PADDING_MM + 0.6
    narrow = [n * size + pad for n, _ in naturals]
    return size, [n * available_mm / sum(narrow) for n in narrow]
