"""The command line starts at once (issue 19): defining the commands imports no database,
spreadsheet, report or web machinery; each command imports what it uses when it runs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from binhdang.cli import app
from binhdang.cli.app import ID_MAX, TEMPLATES, _lazy_group
from binhdang.committee import registry

HEAVY = ("sqlalchemy", "alembic", "openpyxl", "numpy", "matplotlib", "docx", "docxtpl",
         "fastapi", "starlette", "uvicorn", "python_calamine", "psycopg", "babel")  # fmt: skip
"""Packages the start-up must not import: the data, the files, the reports, the web server
(and Babel's locale data, for the numbers and dates that commands print)."""

HELP_DRAWING = ("typer.rich_utils", "rich.markdown", "markdown_it", "pygments", "rich.traceback")
"""Typer's help drawing and what it imports for Markdown and tracebacks (~40 ms)."""


def _imported_by(code: str, heavy: tuple[str, ...] = HEAVY) -> list[str]:
    """The ``heavy`` packages in ``sys.modules`` after running ``code`` in a fresh process."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    loaded = set(json.loads(result.stdout.strip().splitlines()[-1]))
    packages = {module.split(".")[0] for module in loaded}
    return [name for name in heavy if name in packages or name in loaded]


def test_importing_the_command_line_imports_no_heavy_package() -> None:
    assert _imported_by("import binhdang.cli") == []


def test_help_imports_no_heavy_package() -> None:
    for args in (
        ["--help"],
        ["import", "--help"],
        ["report", "--help"],
        ["training", "--help"],
        ["report", "text", "set", "--help"],  # reads the options of report, none given
    ):
        code = (
            f"from binhdang.cli import main\ntry:\n    main({args!r})\nexcept SystemExit:\n    pass"
        )
        # Nor Pydantic, which Typer imports to convert the options of a command that runs;
        # nor Typer's help drawing and the Markdown renderer it loads (cli/help.py draws it).
        assert _imported_by(code, (*HEAVY, "pydantic", *HELP_DRAWING)) == [], args


def test_help_is_drawn_without_typers_rich_utils() -> None:
    """The pages are drawn by cli/help.py (tests/test_cli_help.py: the same bytes), for the
    top level, a group, a command, and the page of ``binhdang import`` without --help."""
    for args in (["--help"], ["import"], ["import", "staff", "--help"], ["unit", "--help"]):
        code = (
            f"from binhdang.cli import main\ntry:\n    main({args!r})\nexcept SystemExit:\n    pass"
        )
        assert _imported_by(code, HELP_DRAWING) == [], args
    assert _imported_by("import typer.rich_utils", HELP_DRAWING) == list(HELP_DRAWING)


def test_a_command_without_data_imports_no_database_code() -> None:
    """``binhdang retirement`` computes from the law alone: no SQLAlchemy, no spreadsheets
    (Babel, for its dates, is expected); nor Pydantic, which Typer uses to convert options
    (cli/coercion.py converts text and choices), nor Typer's help drawing."""
    for args in (
        ["retirement", "--sex", "nu", "--born", "15/06/1970"],
        ["retirement", "--sex", "nam", "--born", "1970", "--format", "json", "--lang", "en"],
        ["retirement", "--sex", "nu", "--born", "15/06/1970", "--format", "xml"],  # refused
    ):
        code = (
            f"from binhdang.cli import main\ntry:\n    main({args!r})\nexcept SystemExit:\n    pass"
        )
        loaded = _imported_by(code, (*HEAVY, "pydantic", *HELP_DRAWING))
        assert [name for name in loaded if name != "babel"] == [], args


def test_retirement_imports_neither_the_indicators_nor_richs_emoji() -> None:
    """``binhdang retirement`` names the sexes without the indicators' catalogue, and prints its
    lines (colons and all) without Rich's table of emoji names."""
    code = (
        "from binhdang.cli import main\nmain(['retirement', '--sex', 'nu', '--born', '15/06/1970'])"
    )
    assert _imported_by(code, ("binhdang.indicators.catalogue", "rich._emoji_codes")) == []


def test_what_is_printed_is_printed_as_it_is(capsys: pytest.CaptureFixture[str]) -> None:
    """No emoji replacement on the command line's output: a name with ``:bus:`` keeps it."""
    from binhdang.cli.output import err, out
    from binhdang.indicators.catalogue import SEX_LABELS

    out.print("Tổ :bus: 3 :smile:")
    err.print(":thumbs_up:")
    assert capsys.readouterr() == ("Tổ :bus: 3 :smile:\n", ":thumbs_up:\n")
    assert SEX_LABELS["F"] == ("Nữ", "Female")  # still importable from the catalogue


def test_the_probe_sees_a_heavy_import() -> None:
    """The check above can fail: a command that runs imports its machinery."""
    assert "sqlalchemy" in _imported_by("import binhdang.cli\nimport binhdang.store.database")


def test_the_light_kind_entries_are_the_kinds() -> None:
    """The command line makes its commands from the registry's entries, which load no table;
    each kind's fields are those its entry names (checked when the kind is made, too). Every
    kind: the committee's and another area's (maternity leave)."""
    from binhdang.committee.kinds import KINDS

    entries = registry.entries()
    assert [(e.name, e.title_vi, e.title_en, e.fields_en) for e in entries] == [
        (k.name, k.title_vi, k.title_en, tuple(f.spec.label_en for f in k.fields))
        for k in (e.kind() for e in entries)
    ]
    assert "maternity" in [e.name for e in entries]
    assert [e.name for e in registry.entries("committee")] == list(KINDS)


def test_the_light_copies_agree_with_the_library() -> None:
    from binhdang.ingest.templates import KINDS as LIST_KINDS
    from binhdang.store.database import ID_MAX as STORE_ID_MAX

    assert ID_MAX == STORE_ID_MAX
    assert set(LIST_KINDS) <= set(TEMPLATES)


def test_the_lazy_group_has_every_command_with_its_help_and_options() -> None:
    """``main`` builds commands on demand; what it builds is what Typer builds at once."""
    eager = typer.main.get_command(app)
    lazy = _lazy_group(typer.models.TyperInfo(app))

    def shape(command: object) -> object:
        params = [(p.name, tuple(p.opts), p.required) for p in command.params]  # type: ignore[attr-defined]
        children = getattr(command, "commands", None)
        return (
            command.help,  # type: ignore[attr-defined]
            params,
            None if children is None else [(name, shape(children[name])) for name in children],
        )

    assert shape(lazy) == shape(eager)


def test_areas_are_found_by_their_files_as_pkgutil_finds_them(tmp_path: Path) -> None:
    """discovery._holds_module looks for a module's names instead of listing every module of
    every area: the same answer as ``pkgutil.iter_modules``, for a file, a package, a folder
    that is no package, and a name that is absent."""
    import pkgutil

    from binhdang.discovery import _holds_module

    (tmp_path / "plain.py").write_text("")
    (tmp_path / "package").mkdir()
    (tmp_path / "package" / "__init__.py").write_text("")
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "other.py").write_text("")
    listed = {module.name for module in pkgutil.iter_modules([str(tmp_path)])}
    assert listed == {"plain", "package"}
    for name in ("plain", "package", "folder", "absent"):
        assert _holds_module(tmp_path, name) == (name in listed), name
    assert not _holds_module(tmp_path / "absent", "plain")


def test_cli_options_checks_the_first_parameter_without_reading_signatures() -> None:
    """cli_options reads the first parameter's name from the code (or a declared signature),
    as inspect.signature does, for every command; a command without ``cli`` first is refused."""
    import inspect

    from binhdang.cli.app import _CliCommand, _first_parameter, cli_options

    def commands(instance: typer.Typer) -> list[object]:
        found = [info.callback for info in instance.registered_commands]
        for group in instance.registered_groups:
            assert group.typer_instance is not None
            found += commands(group.typer_instance)
        return found

    wrapped = [c.__wrapped__ for c in commands(app) if isinstance(c, _CliCommand)]
    assert len(wrapped) > 80
    for function in wrapped:
        assert _first_parameter(function) == next(iter(inspect.signature(function).parameters))

    def no_cli(unit: str) -> None: ...

    with pytest.raises(AssertionError, match="first parameter is cli"):
        cli_options()(no_cli)
