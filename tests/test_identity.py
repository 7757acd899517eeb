"""Identity without a staff code: Mã số BHXH, CCCD, else name + birth date (ingest.identity)."""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine, select

from binhdang.errors import BinhdangError
from binhdang.ingest.identity import name_key, parse_citizen_id, parse_insurance_number
from binhdang.ingest.values import ValueProblem
from binhdang.privacy.purge import purge
from binhdang.store.tables import OPEN_END, employment, import_change, person
from tests.factories import SMALL_TREE, UNIT_HEADER, write_table
from tests.imports import import_staff, import_units

D2022, D2023 = date(2022, 10, 1), date(2023, 10, 1)
NO_CODE = ["Họ và tên", "Giới tính", "Ngày sinh", "Mã đơn vị", "Loại cán bộ", "Mã số BHXH",
           "Số CCCD"]  # fmt: skip


@pytest.fixture
def tree(engine: Engine, tmp_path: Path) -> Engine:
    import_units(engine, write_table(tmp_path / "units.csv", UNIT_HEADER, SMALL_TREE))
    return engine


def xlsx(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    """A real XLSX as an office keeps it: a title line above the header."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["DANH SÁCH CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC"])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def people(engine: Engine) -> list[tuple[str, str, str | None, str | None, bool]]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(
                person.c.staff_code,
                person.c.full_name,
                person.c.insurance_number,
                person.c.citizen_id,
                person.c.code_assigned,
            ).order_by(person.c.id)
        ).all()
    return [(r[0], r[1], r[2], r[3], bool(r[4])) for r in rows]


def open_units(engine: Engine) -> dict[str, int]:
    """Staff code → unit id of the open job."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(person.c.staff_code, employment.c.unit_id)
            .join(person, person.c.id == employment.c.person_id)
            .where(employment.c.valid_to == OPEN_END)
        ).all()
    return dict(rows)  # type: ignore[arg-type]


def problems_of(excinfo: pytest.ExceptionInfo[BinhdangError]) -> list[tuple[int | None, str]]:
    return [(p.row, p.message.key) for p in excinfo.value.problems]


def test_a_list_without_codes_links_next_year_by_insurance_number_and_name(
    tree: Engine, tmp_path: Path
) -> None:
    first = xlsx(
        tmp_path / "2022.xlsx",
        NO_CODE,
        [
            ["Trần Thị Lan", "Nữ", "01/02/1980", "A", "Công chức", "4512345678", None],
            ["Lê Văn Hùng", "Nam", "03/04/1975", "A", "Công chức", None, "045075001234"],
            ["Nguyễn Thị Hoa", "Nữ", "05/06/1990", "B", "Viên chức", None, None],
        ],
    )
    outcome = import_staff(tree, first, D2022)
    assert outcome.added == 3
    assert people(tree) == [
        ("BD-000001", "Trần Thị Lan", "4512345678", None, True),
        ("BD-000002", "Lê Văn Hùng", None, "045075001234", True),
        ("BD-000003", "Nguyễn Thị Hoa", None, None, True),
    ]
    # Next year: the same people, one renamed (linked by her insurance number), one moved and
    # written in NFD with other case and spacing (linked by name and birth date alone).
    nfd = unicodedata.normalize("NFD", "NGUYỄN   thị hoa")
    second = xlsx(
        tmp_path / "2023.xlsx",
        NO_CODE,
        [
            ["Trần Thị Lan Anh", "Nữ", "01/02/1980", "A", "Công chức", "45 1234 5678", None],
            ["Lê Văn Hùng", "Nam", "03/04/1975", "A", "Công chức", None, 45075001234],
            [nfd, "Nữ", "05/06/1990", "A", "Viên chức", None, None],
        ],
    )
    outcome = import_staff(tree, second, D2023, close_missing=True)
    assert (outcome.added, outcome.changed, outcome.ended, outcome.unchanged) == (0, 2, 0, 1)
    assert [(c.kind, c.staff_code) for c in outcome.changes] == [
        ("changed", "BD-000001"),
        ("moved", "BD-000003"),
    ]
    assert len(people(tree)) == 3
    assert people(tree)[0][1] == "Trần Thị Lan Anh"


