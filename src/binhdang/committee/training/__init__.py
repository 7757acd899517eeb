"""Training: the kind as the adapters see it (:mod:`binhdang.committee.registry`).

Its table is in :mod:`binhdang.committee.tables`; its parsers and checks are ``KIND`` in
:mod:`binhdang.committee.training.parsing`.
"""

from binhdang.committee.registry import IndicatorView, KindEntry, ReportView, declare

ENTRY = declare(
    KindEntry(
        name="training",
        title_vi="Đào tạo, bồi dưỡng",
        title_en="Training",
        fields_en=(
            "staff_code",
            "course_type",
            "course_name",
            "provider",
            "start_on",
            "end_on",
            "status",
            "decision_number",
        ),
        module="binhdang.committee.training.parsing",
        order=10,
        demo="binhdang.demo.committee:write_training",
        generate="binhdang.scale.committee:GENERATE_TRAINING",
        examples={
            "import": "binhdang import training dao_tao_2022.xlsx",
            "list": "binhdang training list --year 2022",
            "add": "binhdang training add staff_code=QT0005 course_type='Cao cấp lý luận chính trị' "
            "course_name='Lớp K72' start_on=15/03/2022 status='Đang học'",
            "edit": "binhdang training edit 12 status='Đã hoàn thành' end_on=30/11/2022",
            "delete": "binhdang training delete 12",
        },
        indicators=IndicatorView(
            "Chỉ tiêu đào tạo, bồi dưỡng theo giới",
            "Training indicators by sex",
            "binhdang training indicators --unit BHXH_QT --year 2022 --as-of 01/10/2022",
            "binhdang.committee.training.service:training_indicators",
            "binhdang.committee.report_sections:training_blocks",
        ),
        reports=(
            ReportView(
                "committee_training",
                300,
                "committee.report.section.training",
                "binhdang.committee.report_sections:training_section",
            ),
        ),
    )
)
