"""The section registry: one section = one function (+ optional HTML block).

See the package docstring (:mod:`binhdang.reports`) for how to add a section. Sections are
registered with the :func:`section` decorator in a ``report_sections`` module; every
``binhdang.<area>.report_sections`` module is imported by :func:`registered_sections`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from binhdang.discovery import import_area_modules
from binhdang.messages import Lang, text
from binhdang.reports.content import SectionContent
from binhdang.reports.source import ReportSource

SectionFunction = Callable[[ReportSource], SectionContent | None]


@dataclass(frozen=True)
class Section:
    """A registered section.

    ``title`` is a message key (vi + en in the catalogue); ``order`` sorts sections in the report; ``html_template`` is an
    optional Jinja fragment for the HTML output (the generic block is used without it).
    """

    key: str
    order: int
    title: str
    build: SectionFunction
    html_template: Path | None = None

    def title_in(self, lang: Lang) -> str:
        return text(self.title, lang)


_REGISTRY: dict[str, Section] = {}
_DISCOVERED = False
SECTION_MODULE = "report_sections"


def section(
    key: str, *, order: int, title: str, html_template: Path | None = None
) -> Callable[[SectionFunction], SectionFunction]:
    """Register the decorated function as the report section ``key``."""

    def register(function: SectionFunction) -> SectionFunction:
        existing = _REGISTRY.get(key)
        if existing is not None and existing.build.__qualname__ != function.__qualname__:
            raise ValueError(f"report section {key!r} is registered twice")
        _REGISTRY[key] = Section(key, order, title, function, html_template)
        return function

    return register


def discover() -> None:
    """Import the built-in sections and every ``binhdang.<area>.report_sections`` module."""
    global _DISCOVERED
    if _DISCOVERED:
        return
    importlib.import_module("binhdang.reports.staff_sections")
    importlib.import_module("binhdang.reports.texts.report_sections")
    import_area_modules(SECTION_MODULE)
    _DISCOVERED = True


def registered_sections() -> list[Section]:
    """All sections, in report order."""
    discover()
    return sorted(_REGISTRY.values(), key=lambda s: (s.order, s.key))


def section_data(source: ReportSource, key: str) -> Any:
    """The typed data of section ``key`` for ``source``; ``None`` when no area registers it or
    it does not apply. How one section reads another's figures (the drafted assessment, the
    targets' verdicts) without importing the other's area."""
    discover()
    found = _REGISTRY.get(key)
    content = found.build(source) if found is not None else None
    return content.data if content is not None else None
