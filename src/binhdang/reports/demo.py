"""The demo's reports: ``make demo`` writes the report in every format next to its database."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from binhdang.messages import Lang, text
from binhdang.reports.build import ReportRequest
from binhdang.reports.service import plan_outputs, write_reports
from binhdang.store import database


def write_demo_reports(url: str, out_dir: Path, unit_code: str, as_of, lang: Lang,  # type: ignore[no-untyped-def]
                       console: Console) -> list[Path]:  # fmt: skip
    """DOCX, XLSX, HTML and (with LibreOffice) PDF of the demo office into ``out_dir``."""
    request = ReportRequest(
        unit_code=unit_code,
        as_of=as_of,
        lang=lang,
        number="07/BC-BHXH",
        place="Quảng Trị",
        parent_body="Bảo hiểm xã hội Việt Nam",
        signer="Nguyễn Văn An",  # synthetic, like every name of the demo
        recipients=("Bảo hiểm xã hội Việt Nam", "Ban Vì sự tiến bộ phụ nữ BHXH Việt Nam",
                    "Giám đốc, các Phó Giám đốc"),
    )  # fmt: skip
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
