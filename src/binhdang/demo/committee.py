"""The committee's part of the demo: its 2022 lists written as real CSV/XLSX files (with
evidence files beside them), one function per kind that its entry in the kinds' registry
names (``demo``); :mod:`binhdang.demo.run` imports them through the committee's import code.

Everything is derived deterministically from the demo's 2022 staff list
(:func:`binhdang.demo.scenario.yearly_rosters`): the same staff codes and unit codes, a fixed
random seed. Nothing here computes an indicator; the report reads what was imported.
"""

from __future__ import annotations

import functools
import random
import struct
import zlib
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook

from binhdang import exports
from binhdang.committee.kinds import KINDS
from binhdang.demo import scenario
from binhdang.demo.scenario import Staff

SEED = 1696  # Decision 1696/QĐ-TTg, the Action Month
OFFICE = "BHXH tỉnh Quảng Trị"
DIRECTOR = "Giám đốc BHXH tỉnh Quảng Trị"
UNION = "Ban Chấp hành Công đoàn BHXH tỉnh Quảng Trị"
MOVEMENT_WOMEN = "Phụ nữ tích cực học tập, lao động sáng tạo, xây dựng gia đình hạnh phúc"
MOVEMENT_FAMILY = "Gia đình ấm no, bình đẳng, tiến bộ, hạnh phúc"
# Units that held an activity in the Action Month 2022 (the others did not).
ACTION_MONTH_UNITS = (
    "BHXH_QT", "QT_VP", "QT_TCCB", "QT_KHTC", "QT_CST", "QT_TNTKQ", "QT_DONGHA", "QT_TXQT",
    "QT_VINHLINH", "QT_GIOLINH", "QT_TRIEUPHONG", "QT_HAILANG",
)  # fmt: skip


def _d(day: int, month: int, year: int = 2022) -> str:
    return f"{day:02d}/{month:02d}/{year}"


def _write(
    path: Path, header: Sequence[str], rows: Sequence[Sequence[object]], title: str | None = None
) -> Path:
    if path.suffix == ".xlsx":
        workbook = Workbook()
        sheet = workbook.active
        if title:  # lists as they arrive: a title above the header
            exports.append(sheet, [title])
            exports.append(sheet, [])
        exports.append(sheet, header)
        for row in rows:
            exports.append(sheet, row)
        workbook.save(path)
    else:
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = exports.csv_writer(handle)
            writer.writerow(header)
            writer.writerows(rows)
    return path


def _header(kind: str) -> list[str]:
    return [item.spec.label_vi for item in KINDS[kind].fields]


def _pick(rng: random.Random, people: Sequence[Staff], women: int, men: int) -> list[Staff]:
    chosen = rng.sample([s for s in people if s.sex == "F"], women)
    chosen += rng.sample([s for s in people if s.sex == "M"], men)
    return sorted(chosen, key=lambda s: s.code)


