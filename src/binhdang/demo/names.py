"""Synthetic Vietnamese names by sex. Nobody here is a real person."""

from __future__ import annotations

import random

FAMILY = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
    "Ngô", "Dương", "Lý", "Trương", "Đinh", "Lương", "Mai", "Cao",
)  # fmt: skip
MIDDLE = {
    "F": ("Thị", "Thị", "Thị", "Thị Thu", "Thị Minh", "Ngọc", "Thị Thanh", "Thị Kim", "Thu", "Thị Hồng"),
    "M": ("Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Xuân", "Thanh", "Ngọc"),
}  # fmt: skip
GIVEN = {
    "F": ("Hoa", "Lan", "Hương", "Hằng", "Trang", "Linh", "Nga", "Thủy", "Hà", "Mai", "Yến",
          "Phương", "Thảo", "Hiền", "Nhung", "Loan", "Quyên", "Ánh", "Dung", "Vân", "Oanh",
          "Huyền", "Giang", "Ngân", "Tâm", "Diệp", "Liên", "Nhàn", "Hạnh", "Châu"),
    "M": ("Hùng", "Dũng", "Nam", "Sơn", "Tuấn", "Hải", "Long", "Phong", "Thắng", "Quân", "Bình",
          "Cường", "Đức", "Hiếu", "Khánh", "Lâm", "Minh", "Nghĩa", "Phúc", "Quang", "Tài",
          "Thành", "Trung", "Việt", "Vinh", "Toàn", "Hưng", "Lực", "Hòa", "Tiến"),
}  # fmt: skip


def full_name(rng: random.Random, sex: str) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE[sex])} {rng.choice(GIVEN[sex])}"
