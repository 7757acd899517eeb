"""``binhdang --help`` and ``binhdang`` alone, drawn without Typer, Click or Rich (issue 19, item 2).

Importing Typer and Rich costs more than half of the 0.2 s that ``binhdang --help`` may take.
The top-level page is the one help page a user reaches without naming a command, and its
content is fixed by the command line's declarations: :mod:`binhdang.help_page_data` holds it,
generated from those declarations by :func:`binhdang.cli.help_lean.lean_page_data` (``python -m
binhdang.cli.help_lean``), and tests/test_help_page.py fails when that file differs from
what the command line would write, or when this drawing differs from the command line's page
(:func:`binhdang.cli.help.print_help`, Typer's page drawn with Rich) at any width, with and
without colours.

This module draws that content as Rich lays it out: the same wrapping (Rich's word division),
the same panels and columns, the same colour codes, segment by segment, on the console Rich
would choose (the width from ``TERMINAL_WIDTH``, ``COLUMNS`` or the terminal; colours on a
terminal or when ``FORCE_COLOR`` and the like say so, ``NO_COLOR`` honoured). What it does not
reproduce exactly — a width too narrow for one line per option, a non-UTF-8 output, Windows,
a page with features the data cannot hold — returns ``None``, and the command line draws it.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from itertools import pairwise

from binhdang import help_page_data as data

Run = tuple[str, int]
"""A piece of text and its style (an index in ``data.STYLES``; 0 is no style)."""

_WORD = re.compile(r"\s*\S+\s*")  # rich._wrap.re_word
_BORDER_V = "│"


def console_settings() -> tuple[int, bool, bool] | None:
    """The width, whether colours are written and whether ``NO_COLOR`` removes the colours
    (bold and dim stay), as ``cli.help.help_console()`` makes its Rich console decide them;
    ``None`` where this reading is not sure to agree (then Rich decides)."""
    env = os.environ
    stdout = sys.stdout
    if os.name == "nt" or stdout is None:
        return None  # legacy Windows consoles, Windows' colour detection
    if not (getattr(stdout, "encoding", None) or "utf-8").lower().startswith("utf"):
        return None  # Rich would draw the boxes in ASCII
    # Typer's help console: TERMINAL_WIDTH, and a terminal forced on or off
    width: int | None = None
    terminal_width = env.get("TERMINAL_WIDTH")
    if terminal_width:
        if not (terminal_width.isascii() and terminal_width.isdigit()):
            return None  # int() reads more forms than this; let Typer read it
        width = int(terminal_width)
    forced: bool | None = None
    if env.get("GITHUB_ACTIONS") or env.get("FORCE_COLOR") or env.get("PY_COLORS"):
        forced = True
    if env.get("_TYPER_FORCE_DISABLE_TERMINAL"):
        forced = False
    # rich.console.Console.__init__
    if width is None:
        columns = env.get("COLUMNS")
        if columns is not None and columns.isdigit():
            width = int(columns)
    lines = env.get("LINES")
    height = int(lines) if lines is not None and lines.isdigit() else None
    # Console.is_terminal
    if forced is not None:
        terminal = forced
    elif env.get("TTY_COMPATIBLE", "") in ("0", "1"):
        terminal = env["TTY_COMPATIBLE"] == "1"
    elif env.get("FORCE_COLOR") is not None:
        terminal = env["FORCE_COLOR"] != ""
    else:
        try:
            terminal = stdout.isatty()
        except ValueError:
            terminal = False
    dumb = terminal and env.get("TERM", "").lower() in ("dumb", "unknown")
    # Console.size
    if width is None or height is None:
        if dumb:
            width = 80
        elif width is None:
            for descriptor in (0, 1, 2):
                try:
                    width = os.get_terminal_size(descriptor).columns
                except (AttributeError, ValueError, OSError):
                    continue
                break
            width = width or 80
    # Console._detect_color_system: off the terminal or on a dumb one, no colours; else a
    # colour system whose codes for the page's standard colours are the same (16, 256, 24-bit)
    colour = terminal and not dumb
    return width, colour, env.get("NO_COLOR", "") != ""


def _divide_line(text: str, width: int) -> list[int]:
    """Where Rich breaks ``text`` to fit ``width`` cells (rich._wrap.divide_line, words too
    long folded; every character of the page is one cell wide)."""
    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group(0)
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:
            chunks = [word[i : i + width] for i in range(0, len(word), width)]
            for index, chunk in enumerate(chunks):
                if start:
                    breaks.append(start)
                if index == len(chunks) - 1:
                    offset = len(chunk)
                else:
                    start += len(chunk)
        elif offset and start:
            breaks.append(start)
            offset = len(word)
    return breaks


def _slice(runs: Sequence[Run], start: int, end: int) -> list[Run]:
    """The runs' text from ``start`` to ``end``, each piece keeping its style."""
    pieces: list[Run] = []
    position = 0
    for text, style in runs:
        low, high = max(start, position), min(end, position + len(text))
        if low < high:
            pieces.append((text[low - position : high - position], style))
        position += len(text)
    return pieces


def _width(runs: Sequence[Run]) -> int:
    return sum(len(text) for text, _ in runs)


