"""``binhdang retirement`` computed without the command line (issue 19, item 2: a command that
touches no data, ≤ 0.3 s): binhdang/__main__.py reads its options and calls the library as
``cli/policies.py`` does; the output, errors and exit codes are the command line's."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from binhdang.__main__ import retirement
from tests import helpers


def _run(args: list[str], env: dict[str, str] | None = None, *, full: bool) -> tuple[int, str, str]:
    """``binhdang ARGS`` as a whole process: the command (lean first) or, ``full``, the command
    line itself."""
    code = f"from binhdang.cli import main\nmain({args!r})" if full else None
    command = ["-c", code] if code else ["-m", "binhdang", *args]
    base = {k: v for k, v in os.environ.items() if k not in ("BINHDANG_LANG", "NO_COLOR")}
    result = subprocess.run(
        [sys.executable, *command], env={**base, **(env or {})}, capture_output=True, text=True
    )
    return result.returncode, result.stdout, result.stderr


CASES = [
    ["retirement", "--sex", "nu", "--born", "15/06/1970"],
    ["retirement", "--sex", "nam", "--born", "1970", "--format", "json", "--lang", "en"],
    ["retirement", "--born=09/1966", "--sex=Nữ", "--lang=en"],
    ["retirement", "--sex", "NAM", "--born", "1961-02-28", "--format", "table"],
    ["retirement", "--sex", "nữ", "--born", " 2/1975 "],
    ["retirement", "--sex", "nu", "--born", "1955", "--format", "json"],  # before the 2019 Code
    # refused, by the command line (the lean reading gives way)
    ["retirement", "--sex", "x", "--born", "1970"],
    ["retirement", "--sex", "nu", "--born", "31/02/1970"],
    ["retirement", "--sex", "nu", "--born", "1970", "--format", "xml"],
    ["retirement", "--sex", "nu"],
    ["retirement", "--sex", "nu", "--born", "1970", "--sex", "nam"],
    ["retirement", "--sex", "nu", "--born", "1970", "--lang", "fr"],
    ["retirement", "--sex", "nu", "--born", "1970", "--db", "x.db"],
    ["retirement", "--sex", "nu", "--born", "1970", "--no-subtree"],
    ["retirement", "--sex", "nu", "--born", "1970\t"],
]


@pytest.mark.parametrize("args", CASES, ids=lambda args: " ".join(args[1:]))
def test_the_command_prints_what_the_command_line_prints(args: list[str]) -> None:
    assert _run(args, full=False) == _run(args, full=True)


def test_the_language_from_the_environment() -> None:
    args = ["retirement", "--sex", "nu", "--born", "1970"]
    for env in ({"BINHDANG_LANG": "en"}, {"BINHDANG_LANG": ""}, {"BINHDANG_LANG": "de"}):
        assert _run(args, env, full=False) == _run(args, env, full=True), env
    assert "Female" in _run(args, {"BINHDANG_LANG": "en"}, full=False)[1]


def test_what_the_lean_reading_answers() -> None:
    """It answers what is plainly right, and gives way for anything else."""
    answer = retirement(["--sex", "nu", "--born", "15/06/1970", "--format", "json"])
    assert answer is not None and json.loads(answer)["sex"] == "F"
    assert retirement(["--sex", "nu", "--born", "15/06/1970"]) is not None
    for args in CASES[6:]:
        assert retirement(args[1:]) is None, args


def test_the_command_imports_neither_typer_click_nor_rich() -> None:
    probe = (
        "import json, sys\nfrom binhdang.__main__ import main\n"
        "main(['retirement', '--sex', 'nu', '--born', '15/06/1970'])\n"
        "print(json.dumps(sorted(sys.modules)), file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    loaded = {name.split(".")[0] for name in json.loads(result.stderr)}
    assert loaded.isdisjoint({"typer", "click", "rich", "sqlalchemy"})
    assert "binhdang.cli" not in json.loads(result.stderr)
    assert "57 tuổi 4 tháng" in result.stdout


def test_on_a_terminal_the_output_is_the_command_lines() -> None:
    pytest.importorskip("pty")

    def on_terminal(full: bool) -> bytes:
        args = ["retirement", "--sex", "nam", "--born", "03/1966"]
        code = f"from binhdang.cli import main\nmain({args!r})" if full else None
        command = ["-c", code] if code else ["-m", "binhdang", *args]
        return helpers.on_terminal(command, {**os.environ, "TERM": "xterm", "COLUMNS": "60"})

    lean = on_terminal(full=False)
    assert b"Nam, sinh" in lean
    assert lean == on_terminal(full=True)
