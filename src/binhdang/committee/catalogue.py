"""The committee's closed lists: course types, statuses, award forms, activity types.

Each entry is data: a stable key (stored in the database), its Vietnamese and English labels,
the other names people write in files, and the legal source it comes from. Parsing a cell
accepts the key, either label or an alias, ignoring case and diacritics.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from binhdang.ingest.values import ValueProblem, clean_text, fold


@dataclass(frozen=True)
class Entry:
    key: str
    label_vi: str
    label_en: str
    aliases: tuple[str, ...] = ()
    source: str = ""

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_vi


class Catalogue:
    """An ordered closed list; ``parse`` turns a cell into a key or raises ``ValueProblem``."""

    def __init__(self, name: str, entries: Iterable[Entry]) -> None:
        self.name = name
        self.entries: list[Entry] = []
        self._lookup: dict[str, Entry] = {}
        for entry in entries:
            self.add(entry)

    def add(self, entry: Entry) -> None:
        """Extend the list (say a new award form); keys and names must stay unambiguous."""
        names = {fold(entry.key), fold(entry.label_vi), fold(entry.label_en)}
        names |= {fold(alias) for alias in entry.aliases}
        clash = {name for name in names if name in self._lookup}
        if clash:
            raise ValueError(f"{self.name}: names defined twice: {sorted(clash)}")
        self.entries.append(entry)
        self._lookup.update({name: entry for name in names})

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(entry.key for entry in self.entries)

    def get(self, key: str) -> Entry:
        return self._lookup[fold(key)]

    def label(self, key: str, lang: str) -> str:
        entry = self._lookup.get(fold(key))
        return entry.label(lang) if entry else key

    def parse(self, cell: object) -> str:
        value = clean_text(cell)
        entry = self._lookup.get(fold(value))
        if entry is None:
            raise ValueProblem(
                "committee.val.choice",
                value=value,
                choices=", ".join(e.label_vi for e in self.entries),
            )
        return entry.key

    def labels_vi(self) -> tuple[str, ...]:
        """The Vietnamese labels, in order (the choices offered in templates)."""
        return tuple(entry.label_vi for entry in self.entries)


# --- training ------------------------------------------------------------------------------
TRAINING_SOURCE = (
    "Nghị định 101/2017/NĐ-CP ngày 01/9/2017 về đào tạo, bồi dưỡng cán bộ, công chức, viên "
    "chức (sửa đổi bởi Nghị định 89/2021/NĐ-CP)"
)
COURSE_TYPES = Catalogue(
    "course_type",
    (
        Entry(
            "chuyen_mon",
            "Chuyên môn, nghiệp vụ",
            "Professional training",
            ("Chuyên môn nghiệp vụ", "Chuyên môn", "Nghiệp vụ"),
            TRAINING_SOURCE,
        ),
        Entry(
            "llct_so_cap",
            "Sơ cấp lý luận chính trị",
            "Elementary political theory",
            ("Lý luận chính trị sơ cấp", "Sơ cấp LLCT", "LLCT sơ cấp"),
            TRAINING_SOURCE,
        ),
        Entry(
            "llct_trung_cap",
            "Trung cấp lý luận chính trị",
            "Intermediate political theory",
            ("Lý luận chính trị trung cấp", "Trung cấp LLCT", "LLCT trung cấp"),
            TRAINING_SOURCE,
        ),
        Entry(
            "llct_cao_cap",
            "Cao cấp lý luận chính trị",
            "Advanced political theory",
            (
                "Lý luận chính trị cao cấp",
                "Cao cấp LLCT",
                "LLCT cao cấp",
                "Cao cấp lý luận chính trị - hành chính",
            ),
            TRAINING_SOURCE,
        ),
        Entry(
            "qlnn_cv",
            "Quản lý nhà nước ngạch chuyên viên",
            "State management, chuyên viên rank",
            ("QLNN chuyên viên", "QLNN ngạch chuyên viên"),
            TRAINING_SOURCE,
        ),
        Entry(
            "qlnn_cvc",
            "Quản lý nhà nước ngạch chuyên viên chính",
            "State management, chuyên viên chính rank",
            ("QLNN chuyên viên chính", "QLNN ngạch chuyên viên chính"),
            TRAINING_SOURCE,
        ),
        Entry(
            "qlnn_cvcc",
            "Quản lý nhà nước ngạch chuyên viên cao cấp",
            "State management, chuyên viên cao cấp rank",
            ("QLNN chuyên viên cao cấp", "QLNN ngạch chuyên viên cao cấp"),
            TRAINING_SOURCE,
        ),
        Entry(
            "sau_dai_hoc",
            "Sau đại học",
            "Postgraduate",
            ("Thạc sĩ", "Tiến sĩ", "Cao học", "Postgraduate degree"),
            TRAINING_SOURCE,
        ),
        Entry("ngoai_ngu", "Ngoại ngữ", "Foreign language", ("Tiếng Anh",), TRAINING_SOURCE),
        Entry(
            "tin_hoc",
            "Tin học",
            "Information technology",
            ("Công nghệ thông tin", "IT"),
            TRAINING_SOURCE,
        ),
        Entry(
            "ngan_han",
            "Bồi dưỡng ngắn hạn",
            "Short course",
            ("Ngắn hạn", "Bồi dưỡng", "Tập huấn ngắn hạn"),
            TRAINING_SOURCE,
        ),
    ),
)

TRAINING_STATUSES = Catalogue(
    "training_status",
    (
        Entry("planned", "Dự kiến cử đi", "Planned", ("Dự kiến", "Kế hoạch", "Chưa học")),
        Entry("attending", "Đang học", "Attending", ("Đang tham gia", "Đang đào tạo")),
        Entry("completed", "Đã hoàn thành", "Completed", ("Hoàn thành", "Đã tốt nghiệp", "Xong")),
        Entry("dropped", "Bỏ học", "Dropped", ("Không hoàn thành", "Thôi học", "Dừng")),
    ),
)
ATTENDED = ("attending", "completed")
"""Training statuses that count as having attended a course."""

# --- awards --------------------------------------------------------------------------------
AWARDS_SOURCE = "Luật Thi đua, khen thưởng số 06/2022/QH15 (hiệu lực từ 01/01/2024)"


@dataclass(frozen=True)
class AwardForm(Entry):
    recipients: str = "both"  # "person", "unit" or "both"


AWARD_FORMS = Catalogue(
    "award_form",
    (
        AwardForm("huan_chuong", "Huân chương", "Order", ("Huân chương Lao động",), AWARDS_SOURCE),
        AwardForm("huy_chuong", "Huy chương", "Medal", (), AWARDS_SOURCE, "person"),
        AwardForm(
            "ky_niem_chuong", "Kỷ niệm chương", "Commemorative medal", (), AWARDS_SOURCE, "person"
        ),
        AwardForm(
            "bang_khen_ttg",
            "Bằng khen của Thủ tướng Chính phủ",
            "Prime Minister's certificate of merit",
            ("Bằng khen Thủ tướng Chính phủ", "Bằng khen Thủ tướng", "BKTTg"),
            AWARDS_SOURCE,
        ),
        AwardForm(
            "bang_khen_bhxh",
            "Bằng khen của người đứng đầu BHXH Việt Nam",
            "Certificate of merit of the head of Vietnam Social Security",
            (
                "Bằng khen BHXH Việt Nam",
                "Bằng khen Tổng Giám đốc BHXH Việt Nam",
                "Bằng khen Giám đốc BHXH Việt Nam",
                "Bằng khen BHXH VN",
            ),
            AWARDS_SOURCE,
        ),
        AwardForm(
            "bang_khen_bo_tinh",
            "Bằng khen cấp bộ, ban, ngành, tỉnh",
            "Certificate of merit of a ministry, sector or province",
            (
                "Bằng khen bộ",
                "Bằng khen bộ, ngành",
                "Bằng khen tỉnh",
                "Bằng khen UBND tỉnh",
                "Bằng khen bộ/ngành/tỉnh",
            ),
            AWARDS_SOURCE,
        ),
        AwardForm("giay_khen", "Giấy khen", "Certificate of commendation", (), AWARDS_SOURCE),
        AwardForm(
            "cstd_toan_quoc",
            "Chiến sĩ thi đua toàn quốc",
            "National emulation fighter",
            ("CSTĐ toàn quốc",),
            AWARDS_SOURCE,
            "person",
        ),
        AwardForm(
            "cstd_bo_tinh",
            "Chiến sĩ thi đua cấp bộ, ngành, tỉnh",
            "Emulation fighter of a ministry, sector or province",
            (
                "Chiến sĩ thi đua bộ, ngành, tỉnh",
                "Chiến sĩ thi đua cấp bộ",
                "CSTĐ cấp bộ",
                "Chiến sĩ thi đua cấp tỉnh",
                "CSTĐ ngành",
            ),
            AWARDS_SOURCE,
            "person",
        ),
        AwardForm(
            "cstd_co_so",
            "Chiến sĩ thi đua cơ sở",
            "Grassroots emulation fighter",
            ("CSTĐ cơ sở", "CSTĐCS"),
            AWARDS_SOURCE,
            "person",
        ),
        AwardForm(
            "lao_dong_tien_tien",
            "Lao động tiên tiến",
            "Advanced worker",
            ("LĐTT",),
            AWARDS_SOURCE,
            "person",
        ),
        AwardForm(
            "co_thi_dua_cp",
            "Cờ thi đua của Chính phủ",
            "Government emulation flag",
            ("Cờ thi đua Chính phủ",),
            AWARDS_SOURCE,
            "unit",
        ),
        AwardForm(
            "co_thi_dua_bo_tinh",
            "Cờ thi đua cấp bộ, ngành, tỉnh",
            "Emulation flag of a ministry, sector or province",
            ("Cờ thi đua bộ, ngành, tỉnh", "Cờ thi đua BHXH Việt Nam"),
            AWARDS_SOURCE,
            "unit",
        ),
        AwardForm(
            "tap_the_ldxs",
            "Tập thể lao động xuất sắc",
            "Excellent collective",
            ("TTLĐXS",),
            AWARDS_SOURCE,
            "unit",
        ),
        AwardForm(
            "tap_the_ldtt",
            "Tập thể lao động tiên tiến",
            "Advanced collective",
            ("TTLĐTT",),
            AWARDS_SOURCE,
            "unit",
        ),
        AwardForm("khac", "Hình thức khác", "Other", ("Khác", "Other form"), ""),
    ),
)


def award_form(key: str) -> AwardForm:
    entry = AWARD_FORMS.get(key)
    assert isinstance(entry, AwardForm)
    return entry


# --- activities ----------------------------------------------------------------------------
ACTION_MONTH_SOURCE = (
    "Quyết định 1696/QĐ-TTg của Thủ tướng Chính phủ: Tháng hành động vì bình "
    "đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới, từ 15/11 đến 15/12 hằng năm"
)
ACTIVITY_TYPES = Catalogue(
    "activity_type",
    (
        Entry(
            "tuyen_truyen",
            "Tuyên truyền",
            "Communication",
            ("Truyền thông",),
            "Luật Bình đẳng giới 2006",
        ),
        Entry(
            "pbgdpl",
            "Phổ biến, giáo dục pháp luật",
            "Legal education",
            ("Phổ biến giáo dục pháp luật", "PBGDPL"),
            "Luật Phổ biến, giáo dục pháp luật 2012",
        ),
        Entry("tap_huan", "Tập huấn", "Training session", ("Bồi dưỡng, tập huấn",), ""),
        Entry(
            "hoi_thao",
            "Hội thảo, tọa đàm",
            "Workshop or seminar",
            ("Hội thảo", "Tọa đàm", "Hội thảo / tọa đàm"),
            "",
        ),
        Entry("hoi_nghi", "Hội nghị", "Conference", (), ""),
        Entry("hoi_thi", "Hội thi", "Contest", ("Cuộc thi",), ""),
        Entry("tham_hoi", "Thăm hỏi, hỗ trợ", "Visits and support", ("Thăm hỏi", "Hỗ trợ"), ""),
        Entry(
            "thang_hanh_dong",
            "Tháng hành động",
            "Action Month",
            (
                "Tháng hành động vì bình đẳng giới",
                "Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới",
            ),
            ACTION_MONTH_SOURCE,
        ),
        Entry("khac", "Khác", "Other", ("Hoạt động khác",), ""),
    ),
)

ACTIVITY_STATUSES = Catalogue(
    "activity_status",
    (
        Entry("planned", "Kế hoạch", "Planned", ("Dự kiến", "Chưa thực hiện", "Chưa tổ chức")),
        Entry("done", "Đã thực hiện", "Done", ("Đã tổ chức", "Hoàn thành", "Xong")),
        Entry("cancelled", "Hủy", "Cancelled", ("Đã hủy", "Không thực hiện", "Hoãn")),
    ),
)

# Decision 1696/QĐ-TTg: the Action Month runs from 15 November to 15 December every year.
ACTION_MONTH_START = (11, 15)
ACTION_MONTH_END = (12, 15)  # inclusive

# --- succession ----------------------------------------------------------------------------
# The minimum share of women in a succession plan changes with the rules in force: see
# binhdang.committee.succession.indicators.SUCCESSION_RULES (Quy định 50-QĐ/TW, then 377-QĐ/TW).
