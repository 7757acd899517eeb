"""Messages of the national-scale area (vi, en)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "scale.not_empty": (
        "Cơ sở dữ liệu {db} đã có dữ liệu ({persons} người, {units} đơn vị). "
        "Bộ dữ liệu tổng hợp chỉ được sinh vào một cơ sở dữ liệu trống.",
        "The database {db} already holds data ({persons} persons, {units} units). "
        "The synthetic dataset is generated only into an empty database.",
    ),
    "scale.committee_not_empty": (
        "Cơ sở dữ liệu {db} đã có {records} hồ sơ của Ban (đào tạo, khen thưởng, quy hoạch, "
        "kế hoạch, hoạt động). Bộ dữ liệu tổng hợp chỉ được sinh vào một cơ sở dữ liệu trống.",
        "The database {db} already holds {records} committee records (training, awards, "
        "succession, plans, activities). The synthetic dataset is generated only into an "
        "empty database.",
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
    "scale.stage.training": ("Ghi đào tạo, bồi dưỡng", "Writing training"),
    "scale.stage.award": ("Ghi khen thưởng", "Writing awards"),
    "scale.stage.succession": ("Ghi quy hoạch", "Writing succession plans"),
    "scale.stage.plan": ("Ghi kế hoạch", "Writing plans"),
    "scale.stage.activity": ("Ghi hoạt động", "Writing activities"),
    "scale.stage.index": ("Tạo chỉ mục", "Building indexes"),
    "scale.stage.checks": (
        "Kiểm tra giai đoạn không chồng lên nhau",
        "Checking that no periods overlap",
    ),
    "scale.generated": (
        "Đã sinh {units} đơn vị, {persons} người, {employment} dòng công tác, {positions} "
        "dòng chức vụ ({start} – {end}); hồ sơ của Ban: {training} lượt đào tạo, bồi dưỡng, "
        "{awards} khen thưởng, {succession} lượt quy hoạch, {plans} kế hoạch, {activities} "
        "hoạt động; vào {db} trong {seconds} giây.",
        "Generated {units} units, {persons} persons, {employment} employment rows, "
        "{positions} post rows ({start} – {end}); committee records: {training} training "
        "records, {awards} awards, {succession} succession entries, {plans} plans, "
        "{activities} activities; into {db} in {seconds} s.",
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