def training_rows(staff: list[Staff], rng: random.Random) -> list[list[str]]:
    senior = [s for s in staff if s.level or s.rank == "Chuyên viên chính"]
    ordinary = [s for s in staff if not s.level and s.category != "lao_dong"]
    rows: list[list[str]] = []

    def add(
        people: Sequence[Staff],
        course: str,
        name: str,
        provider: str,
        start: str,
        end: str,
        status: str,
        decision: str,
    ) -> None:
        rows.extend([s.code, course, name, provider, start, end, status, decision] for s in people)

    used: set[str] = set()

    def fresh(pool: Sequence[Staff]) -> list[Staff]:
        return [s for s in pool if s.code not in used]

    def take(pool: Sequence[Staff], women: int, men: int) -> list[Staff]:
        chosen = _pick(rng, fresh(pool), women, men)
        used.update(s.code for s in chosen)
        return chosen

    academy = "Học viện Chính trị khu vực III"
    add(
        take(senior, 4, 2),
        "Cao cấp lý luận chính trị",
        "Cao cấp lý luận chính trị hệ không tập trung, khóa 2022–2023",
        academy,
        _d(14, 3),
        "",
        "Đang học",
        "112/QĐ-BHXH",
    )
    add(
        take(senior, 2, 1),
        "Cao cấp lý luận chính trị",
        "Cao cấp lý luận chính trị hệ không tập trung, khóa 2020–2022",
        academy,
        _d(12, 10, 2020),
        _d(30, 6),
        "Đã hoàn thành",
        "245/QĐ-BHXH",
    )
    add(
        take(senior, 1, 1),
        "Cao cấp lý luận chính trị",
        "Cao cấp lý luận chính trị hệ không tập trung, khóa 2023–2024",
        academy,
        _d(13, 3, 2023),
        "",
        "Dự kiến cử đi",
        "",
    )
    school = "Trường Chính trị Lê Duẩn tỉnh Quảng Trị"
    add(
        take(ordinary, 7, 3),
        "Trung cấp lý luận chính trị",
        "Trung cấp lý luận chính trị - hành chính, lớp tại chức năm 2022",
        school,
        _d(4, 4),
        _d(30, 11),
        "Đã hoàn thành",
        "130/QĐ-BHXH",
    )
    add(
        take(ordinary, 0, 1),
        "Trung cấp lý luận chính trị",
        "Trung cấp lý luận chính trị - hành chính, lớp tại chức năm 2022",
        school,
        _d(4, 4),
        "",
        "Bỏ học",
        "130/QĐ-BHXH",
    )
    add(
        take(ordinary, 5, 3),
        "Quản lý nhà nước ngạch chuyên viên chính",
        "Bồi dưỡng kiến thức quản lý nhà nước chương trình chuyên viên chính",
        "Học viện Hành chính Quốc gia",
        _d(6, 6),
        _d(20, 8),
        "Đã hoàn thành",
        "160/QĐ-BHXH",
    )
    add(
        take(ordinary, 8, 4),
        "Quản lý nhà nước ngạch chuyên viên",
        "Bồi dưỡng kiến thức quản lý nhà nước chương trình chuyên viên",
        school,
        _d(5, 9),
        _d(28, 10),
        "Đã hoàn thành",
        "201/QĐ-BHXH",
    )
    add(
        take(ordinary, 2, 1),
        "Sau đại học",
        "Thạc sĩ Quản lý kinh tế",
        "Trường Đại học Kinh tế, Đại học Huế",
        _d(10, 10, 2021),
        "",
        "Đang học",
        "260/QĐ-BHXH",
    )
    add(
        take(ordinary, 22, 18),
        "Chuyên môn, nghiệp vụ",
        "Bồi dưỡng nghiệp vụ quản lý thu, cấp sổ, thẻ bảo hiểm y tế",
        "Trường Đào tạo nghiệp vụ BHXH",
        _d(9, 5),
        _d(13, 5),
        "Đã hoàn thành",
        "95/QĐ-BHXH",
    )
    add(
        take(ordinary, 8, 7),
        "Tin học",
        "Bồi dưỡng kỹ năng khai thác phần mềm nghiệp vụ",
        "Trung tâm Công nghệ thông tin BHXH Việt Nam",
        _d(15, 8),
        _d(19, 8),
        "Đã hoàn thành",
        "180/QĐ-BHXH",
    )
    add(
        take(ordinary, 20, 10),
        "Bồi dưỡng ngắn hạn",
        "Bồi dưỡng kiến thức về bình đẳng giới và phòng, chống bạo lực trên cơ sở giới",
        f"Ban Vì sự tiến bộ phụ nữ {OFFICE}",
        _d(14, 6),
        _d(14, 6),
        "Đã hoàn thành",
        "",
    )
    return rows


