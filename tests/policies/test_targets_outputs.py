"""One verdict per target everywhere (issue 12): the report (DOCX, XLSX annex, HTML),
``binhdang targets`` (its JSON and its table), ``GET /api/v1/targets`` and the dashboard panel
show the same evaluation — verdict, figures, texts and the units falling short — for the same
unit and date, on the demo office and on a generated province-like tree, on both engines.

The reference is the library's JSON (:func:`binhdang.policies.output.targets_data`); it is
itself checked against the core indicators (``indicators_for``), so a wrong evaluation shown
alike everywhere still fails.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import Connection, Engine, update

from binhdang.accounts.permissions import Role
from binhdang.accounts.service import create_account, create_token
from binhdang.accounts.tables import account as account_table
from binhdang.indicators.service import indicators_for
from binhdang.policies.output import STATUS_EMPHASIS, targets_blocks, targets_data
from binhdang.policies.service import evaluate_targets
from binhdang.policies.targets import default_targets, targets_on
from binhdang.reports.build import ReportRequest, build_report
from binhdang.reports.content import ReportTable
from binhdang.reports.docx import render_docx
from binhdang.reports.html import render_html
from binhdang.reports.xlsx import render_xlsx
from binhdang.units.tree import UnitTree, load_tree
from binhdang.web.app import create_app
from tests.helpers import run_cli
from tests.web.conftest import make_settings, password_hash, sign_in

RULE_30 = "nq11_30pct_rule"
NQ28 = ("nq28_2025_woman_key_leader", "nq28_2030_woman_key_leader")
BODY_COLUMNS = ("name", "value_text", "threshold_text", "deadline_text", "status_text",
                "gap_text")  # fmt: skip


@dataclass
class Dataset:
    """A loaded database and the units to compare: ``units`` in every output, ``reports``
    also in the report; ``parent`` meets the 30% rule itself but a unit under it does not;
    ``department`` has no affiliated units."""

    on: date
    root: str
    units: tuple[str, ...]
    reports: tuple[str, ...]
    parent: str
    department: str


def _demo(db_url: str, folder: Path) -> Dataset:
    from binhdang.demo.run import build

    build(db_url, folder / "lists")
    return Dataset(
        date(2022, 10, 1),
        "BHXH_QT",
        ("BHXH_QT", "QT_CNTT", "QT_VP"),
        ("BHXH_QT", "QT_CNTT"),
        "BHXH_QT",
        "QT_CNTT",
    )


def _province(engine: Engine) -> Dataset:
    """``binhdang generate`` at a small size: VN ─ provinces ─ departments ─ teams."""
    from binhdang.scale.service import generate
    from binhdang.scale.shape import Shape

    on = date(2024, 12, 31)
    generate(engine, Shape(persons=3000, units=40, years=3, seed=5, end=on))
    with engine.connect() as connection:
        tree = load_tree(connection, on)
        root = tree.roots[0]
        province = max(tree.child_nodes(root.id), key=lambda n: len(tree.subtree_ids(n.id)))
        parent = _rolled_up_parent(connection, tree, province.code, on)
        leaf = next(n for n in tree.walk(province.id) if not tree.child_nodes(n.id))
    return Dataset(
        on,
        root.code,
        (province.code, parent, leaf.code),
        (province.code, leaf.code),
        parent,
        leaf.code,
    )


def _rolled_up_parent(connection: Connection, tree: UnitTree, code: str, on: date) -> str:
    """A unit that meets the 30% rule itself while a unit under it falls short."""
    failing = indicators_for(connection, code, on).get("units_30pct_women_without_woman_leader")
    names = {u.code for u in failing.units or ()}
    for node in tree.walk(tree.require(code).id):
        below = {n.code for n in tree.walk(node.id)} - {node.code}
        if node.code not in names and below & names:
            return node.code
    raise AssertionError("the dataset has no unit meeting the rule above one that does not")


@pytest.fixture(params=["demo", "province"])
def dataset(request: pytest.FixtureRequest, engine: Engine, db_url: str, tmp_path: Path) -> Dataset:
    if request.param == "demo":
        return _demo(db_url, tmp_path)
    return _province(engine)


@pytest.fixture
def client(dataset: Dataset, engine: Engine, db_url: str, tmp_path: Path) -> Any:
    """The web application on the dataset, an administrator of its root signed in; the API
    token in ``client.token``."""
    with engine.begin() as connection:
        admin = create_account(
            connection,
            name="admin",
            role=Role.ADMIN,
            unit_code=dataset.root,
            password=None,
            now=datetime.now(UTC),
        )
        connection.execute(
            update(account_table)
            .where(account_table.c.id == admin.id)
            .values(password_hash=password_hash())
        )
        token = create_token(connection, admin.id, now=datetime.now(UTC))
    app = create_app(make_settings(db_url, tmp_path))
    with TestClient(app) as test_client:
        assert sign_in(test_client, "admin").status_code == 303
        test_client.token = token  # type: ignore[attr-defined]
        yield test_client
    app.state.engine.dispose()


def clean(value: Any) -> str:
    """Text as a reader sees it: NFC, no soft hyphens or zero-width joiners, one space for
    any run of white space (a renderer may keep a name or a date on one line with them)."""
    value = unicodedata.normalize("NFC", str(value))
    value = re.sub("[\u00ad\u200b\u200c\u200d\u2060\ufeff]", "", value)
    return re.sub(r"\s+", " ", value).strip()


def _check_against_the_core(
    connection: Connection, tree: UnitTree, code: str, on: date, reference: list[dict[str, Any]]
) -> None:
    """The evaluation itself: Nghị quyết 28/NQ-CP is the core share of units whose key
    leadership includes a woman, or "not applicable per unit" without affiliated units; the 30% rule is not met
    exactly when the core lists a unit of the subtree, and lists those very units."""
    core = indicators_for(connection, code, on)
    by_target = {item["target"]: item for item in reference}
    assert [item["unit"] for item in reference] == [code] * len(targets_on(default_targets(), on))
    single = not tree.child_nodes(tree.require(code).id)
    for key in NQ28:
        item = by_target[key]
        if single:  # a department row never carries a Resolution 28 verdict
            assert item["status"] == "not_applicable" and item["gap"] is None
            assert item["status_text"] == "Không áp dụng cho từng đơn vị"
        else:
            ratio = core.get("units_with_woman_key_leadership").ratio
            assert (item["numerator"], item["denominator"]) == (ratio.numerator, ratio.denominator)
            assert item["status"] in ("met", "not_met")
    rule = by_target[RULE_30]
    expected = core.get("units_30pct_women_without_woman_leader")
    assert (rule["numerator"], rule["denominator"]) == (
        expected.ratio.numerator,
        expected.ratio.denominator,
    )
    assert rule["status"] == (
        "not_applicable"
        if not expected.ratio.denominator
        else "not_met"
        if expected.ratio.numerator
        else "met"
    )
    own = [code] if rule["own"]["status"] == "not_met" else []
    assert own + [u["unit"] for u in rule["units_short"]] == [u.code for u in expected.units or ()]
    staff = core.get("women_share_staff").ratio
    assert (rule["own"]["numerator"], rule["own"]["denominator"]) == (
        staff.numerator,
        staff.denominator,
    )
    for item in reference:  # only a target applied unit by unit lists units
        assert not item["units_short"] or item["per_unit"]


def _dashboard(client: TestClient, code: str, on: date) -> str:
    page = client.get(f"/?unit={code}&as_of={on.isoformat()}")
    assert page.status_code == 200, page.text
    return page.text


def _flagged_children(page: str) -> dict[str, bool]:
    """The dashboard's table of affiliated units: unit → whether its 30% rule is flagged."""
    table = page[page.index('<p class="note">Nghị quyết 11-NQ/TW') :]
    table = table[: table.index("</table>")]
    return {
        unit: "flagged" in attributes
        for attributes, unit in re.findall(r'<tr ([^>]*)>\s*<td><a href="/\?unit=([^&"]+)&', table)
    }


