"""The ``binhdang`` command (and ``python -m binhdang``).

``binhdang indicators --unit U --as-of D --format json`` and ``binhdang trend … --format json``
on a SQLite file or a PostgreSQL database whose columnar copy is of its current data are
answered by :mod:`binhdang.indicators.quick`, with the database's driver and numpy only:
importing the command line (Typer, Rich, Click, Pydantic, SQLAlchemy) cost more than the
answer (issue 19, items 3, 5 and 6). Its options are read here as Click reads them;
anything else — another command or format, an option this reading does not know, ``--help``,
a value that is not plainly right, a database the lean path does not answer — runs the
command line as always (:func:`binhdang.cli.main`), which then also gives every error in the
user's language. The output is the same bytes (tests/test_quick.py).

``binhdang --help`` and ``binhdang`` alone print the top-level page drawn by
:mod:`binhdang.help_page`, and ``binhdang retirement --sex S --born D [--format table|json]
[--lang L]`` is computed by :func:`retirement` from the law, both without Typer, Click or Rich
(issue 19, item 2: a command that touches no data, ≤ 0.3 s; the same bytes:
tests/test_help_page.py, tests/test_lean_retirement.py), with the same fall-back to the command
line for anything else.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from datetime import date
from types import ModuleType
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:  # imported when the lean path runs: numpy, the driver
    from binhdang.indicators.quick import Source

_OPTIONS = {
    "indicators": {"--unit", "--as-of", "--format", "--db", "--lang"},
    "trend": {"--unit", "--last", "--periods", "--every", "--indicator", "--format", "--db",
              "--lang"},
    "retirement": {"--sex", "--born", "--format", "--lang"},
}  # fmt: skip
_FLAGS = {"--no-subtree"}
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def _options(command: str, args: Sequence[str]) -> dict[str, str] | None:
    """The ``command``'s options as given (``--name value`` or ``--name=value``), each at
    most once; ``None`` for anything else."""
    given: dict[str, str] = {}
    rest = list(args)
    while rest:
        word = rest.pop(0)
        name, equals, value = word.partition("=")
        if name in _FLAGS and not equals:
            value = "1"
        elif name in _OPTIONS[command]:
            if not equals:
                if not rest:
                    return None
                value = rest.pop(0)
            if value.startswith("-"):
                return None
        else:
            return None
        if name in given:
            return None
        given[name] = value
    return given


def _day(value: str) -> date | None:
    """A date written ``yyyy-mm-dd`` or ``dd/mm/yyyy`` (what ``--as-of`` also accepts in other
    forms is left to the command line)."""
    try:
        if found := _ISO.fullmatch(value):
            return date(int(found[1]), int(found[2]), int(found[3]))
        if found := _DMY.fullmatch(value):
            return date(int(found[3]), int(found[2]), int(found[1]))
    except ValueError:
        return None
    return None


def _setting(option: str | None, env: str, default: str) -> str | None:
    if option is not None:
        return option
    value = os.environ.get(env)
    if value is None:
        return default
    return value or None  # set but empty: as the command line reads it


def quick(args: Sequence[str], command: str = "indicators") -> str | None:
    """What ``binhdang COMMAND`` (``indicators`` or ``trend``) prints for ``args`` (after the
    command's name), when the lean path answers; ``None``: run the command line."""
    given = _options(command, args)
    if given is None or given.get("--format", "table") != "json":
        return None
    lang = _setting(given.get("--lang"), "BINHDANG_LANG", "vi")
    url = _setting(given.get("--db"), "BINHDANG_DATABASE_URL", "sqlite:///binhdang.db")
    if lang not in ("vi", "en") or url is None or "--unit" not in given:
        return None
    from binhdang.indicators import quick as lean

    database = lean.source(url)
    if database is None:
        return None
    subtree = "--no-subtree" not in given
    try:
        if command == "indicators":
            data = _indicators(lean, database, given, lang, subtree)
        else:
            data = _trend(lean, database, given, subtree)
    except Exception:
        if os.environ.get("BINHDANG_DEBUG"):
            raise
        return None  # the command line runs it and says what is wrong
    if data is None:
        return None
    import json

    # binhdang.cli.output.json_text
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def retirement(args: Sequence[str]) -> str | None:
    """What ``binhdang retirement`` prints for ``args`` (after the command's name), computed
    from the law without the command line (binhdang.cli.policies.retirement: the same library
    calls, the same output); ``None``: run the command line, which also says what is wrong."""
    given = _options("retirement", args)
    if given is None or "--no-subtree" in given or not {"--sex", "--born"} <= given.keys():
        return None
    output_format = given.get("--format", "table")
    lang = _setting(given.get("--lang"), "BINHDANG_LANG", "vi")
    if output_format not in ("table", "json") or lang not in ("vi", "en"):
        return None
    from binhdang.ingest.values import parse_sex
    from binhdang.policies import retirement_output as output
    from binhdang.policies.retirement import early_retirement, late_retirement, parse_birth
    from binhdang.policies.retirement import retirement as rule

    try:
        code = parse_sex(given["--sex"])
        birth = parse_birth(given["--born"])
        answer = output.RetirementAnswer(
            birth, rule(code, birth), early_retirement(code, birth), late_retirement(code, birth)
        )
        if output_format == "json":
            import json

            # binhdang.cli.output.json_text
            return json.dumps(output.retirement_data(answer), ensure_ascii=False, indent=2) + "\n"
        text = output.retirement_text(answer, given["--born"], lang)  # type: ignore[arg-type]
    except Exception:
        if os.environ.get("BINHDANG_DEBUG"):
            raise
        return None  # the command line runs it and says what is wrong
    # printed by Rich (cli.output.out: no markup, emoji or highlighting, never wrapped): a
    # text with a control character, which Rich would strip or expand, is left to it
    if any(
        (character < " " and character != "\n") or "\x7f" <= character < "\xa0"
        for character in text
    ):
        return None
    return text + "\n"


def _indicators(
    lean: ModuleType, database: Source, given: dict[str, str], lang: str, subtree: bool
) -> Any:
    """``binhdang indicators --format json``' data (binhdang.cli.core.indicators)."""
    as_of = _day(given.get("--as-of", ""))
    if as_of is None:
        return None
    result = lean.indicator_set(database, given["--unit"], as_of, subtree=subtree)
    if result is None:
        return None
    from binhdang.indicators.output import to_data

    return to_data(result, lang)  # type: ignore[arg-type]


def _trend(lean: ModuleType, database: Source, given: dict[str, str], subtree: bool) -> Any:
    """``binhdang trend --format json``' data (binhdang.cli.scale.trend)."""
    from binhdang.indicators.catalogue import BY_CODE, CATALOGUE
    from binhdang.indicators.output import trend_data
    from binhdang.indicators.trend import period_ends

    every = given.get("--every", "year")
    periods = given.get("--periods", "10")
    indicator = given.get("--indicator")
    last = _day(given.get("--last", ""))
    if every not in ("year", "month") or not periods.isdigit() or not 1 <= int(periods) <= 600:
        return None
    if (indicator is not None and indicator not in BY_CODE) or last is None:
        return None
    ends = period_ends(last, int(periods), every)  # type: ignore[arg-type]
    sets = lean.trend(database, given["--unit"], ends, subtree=subtree)
    if sets is None:
        return None
    codes = [indicator] if indicator else [definition.code for definition in CATALOGUE]
    return trend_data(sets, codes)


def main(argv: Sequence[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if args in ([], ["--help"]):  # the top-level page, drawn without Typer and Rich
        from binhdang import help_page

        try:
            code = help_page.main(args)
        except BrokenPipeError:
            _closed_stdout()
        if code is not None:
            if code:
                raise SystemExit(code)
            return
    if args[:1] in (["indicators"], ["trend"], ["retirement"]):
        answer = retirement(args[1:]) if args[0] == "retirement" else quick(args[1:], args[0])
        if answer is not None:
            try:
                sys.stdout.write(answer)
                sys.stdout.flush()
            except BrokenPipeError:
                _closed_stdout()
            return
    from binhdang.cli import main as command_line

    command_line(args)


def _closed_stdout() -> NoReturn:
    """A reader that stopped early (``| head``): as the command line, exit 1, and nothing
    more written to the closed pipe when Python flushes it at exit."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    raise SystemExit(1) from None


if __name__ == "__main__":
    main()
