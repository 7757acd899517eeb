"""The Excel template of the maternity leave list (``binhdang template maternity``)."""

from __future__ import annotations

from pathlib import Path

from binhdang.ingest.templates import TemplateColumn, write_list_template
from binhdang.policies.records import EXAMPLE_ROWS, MATERNITY_COLUMNS

DATE_FIELDS = {"expected_birth", "actual_birth", "leave_start", "leave_end"}


def write_maternity_template(target: Path) -> Path:
    """Headers, two example rows (second sheet), dates kept as typed text (dd/mm/yyyy)."""
    columns = [
        TemplateColumn(spec.label_vi, spec.required, is_date=spec.field in DATE_FIELDS)
        for spec in MATERNITY_COLUMNS
    ]
    return write_list_template(target, "Thai sản", columns, EXAMPLE_ROWS, header_fill="FCE4D6")
