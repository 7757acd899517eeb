"""The content of ``binhdang --help`` drawn without Typer or Rich (binhdang/help_page.py),
generated from the command line's declarations: ``python -m binhdang.cli.help_lean`` writes
``binhdang/help_page_data.py``; tests/test_help_page.py fails when that file is not what this
module writes now. Kept apart from cli/help.py, which every help page imports."""

from __future__ import annotations

import inspect
from typing import Any

from rich.text import Text
from typer._click import core as click_core
from typer.core import TyperOption

from binhdang.cli.help import (
    COMMANDS_PANEL_TITLE,
    OPTIONS_PANEL_TITLE,
    STYLE_COMMANDS_TABLE_FIRST_COLUMN,
    STYLE_PANEL_BORDER,
    STYLE_USAGE_COMMAND,
    _command_help,
    _parameter_help,
    _rich_text,
    help_console,
    highlighter,
)


def lean_page_data() -> str:
    """The text of ``binhdang/help_page_data.py``: the top-level page's usage, help, options
    and commands as :func:`print_help` draws them, each text as its pieces of one style (the
    styles as the colour codes Rich writes for them), for :mod:`binhdang.help_page`.

    A page with what that drawing does not do (a second paragraph of help, arguments, an
    option with a type, a default, short names…, a panel of its own, a deprecated or hidden
    command, characters not one cell wide) is written ``LEAN = False``: the command line draws it.
    """
    import typer.models
    from rich.cells import cell_len
    from rich.color import ColorSystem
    from rich.style import Style

    from binhdang.cli.app import _lazy_group, _tidy_help_types, app

    _tidy_help_types()
    group = _lazy_group(typer.models.TyperInfo(app))
    ctx = click_core.Context(group, info_name="binhdang")
    console = help_console()
    styles: list[tuple[str, str]] = [("", "")]
    problems: list[str] = []

    def style_of(style: Style) -> int:
        codes = (
            style._make_ansi_codes(ColorSystem.STANDARD),
            style.without_color._make_ansi_codes(ColorSystem.STANDARD),
        )
        for palette in (ColorSystem.EIGHT_BIT, ColorSystem.TRUECOLOR):
            if style._make_ansi_codes(palette) != codes[0]:
                problems.append(f"style {style} differs between colour systems")
        if codes not in styles:
            styles.append(codes)
        return styles.index(codes)

    def runs(text: Text, base: str | None = None) -> list[tuple[str, int]]:
        pieces = []
        for segment in text.render(console):
            style = segment.style
            if base is not None:
                style = console.get_style(base) + style if style else console.get_style(base)
            pieces.append((segment.text, style_of(style or Style.null())))
        for character in text.plain:
            if character != "\n" and cell_len(character) != 1:
                problems.append(f"{character!r} is not one cell wide")
        return pieces

    usage = runs(highlighter(group.get_usage(ctx)), STYLE_USAGE_COMMAND)
    help_runs = None
    if group.deprecated or group.epilog:
        problems.append("deprecated or with an epilog")
    if group.help:
        help_text = inspect.cleandoc(group.help).partition("\f")[0]
        if "\n\n" in help_text or help_text.startswith("\b"):
            problems.append("help of more than one paragraph")
        help_runs = runs(_rich_text(help_text.replace("\n", " ").strip()))
    options = []
    for param in group.get_params(ctx):
        if getattr(param, "hidden", False):
            continue
        if not isinstance(param, TyperOption) or getattr(param, "rich_help_panel", None):
            problems.append(f"{param.name}: not an option of the Options panel")
            continue
        plain = [opt for opt in param.opts if "--" not in opt] + list(param.secondary_opts)
        if plain or param.required or param.display_type_rich(ctx=ctx) is not None:
            problems.append(f"{param.name}: short names, negatives, a type or required")
        if param._get_number_range_help_str():
            problems.append(f"{param.name}: a range")
        items = _parameter_help(param, ctx).renderables
        if len(items) != 1 or not isinstance(items[0], Text):
            problems.append(f"{param.name}: a default, an environment variable or no help")
            continue
        options.append((runs(highlighter(",".join(param.opts))), runs(items[0])))
    commands = []
    listed = getattr(group, "listed_command", group.get_command)
    for name in group.list_commands(ctx):
        command = listed(ctx, name)
        if command is None or command.hidden:
            continue
        if command.deprecated or getattr(command, "rich_help_panel", None):
            problems.append(f"{name}: deprecated or in a panel of its own")
        commands.append(
            (command.name or "", runs(_command_help(command.short_help or command.help or "")))
        )
    name_style = style_of(console.get_style(STYLE_COMMANDS_TABLE_FIRST_COLUMN))
    border_style = style_of(console.get_style(STYLE_PANEL_BORDER))
    usage_style = style_of(console.get_style(STYLE_USAGE_COMMAND))

    def listing(rows: list[Any]) -> str:
        return "".join(f"    {row!r},\n" for row in rows)

    return (
        '"""The top-level help page\'s content, for binhdang/help_page.py. Generated by\n'
        "``python -m binhdang.cli.help_lean`` from the command line's declarations\n"
        '(tests/test_help_page.py fails when it differs): do not edit."""\n'
        "# fmt: off\n\n"
        f"LEAN = {not problems!r}\n"
        + "".join(f"# not drawn without Rich: {problem}\n" for problem in dict.fromkeys(problems))
        + f"STYLES: list[tuple[str, str]] = [\n{listing(styles)}]\n"
        f"USAGE_STYLE = {usage_style}\nNAME_STYLE = {name_style}\nBORDER_STYLE = {border_style}\n"
        f"OPTIONS_TITLE = {OPTIONS_PANEL_TITLE!r}\nCOMMANDS_TITLE = {COMMANDS_PANEL_TITLE!r}\n"
        f"USAGE: list[tuple[str, int]] = {usage!r}\n"
        f"HELP: list[tuple[str, int]] | None = {help_runs!r}\n"
        f"OPTIONS: list[tuple[list[tuple[str, int]], list[tuple[str, int]]]] = [\n{listing(options)}]\n"
        f"COMMANDS: list[tuple[str, list[tuple[str, int]]]] = [\n{listing(commands)}]\n"
    )


if __name__ == "__main__":  # python -m binhdang.cli.help_lean
    from pathlib import Path

    target = Path(__file__).resolve().parents[1] / "help_page_data.py"
    target.write_text(lean_page_data(), encoding="utf-8")
    print(f"wrote {target}")
