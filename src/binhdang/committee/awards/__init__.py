"""Awards: the kind as the adapters see it (:mod:`binhdang.committee.registry`).

Its table is in :mod:`binhdang.committee.tables`; its parsers and checks are ``KIND`` in
:mod:`binhdang.committee.awards.parsing`.
"""

from binhdang.committee.registry import IndicatorView, KindEntry, ReportView, declare

ENTRY = declare(
    KindEntry(
        name="awards",
        title_vi="Khen thưởng",
        title_en="Awards",
        fields_en=(
            "staff_code",
            "unit_code",
            "form",
            "title",
            "issuer",
            "decision_number",
            "decision_date",
            "year",
            "reason",
            "movement",
        ),
        module="binhdang.committee.awards.parsing",
        order=20,
        after=("movements",),  # its records name their records: imported after them
        demo="binhdang.demo.committee:write_awards",
        generate="binhdang.scale.committee:GENERATE_AWARDS",
        examples={
            "import": "binhdang import awards khen_thuong_2022.xlsx",
            "list": "binhdang awards list --year 2022",
            "add": "binhdang awards add staff_code=QT0012 form='Giấy khen' "
            "issuer='Giám đốc BHXH tỉnh Quảng Trị' decision_number=15/QĐ-BHXH "
            "decision_date=10/01/2023 year=2022",
            "edit": "binhdang awards edit 3 reason='Hoàn thành xuất sắc nhiệm vụ năm 2022'",
            "delete": "binhdang awards delete 3",
        },
        indicators=IndicatorView(
            "Chỉ tiêu khen thưởng theo giới",
            "Award indicators by sex",
            "binhdang awards indicators --unit BHXH_QT --year 2022 --as-of 01/10/2022",
            "binhdang.committee.awards.service:award_indicators",
            "binhdang.committee.report_sections:award_blocks",
        ),
        reports=(
            ReportView(
                "committee_awards",
                400,
                "committee.report.section.awards",
                "binhdang.committee.report_sections:awards_section",
            ),
        ),
    )
)
