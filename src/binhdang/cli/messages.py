"""Messages of the command line itself (vi + en): usage errors in the user's language, the
import commands' own options and answers. A plain table, merged into the catalogue at its
first use (:mod:`binhdang.messages`)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
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
    # --- binhdang import (cli/batches.py) --------------------------------------------------
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
}
