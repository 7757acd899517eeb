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
