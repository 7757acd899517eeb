"""Messages of the policies area (retirement, maternity, targets), vi + en."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- input -----------------------------------------------------------------------------
    "policies.bad_birth": (
        "«{value}» không phải ngày sinh hợp lệ (dd/mm/yyyy, mm/yyyy hoặc yyyy).",
        "“{value}” is not a valid birth date (dd/mm/yyyy, mm/yyyy or yyyy).",
    ),
    "policies.bad_sex": (
        "«{value}» không phải giới tính hợp lệ (nu hoặc nam).",
        "“{value}” is not a valid sex (nu or nam).",
    ),
    "policies.bad_number": (
        "«{value}» không hợp lệ cho {option} (cần số nguyên từ {low} trở lên).",
        "“{value}” is not valid for {option} (a whole number of at least {low}).",
    ),
    "policies.bad_period": (
        "Ngày bắt đầu {start} sau ngày kết thúc {end}.",
        "The start {start} is after the end {end}.",
    ),
    "policies.nothing_to_change": (
        "Không có gì để sửa: hãy cho ít nhất một tùy chọn.",
        "Nothing to change: give at least one option.",
    ),
    "policies.val.count": (
        "«{value}» không phải số nguyên từ 1 trở lên",
        "“{value}” is not a whole number of at least 1",
    ),
    "policies.val.unknown_person": (
        "không có cán bộ mã «{value}» trong dữ liệu",
        "there is no staff member with code “{value}”",
    ),
    "policies.val.not_woman": (
        "cán bộ «{value}» không phải nữ; chế độ nghỉ thai sản này dành cho lao động nữ",
        "staff member “{value}” is not a woman; this maternity leave is for women",
    ),
    "policies.val.no_birth_date": (
        "cần ngày dự sinh hoặc ngày sinh con",
        "an expected or an actual birth date is required",
    ),
    "policies.val.no_rule": (
        "không có quy định được mã hóa cho ngày sinh {value} (trước 01/01/2016); không kiểm tra "
        "được thời gian nghỉ",
        "no encoded rule covers the birth date {value} (before 01/01/2016); the length of the "
        "leave is not checked",
    ),
    "policies.val.end_before_start": (
        "ngày kết thúc nghỉ {end} trước ngày bắt đầu {start}",
        "the last day {end} is before the first day {start}",
    ),
    "policies.val.too_early": (
        "bắt đầu nghỉ sớm hơn {months} tháng trước ngày sinh {birth} ({source})",
        "the leave starts more than {months} months before the birth on {birth} ({source})",
    ),
    "policies.val.longer_than_entitlement": (
        "thời gian nghỉ dài hơn {months} tháng được hưởng (đến {end}; {source})",
        "the leave is longer than the {months} months of entitlement (until {end}; {source})",
    ),
    "policies.val.duplicate_leave": (
        "cán bộ «{value}» đã có kỳ nghỉ bắt đầu cùng ngày ở dòng {other_row}",
        "staff member “{value}” already has a leave starting that day on row {other_row}",
    ),
    "policies.leave_exists": (
        "Cán bộ {staff_code} đã có kỳ nghỉ thai sản bắt đầu ngày {start} (số {id}); hãy dùng "
        "«binhdang maternity edit {id}».",
        "{staff_code} already has a maternity leave starting on {start} (no. {id}); use "
        "“binhdang maternity edit {id}”.",
    ),
    "policies.leave_unknown": (
        "Không có kỳ nghỉ thai sản số {id}.",
        "There is no maternity leave no. {id}.",
    ),
    "policies.leave_added": (
        "Đã ghi kỳ nghỉ thai sản số {id} của {staff_code}: {start} – {end} ({months} tháng theo "
        "{source}).",
        "Recorded maternity leave no. {id} of {staff_code}: {start} – {end} ({months} months "
        "under {source}).",
    ),
    "policies.leave_edited": (
        "Đã sửa kỳ nghỉ thai sản số {id}: {start} – {end}.",
        "Updated maternity leave no. {id}: {start} – {end}.",
    ),
    "policies.leave_deleted": (
        "Đã xóa kỳ nghỉ thai sản số {id}.",
        "Deleted maternity leave no. {id}.",
    ),
    # --- targets file ----------------------------------------------------------------------
    "policies.targets.none": (
        "Tệp {file} không có mục tiêu nào ([[target]]).",
        "{file} has no targets ([[target]]).",
    ),
    "policies.targets.missing": ("thiếu trường «{field}»", "the field “{field}” is missing"),
    "policies.targets.bad_field": (
        "giá trị «{value}» của trường «{field}» không hợp lệ",
        "the value “{value}” of the field “{field}” is not valid",
    ),
    "policies.targets.invalid": (
        "Tệp mục tiêu {file} có {count} lỗi (số dòng là thứ tự mục tiêu).",
        "The targets file {file} has {count} error(s) (the row is the target's position).",
    ),
    # --- target evaluation -----------------------------------------------------------------
    "policies.status.met": ("Đạt", "Met"),
    "policies.status.not_met": ("Chưa đạt", "Not met"),
    "policies.status.not_applicable": ("Không áp dụng", "Not applicable"),
    "policies.status.per_unit": ("Không áp dụng cho từng đơn vị", "Not applicable per unit"),
    "policies.status.not_applicable_because": (
        "Không áp dụng ({reason})",
        "Not applicable ({reason})",
    ),
    "policies.targets.no_data": (
        "không có dữ liệu vào ngày này",
        "no data on this date",
    ),
    "policies.targets.no_data.women_share_succession": (
        "chưa có số liệu quy hoạch cán bộ",
        "no succession-planning data is recorded",
    ),
    "policies.targets.hint.women_share_succession": (
        "Gợi ý: nhập quy hoạch cán bộ bằng «binhdang import succession TỆP» để đánh giá mục tiêu "
        "về tỷ lệ nữ trong quy hoạch cán bộ.",
        "Hint: import the succession plans with “binhdang import succession FILE” to evaluate "
        "the target on women in succession plans.",
    ),
    "policies.targets.unit_missing": (
        "đơn vị {code} không thuộc đơn vị được đánh giá vào ngày này",
        "unit {code} is not under the evaluated unit on this date",
    ),
    "policies.targets.empty": (
        "mẫu số bằng 0",
        "the denominator is zero",
    ),
    "policies.targets.empty.units_with_woman_key_leadership": (
        "không có đơn vị nào",
        "there is no unit",
    ),
    "policies.targets.empty.units_with_woman_head": (
        "không có đơn vị nào có cấp trưởng",
        "no unit has a head",
    ),
    "policies.targets.empty.units_with_woman_key_leader": (
        "không có đơn vị nào có cấp trưởng",
        "no unit has a head",
    ),
    "policies.targets.empty.units_30pct_women_without_woman_leader": (
        "không có đơn vị nào có từ 30% nữ trở lên",
        "no unit has at least 30% women",
    ),
    "policies.targets.unavailable.women_share_succession": (
        "chưa có số liệu quy hoạch cán bộ (phần quy hoạch của Ban chưa được cài đặt)",
        "no succession-planning data (the committee's succession records are not installed)",
    ),
    # A share of a body's units (Nghị quyết 28/NQ-CP) asked for one unit without affiliated units.
    "policies.targets.per_unit": (
        "không áp dụng cho từng đơn vị",
        "not applicable per unit",
    ),
    "policies.targets.no_unit_applies": (
        "không có đơn vị nào thuộc diện áp dụng",
        "no unit it applies to",
    ),
    # Key leadership (lãnh đạo chủ chốt) as the 30% rule (Nghị quyết 11-NQ/TW) and the Nghị
    # quyết 28/NQ-CP indicator count it — the head or a deputy, by the indicator's official
    # metadata (indicators.catalogue.KEY_LEADERSHIP): one wording, used by the 30% rule's name,
    # its figures and the Nghị quyết 28 targets' figures. Change it here only.
    "policies.rule30.leader": (
        "cán bộ lãnh đạo chủ chốt là nữ (cấp trưởng hoặc cấp phó)",
        "a woman in key leadership (the head or a deputy)",
    ),
    # Nghị quyết 11-NQ/TW, quoted: "Các cơ quan, đơn vị có tỉ lệ nữ từ 30% trở lên, nhất thiết
    # phải có cán bộ lãnh đạo chủ chốt là nữ".
    "policies.target.nq11_30pct_rule": (
        "Các cơ quan, đơn vị có tỉ lệ nữ từ 30% trở lên, nhất thiết phải có {leader}",
        "Agencies and units with at least 30% women must have {leader}",
    ),
    "policies.rule30.has": ("có {leader}", "has {leader}"),
    "policies.rule30.has_not": ("chưa có {leader}", "does not have {leader}"),
    "policies.rule30.below": ("dưới 30% nữ", "fewer than 30% women"),
    "policies.rule30.own": (
        "{unit}: {share} nữ ({women}/{staff}), {leader}",
        "{unit}: {share} women ({women} of {staff}), {leader}",
    ),
    "policies.rule30.figure": (
        "{share} nữ, {women}/{staff}",
        "{share} women, {women} of {staff}",
    ),
    # What the heads-only share (units_with_woman_head, and the deprecated
    # units_with_woman_key_leader) counts: units whose head is a woman.
    "policies.key_leader": ("cấp trưởng là nữ", "a woman head"),
    "policies.figure.share": (
        "{numerator}/{denominator} ({share})",
        "{numerator}/{denominator} ({share})",
    ),
    "policies.figure.units_with": (
        "{numerator}/{denominator} đơn vị ({share}) có {leader}",
        "{numerator} of {denominator} units ({share}) have {leader}",
    ),
    "policies.figure.own": ("{unit}: {figure}", "{unit}: {figure}"),
    "policies.figure.below": (
        "đơn vị trực thuộc: {short}/{applicable} chưa đạt",
        "affiliated units: {short} of {applicable} not met",
    ),
    "policies.figure.listed": (
        "{short}/{applicable} đơn vị chưa đạt",
        "{short} of {applicable} units not met",
    ),
    "policies.figure.listed_unit": ("{unit} ({figure})", "{unit} ({figure})"),
    "policies.short_units_by_branch": (
        "{heading}, theo đơn vị trực thuộc: {units} (danh sách đầy đủ ở biểu «{sheet}» của phụ "
        "lục số liệu).",
        "{heading}, by affiliated unit: {units} (the full list is in the “{sheet}” sheet of the "
        "data annex).",
    ),
    "policies.short_units": (
        "Đơn vị trực thuộc chưa đạt ({count})",
        "Affiliated units not meeting it ({count})",
    ),
    "policies.short_units_list": ("{heading}: {units}.", "{heading}: {units}."),
    "policies.threshold.every_unit": (
        "mọi đơn vị thuộc diện áp dụng",
        "every unit it applies to",
    ),
    "policies.threshold.each_unit": ("{threshold} ở từng đơn vị", "{threshold} in each unit"),
    "policies.gap.units_with": (
        "cần thêm {count} đơn vị có {leader}",
        "{count} more unit(s) need {leader}",
    ),
    "policies.gap.units_30pct_women_without_woman_leader": (
        "{count} đơn vị có từ 30% nữ trở lên cần có {leader}",
        "{count} unit(s) with at least 30% women need {leader}",
    ),
    "policies.gap.per_unit": ("{count} đơn vị chưa đạt", "{count} unit(s) not met"),
    "policies.gap.persons": ("cần thêm {count} người", "{count} more person(s) needed"),
    "policies.gap.units": ("cần thêm {count} đơn vị", "{count} more unit(s) needed"),
    "policies.gap.none": ("—", "—"),
    "policies.targets_title": (
        "Mục tiêu bình đẳng giới — {unit}, ngày {as_of}",
        "Gender-equality targets — {unit}, as of {as_of}",
    ),
    "policies.col.target": ("Mục tiêu", "Target"),
    "policies.col.unit": ("Đơn vị", "Unit"),
    "policies.col.value": ("Hiện tại", "Now"),
    "policies.col.threshold": ("Chỉ tiêu", "Threshold"),
    "policies.col.deadline": ("Thời hạn", "Deadline"),
    "policies.col.status": ("Đánh giá", "Status"),
    "policies.col.gap": ("Còn thiếu", "Gap"),
    "policies.col.projection": ("Dự báo đến thời hạn", "Projected at deadline"),
    "policies.col.source": ("Căn cứ", "Source"),
    "policies.no_deadline": ("thường xuyên", "ongoing"),
    "policies.deadline_year": ("năm {year}", "{year}"),
    "policies.projection": (
        "{value} ({status}; xu hướng {slope} mỗi năm)",
        "{value} ({status}; trend {slope} a year)",
    ),
    "policies.slope_points": (
        "{sign}{value} điểm phần trăm",
        "{sign}{value} percentage points",
    ),
    "policies.slope_count": ("{sign}{value}", "{sign}{value}"),
    # --- retirement ------------------------------------------------------------------------
    "policies.retirement_result": (
        "{sex}, sinh {born}: tuổi nghỉ hưu {years} tuổi {months} tháng; nghỉ hưu từ sau ngày "
        "{retire} (tháng {month}); hưởng lương hưu từ ngày {pension}.\nCăn cứ: {sources}.",
        "{sex}, born {born}: retirement age {years} years {months} months; retires at the end "
        "of {retire} (month {month}); pension from {pension}.\nSource: {sources}.",
    ),
    "policies.retirement_early": (
        "Nghỉ hưu ở tuổi thấp hơn (khi đủ điều kiện): sớm nhất {years} tuổi {months} tháng, "
        "nghỉ hưu từ sau ngày {retire} (tháng {month}), hưởng lương hưu từ ngày {pension}."
        "\nCăn cứ: {source}.",
        "Early retirement (for those who meet its conditions): at the earliest at {years} years "
        "{months} months, retiring at the end of {retire} (month {month}), pension from "
        "{pension}.\nSource: {source}.",
    ),
    "policies.retirement_early_none": (
        "Nghỉ hưu ở tuổi thấp hơn: chưa có quy định được mã hóa cho năm đủ tuổi.",
        "Early retirement: no rule is encoded for the year the age is reached.",
    ),
    "policies.retirement_late": (
        "Nghỉ hưu ở tuổi cao hơn (khi được kéo dài): muộn nhất {years} tuổi {months} tháng, "
        "nghỉ hưu từ sau ngày {retire} (tháng {month}), hưởng lương hưu từ ngày {pension}."
        "\nCăn cứ: {source}.",
        "Later retirement (when allowed): at the latest at {years} years {months} months, "
        "retiring at the end of {retire} (month {month}), pension from {pension}."
        "\nSource: {source}.",
    ),
    "policies.retirement_late_none": (
        "Nghỉ hưu ở tuổi cao hơn: chưa có quy định được mã hóa cho năm đủ tuổi.",
        "Later retirement: no rule is encoded for the year the age is reached.",
    ),
    "policies.early_title": (
        "Cán bộ có thể nghỉ hưu ở tuổi thấp hơn (theo tuổi) từ {start} đến {end}",
        "Staff who may retire early (by age) from {start} to {end}",
    ),
    "policies.early_caption": (
        "Chỉ xét tuổi; các điều kiện khác (nghề nặng nhọc, độc hại, vùng đặc biệt khó khăn, suy "
        "giảm khả năng lao động…) không có trong dữ liệu. Căn cứ: {sources}.",
        "By age only; the other conditions (heavy or toxic work, especially difficult areas, "
        "reduced working capacity…) are not in the data. Source: {sources}.",
    ),
    "policies.col.early_age": ("Tuổi thấp nhất", "Lowest age"),
    "policies.col.early_from": ("Có thể nghỉ từ", "May retire from"),
    "policies.retirements_title": (
        "Cán bộ đến tuổi nghỉ hưu từ {start} đến {end} — {unit}",
        "Staff reaching retirement age from {start} to {end} — {unit}",
    ),
    "policies.retirements_summary": (
        "Tổng hợp theo giới tính và chức vụ",
        "By sex and post",
    ),
    "policies.managers_title": (
        "Lãnh đạo, quản lý (ngày {as_of}) đến tuổi nghỉ hưu trong 1, 3, 5 năm tới",
        "Managers (on {as_of}) reaching retirement age in the next 1, 3 and 5 years",
    ),
    "policies.overdue_title": (
        "Kiểm tra dữ liệu: cán bộ trong danh sách ngày {as_of} đã quá tuổi nghỉ hưu",
        "Data check: staff on the list of {as_of} already past the retirement age",
    ),
    "policies.col.code": ("Mã cán bộ", "Staff code"),
    "policies.col.name": ("Họ và tên", "Name"),
    "policies.col.sex": ("Giới tính", "Sex"),
    "policies.col.born": ("Ngày sinh", "Born"),
    "policies.col.post": ("Chức vụ", "Post"),
    "policies.col.age": ("Tuổi nghỉ hưu", "Retirement age"),
    "policies.col.retirement": ("Nghỉ hưu từ sau ngày", "Retires at the end of"),
    "policies.col.pension": ("Hưởng lương hưu từ", "Pension from"),
    "policies.col.level": ("Cấp", "Level"),
    "policies.col.women": ("Nữ", "Women"),
    "policies.col.men": ("Nam", "Men"),
    "policies.col.total": ("Tổng", "Total"),
    "policies.col.horizon": ("Trong vòng", "Within"),
    "policies.horizon": ("{years} năm (đến {until})", "{years} year(s) (to {until})"),
    "policies.age": ("{years} tuổi {months} tháng", "{years} y {months} m"),
    "policies.level.none": ("Không giữ chức vụ", "No post"),
    "policies.of_managers": ("{count}/{total} ({share})", "{count}/{total} ({share})"),
    # --- maternity -------------------------------------------------------------------------
    "policies.maternity_title": (
        "Nghỉ thai sản — {unit}, ngày {as_of}",
        "Maternity leave — {unit}, as of {as_of}",
    ),
    "policies.on_leave": (
        "Nữ đang nghỉ thai sản: {count}/{total} nữ cán bộ ({share}); vẫn tính là cán bộ.",
        "Women on maternity leave: {count} of {total} women staff ({share}); they remain staff.",
    ),
    "policies.list_on_leave": ("Đang nghỉ thai sản", "On maternity leave"),
    "policies.list_ending": (
        "Kết thúc nghỉ trong {days} ngày tới (đến {until})",
        "Leave ending in the next {days} days (to {until})",
    ),
    "policies.list_protected": (
        "Đang nuôi con dưới 12 tháng tuổi (được bảo vệ theo {source})",
        "Raising a child under 12 months (protected under {source})",
    ),
    "policies.col.id": ("Số", "No."),
    "policies.col.birth": ("Ngày sinh con", "Birth"),
    "policies.col.expected": ("Dự sinh", "Expected"),
    "policies.col.babies": ("Số con", "Babies"),
    "policies.col.order": ("Con thứ", "Child no."),
    "policies.col.start": ("Từ ngày", "From"),
    "policies.col.end": ("Đến ngày", "To"),
    "policies.col.entitlement": ("Được hưởng", "Entitled"),
    "policies.col.protected_until": ("Bảo vệ đến", "Protected to"),
    "policies.months": ("{months} tháng", "{months} months"),
    "policies.entitlement_result": (
        "Sinh ngày {born}, con thứ {order}, {babies} con: được nghỉ {months} tháng, tối đa "
        "{before} tháng trước khi sinh.\nCăn cứ: {source}.",
        "Birth on {born}, child no. {order}, {babies} baby/babies: {months} months of leave, "
        "at most {before} months before the birth.\nSource: {source}.",
    ),
    "policies.paternity_result": (
        "Vợ sinh ngày {born}, con thứ {order}, {babies} con{how}: người chồng được nghỉ "
        "{days} ngày làm việc, trong {within} ngày kể từ ngày sinh.\nCăn cứ: {source}.",
        "Wife gives birth on {born}, child no. {order}, {babies} baby/babies{how}: the father "
        "has {days} working days of leave, within {within} days of the birth.\nSource: {source}.",
    ),
    "policies.paternity_surgery": (", sinh phẫu thuật", ", by surgery"),
    "policies.paternity_premature": (", con sinh dưới 32 tuần tuổi", ", born before 32 weeks"),
    "policies.no_entitlement": (
        "Không có quy định được mã hóa cho ngày sinh {born} (chỉ từ 01/01/2016).",
        "No encoded rule covers a birth on {born} (rules start on 01/01/2016).",
    ),
    "policies.report.retirement": ("Nghỉ hưu", "Retirement"),
    "policies.report.maternity": ("Thai sản", "Maternity"),
    "policies.report.targets": ("Mục tiêu", "Targets"),
    "policies.report.retirement_period": (
        "Trong 12 tháng kể từ ngày {since}, {total} đến tuổi nghỉ hưu ({sexes}), {among}.",
        "In the 12 months from {since}, {total} reach the retirement age ({sexes}), {among}.",
    ),
    "policies.report.retirement_none": (
        "Trong 12 tháng kể từ ngày {since}, không có cán bộ nào đến tuổi nghỉ hưu.",
        "In the 12 months from {since}, no staff member reaches the retirement age.",
    ),
    "policies.report.women_men": ("{women}, {men}", "{women} and {men}"),
    "policies.report.all_women": ("đều là nữ", "all women"),
    "policies.report.all_men": ("đều là nam", "all men"),
    "policies.report.of_whom_managers": (
        "trong đó {managers} giữ chức vụ lãnh đạo, quản lý",
        "{managers} of them holding a management post",
    ),
    "policies.report.no_managers_among": (
        "không có ai giữ chức vụ lãnh đạo, quản lý",
        "none of them holding a management post",
    ),
    "policies.report.managers_outlook": (
        "Trong {years} năm kể từ ngày {since}, {parts}: đây là số vị trí cần chuẩn bị cán bộ thay "
        "thế.",
        "In the {years} years from {since}, {parts}: the posts the pipeline must fill.",
    ),
    "policies.report.outlook_women": (
        "{count}/{total} nữ lãnh đạo, quản lý đến tuổi nghỉ hưu",
        "{count} of {total} women managers reach the retirement age",
    ),
    "policies.report.outlook_women_none": (
        "không có nữ lãnh đạo, quản lý nào (trong tổng số {total}) đến tuổi nghỉ hưu",
        "none of the {total} women managers reaches the retirement age",
    ),
    "policies.report.outlook_men": (
        "{count}/{total} nam lãnh đạo, quản lý đến tuổi nghỉ hưu",
        "{count} of {total} men managers reach the retirement age",
    ),
    "policies.report.outlook_men_none": (
        "không có nam lãnh đạo, quản lý nào (trong tổng số {total}) đến tuổi nghỉ hưu",
        "none of the {total} men managers reaches the retirement age",
    ),
    "policies.report.outlook_none": (
        "Trong {years} năm kể từ ngày {since}, không có lãnh đạo, quản lý nào (trong tổng số "
        "{total}) đến tuổi nghỉ hưu.",
        "In the {years} years from {since}, none of the {total} managers reaches the retirement "
        "age.",
    ),
    "policies.report.outlook_no_managers": (
        "Danh sách không có người giữ chức vụ lãnh đạo, quản lý.",
        "The lists have no heads or deputies.",
    ),
    "policies.report.and": ("; ", "; "),
    "policies.report.overdue": (
        "Lưu ý dữ liệu: {count} trong danh sách ngày {date} đã quá tuổi nghỉ hưu.",
        "Data note: {count} on the list of {date} already past the retirement age.",
    ),
    "policies.report.retirement_source": ("Căn cứ: {source}.", "Source: {source}."),
    "policies.report.no_targets": (
        "Không có mục tiêu nào có hiệu lực vào {date}.",
        "No target is in force on {date}.",
    ),
    "policies.report.maternity_no_list": (
        "Chưa có danh sách nghỉ thai sản {when}: phần này được lập khi nhập danh sách nữ cán bộ "
        "nghỉ thai sản (mã cán bộ, ngày sinh con, ngày bắt đầu và kết thúc nghỉ).",
        "No maternity leave list is recorded {when}: this part is filled from the list of women "
        "on maternity leave (staff code, birth date, first and last day of the leave) once it "
        "is imported.",
    ),
    "policies.report.maternity_period": (
        "{When}, {count} cán bộ nghỉ thai sản.",
        "{When}, {count} on the staff took maternity leave.",
    ),
    "policies.report.maternity_period_none": (
        "{When}, không có nữ cán bộ nào nghỉ thai sản.",
        "{When}, no woman on the staff took maternity leave.",
    ),
    "policies.report.maternity_on_leave": (
        "Tại {date}, {count}/{total} nữ cán bộ đang nghỉ thai sản ({share}) và vẫn được tính là "
        "cán bộ.",
        "On {date}, {count} of {total} women staff were on maternity leave ({share}); they "
        "remain staff.",
    ),
    "policies.report.maternity_on_leave_none": (
        "Tại {date}, không có nữ cán bộ nào đang nghỉ thai sản.",
        "On {date}, no woman on the staff was on maternity leave.",
    ),
    "policies.report.maternity_protected": (
        "Số nữ cán bộ đang nuôi con dưới 12 tháng tuổi, được bảo vệ theo {source}: {count}.",
        "Raising a child under 12 months, protected under {source}: {count}.",
    ),
    "policies.report.targets_summary": (
        "Đánh giá tại {date}: {parts}.",
        "As of {date}: {parts}.",
    ),
    "policies.report.count.met": ("{count} mục tiêu đạt", "{count} target(s) met"),
    "policies.report.count.not_met": ("{count} mục tiêu chưa đạt", "{count} not met"),
    "policies.report.count.not_applicable": (
        "{count} mục tiêu không áp dụng",
        "{count} not applicable",
    ),
    "policies.report.target_not_met": (
        "{target}: chưa đạt, hiện nay {value}; {gap}.",
        "{target}: not met, now {value}; {gap}.",
    ),
    "policies.report.target_not_met_units": ("{target}: chưa đạt.", "{target}: not met."),
    "policies.report.sentence": ("{text}.", "{text}."),
    "policies.report.target_projection": (
        "Dự báo theo xu hướng đến {deadline}: {projection}.",
        "Projection from the trend to {deadline}: {projection}.",
    ),
    "policies.report.table.targets_short": (
        "Đơn vị chưa đạt mục tiêu áp dụng cho từng đơn vị, ngày {date}",
        "Units not meeting a target that applies unit by unit, {date}",
    ),
    "policies.report.table.by_level": (
        "Cán bộ đến tuổi nghỉ hưu trong 12 tháng kể từ ngày {since}, theo giới tính và chức vụ",
        "Staff reaching retirement age in the 12 months from {since}, by sex and post",
    ),
    "policies.report.table.managers": (
        "Lãnh đạo, quản lý (ngày {since}) đến tuổi nghỉ hưu trong 1, 3, 5 năm",
        "Managers (on {since}) reaching retirement age within 1, 3 and 5 years",
    ),
    "policies.report.table.maternity": (
        "Nghỉ thai sản {when} và tại ngày {date}, theo đơn vị",
        "Maternity leave {when} and on {date}, by unit",
    ),
    "policies.col.women_managers": ("Tổng số nữ lãnh đạo", "Women managers"),
    "policies.col.men_managers": ("Tổng số nam lãnh đạo", "Men managers"),
    "policies.col.share": ("Tỷ lệ", "Share"),
    "policies.col.age_text": ("Tuổi nghỉ hưu", "Retirement age"),
    "policies.col.on_leave": ("Đang nghỉ thai sản", "On leave"),
    "policies.col.in_period": ("Nghỉ thai sản trong kỳ", "On leave in the period"),
    "policies.col.unit_code": ("Mã đơn vị", "Unit code"),
    "policies.col.protected": ("Nuôi con dưới 12 tháng", "Child under 12 months"),
    "policies.col.numerator": ("Tử số", "Numerator"),
    "policies.col.denominator": ("Mẫu số", "Denominator"),
    "policies.years": ("{years} năm", "{years} year(s)"),
    "policies.sheet.retirement": ("Nghỉ hưu", "Retirement"),
    "policies.sheet.managers": ("Lãnh đạo sắp nghỉ hưu", "Managers retiring"),
    "policies.sheet.retiring_people": ("DS nghỉ hưu", "Retiring staff"),
    "policies.sheet.maternity": ("Thai sản", "Maternity"),
    "policies.sheet.targets": ("Mục tiêu", "Targets"),
    "policies.sheet.targets_short": ("Mục tiêu - đơn vị chưa đạt", "Targets - units short"),
    "policies.col.target_code": ("Mã mục tiêu", "Target code"),
}
