"""Activities: the kind as the adapters see it (:mod:`binhdang.committee.registry`).

Its table is in :mod:`binhdang.committee.tables`; its parsers and checks are ``KIND`` in
:mod:`binhdang.committee.activities.parsing`.
"""

from binhdang.committee.registry import (
    EvidenceView,
    IndicatorView,
    KindEntry,
    ReportView,
    declare,
)

ENTRY = declare(
    KindEntry(
        name="activities",
        title_vi="Hoạt động",
        title_en="Activities",
        fields_en=(
            "plan",
            "title",
            "activity_type",
            "unit_code",
            "start_on",
            "end_on",
            "participants_female",
            "participants_male",
            "status",
            "notes",
            "evidence",
        ),
        module="binhdang.committee.activities.parsing",
        order=50,
        after=("plans",),  # its records name their records: imported after them
        demo="binhdang.demo.committee:write_activities",
        evidence=EvidenceView(
            "hoạt động",
            "activity",
            "an activity",
            "binhdang.committee.attachments:store",
            "binhdang.committee.attachments:list_for",
            "binhdang.committee.attachments:read",
            {
                "attach": "binhdang activities attach 7 bien_ban.pdf anh_mit_tinh.jpg",
                "attachments": "binhdang activities attachments 7",
                "attachment": "binhdang activities attachment 3 --out bien_ban.pdf",
            },
        ),
        generate="binhdang.scale.committee:GENERATE_ACTIVITIES",
        examples={
            "import": "binhdang import activities hoat_dong_2022.xlsx",
            "list": "binhdang activities list --year 2022",
            "add": "binhdang activities add plan=45/KH-BHXH title='Mít tinh hưởng ứng' "
            "activity_type='Tháng hành động' unit_code=QT_DONGHA start_on=18/11/2022 "
            "status='Đã thực hiện' participants_female=18 participants_male=9",
            "edit": "binhdang activities edit 7 status='Hủy'",
            "delete": "binhdang activities delete 7",
        },
        indicators=IndicatorView(
            "Hoạt động: kế hoạch và thực hiện, người tham gia",
            "Activities: planned and done, participants",
            "binhdang activities indicators --unit BHXH_QT --year 2022",
            "binhdang.committee.activities.service:activity_indicators",
            "binhdang.committee.report_sections:activity_blocks",
        ),
        reports=(
            ReportView(
                "committee_action_month",
                510,
                "committee.report.section.action_month",
                "binhdang.committee.report_sections:action_month_section",
            ),
        ),
    )
)
