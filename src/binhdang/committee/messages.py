"""The committee area's messages, vi + en (merged into the catalogue at its first use)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- cells ------------------------------------------------------------------------------
    "committee.val.choice": (
        "«{value}» không có trong danh mục (chọn một trong: {choices})",
        "“{value}” is not in the list (choose one of: {choices})",
    ),
    "committee.val.unknown_person": (
        "không có cán bộ mã «{value}» trong dữ liệu",
        "there is no staff member with code “{value}”",
    ),
    "committee.val.unknown_unit": (
        "không có đơn vị mã «{value}» trong dữ liệu",
        "there is no unit with code “{value}”",
    ),
    "committee.val.unit_not_on": (
        "đơn vị «{value}» không tồn tại vào ngày {on}",
        "unit “{value}” does not exist on {on}",
    ),
    "committee.val.count": (
        "«{value}» không phải số người hợp lệ (số nguyên từ 0)",
        "“{value}” is not a valid head count (a whole number from 0)",
    ),
    "committee.val.year": ("«{value}» không phải năm hợp lệ", "“{value}” is not a valid year"),
    "committee.val.term": (
        "«{value}» không phải nhiệm kỳ hợp lệ (ví dụ 2021–2026)",
        "“{value}” is not a valid term (for example 2021–2026)",
    ),
    "committee.val.end_before_start": (
        "ngày kết thúc {end} trước ngày bắt đầu {start}",
        "the end date {end} is before the start date {start}",
    ),
    "committee.val.duplicate_record": (
        "bản ghi trùng với dòng {other_row}",
        "the record repeats row {other_row}",
    ),
    "committee.val.document_number": (
        "«{value}» không phải số, ký hiệu văn bản hợp lệ (ví dụ 190/KH-UBND, Số: 07/BC-BHXH)",
        "“{value}” is not a valid document number and symbol (e.g. 190/KH-UBND, Số: 07/BC-BHXH)",
    ),
    "committee.val.unknown_document": (
        "không có văn bản «{value}» trong dữ liệu",
        "there is no document “{value}”",
    ),
    "committee.val.ambiguous_document": (
        "có {count} văn bản số «{value}»; ghi thêm ngày, ví dụ «{value} ngày 11/10/2022»",
        "{count} documents are numbered “{value}”; add the date, e.g. “{value} ngày 11/10/2022”",
    ),
    "committee.val.document_self": (
        "văn bản không thể thực hiện chính nó hoặc văn bản cấp dưới của nó",
        "a document cannot implement itself or a document under it",
    ),
    "committee.val.recipient_one": (
        "cần đúng một người nhận: mã cán bộ (cá nhân) hoặc mã đơn vị (tập thể)",
        "give exactly one recipient: a staff code (individual) or a unit code (collective)",
    ),
    "committee.val.form_person_only": (
        "hình thức «{value}» chỉ dành cho cá nhân",
        "the form “{value}” is for individuals only",
    ),
    "committee.val.form_unit_only": (
        "hình thức «{value}» chỉ dành cho tập thể",
        "the form “{value}” is for collectives only",
    ),
    "committee.val.unknown_movement": (
        "không có phong trào thi đua «{value}» trong dữ liệu",
        "there is no emulation movement “{value}”",
    ),
    "committee.val.ambiguous_movement": (
        "có nhiều phong trào tên «{value}» mà ngày quyết định không nằm trong đúng một phong trào",
        "several movements are named “{value}” and the decision date is not within exactly one",
    ),
    "committee.val.attachment_too_large": (
        "tệp «{file}» có {size} byte, vượt giới hạn {limit} MB",
        "file “{file}” has {size} bytes, over the {limit} MB limit",
    ),
    "committee.val.attachment_empty": ("tệp «{file}» rỗng", "file “{file}” is empty"),
    "committee.val.attachment_type": (
        "tệp «{file}» không thuộc loại được đính kèm (PDF, PNG, JPEG, DOCX, XLSX)",
        "file “{file}” is not a type that can be attached (PDF, PNG, JPEG, DOCX, XLSX)",
    ),
    "committee.val.attachment_content": (
        "nội dung tệp «{file}» không đúng loại mà phần mở rộng của nó cho biết",
        "the content of “{file}” is not the type its extension says",
    ),
    "committee.val.attachment_missing": (
        "không đọc được tệp minh chứng «{file}»",
        "cannot read the evidence file “{file}”",
    ),
    # --- records ----------------------------------------------------------------------------
    "committee.record.invalid": (
        "Không lưu: {count} lỗi. Cơ sở dữ liệu không thay đổi.",
        "Not saved: {count} error(s). The database is unchanged.",
    ),
    "committee.record.exists": (
        "Đã có bản ghi «{title_vi}» này (mã số {id}); dùng «binhdang {kind} edit {id}» để sửa.",
        "This “{title_en}” record already exists (id {id}); use “binhdang {kind} edit {id}” to change it.",
    ),
    "committee.record.missing": (
        "Không có bản ghi «{title_vi}» mã số {id}.",
        "There is no “{title_en}” record with id {id}.",
    ),
    "committee.record.added": (
        "Đã thêm bản ghi «{title_vi}» mã số {id}.",
        "Added “{title_en}” record {id}.",
    ),
    "committee.record.edited": (
        "Đã sửa bản ghi «{title_vi}» mã số {id}.",
        "Changed “{title_en}” record {id}.",
    ),
    "committee.record.deleted": (
        "Đã xóa bản ghi «{title_vi}» mã số {id}.",
        "Deleted “{title_en}” record {id}.",
    ),
    "committee.record.in_use": (
        "Không xóa được bản ghi «{title_vi}» mã số {id}: còn {count} {what_vi} gắn với nó.",
        "Cannot delete “{title_en}” record {id}: {count} {what_en} still refer to it.",
    ),
    "committee.arg.assignment": (
        "«{value}» không phải TRƯỜNG=GIÁ_TRỊ hợp lệ. Các trường: {fields}",
        "“{value}” is not a valid FIELD=VALUE. Fields: {fields}",
    ),
    "committee.import.summary": (
        "Đã nhập {file}: {added} thêm mới, {changed} thay đổi, {unchanged} không đổi, "
        "{warnings} cảnh báo.",
        "Imported {file}: {added} added, {changed} changed, {unchanged} unchanged, "
        "{warnings} warning(s).",
    ),
    # Past ten warnings of one kind (cli/output.py): the committee's imports have no --dry-run.
    "committee.warning.more": (
        "… và {count} cảnh báo khác cùng loại",
        "… and {count} more warnings of the same kind",
    ),
    "committee.list.empty": ("(không có bản ghi)", "(no records)"),
    # --- attachments ------------------------------------------------------------------------
    "committee.attachment.missing": (
        "Không có tệp đính kèm mã số {id}.",
        "There is no attachment with id {id}.",
    ),
    "committee.attachment.corrupt": (
        "Tệp đính kèm {id} ({file}) bị hỏng: kích thước hoặc mã kiểm tra SHA-256 không khớp.",
        "Attachment {id} ({file}) is damaged: its size or SHA-256 checksum does not match.",
    ),
    "committee.attachment.added": (
        "Đã đính kèm {file} vào hoạt động {id} (tệp mã số {attachment}, {size} byte).",
        "Attached {file} to activity {id} (attachment {attachment}, {size} bytes).",
    ),
    "committee.attachment.same": (
        "Hoạt động {id} đã có tệp cùng nội dung với {file} (mã số {attachment}).",
        "Activity {id} already has a file with the same content as {file} (id {attachment}).",
    ),
    "committee.attachment.invalid": ("Không đính kèm được: {reason}", "Cannot attach: {reason}"),
}

REPORT_MESSAGES: dict[str, tuple[str, str]] = {
    "committee.attachment.title": (
        "Tệp minh chứng của hoạt động {id}",
        "Evidence files of activity {id}",
    ),
    "committee.attachment.col_id": ("Mã số", "Id"),
    "committee.attachment.col_file": ("Tên tệp", "File"),
    "committee.attachment.col_type": ("Loại", "Type"),
    "committee.attachment.col_size": ("Kích thước (byte)", "Size (bytes)"),
    "committee.attachment.col_sha256": ("SHA-256", "SHA-256"),
    # --- section titles ---------------------------------------------------------------------
    "committee.report.section.training": ("Đào tạo, bồi dưỡng", "Training"),
    "committee.report.section.awards": ("Thi đua, khen thưởng", "Emulation and commendation"),
    "committee.report.section.succession": ("Quy hoạch cán bộ", "Succession planning"),
    # The committee's one name (design.md §1, and the office's own usage): "Ban Vì sự tiến bộ
    # phụ nữ".
    "committee.report.section.plans": (
        "Kế hoạch và hoạt động của Ban Vì sự tiến bộ phụ nữ",
        "Plans and activities of the Committee for the Advancement of Women",
    ),
    "committee.report.section.action_month": (
        "Tháng hành động vì bình đẳng giới",
        "Action Month for gender equality",
    ),
    "committee.report.section.movements": ("Phong trào thi đua", "Emulation movements"),
    # --- nothing recorded: what would fill the section ---------------------------------------
    "committee.report.no_data.training": (
        "Chưa có số liệu đào tạo, bồi dưỡng của {unit} {when}: phần này được lập khi nhập danh "
        "sách cán bộ được cử đi đào tạo, bồi dưỡng (loại khóa học, thời gian học, tình trạng).",
        "No training is recorded for {unit} {when}: this part is filled from the list of staff "
        "sent to training (course type, dates, status) once it is imported.",
    ),
    "committee.report.no_data.awards": (
        "Chưa có số liệu khen thưởng của {unit} {when}: phần này được lập khi nhập danh sách "
        "khen thưởng cá nhân và tập thể (hình thức, cấp khen, số và ngày quyết định).",
        "No award is recorded for {unit} {when}: this part is filled from the list of "
        "individual and collective awards (form, issuer, decision number and date) once it is "
        "imported.",
    ),
    "committee.report.no_data.succession": (
        "Chưa có số liệu quy hoạch cán bộ của {unit} cho nhiệm kỳ có năm {year}: phần này được "
        "lập khi nhập danh sách quy hoạch (người được quy hoạch, chức danh, nhiệm kỳ).",
        "No succession plan is recorded for {unit} for the term including {year}: this part is "
        "filled from the succession list (persons planned, post, term) once it is imported.",
    ),
    "committee.report.no_data.movements": (
        "Chưa có số liệu phong trào thi đua {when}: phần này được lập khi nhập danh sách phong "
        "trào thi đua (tên, cơ quan phát động, thời gian, đơn vị và cá nhân tham gia).",
        "No emulation movement is recorded {when}: this part is filled from the list of "
        "movements (name, organiser, dates, units and persons taking part) once it is imported.",
    ),
    "committee.report.no_data.plans": (
        "Chưa có số liệu văn bản, kế hoạch và hoạt động về bình đẳng giới của {unit} {when}: "
        "phần này được lập khi nhập danh sách văn bản, kế hoạch và danh sách hoạt động (đơn vị "
        "tổ chức, thời gian, số người tham gia).",
        "No document, plan or activity on gender equality is recorded for {unit} {when}: this "
        "part is filled from the lists of documents and plans and of activities (organising "
        "unit, dates, participants) once they are imported.",
    ),
    "committee.report.no_data.activities": (
        "Chưa có số liệu hoạt động của {unit} {when}: phần này được lập khi nhập danh sách hoạt "
        "động (đơn vị tổ chức, thời gian, tình trạng, số người tham gia).",
        "No activity is recorded for {unit} {when}: this part is filled from the list of "
        "activities (organising unit, dates, status, participants) once it is imported.",
    ),
    "committee.report.no_data.action_month": (
        "Chưa có số liệu hoạt động của {unit} {when}: đơn vị nào tổ chức hoạt động trong Tháng "
        "hành động được biết khi nhập danh sách hoạt động (đơn vị tổ chức, thời gian, tình "
        "trạng).",
        "No activity is recorded for {unit} {when}: which units held an activity in the Action "
        "Month is known once the list of activities (organising unit, dates, status) is "
        "imported.",
    ),
    "committee.report.no_data.action_month_later": (
        "Tháng hành động vì bình đẳng giới năm {year} (từ ngày {start} đến ngày {end} hằng năm) "
        "chưa diễn ra tính đến ngày {date}, ngày cuối cùng báo cáo này tính số liệu.",
        "The Action Month for gender equality {year} ({start} to {end} each year) had not begun "
        "by {date}, the last day this report counts.",
    ),
    "committee.report.no_data.action_month_outside": (
        "Tháng hành động vì bình đẳng giới năm {year} (từ ngày {start} đến ngày {end} hằng năm) "
        "nằm ngoài kỳ báo cáo.",
        "The Action Month for gender equality {year} ({start} to {end} each year) is outside the "
        "reporting period.",
    ),
    # --- sentences --------------------------------------------------------------------------
    "committee.report.compare.higher": (
        "cao hơn {points} điểm phần trăm so với",
        "{points} percentage points higher than",
    ),
    "committee.report.compare.lower": (
        "thấp hơn {points} điểm phần trăm so với",
        "{points} percentage points lower than",
    ),
    "committee.report.compare.equal": ("bằng", "equal to"),
    "committee.report.training.summary": (
        "{When}, {total} cán bộ của {unit} tham gia đào tạo, bồi dưỡng (đang học hoặc đã hoàn "
        "thành), {women_part}. Tỷ lệ nữ cán bộ được đào tạo, bồi dưỡng là {women_share} "
        "({women_attended}/{women_staff}); tỷ lệ nam là {men_share} ({men_attended}/{men_staff}).",
        "{When}, {total} staff of {unit} attended training (attending or completed), "
        "{women_part}. {women_share} of women staff ({women_attended}/{women_staff}) and "
        "{men_share} of men staff ({men_attended}/{men_staff}) attended a course.",
    ),
    "committee.report.training.none": (
        "{When}, không có cán bộ nào của {unit} tham gia đào tạo, bồi dưỡng.",
        "{When}, no staff member of {unit} attended training.",
    ),
    "committee.report.training.women": (
        "trong đó {women} nữ ({share})",
        "{women} of them women ({share})",
    ),
    "committee.report.training.no_women": ("trong đó không có nữ", "none of them women"),
    "committee.report.training.advanced": (
        "Riêng cao cấp lý luận chính trị: {total} người, {women_part}.",
        "Advanced political theory alone: {total} persons, {women_part}.",
    ),
    "committee.report.training.by_type": (
        "Người được đào tạo, bồi dưỡng {when} theo loại khóa học và giới",
        "Staff trained {when} by course type and sex",
    ),
    "committee.report.training.by_sex": (
        "Tỷ lệ cán bộ được đào tạo, bồi dưỡng {when} theo giới (cán bộ tại ngày {as_of})",
        "Share of staff trained {when} by sex (staff as of {as_of})",
    ),
    "committee.report.awards.summary": (
        "{When}, có {total} lượt khen thưởng cá nhân, {women_part}. {awardees} được khen thưởng; "
        "tỷ lệ nữ trong số người được khen thưởng là {awardees_share}, {comparison} tỷ lệ nữ "
        "trong tổng số cán bộ ({staff_share}).",
        "{When}, there were {total} individual awards, {women_part}. {awardees} were awarded; "
        "women's share among them is {awardees_share}, {comparison} their share of all staff "
        "({staff_share}).",
    ),
    "committee.report.awards.women": (
        "trong đó nữ {women} lượt ({share})",
        "{women} of them to women ({share})",
    ),
    "committee.report.awards.no_women": ("không có lượt nào cho nữ", "none of them to women"),
    "committee.report.awards.no_individual": (
        "{When}, không có khen thưởng cá nhân.",
        "{When}, there were no individual awards.",
    ),
    "committee.report.awards.collective": (
        "Khen thưởng tập thể: {total} lượt cho {units}.",
        "Collective awards: {total}, to {units}.",
    ),
    "committee.report.awards.by_form": (
        "Khen thưởng cá nhân {when} theo hình thức và giới",
        "Individual awards {when} by form and sex",
    ),
    "committee.report.awards.by_issuer": (
        "Khen thưởng cá nhân {when} theo cấp khen (ghi theo quyết định)",
        "Individual awards {when} by issuer (as written on the decisions)",
    ),
    "committee.report.awards.collective_table": (
        "Khen thưởng tập thể {when} theo đơn vị",
        "Collective awards {when} by unit",
    ),
    "committee.report.awards.by_branch": (
        "Khen thưởng tập thể {when} theo đơn vị trực thuộc (gồm các đơn vị cấp dưới)",
        "Collective awards {when} by affiliated unit (with the units under it)",
    ),
    "committee.report.awards.bands": (
        "Khen thưởng tập thể {when} theo tỷ lệ nữ của đơn vị",
        "Collective awards {when} by the unit's share of women",
    ),
    "committee.report.succession.summary": (
        "Quy hoạch nhiệm kỳ {term} của {unit} có {total}, {women_part}; {verdict}. Tỷ lệ nữ "
        "trong quy hoạch {comparison} tỷ lệ nữ đang giữ chức vụ lãnh đạo, quản lý tại ngày "
        "{as_of} ({posts_share}).",
        "The succession plan of {unit} for the term {term} names {total}, {women_part}; "
        "{verdict}. Women's share in the plan is {comparison} that among the heads and "
        "deputies in post on {as_of} ({posts_share}).",
    ),
    "committee.report.succession.empty": (
        "Quy hoạch nhiệm kỳ {term} của {unit} chưa có người nào.",
        "The succession plan of {unit} for the term {term} names nobody yet.",
    ),
    # {rule}: the text in force on the as-of date (Quy định 50-QĐ/TW, then 377-QĐ/TW).
    "committee.report.succession.meets": (
        "đạt mức tối thiểu {minimum}% nữ theo {rule}",
        "this meets the minimum of {minimum}% women of {rule}",
    ),
    "committee.report.succession.below": (
        "chưa đạt mức tối thiểu {minimum}% nữ theo {rule}",
        "this is below the minimum of {minimum}% women of {rule}",
    ),
    "committee.val.old_document_type": (
        "«{written}» không phải chữ viết tắt của Phụ lục III Nghị định 30/2020/NĐ-CP; đã đọc là "
        "«{code}» ({name}): {symbol}",
        "“{written}” is not an abbreviation of Decree 30/2020/NĐ-CP, Appendix III; read as "
        "“{code}” ({name}): {symbol}",
    ),
    "committee.report.succession.no_rule": (
        "chưa có quy định về tỷ lệ nữ tối thiểu trong quy hoạch áp dụng vào ngày {as_of}",
        "no rule on the minimum share of women in a plan applies on {as_of}",
    ),
    "committee.report.succession.na": ("chưa có người trong quy hoạch", "the plan is empty"),
    "committee.report.succession.table": (
        "Nữ trong quy hoạch nhiệm kỳ {term} so với nữ đang giữ chức vụ tại ngày {as_of}",
        "Women in the succession plan for {term} against women in post on {as_of}",
    ),
    "committee.report.plans.summary": (
        "{When}, có {total} văn bản, kế hoạch về công tác bình đẳng giới và vì sự tiến bộ của "
        "phụ nữ ({types}).",
        "{When}, {total} documents and plans concern gender equality and the advancement of "
        "women ({types}).",
    ),
    "committee.report.plans.none": (
        "{When}, chưa có văn bản, kế hoạch nào về công tác bình đẳng giới trong danh sách văn "
        "bản đã nhập.",
        "{When}, the imported documents include no document or plan on gender equality.",
    ),
    "committee.report.plans.table": ("Văn bản, kế hoạch {when}", "Documents and plans {when}"),
    "committee.report.activities.done": (
        "{When}, các đơn vị đã thực hiện {done}/{planned} hoạt động theo kế hoạch ({share})",
        "{When}, the units carried out {done} of {planned} planned activities ({share})",
    ),
    "committee.report.activities.none_done": (
        "{When}, các đơn vị chưa thực hiện hoạt động nào trong {planned} theo kế hoạch",
        "{When}, the units carried out none of {planned} planned",
    ),
    "committee.report.activities.all_cancelled": (
        "{When}, {cancelled} theo kế hoạch đều bị hủy, không có hoạt động nào được thực hiện.",
        "{When}, all {cancelled} planned were cancelled; none was carried out.",
    ),
    # the cancelled are not among the planned counted before: say so, or 17/19 + 2 reads as 21
    "committee.report.activities.cancelled": (
        "ngoài ra, {cancelled} bị hủy (không tính vào số theo kế hoạch)",
        "besides, {cancelled} cancelled (not counted among the planned)",
    ),
    "committee.report.activities.participants": (
        "Các hoạt động đã thực hiện có {participants} lượt người tham gia, {women_part}.",
        "The activities carried out had {participants} participants, {women_part}.",
    ),
    "committee.report.activities.women": (
        "trong đó nữ {women} lượt ({share})",
        "{women} of them women ({share})",
    ),
    "committee.report.activities.no_women": ("không có nữ", "none of them women"),
    "committee.report.activities.no_participants": (
        "Số người tham gia các hoạt động đã thực hiện chưa được ghi nhận.",
        "The number of participants in the activities carried out is not recorded.",
    ),
    "committee.report.activities.by_plan": (
        "Hoạt động {when} theo kế hoạch",
        "Activities {when} by plan",
    ),
    "committee.report.activities.by_unit": (
        "Hoạt động {when} theo đơn vị tổ chức",
        "Activities {when} by organising unit",
    ),
    "committee.report.activities.by_branch": (
        "Hoạt động {when} theo đơn vị tổ chức (đơn vị trực thuộc, gồm các đơn vị cấp dưới)",
        "Activities {when} by organising unit (affiliated units, with the units under them)",
    ),
    "committee.report.action_month.window": ("từ {start} đến {end}", "{start} to {end}"),
    "committee.report.action_month.window_cut": (
        "từ {start}, tính đến ngày {end}",
        "from {start}, up to {end}",
    ),
    "committee.report.action_month.summary": (
        "Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới năm {year} ({window}, Quyết định 1696/QĐ-TTg): {covered}/{total} ({share}) tổ chức ít nhất một hoạt động.",
        "Action Month for gender equality and the prevention of gender-based violence {year} ({window}, Decision 1696/QĐ-TTg): {covered} of {total} ({share}) held at least one activity.",
    ),
    "committee.report.action_month.none": (
        "Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới năm {year} ({window}, Quyết định 1696/QĐ-TTg): chưa có đơn vị nào trong {total} tổ chức hoạt động.",
        "Action Month for gender equality and the prevention of gender-based violence {year} ({window}, Decision 1696/QĐ-TTg): none of {total} held an activity.",
    ),
    "committee.report.action_month.missing": (
        "Các đơn vị chưa tổ chức hoạt động: {units}.",
        "Units that held no activity: {units}.",
    ),
    "committee.report.action_month.missing_many": (
        "Còn {count} chưa tổ chức hoạt động (danh sách tại phụ lục).",
        "{count} held no activity (listed in the appendix).",
    ),
    "committee.report.action_month.all": (
        "Tất cả các đơn vị đều tổ chức hoạt động.",
        "Every unit held at least one activity.",
    ),
    "committee.report.action_month.table": (
        "Hoạt động trong Tháng hành động năm {year} theo đơn vị",
        "Action Month {year}: activities by unit",
    ),
    "committee.report.action_month.by_branch": (
        "Hoạt động trong Tháng hành động năm {year} theo đơn vị trực thuộc (gồm các đơn vị cấp "
        "dưới)",
        "Action Month {year}: activities by affiliated unit (with the units under it)",
    ),
    "committee.report.movements.item": (
        "Phong trào «{name}» ({organiser}, phát động từ {start}): {part}; {linked}.",
        "Movement “{name}” ({organiser}, since {start}): {part}; {linked}.",
    ),
    "committee.report.movements.taking_part": ("{who} tham gia", "{who} take part"),
    "committee.report.movements.and": (" và ", " and "),
    "committee.report.movements.persons": ("{persons} ({women})", "{persons} ({women})"),
    "committee.report.movements.no_women": ("không có nữ", "no women"),
    "committee.report.movements.nobody": (
        "chưa có đơn vị, cá nhân nào đăng ký tham gia",
        "no unit or person has signed up yet",
    ),
    "committee.report.movements.individual_awards": (
        "{n} lượt khen thưởng cá nhân ({women})",
        "{n} individual awards ({women})",
    ),
    "committee.report.movements.collective_awards": (
        "{n} lượt khen thưởng tập thể",
        "{n} collective awards",
    ),
    "committee.report.movements.awards": (
        "gắn với phong trào có {awards}",
        "linked to it: {awards}",
    ),
    "committee.report.movements.no_awards": (
        "chưa có khen thưởng gắn với phong trào {when}",
        "no award linked to it {when}",
    ),
    "committee.report.movements.table": (
        "Phong trào thi đua {when}",
        "Emulation movements {when}",
    ),
    # --- columns ----------------------------------------------------------------------------
    "committee.report.col.course_type": ("Loại khóa học", "Course type"),
    "committee.report.col.women": ("Nữ", "Women"),
    "committee.report.col.persons_distinct": ("Số người (không trùng)", "Persons (counted once)"),
    "committee.report.col.sex": ("Giới tính", "Sex"),
    "committee.report.col.staff": ("Số cán bộ", "Staff"),
    "committee.report.col.trained": ("Được đào tạo, bồi dưỡng", "Trained"),
    "committee.report.col.share": ("Tỷ lệ", "Share"),
    "committee.report.col.form": ("Hình thức khen thưởng", "Form"),
    "committee.report.col.issuer": ("Cấp khen", "Issuer"),
    "committee.report.col.total_row": ("Tổng cộng", "Total"),
    "committee.report.col.code": ("Mã đơn vị", "Unit code"),
    "committee.report.col.unit": ("Đơn vị", "Unit"),
    "committee.report.col.unit_women_share": ("Tỷ lệ nữ của đơn vị", "Unit's share of women"),
    "committee.report.col.awards": ("Số lượt khen thưởng", "Awards"),
    "committee.report.col.awards_women": ("Khen thưởng nữ", "Awards to women"),
    "committee.report.col.forms": ("Hình thức", "Forms"),
    "committee.report.col.band": ("Nhóm đơn vị", "Units"),
    "committee.report.col.units": ("Số đơn vị", "Units"),
    "committee.report.col.units_awarded": ("Số đơn vị được khen thưởng", "Units awarded"),
    "committee.report.col.units_held": ("Số đơn vị có hoạt động", "Units with an activity"),
    "committee.report.col.level": ("Cấp chức vụ", "Level"),
    "committee.report.col.all_levels": ("Chung", "All"),
    "committee.report.col.planned": ("Quy hoạch", "Planned"),
    "committee.report.col.planned_women": ("Nữ quy hoạch", "Women planned"),
    "committee.report.col.planned_share": ("Tỷ lệ nữ quy hoạch", "Women's share planned"),
    "committee.report.col.posts": ("Đang giữ chức vụ", "In post"),
    "committee.report.col.posts_women": ("Nữ đang giữ chức vụ", "Women in post"),
    "committee.report.col.posts_share": ("Tỷ lệ nữ đang giữ chức vụ", "Women's share in post"),
    "committee.report.col.gap": ("Chênh lệch (điểm %)", "Gap (points)"),
    "committee.report.col.minimum": (
        "Đạt tối thiểu {minimum}% nữ ({rule})",
        "At least {minimum}% women ({rule})",
    ),
    "committee.report.col.minimum_none": ("Tỷ lệ nữ tối thiểu", "Minimum share of women"),
    "committee.report.col.yes": ("Có", "Yes"),
    "committee.report.col.no": ("Chưa", "No"),
    "committee.report.col.number": ("Số, ký hiệu", "Number"),
    "committee.report.col.doc_type": ("Loại văn bản", "Type"),
    "committee.report.col.issued_on": ("Ngày ban hành", "Issued on"),
    "committee.report.col.issuing_body": ("Cơ quan ban hành", "Issuing body"),
    "committee.report.col.title": ("Trích yếu", "Title"),
    "committee.report.col.parent": ("Thực hiện văn bản", "Implements"),
    "committee.report.col.activities": ("Số hoạt động", "Activities"),
    "committee.report.col.plan": ("Kế hoạch", "Plan"),
    "committee.report.col.no_plan": ("(không thuộc kế hoạch)", "(no plan)"),
    "committee.report.col.planned_total": ("Theo kế hoạch", "Planned"),
    "committee.report.col.done": ("Đã thực hiện", "Done"),
    "committee.report.col.cancelled": ("Bị hủy (không tính)", "Cancelled (not counted)"),
    "committee.report.col.done_share": ("Tỷ lệ thực hiện", "Done share"),
    "committee.report.col.held": ("Có hoạt động", "Held an activity"),
    "committee.report.col.movement": ("Phong trào", "Movement"),
    "committee.report.col.organiser": ("Cơ quan phát động", "Organiser"),
    "committee.report.col.start": ("Từ ngày", "Since"),
    "committee.report.col.persons": ("Cá nhân tham gia", "Persons"),
    "committee.report.col.collective": ("Khen thưởng tập thể", "Collective awards"),
    # --- annex sheets (at most 31 characters) -----------------------------------------------
    "committee.report.sheet.training": ("Đào tạo theo loại", "Training by type"),
    "committee.report.sheet.training_sex": ("Đào tạo theo giới", "Training by sex"),
    "committee.report.sheet.awards": ("Khen thưởng theo hình thức", "Awards by form"),
    "committee.report.sheet.awards_issuer": ("Khen thưởng theo cấp khen", "Awards by issuer"),
    "committee.report.sheet.awards_collective": ("Khen thưởng tập thể", "Collective awards"),
    "committee.report.sheet.succession": ("Quy hoạch", "Succession"),
    "committee.report.sheet.plans": ("Văn bản, kế hoạch", "Plans"),
    "committee.report.sheet.activities_plan": ("Hoạt động theo kế hoạch", "Activities by plan"),
    "committee.report.sheet.activities_unit": ("Hoạt động theo đơn vị", "Activities by unit"),
    "committee.report.sheet.action_month": ("Tháng hành động", "Action Month"),
    "committee.report.sheet.movements": ("Phong trào thi đua", "Movements"),
}

DOC_TYPE_MESSAGES: dict[str, tuple[str, str]] = {
    # Document types of Decree 30/2020/NĐ-CP, Appendix III (committee/documents.py), in
    # English for English reports ("CV": a công văn, which has no abbreviation).
    "committee.doc_type.NQ": ("Nghị quyết (cá biệt)", "Resolution"),
    "committee.doc_type.QĐ": ("Quyết định (cá biệt)", "Decision"),
    "committee.doc_type.CT": ("Chỉ thị", "Directive"),
    "committee.doc_type.QC": ("Quy chế", "Regulation"),
    "committee.doc_type.QyĐ": ("Quy định", "Rules"),
    "committee.doc_type.TC": ("Thông cáo", "Communiqué"),
    "committee.doc_type.TB": ("Thông báo", "Notice"),
    "committee.doc_type.HD": ("Hướng dẫn", "Guidance"),
    "committee.doc_type.CTr": ("Chương trình", "Programme"),
    "committee.doc_type.KH": ("Kế hoạch", "Plan"),
    "committee.doc_type.PA": ("Phương án", "Scheme"),
    "committee.doc_type.ĐA": ("Đề án", "Project proposal"),
    "committee.doc_type.DA": ("Dự án", "Project"),
    "committee.doc_type.BC": ("Báo cáo", "Report"),
    "committee.doc_type.BB": ("Biên bản", "Minutes"),
    "committee.doc_type.TTr": ("Tờ trình", "Submission"),
    "committee.doc_type.HĐ": ("Hợp đồng", "Contract"),
    "committee.doc_type.CĐ": ("Công điện", "Official dispatch"),
    "committee.doc_type.GN": ("Bản ghi nhớ", "Memorandum of understanding"),
    "committee.doc_type.TTh": ("Bản thỏa thuận", "Agreement"),
    "committee.doc_type.GUQ": ("Giấy ủy quyền", "Power of attorney"),
    "committee.doc_type.GM": ("Giấy mời", "Invitation"),
    "committee.doc_type.GGT": ("Giấy giới thiệu", "Letter of introduction"),
    "committee.doc_type.GNP": ("Giấy nghỉ phép", "Leave permit"),
    "committee.doc_type.PG": ("Phiếu gửi", "Dispatch slip"),
    "committee.doc_type.PC": ("Phiếu chuyển", "Transfer slip"),
    "committee.doc_type.PB": ("Phiếu báo", "Notification slip"),
    "committee.doc_type.NĐ": ("Nghị định", "Decree"),
    "committee.doc_type.TT": ("Thông tư", "Circular"),
    "committee.doc_type.QH": ("Luật", "Law"),
    "committee.doc_type.TTLT": ("Thông tư liên tịch", "Joint circular"),
    "committee.doc_type.CV": ("Công văn", "Official letter"),
}
