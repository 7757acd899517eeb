"""The committee area's messages, vi + en (registered with the shared catalogue on import)."""

from __future__ import annotations

from binhdang.messages import register_messages

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
    "committee.report.section.plans": (
        "Kế hoạch và hoạt động của Ban vì sự tiến bộ của phụ nữ",
        "Plans and activities of the Committee for the Advancement of Women",
    ),
    "committee.report.section.action_month": (
        "Tháng hành động vì bình đẳng giới",
        "Action Month for gender equality",
    ),
    "committee.report.section.movements": ("Phong trào thi đua", "Emulation movements"),
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
        "Năm {year}, {total} cán bộ của {unit} tham gia đào tạo, bồi dưỡng (đang học hoặc đã hoàn thành), trong đó {women} nữ ({share}). Tỷ lệ nữ cán bộ được đào tạo, bồi dưỡng trong năm là {women_share} ({women_attended}/{women_staff}); tỷ lệ nam là {men_share} ({men_attended}/{men_staff}).",
        "In {year}, {total} staff of {unit} attended training (attending or completed), of whom {women} women ({share}). {women_share} of women staff ({women_attended}/{women_staff}) and {men_share} of men staff ({men_attended}/{men_staff}) attended a course in the year.",
    ),
    "committee.report.training.advanced": (
        "Riêng cao cấp lý luận chính trị: {total} người, trong đó {women} nữ ({share}).",
        "Advanced political theory alone: {total} persons, of whom {women} women ({share}).",
    ),
    "committee.report.training.by_type": (
        "Người được đào tạo, bồi dưỡng năm {year} theo loại khóa học và giới",
        "Staff trained in {year} by course type and sex",
    ),
    "committee.report.training.by_sex": (
        "Tỷ lệ cán bộ được đào tạo, bồi dưỡng năm {year} theo giới (cán bộ tại ngày {as_of})",
        "Share of staff trained in {year} by sex (staff as of {as_of})",
    ),
    "committee.report.awards.summary": (
        "Năm {year}, có {total} lượt khen thưởng cá nhân, trong đó nữ {women} lượt ({share}). {awardees} người được khen thưởng; tỷ lệ nữ trong số người được khen thưởng là {awardees_share}, {comparison} tỷ lệ nữ trong tổng số cán bộ ({staff_share}).",
        "In {year}, there were {total} individual awards, {women} of them to women ({share}). {awardees} persons were awarded; women's share among them is {awardees_share}, {comparison} their share of all staff ({staff_share}).",
    ),
    "committee.report.awards.collective": (
        "Khen thưởng tập thể: {total} lượt cho {units} đơn vị.",
        "Collective awards: {total} to {units} units.",
    ),
    "committee.report.awards.by_form": (
        "Khen thưởng cá nhân năm {year} theo hình thức và giới",
        "Individual awards for {year} by form and sex",
    ),
    "committee.report.awards.by_issuer": (
        "Khen thưởng cá nhân năm {year} theo cấp khen (ghi theo quyết định)",
        "Individual awards for {year} by issuer (as written on the decisions)",
    ),
    "committee.report.awards.collective_table": (
        "Khen thưởng tập thể năm {year} theo đơn vị",
        "Collective awards for {year} by unit",
    ),
    "committee.report.awards.bands": (
        "Khen thưởng tập thể năm {year} theo tỷ lệ nữ của đơn vị",
        "Collective awards for {year} by the unit's share of women",
    ),
    "committee.report.succession.summary": (
        "Quy hoạch nhiệm kỳ {term} của {unit} có {total} người, trong đó {women} nữ ({share}); {verdict}. Tỷ lệ nữ trong quy hoạch {comparison} tỷ lệ nữ đang giữ chức vụ lãnh đạo, quản lý tại ngày {as_of} ({posts_share}).",
        "The succession plan of {unit} for the term {term} names {total} persons, of whom {women} women ({share}); {verdict}. Women's share in the plan is {comparison} that among the heads and deputies in post on {as_of} ({posts_share}).",
    ),
    "committee.report.succession.meets": (
        "đạt mức tối thiểu {minimum}% nữ theo Quy định 50-QĐ/TW",
        "this meets the minimum of {minimum}% women of Quy định 50-QĐ/TW",
    ),
    "committee.report.succession.below": (
        "chưa đạt mức tối thiểu {minimum}% nữ theo Quy định 50-QĐ/TW",
        "this is below the minimum of {minimum}% women of Quy định 50-QĐ/TW",
    ),
    "committee.report.succession.na": ("chưa có người trong quy hoạch", "the plan is empty"),
    "committee.report.succession.table": (
        "Nữ trong quy hoạch nhiệm kỳ {term} so với nữ đang giữ chức vụ tại ngày {as_of}",
        "Women in the succession plan for {term} against women in post on {as_of}",
    ),
    "committee.report.plans.summary": (
        "Năm {year}, có {total} văn bản, kế hoạch về công tác bình đẳng giới và vì sự tiến bộ của phụ nữ ({types}).",
        "In {year}, {total} documents and plans concern gender equality and the advancement of women ({types}).",
    ),
    "committee.report.plans.table": ("Văn bản, kế hoạch năm {year}", "Documents and plans, {year}"),
    "committee.report.activities.summary": (
        "Năm {year}, các đơn vị đã thực hiện {done}/{planned} hoạt động theo kế hoạch ({share}); {cancelled} hoạt động bị hủy. Các hoạt động đã thực hiện có {participants} lượt người tham gia, trong đó nữ {women} lượt ({women_share}).",
        "In {year}, the units carried out {done} of {planned} planned activities ({share}); {cancelled} were cancelled. The activities carried out had {participants} participants, {women} of them women ({women_share}).",
    ),
    "committee.report.activities.by_plan": (
        "Hoạt động năm {year} theo kế hoạch",
        "Activities in {year} by plan",
    ),
    "committee.report.activities.by_unit": (
        "Hoạt động năm {year} theo đơn vị tổ chức",
        "Activities in {year} by organising unit",
    ),
    "committee.report.action_month.summary": (
        "Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới năm {year} (từ {start} đến {end}, Quyết định 1696/QĐ-TTg): {covered}/{total} đơn vị ({share}) tổ chức ít nhất một hoạt động.",
        "Action Month for gender equality and the prevention of gender-based violence {year} ({start} to {end}, Decision 1696/QĐ-TTg): {covered} of {total} units ({share}) held at least one activity.",
    ),
    "committee.report.action_month.missing": (
        "Các đơn vị chưa tổ chức hoạt động: {units}.",
        "Units that held no activity: {units}.",
    ),
    "committee.report.action_month.all": (
        "Tất cả các đơn vị đều tổ chức hoạt động.",
        "Every unit held at least one activity.",
    ),
    "committee.report.action_month.table": (
        "Hoạt động trong Tháng hành động năm {year} theo đơn vị",
        "Action Month {year}: activities by unit",
    ),
    "committee.report.movements.item": (
        "Phong trào «{name}» ({organiser}, phát động từ {start}): {units} đơn vị và {persons} cá nhân tham gia (nữ {women}); {awards} lượt khen thưởng cá nhân (nữ {awards_women}) và {collective} lượt khen thưởng tập thể gắn với phong trào.",
        "Movement “{name}” ({organiser}, since {start}): {units} units and {persons} persons take part ({women} women); {awards} individual awards ({awards_women} to women) and {collective} collective awards are linked to it.",
    ),
    "committee.report.movements.table": (
        "Phong trào thi đua năm {year}",
        "Emulation movements, {year}",
    ),
    # --- columns ----------------------------------------------------------------------------
    "committee.report.col.course_type": ("Loại khóa học", "Course type"),
    "committee.report.col.total": ("Tổng số", "Total"),
    "committee.report.col.women": ("Nữ", "Women"),
    "committee.report.col.men": ("Nam", "Men"),
    "committee.report.col.women_share": ("Tỷ lệ nữ", "Women's share"),
    "committee.report.col.persons_distinct": ("Số người (không trùng)", "Persons (counted once)"),
    "committee.report.col.sex": ("Giới tính", "Sex"),
    "committee.report.col.staff": ("Số cán bộ", "Staff"),
    "committee.report.col.trained": ("Được đào tạo, bồi dưỡng", "Trained"),
    "committee.report.col.share": ("Tỷ lệ", "Share"),
    "committee.report.col.form": ("Hình thức khen thưởng", "Form"),
    "committee.report.col.issuer": ("Cấp khen", "Issuer"),
    "committee.report.col.total_row": ("Tổng cộng", "Total"),
    "committee.report.col.code": ("Mã", "Code"),
    "committee.report.col.unit": ("Đơn vị", "Unit"),
    "committee.report.col.unit_women_share": ("Tỷ lệ nữ của đơn vị", "Unit's share of women"),
    "committee.report.col.awards": ("Số lượt khen thưởng", "Awards"),
    "committee.report.col.awards_women": ("Khen thưởng nữ", "Awards to women"),
    "committee.report.col.forms": ("Hình thức", "Forms"),
    "committee.report.col.band": ("Nhóm đơn vị", "Units"),
    "committee.report.col.units": ("Số đơn vị", "Units"),
    "committee.report.col.level": ("Cấp chức vụ", "Level"),
    "committee.report.col.all_levels": ("Chung", "All"),
    "committee.report.col.planned": ("Quy hoạch", "Planned"),
    "committee.report.col.planned_women": ("Nữ quy hoạch", "Women planned"),
    "committee.report.col.planned_share": ("Tỷ lệ nữ quy hoạch", "Women's share planned"),
    "committee.report.col.posts": ("Đang giữ chức vụ", "In post"),
    "committee.report.col.posts_women": ("Nữ đang giữ chức vụ", "Women in post"),
    "committee.report.col.posts_share": ("Tỷ lệ nữ đang giữ chức vụ", "Women's share in post"),
    "committee.report.col.gap": ("Chênh lệch (điểm %)", "Gap (points)"),
    "committee.report.col.minimum": ("Đạt tối thiểu 25% nữ", "At least 25% women"),
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
    "committee.report.col.cancelled": ("Hủy", "Cancelled"),
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

register_messages(MESSAGES)
register_messages(REPORT_MESSAGES)
