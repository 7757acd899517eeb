"""Maternity leave is a record kind of the registry (issue 16, item 1): its import, template
and report section are made from its entry, as the committee's kinds' are; the demo and the
national generator loop over the registry's kinds instead of naming them."""

from __future__ import annotations

from dataclasses import replace

import pytest

from binhdang.committee import registry
from binhdang.committee.kinds import KINDS
from binhdang.policies.records import MATERNITY, MATERNITY_COLUMNS


def test_maternity_is_declared_once_in_the_registry() -> None:
    entry = registry.entry("maternity")
    assert entry is not None and entry.area == "policies"
    assert entry.kind() is MATERNITY
    assert MATERNITY.columns == MATERNITY_COLUMNS
    assert MATERNITY.key == ("person_id", "leave_start")
    # the committee's pages and commands take the committee's kinds only
    assert "maternity" not in KINDS
    assert [e.name for e in registry.entries("committee")] == list(KINDS)


def test_its_import_template_and_section_are_made_from_the_entry() -> None:
    import binhdang.cli  # noqa: F401  (the command modules)
    from binhdang.cli import committee as made
    from binhdang.cli.app import TEMPLATES, import_app
    from binhdang.reports.sections import registered_sections

    imports = {c.name: c.callback for c in import_app.registered_commands}
    assert imports["maternity"] is not None
    assert imports["maternity"].__module__ == made.__name__  # the registry's loop
    writer = TEMPLATES["maternity"]
    assert getattr(writer, "func", None) is made._write_template
    section = next(s for s in registered_sections() if s.key == "maternity")
    assert (section.order, section.title) == (610, "policies.report.maternity")
    assert section.build.__qualname__ == "binhdang.policies.report_sections:maternity_section"


def test_import_order_puts_a_kind_after_those_its_records_name() -> None:
    base = registry.entry("training")
    assert base is not None

    def kind(name: str, order: int, *after: str) -> registry.KindEntry:
        return replace(base, name=name, order=order, after=after)

    found = [kind("a", 1), kind("b", 2, "d"), kind("c", 3), kind("d", 4), kind("e", 5, "c")]
    assert [e.name for e in registry.import_order(found)] == ["c", "d", "a", "b", "e"]
    with pytest.raises(ValueError, match="comes before"):
        registry.import_order([kind("x", 1, "y"), kind("y", 2, "x")])


def test_the_demo_and_the_generator_loop_over_the_kinds() -> None:
    from binhdang.scale import committee as drawn

    built_in = registry.entries()
    assert [e.name for e in built_in if not e.demo] == []  # every kind has its demo list
    order = [e.name for e in registry.import_order(built_in)]
    assert order.index("movements") < order.index("awards")
    assert order.index("plans") < order.index("activities")
    made = [entry.name for entry, _ in drawn.generators()]
    assert made == [e.name for e in built_in if e.generate]
    assert made == ["training", "awards", "succession", "plans", "activities"]
