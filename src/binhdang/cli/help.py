"""The ``--help`` pages of the command line, as Typer draws them, without ``typer.rich_utils``.

Typer prints a help page with ``typer.rich_utils``, which imports Rich's Markdown (markdown-it,
Pygments) and Rich's tracebacks at its top: about a quarter of ``binhdang --help``'s time
(issue 19, item 2), for a Markdown mode binhdang does not use (its help is Rich markup, Typer's
default). This module draws the same page from the same pieces (usage, help text, panels of
arguments, options and commands) with the light parts of Rich only: Panel, Table, Columns,
Text. The pages are the bytes Typer's own drawing gives, colours included, for every command
(tests/test_cli_help.py compares them all); a Typer upgrade that changes its drawing fails
that test rather than changing the look unnoticed.

Ported from ``typer.rich_utils.rich_format_help`` (Typer 0.29, MIT licence; itself from
rich-click), the ``"rich"`` markup mode only: a command in another mode is drawn by Typer.
"""

from __future__ import annotations

import inspect
import os
from typing import TYPE_CHECKING, Any, ClassVar

from rich.align import Align
from rich.columns import Columns
from rich.console import Console, Group, RenderableType
from rich.highlighter import RegexHighlighter
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.theme import Theme
from typer._click import core as click_core
from typer.core import TyperArgument, TyperGroup, TyperOption

if TYPE_CHECKING:
    from binhdang.cli.app import Listed

# Typer's styles (typer/rich_utils.py), those its rich markup mode uses.
STYLE_OPTION = "bold cyan"
STYLE_SWITCH = "bold green"
STYLE_NEGATIVE_OPTION = "bold magenta"
STYLE_NEGATIVE_SWITCH = "bold red"
STYLE_TYPES = "bold yellow"
STYLE_TYPES_SEPARATOR = "dim"
STYLE_USAGE = "yellow"
STYLE_USAGE_COMMAND = "bold"
STYLE_DEPRECATED = "red"
STYLE_DEPRECATED_COMMAND = "dim"
STYLE_HELPTEXT = "dim"
STYLE_OPTION_DEFAULT = "dim"
STYLE_OPTION_ENVVAR = "dim yellow"
STYLE_REQUIRED_SHORT = "red"
STYLE_REQUIRED_LONG = "dim red"
STYLE_PANEL_BORDER = "dim"
STYLE_COMMANDS_TABLE_FIRST_COLUMN = "bold cyan"
TABLE_PADDING = (0, 1)

DEPRECATED_STRING = "(deprecated) "
DEFAULT_STRING = "[default: {}]"
ENVVAR_STRING = "[env var: {}]"
REQUIRED_SHORT_STRING = "*"
REQUIRED_LONG_STRING = "[required]"
RANGE_STRING = " [{}]"
ARGUMENTS_PANEL_TITLE = "Arguments"
OPTIONS_PANEL_TITLE = "Options"
COMMANDS_PANEL_TITLE = "Commands"


class OptionHighlighter(RegexHighlighter):
    """Options, switches, types and ``Usage:`` in their colours."""

    highlights: ClassVar[list[str]] = [
        r"(^|\W)(?P<switch>\-\w+)(?![a-zA-Z0-9])",
        r"(^|\W)(?P<option>\-\-[\w\-]+)(?![a-zA-Z0-9])",
        r"(?P<types>\<[^\>]+\>)",
        r"(?P<usage>Usage: )",
    ]


class NegativeOptionHighlighter(RegexHighlighter):
    highlights: ClassVar[list[str]] = [
        r"(^|\W)(?P<negative_switch>\-\w+)(?![a-zA-Z0-9])",
        r"(^|\W)(?P<negative_option>\-\-[\w\-]+)(?![a-zA-Z0-9])",
    ]


class TypesHighlighter(RegexHighlighter):
    """``[``, ``|``, ``]`` and ``<>`` of a type dim."""

    highlights: ClassVar[list[str]] = [
        r"^(?P<types_sep>(\[|<))",
        r"(?P<types_sep>\|)",
        r"(?P<types_sep>(\]|>))(\.\.\.)?$",
    ]


highlighter = OptionHighlighter()
negative_highlighter = NegativeOptionHighlighter()
types_highlighter = TypesHighlighter()


def help_console() -> Console:
    """The console a help page is printed on: stdout, colours when it is a terminal, and the
    environment variables Typer reads for it (``TERMINAL_WIDTH``; ``FORCE_COLOR``,
    ``PY_COLORS``, ``GITHUB_ACTIONS`` force a terminal, ``_TYPER_FORCE_DISABLE_TERMINAL``
    refuses one)."""
    width = os.getenv("TERMINAL_WIDTH")
    force: bool | None = (
        True if os.getenv("GITHUB_ACTIONS") or os.getenv("FORCE_COLOR") or os.getenv("PY_COLORS")
        else None
    )  # fmt: skip
    if os.getenv("_TYPER_FORCE_DISABLE_TERMINAL"):
        force = False
    return Console(
        theme=Theme(
            {
                "option": STYLE_OPTION,
                "switch": STYLE_SWITCH,
                "negative_option": STYLE_NEGATIVE_OPTION,
                "negative_switch": STYLE_NEGATIVE_SWITCH,
                "types": STYLE_TYPES,
                "types_sep": STYLE_TYPES_SEPARATOR,
                "usage": STYLE_USAGE,
            }
        ),
        highlighter=highlighter,
        color_system="auto",
        force_terminal=force,
        width=int(width) if width else None,
    )


