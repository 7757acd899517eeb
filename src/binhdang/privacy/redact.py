"""Finding persons' names and staff codes in free text and replacing them by a pseudonym.

A name or code is matched as a whole (not inside a longer word or code: "P3" is not found in
"P30" nor in "CB-P3-A", but is in "ds_P3.csv"), whatever its case, with any run of spaces between the words of a name,
on the NFC form of the text (as imports store it). Many needles are looked up at once through
an index of their rarest word, so a purge of thousands of persons reads each text once.

When the same text names a person who stays (a name that begins another person's longer name,
say), the purged name is still replaced: in free text, removing a little too much is the safe
side (Law 91/2025/QH15 Art. 3: data kept only as long as needed).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

_WORD = re.compile(r"[^\W_]+")  # letters and digits: "danh_sach_QT01" holds "QT01"
# A match must not touch a letter or digit, nor a "-" or "/" (they join the parts of a code:
# "P3" is not in "CB-P3-A"), nor a dot between digits ("QT.01"). An underscore or a dot before
# a letter separates ("ds_QT01.csv" names QT01).
_BEFORE = r"(?<![^\W_])(?<![\-/])(?<!\d\.)"
_AFTER = r"(?![^\W_]|[\-/]|\.\d)"


def _literal(replacement: str) -> Callable[[re.Match[str]], str]:
    """A replacement taken as it is (``re.sub`` would read backslashes in a string)."""
    return lambda _match: replacement


@dataclass(frozen=True)
class _Needle:
    text: str
    replacement: str
    words: frozenset[str]
    pattern: re.Pattern[str]


def _words(value: str) -> list[str]:
    return _WORD.findall(value.casefold())


def _pattern(needle: str) -> re.Pattern[str]:
    parts = [re.escape(part) for part in needle.split()]
    return re.compile(_BEFORE + r"\s+".join(parts) + _AFTER, re.IGNORECASE)


class Redactor:
    """Replaces each of many texts (a name, a code) by its replacement wherever it occurs."""

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        needles: dict[str, _Needle] = {}
        for raw, replacement in pairs:
            value = unicodedata.normalize("NFC", raw).strip()
            words = _words(value)
            if not words or value.casefold() in needles:
                continue
            needles[value.casefold()] = _Needle(
                value, replacement, frozenset(words), _pattern(value)
            )
        counts = Counter(word for needle in needles.values() for word in needle.words)
        self._index: dict[str, list[_Needle]] = {}
        # Longest first: a longer name is replaced before a shorter one it contains.
        for needle in sorted(needles.values(), key=lambda n: -len(n.text)):
            rarest = min(needle.words, key=lambda word: (counts[word], word))
            self._index.setdefault(rarest, []).append(needle)

    def __bool__(self) -> bool:
        return bool(self._index)

    def redact(self, value: str) -> str | None:
        """``value`` with every needle replaced, or None when it names none of them."""
        normal = unicodedata.normalize("NFC", value)
        words = set(_words(normal))
        candidates = [
            needle
            for word in words
            for needle in self._index.get(word, ())
            if needle.words <= words
        ]
        result = normal
        for needle in sorted(candidates, key=lambda n: -len(n.text)):
            result = needle.pattern.sub(_literal(needle.replacement), result)
        return result if result != normal else None
