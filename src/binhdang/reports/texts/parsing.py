"""The four texts of a report, and a text read and parsed safely.

A text is written as plain text or a small part of Markdown: paragraphs separated by blank
lines, items starting with ``- `` (or ``* ``, ``+ ``, ``•``, ``–``), numbered items (``1. ``,
``a) ``) and ``**bold**``. Nothing else is interpreted: HTML tags, Jinja braces, links and
other Markdown stay as the characters they are, and every renderer escapes them.

Reading is bounded and normalised: at most :data:`MAX_TEXT_BYTES`, UTF-8 (with or without a
byte-order mark), Unicode NFC (design.md §6: Vietnamese text is stored in NFC), line breaks
unified, control characters removed (docxtpl turns ``\\a`` and ``\\f`` in a value into new
paragraphs and page breaks; XML forbids most others).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from binhdang.errors import BinhdangError
from binhdang.ingest.values import fold
from binhdang.messages import Lang, text

if TYPE_CHECKING:  # imported where used: ``binhdang report text --help`` reads SECTIONS only
    from binhdang.reports.content import Run

MAX_TEXT_BYTES = 64 * 1024
"""About fifteen pages of Vietnamese text: far more than any of a report's texts needs."""


@dataclass(frozen=True)
class TextSection:
    """One of the report's texts: its stored key, its command-line name, its place."""

    key: str  # stored: "assessment"
    name: str  # on the command line, Vietnamese: "danh-gia" (the key is the English alias)
    order: int  # in the report, after the figures (700 targets)
    title: str  # message key of its heading

    def title_in(self, lang: Lang, year: int | None = None) -> str:
        """The heading; with the reporting ``year``, the directions name the next year
        ("Phương hướng, nhiệm vụ năm 2023")."""
        if year is not None and self.key == "directions":
            return text("report_text.section.directions_year", lang, year=year + 1)
        return text(self.title, lang)


SECTIONS: tuple[TextSection, ...] = (
    TextSection("assessment", "danh-gia", 800, "report_text.section.assessment"),
    TextSection("shortcomings", "ton-tai", 810, "report_text.section.shortcomings"),
    TextSection("directions", "phuong-huong", 820, "report_text.section.directions"),
    TextSection("recommendations", "kien-nghi", 830, "report_text.section.recommendations"),
)
BY_KEY = {item.key: item for item in SECTIONS}
_BY_FOLDED = {fold(name): item for item in SECTIONS for name in (item.key, item.name)}


def section_named(name: str) -> TextSection:
    """``danh-gia`` / ``assessment`` (any case, with or without diacritics) → the section."""
    found = _BY_FOLDED.get(fold(name))
    if found is None:
        choices = ", ".join(f"{item.name} ({item.key})" for item in SECTIONS)
        raise BinhdangError.of("report_text.unknown_section", value=name, choices=choices)
    return found


# --- reading -------------------------------------------------------------------------------

# Every control character but the line feed (tabs become spaces first), and the Unicode line
# and paragraph separators (they become line feeds first).
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")


def clean_text(value: str) -> str:
    """A text as it is stored: NFC, ``\\n`` line breaks, no control characters, no trailing
    spaces, at most one blank line in a row, no blank lines around it."""
    value = unicodedata.normalize("NFC", value).lstrip("\ufeff")
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = value.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\t", "    ")
    value = _CONTROL.sub("", value)
    lines = [line.rstrip() for line in value.split("\n")]
    return _MANY_BLANK_LINES.sub("\n\n", "\n".join(lines)).strip("\n")


def check_size(value: str, where: str) -> None:
    """A text longer than :data:`MAX_TEXT_BYTES` (as UTF-8) is refused, naming ``where``."""
    size = len(value.encode("utf-8", errors="replace"))
    if size > MAX_TEXT_BYTES:
        raise BinhdangError.of("report_text.too_large", file=where, size=size, limit=MAX_TEXT_BYTES)


def read_text_file(path: Path) -> str:
    """The text of ``path`` (.txt or .md, UTF-8), cleaned; a clear error for a missing,
    oversized, binary or non-UTF-8 file."""
    try:
        if not path.is_file():
            raise BinhdangError.of("file.missing", file=str(path))
        with path.open("rb") as handle:
            data = handle.read(MAX_TEXT_BYTES + 1)  # never more than the limit into memory
    except OSError as exc:
        raise BinhdangError.of(
            "file.unreadable", file=str(path), reason=exc.strerror or type(exc).__name__
        ) from exc
    if b"\x00" in data or data.startswith(b"PK\x03\x04"):  # UTF-16, a Word or Excel file…
        raise BinhdangError.of("report_text.not_text", file=str(path))
    if len(data) > MAX_TEXT_BYTES:
        size = path.stat().st_size
        raise BinhdangError.of(
            "report_text.too_large", file=str(path), size=size, limit=MAX_TEXT_BYTES
        )
    try:
        decoded = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise BinhdangError.of("report_text.not_utf8", file=str(path), line=line) from exc
    return clean_text(decoded)


# --- parsing -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TextBlock:
    """One paragraph of a text, or one item of a list (``bullet``)."""

    runs: tuple[Run, ...]
    bullet: bool = False

    @property
    def plain(self) -> str:
        return "".join(run.text for run in self.runs)


_BULLET = re.compile(r"^\s*[-*+•–]\s+(?P<rest>.*)$")
_NUMBERED = re.compile(r"^\s*(?:\d{1,3}[.)]|[a-zđ][)])\s+\S", re.IGNORECASE)
_HEADING = re.compile(r"^\s*#{1,6}\s+(?P<rest>.*?)\s*#*\s*$")
# Markdown's strong emphasis: ``**`` then a non-space … a non-space then ``**``.
_BOLD = re.compile(r"\*\*(?=\S)(?P<inner>.+?)(?<=\S)\*\*")


def runs_of(value: str) -> tuple[Run, ...]:
    """``"Tỷ lệ **tăng** rõ"`` → plain, bold, plain runs; an unmatched ``**`` stays literal."""
    from binhdang.reports.content import Run

    runs: list[Run] = []
    position = 0
    for match in _BOLD.finditer(value):
        if match.start() > position:
            runs.append(Run(value[position : match.start()]))
        runs.append(Run(match["inner"], bold=True))
        position = match.end()
    if position < len(value):
        runs.append(Run(value[position:]))
    return tuple(runs)


def parse_text(value: str) -> tuple[TextBlock, ...]:
    """Paragraphs (lines joined until a blank line), list items (a line starting with a
    bullet or a number starts a new item) and headings (``# …``, kept as bold paragraphs)."""
    from binhdang.reports.content import Run

    blocks: list[TextBlock] = []
    current: list[str] = []
    bullet = False
    whole_bold = False

    def close() -> None:
        nonlocal current, bullet, whole_bold
        joined = " ".join(part for part in current if part)
        if joined:
            runs = (Run(joined, bold=True),) if whole_bold else runs_of(joined)
            blocks.append(TextBlock(runs, bullet))
        current, bullet, whole_bold = [], False, False

    for line in clean_text(value).split("\n"):
        stripped = " ".join(line.split())
        if not stripped:
            close()
            continue
        heading = _HEADING.match(line)
        item = _BULLET.match(line)
        if heading:
            close()
            current, whole_bold = [heading["rest"].replace("**", "")], True
            close()
        elif item:
            close()
            current, bullet = [" ".join(item["rest"].split())], True
        elif _NUMBERED.match(line):
            close()
            current = [stripped]
        else:
            current.append(stripped)
    close()
    return tuple(blocks)
