"""Small pieces of wording shared by the report's sections: counted nouns and name lists.

Vietnamese nouns do not change with the count ("1 đơn vị", "3 đơn vị"); English ones do, so
each counted noun has a ``….one`` form in the catalogue for the English singular.
"""

from __future__ import annotations

from collections.abc import Sequence

from binhdang import formatting
from binhdang.messages import CATALOGUE, Lang, text

LISTED_NAMES = 10
"""At most this many unit names in a sentence; beyond, the sentence gives the count and
points to the appendix (a province has hundreds of units)."""


def counted(noun: str, count: int, lang: Lang) -> str:
    """``3 đơn vị`` / ``3 units`` / ``1 unit``: the message ``report.noun.<noun>`` (or its
    ``.one`` form for a count of one)."""
    key = f"report.noun.{noun}"
    if count == 1 and f"{key}.one" in CATALOGUE:
        key = f"{key}.one"
    return text(key, lang, n=formatting.number(count, lang))


def named(names: Sequence[str]) -> str | None:
    """``"A, B, C"`` when there are few enough names to write in a sentence, else ``None``."""
    if not names or len(names) > LISTED_NAMES:
        return None
    return ", ".join(names)