def test_a_later_list_with_codes_replaces_the_assigned_ones(tree: Engine, tmp_path: Path) -> None:
    import_staff(
        tree,
        xlsx(
            tmp_path / "2022.xlsx",
            NO_CODE,
            [
                ["Trần Thị Lan", "Nữ", "01/02/1980", "A", "Công chức", "4512345678", None],
                ["Lê Văn Hùng", "Nam", "03/04/1975", "B", "Công chức", None, None],
            ],
        ),
        D2022,
    )
    coded = ["Mã cán bộ", *NO_CODE]
    outcome = import_staff(
        tree,
        xlsx(
            tmp_path / "2023.xlsx",
            coded,
            [
                ["CB01", "Trần Thị Lan", "Nữ", "01/02/1980", "A", "Công chức", "4512345678", None],
                ["CB02", "Lê Văn Hùng", "Nam", "03/04/1975", "B", "Công chức", None, None],
            ],
        ),
        D2023,
        close_missing=True,
    )
    assert (outcome.added, outcome.ended) == (0, 0)
    assert [(code, assigned) for code, *_, assigned in people(tree)] == [
        ("CB01", False),
        ("CB02", False),
    ]
    assert set(open_units(tree)) == {"CB01", "CB02"}


def test_namesakes_with_different_codes_stay_two_people(tree: Engine, tmp_path: Path) -> None:
    coded = ["Mã cán bộ", *NO_CODE]
    import_staff(
        tree,
        xlsx(
            tmp_path / "a.xlsx",
            coded,
            [
                ["C1", "Nguyễn Văn An", "Nam", "01/01/1980", "A", "Công chức", None, None],
            ],
        ),
        D2022,
    )
    outcome = import_staff(
        tree,
        xlsx(
            tmp_path / "b.xlsx",
            coded,
            [
                ["C1", "Nguyễn Văn An", "Nam", "01/01/1980", "A", "Công chức", None, None],
                ["C2", "Nguyễn Văn An", "Nam", "01/01/1980", "B", "Công chức", None, None],
            ],
        ),
        D2023,
    )
    assert (outcome.added, outcome.unchanged) == (1, 1)
    assert [code for code, *_ in people(tree)] == ["C1", "C2"]


def test_same_name_and_birth_date_without_identifier_names_both_rows(
    tree: Engine, tmp_path: Path
) -> None:
    path = xlsx(
        tmp_path / "twins.xlsx",
        NO_CODE,
        [
            ["Nguyễn Văn An", "Nam", "01/01/1980", "A", "Công chức", None, None],
            ["Lê Thị Bình", "Nữ", "01/01/1985", "A", "Công chức", None, None],
            ["nguyễn  văn an", "Nam", "01/01/1980", "B", "Công chức", None, None],
        ],
    )
    with pytest.raises(BinhdangError) as excinfo:
        import_staff(tree, path, D2022)
    assert problems_of(excinfo) == [(5, "val.same_name_birth")]
    assert excinfo.value.problems[0].message.params == {"row": 3, "other_row": 5}
    assert people(tree) == []
    # Told apart by their insurance numbers, they are two people.
    import_staff(
        tree,
        xlsx(
            tmp_path / "ok.xlsx",
            NO_CODE,
            [
                ["Nguyễn Văn An", "Nam", "01/01/1980", "A", "Công chức", "0101000001", None],
                ["nguyễn  văn an", "Nam", "01/01/1980", "B", "Công chức", "0101000002", None],
            ],
        ),
        D2022,
    )
    assert len(people(tree)) == 2


