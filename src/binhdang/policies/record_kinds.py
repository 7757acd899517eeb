"""Maternity leave as a record kind of the registry (:mod:`binhdang.committee.registry`).

Found by name (``record_kinds``), as report sections are. Its ``RecordKind`` (table, parsers,
the check of a leave against the law in force) is ``MATERNITY`` in
:mod:`binhdang.policies.records`. From the registry it gets ``binhdang import maternity``,
``binhdang template maternity`` and its list in the demo; and its section of the yearly report
(the function :mod:`binhdang.policies.report_sections` holds); its own commands (``maternity
list`` is the report of who is on leave, ``add``/``edit`` take options) stay in
:mod:`binhdang.cli.policies`.
"""

from binhdang.committee.registry import KindEntry, ReportView, declare

FIELDS_EN = ("staff_code", "full_name", "expected_birth", "actual_birth", "babies",
             "birth_order", "leave_start", "leave_end", "note")  # fmt: skip

MATERNITY = declare(
    KindEntry(
        name="maternity",
        title_vi="Nghỉ thai sản",
        title_en="Maternity leave",
        fields_en=FIELDS_EN,
        module="binhdang.policies.records",
        order=5,
        examples={"import": "binhdang import maternity thai_san.xlsx"},
        # the report's section (registered with the kinds' sections, committee.report_sections)
        reports=(
            ReportView(
                "maternity",
                610,
                "policies.report.maternity",
                "binhdang.policies.report_sections:maternity_section",
            ),
        ),
        area="policies",
        import_messages=("import.summary", "warning.more"),
        demo="binhdang.demo.run:write_maternity_list",
    )
)
