"""Messages of the pay area (vi + en): the checks of a staff list's pay columns."""

from __future__ import annotations

from binhdang.messages import register_messages

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
}
register_messages(MESSAGES)