def test_an_identifier_of_another_stored_person_is_an_error(tree: Engine, tmp_path: Path) -> None:
    coded = ["Mã cán bộ", *NO_CODE]
    import_staff(
        tree,
        xlsx(
            tmp_path / "a.xlsx",
            coded,
            [
                ["C1", "Trần Thị Lan", "Nữ", "01/02/1980", "A", "Công chức", "4512345678", None],
            ],
        ),
        D2022,
    )
    with pytest.raises(BinhdangError) as excinfo:
        import_staff(
            tree,
            xlsx(
                tmp_path / "b.xlsx",
                coded,
                [
                    [
                        "C9",
                        "Phạm Văn Nam",
                        "Nam",
                        "01/02/1970",
                        "A",
                        "Công chức",
                        "4512345678",
                        None,
                    ],
                ],
            ),
            D2023,
        )
    assert problems_of(excinfo) == [(3, "val.identity_conflict")]
    rendered = excinfo.value.problems[0].render("vi")
    assert "4512345678" not in rendered  # no personal data in errors
    assert "C1" in rendered


def test_repeated_insurance_number_in_one_list(tree: Engine, tmp_path: Path) -> None:
    with pytest.raises(BinhdangError) as excinfo:
        import_staff(
            tree,
            xlsx(
                tmp_path / "a.xlsx",
                NO_CODE,
                [
                    ["Trần Thị Lan", "Nữ", "01/02/1980", "A", "Công chức", "4512345678", None],
                    ["Phạm Văn Nam", "Nam", "01/02/1970", "A", "Công chức", "4512345678", None],
                ],
            ),
            D2022,
        )
    assert problems_of(excinfo) == [(4, "val.duplicate_identifier")]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("4512345678", "4512345678"),
        ("45 1234 5678", "4512345678"),
        (112345678, "0112345678"),
        (112345678.0, "0112345678"),
    ],
)
def test_insurance_number(cell: object, expected: str) -> None:
    assert parse_insurance_number(cell) == expected


@pytest.mark.parametrize("cell", ["451234567", "45123456789", "45A2345678", "０１２３４５６７８９"])
def test_insurance_number_refused(cell: object) -> None:
    with pytest.raises(ValueProblem):
        parse_insurance_number(cell)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("045075001234", "045075001234"),
        (45075001234, "045075001234"),
        ("045.075.001.234", "045075001234"),
    ],
)
def test_citizen_id(cell: object, expected: str) -> None:
    assert parse_citizen_id(cell) == expected


@pytest.mark.parametrize("cell", ["45075001234", "1234567890123", 1234567890123])
def test_citizen_id_refused(cell: object) -> None:
    with pytest.raises(ValueProblem):
        parse_citizen_id(cell)


def test_name_key_ignores_form_case_and_spacing() -> None:
    nfd = unicodedata.normalize("NFD", "  TRẦN   thị LAN ")
    assert name_key(nfd) == name_key("Trần Thị Lan") == "trần thị lan"
    assert name_key("Trần Thị Lan") != name_key("Tran Thi Lan")  # diacritics are the name


def test_purge_clears_the_identifiers_and_their_copies(tree: Engine, tmp_path: Path) -> None:
    """Anonymising a leaver clears their numbers, also in the undo journal's row copies."""
    rows = [
        ["Trần Thị Lan", "Nữ", "01/02/1980", "A", "Công chức", "4512345678", "045075001234"],
        ["Lê Văn Hùng", "Nam", "03/04/1975", "A", "Công chức", None, None],
    ]
    import_staff(tree, xlsx(tmp_path / "2022.xlsx", NO_CODE, rows), D2022)
    renamed = [["Trần Thị Lan Anh", *rows[0][1:]], rows[1]]
    import_staff(tree, xlsx(tmp_path / "2023.xlsx", NO_CODE, renamed), D2023)
    import_staff(
        tree, xlsx(tmp_path / "2024.xlsx", NO_CODE, rows[1:]), date(2024, 10, 1), close_missing=True
    )
    with tree.connect() as connection:
        copies = connection.execute(select(import_change.c.before)).scalars().all()
    assert any(c and "4512345678" in c for c in copies)
    with tree.begin() as connection:
        result = purge(connection, date(2025, 1, 1), actor_name="cli", now=datetime.now(UTC))
    assert len(result.persons) == 1
    assert people(tree)[0][2:4] == (None, None)
    with tree.connect() as connection:
        copies = connection.execute(select(import_change.c.before)).scalars().all()
    assert not any(
        c and ("4512345678" in c or "045075001234" in c or "Trần Thị Lan" in c) for c in copies
    )


