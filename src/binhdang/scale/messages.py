"""Messages of the national-scale area (vi, en)."""

from __future__ import annotations

from binhdang.messages import register_messages

register_messages(
    {
        "scale.not_empty": (
            "Cơ sở dữ liệu {db} đã có dữ liệu ({persons} người, {units} đơn vị). "
            "Bộ dữ liệu tổng hợp chỉ được sinh vào một cơ sở dữ liệu trống.",
            "The database {db} already holds data ({persons} persons, {units} units). "
            "The synthetic dataset is generated only into an empty database.",
        ),
        "scale.bad_shape": (
            "Tham số không hợp lệ: {reason}",
            "Invalid parameters: {reason}",
        ),
        "scale.stage.draw": ("Sinh dữ liệu", "Drawing the dataset"),
        "scale.stage.unit": ("Ghi đơn vị", "Writing units"),
        "scale.stage.person": ("Ghi người", "Writing persons"),
        "scale.stage.employment": ("Ghi quá trình công tác", "Writing employment"),
        "scale.stage.position": ("Ghi chức vụ", "Writing posts"),
        "scale.stage.index": ("Tạo chỉ mục", "Building indexes"),
        "scale.generated": (
            "Đã sinh {units} đơn vị, {persons} người, {employment} dòng công tác, {positions} "
            "dòng chức vụ ({start} – {end}) vào {db} trong {seconds} giây.",
            "Generated {units} units, {persons} persons, {employment} employment rows, "
            "{positions} post rows ({start} – {end}) into {db} in {seconds} s.",
        ),
        "scale.trend.header": (
            "Xu hướng của {unit} ({count} kỳ): {indicator}",
            "Trend for {unit} ({count} periods): {indicator}",
        ),
        "scale.trend.as_of": ("Ngày", "As of"),
        "scale.trend.all": ("tất cả chỉ tiêu", "all indicators"),
        "scale.trend.bad_every": (
            "--every phải là year hoặc month.",
            "--every must be year or month.",
        ),
        "scale.trend.bad_indicator": (
            "Không có chỉ tiêu {code}. Các chỉ tiêu: {choices}",
            "No indicator {code}. Indicators: {choices}",
        ),
    }
)
