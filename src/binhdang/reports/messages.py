"""Every text of the reports area, Vietnamese then English (merged into the catalogue at its first use)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- header, title, closing ---------------------------------------------------------------
    "report.title": ("BÁO CÁO", "REPORT"),
    "report.subtitle": (
        "Kết quả công tác bình đẳng giới và vì sự tiến bộ của phụ nữ {what}",
        "Results of the work for gender equality and the advancement of women {what}",
    ),
    "report.intro": (
        "{issuer} báo cáo kết quả công tác bình đẳng giới và vì sự tiến bộ của phụ nữ {what} "
        "({dates}) như sau:",
        "{issuer} reports on the work for gender equality and the advancement of women {what} "
        "({dates}):",
    ),
    "report.intro.dates": (
        "số liệu {period}; số lượng công chức, viên chức, lao động tính đến {date}",
        "figures {period}; staff as of {date}",
    ),
    "report.intro.cut": (
        "; văn bản, hoạt động, đào tạo, khen thưởng tính đến ngày {date}, ngày ban hành báo cáo",
        "; documents, activities, training and awards up to {date}, the date of this report",
    ),
    "report.closing": (
        "Trên đây là báo cáo kết quả công tác bình đẳng giới và vì sự tiến bộ của phụ nữ {what} "
        "của {unit}. Số lượng công chức, viên chức, lao động được tổng hợp từ danh sách tính đến "
        "{date}; chi tiết tại phụ lục kèm theo./.",
        "This concludes the report of {unit} on gender equality and the advancement of women "
        "{what}. The staff figures are compiled from the staff lists as of {date}; details are "
        "in the attached annex.",
    ),
    # --- counted nouns (reports/wording.py; ".one": the English singular) ---------------------
    "report.noun.unit": ("{n} đơn vị", "{n} units"),
    "report.noun.unit.one": ("{n} đơn vị", "{n} unit"),
    "report.noun.person": ("{n} người", "{n} people"),
    "report.noun.person.one": ("{n} người", "{n} person"),
    "report.noun.woman": ("{n} nữ", "{n} women"),
    "report.noun.woman.one": ("{n} nữ", "{n} woman"),
    "report.noun.man": ("{n} nam", "{n} men"),
    "report.noun.man.one": ("{n} nam", "{n} man"),
    "report.noun.activity": ("{n} hoạt động", "{n} activities"),
    "report.noun.activity.one": ("{n} hoạt động", "{n} activity"),
    # --- the reporting period (reports/period.py) ----------------------------------------------
    "report.period.year": ("năm {year}", "in {year}"),
    "report.period.range": ("từ ngày {start} đến ngày {end}", "from {start} to {end}"),
    "report.period.within": ("trong kỳ báo cáo", "in the reporting period"),
    "report.period.within_cut": (
        "trong kỳ báo cáo (tính đến ngày {date})",
        "in the reporting period (up to {date})",
    ),
    "report.period_cut": (
        "Ngày ban hành {date} trước ngày cuối kỳ báo cáo {last}: văn bản, hoạt động, đào tạo, "
        "khen thưởng, phong trào và nghỉ thai sản chỉ được tính đến ngày {date} (báo cáo ghi "
        "«tính đến ngày {date}»).",
        "The issue date {date} is before the last day of the period, {last}: documents, "
        "activities, training, awards, movements and maternity leave are counted up to {date} "
        "only (the report says “up to {date}”).",
    ),
    "report.issue_before_as_of": (
        "Ngày ban hành {date} trước ngày số liệu {as_of}: báo cáo không thể ban hành trước ngày "
        "của danh sách cán bộ mà nó dùng; hãy chọn ngày ban hành từ {as_of} trở đi.",
        "The issue date {date} is before the headcount date {as_of}: a report cannot be issued "
        "before the staff lists it uses; choose an issue date on or after {as_of}.",
    ),
    "report.issue_before_period": (
        "Ngày ban hành {date} trước ngày đầu kỳ báo cáo {start}: báo cáo chưa có gì để báo cáo; "
        "hãy chọn năm báo cáo (--year) hoặc kỳ (--from, --to) khác.",
        "The issue date {date} is before the reporting period starts ({start}): there is "
        "nothing to report yet; choose another year (--year) or period (--from, --to).",
    ),
    "report.period_reversed": (
        "Kỳ báo cáo kết thúc ngày {end}, trước ngày bắt đầu {start}.",
        "The reporting period ends on {end}, before it starts on {start}.",
    ),
    "report.appendix.title": ("PHỤ LỤC", "APPENDIX"),
    "report.appendix.subtitle": (
        "Số liệu chi tiết theo đơn vị (kèm theo Báo cáo số {number} ngày {date} của {issuer})",
        "Detailed figures by unit (attached to report no. {number} of {date} by {issuer})",
    ),
    "report.number_label": ("Số", "No."),
    "report.number_blank": ("\u00a0" * 8 + "/BC", "\u00a0" * 8 + "/BC"),  # to fill in by hand
    "report.recipients_label": ("Nơi nhận", "Recipients"),
    "report.recipient_archive": ("Lưu: VT", "File: Office"),
    "report.signer_title": ("GIÁM ĐỐC", "DIRECTOR"),
    "report.country": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"),
    "report.motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "report.place_date": ("{place}, {date}", "{place}, {date}"),
    "report.source": (
        "Nguồn: binhdang, danh sách công chức, viên chức, lao động của {unit} tính đến ngày "
        "{date}.",
        "Source: binhdang, staff lists of {unit} as of {date}.",
    ),
    "report.annex_title": (
        "PHỤ LỤC SỐ LIỆU — {unit} — tính đến ngày {date}",
        "STATISTICAL ANNEX — {unit} — as of {date}",
    ),
    # --- sections -------------------------------------------------------------------------------
    "report.section.staff": (
        "Đội ngũ công chức, viên chức, lao động nữ",
        "Women among the staff",
    ),
    "report.section.leadership": (
        "Nữ tham gia lãnh đạo, quản lý",
        "Women in leadership and management",
    ),
    # --- narrative: staff -----------------------------------------------------------------------
    "report.staff.total": (
        "Tính đến {date}, {unit} có {women} nữ công chức, viên chức, lao động, chiếm tỷ lệ {share} "
        "trên tổng số {total} công chức, viên chức, lao động toàn đơn vị.",
        "As of {date}, {unit} had {women} women staff, {share} of its {total} staff.",
    ),
    "report.staff.total_no_women": (
        "Tính đến {date}, {unit} có {total} công chức, viên chức, lao động, không có nữ.",
        "As of {date}, {unit} had {total} staff, none of them women.",
    ),
    "report.staff.category_item_no_women": (
        "{label} có {total} người, không có nữ",
        "{label}: {total}, no women",
    ),
    "report.staff.categories": ("Theo loại cán bộ: {items}.", "By category: {items}."),
    "report.staff.category_item": (
        "{label} có {women} nữ trên tổng số {total} ({share})",
        "{label}: {women} women of {total} ({share})",
    ),
    "report.staff.units": (
        "Giữa các đơn vị trực thuộc, tỷ lệ nữ cao nhất tại {max_unit} ({max_share}) và thấp nhất "
        "tại {min_unit} ({min_share}).",
        "Among the affiliated units, the share of women is highest in {max_unit} ({max_share}) "
        "and lowest in {min_unit} ({min_share}).",
    ),
    "report.change.staff": (
        "So với cùng thời điểm năm {prev_year} ({prev_women} nữ trên tổng số {prev_total}, chiếm "
        "{prev_share}), số nữ {count_change}, tỷ lệ nữ {share_change}.",
        "Compared with the same date in {prev_year} ({prev_women} women of {prev_total}, "
        "{prev_share}), the number of women {count_change} and their share {share_change}.",
    ),
    "report.change.managers": (
        "So với cùng thời điểm năm {prev_year} ({prev_women} nữ trên tổng số {prev_total} người "
        "giữ chức vụ lãnh đạo, quản lý, chiếm {prev_share}), số nữ lãnh đạo, quản lý "
        "{count_change}, tỷ lệ {share_change}.",
        "Compared with the same date in {prev_year} ({prev_women} women of {prev_total} "
        "managers, {prev_share}), the number of women managers {count_change} and their share "
        "{share_change}.",
    ),
    "report.count.rose": ("tăng {n} người", "rose by {n}"),
    "report.count.fell": ("giảm {n} người", "fell by {n}"),
    "report.count.stayed": ("không thay đổi", "stayed the same"),
    "report.share.rose": ("tăng {points} điểm phần trăm", "rose by {points} percentage points"),
    "report.share.fell": ("giảm {points} điểm phần trăm", "fell by {points} percentage points"),
    "report.share.stayed": ("giữ nguyên", "stayed the same"),
    "report.no_previous": (
        "Chưa có số liệu cùng thời điểm năm {prev_year} để so sánh.",
        "There are no figures for the same date in {prev_year} to compare with.",
    ),
    # --- narrative: leadership ------------------------------------------------------------------
    "report.lead.managers": (
        "Có {women} nữ giữ chức vụ lãnh đạo, quản lý (cấp trưởng, cấp phó) tại {unit} và các đơn "
        "vị trực thuộc, chiếm tỷ lệ {share} trên tổng số {total} người giữ chức vụ lãnh đạo, quản "
        "lý; trong đó {levels}.",
        "{women} of the {total} heads and deputies in {unit} and its affiliated units are women "
        "({share}): {levels}.",
    ),
    "report.lead.managers_no_women": (
        "{unit} và các đơn vị trực thuộc có {total} người giữ chức vụ lãnh đạo, quản lý (cấp "
        "trưởng, cấp phó), không có nữ.",
        "{unit} and its affiliated units have {total} heads and deputies, none of them women.",
    ),
    "report.lead.level": (
        "{women} trên {total} {level} ({share})",
        "{women} of {total} {level} ({share})",
    ),
    "report.lead.are_women": ("{levels} là nữ", "{levels} are women"),
    "report.lead.level_none": (
        "không có {level} nào là nữ (trong tổng số {total})",
        "none of the {total} {level} is a woman",
    ),
    "report.lead.heads": ("cấp trưởng", "heads"),
    "report.lead.deputies": ("cấp phó", "deputies"),
    "report.lead.and": (" và ", " and "),
    "report.lead.no_managers": (
        "{unit} chưa có người giữ chức vụ lãnh đạo, quản lý trong danh sách.",
        "{unit} has no heads or deputies in its lists.",
    ),
    # Nghị quyết 28/NQ-CP's indicator by its official metadata: key leadership = the head and
    # the deputies, over all units (indicators.catalogue, units_with_woman_key_leadership).
    "report.lead.units_key_none": (
        "Không có cơ quan, đơn vị nào trong {units} cơ quan, đơn vị có cán bộ lãnh đạo chủ chốt "
        "(cấp trưởng hoặc cấp phó) là nữ.",
        "None of the {units} units has a woman in its key leadership (the head or a deputy).",
    ),
    "report.lead.units_key": (
        "Có {women_units} trên {units} cơ quan, đơn vị có cán bộ lãnh đạo chủ chốt (cấp trưởng "
        "hoặc cấp phó) là nữ, chiếm tỷ lệ {share}.",
        "{women_units} of {units} units have a woman in their key leadership (the head or a "
        "deputy) ({share}).",
    ),
    "report.what.staff": (
        "nữ trong tổng số công chức, viên chức, lao động",
        "women among all staff",
    ),
    "report.what.managers": ("nữ lãnh đạo, quản lý", "women among managers"),
    "report.what.heads": ("nữ cấp trưởng", "women among heads"),
    "report.trend.series": (
        "Tỷ lệ {what} tại cùng thời điểm ngày {day} các năm: {values}.",
        "The share of {what} on {day} of each year: {values}.",
    ),
    "report.trend.value": ("{share} (năm {year})", "{share} ({year})"),
    "report.trend.steps": ("So với năm trước: {steps}.", "Year on year: {steps}."),
    "report.trend.step": ("năm {year} {change}", "{year}: {change}"),
    "report.trend.all_rose": (
        "Như vậy, tỷ lệ {what} tăng trong cả {n} năm liên tiếp.",
        "The share of {what} therefore rose in each of the {n} years.",
    ),
    "report.trend.all_stayed": (
        "Như vậy, tỷ lệ {what} không thay đổi trong {n} năm.",
        "The share of {what} therefore did not change in {n} years.",
    ),
    "report.trend.all_fell": (
        "Như vậy, tỷ lệ {what} giảm trong cả {n} năm liên tiếp.",
        "The share of {what} therefore fell in each of the {n} years.",
    ),
    "report.trend.mixed": (
        "Như vậy, tỷ lệ {what} không tăng đều hằng năm: {parts}.",
        "The share of {what} therefore did not rise every year: {parts}.",
    ),
    "report.trend.part.rose": ("tăng năm {years}", "rose in {years}"),
    "report.trend.part.stayed": ("giữ nguyên năm {years}", "stayed the same in {years}"),
    "report.trend.part.fell": ("giảm năm {years}", "fell in {years}"),
    "report.trend.none": (
        "Chưa có số liệu cùng thời điểm các năm trước để đánh giá xu hướng.",
        "There are no figures for the same date in earlier years to show a trend.",
    ),
    "report.rule30.rule": (
        "Theo Nghị quyết số 11-NQ/TW ngày 27/4/2007 của Bộ Chính trị, cơ quan, đơn vị có tỷ lệ "
        "nữ từ 30% trở lên phải có cán bộ lãnh đạo chủ chốt là nữ.",
        "Under Politburo Resolution 11-NQ/TW of 27 April 2007, agencies and units whose staff are "
        "at least 30% women must have a woman among their key leaders.",
    ),
    "report.rule30.none_applicable": (
        "Không có đơn vị nào có tỷ lệ nữ từ 30% trở lên.",
        "No unit has at least 30% women.",
    ),
    "report.rule30.all_ok": (
        "Cả {applicable} đơn vị có tỷ lệ nữ từ 30% trở lên đều có nữ lãnh đạo (cấp trưởng hoặc "
        "cấp phó).",
        "All {applicable} units with at least 30% women have a woman head or deputy.",
    ),
    "report.rule30.one_ok": (
        "Đơn vị có tỷ lệ nữ từ 30% trở lên đã có nữ lãnh đạo (cấp trưởng hoặc cấp phó).",
        "The unit with at least 30% women has a woman head or deputy.",
    ),
    "report.rule30.failing": (
        "Trong {applicable} đơn vị có tỷ lệ nữ từ 30% trở lên, còn {count} chưa có nữ lãnh đạo "
        "(cấp trưởng hoặc cấp phó): {names}.",
        "Of the {applicable} units with at least 30% women, {count} have no woman head or "
        "deputy: {names}.",
    ),
    "report.rule30.failing_many": (
        "Trong {applicable} đơn vị có tỷ lệ nữ từ 30% trở lên, còn {count} chưa có nữ lãnh đạo "
        "(cấp trưởng hoặc cấp phó); bảng dưới cho số đơn vị này theo từng đơn vị trực thuộc, "
        "danh sách tại phụ lục.",
        "Of the {applicable} units with at least 30% women, {count} have no woman head or "
        "deputy; the table below counts them by affiliated unit, the list is in the appendix.",
    ),
    # --- tables, sheets, charts -----------------------------------------------------------------
    "report.table.by_category": (
        "Công chức, viên chức, lao động theo loại và giới tính",
        "Staff by category and sex",
    ),
    "report.table.by_unit": ("Số lượng, tỷ lệ nữ theo đơn vị", "Women by unit"),
    "report.table.by_age": ("Số lượng, tỷ lệ nữ theo độ tuổi", "Women by age band"),
    "report.table.indicators": ("Các chỉ tiêu bình đẳng giới", "Gender-equality indicators"),
    "report.table.trend": (
        "Tỷ lệ nữ qua các năm (cùng thời điểm ngày {day})",
        "Women's shares over the years (on {day})",
    ),
    "report.table.rule30": (
        "Đơn vị có từ 30% nữ trở lên nhưng chưa có nữ lãnh đạo",
        "Units with at least 30% women but no woman head or deputy",
    ),
    "report.table.rule30_by_branch": (
        "Đơn vị có từ 30% nữ trở lên nhưng chưa có nữ lãnh đạo, theo đơn vị trực thuộc (gồm các "
        "đơn vị cấp dưới)",
        "Units with at least 30% women but no woman head or deputy, by affiliated unit (with "
        "the units under it)",
    ),
    "report.sheet.indicators": ("Chỉ tiêu", "Indicators"),
    "report.sheet.by_category": ("Theo loại cán bộ", "By category"),
    "report.sheet.by_unit": ("Theo đơn vị", "By unit"),
    "report.sheet.by_age": ("Theo độ tuổi", "By age band"),
    "report.sheet.trend": ("Xu hướng", "Trend"),
    "report.sheet.rule30": ("Nghị quyết 11", "Resolution 11"),
    "report.col.no": ("TT", "No."),
    "report.col.code": ("Mã chỉ tiêu", "Indicator code"),
    "report.col.indicator": ("Chỉ tiêu", "Indicator"),
    "report.col.numerator": ("Tử số", "Numerator"),
    "report.col.denominator": ("Mẫu số", "Denominator"),
    "report.col.category": ("Loại cán bộ", "Category"),
    "report.col.unit": ("Đơn vị", "Unit"),
    "report.col.unit_code": ("Mã đơn vị", "Unit code"),
    "report.col.units_short": ("Số đơn vị chưa có nữ lãnh đạo", "Units without a woman leader"),
    "report.col.age": ("Độ tuổi", "Age band"),
    "report.col.date": ("Ngày", "Date"),
    "report.col.total": ("Tổng số", "Total"),
    "report.col.women": ("Nữ", "Women"),
    "report.col.men": ("Nam", "Men"),
    "report.col.share": ("Tỷ lệ nữ", "Women's share"),
    "report.col.managers": ("Lãnh đạo, quản lý", "Managers"),
    "report.col.women_managers": ("Nữ lãnh đạo, quản lý", "Women managers"),
    "report.col.managers_share": ("Tỷ lệ nữ lãnh đạo, quản lý", "Women's share of managers"),
    "report.col.heads_share": ("Tỷ lệ nữ cấp trưởng", "Women's share of heads"),
    "report.row.total": ("Tổng cộng", "Total"),
    "report.chart.shares": (
        "Tỷ lệ nữ trong tổng số cán bộ và trong lãnh đạo, quản lý qua các năm",
        "Women's share of staff and of managers over the years",
    ),
    "report.chart.share_staff": ("Nữ trong tổng số CC, VC, LĐ", "Women among all staff"),
    "report.chart.share_managers": ("Nữ lãnh đạo, quản lý", "Women among managers"),
    "report.chart.share_axis": ("Tỷ lệ (%)", "Share (%)"),
    "report.chart.by_unit": ("Số nữ và nam theo đơn vị", "Women and men by unit"),
    "report.chart.people_axis": ("Số người", "People"),
    # --- command results and errors ------------------------------------------------------------
    "report.no_data": (
        "{unit} không có số liệu cán bộ vào ngày {as_of} (trước mọi danh sách đã nhập?).",
        "{unit} has no staff figures on {as_of} (before any imported list?).",
    ),
    "report.template_unreadable": (
        "Không đọc được mẫu báo cáo {file}: {reason}",
        "Cannot read the report template {file}: {reason}",
    ),
    "report.format_mismatch": (
        "Tệp {file} không có đuôi của định dạng {format}.",
        "{file} does not have the extension of the {format} format.",
    ),
    "report.out_format_unknown": (
        "Không biết định dạng cho {file}: dùng --format docx|xlsx|html|pdf hoặc một thư mục.",
        "Cannot tell the format of {file}: use --format docx|xlsx|html|pdf or a folder.",
    ),
    "report.no_libreoffice": (
        "Không tìm thấy LibreOffice (lệnh soffice) để tạo PDF. Trên Debian/Ubuntu: "
        "sudo apt-get install libreoffice-writer-nogui fonts-liberation (hoặc chạy "
        "scripts/system-deps.sh); trên Windows/macOS: cài LibreOffice từ libreoffice.org. Các "
        "định dạng DOCX, XLSX và HTML không cần LibreOffice.",
        "LibreOffice (the soffice command) was not found, so no PDF can be made. On "
        "Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui fonts-liberation (or run "
        "scripts/system-deps.sh); on Windows/macOS install LibreOffice from libreoffice.org. "
        "DOCX, XLSX and HTML do not need LibreOffice.",
    ),
    "report.pdf_skipped": (
        "Bỏ qua PDF: không tìm thấy LibreOffice (lệnh soffice).",
        "PDF skipped: LibreOffice (soffice) not found.",
    ),
    "report.pdf_failed": (
        "LibreOffice không chuyển được {file} sang PDF: {reason}",
        "LibreOffice could not convert {file} to PDF: {reason}",
    ),
}