def _rich_text(text: str, style: str = "") -> Text:
    """A help text as Rich markup (or with its own ANSI colours), options highlighted."""
    text = inspect.cleandoc(text)
    if "\033[" in text:
        return highlighter(Text.from_ansi(text, style=style))
    return highlighter(Text.from_markup(text, style=style))


def _help_text(command: click_core.Command) -> Group:
    """The command's own help: its first paragraph, then the others dim."""
    parts: list[RenderableType] = []
    if command.deprecated:
        parts.append(Text(DEPRECATED_STRING, style=STYLE_DEPRECATED))
    help_text = inspect.cleandoc(command.help or "").partition("\f")[0]
    first, *others = help_text.split("\n\n")
    if not first.startswith("\b"):
        first = first.replace("\n", " ")
    parts.append(_rich_text(first.strip()))
    if others:
        parts.append(Text(""))
        parts.append(_rich_text("\n\n".join(others), style=STYLE_HELPTEXT))
    return Group(*parts)


def _parameter_help(param: click_core.Parameter, ctx: click_core.Context) -> Columns:
    """An option's or argument's help, then its environment variable, default, required."""
    items: list[RenderableType] = []
    envvar = getattr(param, "envvar", None)
    if envvar is None and (
        getattr(param, "allow_from_autoenv", None)
        and getattr(ctx, "auto_envvar_prefix", None) is not None
        and param.name
    ):
        envvar = f"{ctx.auto_envvar_prefix}_{param.name.upper()}"
    var_str = ""
    if envvar is not None:
        var_str = envvar if isinstance(envvar, str) else ", ".join(str(d) for d in envvar)
    help_value: str | None = getattr(param, "help", None)
    if help_value:
        # single line breaks joined, except in a paragraph starting with \b (kept as is)
        paragraphs = [
            x.strip("\b\n") + "\n" if x.startswith("\b") else x.replace("\n", " ").strip()
            for x in help_value.split("\n\n")
        ]
        items.append(_rich_text("\n".join(paragraphs).strip()))
    if envvar and getattr(param, "show_envvar", None):
        items.append(Text(ENVVAR_STRING.format(var_str), style=STYLE_OPTION_ENVVAR))
    if isinstance(param, (TyperOption, TyperArgument)):
        default_value = param._extract_default_help_str(ctx=ctx)
        show_default_is_str = isinstance(param.show_default, str)
        if show_default_is_str or (
            default_value is not None and (param.show_default or ctx.show_default)
        ):
            default_str = param._get_default_string(
                ctx=ctx, show_default_is_str=show_default_is_str, default_value=default_value
            )
            if default_str:
                items.append(Text(DEFAULT_STRING.format(default_str), style=STYLE_OPTION_DEFAULT))
    if param.required:
        items.append(Text(REQUIRED_LONG_STRING, style=STYLE_REQUIRED_LONG))
    return Columns(items)


def _options_panel(console: Console, name: str, params: list[Any], ctx: click_core.Context) -> None:
    """A panel of arguments or options: names, type, help."""
    rows: list[list[RenderableType]] = []
    required_marks: list[str | Text] = []
    for param in params:
        long_names, short_names, long_negatives, short_negatives = [], [], [], []
        display_name: str | None = None
        if isinstance(param, TyperArgument):
            display_name = param.display_name_raw
            if param.metavar is None and param.nargs != 1:
                display_name += "..."
        for opt in param.opts:
            if "--" in opt:
                long_names.append(opt)
            else:
                short_names.append(display_name or opt)
        for opt in param.secondary_opts:
            if "--" in opt:
                long_negatives.append(opt)
            else:
                short_negatives.append(display_name or opt)
        types = Text(style=STYLE_TYPES, overflow="fold")
        display_type = param.display_type_rich(ctx=ctx)
        if display_type is not None:
            types.append(display_type)
        range_str = param._get_number_range_help_str()
        if range_str:
            types.append(RANGE_STRING.format(range_str))
        required_marks.append(
            Text(REQUIRED_SHORT_STRING, style=STYLE_REQUIRED_SHORT) if param.required else ""
        )
        rows.append(
            [
                highlighter(",".join(long_names)),
                highlighter(",".join(short_names)),
                negative_highlighter(",".join(long_negatives)),
                negative_highlighter(",".join(short_negatives)),
                types_highlighter(types),
                _parameter_help(param, ctx),
            ]
        )
    if not rows:
        return
    if any(required_marks):
        rows = [[mark, *row] for mark, row in zip(required_marks, rows, strict=True)]
    table = _panel_table(highlight=True)
    for row in rows:
        table.add_row(*row)
    console.print(Panel(table, border_style=STYLE_PANEL_BORDER, title=name, title_align="left"))


