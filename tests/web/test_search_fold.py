"""``bd_fold`` in SQL gives what :func:`binhdang.ingest.values.fold` gives, on both engines."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, func, literal, select

from binhdang.ingest.values import fold
from binhdang.web.staff import register_fold

VIETNAMESE = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
)
ALPHABET = VIETNAMESE + VIETNAMESE.upper() + " -'.0123456789"

NAMES = ["Nguyễn Thị Hoa", "ĐẶNG THỊ NGỌC ÁNH", "Lê Hữu Phước", "Trương Ưng", "Hồ Thị Kim Yến",
         "Ông Ích Khiêm", "Vũ Đức Đam", "Tạ Thị Ý Nhi"]  # fmt: skip


def _sql_fold(engine: Engine, values: list[str]) -> list[str]:
    with engine.connect() as connection:
        return [connection.execute(select(func.bd_fold(literal(v)))).scalar_one() for v in values]


def test_names_fold_alike_in_sql_and_python(engine: Engine) -> None:
    register_fold(engine)
    assert _sql_fold(engine, NAMES) == [fold(name) for name in NAMES]
    assert _sql_fold(engine, ["Nguyễn Thị Hoa"]) == ["nguyenthihoa"]


def test_any_vietnamese_text_folds_alike(engine: Engine) -> None:
    register_fold(engine)

    @settings(max_examples=60, deadline=None, database=None)
    @given(st.lists(st.text(alphabet=ALPHABET, max_size=30), min_size=1, max_size=10))
    def check(values: list[str]) -> None:
        assert _sql_fold(engine, values) == [fold(v) for v in values]

    check()
