"""Messages of the privacy area (vi, en), merged into the catalogue at its first use."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- the register ---------------------------------------------------------------------
    "privacy.register.title": (
        "Sổ đăng ký xử lý dữ liệu cá nhân của binhdang",
        "binhdang's register of personal-data processing",
    ),
    "privacy.register.intro": (
        "Theo Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15 và Nghị định 356/2025/NĐ-CP (hiệu lực "
        "từ 01/01/2026). Nơi lưu: cơ sở dữ liệu {db}. Dữ liệu nhạy cảm tùy chọn "
        "(BINHDANG_SENSITIVE_DATA): {sensitive}. Thời hạn lưu sau khi nghỉ "
        "(BINHDANG_RETENTION_YEARS): {years} năm.",
        "Under the Law on Personal Data Protection 91/2025/QH15 and Decree 356/2025/NĐ-CP (in "
        "force from 01/01/2026). Stored in the database {db}. Optional sensitive data "
        "(BINHDANG_SENSITIVE_DATA): {sensitive}. Kept after leaving "
        "(BINHDANG_RETENTION_YEARS): {years} years.",
    ),
    "privacy.col.data": ("Dữ liệu", "Data"),
    "privacy.col.category": ("Loại", "Category"),
    "privacy.col.purpose": ("Mục đích", "Purpose"),
    "privacy.col.basis": ("Căn cứ", "Legal basis"),
    "privacy.col.access": ("Ai được xem", "Who may see it"),
    "privacy.col.retention": ("Thời hạn lưu", "How long"),
    "privacy.col.storage": ("Nơi lưu", "Where"),
    "privacy.col.source": ("Nguồn", "Source"),
    "privacy.col.note": ("Ghi chú", "Note"),
    "privacy.category.basic": ("cơ bản", "basic"),
    "privacy.category.sensitive": ("nhạy cảm", "sensitive"),
    "privacy.category.switch": (
        "nhạy cảm, chỉ lưu khi BINHDANG_SENSITIVE_DATA=on (hiện: {state})",
        "sensitive, stored only with BINHDANG_SENSITIVE_DATA=on (now: {state})",
    ),
    "privacy.access.roles": ("{roles} (quyền {action})", "{roles} (action {action})"),
    "privacy.access.cli": (
        "người vận hành dòng lệnh trên cơ sở dữ liệu",
        "the operator running binhdang on the database",
    ),
    "privacy.storage.tables": ("bảng {tables}", "tables {tables}"),
    "privacy.arg.format": (
        "Định dạng phải là một trong: {choices}.",
        "The format must be one of: {choices}.",
    ),
    # --- export ---------------------------------------------------------------------------
    "privacy.export.unknown_person": (
        "Không có cán bộ mã «{code}» trong cơ sở dữ liệu.",
        "No staff member with the code “{code}” in the database.",
    ),
    "privacy.export.written": (
        "Đã ghi toàn bộ dữ liệu của cán bộ {code} ra {file} ({rows} dòng); việc xuất đã được "
        "ghi nhật ký (người thực hiện: {actor}).",
        "Wrote all the data of staff member {code} to {file} ({rows} rows); the export is "
        "logged (by {actor}).",
    ),
    "privacy.export.sheet.person": ("Cá nhân", "Person"),
    "privacy.export.sheet.employment": ("Quá trình công tác", "Employment"),
    "privacy.export.sheet.position": ("Chức vụ", "Positions"),
    "privacy.export.sheet.maternity_leave": ("Thai sản", "Maternity leave"),
    "privacy.export.sheet.committee_training": ("Đào tạo", "Training"),
    "privacy.export.sheet.committee_award": ("Khen thưởng", "Awards"),
    "privacy.export.sheet.committee_succession": ("Quy hoạch", "Succession"),
    "privacy.export.sheet.committee_movement_participant": ("Phong trào", "Movements"),
    "privacy.export.sheet.committee_member": ("Thành viên Ban", "Committee member"),
    "privacy.export.sheet.audit_log": ("Nhật ký", "Audit log"),
    "privacy.export.note": (
        "Dữ liệu cá nhân của một người do binhdang lưu (Luật 91/2025/QH15 Điều 4: quyền của "
        "chủ thể dữ liệu). valid_to là ngày đầu tiên không còn đúng (trống: đang tiếp diễn). "
        "Nhật ký chỉ ghi thời điểm, hành động và đơn vị, không ghi người xem (dữ liệu của "
        "người khác).",
        "The personal data binhdang keeps about one person (Law 91/2025/QH15 Art. 4: the data "
        "subject's rights). valid_to is the first day a fact no longer held (empty: still "
        "holds). The log part gives when, what and which unit, not who looked (that is "
        "someone else's data).",
    ),
    # --- the audit page's names of these actions (web.pages.action_label) ------------------
    "web.act.privacy.export": (
        "Xuất dữ liệu của một người (yêu cầu của chủ thể)",
        "Exported a person's data (subject-access request)",
    ),
    "web.act.privacy.purge": ("Ẩn danh hóa người đã nghỉ", "Anonymised persons who left"),
    # --- purge ----------------------------------------------------------------------------
    "privacy.purge.future": (
        "--before {date} ở sau hôm nay ({today}): chỉ ẩn danh hóa người đã nghỉ.",
        "--before {date} is after today ({today}): only people who have left are anonymised.",
    ),
    "privacy.purge.bad_years": (
        "BINHDANG_RETENTION_YEARS phải là số năm nguyên từ 0 đến 100, không phải «{value}».",
        "BINHDANG_RETENTION_YEARS must be a whole number of years from 0 to 100, not “{value}”.",
    ),
    "privacy.purge.pseudonym_taken": (
        "Bí danh {code} đã là mã của một cán bộ khác; hãy đổi mã cán bộ đó rồi chạy lại.",
        "The pseudonym {code} is already another staff member's code; change that code and run "
        "again.",
    ),
    "privacy.purge.none": (
        "Không có ai cần ẩn danh hóa: không người nào (chưa ẩn danh) kết thúc mọi giai đoạn "
        "công tác trước ngày {date}.",
        "Nobody to anonymise: no person (not yet anonymised) ended all their employment before "
        "{date}.",
    ),
    "privacy.purge.plan": (
        "{count} người kết thúc mọi giai đoạn công tác trước ngày {date} sẽ được ẩn danh hóa: "
        "{codes}",
        "{count} persons who ended all their employment before {date} would be anonymised: {codes}",
    ),
    "privacy.purge.dry_run": (
        "Chạy thử (--dry-run): cơ sở dữ liệu không thay đổi.",
        "Dry run (--dry-run): the database is unchanged.",
    ),
    "privacy.purge.done": (
        "Đã ẩn danh hóa {count} người (kết thúc công tác trước ngày {date}): họ tên và mã thay "
        "bằng bí danh ANON-…, dân tộc đã xóa, {texts} nội dung văn bản và {entries} mục nhật ký "
        "đã thay tên, mã. Giới tính, ngày sinh và quá trình công tác giữ nguyên nên mọi số liệu "
        "tổng hợp không đổi. Việc ẩn danh hóa đã được ghi nhật ký.",
        "Anonymised {count} persons (employment ended before {date}): names and codes replaced "
        "by ANON-… pseudonyms, ethnicity cleared, {texts} texts and {entries} audit entries "
        "redacted. Sex, birth date and employment history are kept, so every aggregate figure "
        "is unchanged. The purge is logged.",
    ),
}
