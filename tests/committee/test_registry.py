"""The record-kind registry (issue 16, item 1): each kind declared once, no kind importing
another, one staff-code column and one rule for counts."""

from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path

import pytest

from binhdang.committee import registry
from binhdang.committee.kinds import KINDS, TRAINING
from binhdang.committee.records import RecordKind
from binhdang.committee.records import parse_count as head_count
from binhdang.ingest.columns import STAFF_COLUMNS, staff_code_column
from binhdang.ingest.values import ValueProblem
from binhdang.policies.records import MATERNITY_COLUMNS
from binhdang.policies.records import parse_count as at_least_one

COMMITTEE = Path(registry.__file__).parent


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def _kind_of(module: str, kinds: set[str]) -> str | None:
    """The kind whose package ``module`` is in (``binhdang.committee.plans.parsing``: plans)."""
    parts = module.split(".")
    if parts[:2] == ["binhdang", "committee"] and len(parts) > 2 and parts[2] in kinds:
        return parts[2]
    return None


def test_no_kind_imports_another_and_shared_modules_import_no_kind() -> None:
    kinds = {entry.name for entry in registry.entries("committee")}
    assert kinds == set(KINDS)
    wrong = [
        f"{kind}/{path.name} imports {module}"
        for kind in kinds
        for path in (COMMITTEE / kind).glob("*.py")
        for module in _imports(path)
        if _kind_of(module, kinds) not in (None, kind)
    ]
    wrong += [
        f"{shared}.py imports {module}"
        for shared in ("attachments", "records", "references", "tables", "registry", "scope")
        for module in _imports(COMMITTEE / f"{shared}.py")
        if _kind_of(module, kinds) is not None
    ]
    assert wrong == []


def test_the_probe_sees_a_sibling_import(tmp_path: Path) -> None:
    path = tmp_path / "parsing.py"
    path.write_text("from binhdang.committee.plans.parsing import KIND\n", encoding="utf-8")
    assert _imports(path) == {"binhdang.committee.plans.parsing"}
    assert _kind_of("binhdang.committee.plans.parsing", {"plans", "activities"}) == "plans"


def test_every_list_naming_staff_has_the_one_staff_code_column() -> None:
    specs = [spec for kind in KINDS.values() for spec in kind.columns if spec.field == "staff_code"]
    specs += [s for s in (*STAFF_COLUMNS, *MATERNITY_COLUMNS) if s.field == "staff_code"]
    assert len(specs) == 6  # training, awards, succession, members; staff list, maternity
    shared = staff_code_column(required=True)
    for spec in specs:
        assert (spec.label_vi, spec.label_en) == (shared.label_vi, shared.label_en)
        assert set(shared.aliases) <= set(spec.aliases)


@pytest.mark.parametrize(
    ("cell", "count"),
    [
        (12, 12),
        (12.0, 12),
        ("12", 12),
        ("12,0", 12),
        ("1.234", 1234),
        ("1,234", 1234),
        ("1 234", 1234),
        ("1\u00a0234", 1234),
        ("0", 0),
    ],
)
def test_one_rule_for_counts(cell: object, count: int) -> None:
    assert head_count(cell) == count
    if count >= 1:
        assert at_least_one(cell) == count


@pytest.mark.parametrize("cell", ["1,5", "-1", "x", "1.2.3", "12.5", 1.5, True, "1e3", ""])
def test_what_is_not_a_count(cell: object) -> None:
    with pytest.raises(ValueProblem) as raised:
        head_count(cell)
    assert raised.value.message.key == "committee.val.count"
    with pytest.raises(ValueProblem) as again:
        at_least_one(cell)
    assert again.value.message.key == "policies.val.count"


def test_zero_is_a_head_count_but_not_a_birth_order() -> None:
    assert head_count("0") == 0
    with pytest.raises(ValueProblem):
        at_least_one("0")


def test_a_kind_is_declared_once_and_its_fields_are_its_entry_s() -> None:
    entry = TRAINING.entry
    assert registry.declare(entry) is entry  # the same module imported again: nothing new
    with pytest.raises(ValueError, match="declared twice"):
        registry.declare(replace(entry, title_en="Courses"))
    drifted = replace(entry, fields_en=entry.fields_en[:-1])
    with pytest.raises(ValueError, match="differ from its entry"):
        RecordKind(**{**{f: getattr(TRAINING, f) for f in _fields()}, "entry": drifted})


def _fields() -> list[str]:
    from dataclasses import fields

    return [f.name for f in fields(RecordKind)]


def test_evidence_commands_come_from_the_kinds_evidence_view() -> None:
    import binhdang.cli  # noqa: F401  (the command modules)
    from binhdang.cli.app import app

    groups = {group.name: group.typer_instance for group in app.registered_groups}
    evidence = {"attach", "attachments", "attachment"}
    with_evidence = []
    for entry in registry.entries("committee"):
        group = groups[entry.name]
        assert group is not None
        names = {command.name for command in group.registered_commands}
        assert (evidence <= names) == (entry.evidence is not None), entry.name
        if entry.evidence is not None:
            with_evidence.append(entry.name)
    assert with_evidence == ["activities"]


def test_a_batch_is_named_by_its_kind_in_words() -> None:
    """The import history names a batch by what it imported; a committee kind by its
    registry title, a kind this version does not know by its stored code."""
    from binhdang.committee.registry import batch_label, entry

    awards = entry("awards")
    assert awards is not None
    assert batch_label("awards", "vi") == awards.title_vi != "awards"
    assert batch_label("awards", "en") == awards.title_en
    assert batch_label("staff", "vi") == "Danh sách cán bộ"
    assert batch_label("maternity", "en") == "Maternity leave list"
    assert batch_label("from_a_newer_version", "vi") == "from_a_newer_version"
