"""Messages of the import of lists (vi + en). Plain tables, merged into the catalogue at their
first use (:mod:`binhdang.messages`): ``MESSAGES`` and ``LIMIT_MESSAGES`` (the refusals of a
file too large or damaged, one sentence each, built from the table of what was found)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- --dry-run's preview (ingest/preview.py) --------------------------------------
    "preview.title": (
        "Xem trước {file} (ngày {as_of}) — chưa ghi gì vào cơ sở dữ liệu:",
        "Preview of {file} (as of {as_of}) — nothing written to the database:",
    ),
    "preview.kind.added": ("Thêm mới", "Added"),
    "preview.kind.moved": ("Chuyển đơn vị", "Moved to another unit"),
    "preview.kind.promoted": ("Bổ nhiệm, nâng chức vụ", "Promoted or appointed"),
    "preview.kind.post_changed": ("Thay đổi chức vụ khác", "Other change of post"),
    "preview.kind.grade_promoted": ("Nâng ngạch", "Promoted to a higher grade"),
    "preview.kind.step_raised": ("Nâng bậc lương", "Step raise"),
    "preview.kind.changed": ("Thay đổi thông tin khác", "Other details changed"),
    "preview.kind.ended": (
        "Kết thúc (vắng mặt trong danh sách)",
        "Ended (absent from the list)",
    ),
    "preview.kind.absent": (
        "Vắng mặt, giữ nguyên (sẽ kết thúc nếu dùng --close-missing / đánh dấu «kết thúc người "
        "vắng mặt»)",
        "Absent, left as they are (would be ended with --close-missing / “end absent staff”)",
    ),
    "preview.unchanged": ("Không đổi: {count} người.", "Unchanged: {count} people."),
    "preview.nothing": ("Không có thay đổi nào.", "No change."),
    "preview.footer": (
        "Chưa ghi gì. Bỏ --dry-run để nhập thật.",
        "Nothing written. Run without --dry-run to import.",
    ),
    # --- staff lists (ingest/staff.py) ------------------------------------------------
    "import.sensitive_ignored": (
        "Cột «{column}» là dữ liệu cá nhân nhạy cảm (Luật 91/2025/QH15, Nghị định "
        "356/2025/NĐ-CP Điều 4) và không được nhập vì {setting}=off (mặc định); giá trị đã lưu "
        "(nếu có) giữ nguyên. Đặt {setting}=on nếu cơ quan cần và có căn cứ xử lý dữ liệu này.",
        "Column “{column}” is sensitive personal data (Law 91/2025/QH15, Decree 356/2025/NĐ-CP "
        "Art. 4) and was not imported because {setting}=off (the default); stored values (if "
        "any) are left as they are. Set {setting}=on if the agency needs this data and has a "
        "legal basis to process it.",
    ),
    "val.heading_unit": (
        "đơn vị lấy từ dòng tiêu đề nhóm «{value}» (dòng {row}) không xác định được (xem lỗi ở "
        "dòng {row})",
        "the unit taken from the group heading “{value}” (row {row}) is not known (see the "
        "error at row {row})",
    ),
    "settings.bad_switch": (
        "{setting} phải là on hoặc off, không phải «{value}».",
        "{setting} must be on or off, not “{value}”.",
    ),
    # --- who a row is (ingest/identity.py) --------------------------------------------
    "val.insurance_digits": (
        "mã số BHXH phải gồm {digits} chữ số",
        "the social-insurance number must have {digits} digits",
    ),
    "val.citizen_id_digits": (
        "số định danh cá nhân (CCCD) phải gồm {digits} chữ số",
        "the citizen ID must have {digits} digits",
    ),
    "val.duplicate_identifier": (
        "trùng với dòng {other_row}",
        "repeats row {other_row}",
    ),
    "val.same_name_birth": (
        "dòng {row} và dòng {other_row} cùng họ tên và ngày sinh mà không có mã cán bộ, mã số "
        "BHXH hay số định danh để phân biệt; hãy thêm một trong các cột đó",
        "rows {row} and {other_row} have the same name and birth date and no staff code, "
        "social-insurance number or citizen ID to tell them apart; add one of those columns",
    ),
    "val.identity_ambiguous": (
        "dòng này khớp với nhiều người đã lưu ({codes}) theo các mã định danh khác nhau; hãy "
        "kiểm tra mã cán bộ, mã số BHXH và số định danh",
        "this row matches several stored people ({codes}) by different identifiers; check the "
        "staff code, social-insurance number and citizen ID",
    ),
    "val.identity_same_person": (
        "dòng này và dòng {other_row} cùng khớp với người đã lưu {code}",
        "this row and row {other_row} both match stored person {code}",
    ),
    "val.identity_conflict": (
        "{column} của dòng này thuộc về người đã lưu {code}, nhưng các mã định danh khác không "
        "khớp; hãy sửa tệp (hoặc sửa người đó) để hai bên nhất quán",
        "{column} of this row belongs to stored person {code}, but the other identifiers do "
        "not match; correct the file (or that person) so that they agree",
    ),
    # --- job titles (ingest/titles.py) ------------------------------------------------
    "titles.bad_file": (
        "Tệp chức danh {file} (biến {setting}) không đọc được: {reason}. Xem mẫu trong "
        "src/binhdang/ingest/titles.toml.",
        "The titles file {file} (setting {setting}) cannot be read: {reason}. See the shape in "
        "src/binhdang/ingest/titles.toml.",
    ),
    "val.unknown_title": (
        "chức vụ «{value}» không có trong bảng chức danh: ghi Cấp trưởng hoặc Cấp phó ở cột "
        "«Cấp chức vụ», hoặc thêm chức danh vào tệp của biến {setting} (xem README, «Thêm "
        "chức danh»)",
        "the title “{value}” is not in the table of titles: write Cấp trưởng (head) or Cấp phó "
        "(deputy) in the “Cấp chức vụ” column, or add the title to the file of the setting "
        "{setting} (see README, “Adding a title”)",
    ),
    # --- units by name (ingest/unit_names.py) -----------------------------------------
    "val.unit_not_found": (
        "đơn vị «{value}» không có (theo mã hoặc theo tên) trong danh mục đơn vị vào ngày "
        "{as_of}; tên gần nhất: {closest}",
        "the unit “{value}” is not in the unit list (by code or by name) on {as_of}; closest "
        "names: {closest}",
    ),
    "val.unit_not_found_undated": (
        "đơn vị «{value}» không có (theo mã hoặc theo tên) trong danh mục đơn vị; tên gần nhất: "
        "{closest}",
        "the unit “{value}” is not in the unit list (by code or by name); closest names: {closest}",
    ),
    "val.unit_ambiguous": (
        "tên đơn vị «{value}» ứng với nhiều đơn vị vào ngày {as_of}: {matches}; hãy ghi mã đơn vị",
        "the unit name “{value}” matches several units on {as_of}: {matches}; write the unit code",
    ),
    # --- import history and undo (ingest/batches.py) ----------------------------------
    "batch.kind.staff": ("Danh sách cán bộ", "Staff list"),
    "batch.kind.units": ("Danh mục đơn vị", "Unit catalogue"),
    "batch.kind.maternity": ("Danh sách nghỉ thai sản", "Maternity leave list"),
    "batch.none": ("Chưa có lần nhập nào.", "Nothing has been imported yet."),
    "batch.unknown": ("Không có lần nhập số {batch}.", "There is no import number {batch}."),
    "batch.not_newest": (
        "Không thể hoàn tác lần nhập số {batch}: lần nhập số {newest} ({newest_file}) được "
        "thực hiện sau và có thể dựa trên nó. Chỉ hoàn tác được lần nhập mới nhất; hãy hoàn tác "
        "số {newest} trước.",
        "Import number {batch} cannot be undone: import number {newest} ({newest_file}) came "
        "after it and may rest on it. Only the newest import can be undone; undo number "
        "{newest} first.",
    ),
    "batch.not_reversible": (
        "Không thể hoàn tác lần nhập số {batch} ({kind}): lần nhập này không ghi lại các thay đổi "
        "(nhập trước phiên bản có chức năng hoàn tác, hoặc không phải danh sách cán bộ/đơn vị).",
        "Import number {batch} ({kind}) cannot be undone: its changes were not recorded "
        "(imported before undo existed, or not a staff or unit list).",
    ),
    "batch.behind_permanent": (
        "Không thể hoàn tác lần nhập số {batch}: lần nhập số {newest} ({newest_file}) được "
        "thực hiện sau và không hoàn tác được, nên các lần nhập trước nó cũng không hoàn tác "
        "được nữa. Hãy sửa bằng một danh sách mới (nhập lại danh sách đã sửa cho cùng ngày).",
        "Import number {batch} cannot be undone: import number {newest} ({newest_file}) came "
        "after it and cannot be undone, so neither can the imports before it. Correct the data "
        "with a new list (import the corrected list for the same date).",
    ),
    "batch.changed_since": (
        "Không thể hoàn tác lần nhập số {batch}: {count} dòng mà lần nhập này ghi (bảng "
        "{tables}) đã bị thay đổi sau đó ngoài các lần nhập (ví dụ sáp nhập đơn vị, ẩn danh "
        "hóa). Hoàn tác lúc này sẽ xóa cả những thay đổi đó; không có gì bị thay đổi.",
        "Import number {batch} cannot be undone: {count} rows it wrote (tables {tables}) were "
        "changed afterwards outside imports (e.g. a unit merge, an anonymisation). Undoing now "
        "would also erase those changes; nothing was changed.",
    ),
    "batch.referenced": (
        "Không thể hoàn tác lần nhập số {batch}: những gì lần nhập này thêm (đơn vị, cán bộ) "
        "đang được dùng bởi dữ liệu ghi sau đó (tài khoản, kỳ nghỉ thai sản, hồ sơ của Ban…). "
        "Không có gì bị thay đổi.",
        "Import number {batch} cannot be undone: what it added (units, staff) is used by data "
        "written since (accounts, maternity leaves, committee records…). Nothing was changed.",
    ),
    "batch.undone": (
        "Đã hoàn tác lần nhập số {batch} ({file}, ngày danh sách {as_of}): {count} thay đổi "
        "được đảo ngược, cơ sở dữ liệu trở lại như trước lần nhập.",
        "Undid import number {batch} ({file}, list date {as_of}): {count} writes reversed, the "
        "database is as it was before the import.",
    ),
    "batch.undo_needs_one": (
        "Hãy cho biết số lần nhập cần hoàn tác, hoặc dùng --last.",
        "Give the number of the import to undo, or use --last.",
    ),
    "batch.history_empty": ("Chưa có lần nhập nào.", "Nothing has been imported yet."),
    "batch.history_header": (
        "Số | Loại | Ngày danh sách | Tệp | Người nhập | Thời điểm (UTC) | Thêm | Thay đổi | "
        "Kết thúc | Không đổi | Hoàn tác được",
        "No. | Kind | List date | File | By | At (UTC) | Added | Changed | Ended | Unchanged | "
        "Undoable",
    ),
}

# --- the size and damage limits (ingest/limits.py) ----------------------------------------
# Each refusal is one sentence: "<file> is too large or damaged: <what was found>. <how to
# raise the limit, when a setting governs it>".
_PREFIX = ("Tệp {file} quá lớn hoặc hỏng: ", "{file} is too large or damaged: ")
_RAISE = (
    " Nếu tệp đúng là như vậy, hãy nâng cài đặt {setting}.",
    " If the file really is that large, raise the setting {setting}.",
)
_FOUND: dict[str, tuple[str, str, bool]] = {
    # key: (vi, en, whether a setting governs it)
    "file_size": (
        "{found} MB, vượt giới hạn {limit} MB.",
        "{found} MB, over the limit of {limit} MB.",
        True,
    ),
    "rows": (
        "trang tính có hơn {limit} dòng ({found}).",
        "the sheet has more than {limit} rows ({found}).",
        True,
    ),
    "columns": (
        "dòng {row} có {found} cột, vượt giới hạn {limit} cột.",
        "row {row} has {found} columns, over the limit of {limit}.",
        True,
    ),
    "declared": (
        "trang tính khai báo vùng dữ liệu {found}, vượt giới hạn {limit}.",
        "the sheet declares the range {found}, beyond the limit of {limit}.",
        True,
    ),
    "cell_ref": (
        "có ô ở vị trí {found}, ngoài giới hạn {limit}.",
        "it has a cell at {found}, beyond the limit of {limit}.",
        True,
    ),
    "cell": (
        "có ô dài hơn {limit} ký tự{where}.",
        "a cell is longer than {limit} characters{where}.",
        True,
    ),
    "shared_string": (
        "có chuỗi dùng chung dài hơn {limit} ký tự.",
        "a shared string is longer than {limit} characters.",
        True,
    ),
    "strings_declared": (
        "bảng chuỗi dùng chung khai báo {found} chuỗi, nhiều hơn số ô tối đa {limit}.",
        "the shared-string table declares {found} strings, more than the {limit} cells allowed.",
        True,
    ),
    "part": (
        "phần «{part}» giải nén ra hơn {limit} MB.",
        "the part “{part}” inflates to more than {limit} MB.",
        True,
    ),
    "ratio": (
        "phần «{part}» nén {found} lần, quá tỷ lệ {limit} (có thể là «bom nén»).",
        "the part “{part}” is compressed {found} times, over the ratio of {limit} "
        "(a likely zip bomb).",
        True,
    ),
    "parts": (
        "tệp có {found} phần, nhiều hơn {limit}.",
        "the package has {found} parts, more than {limit}.",
        False,
    ),
    "depth": (
        "phần «{part}» lồng các thẻ XML sâu hơn {limit} cấp.",
        "the part “{part}” nests XML elements more than {limit} deep.",
        False,
    ),
    "memory": (
        "đọc tệp cần hơn {limit} MB bộ nhớ.",
        "reading it needs more than {limit} MB of memory.",
        True,
    ),
    "time": (
        "đọc tệp mất hơn {limit} giây.",
        "reading it takes more than {limit} seconds.",
        True,
    ),
    "crash": (
        "trình đọc Excel dừng bất thường ({found}).",
        "the Excel reader stopped abnormally ({found}).",
        False,
    ),
}
LIMIT_MESSAGES: dict[str, tuple[str, str]] = {
    f"file.limit.{key}": (
        _PREFIX[0] + vi + (_RAISE[0] if governed else ""),
        _PREFIX[1] + en + (_RAISE[1] if governed else ""),
    )
    for key, (vi, en, governed) in _FOUND.items()
} | {
    "read.checking": ("Đang kiểm tra tệp {file}…", "Checking {file}…"),
    "read.parsing": ("Đang đọc tệp {file}…", "Reading {file}…"),
}