def _panel_table(*, highlight: bool) -> Table:
    """The borderless table inside an options or commands panel, as Typer draws it."""
    return Table(
        highlight=highlight,
        show_header=False,
        expand=True,
        box=None,
        show_lines=False,
        leading=0,
        border_style=None,
        row_styles=None,
        pad_edge=False,
        padding=TABLE_PADDING,
    )


def _command_help(help_text: str) -> Text:
    """A subcommand's first paragraph, for the group's list of commands."""
    first = inspect.cleandoc(help_text).split("\n\n")[0]
    if first.startswith("\b"):
        first = first.replace("\b\n", "")
    return _rich_text(first.strip())


def _commands_panel(
    console: Console, name: str, commands: list[click_core.Command | Listed], width: int
) -> None:
    """A panel of subcommands: name, first paragraph of its help."""
    table = _panel_table(highlight=False)
    table.add_column(style=STYLE_COMMANDS_TABLE_FIRST_COLUMN, no_wrap=True, width=width)
    table.add_column("Description", justify="left", no_wrap=False, ratio=10)
    rows: list[list[RenderableType | None]] = []
    deprecated: list[RenderableType | None] = []
    for command in commands:
        command_name = command.name or ""
        if command.deprecated:
            rows.append([Text(command_name, style=STYLE_DEPRECATED_COMMAND)])
            deprecated.append(Text(DEPRECATED_STRING, style=STYLE_DEPRECATED))
        else:
            rows.append([Text(command_name)])
            deprecated.append(None)
        rows[-1].append(_command_help(command.short_help or command.help or ""))
    if any(deprecated):
        rows = [[*row, mark] for row, mark in zip(rows, deprecated, strict=True)]
    for row in rows:
        table.add_row(*row)
    if table.row_count:
        console.print(Panel(table, border_style=STYLE_PANEL_BORDER, title=name, title_align="left"))


def _by_panel(items: list[Any], default: str) -> dict[str, list[Any]]:
    """Items grouped by their ``rich_help_panel``, the default panel first."""
    panels: dict[str, list[Any]] = {default: []}
    for item in items:
        panels.setdefault(getattr(item, "rich_help_panel", None) or default, []).append(item)
    return panels


def print_help(
    command: click_core.Command, ctx: click_core.Context, console: Console | None = None
) -> None:
    """Print ``command``'s help page as Typer's rich markup mode does."""
    console = console or help_console()
    console.print(Padding(highlighter(command.get_usage(ctx)), 1), style=STYLE_USAGE_COMMAND)
    if command.help:
        console.print(Padding(Align(_help_text(command), pad=False), (0, 1, 1, 1)))
    params = [p for p in command.get_params(ctx) if not getattr(p, "hidden", False)]
    arguments = [p for p in params if isinstance(p, TyperArgument)]
    options = [p for p in params if isinstance(p, TyperOption)]
    for name, members in _by_panel(arguments, ARGUMENTS_PANEL_TITLE).items():
        _options_panel(console, name, members, ctx)
    for name, members in _by_panel(options, OPTIONS_PANEL_TITLE).items():
        _options_panel(console, name, members, ctx)
    if isinstance(command, TyperGroup):
        # a lazy group lists a subcommand from its definition, without building it (app.py)
        listed = getattr(command, "listed_command", command.get_command)
        subcommands: list[click_core.Command | Listed] = []
        for name in command.list_commands(ctx):
            subcommand = listed(ctx, name)
            if subcommand is not None and not subcommand.hidden:
                subcommands.append(subcommand)
        width = max((len(c.name or "") for c in subcommands), default=0)
        for name, members in _by_panel(subcommands, COMMANDS_PANEL_TITLE).items():
            _commands_panel(console, name, members, width)
    if command.epilog:
        epilog = _rich_text("\n\n".join(command.epilog.split("\n\n")))
        console.print(Padding(Align(epilog, pad=False), 1))


# The top-level page without Typer or Rich (binhdang/help_page.py): its content, generated.


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
        "``python -m binhdang.cli.help --write-lean`` from the command line's declarations\n"
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


if __name__ == "__main__":  # python -m binhdang.cli.help --write-lean
    import sys
    from pathlib import Path

    if sys.argv[1:] != ["--write-lean"]:
        raise SystemExit("usage: python -m binhdang.cli.help --write-lean")
    target = Path(__file__).resolve().parents[1] / "help_page_data.py"
    target.write_text(lean_page_data(), encoding="utf-8")
    print(f"wrote {target}")
