"""Job titles → post levels, read from ``titles.toml`` (and the installation's own file).

Lists as offices keep them have a "Chức vụ" column ("Giám đốc", "Phó Giám đốc BHXH huyện",
"Q. Trưởng phòng") and no "Cấp chức vụ": the level of the post comes from the title. The
table, its sources and the rule for acting titles are in ``titles.toml``; an installation adds
titles with the setting ``BINHDANG_TITLES`` (a file of the same shape).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from binhdang import settings
from binhdang.errors import BinhdangError

LEVELS = ("head", "deputy", "none")
NO_POST = "none"


def words(value: str) -> tuple[str, ...]:
    """Lower-case words without diacritics: ``"Q. Trưởng phòng"`` → ``("q", "truong", "phong")``."""
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return tuple(re.findall(r"[0-9a-z]+", stripped))


@dataclass(frozen=True)
class TitleTable:
    """Titles (as word tuples) → level, and the words that mark an acting title."""

    levels: dict[tuple[str, ...], str]
    acting: tuple[tuple[str, ...], ...]

    def level_of(self, title: str) -> str | None:
        """``head``, ``deputy``, ``none`` (not a post), or ``None`` when the title is unknown.

        The longest known title that begins the cell wins; an acting prefix ("Q.", "Quyền",
        "Phụ trách") is dropped first when a known title follows it (the rule in titles.toml).
        """
        found = self._longest(words(title))
        if found is not None:
            return found
        cell = words(title)
        for prefix in self.acting:
            if cell[: len(prefix)] == prefix:
                found = self._longest(cell[len(prefix) :])
                if found is not None:
                    return found
        return None

    def _longest(self, cell: tuple[str, ...]) -> str | None:
        for size in range(len(cell), 0, -1):
            level = self.levels.get(cell[:size])
            if level is not None:
                return level
        return None


def _parse(content: str, origin: str) -> tuple[dict[tuple[str, ...], str], list[str]]:
    try:
        data = tomllib.loads(content)
        levels: dict[tuple[str, ...], str] = {}
        for group in data.get("group", []):
            level = group["level"]
            if level not in LEVELS or not str(group.get("source", "")).strip():
                raise ValueError(f"level {level!r} / source")
            for title in group["titles"]:
                key = words(str(title))
                if not key:
                    raise ValueError(f"title {title!r}")
                levels[key] = level
        acting = [str(p) for p in data.get("acting", {}).get("prefixes", [])]
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise BinhdangError.of(
            "titles.bad_file", file=origin, setting=settings.TITLES.env, reason=exc
        ) from exc
    return levels, acting


def load_titles(extra: Path | None = None) -> TitleTable:
    """The shipped table plus ``extra`` (by default the file of ``BINHDANG_TITLES``, if set)."""
    shipped = resources.files("binhdang.ingest").joinpath("titles.toml").read_text("utf-8")
    levels, acting = _parse(shipped, "titles.toml")
    if extra is None and settings.TITLES.value().strip():
        extra = Path(settings.TITLES.value().strip())
    if extra is not None:
        try:
            content = extra.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise BinhdangError.of(
                "titles.bad_file", file=str(extra), setting=settings.TITLES.env, reason=exc
            ) from exc
        more, more_acting = _parse(content, str(extra))
        levels.update(more)
        acting.extend(more_acting)
    prefixes = sorted({words(p) for p in acting if words(p)}, key=len, reverse=True)
    return TitleTable(levels, tuple(prefixes))
