"""Messages of the accounts area and the web application (vi, en)."""

from __future__ import annotations

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
        "Đã đổi mật khẩu của {name}; các phiên đăng nhập của tài khoản đã kết thúc và "
        "{tokens} mã truy cập API đã bị thu hồi.",
        "Changed the password of {name}; the account's sessions have ended and {tokens} API "
        "token(s) were revoked.",
    ),
    "account.list_empty": ("Chưa có tài khoản nào.", "No accounts yet."),
    "account.password_mismatch": ("Hai mật khẩu không khớp.", "The two passwords differ."),
    "account.not_allowed_grant": (
        "Bạn chỉ có thể tạo tài khoản trong đơn vị của mình, với vai trò không cao hơn của mình.",
        "You can only create accounts within your own units, with a role no higher than yours.",
    ),
    "token.created": (
        "Mã truy cập API cho {name}, hết hạn {expires} (chỉ hiện một lần, hãy lưu lại):",
        "API token for {name}, expires {expires} (shown once only, keep it safe):",
    ),
    "token.revoked": ("Đã thu hồi {count} mã truy cập.", "Revoked {count} token(s)."),
    "token.unknown": (
        "Không có mã truy cập đang hiệu lực nào khớp «{value}».",
        "No active token matches “{value}”.",
    ),
    "token.revoke_what": (
        "Hãy cho biết mã cần thu hồi (số thứ tự trong «binhdang token list», mã, hoặc 10 ký tự "
        "đầu của mã) hoặc --user TÊN để thu hồi mọi mã của một tài khoản.",
        "Name the token to revoke (its id in “binhdang token list”, the token, or its first 10 "
        "characters), or --user NAME to revoke every token of an account.",
    ),
    "token.never": (
        "Mã truy cập phải có hạn (tối đa {max} ngày): một mã không bao giờ hết hạn, nếu lộ, "
        "dùng được mãi. Hãy gia hạn bằng cách tạo mã mới trước khi mã cũ hết hạn.",
        "A token must expire (within {max} days): a token that never expires works forever "
        "once leaked. Renew it by creating a new token before the old one expires.",
    ),
    "token.bad_expiry": (
        "Hạn của mã «{value}» không hợp lệ: dùng số ngày (ví dụ 30d) hoặc một ngày (31/12/2026).",
        "The expiry “{value}” is not valid: give a number of days (e.g. 30d) or a date "
        "(31/12/2026).",
    ),
    "token.expiry_past": (
        "Hạn của mã «{value}» phải sau thời điểm hiện tại.",
        "The expiry “{value}” must be in the future.",
    ),
    "token.expiry_too_far": (
        "Hạn của mã «{value}» quá xa: tối đa {max} ngày kể từ hôm nay.",
        "The expiry “{value}” is too far away: at most {max} days from today.",
    ),
    "token.bad_default": (
        "BINHDANG_TOKEN_DAYS phải từ 1 đến {max} (không phải {days}).",
        "BINHDANG_TOKEN_DAYS must be between 1 and {max} (not {days}).",
    ),
    "token.expired": (
        "Mã truy cập API đã hết hạn ngày {date}; hãy xin quản trị viên tạo mã mới "
        "(binhdang token create).",
        "The API token expired on {date}; ask an administrator for a new one "
        "(binhdang token create).",
    ),
    "token.list_empty": ("Không có mã truy cập nào.", "No API tokens."),
    "token.list_header": (
        "số\ttài khoản\tnhãn\ttạo lúc\thết hạn\tdùng lần cuối",
        "id\taccount\tlabel\tcreated\texpires\tlast used",
    ),
    "token.expired_mark": ("(đã hết hạn)", "(expired)"),
    "token.never_used": ("chưa dùng", "never"),
    "auth.failed": (
        "Tên tài khoản hoặc mật khẩu không đúng.",
        "Wrong account name or password.",
    ),
    "auth.throttled": (
        "Quá nhiều lần đăng nhập sai. Hãy thử lại sau {seconds} giây.",
        "Too many failed sign-ins. Try again in {seconds} seconds.",
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
