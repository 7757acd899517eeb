"""Figures change only when data is written: unit trees and indicator sets are cached per
database and reused while the data has not changed.

The key includes the data version (:func:`binhdang.store.writes.data_version`, one row read
once per request's connection), which every committed write transaction increases — an
import, its undo, a merge, a committee record added, edited or deleted, an UPDATE as much as
an INSERT — so a cached value is never served after a change made by this server, another
server process or the command line.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from contextvars import ContextVar
from datetime import date
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, Engine

from binhdang.indicators.output import to_data
from binhdang.indicators.results import IndicatorSet
from binhdang.indicators.service import indicators_for
from binhdang.messages import Lang
from binhdang.store.writes import data_version
from binhdang.units.tree import UnitTree, load_tree

SIZE = 512


class DataCache:
    """A small thread-safe LRU of values computed from the data of one database.

    A value is computed once even when several requests ask for it at the same time (the
    first computes, the others wait for its result): four users opening a province's staff
    list by name together sort it once, not four times on two cores."""

    def __init__(self, size: int = SIZE) -> None:
        self.size = size
        self._values: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._lock = threading.Lock()
        self._computing: dict[tuple[Any, ...], threading.Lock] = {}

    def _kept(self, key: tuple[Any, ...]) -> tuple[bool, Any]:
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return True, self._values[key]
            return False, None

    def get_or_compute(self, key: tuple[Any, ...], compute: Any) -> Any:
        found, value = self._kept(key)
        if found:
            return value
        with self._lock:
            computing = self._computing.setdefault(key, threading.Lock())
        with computing:  # one computes; the others wait here, then find its value
            found, value = self._kept(key)
            if found:
                return value
            try:
                value = compute()
                with self._lock:
                    self._values[key] = value
                    while len(self._values) > self.size:
                        self._values.popitem(last=False)
            finally:
                with self._lock:
                    if self._computing.get(key) is computing:
                        del self._computing[key]
        return value


_CACHES: WeakKeyDictionary[Engine, DataCache] = WeakKeyDictionary()
_GUARD = threading.Lock()


def _cache(connection: Connection) -> DataCache:
    with _GUARD:
        found = _CACHES.get(connection.engine)
        if found is None:
            found = _CACHES[connection.engine] = DataCache()
        return found


_SEEN: WeakKeyDictionary[Connection, tuple[Any, ...]] = WeakKeyDictionary()

_READ: ContextVar[int | None] = ContextVar("binhdang_request_data_version", default=None)
"""The data version this request already read with its sign-in (:func:`read_by_request`)."""


def read_by_request(version: int) -> None:
    """Record the data version that this request read with its credentials' check (one query
    for both, :mod:`binhdang.web.signins`), for :func:`fingerprint` to use instead of reading
    it again. The context variable lives as long as the request's context (its thread hop).

    Only for requests that write nothing (GET, HEAD): the version was read before anything the
    request does, so a value computed later may be newer than its key, never older — which is
    harmless to every other request that read the same version (they started before the
    write committed), but a request that wrote must see its own write: it reads again."""
    _READ.set(version)


def fingerprint(connection: Connection) -> tuple[Any, ...]:
    """What changes whenever the data changes (the data version); read once per checked-out
    connection (one request's ``with engine.connect()`` block), or not at all when the
    request read it with its sign-in (:func:`read_by_request`)."""
    with _GUARD:
        found = _SEEN.get(connection)
    if found is None:
        known = _READ.get()
        found = (data_version(connection) if known is None else known,)
        with _GUARD:
            _SEEN[connection] = found
    return found


def tree(connection: Connection, on: date) -> UnitTree:
    """:func:`binhdang.units.tree.load_tree`, cached (callers must not change the tree)."""
    key = ("tree", fingerprint(connection), on)
    return _cache(connection).get_or_compute(key, lambda: load_tree(connection, on))


def indicators(
    connection: Connection, unit_code: str, on: date, *, subtree: bool = True
) -> IndicatorSet:
    """:func:`binhdang.indicators.service.indicators_for`, cached (results are immutable)."""
    key = ("indicators", fingerprint(connection), unit_code, on, subtree)
    return _cache(connection).get_or_compute(
        key, lambda: indicators_for(connection, unit_code, on, subtree=subtree)
    )


def indicators_json(
    connection: Connection, unit_code: str, on: date, *, subtree: bool, lang: Lang
) -> bytes:
    """The API's answer for an indicator set (:func:`~binhdang.indicators.output.to_data` as
    UTF-8 JSON), cached like the set itself."""
    key = ("indicators.json", fingerprint(connection), unit_code, on, subtree, lang)

    def compute() -> bytes:
        result = indicators(connection, unit_code, on, subtree=subtree)
        return json.dumps(to_data(result, lang), ensure_ascii=False).encode()

    return _cache(connection).get_or_compute(key, compute)


def remember(connection: Connection, key: tuple[Any, ...], compute: Any) -> Any:
    """Any value computed from the data (e.g. a rendered page body), cached under ``key``
    while the data does not change."""
    return _cache(connection).get_or_compute((*key, fingerprint(connection)), compute)


ORDERS_KEPT = 16
"""How many sorted staff lists :func:`staff_order` keeps per database: ~0.5 MB each for a
province of the national dataset, kept apart from the other values so that they cannot fill
the main cache."""

_ORDERS: WeakKeyDictionary[Engine, DataCache] = WeakKeyDictionary()


def staff_order(connection: Connection, key: tuple[Any, ...], compute: Any) -> Any:
    """The sorted person ids of a staff list (:func:`binhdang.web.staff.search_staff`), kept
    while the data does not change (a purge, which renames persons without an import, commits
    through ``write_transaction`` and so moves the data version too)."""
    with _GUARD:
        kept = _ORDERS.get(connection.engine)
        if kept is None:
            kept = _ORDERS[connection.engine] = DataCache(ORDERS_KEPT)
    return kept.get_or_compute((*key, fingerprint(connection)), compute)


PICKERS_KEPT = 32
"""How many rendered unit pickers :func:`unit_picker` keeps per database (a province's ~430
units make ~40 KB, the whole country's ~12,000 about 1 MB)."""

_PICKERS: WeakKeyDictionary[Engine, DataCache] = WeakKeyDictionary()


def unit_picker(connection: Connection, key: tuple[Any, ...], compute: Any) -> Any:
    """The staff page's rendered unit picker (its ``<option>`` tags), kept while the data does
    not change: ``key`` holds what it depends on (the day, the units the account sees, the
    unit chosen). Rendering a province's ~430 options took ~2 ms of CPU on every page."""
    with _GUARD:
        kept = _PICKERS.get(connection.engine)
        if kept is None:
            kept = _PICKERS[connection.engine] = DataCache(PICKERS_KEPT)
    return kept.get_or_compute((*key, fingerprint(connection)), compute)
