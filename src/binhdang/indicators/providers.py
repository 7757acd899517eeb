"""Indicators computed outside the core, for the targets (say, women's share of succession
plans, kept by the committee area).

An area provides one in its ``indicator_providers`` module with :func:`indicator_provider`;
:func:`provider_for` finds it (:mod:`binhdang.discovery`), so the area that evaluates the
targets never imports the area that keeps the records.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import Connection

from binhdang.discovery import import_area_modules
from binhdang.indicators.results import Ratio

IndicatorProvider = Callable[[Connection, str, date, bool], Ratio | None]
"""function(connection, unit_code, as_of, subtree) giving the ratio, ``None`` for no data."""

PROVIDER_MODULE = "indicator_providers"
_PROVIDERS: dict[str, IndicatorProvider] = {}
_DISCOVERED = False


def indicator_provider(code: str) -> Callable[[IndicatorProvider], IndicatorProvider]:
    """Register the decorated function as the indicator ``code``."""

    def register(function: IndicatorProvider) -> IndicatorProvider:
        existing = _PROVIDERS.get(code)
        if existing is not None and existing.__qualname__ != function.__qualname__:
            raise ValueError(f"indicator {code!r} is provided twice")
        _PROVIDERS[code] = function
        return function

    return register


def provider_for(code: str) -> IndicatorProvider | None:
    """The function computing indicator ``code``; ``None`` when no area provides it."""
    global _DISCOVERED
    if not _DISCOVERED:
        import_area_modules(PROVIDER_MODULE)
        _DISCOVERED = True
    return _PROVIDERS.get(code)