def award_rows(staff: list[Staff], rng: random.Random) -> list[list[str]]:
    """The awards of 2022, decided at the year-end review in early December: inside the
    annual reporting period that ends on 14/12 (Decree 09/2019/NĐ-CP, Art. 12), so that the
    demo's yearly report, issued in mid-December, counts them."""
    rows: list[list[str]] = []

    def person(
        people: Sequence[Staff],
        form: str,
        title: str,
        issuer: str,
        number: str,
        day: str,
        reason: str,
        movement: str = "",
    ) -> None:
        rows.extend(
            [s.code, "", form, title, issuer, number, day, "2022", reason, movement] for s in people
        )

    def units(
        codes: Sequence[str], form: str, issuer: str, number: str, day: str, movement: str = ""
    ) -> None:
        rows.extend(
            ["", code, form, "", issuer, number, day, "2022", "", movement] for code in codes
        )

    leaders = [s for s in staff if s.level]
    workers = [s for s in staff if s.category != "lao_dong"]
    person(
        _pick(rng, leaders, 1, 1),
        "Bằng khen của Thủ tướng Chính phủ",
        "",
        "Thủ tướng Chính phủ",
        "2105/QĐ-TTg",
        _d(2, 12),
        "Đã có thành tích xuất sắc trong công tác từ năm 2018 đến năm 2022",
    )
    person(
        _pick(rng, workers, 5, 3),
        "Bằng khen của người đứng đầu BHXH Việt Nam",
        "",
        "Tổng Giám đốc BHXH Việt Nam",
        "1890/QĐ-BHXH",
        _d(6, 12),
        "Hoàn thành xuất sắc nhiệm vụ năm 2022",
    )
    person(
        _pick(rng, workers, 2, 2),
        "Bằng khen cấp bộ, ban, ngành, tỉnh",
        "",
        "Chủ tịch UBND tỉnh Quảng Trị",
        "2710/QĐ-UBND",
        _d(8, 12),
        "Có thành tích trong thực hiện chính sách bảo hiểm xã hội, bảo hiểm y tế",
    )
    fighters = _pick(rng, workers, 12, 10)
    person(fighters, "Chiến sĩ thi đua cơ sở", "", DIRECTOR, "58/QĐ-BHXH", _d(9, 12), "")
    advanced = _pick(rng, workers, 88, 72)
    person(advanced, "Lao động tiên tiến", "", DIRECTOR, "57/QĐ-BHXH", _d(9, 12), "")
    person(
        _pick(rng, workers, 11, 9),
        "Giấy khen",
        "",
        DIRECTOR,
        "59/QĐ-BHXH",
        _d(9, 12),
        "Hoàn thành xuất sắc nhiệm vụ năm 2022",
    )
    women = [s for s in workers if s.sex == "F"]
    person(
        sorted(rng.sample(women, 6), key=lambda s: s.code),
        "Giấy khen",
        "",
        UNION,
        "21/QĐ-CĐ",
        _d(12, 12),
        "Tiêu biểu trong phong trào thi đua",
        MOVEMENT_WOMEN,
    )
    units(
        ("QT_VP", "QT_KHTC", "QT_CST", "QT_DONGHA", "QT_HAILANG"),
        "Tập thể lao động xuất sắc",
        "Tổng Giám đốc BHXH Việt Nam",
        "1891/QĐ-BHXH",
        _d(6, 12),
    )
    units(
        ("QT_DONGHA",),
        "Cờ thi đua cấp bộ, ngành, tỉnh",
        "Tổng Giám đốc BHXH Việt Nam",
        "1892/QĐ-BHXH",
        _d(6, 12),
    )
    units(
        (
            "QT_TCCB",
            "QT_THU",
            "QT_CD",
            "QT_GD",
            "QT_TNTKQ",
            "QT_TXQT",
            "QT_VINHLINH",
            "QT_GIOLINH",
            "QT_TRIEUPHONG",
            "QT_HUONGHOA",
        ),
        "Tập thể lao động tiên tiến",
        DIRECTOR,
        "60/QĐ-BHXH",
        _d(9, 12),
    )
    units(("QT_VINHLINH", "QT_TCCB"), "Giấy khen", UNION, "22/QĐ-CĐ", _d(12, 12), MOVEMENT_FAMILY)
    return rows


def succession_rows(staff: list[Staff], rng: random.Random) -> list[list[str]]:
    rows: list[list[str]] = []
    for plan in scenario.UNITS_2022:
        head_title, deputy_title = (
            scenario.VP_TITLES if plan.code == "QT_VP" else scenario.TITLES[plan.kind]
        )
        members = [s for s in staff if s.unit == plan.code]
        deputies = [s for s in members if s.level == "deputy"]
        others = [s for s in members if not s.level and s.category != "lao_dong"]
        head_pool = deputies + rng.sample(others, min(1, len(others)))
        for s in head_pool:
            rows.append(
                [s.code, plan.code, head_title, "Cấp trưởng", "2021–2026", "85/QĐ-BHXH", ""]
            )
        chosen = {s.code for s in head_pool}
        pool = [s for s in others if s.code not in chosen]
        for s in rng.sample(pool, min(2, len(pool))):
            rows.append([s.code, plan.code, deputy_title, "Cấp phó", "2021–2026", "85/QĐ-BHXH", ""])
    return rows


