"""Excel templates for the committee's lists (``binhdang template training`` …).

Written by the one list-template writer of :mod:`binhdang.ingest.templates`: the headers as
the import reads them (required ones in bold red), example rows on a second sheet (never imported), and drop-down lists
for closed sets.
"""

from __future__ import annotations

from pathlib import Path

from binhdang.committee.records import RecordKind
from binhdang.ingest.templates import TemplateColumn, write_list_template

DATE_FIELDS = {"start_on", "end_on", "decision_date", "issued_on", "period_from", "period_to"}


def write_template(kind: RecordKind, target: Path) -> Path:
    """Write ``kind``'s template to ``target`` (.xlsx)."""
    columns = [
        TemplateColumn(
            item.spec.label_vi,
            item.spec.required,
            tuple(kind.validations.get(item.name, ())),
            item.name in DATE_FIELDS,
        )
        for item in kind.fields
    ]
    return write_list_template(target, kind.title_vi, columns, kind.examples)
