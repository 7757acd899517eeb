"""The demo's reports: ``make demo`` writes the report in every format next to its database."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.console import Console

from binhdang.messages import Lang, text
from binhdang.reports.build import ReportRequest
from binhdang.reports.service import plan_outputs, write_reports
from binhdang.store import database

# The demo's yearly report as an office issues it: the staff counted on the list of 01/10/2022
# (the headcount date), the records of the annual period 15/12/2021–14/12/2022 (Decree
# 09/2019/NĐ-CP, Art. 12) — so the Action Month (15/11–15/12) is in — and signed two days after
# the period ends. Its number comes before the office's 07/BC-BHXH of 20/12/2022 (the Action
# Month report in the demo's documents).
DEMO_ISSUE_DATE = date(2022, 12, 16)
DEMO_NUMBER = "06/BC-BHXH"


def write_demo_reports(
    url: str, out_dir: Path, unit_code: str, as_of, lang: Lang, console: Console
) -> list[Path]:
    """DOCX, XLSX, HTML and (with LibreOffice) PDF of the demo office into ``out_dir``."""
    request = ReportRequest(
        unit_code=unit_code,
        as_of=as_of,
        lang=lang,
        issue_date=DEMO_ISSUE_DATE,
        number=DEMO_NUMBER,
        place="Quảng Trị",
        parent_body="Bảo hiểm xã hội Việt Nam",
        signer="Nguyễn Văn An",  # synthetic, like every name of the demo
        recipients=(
            "Bảo hiểm xã hội Việt Nam",
            "Ban Vì sự tiến bộ phụ nữ BHXH Việt Nam",
            "Giám đốc, các Phó Giám đốc",
        ),
    )
    engine = database.open_current(url)
    try:
        outputs = plan_outputs(out_dir, None, unit_code, as_of, lang)
        result = write_reports(engine, request, outputs, pdf_required=False)
    finally:
        engine.dispose()
    for warning in result.warnings:
        console.print(f"{text('warning.prefix', lang)}: {warning.render(lang)}")
    for path in result.files:
        console.print(text("out.written", lang, file=path))
    return result.files
