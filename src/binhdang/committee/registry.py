"""The committee's record kinds, each declared once; every adapter loops over them.

A kind is declared by one :class:`KindEntry` (its command name, titles, the fields ``add``
accepts, the command-line examples, its indicator view and its report section) and one
:class:`~binhdang.committee.records.RecordKind` (its table, parsers and checks) naming that
entry. The built-in kinds keep their entry in their package's ``__init__.py`` (this module and
that file import no database code, so the command line can list the kinds at once) and their
``RecordKind`` as ``KIND`` in the module the entry names.

What loops over the registry, so that a new kind needs no edit elsewhere:

- the command line (:mod:`binhdang.cli.committee`): ``import KIND``, ``template KIND``,
  ``KIND list/add/edit/delete``, with an indicator view ``KIND indicators``, with an evidence
  view ``KIND attach/attachments/attachment``;
- the web (:mod:`binhdang.web.committee`): the list, form and record pages and the API, by
  :data:`binhdang.committee.kinds.KINDS`;
- the report (:mod:`binhdang.committee.report_sections`): the kind's sections;
- the templates (:mod:`binhdang.committee.templates`);
- the demo (:func:`binhdang.demo.run.import_record_lists`): the list its ``demo`` writes,
  imported in :func:`import_order`;
- the national generator (:mod:`binhdang.scale.committee`, :mod:`binhdang.scale.load`): the
  records its ``generate`` draws, in the registry's order.

A kind declared outside the package (a test does) calls :func:`declare` and is found the same
way: those that listen (:func:`listen`) are told of kinds declared after them too. Another
area's kinds are declared in its ``record_kinds`` module, found by name
(:func:`binhdang.discovery.import_area_modules`): maternity leave
(:mod:`binhdang.policies.record_kinds`). Such a kind (``area`` other than ``"committee"``) gets
the shared adapters — ``import KIND``, ``template KIND``, its report sections, its demo list —
and keeps its own commands and pages: the committee's ``KIND list/add/edit/delete/indicators``
commands and web pages take the committee's kinds only (:func:`entries` with
``area="committee"``, :data:`binhdang.committee.kinds.KINDS`).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from binhdang.messages import Lang, text

if TYPE_CHECKING:
    from binhdang.committee.records import RecordKind


@dataclass(frozen=True)
class IndicatorView:
    """How a kind's indicators are computed and shown: ``compute`` and ``blocks`` are
    ``"module:function"`` (imported when used, so declaring them costs nothing at start-up).

    ``compute(connection, unit_code, year, as_of, subtree=...)`` returns the typed result
    (``subtree`` only when ``subtree`` is true); ``blocks(result, lang)`` the report's content
    blocks that the command line prints and a generic report section shows. ``period`` names
    the year option (``year``, or ``term`` for a term's first year).
    """

    help_vi: str
    help_en: str
    example: str
    compute: str
    blocks: str
    period: str = "year"
    subtree: bool = True

    def compute_function(self) -> Callable[..., Any]:
        return function(self.compute)

    def blocks_function(self) -> Callable[..., Any]:
        return function(self.blocks)


@dataclass(frozen=True)
class ReportView:
    """The kind's section of the yearly report: ``key``, ``order`` and ``title`` (a message
    key) as :func:`binhdang.reports.sections.section` takes them; ``build`` is the section
    function as ``"module:function"``, or empty for the generic section (the indicator view's
    blocks for the report's unit, year and date)."""

    key: str
    order: int
    title: str
    build: str = ""


@dataclass(frozen=True)
class EvidenceView:
    """Evidence files kept with a kind's records: the command line gives the kind ``KIND
    attach``, ``attachments`` and ``attachment`` from it. ``store``, ``listing`` and ``read``
    are ``"module:function"``: ``store(connection, record_id, evidence)`` → (id, added),
    ``listing(connection, record_id)`` → the files' infos, ``read(connection, file_id)`` →
    (info, bytes), the checksum verified (:mod:`binhdang.committee.attachments` for
    activities). ``record_vi``, ``record_en`` and ``a_record_en`` name a record in the
    commands' help ("hoạt động", "activity", "an activity"); ``examples`` by command."""

    record_vi: str
    record_en: str
    a_record_en: str
    store: str
    listing: str
    read: str
    examples: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class KindEntry:
    """One record kind as the adapters see it before its tables are loaded."""

    name: str  # CLI group, template and import kind: "training", "awards"…
    title_vi: str
    title_en: str
    fields_en: tuple[str, ...]  # the fields ``add`` accepts, as the kind's ColumnSpecs say
    module: str  # the module holding ``KIND``, the kind's RecordKind
    order: int  # where it comes in lists (command help, web index, demo imports)
    examples: Mapping[str, str] = field(default_factory=dict)  # by command: import, list…
    indicators: IndicatorView | None = None
    reports: tuple[ReportView, ...] = ()  # its sections of the yearly report
    area: str = "committee"  # whose adapters take it (see the module's docstring)
    # the import's summary line and its "more warnings" line (cli.output.print_import_outcome)
    import_messages: tuple[str, str] = ("committee.import.summary", "committee.warning.more")
    after: tuple[str, ...] = ()  # kinds whose records its records name: imported before it
    # the demo's list of this kind: "module:function", called with the demo's folder and its
    # random stream, returning the file written (binhdang.demo.run loops over the kinds)
    demo: str = ""
    evidence: EvidenceView | None = None  # evidence files kept with its records
    # the national generator's draw of this kind: "module:object", a KindGenerator
    # (binhdang.scale.committee); the generator loops over the kinds that name one
    generate: str = ""

    def kind(self) -> RecordKind:
        """The kind's :class:`~binhdang.committee.records.RecordKind` (loads its tables)."""
        found = importlib.import_module(self.module).KIND
        if found.entry is not self:
            raise ValueError(f"{self.module}.KIND is not the record kind of {self.name!r}")
        return found


_ENTRIES: dict[str, KindEntry] = {}
_LISTENERS: list[Callable[[KindEntry], None]] = []
_DISCOVERED = False


def declare(entry: KindEntry) -> KindEntry:
    """Register ``entry``; those listening are told. Declaring the same entry again (a module
    imported twice) changes nothing; another kind of the same name is refused."""
    existing = _ENTRIES.get(entry.name)
    if existing is not None:
        if existing == entry:
            return existing
        raise ValueError(f"record kind {entry.name!r} is declared twice")
    _ENTRIES[entry.name] = entry
    for listener in list(_LISTENERS):
        listener(entry)
    return entry


def entries(area: str | None = None) -> list[KindEntry]:
    """Every kind declared (of ``area`` only, if given), built-in ones found first, in their
    order."""
    _discover()
    found = [entry for entry in _ENTRIES.values() if area is None or entry.area == area]
    return sorted(found, key=lambda entry: (entry.order, entry.name))


def import_order(found: list[KindEntry]) -> list[KindEntry]:
    """``found`` ordered so that a kind comes after the kinds it names (``after``): the kinds
    others name first, then the rest, each part in the registry's order."""
    named = {name for entry in found for name in entry.after}
    first = [entry for entry in found if entry.name in named]
    ordered = first + [entry for entry in found if entry.name not in named]
    for position, entry in enumerate(ordered):
        late = [name for name in entry.after if name not in {e.name for e in ordered[:position]}]
        if any(name in {e.name for e in found} for name in late):
            raise ValueError(f"record kind {entry.name!r} comes before a kind it names: {late}")
    return ordered


def entry(name: str) -> KindEntry | None:
    _discover()
    return _ENTRIES.get(name)


def batch_label(kind: str, lang: Lang) -> str:
    """What an import batch of ``kind`` imported, in words: "Danh sách cán bộ", or a record
    kind's title ("Khen thưởng"); the stored kind itself for a kind this version does not
    know (a batch written by a newer version)."""
    if kind in ("staff", "units", "maternity"):
        return text(f"batch.kind.{kind}", lang)
    found = entry(kind)
    if found is None:
        return kind
    return found.title_vi if lang == "vi" else found.title_en


def listen(listener: Callable[[KindEntry], None]) -> None:
    """Call ``listener`` with every kind declared, now (in order) and when declared later."""
    for found in entries():
        listener(found)
    _LISTENERS.append(listener)


def _discover() -> None:
    """Import the packages of ``binhdang.committee`` (each kind's ``__init__`` declares it),
    then every area's ``record_kinds`` module (another area's kinds)."""
    global _DISCOVERED
    if _DISCOVERED:
        return
    _DISCOVERED = True
    import binhdang.committee as package
    from binhdang.discovery import import_area_modules

    for info in pkgutil.iter_modules(package.__path__):
        if info.ispkg:
            importlib.import_module(f"{package.__name__}.{info.name}")
    import_area_modules("record_kinds")


def function(reference: str) -> Callable[..., Any]:
    """The function ``"module:function"`` names (its module imported now)."""
    found: Callable[..., Any] = named(reference)
    return found


def named(reference: str) -> Any:
    """What ``"module:name"`` names (its module imported now)."""
    module, _, name = reference.partition(":")
    return getattr(importlib.import_module(module), name)
