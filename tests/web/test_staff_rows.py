"""The staff table's rows written without Jinja (pages.staff_rows_html) are the text of their
reference template, _staff_rows.html, for any row: the page's output is unchanged."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from binhdang import formatting
from binhdang.messages import text
from binhdang.web.pages import staff_rows_html, templates
from binhdang.web.staff import CATEGORIES, SEXES, StaffRow


def _reference(rows: list[StaffRow], lang: str) -> str:
    template = templates.env.get_template("_staff_rows.html")
    return template.render(
        rows=rows, lang=lang, fmt=formatting, t=lambda key, **p: text(key, lang, **p)
    )


TRICKY = ["", "Nguyễn Thị Hoa", "<b>&\"'", "a/b c?d=e&f#g", "Đặng  Ánh", "100% <x>"]


def _row(code: str, name: str, sex: str, category: str, rank: str | None, title: str | None):
    return StaffRow(
        staff_code=code or "X1",
        full_name=name,
        sex=sex,
        birth_date=date(1970, 2, 3),
        unit_code="U",
        unit_name=name[::-1],
        category=category,
        rank=rank,
        title=title,
        level=None,
    )


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_rows_are_the_reference_templates_text(lang: str) -> None:
    rows = [
        _row(code, name, sex, category, rank, title)
        for code in TRICKY
        for name, rank, title in zip(TRICKY, [None, *TRICKY[1:]], [*TRICKY[1:], None], strict=True)
        for sex in SEXES
        for category in CATEGORIES
    ]
    assert str(staff_rows_html(rows, lang)) == _reference(rows, lang)  # type: ignore[arg-type]
    assert str(staff_rows_html([], lang)) == _reference([], lang)  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.builds(
            _row,
            st.text(min_size=1, max_size=12),
            st.text(max_size=20),
            st.sampled_from(SEXES),
            st.sampled_from(CATEGORIES),
            st.none() | st.text(max_size=10),
            st.none() | st.text(max_size=10),
        ),
        max_size=5,
    ),
    st.sampled_from(["vi", "en"]),
)
def test_any_rows_are_the_reference_templates_text(rows: list[StaffRow], lang: str) -> None:
    assert str(staff_rows_html(rows, lang)) == _reference(rows, lang)  # type: ignore[arg-type]