PLAN_UBND = "190/KH-UBND"
PLAN_YEAR = "Số: 12/KH-BHXH"
PLAN_MONTH = "Số: 45/KH-BHXH"


def plan_rows() -> list[list[str]]:
    month = "Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới"
    return [
        [
            PLAN_UBND,
            _d(11, 10),
            "UBND tỉnh Quảng Trị",
            f"Kế hoạch tổ chức các hoạt động hưởng ứng {month} năm 2022",
            _d(15, 11),
            _d(15, 12),
            "",
            "",
            "",
        ],
        [
            PLAN_YEAR,
            _d(20, 1),
            OFFICE,
            "Kế hoạch hoạt động vì sự tiến bộ của phụ nữ và bình đẳng giới năm 2022",
            _d(1, 1),
            _d(31, 12),
            "",
            "BHXH_QT",
            "Ít nhất 4 hoạt động tuyên truyền trong năm; tỷ lệ nữ được đào tạo, bồi dưỡng không "
            "thấp hơn tỷ lệ nam",
        ],
        [
            PLAN_MONTH,
            _d(25, 10),
            OFFICE,
            f"Kế hoạch hưởng ứng {month} năm 2022",
            _d(15, 11),
            _d(15, 12),
            PLAN_UBND,
            "BHXH_QT",
            "100% đơn vị trực thuộc tổ chức ít nhất một hoạt động hưởng ứng Tháng hành động",
        ],
        [
            "Số: 07/BC-BHXH",
            _d(20, 12),
            OFFICE,
            f"Báo cáo kết quả hưởng ứng {month} năm 2022",
            "",
            "",
            "45/KH-BHXH",
            "BHXH_QT",
            "",
        ],
    ]


def activity_rows(staff: list[Staff], rng: random.Random) -> list[list[object]]:
    size = {plan.code: (plan.women, plan.size - plan.women) for plan in scenario.UNITS_2022}

    def people(code: str, share: float = 0.8) -> tuple[int, int]:
        women, men = size[code]
        return round(women * share), round(men * share * rng.uniform(0.4, 0.9))

    year = "45/KH-BHXH"
    rows: list[list[object]] = []

    def add(
        plan: str,
        title: str,
        kind: str,
        unit: str,
        start: str,
        end: str,
        status: str,
        notes: str = "",
        evidence: str = "",
        participants: tuple[int, int] | None = None,
    ) -> None:
        women, men = participants if participants else ("", "")
        rows.append([plan, title, kind, unit, start, end, women, men, status, notes, evidence])

    plan = "12/KH-BHXH"
    add(
        plan,
        "Tọa đàm kỷ niệm 112 năm Ngày Quốc tế Phụ nữ 8/3",
        "Hội thảo, tọa đàm",
        "BHXH_QT",
        _d(8, 3),
        "",
        "Đã thực hiện",
        "",
        "minh_chung/toa_dam_8_3.png",
        (64, 21),
    )
    add(
        plan,
        "Tuyên truyền Luật Bình đẳng giới trên trang thông tin điện tử",
        "Tuyên truyền",
        "QT_VP",
        _d(15, 4),
        _d(30, 4),
        "Đã thực hiện",
    )
    add(
        plan,
        "Tập huấn kiến thức về bình đẳng giới cho cán bộ nữ",
        "Tập huấn",
        "BHXH_QT",
        _d(14, 6),
        "",
        "Đã thực hiện",
        "",
        "minh_chung/tap_huan_binh_dang_gioi.pdf",
        (24, 6),
    )
    add(
        plan,
        "Hội nghị sơ kết 6 tháng công tác vì sự tiến bộ của phụ nữ",
        "Hội nghị",
        "BHXH_QT",
        _d(15, 7),
        "",
        "Đã thực hiện",
        "",
        "",
        (21, 14),
    )
    add(
        plan,
        "Hội thi «Nữ cán bộ BHXH tài năng, duyên dáng»",
        "Hội thi",
        "BHXH_QT",
        _d(18, 10),
        "",
        "Hủy",
        "Lồng ghép vào hoạt động kỷ niệm Ngày Phụ nữ Việt Nam 20/10",
    )
    add(
        plan,
        "Thăm hỏi, hỗ trợ nữ cán bộ có hoàn cảnh khó khăn",
        "Thăm hỏi, hỗ trợ",
        "QT_HUONGHOA",
        _d(20, 10),
        "",
        "Đã thực hiện",
        "",
        "",
        (6, 0),
    )
    add(
        plan,
        "Tuyên truyền phòng, chống bạo lực gia đình quý IV",
        "Tuyên truyền",
        "QT_GD",
        _d(10, 12),
        "",
        "Kế hoạch",
    )
    month_titles = {
        "BHXH_QT": (
            "Lễ phát động Tháng hành động vì bình đẳng giới năm 2022",
            "Tháng hành động",
            "minh_chung/le_phat_dong.pdf",
        ),
        "QT_VP": ("Treo băng rôn, khẩu hiệu hưởng ứng Tháng hành động", "Tuyên truyền", ""),
        "QT_DONGHA": (
            "Mít tinh hưởng ứng Tháng hành động vì bình đẳng giới",
            "Tháng hành động",
            "minh_chung/mit_tinh_dong_ha.png",
        ),
    }
    for index, code in enumerate(ACTION_MONTH_UNITS):
        title, kind, evidence = month_titles.get(
            code,
            (
                "Sinh hoạt chuyên đề về bình đẳng giới và phòng, chống bạo lực trên cơ sở giới",
                "Phổ biến, giáo dục pháp luật",
                "",
            ),
        )
        start = _d(15 + index % 12, 11)
        end = _d(15, 12) if kind == "Tuyên truyền" else ""
        add(year, title, kind, code, start, end, "Đã thực hiện", "", evidence, people(code))
    add(
        year,
        "Tọa đàm «Chia sẻ công việc gia đình»",
        "Hội thảo, tọa đàm",
        "QT_CAMLO",
        _d(5, 12),
        "",
        "Kế hoạch",
    )
    add(
        year,
        "Sinh hoạt chuyên đề phòng, chống bạo lực gia đình",
        "Phổ biến, giáo dục pháp luật",
        "QT_DAKRONG",
        _d(8, 12),
        "",
        "Hủy",
        "Trùng lịch thu bảo hiểm y tế hộ gia đình cuối năm",
    )
    return rows


