"""Messages of the indicators area (vi + en)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # A deprecated indicator code (catalogue.DEPRECATED): it keeps its former meaning for one
    # release; the note says what it counts and which code gives the official indicator.
    "indicators.deprecated.units_with_woman_key_leader": (
        "Mã cũ, chỉ dùng được đến hết phiên bản này: {code} chỉ tính cấp trưởng (số đơn vị có "
        "cấp trưởng là nữ / số đơn vị có cấp trưởng), như {heads}. Chỉ tiêu của Nghị quyết "
        "28/NQ-CP theo số liệu đặc tả chính thức (lãnh đạo chủ chốt gồm cấp trưởng và cấp phó, "
        "trên tổng số đơn vị) là {official}.",
        "Old code, working until the end of this release: {code} counts heads only (units with "
        "a woman head / units that have a head), as {heads} does. The Resolution 28/NQ-CP "
        "indicator by its official metadata (key leadership = head and deputies, over all "
        "units) is {official}.",
    ),
    "indicators.deprecated_mark": ("mã cũ", "deprecated"),
    # The columnar copy's settings (binhdang.indicators.columnar).
    "settings.bad_columnar": (
        "{setting} phải là 1 (bật) hoặc 0 (tắt), không phải «{value}».",
        "{setting} must be 1 (on) or 0 (off), not “{value}”.",
    ),
    "settings.bad_whole_number": (
        "{setting} phải là một số nguyên từ 0, không phải «{value}».",
        "{setting} must be a whole number from 0, not “{value}”.",
    ),
}
