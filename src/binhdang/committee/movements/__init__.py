"""Emulation movements: the kind as the adapters see it (:mod:`binhdang.committee.registry`).

Its table is in :mod:`binhdang.committee.tables`; its parsers and checks are ``KIND`` in
:mod:`binhdang.committee.movements.parsing`.
"""

from binhdang.committee.registry import IndicatorView, KindEntry, ReportView, declare

ENTRY = declare(
    KindEntry(
        name="movements",
        title_vi="Phong trào thi đua",
        title_en="Emulation movements",
        fields_en=("name", "organiser", "start_on", "end_on", "units", "persons", "description"),
        module="binhdang.committee.movements.parsing",
        order=60,
        demo="binhdang.demo.committee:write_movements",
        examples={
            "import": "binhdang import movements phong_trao.xlsx",
            "list": "binhdang movements list --year 2022",
            "add": "binhdang movements add name='Gia đình ấm no, bình đẳng, tiến bộ, hạnh phúc' "
            "organiser='Công đoàn BHXH tỉnh' start_on=01/01/2022 units='QT_VP; QT_DONGHA'",
            "edit": "binhdang movements edit 1 end_on=31/12/2026",
            "delete": "binhdang movements delete 1",
        },
        indicators=IndicatorView(
            "Phong trào thi đua: tham gia và khen thưởng",
            "Emulation movements: participation and awards",
            "binhdang movements indicators --unit BHXH_QT --year 2022",
            "binhdang.committee.movements.service:movement_indicators",
            "binhdang.committee.report_sections:movement_blocks",
        ),
        reports=(
            ReportView(
                "committee_movements",
                450,
                "committee.report.section.movements",
                "binhdang.committee.report_sections:movements_section",
            ),
        ),
    )
)
