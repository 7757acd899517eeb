"""The help pages (issue 19, item 2): ``binhdang.cli.help`` draws what Typer's own drawing
(``typer.rich_utils``) draws, byte for byte and colours included, for every group and command,
without importing Rich's Markdown; in a pipe the pages carry no colour codes."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator

import pytest
import typer.models
import typer.rich_utils
from typer._click import core as click_core

from binhdang.cli import help
from binhdang.cli.app import _Binhdang, _tidy_help_types
from tests.helpers import cli_pages


def _pages() -> Iterator[tuple[str, click_core.Command, click_core.Context]]:
    """Every help page of ``binhdang``: the top level, each group and each command, with the
    context ``binhdang GROUP COMMAND --help`` gives it."""
    _tidy_help_types()  # as main() does
    yield from cli_pages()


PAGES = list(_pages())


def test_every_command_has_a_help_page() -> None:
    paths = [path for path, _, _ in PAGES]
    assert len(paths) > 100 and len(set(paths)) == len(paths)
    assert {"binhdang", "binhdang import", "binhdang import staff", "binhdang retirement"} <= set(
        paths
    )
    # each drawn by cli/help.py, not by Typer (which would import typer.rich_utils)
    assert [path for path, command, _ in PAGES if not isinstance(command, _Binhdang)] == []


@pytest.mark.parametrize("width", [80, 132])
def test_the_pages_are_typers_own(
    width: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each page as ``typer.rich_utils`` draws it, each on the console its own code makes,
    told the same (a terminal of ``width`` columns with colours): the same bytes."""
    monkeypatch.setenv("COLORTERM", "truecolor")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")  # read by help_console() when it is called
    monkeypatch.setenv("TERMINAL_WIDTH", str(width))
    monkeypatch.setattr(typer.rich_utils, "FORCE_TERMINAL", True)  # read at its import
    monkeypatch.setattr(typer.rich_utils, "MAX_WIDTH", width)
    differing = []
    for path, command, context in _pages():  # each group drawn before its commands are made
        help.print_help(command, context)
        ours = capsys.readouterr().out
        typer.rich_utils.rich_format_help(obj=command, ctx=context, markup_mode="rich")
        typers = capsys.readouterr().out
        if ours != typers:
            differing.append(path)
        assert "\x1b[1;36m" in ours, path  # the colours are compared too (options bold cyan)
    assert differing == []


def test_a_group_page_lists_its_commands_without_making_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``binhdang --help`` lists thirty subcommands and groups from their definitions, without
    building them (their signatures read, their options made)."""
    _, root, context = next(_pages())
    help.print_help(root, context)
    assert "retirement" in capsys.readouterr().out
    made = root.commands._made  # type: ignore[attr-defined]
    assert made == {}
    root.commands["retirement"]  # type: ignore[attr-defined]  # run: made as always
    assert isinstance(made["retirement"], _Binhdang)


def _help_in_a_pipe(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("FORCE_COLOR", "PY_COLORS", "GITHUB_ACTIONS", "TERMINAL_WIDTH", "COLUMNS")
    }
    return subprocess.run(
        [sys.executable, "-m", "binhdang", *args, "--help"],
        capture_output=True,
        text=True,
        env={**environment, **env},
        check=False,
    )


def test_a_page_in_a_pipe_is_plain_text() -> None:
    """No colour codes when the output is not a terminal (80 columns, as Rich does); with
    ``FORCE_COLOR`` there are (Typer's switch, which binhdang keeps): the check can fail."""
    piped = _help_in_a_pipe("import", "staff")
    assert piped.returncode == 0 and piped.stderr == ""
    assert "\x1b[" not in piped.stdout
    assert "Usage: binhdang import staff [OPTIONS]" in piped.stdout
    assert "Example:" in piped.stdout and "--as-of" in piped.stdout
    assert max(len(line) for line in piped.stdout.splitlines()) == 80
    coloured = _help_in_a_pipe("import", "staff", FORCE_COLOR="1", TERMINAL_WIDTH="100")
    assert "\x1b[" in coloured.stdout
    assert max(len(line) for line in _plain(coloured.stdout).splitlines()) == 100


def _plain(text: str) -> str:
    """``text`` without its colour codes."""
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", text)
