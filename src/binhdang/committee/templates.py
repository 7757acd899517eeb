"""Excel templates for the record kinds' lists (``binhdang template training`` …, ``binhdang
template maternity``).

Written by the one list-template writer of :mod:`binhdang.ingest.templates`: the headers as
the import reads them (required ones in bold red), example rows on a second sheet (never imported), and drop-down lists
for closed sets.
"""

from __future__ import annotations

from pathlib import Path

from binhdang.committee.records import Field, RecordKind
from binhdang.ingest.templates import TemplateColumn, write_list_template
from binhdang.ingest.values import parse_date


def is_date(item: Field) -> bool:
    """Whether a field holds a date: its cells are kept as typed text (dd/mm/yyyy) in the
    template, and a form shows a date field for it."""
    return item.parse is parse_date


def write_template(kind: RecordKind, target: Path) -> Path:
    """Write ``kind``'s template to ``target`` (.xlsx)."""
    columns = [
        TemplateColumn(
            item.spec.label_vi,
            item.spec.required,
            tuple(kind.validations.get(item.name, ())),
            is_date(item),
        )
        for item in kind.fields
    ]
    sheet = kind.template_sheet or kind.title_vi
    return write_list_template(target, sheet, columns, kind.examples, kind.template_fill)
