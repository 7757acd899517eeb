"""Every message a user can see, in Vietnamese (default) and English.

Messages are data: a key and its two templates. Code raises or reports a :class:`Message`
(key + parameters) and the adapter that talks to the user renders it in the chosen language,
so the library never decides the language on its own.

The kernel's messages are below; each area keeps its own in ``<area>/messages.py`` (or a
sub-package's ``messages.py``), a plain data module: a dict ``MESSAGES = {key: (vi, en)}``
(several dicts named ``…_MESSAGES`` may split a long one), with no code run on import. The
:data:`CATALOGUE` merges every such module at once, the first time a message is looked up
(:func:`text`, ``key in CATALOGUE``), found by its file (:func:`binhdang.discovery.
module_files`): no module imports an area's messages to make its keys known, and a key is
found whatever the command has imported.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")

SEX_LABELS: dict[str, tuple[str, str]] = {"F": ("Nữ", "Female"), "M": ("Nam", "Male")}
"""The sexes as lists and reports name them (here rather than in the indicators' catalogue,
which ``binhdang retirement`` would import for these two words alone)."""

Entries = Mapping[str, tuple[str, str]]

_KERNEL: dict[str, tuple[str, str]] = {
    # --- database -------------------------------------------------------------------------
    "db.not_initialised": (
        "Cơ sở dữ liệu {db} chưa được khởi tạo. Hãy chạy: binhdang init",
        "The database {db} is not initialised. Run: binhdang init",
    ),
    "db.outdated": (
        "Cơ sở dữ liệu {db} có lược đồ cũ ({found}), cần {expected}. Hãy chạy: binhdang init",
        "The database {db} has an older schema ({found}), {expected} is needed. Run: binhdang init",
    ),
    "db.newer": (
        "Cơ sở dữ liệu {db} có lược đồ mới hơn phiên bản binhdang này ({found}). Hãy cập nhật binhdang.",
        "The database {db} has a newer schema ({found}) than this binhdang. Upgrade binhdang.",
    ),
    "db.unreachable": (
        "Không kết nối được cơ sở dữ liệu {db}: {reason}",
        "Cannot connect to the database {db}: {reason}",
    ),
    "db.bad_url": (
        "Địa chỉ cơ sở dữ liệu không hợp lệ: {db}",
        "Invalid database URL: {db}",
    ),
    "db.initialised": (
        "Đã khởi tạo/cập nhật cơ sở dữ liệu {db} (lược đồ {revision}).",
        "Database {db} created/upgraded (schema {revision}).",
    ),
    # --- files ----------------------------------------------------------------------------
    "file.missing": ("Không tìm thấy tệp {file}.", "File not found: {file}."),
    "file.unreadable": (
        "Không đọc được tệp {file} (tệp bị khóa hoặc không có quyền đọc): {reason}",
        "Cannot read {file} (locked or no permission): {reason}",
    ),
    "file.bad_type": (
        "Tệp {file} không phải CSV hoặc Excel (.csv, .xlsx, .xlsm, .xls).",
        "{file} is not a CSV or Excel file (.csv, .xlsx, .xlsm, .xls).",
    ),
    "file.corrupt": (
        "Tệp {file} bị hỏng hoặc không đúng định dạng {kind}: {reason}",
        "{file} is damaged or not a valid {kind} file: {reason}",
    ),
    "file.undecodable": (
        "Tệp {file} chứa byte không giải mã được (dòng {row}); hãy lưu lại dưới dạng CSV UTF-8.",
        "{file} has bytes that cannot be decoded (row {row}); save it again as CSV UTF-8.",
    ),
    "file.empty": ("Tệp {file} không có dữ liệu.", "{file} has no data."),
    "file.no_header": (
        "Tệp {file} không có dòng tiêu đề nhận ra được (cần các cột: {expected}).",
        "{file} has no recognisable header row (expected columns: {expected}).",
    ),
    "file.no_sheet": (
        "Tệp {file} không có trang tính «{sheet}» (có: {available}).",
        "{file} has no sheet “{sheet}” (available: {available}).",
    ),
    "file.no_rows": (
        "Tệp {file} có dòng tiêu đề nhưng không có dòng dữ liệu nào.",
        "{file} has a header but no data rows.",
    ),
    "file.write_failed": ("Không ghi được tệp {file}: {reason}", "Cannot write {file}: {reason}"),
    # --- columns and values ---------------------------------------------------------------
    "col.missing": ("thiếu cột bắt buộc «{column}»", "required column “{column}” is missing"),
    "col.unknown": (
        "cột «{column}» không được nhận ra và sẽ bị bỏ qua",
        "column “{column}” is not recognised and will be ignored",
    ),
    "col.duplicate": (
        "cột «{column}» xuất hiện hai lần",
        "column “{column}” appears twice",
    ),
    "col.shadowed": (
        "cột «{column}» không dùng: đã có cột «{kept}»",
        "column “{column}” not used: the list has “{kept}”",
    ),
    "col.near_miss": (
        "cột «{column}» giống cột «{closest}» nhưng không khớp; hãy sửa tiêu đề cột (thành "
        "«{closest}») hoặc đổi hẳn tên nếu đó là cột khác",
        "column “{column}” looks like “{closest}” but does not match it; correct the header (to "
        "“{closest}”) or rename it if it is another column",
    ),
    "val.birth_both": (
        "ngày sinh ghi ở cả cột Nam và cột Nữ: chỉ ghi ở cột đúng giới tính",
        "the birth date is written under both Nam and Nữ: write it under the person's sex only",
    ),
    "val.after_footer": (
        "dòng có dữ liệu cán bộ nằm sau dòng tổng cộng/chân trang (dòng {row}): hãy đưa lên "
        "trên dòng đó",
        "a row with staff data comes after the totals/footer (row {row}): move it above",
    ),
    "val.totals_mismatch": (
        "dòng tổng ghi {listed_people} người, trong đó nữ {listed_women}, nhưng danh sách có "
        "{read_people} người, trong đó nữ {read_women}",
        "the totals line states {listed_people} people, {listed_women} women, but the list has "
        "{read_people} people, {read_women} women",
    ),
    "val.heading_leadership": (
        "không xác định được cơ quan của nhóm «{value}»: danh sách không có tên cơ quan ở dòng "
        "tiêu đề và không có đơn vị nào khác; hãy thêm cột «Mã đơn vị»",
        "cannot tell which body the group “{value}” is: the list names no body in its title "
        "and no other unit; add a “Mã đơn vị” column",
    ),
    "val.required": ("không được để trống", "must not be empty"),
    "val.too_long": (
        "dài {length} ký tự, quá giới hạn {limit} ký tự của cột",
        "is {length} characters long, over the column's limit of {limit}",
    ),
    "val.control_char": (
        "chứa ký tự điều khiển không in được ({char}); hãy xóa ký tự này khỏi ô",
        "holds a non-printing control character ({char}); remove it from the cell",
    ),
    "val.sex": (
        "«{value}» không phải giới tính hợp lệ (Nữ hoặc Nam)",
        "“{value}” is not a valid sex (female or male)",
    ),
    "val.date": (
        "«{value}» không phải ngày hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd)",
        "“{value}” is not a valid date (dd/mm/yyyy or yyyy-mm-dd)",
    ),
    "val.category": (
        "«{value}» không phải loại cán bộ hợp lệ (Công chức, Viên chức, Lao động hợp đồng)",
        "“{value}” is not a valid staff category (civil servant, public employee, contract worker)",
    ),
    "val.level": (
        "«{value}» không phải cấp chức vụ hợp lệ (Cấp trưởng hoặc Cấp phó)",
        "“{value}” is not a valid post level (head or deputy)",
    ),
    "val.level_without_position": (
        "có cấp chức vụ nhưng không có tên chức vụ",
        "has a post level but no post title",
    ),
    "val.position_without_level": (
        "có chức vụ «{value}» nhưng thiếu cấp chức vụ (Cấp trưởng/Cấp phó)",
        "has the post “{value}” but no post level (head/deputy)",
    ),
    "val.age": (
        "ngày sinh {value} cho tuổi {age} vào ngày {as_of}, ngoài khoảng {low}–{high}",
        "date of birth {value} gives age {age} on {as_of}, outside {low}–{high}",
    ),
    "val.unknown_unit": (
        "mã đơn vị «{value}» không có trong danh mục đơn vị vào ngày {as_of}",
        "unit code “{value}” is not in the unit list on {as_of}",
    ),
    "val.duplicate_code": (
        "mã «{value}» trùng với dòng {other_row}",
        "code “{value}” repeats row {other_row}",
    ),
    "val.unknown_parent": (
        "mã đơn vị cấp trên «{value}» không có trong tệp lẫn cơ sở dữ liệu",
        "parent unit code “{value}” is neither in the file nor in the database",
    ),
    "val.cycle": (
        "đơn vị «{value}» nằm trong vòng lặp cấp trên: {cycle}",
        "unit “{value}” is in a parent cycle: {cycle}",
    ),
    "val.self_parent": (
        "đơn vị không thể là cấp trên của chính nó",
        "a unit cannot be its own parent",
    ),
    "val.unit_changed_without_date": (
        "đơn vị «{value}» đã có với {field} khác («{stored}»); dùng --as-of để ghi nhận thay đổi",
        "unit “{value}” is stored with another {field} (“{stored}”); use --as-of to record a change",
    ),
    "val.unit_has_staff": (
        "không thể đóng đơn vị «{value}» vào ngày {as_of}: còn {count} cán bộ; hãy dùng "
        "«binhdang unit merge» hoặc chuyển cán bộ trước",
        "cannot close unit “{value}” on {as_of}: it still has {count} staff; use "
        "“binhdang unit merge” or move them first",
    ),
    "val.unit_has_children": (
        "không thể đóng đơn vị «{value}» vào ngày {as_of}: còn đơn vị trực thuộc {children}",
        "cannot close unit “{value}” on {as_of}: it still has affiliated units {children}",
    ),
    "val.earlier_list_conflict": (
        "danh sách ngày {as_of} sớm hơn danh sách đã nhập ngày {latest} và khác dữ liệu đã lưu: "
        "{detail}",
        "the list dated {as_of} is older than the list already imported for {latest} and "
        "disagrees with the stored history: {detail}",
    ),
    # --- import results -------------------------------------------------------------------
    "import.failed": (
        "Không nhập gì: {count} lỗi trong {file}. Cơ sở dữ liệu không thay đổi.",
        "Nothing imported: {count} error(s) in {file}. The database is unchanged.",
    ),
    "import.rejected_written": (
        "Đã bỏ qua {count} dòng lỗi; các dòng này kèm lý do được ghi vào {file}.",
        "Skipped {count} invalid row(s); they are written with the reason to {file}.",
    ),
    "import.summary": (
        "Đã nhập {file} (ngày {as_of}): {added} thêm mới, {changed} thay đổi, {ended} kết thúc, "
        "{unchanged} không đổi, {warnings} cảnh báo.",
        "Imported {file} (as of {as_of}): {added} added, {changed} changed, {ended} ended, "
        "{unchanged} unchanged, {warnings} warning(s).",
    ),
    "import.missing_person": (
        "{code} ({name}) có trong dữ liệu nhưng không có trong danh sách; dùng --close-missing "
        "để ghi nhận thôi việc từ ngày {as_of}",
        "{code} ({name}) is stored but missing from the list; use --close-missing to end them "
        "on {as_of}",
    ),
    "import.missing_unit": (
        "đơn vị {code} ({name}) có trong dữ liệu nhưng không có trong danh sách; dùng "
        "--close-missing để đóng từ ngày {as_of}",
        "unit {code} ({name}) is stored but missing from the list; use --close-missing to close "
        "it on {as_of}",
    ),
    "import.scope_ambiguous": (
        "Danh sách gồm đơn vị của nhiều cây đơn vị khác nhau: để kết thúc người vắng mặt "
        "(--close-missing), hãy chỉ rõ các đơn vị danh sách bao trùm bằng --scope MÃ_ĐƠN_VỊ "
        "(lặp lại cho mỗi cây).",
        "The list names units of several separate trees: to end absent staff (--close-missing), "
        "name the units the list covers with --scope UNIT_CODE (repeated for each tree).",
    ),
    "import.progress": ("Đang nhập", "Importing"),
    "reason": ("Lý do", "Reason"),
    # --- units ----------------------------------------------------------------------------
    "unit.unknown": (
        "Không có đơn vị mã «{code}» vào ngày {as_of}.",
        "There is no unit with code “{code}” on {as_of}.",
    ),
    "unit.merge_into_self": (
        "Không thể sáp nhập đơn vị «{code}» vào chính nó.",
        "Cannot merge unit “{code}” into itself.",
    ),
    "unit.merge_into_descendant": (
        "Không thể sáp nhập «{code}» vào đơn vị trực thuộc của nó «{into}».",
        "Cannot merge “{code}” into its own affiliated unit “{into}”.",
    ),
    "unit.merged": (
        "Đã sáp nhập {codes} vào {into} từ ngày {on}: {staff} cán bộ, {posts} chức vụ, "
        "{children} đơn vị trực thuộc được chuyển.",
        "Merged {codes} into {into} on {on}: moved {staff} staff, {posts} posts and "
        "{children} affiliated units.",
    ),
    "unit.merge_not_latest": (
        "Đơn vị «{code}» đã có thay đổi sau ngày {on}; chỉ sáp nhập được từ ngày {latest} trở đi.",
        "Unit “{code}” already changes after {on}; a merge can only start on or after {latest}.",
    ),
    # --- arguments ------------------------------------------------------------------------
    "arg.date": (
        "«{value}» không phải ngày hợp lệ cho {option} (dd/mm/yyyy hoặc yyyy-mm-dd).",
        "“{value}” is not a valid date for {option} (dd/mm/yyyy or yyyy-mm-dd).",
    ),
    "arg.lang": ("Ngôn ngữ phải là vi hoặc en.", "Language must be vi or en."),
    "arg.format": ("Định dạng phải là một trong: {choices}.", "Format must be one of: {choices}."),
    "arg.template_kind": (
        "Loại mẫu phải là một trong: {choices}.",
        "Template kind must be one of: {choices}.",
    ),
    "arg.out_exists": (
        "Thư mục {path} đã có cơ sở dữ liệu demo; xóa nó hoặc chọn --out khác.",
        "{path} already holds a demo database; remove it or choose another --out.",
    ),
    # --- usage errors (cli/app.py: Click's own texts are English only) ---------------------
    "usage.missing_option": ("Thiếu tùy chọn bắt buộc {name}.", "Missing option {name}."),
    "usage.missing_argument": ("Thiếu tham số bắt buộc {name}.", "Missing argument {name}."),
    "usage.no_such_option": (
        "Không có tùy chọn {name}.{hint}",
        "No such option: {name}.{hint}",
    ),
    "usage.did_you_mean": (" Có phải ý bạn là {names}?", " Did you mean {names}?"),
    "usage.needs_value": (
        "Tùy chọn {name} cần một giá trị.",
        "Option {name} requires a value.",
    ),
    "usage.bad_value": (
        "Giá trị không hợp lệ cho {name}: {detail}",
        "Invalid value for {name}: {detail}",
    ),
    "usage.no_such_command": ("Không có lệnh «{name}».", "No such command “{name}”."),
    "usage.extra": ("Thừa tham số: {detail}", "Unexpected extra argument(s): {detail}"),
    "usage.other": ("Lệnh chưa đúng: {detail}", "Usage error: {detail}"),
    "usage.see_help": ("Xem: {command} --help", "See: {command} --help"),
    "usage.aborted": ("Đã hủy.", "Aborted."),
    # --- binhdang import's options (cli/batches.py) -----------------------------------------
    "arg.dry_run_skip_invalid": (
        "--dry-run không dùng cùng --skip-invalid (xem trước không ghi tệp dòng lỗi).",
        "--dry-run cannot be used with --skip-invalid (a preview writes no rejected-rows file).",
    ),
    "arg.undo_which": (
        "Hãy cho biết số lần nhập (xem binhdang import history) hoặc dùng --last, không dùng cả "
        "hai.",
        "Give an import number (see binhdang import history) or --last, not both.",
    ),
    "batch.yes": ("có", "yes"),
    "batch.no": ("không", "no"),
    # --- outputs --------------------------------------------------------------------------
    "out.written": ("Đã ghi {file}.", "Wrote {file}."),
    "out.not_applicable": ("không áp dụng", "n/a"),
    "out.indicators_title": (
        "Chỉ tiêu bình đẳng giới — {unit} ({scope}), ngày {as_of}",
        "Gender-equality indicators — {unit} ({scope}), as of {as_of}",
    ),
    "out.scope_subtree": ("gồm các đơn vị trực thuộc", "with affiliated units"),
    "out.scope_alone": ("riêng đơn vị", "unit alone"),
    "out.col_code": ("Mã", "Code"),
    "out.col_name": ("Chỉ tiêu", "Indicator"),
    "out.col_numerator": ("Tử số", "Numerator"),
    "out.col_denominator": ("Mẫu số", "Denominator"),
    "out.col_percent": ("Tỷ lệ", "Share"),
    "out.col_unit": ("Đơn vị", "Unit"),
    "out.col_staff": ("Tổng số", "Staff"),
    "out.col_women": ("Nữ", "Women"),
    "out.units_30pct": (
        "Đơn vị có từ 30% nữ trở lên nhưng không có nữ lãnh đạo",
        "Units with at least 30% women but no woman leader",
    ),
    "out.none": ("(không có)", "(none)"),
    "demo.built": (
        "Đã tạo dữ liệu demo tại {db} (danh sách hằng năm 2019–2022 trong {dir}).",
        "Built the demo data in {db} (yearly lists 2019–2022 in {dir}).",
    ),
    "demo.next": (
        "Thử tiếp: binhdang indicators --db {url} --unit {unit} --as-of {as_of}",
        "Next, try: binhdang indicators --db {url} --unit {unit} --as-of {as_of}",
    ),
    "error.prefix": ("Lỗi", "Error"),
    "warning.prefix": ("Cảnh báo", "Warning"),
    "warning.more": (
        "… và {count} cảnh báo khác cùng loại (--dry-run liệt kê đủ từng người)",
        "… and {count} more warnings of the same kind (--dry-run lists every person)",
    ),
    "error.unexpected": (
        "Lỗi không mong đợi ({kind}): đây là lỗi của binhdang. Để xem chi tiết, chạy lại với "
        "BINHDANG_DEBUG=1 và gửi kết quả cho người bảo trì (chi tiết có thể chứa dữ liệu cá nhân).",
        "Unexpected error ({kind}): a bug in binhdang. To see the details, run again with "
        "BINHDANG_DEBUG=1 and send the output to the maintainers (it may hold personal data).",
    ),
    "problem.where_row": (
        "{file}, dòng {row}, cột «{column}»: ",
        "{file}, row {row}, column “{column}”: ",
    ),
    "problem.where_row_nocol": ("{file}, dòng {row}: ", "{file}, row {row}: "),
    "problem.where_file": ("{file}: ", "{file}: "),
}


def merged(*tables: Entries) -> dict[str, tuple[str, str]]:
    """One table from several (``{key: (vi, en)}``); a key in two of them is an error."""
    result: dict[str, tuple[str, str]] = {}
    for table in tables:
        clash = result.keys() & table.keys()
        if clash:
            raise ValueError(f"message keys defined twice: {sorted(clash)}")
        result.update(table)
    return result


def area_tables(module: object) -> list[Entries]:
    """The message tables of an area's ``messages`` module: ``MESSAGES`` and every other
    module-level dict whose name ends in ``_MESSAGES``."""
    return [
        value
        for name, value in vars(module).items()
        if (name == "MESSAGES" or name.endswith("_MESSAGES")) and isinstance(value, dict)
    ]


class Catalogue(Mapping[str, tuple[str, str]]):
    """Every message: the kernel's, each area's ``messages`` module (merged all at once at
    the first look-up) and those added with :func:`register_messages`."""

    def __init__(self, own: Entries) -> None:
        self._entries = dict(own)
        self._added: dict[str, tuple[str, str]] = {}
        self._merged = False
        self._merging = False
        self._lock = threading.RLock()

    def _all(self) -> dict[str, tuple[str, str]]:
        if not self._merged:
            with self._lock:
                # _merging: a look-up while an area's package is imported for the merge
                # (in this thread: the lock is held) sees the kernel's messages
                if not self._merged and not self._merging:
                    self._merge_areas()
        return self._entries

    def _merge_areas(self) -> None:
        from binhdang.discovery import module_files

        self._merging = True
        try:
            tables: list[Entries] = [self._entries]
            for name in module_files("messages"):
                tables += area_tables(importlib.import_module(name))
            self._entries = merged(*tables, self._added)
            self._merged = True
        finally:
            self._merging = False

    def add(self, entries: Entries) -> None:
        """Add messages that no area module holds (a module's own, a test's record kind);
        keys must be new."""
        with self._lock:
            known = self._entries.keys() | self._added.keys()
            clash = known & entries.keys()
            if clash:
                raise ValueError(f"message keys defined twice: {sorted(clash)}")
            self._added.update(entries)
            if self._merged:
                self._entries.update(entries)

    def __getitem__(self, key: str) -> tuple[str, str]:
        return self._all()[key]

    def __contains__(self, key: object) -> bool:
        return key in self._all()

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


CATALOGUE = Catalogue(_KERNEL)


def register_messages(entries: Entries) -> None:
    """Add messages (``{key: (vi, en)}``) kept outside an area's ``messages`` module; keys
    must be new. An area's own messages need no call: they are merged at first use."""
    CATALOGUE.add(entries)


@dataclass(frozen=True)
class Message:
    """A user-facing message: a catalogue key and the values it names."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def render(self, lang: Lang = "vi") -> str:
        return text(self.key, lang, **self.params)


def text(key: str, lang: Lang = "vi", /, **params: Any) -> str:
    """Render catalogue entry ``key`` in ``lang`` with ``params`` (the first look-up merges
    every area's messages, :class:`Catalogue`)."""
    vi, en = CATALOGUE[key]
    template = en if lang == "en" else vi
    return template.format(**params)
