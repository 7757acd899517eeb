"""Messages of the pay area (vi + en): the checks of a staff list's pay columns."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "pay.coefficient": (
        "hệ số «{value}» không đọc được: ghi một số có tối đa hai chữ số thập phân, dấu phẩy "
        "hoặc dấu chấm (ví dụ 4,40)",
        "the coefficient “{value}” cannot be read: write a number with at most two decimals, "
        "with a comma or a point (for example 4,40)",
    ),
    "pay.step": (
        "bậc «{value}» không đọc được: ghi một số nguyên từ 1",
        "the step “{value}” cannot be read: write a whole number from 1",
    ),
    "pay.percent": (
        "«{value}» không đọc được: ghi số phần trăm nguyên từ 0 đến 100 (ví dụ 7 hoặc 7%)",
        "“{value}” cannot be read: write a whole percentage from 0 to 100 (for example 7 or 7%)",
    ),
    "pay.step_out_of_range": (
        "ngạch {grade} ({group}) có từ bậc 1 đến bậc {last}, không có bậc {step} ({source})",
        "grade {grade} ({group}) has steps 1 to {last}, not step {step} ({source})",
    ),
    "pay.coefficient_mismatch": (
        "hệ số lương {value} không đúng với ngạch {grade} bậc {step}: hệ số của bậc này là "
        "{expected} ({source})",
        "the salary coefficient {value} does not fit grade {grade} step {step}: that step's "
        "coefficient is {expected} ({source})",
    ),
    "pay.seniority_not_last_step": (
        "phụ cấp thâm niên vượt khung chỉ có ở bậc cuối của ngạch (bậc {last}), không ở bậc "
        "{step} (Nghị định 204/2004/NĐ-CP Điều 6)",
        "the seniority-beyond-scale allowance applies only at the grade's last step (step "
        "{last}), not step {step} (Decree 204/2004/NĐ-CP Art. 6)",
    ),
    "pay.step_without_grade": (
        "có bậc hoặc hệ số lương nhưng không có mã ngạch: ghi mã ngạch (ví dụ 01.003) để kiểm "
        "tra được hệ số",
        "a step or salary coefficient without a grade code: write the grade code (for example "
        "01.003) so that the coefficient can be checked",
    ),
    "pay.grade_needs_step": (
        "có mã ngạch nhưng thiếu bậc hoặc hệ số lương: ghi cả ba",
        "a grade code without its step or salary coefficient: write all three",
    ),
    "pay.unknown_grade": (
        "Mã ngạch «{grade}» (dòng {row}) không có trong bảng ngạch của binhdang "
        "(src/binhdang/pay/grades.toml): hệ số lương không được kiểm tra và người này không "
        "được tính vào nhóm ngạch.",
        "The grade code “{grade}” (row {row}) is not in binhdang's grade table "
        "(src/binhdang/pay/grades.toml): its salary coefficient is not checked and the person "
        "counts in no grade group.",
    ),
    "pay.last_raise_future": (
        "ngày nâng bậc lương lần cuối {value} sau ngày của danh sách {as_of}",
        "the date of the last step raise {value} is after the list's date {as_of}",
    ),
    "pay.bad_grades_file": (
        "Bảng ngạch lương {file} không đọc được: {reason}.",
        "The grade table {file} cannot be read: {reason}.",
    ),
    "settings.bad_min_group": (
        "{setting} phải là một số nguyên từ 1, không phải «{value}».",
        "{setting} must be a whole number from 1, not “{value}”.",
    ),
    # ---- the report section "Ngạch, bậc lương và thăng tiến" ----
    "pay.report.title": ("Ngạch, bậc lương và thăng tiến", "Grades, pay steps and careers"),
    "pay.report.no_data": (
        "Chưa có số liệu ngạch, bậc lương: nhập danh sách cán bộ có các cột Mã ngạch, Bậc "
        "lương, Hệ số lương (có trong mẫu danh sách cán bộ).",
        "No grade or pay data yet: import a staff list with the columns Mã ngạch, Bậc lương, "
        "Hệ số lương (they are in the staff list template).",
    ),
    "pay.report.summary": (
        "Tại ngày {as_of}, {people} người có hệ số lương, trong đó {women} nữ. Chênh lệch tổng "
        "hệ số lương (lương theo ngạch, bậc cộng phụ cấp chức vụ và thâm niên vượt khung) "
        "giữa nam và nữ, tính trên hệ số của nam: bình quân {mean}, trung vị {median} (số "
        "dương: nam cao hơn).",
        "On {as_of}, {people} people have a pay coefficient, {women} of them women. Gap in "
        "total coefficient (grade and step salary plus position and seniority allowances) "
        "between men and women, as a share of men's: mean {mean}, median {median} (positive: "
        "men higher).",
    ),
    "pay.report.senior": (
        "Nữ chiếm {share} số người ở ngạch loại A3 và A2 ({women}/{people} người), so với "
        "{all_share} của tất cả những người có ngạch trong bảng ngạch.",
        "Women are {share} of the people in grade groups A3 and A2 ({women}/{people}), "
        "against {all_share} of everyone whose grade is in the grade table.",
    ),
    "pay.report.rates": (
        "Trong 12 tháng đến ngày {as_of}: chênh lệch tỷ lệ nâng bậc lương trước thời hạn nam – "
        "nữ {early} điểm %, chênh lệch tỷ lệ thăng tiến (bổ nhiệm hoặc nâng ngạch) {promotion} "
        "điểm % (số dương: nam cao hơn).",
        "In the 12 months to {as_of}: gap in early step raise rates, men − women, {early} "
        "points; gap in promotion rates (appointment or higher grade) {promotion} points "
        "(positive: men higher).",
    ),
    "pay.report.maternity": (
        "{raised}/{due} nữ trở lại sau nghỉ thai sản có bậc lương đến hạn trong thời gian nghỉ "
        "đã được nâng bậc ({share}).",
        "{raised} of {due} women back from maternity leave with a step raise due during it "
        "got the raise ({share}).",
    ),
    "pay.report.small": (
        "Số liệu của nhóm dưới {threshold} người không được hiển thị («< {threshold}») để "
        "không nhận diện được cá nhân.",
        "Figures of groups under {threshold} people are not shown (“< {threshold}”) so that "
        "no one can be identified.",
    ),
    "pay.report.table.groups": ("Nữ theo loại ngạch", "Women by grade group"),
    "pay.report.table.quarters": (
        "Nữ trong từng phần tư theo tổng hệ số lương",
        "Women in each pay quarter by total coefficient",
    ),
    "pay.report.table.rates": (
        "Nâng bậc lương trước thời hạn và thăng tiến theo giới tính (12 tháng)",
        "Early step raises and promotions by sex (12 months)",
    ),
    "pay.report.chart.groups": ("Nữ và nam theo loại ngạch", "Women and men by grade group"),
    "pay.report.chart.quarters": (
        "Nữ và nam trong từng phần tư theo hệ số lương",
        "Women and men in each pay quarter",
    ),
    "pay.report.sheet": ("Ngạch lương", "Grades and pay"),
    "pay.report.sheet_quarters": ("Phần tư lương", "Pay quarters"),
    "pay.report.sheet_careers": ("Nâng bậc, thăng tiến", "Raises and promotions"),
    "pay.report.col.group": ("Loại ngạch", "Grade group"),
    "pay.report.col.quarter": ("Phần tư", "Quarter"),
    "pay.report.col.measure": ("Chỉ tiêu", "Measure"),
    "pay.report.col.women_rate": ("Tỷ lệ ở nữ", "Women's rate"),
    "pay.report.col.men_rate": ("Tỷ lệ ở nam", "Men's rate"),
    "pay.report.col.gap": ("Chênh lệch (điểm %)", "Gap (points)"),
    "pay.report.row.early": ("Nâng bậc trước thời hạn", "Early step raise"),
    "pay.report.row.post": ("Bổ nhiệm cấp phó, cấp trưởng", "Appointed deputy or head"),
    "pay.report.row.grade": ("Nâng ngạch", "Promoted to a higher grade"),
    "pay.report.row.promoted": ("Thăng tiến (một trong hai)", "Promoted (either)"),
    "pay.report.people_axis": ("Số người", "People"),
}
