"""Documents and plans: the kind as the adapters see it (:mod:`binhdang.committee.registry`).

Its table is in :mod:`binhdang.committee.tables`; its parsers and checks are ``KIND`` in
:mod:`binhdang.committee.plans.parsing`.
"""

from binhdang.committee.registry import IndicatorView, KindEntry, ReportView, declare

ENTRY = declare(
    KindEntry(
        name="plans",
        title_vi="Văn bản, kế hoạch",
        title_en="Documents and plans",
        fields_en=(
            "number",
            "issued_on",
            "issuing_body",
            "title",
            "period_from",
            "period_to",
            "parent",
            "unit_code",
            "targets",
        ),
        module="binhdang.committee.plans.parsing",
        order=40,
        demo="binhdang.demo.committee:write_plans",
        generate="binhdang.scale.committee:GENERATE_PLANS",
        examples={
            "import": "binhdang import plans ke_hoach_2022.xlsx",
            "list": "binhdang plans list --year 2022",
            "add": "binhdang plans add number='Số: 45/KH-BHXH' issued_on=25/10/2022 "
            "issuing_body='BHXH tỉnh Quảng Trị' title='Kế hoạch Tháng hành động năm 2022' "
            "parent=190/KH-UBND",
            "edit": "binhdang plans edit 2 period_to=15/12/2022",
            "delete": "binhdang plans delete 2",
        },
        indicators=IndicatorView(
            "Văn bản, kế hoạch trong năm và hoạt động",
            "Documents and plans of the year, activities",
            "binhdang plans indicators --unit BHXH_QT --year 2022",
            "binhdang.committee.plans.service:plans_of_year",
            "binhdang.committee.report_sections:plan_blocks",
            subtree=False,
        ),
        reports=(
            ReportView(
                "committee_plans",
                500,
                "committee.report.section.plans",
                "binhdang.committee.report_sections:plans_section",
            ),
        ),
    )
)