def _panel(page: str) -> dict[str, dict[str, Any]]:
    """target → its row in the dashboard panel: status, cell texts, units listed."""
    panel = page[page.index('id="targets-panel"') :]
    panel = panel[: panel.index("</section>")]
    rows = {}
    for match in re.finditer(
        r'<tr data-target="([^"]+)" data-status="([^"]+)">(.*?)</tr>', panel, re.S
    ):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", match.group(3), re.S)
        flag = re.search(r'<span class="flag ?([a-z]*)">', match.group(3))
        rows[match.group(1)] = {
            "status": match.group(2),
            "flag": flag.group(1) if flag else None,
            "cells": [clean(html.unescape(re.sub(r"<[^>]+>", " ", c))) for c in cells],
            "units": [],
        }
    for match in re.finditer(
        r'<tr class="target-units" data-short-for="([^"]+)">(.*?)</tr>', panel, re.S
    ):
        rows[match.group(1)]["units"] = [
            (unit, clean(html.unescape(name)))
            for unit, name in re.findall(
                r'<li data-unit="([^"]+)"><a [^>]+>(.*?)</a>', match.group(2)
            )
        ]
    return rows


def _check_panel(rows: dict[str, dict[str, Any]], reference: list[dict[str, Any]]) -> None:
    assert list(rows) == [item["target"] for item in reference]
    for item in reference:
        row = rows[item["target"]]
        assert row["status"] == item["status"]
        assert row["flag"] == {"met": "ok", "not_met": "bad"}.get(item["status"], "")
        name, value, threshold, status, gap = row["cells"]
        assert name.startswith(clean(item["name"]))
        assert (value, status) == (clean(item["value_text"]), clean(item["status_text"]))
        assert threshold.startswith(clean(item["threshold_text"]))
        assert gap.startswith(clean(item["gap_text"]))
        assert row["units"] == [(u["unit"], clean(u["unit_name"])) for u in item["units_short"]]


