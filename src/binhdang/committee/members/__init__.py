"""Members of the Committee for the Advancement of Women: the kind as the adapters
see it (:mod:`binhdang.committee.registry`).

Its table is in :mod:`binhdang.committee.tables`; its parsers and checks are ``KIND`` in
:mod:`binhdang.committee.members.parsing`.
"""

from binhdang.committee.registry import KindEntry, ReportView, declare

ENTRY = declare(
    KindEntry(
        name="members",
        title_vi="Thành viên Ban Vì sự tiến bộ phụ nữ",
        title_en="Members of the Committee for the Advancement of Women",
        fields_en=(
            "unit_code",
            "decision_number",
            "decision_date",
            "decision_issuer",
            "staff_code",
            "full_name",
            "sex",
            "job_title",
            "post",
            "notes",
        ),
        module="binhdang.committee.members.parsing",
        order=70,
        demo="binhdang.demo.committee:write_members",
        examples={
            "import": "binhdang import members thanh_vien_ban_2022.xlsx",
            "list": "binhdang members list --year 2022",
            "add": "binhdang members add unit_code=BHXH_QT decision_number=25/QĐ-BHXH "
            "decision_date=15/02/2022 decision_issuer='Giám đốc BHXH tỉnh Quảng Trị' "
            "staff_code=QT0002 post='Trưởng ban'",
            "edit": "binhdang members edit 3 job_title='Phó Giám đốc BHXH tỉnh'",
            "delete": "binhdang members delete 3",
        },
        indicators=None,
        reports=(
            ReportView(
                "committee_members",
                90,
                "committee.members.report.title",
                "binhdang.committee.members.report_section:members_section",
            ),
        ),
    )
)
