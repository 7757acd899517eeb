"""The tables a list is read with: titles → levels (and the acting rule), unit names, and the
pieces of a list's shape (headings, footers, totals), each case its own test."""

from __future__ import annotations

from pathlib import Path

import pytest

from binhdang.errors import BinhdangError
from binhdang.ingest.shapes import footer_kind, heading_text, is_leadership, read_totals
from binhdang.ingest.titles import load_titles
from binhdang.ingest.unit_names import UnitIndex, name_key
from binhdang.ingest.values import ValueProblem, parse_category


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("Giám đốc", "head"),
        ("GIÁM ĐỐC", "head"),
        ("giam doc", "head"),
        ("Phó Giám đốc", "deputy"),
        ("Phó Giám đốc BHXH huyện", "deputy"),
        ("Trưởng phòng Tổ chức cán bộ", "head"),
        ("Phó Trưởng phòng", "deputy"),
        ("Chánh Văn phòng", "head"),
        ("Phó Chánh Văn phòng", "deputy"),
        ("Chánh Thanh tra", "head"),
        ("Phó Chánh Thanh tra", "deputy"),
        ("Trưởng ban", "head"),
        ("Phó Trưởng ban", "deputy"),
        ("Vụ trưởng", "head"),
        ("Phó Vụ trưởng", "deputy"),
        ("Cục trưởng", "head"),
        ("Phó Cục trưởng", "deputy"),
        ("Tổng Giám đốc", "head"),
        ("Phó Tổng Giám đốc", "deputy"),
        ("Chủ tịch", "head"),
        ("Phó Chủ tịch", "deputy"),
        ("Bí thư", "head"),
        ("Phó Bí thư", "deputy"),
        ("PGĐ", "deputy"),
        ("TP", "head"),
        # the acting rule (titles.toml): an acting head is a head, a deputy in charge a deputy
        ("Q. Trưởng phòng", "head"),
        ("Quyền Giám đốc", "head"),
        ("Q.Giám đốc", "head"),
        ("Phó Trưởng phòng phụ trách", "deputy"),
        ("Phó Giám đốc phụ trách BHXH huyện", "deputy"),
        # not management posts
        ("Chuyên viên", "none"),
        ("Chuyên viên chính", "none"),
        ("Nhân viên hợp đồng", "none"),
        # unknown: the row is an error naming the title
        ("Phụ trách phòng", None),
        ("Kế toán trưởng", None),
        ("Trưởng", None),
    ],
)
def test_title_levels(title: str, level: str | None) -> None:
    assert load_titles().level_of(title) == level


def test_an_installation_file_adds_titles_and_a_bad_one_is_a_clear_error(
    tmp_path: Path,
) -> None:
    extra = tmp_path / "t.toml"
    extra.write_text(
        '[[group]]\nlevel = "deputy"\nsource = "QĐ 1"\ntitles = ["Tổ phó"]\n', encoding="utf-8"
    )
    assert load_titles(extra).level_of("Tổ phó Tổ Thu") == "deputy"
    extra.write_text('[[group]]\nlevel = "boss"\nsource = "x"\ntitles = ["X"]\n', "utf-8")
    with pytest.raises(BinhdangError) as excinfo:
        load_titles(extra)
    assert excinfo.value.message.key == "titles.bad_file"
    extra.write_text('[[group]]\nlevel = "head"\ntitles = ["X"]\n', "utf-8")  # no source
    with pytest.raises(BinhdangError):
        load_titles(extra)


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("BHXH huyện Vĩnh Linh", "Bảo hiểm xã hội huyện Vĩnh Linh"),
        ("BẢO HIỂM XÃ HỘI  HUYỆN VĨNH-LINH", "Bảo hiểm xã hội huyện Vĩnh Linh"),
        ("BHXH TP Đông Hà", "Bảo hiểm xã hội thành phố Đông Hà"),
        ("BHXH TX. Quảng Trị", "Bảo hiểm xã hội thị xã Quảng Trị"),
        ("UBND tỉnh", "Ủy ban nhân dân tỉnh"),
        ("Phòng TCCB", "Phòng Tổ chức cán bộ"),
    ],
)
def test_unit_name_abbreviations(written: str, stored: str) -> None:
    assert name_key(written) == name_key(stored)