def _docx_rows(path: Path) -> tuple[list[tuple[str, ...]], str]:
    document = Document(str(path))
    text = clean(" ".join(p.text for p in document.paragraphs))
    for table in document.tables:
        rows = [tuple(clean(cell.text) for cell in row.cells) for row in table.rows]
        if rows and rows[0][:2] == ("Mục tiêu", "Hiện tại"):
            return rows[1:], text
    raise AssertionError("no targets table in the DOCX")


def _html_rows(page: str) -> tuple[list[tuple[str, ...]], str]:
    table = re.search(r'<table class="data" id="table-targets_summary">(.*?)</table>', page, re.S)
    assert table is not None
    rows = [
        tuple(
            clean(html.unescape(re.sub(r"<[^>]+>", " ", cell)))
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        )
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table.group(1), re.S)
    ]
    body = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", page, flags=re.S)
    return [r for r in rows if r], clean(html.unescape(re.sub(r"<[^>]+>", " ", body)))


def _sheet(workbook: Any, name: str) -> list[tuple[Any, ...]]:
    rows = list(workbook[name].iter_rows(values_only=True))
    header = next(i for i, r in enumerate(rows) if r and r[0] == "Mục tiêu")
    return [r for r in rows[header + 1 :] if any(v is not None for v in r)]