def movement_rows(staff: list[Staff], rng: random.Random) -> list[list[str]]:
    every_unit = "; ".join(plan.code for plan in scenario.UNITS_2022)
    districts = "; ".join(
        plan.code for plan in scenario.UNITS_2022 if plan.kind == scenario.DISTRICT
    )
    families = _pick(rng, [s for s in staff if s.category != "lao_dong"], 18, 12)
    return [
        [
            MOVEMENT_WOMEN,
            "Ban Nữ công Công đoàn BHXH tỉnh Quảng Trị",
            _d(1, 1),
            _d(31, 12, 2026),
            every_unit,
            "",
            "Phát động trong nữ cán bộ, công chức, viên chức, người lao động",
        ],
        [
            MOVEMENT_FAMILY,
            "Ban Nữ công Công đoàn BHXH tỉnh Quảng Trị",
            _d(1, 3),
            "",
            districts,
            "; ".join(s.code for s in families),
            "Hộ gia đình cán bộ đăng ký tham gia",
        ],
    ]


COMMITTEE_DECISION = "Số: 25/QĐ-BHXH"


def member_rows(staff: list[Staff]) -> list[list[str]]:
    """The office's committee as re-formed in February 2022: chaired by a woman deputy
    director, nine members. One member is written by name and sex, without a staff code, as
    lists often arrive; some jobs are left blank (the report then reads them from the staff
    list)."""

    def one(unit: str, level: str = "", sex: str | None = None) -> Staff:
        return next(
            s
            for s in staff
            if s.unit == unit and s.level == level and (sex is None or s.sex == sex)
        )

    decision = [scenario.ROOT, COMMITTEE_DECISION, _d(15, 2), DIRECTOR]
    written = one("QT_GD", "head")

    def row(person: Staff, post: str, job: str = "") -> list[str]:
        return [*decision, person.code, "", "", job, post, ""]

    return [
        row(one(scenario.ROOT, "deputy", "F"), "Trưởng ban"),
        row(one("QT_TCCB", "head"), "Phó Trưởng ban", "Trưởng phòng Tổ chức cán bộ"),
        row(one("QT_VP", "head"), "Phó Trưởng ban", "Chánh Văn phòng, Chủ tịch Công đoàn cơ sở"),
        row(one("QT_KHTC", "head"), "Thành viên"),
        row(one("QT_THU", "head"), "Thành viên"),
        row(one("QT_CD", "head"), "Thành viên"),
        [
            *decision,
            "",
            written.name,
            "Nam" if written.sex == "M" else "Nữ",
            "Trưởng phòng Giám định bảo hiểm y tế",
            "Thành viên",
            "",
        ],
        row(one("QT_DONGHA", "head"), "Thành viên", "Giám đốc BHXH thành phố Đông Hà"),
        row(one("QT_TCCB", "", "F"), "Thư ký", "Chuyên viên Phòng Tổ chức cán bộ"),
    ]


