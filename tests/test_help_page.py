"""``binhdang --help`` and ``binhdang`` alone without Typer, Click or Rich (issue 19, item 2):
binhdang/help_page.py draws the page the command line draws (cli/help.py, itself Typer's page),
the same bytes at every width, with and without colours, from a content generated from the
command line's declarations; what it does not draw exactly, the command line draws."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer.models
from typer._click import core as click_core

from binhdang import help_page, help_page_data
from binhdang.cli import help, help_lean
from binhdang.cli.app import _lazy_group, _tidy_help_types, app
from tests import helpers

COLOUR_ENV = ("TERMINAL_WIDTH", "COLUMNS", "LINES", "FORCE_COLOR", "NO_COLOR", "PY_COLORS",
              "GITHUB_ACTIONS", "_TYPER_FORCE_DISABLE_TERMINAL", "TTY_COMPATIBLE", "TERM",
              "COLORTERM")  # fmt: skip


def test_the_content_is_generated_from_the_command_line() -> None:
    """help_page_data.py is what ``python -m binhdang.cli.help_lean`` writes now: a
    command added, renamed or described anew without regenerating it fails here."""
    written = Path(help_page_data.__file__).read_text(encoding="utf-8")
    assert help_lean.lean_page_data() == written, "run: python -m binhdang.cli.help_lean"
    assert help_page_data.LEAN
    assert [name for name, _ in help_page_data.COMMANDS][:3] == ["init", "template", "indicators"]


def _command_lines_page(
    width: int, colour: bool, no_color: bool, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> str:  # fmt: skip
    """The top-level page as the command line prints it (cli/help.py with Rich; the last
    newline is Click's), on a console told ``width`` and colours as the environment says."""
    for name in COLOUR_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERMINAL_WIDTH", str(width))
    monkeypatch.setenv("FORCE_COLOR" if colour else "_TYPER_FORCE_DISABLE_TERMINAL", "1")
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    _tidy_help_types()
    group = _lazy_group(typer.models.TyperInfo(app))
    help.print_help(group, click_core.Context(group, info_name="binhdang"))
    return capsys.readouterr().out + "\n"


@pytest.mark.parametrize(
    ("colour", "no_color", "widths"),
    [
        (False, False, [*range(20, 141), 160, 200, 250, 300, 500]),
        (True, False, [40, 46, 47, 48, 50, 60, 61, 79, 80, 81, 100, 132, 200]),
        (True, True, [47, 60, 80, 100, 132, 200]),  # NO_COLOR: bold and dim, no colours
    ],
)
def test_the_page_is_the_command_lines_at_every_width(
    colour: bool, no_color: bool, widths: list[int], monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    drawn = []
    for width in widths:
        lean = help_page.page(width, colour, no_color)
        if lean is None:  # too narrow for its options on one line: the command line draws it
            assert width < 47, width
            continue
        drawn.append(width)
        assert lean == _command_lines_page(width, colour, no_color, monkeypatch, capsys), width
        assert ("\x1b[" in lean) == colour
    assert drawn and min(drawn) <= 50


def _run(args: list[str], env: dict[str, str], *, full: bool) -> tuple[int, bytes]:
    """Exit code and output of ``binhdang ARGS`` as a whole process: the command (lean first,
    as the installed script) or, ``full``, the command line itself (Typer and Rich)."""
    code = f"from binhdang.cli import main\nmain({args!r})" if full else None
    command = ["-c", code] if code else ["-m", "binhdang", *args]
    base = {k: v for k, v in os.environ.items() if k not in COLOUR_ENV}
    result = subprocess.run(
        [sys.executable, *command], env={**base, **env}, capture_output=True, check=False
    )
    assert result.stderr == b""
    return result.returncode, result.stdout


@pytest.mark.parametrize(
    "env",
    [
        {"COLUMNS": "40"},  # too narrow: the command line draws it
        {"COLUMNS": "60"},
        {"COLUMNS": "80", "BINHDANG_LANG": "en"},  # the page is bilingual, whatever the language
        {"COLUMNS": "132", "FORCE_COLOR": "1"},
        {"TERMINAL_WIDTH": "100", "FORCE_COLOR": "1", "NO_COLOR": "1", "TERM": "xterm-256color"},
        {"FORCE_COLOR": "1", "TERM": "dumb"},  # a dumb terminal: 80 columns, no colours
        {"COLUMNS": "200", "TTY_COMPATIBLE": "1", "COLORTERM": "truecolor"},
        {"FORCE_COLOR": "", "COLUMNS": "90"},
    ],
)
def test_the_command_prints_the_command_lines_page(env: dict[str, str]) -> None:
    """``binhdang --help`` and ``binhdang`` alone, whole processes: the bytes and exit codes of
    the command line's own page (which prints the page once, exit 2, without arguments)."""
    page = _run(["--help"], env, full=True)
    assert page[0] == 0 and b"binhdang [OPTIONS] COMMAND" in page[1]
    assert _run(["--help"], env, full=False) == page
    assert _run([], env, full=False) == _run([], env, full=True) == (2, page[1])


def test_on_a_terminal_the_page_is_the_command_lines() -> None:
    """On a pseudo-terminal of 97 columns (its size and colours read from it, not from the
    environment): the same bytes as the command line's."""
    pytest.importorskip("pty")

    def on_terminal(full: bool) -> bytes:
        code = "from binhdang.cli import main\nmain(['--help'])" if full else None
        command = ["-c", code] if code else ["-m", "binhdang", "--help"]
        base = {k: v for k, v in os.environ.items() if k not in COLOUR_ENV}
        return helpers.on_terminal(command, {**base, "TERM": "xterm"}, columns=97)

    lean = on_terminal(full=False)
    assert b"\x1b[1;36m" in lean and "╰".encode() in lean
    assert lean == on_terminal(full=True)


def test_the_page_imports_neither_typer_click_nor_rich() -> None:
    for args in (["--help"], []):
        probe = (
            "import json, sys\nfrom binhdang.__main__ import main\n"
            f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
            "print(json.dumps(sorted(sys.modules)), file=sys.stderr)"
        )
        result = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, check=True,
            env={**os.environ, "COLUMNS": "80"},
        )  # fmt: skip
        loaded = {name.split(".")[0] for name in json.loads(result.stderr)}
        assert "Usage: binhdang" in result.stdout
        assert loaded.isdisjoint({"typer", "click", "rich"}), args
        assert "binhdang.cli" not in json.loads(result.stderr)


def test_what_the_drawing_cannot_do_the_command_line_does(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A content it does not hold, a narrow terminal, other arguments: ``None``, the command
    line runs."""
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.delenv("TERMINAL_WIDTH", raising=False)
    assert help_page.main(["--help", "--lang"]) is None
    assert help_page.main(["-h"]) is None
    monkeypatch.setenv("COLUMNS", "30")
    assert help_page.main(["--help"]) is None
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setattr(help_page_data, "LEAN", False)
    assert help_page.main(["--help"]) is None
    monkeypatch.setattr(help_page_data, "LEAN", True)
    assert help_page.main(["--help"]) == 0
    assert "Usage: binhdang" in capsys.readouterr().out


def test_a_group_without_arguments_prints_its_page_once() -> None:
    """``binhdang import`` shows the page of ``binhdang import --help``, once (it was printed
    twice: the error that says "no arguments" had already drawn it), with exit code 2."""
    code, page = _run(["import", "--help"], {"COLUMNS": "80"}, full=True)
    assert code == 0 and page.count(b"Usage: binhdang import") == 1
    assert _run(["import"], {"COLUMNS": "80"}, full=True) == (2, page)
