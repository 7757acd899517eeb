"""Messages of the reporting rounds (vi + en)."""

from __future__ import annotations

STATE_LABELS: dict[str, tuple[str, str]] = {
    "not_submitted": ("chưa nộp", "not submitted"),
    "submitted": ("đã nộp", "submitted"),
    "returned": ("bị trả lại", "returned"),
    "accepted": ("đã duyệt", "accepted"),
}

MESSAGES: dict[str, tuple[str, str]] = {
    **{f"rounds.state.{key}": labels for key, labels in STATE_LABELS.items()},
    "rounds.unknown_unit": ("Không có đơn vị mã {code}.", "There is no unit with code {code}."),
    "rounds.bad_level": (
        "Cấp «{value}» không hợp lệ: dùng children (đơn vị trực thuộc), leaves (đơn vị cuối) "
        "hoặc một số từ 1 (số cấp dưới đơn vị).",
        "Level “{value}” is not valid: use children, leaves or a number from 1 (levels below "
        "the unit).",
    ),
    "rounds.no_members": (
        "Đơn vị {unit} không có đơn vị nào ở cấp {level} để mở đợt báo cáo.",
        "Unit {unit} has no unit at level {level} to open a round for.",
    ),
    "rounds.exists": (
        "Đơn vị {unit} đã mở đợt báo cáo năm {year}.",
        "Unit {unit} has already opened a round for {year}.",
    ),
    "rounds.no_round": (
        "Đơn vị {unit} chưa mở đợt báo cáo năm {year} (binhdang round open).",
        "Unit {unit} has no round for {year} (binhdang round open).",
    ),
    "rounds.already_closed": (
        "Đợt báo cáo năm {year} của {unit} đã đóng.",
        "The {year} round of {unit} is already closed.",
    ),
    "rounds.closed": (
        "Đợt báo cáo của đơn vị {unit} đã đóng: không nộp hoặc duyệt thêm được.",
        "The round of unit {unit} is closed: no more submissions or reviews.",
    ),
    "rounds.changed_meanwhile": (
        "Đợt báo cáo năm {year} của đơn vị {unit} đã thay đổi trong lúc chuẩn bị bản nộp "
        "(một lần nộp khác đã được lưu); chưa lưu gì, hãy xem lại và nộp lại.",
        "The {year} round of unit {unit} changed while the submission was being prepared "
        "(another submission was stored); nothing was stored, check and submit again.",
    ),
    "rounds.not_member": (
        "Đơn vị {unit} không thuộc đợt báo cáo nào năm {year}.",
        "Unit {unit} is not in any round for {year}.",
    ),
    "rounds.several": (
        "Đơn vị {unit} báo cáo trong nhiều đợt năm {year} ({bodies}): chọn một bằng --body.",
        "Unit {unit} reports in several rounds for {year} ({bodies}): choose one with --body.",
    ),
    "rounds.already_submitted": (
        "Đơn vị {unit} đã nộp và đang chờ duyệt: chỉ nộp lại được sau khi bị trả lại.",
        "Unit {unit} has submitted and waits for review: it can submit again only after a "
        "return.",
    ),
    "rounds.already_accepted": (
        "Báo cáo của đơn vị {unit} đã được duyệt: không nộp lại được.",
        "The submission of unit {unit} is accepted: it cannot be submitted again.",
    ),
    "rounds.review_not_submitted": (
        "Đơn vị {unit} chưa nộp: chưa có gì để duyệt.",
        "Unit {unit} has not submitted: there is nothing to review.",
    ),
    "rounds.review_returned": (
        "Báo cáo của đơn vị {unit} đã bị trả lại: chờ đơn vị nộp lại.",
        "The submission of unit {unit} was returned: wait for the unit to submit again.",
    ),
    "rounds.review_accepted": (
        "Báo cáo của đơn vị {unit} đã được duyệt.",
        "The submission of unit {unit} is already accepted.",
    ),
    "rounds.review_submitted": ("", ""),
    "rounds.return_needs_comment": (
        "Trả lại báo cáo của đơn vị {unit} cần có ý kiến (--comment): đơn vị cần biết phải sửa gì.",
        "Returning the submission of unit {unit} needs a comment (--comment): the unit must "
        "know what to correct.",
    ),
    "rounds.comment_too_long": ("Ý kiến dài quá {limit} ký tự.", "The comment is longer than {limit} characters."),
    "rounds.note_too_long": ("Ghi chú dài quá {limit} ký tự.", "The note is longer than {limit} characters."),
    "rounds.not_allowed_open": (
        "Chỉ biên tập viên hoặc quản trị của {unit} mới mở, đóng hoặc duyệt đợt báo cáo này.",
        "Only an editor or admin of {unit} opens, closes or reviews this round.",
    ),
    "rounds.not_allowed_review": (
        "Chỉ biên tập viên hoặc quản trị của {unit} mới duyệt được.",
        "Only an editor or admin of {unit} reviews.",
    ),
    "rounds.not_allowed_submit": (
        "Chỉ biên tập viên hoặc quản trị của chính đơn vị {unit} mới nộp được báo cáo của đơn vị.",
        "Only an editor or admin of unit {unit} itself submits its report.",
    ),
    "rounds.submitted": (
        "Đã nộp báo cáo năm {year} của {unit} (lần {version}; {parts} phần, mã SHA-256 "
        "{sha}).",
        "Submitted the {year} report of {unit} (version {version}; {parts} parts, SHA-256 "
        "{sha}).",
    ),
    "rounds.opened": (
        "Đã mở đợt báo cáo năm {year} của {unit}: {members} đơn vị, {due}.",
        "Opened the {year} round of {unit}: {members} units, {due}.",
    ),
    "rounds.no_due": ("không có hạn", "no due date"),
    "rounds.due": ("hạn nộp {date}", "due {date}"),
    "rounds.closed_now": ("Đã đóng đợt báo cáo năm {year} của {unit}.", "Closed the {year} round of {unit}."),
    "rounds.accepted": ("Đã duyệt báo cáo của {unit} (lần {version}).", "Accepted the submission of {unit} (version {version})."),
    "rounds.returned": ("Đã trả lại báo cáo của {unit} (lần {version}).", "Returned the submission of {unit} (version {version})."),
    "rounds.progress": ("{done}/{total} đã nộp", "{done}/{total} submitted"),
    "rounds.late": ("trễ hạn", "late"),
    "rounds.title": (
        "Đợt báo cáo năm {year} của {unit} (hạn {due}; kỳ {start}–{end}; số liệu ngày {as_of})",
        "{year} round of {unit} (due {due}; period {start}–{end}; figures as of {as_of})",
    ),
    "rounds.col.code": ("Mã", "Code"),
    "rounds.col.name": ("Đơn vị", "Unit"),
    "rounds.col.state": ("Trạng thái", "State"),
    "rounds.col.version": ("Lần", "Version"),
    "rounds.col.at": ("Lúc", "When"),
    "rounds.col.by": ("Người thực hiện", "By"),
    "rounds.col.late": ("Trễ hạn", "Late"),
    "rounds.yes": ("có", "yes"),
    "rounds.closed_mark": ("đã đóng", "closed"),
    # packages
    "rounds.package.written": (
        "Đã ghi gói báo cáo {file} ({unit}, năm {year}, lần {version}).",
        "Wrote the submission package {file} ({unit}, {year}, version {version}).",
    ),
    "rounds.package.imported": (
        "Đã nhận gói {file}: báo cáo năm {year} của {unit}, lần {version}, từ «{installation}» "
        "— trạng thái: đã nộp.",
        "Received {file}: the {year} report of {unit}, version {version}, from “{installation}” "
        "— state: submitted.",
    ),
    "rounds.package.none": (
        "Đơn vị {unit} chưa nộp báo cáo năm {year}: chưa có gì để xuất.",
        "Unit {unit} has not submitted for {year}: nothing to export.",
    ),
    "rounds.package.bad": (
        "Gói {file} bị từ chối, không ghi gì: {reason}",
        "Package {file} refused, nothing written: {reason}",
    ),
    "rounds.package.not_zip": ("không phải tệp zip hoặc tệp bị cắt cụt", "not a zip file, or truncated"),
    "rounds.package.too_big": ("lớn hơn {limit} MB", "larger than {limit} MB"),
    "rounds.package.bad_entry": ("có tệp lạ «{name}» trong gói", "holds an unexpected file “{name}”"),
    "rounds.package.no_manifest": ("thiếu manifest.json", "manifest.json is missing"),
    "rounds.package.bad_manifest": ("manifest.json không đọc được", "manifest.json cannot be read"),
    "rounds.package.wrong_format": ("không phải gói báo cáo binhdang", "not a binhdang submission package"),
    "rounds.package.missing_part": ("thiếu phần «{name}»", "the part “{name}” is missing"),
    "rounds.package.hash_mismatch": (
        "phần «{name}» không khớp mã SHA-256 trong manifest (gói đã bị sửa hoặc hỏng)",
        "the part “{name}” does not match its SHA-256 in the manifest (changed or damaged)",
    ),
    "rounds.package.figures_mismatch": (
        "số liệu trong gói không khớp đơn vị, năm hoặc ngày của manifest",
        "the figures do not match the manifest's unit, year or dates",
    ),
    "rounds.package.unknown_unit": ("đơn vị {unit} không có ở đây", "unit {unit} is not known here"),
    "rounds.package.foreign": (
        "gói gửi cho {body}, không phải cho đợt báo cáo năm {year} ở đây ({here})",
        "the package is for {body}, not for the {year} round here ({here})",
    ),
    "rounds.package.other_period": (
        "kỳ hoặc ngày số liệu của gói khác đợt báo cáo ở đây",
        "the package's period or headcount date differ from the round here",
    ),
    "rounds.package.replay": (
        "đã nhận lần {latest} của đơn vị {unit}; gói này là lần {version} (gửi lại bản cũ)",
        "version {latest} of unit {unit} was already received; this package is version "
        "{version} (an older one sent again)",
    ),
    "rounds.package.state": ("{reason}", "{reason}"),
    "rounds.package.too_many": ("có quá nhiều tệp ({count})", "holds too many files ({count})"),
    # consolidation
    "rounds.consolidation.title": ("Tổng hợp từ báo cáo của các đơn vị", "Consolidated from the units' submissions"),
    "rounds.consolidation.intro": (
        "Số liệu nhân sự và lãnh đạo của báo cáo này (số lượng, tỷ lệ nữ, lãnh đạo, quản lý, "
        "quy định 30%) tổng hợp từ báo cáo đã duyệt của {included}/{total} đơn vị trong đợt "
        "báo cáo năm {year}, cộng nhân sự của riêng {unit} theo dữ liệu hiện có; đơn vị chưa "
        "có báo cáo được duyệt không được tính. Các phần khác (công tác của Ban Vì sự tiến bộ "
        "phụ nữ, chính sách, mục tiêu) đọc từ dữ liệu hiện có của cài đặt này; phần đó của "
        "từng đơn vị có trong tệp báo cáo đơn vị đã nộp. Các chỉ tiêu về lương (chênh lệch "
        "bình quân, trung vị, phần tư, tỷ lệ nâng lương, thăng tiến) không cộng được từ số liệu "
        "của các đơn vị nên không có trong báo cáo tổng hợp; xem tệp báo cáo của từng đơn vị.",
        "The staff and leadership figures of this report (counts, shares of women, managers, "
        "the 30% rule) are consolidated from the accepted submissions of {included}/{total} "
        "units in the {year} round, plus the staff of {unit} itself from the current data; "
        "units without an accepted submission are not counted. The other sections (the "
        "committee's work, policies, targets) are read from this installation's current "
        "data; each unit's own are in the report files it submitted. The pay figures (mean "
        "and median gaps, quarters, raise and promotion rates) cannot be added up from the "
        "units' figures and are not in the consolidated report; see each unit's report files.",
    ),
    "rounds.consolidation.units": ("Các đơn vị trong đợt báo cáo", "Units of the round"),
    "rounds.consolidation.col.unit": ("Đơn vị", "Unit"),
    "rounds.consolidation.col.state": ("Trạng thái", "State"),
    "rounds.consolidation.col.included": ("Tính vào tổng hợp", "Included"),
    "rounds.consolidation.col.version": ("Lần nộp", "Version"),
    "rounds.consolidation.col.late": ("Trễ hạn", "Late"),
    "rounds.consolidation.col.code": ("Mã đơn vị", "Unit code"),
    "rounds.consolidation.included": ("có", "yes"),
    "rounds.consolidation.missing": ("thiếu", "missing"),
    "rounds.consolidation.differences": (
        "Khác biệt giữa báo cáo đã duyệt và dữ liệu hiện có",
        "Differences between the accepted submissions and the current data",
    ),
    "rounds.consolidation.no_differences": (
        "Số liệu của mọi báo cáo đã duyệt trùng với dữ liệu hiện có.",
        "The figures of every accepted submission equal the current data.",
    ),
    "rounds.consolidation.col.indicator": ("Chỉ tiêu", "Indicator"),
    "rounds.consolidation.col.submitted": ("Theo báo cáo", "Submitted"),
    "rounds.consolidation.col.live": ("Dữ liệu hiện có", "Current data"),
    "rounds.consolidation.needs_children": (
        "Báo cáo tổng hợp cần đợt báo cáo theo đơn vị trực thuộc (--level children): đợt "
        "năm {year} của {unit} ở cấp {level}.",
        "The consolidated report needs a round of the direct children (--level children): "
        "the {year} round of {unit} is at level {level}.",
    ),
    "rounds.consolidation.year_required": (
        "Báo cáo tổng hợp (--from-submissions) cần --year: năm của đợt báo cáo.",
        "The consolidated report (--from-submissions) needs --year: the year of the round.",
    ),
    "rounds.consolidation.as_of": (
        "Báo cáo tổng hợp dùng số liệu ngày {date} của đợt báo cáo: bỏ --as-of hoặc dùng "
        "--as-of {date} (không phải {as_of}).",
        "The consolidated report uses the round's figures of {date}: leave out --as-of or use "
        "--as-of {date} (not {as_of}).",
    ),
    "rounds.consolidation.bad_figures": (
        "Báo cáo lần {version} của {unit} không có bộ chỉ tiêu đọc được.",
        "Version {version} of {unit} holds no readable indicator set.",
    ),
}  # fmt: skip
del MESSAGES["rounds.review_submitted"]
# A refused package: one full sentence per reason, naming the file (a reason cannot be a
# nested message: it would not follow the language).
_REFUSED = ("Gói {file} bị từ chối, không ghi gì: ", "Package {file} refused, nothing written: ")
for _key in [key for key in MESSAGES if key.startswith("rounds.package.")]:
    if _key.rsplit(".", 1)[1] not in ("written", "imported", "none", "bad", "state"):
        _vi, _en = MESSAGES[_key]
        MESSAGES[_key] = (_REFUSED[0] + _vi + ".", _REFUSED[1] + _en + ".")
del MESSAGES["rounds.package.bad"], MESSAGES["rounds.package.state"]
