"""Every text of the report texts (sections, draft, command line, web form), vi then en."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- the sections ---------------------------------------------------------------------------
    "report_text.section.assessment": ("Đánh giá chung", "General assessment"),
    "report_text.section.shortcomings": (
        "Tồn tại, hạn chế và nguyên nhân",
        "Shortcomings, limitations and their causes",
    ),
    "report_text.section.directions": (
        "Phương hướng, nhiệm vụ năm tới",
        "Directions and tasks for the coming year",
    ),
    "report_text.section.directions_year": (
        "Phương hướng, nhiệm vụ năm {year}",
        "Directions and tasks for {year}",
    ),
    "report_text.section.recommendations": ("Kiến nghị, đề xuất", "Recommendations"),
    # --- the drafted assessment -----------------------------------------------------------------
    "report_text.draft.share": (
        "{what} là {share} ({women}/{total} người), {change} so với cùng thời điểm năm "
        "{prev_year} ({prev_share}).",
        "{what} was {share} ({women} of {total}), which {change} compared with the same date "
        "in {prev_year} ({prev_share}).",
    ),
    "report_text.draft.share_first": (
        "{what} là {share} ({women}/{total} người); chưa có số liệu cùng thời điểm năm trước để "
        "so sánh.",
        "{what} was {share} ({women} of {total}); there are no figures for the same date a year "
        "earlier to compare with.",
    ),
    "report_text.draft.what.staff": (
        "Tỷ lệ nữ trong tổng số công chức, viên chức, lao động",
        "Women's share of all staff",
    ),
    "report_text.draft.what.managers": (
        "Tỷ lệ nữ giữ chức vụ lãnh đạo, quản lý",
        "Women's share of managers (heads and deputies)",
    ),
    "report_text.draft.no_managers": (
        "Đơn vị không có người giữ chức vụ lãnh đạo, quản lý trong danh sách cán bộ.",
        "The staff list shows no one holding a management post.",
    ),
    "report_text.draft.targets_all_met": (
        "Đã đạt cả {met} mục tiêu về bình đẳng giới được theo dõi: {names}.",
        "Every gender-equality target followed is met ({met}): {names}.",
    ),
    "report_text.draft.targets_none_met": (
        "Chưa đạt mục tiêu nào trong {not_met} mục tiêu về bình đẳng giới được theo dõi: {names}.",
        "No gender-equality target followed is met ({not_met}): {names}.",
    ),
    "report_text.draft.targets_mixed": (
        "Về các mục tiêu bình đẳng giới: đã đạt {met} mục tiêu ({met_names}); chưa đạt "
        "{not_met} mục tiêu ({not_met_names}).",
        "Of the gender-equality targets followed, met: {met} ({met_names}); not met: "
        "{not_met} ({not_met_names}).",
    ),
    "report_text.draft.closing_rose": (
        "Nhìn chung, tỷ lệ nữ tham gia lãnh đạo, quản lý tăng so với năm trước.",
        "Overall, women's share of management posts rose over the year.",
    ),
    "report_text.draft.closing_fell": (
        "Tỷ lệ nữ tham gia lãnh đạo, quản lý giảm so với năm trước, cần được quan tâm trong "
        "công tác quy hoạch, đào tạo, bồi dưỡng và bổ nhiệm cán bộ nữ.",
        "Women's share of management posts fell over the year and needs attention in succession "
        "planning, training and appointments.",
    ),
    "report_text.draft.closing_stayed": (
        "Tỷ lệ nữ tham gia lãnh đạo, quản lý không thay đổi so với năm trước.",
        "Women's share of management posts did not change over the year.",
    ),
    # --- reading and checking -------------------------------------------------------------------
    "report_text.unknown_section": (
        "Không có phần nội dung «{value}». Chọn một trong: {choices}.",
        "There is no text section “{value}”. Choose one of: {choices}.",
    ),
    "report_text.unknown_unit": (
        "Không có đơn vị mã «{code}».",
        "There is no unit with code “{code}”.",
    ),
    "report_text.bad_year": (
        "Năm báo cáo «{value}» không hợp lệ (từ 1945 đến 2100).",
        "The reporting year “{value}” is not valid (1945 to 2100).",
    ),
    "report_text.too_large": (
        "Nội dung {file} quá dài ({size} byte; tối đa {limit} byte).",
        "The text in {file} is too long ({size} bytes; at most {limit}).",
    ),
    "report_text.not_text": (
        "Tệp {file} không phải tệp văn bản thuần (.txt hoặc .md, mã UTF-8). Hãy chép nội dung "
        "vào một tệp văn bản.",
        "{file} is not a plain text file (.txt or .md, UTF-8). Copy its text into a text file.",
    ),
    "report_text.not_utf8": (
        "Tệp {file} không đúng mã UTF-8 (dòng {line}); hãy lưu lại với mã UTF-8.",
        "{file} is not UTF-8 (line {line}); save it again as UTF-8.",
    ),
    "report_text.empty": (
        "Tệp {file} không có nội dung. Để xóa nội dung đã lưu, dùng lệnh «clear».",
        "{file} is empty. To remove a saved text, use the “clear” command.",
    ),
    "report_text.no_version": (
        "Không có phiên bản {version} của phần «{section}» ({unit}, năm {year}).",
        "There is no version {version} of “{section}” ({unit}, {year}).",
    ),
    "report_text.conflict": (
        "Phần «{section}» vừa được người khác lưu cùng lúc; hãy thử lại.",
        "“{section}” was saved by someone else at the same moment; try again.",
    ),
    # --- command line ---------------------------------------------------------------------------
    "report.option_required": (
        "Thiếu tùy chọn {option}: cần có --unit và --as-of để viết báo cáo.",
        "Missing option {option}: writing the report needs --unit and --as-of.",
    ),
    "report_text.saved": (
        "Đã lưu phần «{section}» của {unit}, năm {year}: phiên bản {version}.",
        "Saved “{section}” of {unit} for {year}: version {version}.",
    ),
    "report_text.unchanged": (
        "Nội dung phần «{section}» không thay đổi (vẫn là phiên bản {version}).",
        "“{section}” is unchanged (still version {version}).",
    ),
    "report_text.cleared": (
        "Đã xóa nội dung phần «{section}» của {unit}, năm {year} (phiên bản {version}; các "
        "phiên bản trước vẫn được lưu).",
        "Cleared “{section}” of {unit} for {year} (version {version}; earlier versions are kept).",
    ),
    "report_text.nothing_to_clear": (
        "Phần «{section}» của {unit}, năm {year} chưa có nội dung.",
        "“{section}” of {unit} for {year} has no text.",
    ),
    "report_text.none": (
        "Phần «{section}» của {unit}, năm {year} chưa có nội dung; báo cáo sẽ bỏ qua phần này.",
        "“{section}” of {unit} for {year} has no text; the report leaves this part out.",
    ),
    "report_text.draft_note": (
        "Chưa có nội dung do người dùng viết; báo cáo dùng bản dự thảo sau, lập từ số liệu "
        "ngày {date}:",
        "No text written yet; the report uses this draft, written from the figures of {date}:",
    ),
    "report_text.no_draft": (
        "Chưa có nội dung, và chưa có danh sách cán bộ năm {year} để lập bản dự thảo.",
        "No text written yet, and no staff list of {year} to draft one from.",
    ),
    "report_text.version_line": (
        "Phiên bản {version} — {by}, {at}",
        "Version {version} — {by}, {at}",
    ),
    "report_text.history_empty": (
        "Chưa có phiên bản nào ({unit}, năm {year}).",
        "No versions yet ({unit}, {year}).",
    ),
    "report_text.col.section": ("Phần", "Section"),
    "report_text.col.version": ("Phiên bản", "Version"),
    "report_text.col.saved_by": ("Người lưu", "Saved by"),
    "report_text.col.saved_at": ("Thời điểm", "Saved at"),
    "report_text.col.content": ("Nội dung", "Text"),
    "report_text.cleared_mark": ("(đã xóa)", "(cleared)"),
    "report_text.history_title": (
        "Lịch sử nội dung báo cáo — {unit}, năm {year}",
        "History of the report texts — {unit}, {year}",
    ),
    # --- web form -------------------------------------------------------------------------------
    "report_text.web.title": ("Nội dung đánh giá của báo cáo", "The report's own texts"),
    "report_text.web.open": ("Viết nội dung đánh giá", "Write the report's texts"),
    "report_text.web.intro": (
        "Bốn phần cuối của báo cáo do đơn vị tự viết, mỗi đơn vị một lần cho mỗi năm. Mỗi lần "
        "lưu tạo một phiên bản mới; báo cáo dùng phiên bản mới nhất. Viết đoạn văn cách nhau "
        "một dòng trống, ý gạch đầu dòng bắt đầu bằng «- », chữ đậm đặt giữa **hai dấu sao**.",
        "The last four parts of the report are written by the unit, once a year. Each save "
        "makes a new version; the report uses the latest. Separate paragraphs with a blank "
        "line, start list items with “- ”, put bold text between **two asterisks**.",
    ),
    "report_text.web.year": ("Năm báo cáo", "Reporting year"),
    "report_text.web.preview": ("Xem trước", "Preview"),
    "report_text.web.save": ("Lưu phiên bản mới", "Save a new version"),
    "report_text.web.saved": ("Đã lưu: {sections}.", "Saved: {sections}."),
    "report_text.web.nothing_saved": (
        "Không có phần nào thay đổi, không lưu phiên bản mới.",
        "Nothing changed; no new version saved.",
    ),
    "report_text.web.draft": (
        "Bản dự thảo lập từ số liệu ngày {date}: báo cáo dùng bản này cho đến khi đơn vị lưu "
        "nội dung của mình.",
        "A draft written from the figures of {date}: the report uses it until the unit saves "
        "its own text.",
    ),
    "report_text.web.empty": (
        "Chưa có nội dung: phần này không có trong báo cáo.",
        "No text: this part is left out of the report.",
    ),
    "report_text.web.latest": (
        "Phiên bản {version}, {by} lưu lúc {at}.",
        "Version {version}, saved by {by} at {at}.",
    ),
    "report_text.web.history": ("Các phiên bản ({count})", "Versions ({count})"),
    "report_text.web.read_only": (
        "Bạn chỉ được xem; biên tập viên của đơn vị mới được sửa nội dung.",
        "You may read these texts; an editor of the unit may change them.",
    ),
    "report_text.web.preview_title": ("Xem trước", "Preview"),
    "report_text.web.previewing": (
        "Bản xem trước: nội dung chưa được lưu.",
        "A preview: nothing has been saved yet.",
    ),
    "web.act.report_text.save": ("Lưu nội dung báo cáo", "Report texts saved"),
}
