"""The retention rule: how long binhdang keeps a person's identity after their employment ends.

binhdang holds statistical copies of the staff lists, not the official personnel files: those
(«Hồ sơ gốc cán bộ, công chức, viên chức») are kept permanently by the personnel department
under the archive rules (Law on Archives 33/2024/QH15; Circular 10/2022/TT-BNV, Appendix, group
"Tài liệu tổ chức, nhân sự", as read from a secondary transcription — not verified against the
official text offline). Law 91/2025/QH15 Art. 3 asks that personal data be kept only as long
as its purpose needs. binhdang's purpose for a person who left is the committee's records and
reports, which that table keeps 10 years («Hồ sơ hoạt động của Ban Vì sự tiến bộ phụ nữ — 10
năm»): hence the default of BINHDANG_RETENTION_YEARS. The figures survive anonymisation.
"""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta

from binhdang import settings
from binhdang.errors import BinhdangError

MAX_YEARS = 100


def retention_years() -> int:
    """BINHDANG_RETENTION_YEARS as a whole number of years (0–100), read when asked."""
    value = settings.RETENTION_YEARS.value().strip()
    if not value.isdigit() or int(value) > MAX_YEARS:
        raise BinhdangError.of("privacy.purge.bad_years", value=value)
    return int(value)


def default_cutoff(today: date, years: int) -> date:
    """The ``--before`` date the retention rule gives on ``today``: ``years`` years earlier."""
    return today - relativedelta(years=years)
