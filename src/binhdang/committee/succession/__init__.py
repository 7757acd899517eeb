"""Succession planning: the kind as the adapters see it (:mod:`binhdang.committee.registry`).

Its table is in :mod:`binhdang.committee.tables`; its parsers and checks are ``KIND`` in
:mod:`binhdang.committee.succession.parsing`.
"""

from binhdang.committee.registry import IndicatorView, KindEntry, ReportView, declare

ENTRY = declare(
    KindEntry(
        name="succession",
        title_vi="Quy hoạch cán bộ",
        title_en="Succession planning",
        fields_en=("staff_code", "unit_code", "post", "level", "term", "decision_number", "notes"),
        module="binhdang.committee.succession.parsing",
        order=30,
        demo="binhdang.demo.committee:write_succession",
        generate="binhdang.scale.committee:GENERATE_SUCCESSION",
        examples={
            "import": "binhdang import succession quy_hoach_2021_2026.xlsx",
            "list": "binhdang succession list --year 2021",
            "add": "binhdang succession add staff_code=QT0030 unit_code=QT_DONGHA post='Giám đốc' "
            "level='Cấp trưởng' term=2021-2026",
            "edit": "binhdang succession edit 4 post='Phó Giám đốc' level='Cấp phó'",
            "delete": "binhdang succession delete 4",
        },
        indicators=IndicatorView(
            "Tỷ lệ nữ trong quy hoạch so với hiện tại và mức tối thiểu theo quy định đang hiệu lực",
            "Women in the succession plan against posts now and the minimum in force",
            "binhdang succession indicators --unit BHXH_QT --term 2021 --as-of 01/10/2022",
            "binhdang.committee.succession.service:succession_indicators",
            "binhdang.committee.report_sections:succession_blocks",
            period="term",
        ),
        reports=(
            ReportView(
                "committee_succession",
                250,
                "committee.report.section.succession",
                "binhdang.committee.report_sections:succession_section",
            ),
        ),
    )
)