def _check_report(
    connection: Connection, code: str, on: date, folder: Path, reference: list[dict[str, Any]]
) -> None:
    report = build_report(connection, ReportRequest(code, on, sections=("targets",)))
    expected = [tuple(clean(item[key]) for key in BODY_COLUMNS) for item in reference]
    notes = [clean(item["short_text"]) for item in reference if item["short_text"]]
    docx_rows, docx_text = _docx_rows(render_docx(report, folder / f"{code}.docx"))
    html_rows, html_text = _html_rows(render_html(report))
    for rows, words in ((docx_rows, docx_text), (html_rows, html_text)):
        assert rows == expected
        for note in notes:  # the units falling short: by name, or counted by direct child
            heading = note.split(": ", 1)[0]  # (a province: the full list in the appendix)
            assert note in words or f"{heading}, theo đơn vị trực thuộc: " in words
        assert not re.search(r"\b[a-z]+_[a-z_]+\b|binhdang ", words)  # no machine text
        assert code not in words
    workbook = load_workbook(render_xlsx(report, folder / f"{code}.xlsx"))
    annex = {row[0]: row for row in _sheet(workbook, "Mục tiêu")}
    assert list(annex) == [item["name"] for item in reference]
    for item in reference:
        row = annex[item["name"]]
        assert (row[2], row[3]) == (item["numerator"], item["denominator"])
        assert (row[5], row[8], row[9]) == (
            item["value_text"],
            item["status_text"],
            item["gap_text"],
        )
        assert row[-1] == item["target"]  # the code only in the last column
    short = (
        [(r[0], r[1], r[-2]) for r in _sheet(workbook, "Mục tiêu - đơn vị chưa đạt")]
        if any(item["units_short"] for item in reference)
        else []
    )
    assert short == [
        (item["name"], u["unit_name"], u["unit"]) for item in reference for u in item["units_short"]
    ]


def test_every_output_shows_the_same_evaluation(
    dataset: Dataset,
    client: TestClient,
    engine: Engine,
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    on = dataset.on
    with engine.connect() as connection:
        tree = load_tree(connection, on)
        for code in dataset.units:
            reference = targets_data(evaluate_targets(connection, code, on, default_targets()))
            _check_against_the_core(connection, tree, code, on, reference)
            cli = run_cli(
                capsys,
                "targets",
                "--unit",
                code,
                "--as-of",
                on.isoformat(),
                "--format",
                "json",
                "--db",
                db_url,
            )
            assert cli.code == 0, cli.err
            assert json.loads(cli.out) == reference
            # the terminal's table (content blocks drawn by cli/output.py): the same texts,
            # the verdict standing out by its status
            (table, *_notes) = targets_blocks(
                evaluate_targets(connection, code, on, default_targets())
            )
            assert isinstance(table, ReportTable)
            assert [row[1:5] for row in table.rows] == [
                (r["value_text"], r["threshold_text"], r["deadline_text"], r["status_text"])
                for r in reference
            ]
            assert sorted((row, how) for row, column, how in table.emphasis if column == 4) == [
                (index, STATUS_EMPHASIS[r["status"]]) for index, r in enumerate(reference)
            ]
            api = client.get(
                f"/api/v1/targets?unit={code}&as_of={on.isoformat()}",
                headers={"Authorization": f"Bearer {client.token}"},
            )  # type: ignore[attr-defined]
            assert api.status_code == 200 and api.json() == reference
            page = _dashboard(client, code, on)
            _check_panel(_panel(page), reference)
            # The table of affiliated units flags a unit exactly when its own panel says the
            # 30% rule is not met (the rule rolls up there too).
            children = _flagged_children(page)
            assert set(children) == {c.code for c in tree.child_nodes(tree.require(code).id)}
            for child, flagged in children.items():
                (rule,) = [
                    e
                    for e in evaluate_targets(connection, child, on, default_targets()).evaluations
                    if e.target.code == RULE_30
                ]
                assert flagged == (rule.status == "not_met"), child
            if code in dataset.reports:
                _check_report(connection, code, on, tmp_path, reference)
        # The 30% rule rolls up: a unit meeting it itself is "not met" when a unit under it
        # falls short — in every output, since they all equal the reference.
        parent = targets_data(evaluate_targets(connection, dataset.parent, on, default_targets()))
        (rule,) = [item for item in parent if item["target"] == RULE_30]
        assert rule["own"]["status"] in ("met", "not_applicable")
        assert rule["status"] == "not_met" and rule["units_short"]
        department = targets_data(
            evaluate_targets(connection, dataset.department, on, default_targets())
        )
        assert {
            item["target"]: item["status"] for item in department if item["target"] in NQ28
        } == dict.fromkeys(NQ28, "not_applicable")