def test_a_coded_row_cannot_take_the_number_of_another_person(tree: Engine, tmp_path: Path) -> None:
    coded = ["Mã cán bộ", *NO_CODE]
    first = [
        ["C1", "Trần Thị Lan", "Nữ", "01/02/1980", "A", "Công chức", "4512345678", None],
        ["C2", "Phạm Văn Nam", "Nam", "01/02/1970", "A", "Công chức", None, None],
    ]
    import_staff(tree, xlsx(tmp_path / "a.xlsx", coded, first), D2022)
    second = [
        first[0],
        ["C2", "Phạm Văn Nam", "Nam", "01/02/1970", "A", "Công chức", "4512345678", None],
    ]
    with pytest.raises(BinhdangError) as excinfo:
        import_staff(tree, xlsx(tmp_path / "b.xlsx", coded, second), D2023)
    assert problems_of(excinfo) == [(4, "val.duplicate_identifier")]
    # Not in the same list: C1 is absent, and C2 claims C1's number.
    with pytest.raises(BinhdangError) as excinfo:
        import_staff(tree, xlsx(tmp_path / "c.xlsx", coded, second[1:]), D2023)
    assert problems_of(excinfo) == [(3, "val.identity_conflict")]


def test_a_list_without_codes_gives_the_figures_of_the_coded_one(
    tree: Engine, tmp_path: Path
) -> None:
    """The same people, with and without the staff code column: the same figures; and next
    year's codeless list links to them (nobody added, the one who left ended)."""
    from binhdang.indicators.output import to_data
    from binhdang.indicators.service import indicators_for
    from binhdang.ingest.batches import undo

    people_2022 = [
        ["Trần Thị Lan", "Nữ", "01/02/1980", "ROOT", "Công chức", "Giám đốc", "Cấp trưởng"],
        ["Lê Văn Hùng", "Nam", "03/04/1975", "A", "Công chức", "Trưởng phòng", "Cấp trưởng"],
        ["Nguyễn Thị Hoa", "Nữ", "05/06/1990", "A", "Viên chức", "Phó Trưởng phòng", "Cấp phó"],
        ["Phạm Văn Nam", "Nam", "07/08/1985", "B", "Viên chức", None, None],
        ["Võ Thị Mai", "Nữ", "09/10/1992", "A1", "Lao động hợp đồng", None, None],
    ]
    header = [
        "Họ và tên",
        "Giới tính",
        "Ngày sinh",
        "Mã đơn vị",
        "Loại cán bộ",
        "Chức vụ",
        "Cấp chức vụ",
    ]

    def figures() -> list[dict[str, object]]:
        with tree.connect() as connection:
            return to_data(indicators_for(connection, "ROOT", D2022))

    coded = [["Mã cán bộ", *header]] + [[f"C{i}", *row] for i, row in enumerate(people_2022)]
    import_staff(tree, xlsx(tmp_path / "coded.xlsx", coded[0], coded[1:]), D2022)
    with_codes = figures()
    with tree.begin() as connection:
        undo(connection)
    import_staff(tree, xlsx(tmp_path / "plain.xlsx", header, people_2022), D2022)
    assert figures() == with_codes
    # 2023: Phạm Văn Nam left, Võ Thị Mai written in capitals, nobody has a code.
    people_2023 = [row for row in people_2022 if row[0] != "Phạm Văn Nam"]
    people_2023[-1] = ["VÕ THỊ MAI", *people_2023[-1][1:]]
    outcome = import_staff(
        tree, xlsx(tmp_path / "plain_2023.xlsx", header, people_2023), D2023, close_missing=True
    )
    assert (outcome.added, outcome.ended) == (0, 1)
    assert [c.kind for c in outcome.changes].count("ended") == 1