def _wrap(runs: Sequence[Run], width: int, *, pad: bool) -> list[list[Run]]:
    """The lines of a text wrapped to ``width`` as ``rich.text.Text.wrap`` wraps them;
    ``pad``: justified left (padded with spaces to ``width``, in the text's own last piece
    when it has no style)."""
    plain = "".join(text for text, _ in runs)
    lines: list[list[Run]] = []
    start = 0
    for line in plain.split("\n"):
        bounds = [0, *_divide_line(line, width), len(line)]
        for low, high in pairwise(bounds):
            end = high
            if end - low > width:  # Text.rstrip_end: spaces beyond the width go
                spaces = len(line[low:high]) - len(line[low:high].rstrip())
                end -= min(spaces, end - low - width)
            end = min(end, low + width)  # Text.truncate
            piece = _slice(runs, start + low, start + end)
            if pad and end - low < width:
                spaces_run = " " * (width - (end - low))
                if piece and piece[-1][1] == 0:
                    piece[-1] = (piece[-1][0] + spaces_run, 0)
                else:
                    piece.append((spaces_run, 0))
            lines.append(piece)
        start += len(line) + 1
    return lines


def _padded(runs: list[Run], width: int, style: int) -> list[Run]:
    """A rendered line made ``width`` wide (rich.segment.Segment.adjust_line_length)."""
    missing = width - _width(runs)
    return [*runs, (" " * missing, style)] if missing > 0 else runs


def _fits(width: int) -> bool:
    """Whether the page at ``width`` is laid out as :func:`page` draws it: every option's
    help on one line, the columns of both panels as wide as Rich makes them."""
    if width < 40 or width > 1000:
        return False
    if data.OPTIONS:
        names = max(_width(name) for name, _ in data.OPTIONS)
        help_width = width - 4 - (names + 1) - 8 - 1
        if width < 2 * names + 14 or help_width < 1:
            return False
        for _, option_help in data.OPTIONS:
            if _width(option_help) > help_width or any("\n" in text for text, _ in option_help):
                return False
    if data.COMMANDS:
        names = max(len(name) for name, _ in data.COMMANDS)
        if width - 4 - (names + 1) - 1 < 20:
            return False
    return True


def page(width: int, colour: bool, no_color: bool) -> str | None:
    """The top-level help page as the command line prints it on a console ``width`` wide
    (the last newline is Click's), or ``None`` where this drawing is not the command line's."""
    if not data.LEAN or not _fits(width):
        return None
    border = data.BORDER_STYLE
    lines: list[list[Run]] = []

    def top(title: str) -> None:
        lines.append(
            [("╭─", border), (f" {title} ", border), ("─" * (width - 6 - len(title)), border),
             ("─╮", border)]
        )  # fmt: skip

    def row(runs: list[Run]) -> None:
        lines.append([(_BORDER_V, border), (" ", 0), *runs, (" ", 0), (_BORDER_V, border)])

    def bottom() -> None:
        lines.append([("╰" + "─" * (width - 2) + "╯", border)])

    usage = data.USAGE_STYLE  # Padding(usage, 1), printed bold
    lines.append([(" " * width, usage)])
    for piece in _wrap(data.USAGE, width - 2, pad=False):
        lines.append([(" ", usage), *_padded(piece, width - 2, usage), (" ", usage)])
    lines.append([(" " * width, usage)])
    if data.HELP is not None:  # Padding(Align(help), (0, 1, 1, 1))
        for piece in _wrap(data.HELP, width - 2, pad=False):
            lines.append([(" ", 0), *_padded(piece, width - 2, 0), (" ", 0)])
        lines.append([(" " * width, 0)])
    if data.OPTIONS:  # names, four empty columns (short names, negatives, type), help
        names = max(_width(name) for name, _ in data.OPTIONS)
        help_width = width - 4 - (names + 1) - 8 - 1
        top(data.OPTIONS_TITLE)
        for option, option_help in data.OPTIONS:
            (name_line,) = _wrap(option, names, pad=True)
            (help_line,) = _wrap(option_help, help_width, pad=False)
            row([*name_line, (" " * 10, 0), *_padded(help_line, help_width, 0)])
        bottom()
    if data.COMMANDS:  # names (no_wrap, bold cyan), descriptions
        names = max(len(name) for name, _ in data.COMMANDS)
        text_width = width - 4 - (names + 1) - 1
        style = data.NAME_STYLE
        top(data.COMMANDS_TITLE)
        for command, description in data.COMMANDS:
            for index, piece in enumerate(_wrap(description, text_width, pad=True)):
                first = [(command.ljust(names), style), (" ", style)]
                row([*(first if index == 0 else [(" " * (names + 1), style)]), (" ", 0), *piece])
        bottom()
    return "".join(_line(line, colour, no_color) + "\n" for line in lines) + "\n"


def _line(runs: list[Run], colour: bool, no_color: bool) -> str:
    """A line as Rich writes it: each styled piece in its own codes (rich.style.Style.render)."""
    if not colour:
        return "".join(text for text, _ in runs)
    parts = []
    for text, style in runs:
        codes = data.STYLES[style][1 if no_color else 0]
        parts.append(f"\x1b[{codes}m{text}\x1b[0m" if codes and text else text)
    return "".join(parts)


def main(args: Sequence[str]) -> int | None:
    """Print the page if ``args`` (after ``binhdang``) ask for it and this drawing can: the
    exit code (0 for ``--help``, 2 for no argument, as Click's "no arguments is help"), or
    ``None``: run the command line."""
    if list(args) not in ([], ["--help"]):
        return None
    settings = console_settings()
    text = None if settings is None else page(*settings)
    if text is None:
        return None
    sys.stdout.write(text)
    sys.stdout.flush()
    return 0 if args else 2
