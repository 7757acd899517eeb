"""Documentation that tests keep true: every command, indicator and setting is in the README."""

from __future__ import annotations

from pathlib import Path

import typer.main

from binhdang.cli import app
from binhdang.indicators.catalogue import CATALOGUE
from binhdang.settings import SETTINGS

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


def command_paths() -> list[str]:
    root = typer.main.get_command(app)
    paths: list[str] = []

    def walk(group: object, prefix: str) -> None:
        for name, command in getattr(group, "commands", {}).items():
            if getattr(command, "hidden", False):
                continue
            if hasattr(command, "commands"):
                walk(command, f"{prefix}{name} ")
            else:
                paths.append(f"{prefix}{name}")

    walk(root, "")
    return paths


def test_every_command_is_documented() -> None:
    missing = [path for path in command_paths() if f"binhdang {path}" not in README]
    assert not missing, f"commands missing from README.md: {missing}"


def test_every_command_has_an_example_in_its_help() -> None:
    root = typer.main.get_command(app)
    for path in command_paths():
        command = root
        for part in path.split():
            command = command.commands[part]  # type: ignore[attr-defined]
        assert "Example:" in (command.help or ""), f"binhdang {path} has no Example: in its help"


def test_every_indicator_is_documented() -> None:
    missing = [d.code for d in CATALOGUE if f"`{d.code}`" not in README]
    assert not missing, f"indicators missing from README.md: {missing}"


def test_every_setting_is_documented() -> None:
    missing = [s.env for s in SETTINGS if s.env not in README]
    assert not missing, f"settings missing from README.md: {missing}"