# --- evidence files: small but real PDF and PNG files ---------------------------------------


def tiny_pdf(title: str) -> bytes:
    """A one-page PDF showing ``title`` (ASCII), with a correct cross-reference table."""
    stream = f"BT /F1 14 Tf 56 780 Td ({title}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def tiny_png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A plain-colour PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


def _folder(folder: Path) -> Path:
    """The committee's lists go in ``committee/`` of the demo's lists folder."""
    target = folder / "committee"
    target.mkdir(parents=True, exist_ok=True)
    return target


@functools.cache
def _staff() -> list[Staff]:
    """The demo's 2022 staff list, which every committee list draws from."""
    return scenario.yearly_rosters()[2022]


# Each kind's demo list, named by its entry (``demo``) in the kinds' registry: the demo
# (binhdang.demo.run) writes and imports them in the registry's import order, drawing from one
# random stream (SEED), so the lists come out the same every time.


def write_movements(folder: Path, rng: random.Random) -> Path:
    return _write(
        _folder(folder) / "phong_trao_thi_dua.csv",
        _header("movements"),
        movement_rows(_staff(), rng),
    )


def write_plans(folder: Path, rng: random.Random) -> Path:
    return _write(
        _folder(folder) / "van_ban_ke_hoach_2022.xlsx",
        _header("plans"),
        plan_rows(),
        "DANH MỤC VĂN BẢN, KẾ HOẠCH NĂM 2022",
    )


def write_training(folder: Path, rng: random.Random) -> Path:
    return _write(
        _folder(folder) / "dao_tao_boi_duong_2022.xlsx",
        _header("training"),
        training_rows(_staff(), rng),
        "DANH SÁCH CÁN BỘ ĐƯỢC CỬ ĐI ĐÀO TẠO, BỒI DƯỠNG NĂM 2022",
    )


def write_awards(folder: Path, rng: random.Random) -> Path:
    return _write(
        _folder(folder) / "khen_thuong_2022.xlsx",
        _header("awards"),
        award_rows(_staff(), rng),
        "DANH SÁCH KHEN THƯỞNG NĂM 2022",
    )


def write_succession(folder: Path, rng: random.Random) -> Path:
    return _write(
        _folder(folder) / "quy_hoach_2021_2026.csv",
        _header("succession"),
        succession_rows(_staff(), rng),
    )


def write_activities(folder: Path, rng: random.Random) -> Path:
    """The activities of 2022 and, beside them, the evidence files the list names."""
    target = _folder(folder)
    evidence = target / "minh_chung"
    evidence.mkdir(exist_ok=True)
    (evidence / "le_phat_dong.pdf").write_bytes(tiny_pdf("Le phat dong Thang hanh dong 2022"))
    (evidence / "tap_huan_binh_dang_gioi.pdf").write_bytes(tiny_pdf("Tap huan binh dang gioi"))
    (evidence / "toa_dam_8_3.png").write_bytes(tiny_png(64, 40, (200, 60, 120)))
    (evidence / "mit_tinh_dong_ha.png").write_bytes(tiny_png(64, 40, (30, 110, 190)))
    return _write(
        target / "hoat_dong_2022.xlsx",
        _header("activities"),
        activity_rows(_staff(), rng),
        "CÁC HOẠT ĐỘNG NĂM 2022",
    )


def write_members(folder: Path, rng: random.Random) -> Path:
    return _write(
        _folder(folder) / "thanh_vien_ban_2022.xlsx",
        _header("members"),
        member_rows(_staff()),
        "DANH SÁCH THÀNH VIÊN BAN VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ",
    )
