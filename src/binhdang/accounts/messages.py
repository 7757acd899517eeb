"""Messages of the accounts area and the web application (vi, en)."""

from __future__ import annotations

from binhdang.messages import register_messages

MESSAGES: dict[str, tuple[str, str]] = {
    "account.exists": ("Tài khoản «{name}» đã có.", "The account “{name}” already exists."),
    "account.unknown": ("Không có tài khoản «{name}».", "There is no account “{name}”."),
    "account.bad_role": (
        "Vai trò phải là một trong: admin, editor, viewer (không phải «{role}»).",
        "The role must be one of admin, editor, viewer (not “{role}”).",
    ),
    "account.bad_name": (
        "Tên tài khoản chỉ gồm chữ cái không dấu, chữ số, dấu chấm, gạch ngang, gạch dưới "
        "(3–100 ký tự): «{name}».",
        "An account name is 3–100 plain letters, digits, dots, hyphens or underscores: “{name}”.",
    ),
    "account.unknown_unit": (
        "Không có đơn vị mã «{code}» trong cơ sở dữ liệu.",
        "There is no unit with code “{code}” in the database.",
    ),
    "account.weak_password": (
        "Mật khẩu phải có ít nhất {min} ký tự.",
        "The password must have at least {min} characters.",
    ),
    "account.created": (
        "Đã tạo tài khoản {name} ({role}, đơn vị {unit}).",
        "Created the account {name} ({role}, unit {unit}).",
    ),
    "account.password_prompt": ("Mật khẩu", "Password"),
    "account.password_set": (
        "Đã đổi mật khẩu của {name}; các phiên đăng nhập của tài khoản đã kết thúc.",
        "Changed the password of {name}; the account's sessions have ended.",
    ),
    "account.list_empty": ("Chưa có tài khoản nào.", "No accounts yet."),
    "account.password_mismatch": ("Hai mật khẩu không khớp.", "The two passwords differ."),
    "account.not_allowed_grant": (
        "Bạn chỉ có thể tạo tài khoản trong đơn vị của mình, với vai trò không cao hơn của mình.",
        "You can only create accounts within your own units, with a role no higher than yours.",
    ),
    "token.created": (
        "Mã truy cập API cho {name} (chỉ hiện một lần, hãy lưu lại):",
        "API token for {name} (shown once only, keep it safe):",
    ),
    "token.revoked": ("Đã thu hồi {count} mã truy cập.", "Revoked {count} token(s)."),
    "token.unknown": (
        "Không có mã truy cập đang hiệu lực nào khớp «{value}».",
        "No active token matches “{value}”.",
    ),
    "auth.failed": (
        "Tên tài khoản hoặc mật khẩu không đúng.",
        "Wrong account name or password.",
    ),
    "auth.rate_limited": (
        "Quá nhiều lần đăng nhập sai. Hãy thử lại sau {minutes} phút.",
        "Too many failed sign-ins. Try again in {minutes} minutes.",
    ),
    "auth.required": ("Cần đăng nhập.", "Sign-in required."),
    "auth.forbidden": (
        "Bạn không có quyền truy cập dữ liệu này.",
        "You are not allowed to access this data.",
    ),
    "auth.csrf": (
        "Biểu mẫu đã hết hạn hoặc không hợp lệ; hãy tải lại trang và thử lại.",
        "The form has expired or is not valid; reload the page and try again.",
    ),
    "auth.session_expired": (
        "Phiên làm việc đã hết hạn; hãy đăng nhập lại.",
        "Your session has expired; sign in again.",
    ),
}

register_messages(MESSAGES)