def test_ambiguous_and_unknown_unit_names() -> None:
    index = UnitIndex.of(
        [("A", "Phòng Tổng hợp"), ("B", "Phòng tổng hợp"), ("C", "Phòng Tổ chức cán bộ")],
        "01/10/2022",
    )
    assert index.resolve("C") == "C" and index.resolve("phong to chuc can bo") == "C"
    with pytest.raises(ValueProblem) as ambiguous:
        index.resolve("PHÒNG TỔNG HỢP")
    assert ambiguous.value.message.key == "val.unit_ambiguous"
    with pytest.raises(ValueProblem) as unknown:
        index.resolve("Phòng Tổ chức")
    assert "Phòng Tổ chức cán bộ (C)" in str(unknown.value.message.params["closest"])


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["II. PHÒNG TỔ CHỨC CÁN BỘ"], "PHÒNG TỔ CHỨC CÁN BỘ"),
        (["3. BHXH huyện Hải Lăng"], "BHXH huyện Hải Lăng"),
        (["II", "PHÒNG TỔ CHỨC CÁN BỘ"], "PHÒNG TỔ CHỨC CÁN BỘ"),
        (["a) Tổ Thu"], "Tổ Thu"),
        (["1.2. Tổ Chế độ"], "Tổ Chế độ"),
        (["BAN GIÁM ĐỐC"], "BAN GIÁM ĐỐC"),
    ],
)
def test_heading_text(texts: list[str], expected: str) -> None:
    assert heading_text(texts) == expected


@pytest.mark.parametrize(
    ("heading", "leadership"),
    [
        ("BAN GIÁM ĐỐC", True),
        ("LÃNH ĐẠO BHXH TỈNH", True),
        ("Lãnh đạo", True),
        ("PHÒNG TỔ CHỨC CÁN BỘ", False),
        ("BHXH huyện Vĩnh Linh", False),
    ],
)
def test_leadership_headings(heading: str, leadership: bool) -> None:
    assert is_leadership(heading) is leadership


@pytest.mark.parametrize(
    ("texts", "kind"),
    [
        (["Tổng cộng: 235 người, trong đó nữ: 126"], "totals"),
        (["Cộng", "12"], "totals"),
        (["Cộng đồng"], None),  # no figure: not a totals line
        (["Người lập biểu", "Thủ trưởng đơn vị"], "footer"),
        (["Quảng Trị, ngày 01 tháng 10 năm 2022"], "footer"),
        (["KT. GIÁM ĐỐC"], "footer"),
        (["PHÒNG TỔ CHỨC CÁN BỘ"], None),
    ],
)
def test_footer_rows(texts: list[str], kind: str | None) -> None:
    assert footer_kind(texts) == kind


@pytest.mark.parametrize(
    ("texts", "people", "women"),
    [
        (["Tổng cộng: 235 người, trong đó nữ: 126"], 235, 126),
        (["Tổng số", "235", "Nữ: 126"], 235, 126),
        (["Tổng cộng: 48 người"], 48, None),
    ],
)
def test_totals(texts: list[str], people: int, women: int | None) -> None:
    totals = read_totals(9, texts)
    assert (totals.row, totals.people, totals.women) == (9, people, women)


@pytest.mark.parametrize(
    ("written", "category"),
    [
        ("CC", "cong_chuc"),
        ("VC", "vien_chuc"),
        ("HĐLĐ", "lao_dong"),
        ("HĐ 111", "lao_dong"),
        ("HĐ68", "lao_dong"),
        ("Lao động hợp đồng", "lao_dong"),
        ("NĐ 111", "lao_dong"),
    ],
)
def test_category_abbreviations(written: str, category: str) -> None:
    assert parse_category(written) == category


def test_a_sex_or_category_read_once_per_text_is_read_as_every_time() -> None:
    """parse_sex and parse_category keep the texts they read (a list repeats a few): the
    same text gives the same value again, a cell of another type (a number) is read as it
    always was, and a text that is no sex or category is refused every time, never kept."""
    from binhdang.ingest.values import parse_sex

    for _ in range(2):
        assert parse_sex(" NỮ ") == parse_sex("Nữ") == "F"
        assert parse_sex("nam") == "M"
        assert parse_category("Viên  chức") == "vien_chuc"
        for bad in ("Nữa", 1, 1.0, None):
            with pytest.raises(ValueProblem):
                parse_sex(bad)
            with pytest.raises(ValueProblem):
                parse_category(bad)
