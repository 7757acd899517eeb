"""The ``binhdang`` command (and ``python -m binhdang``).

``binhdang indicators --unit U --as-of D --format json`` on a SQLite file whose columnar copy
is of its current data is answered by :mod:`binhdang.indicators.quick`, with the standard
library and numpy only: importing the command line (Typer, Rich, Click, Pydantic, SQLAlchemy)
cost more than the answer (issue 19, item 3). Its options are read here as Click reads them;
anything else — another command or format, an option this reading does not know, ``--help``,
a value that is not plainly right, a database the lean path does not answer — runs the
command line as always (:func:`binhdang.cli.main`), which then also gives every error in the
user's language. The output is the same bytes (tests/test_quick.py).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from datetime import date

_OPTIONS = {"--unit", "--as-of", "--format", "--db", "--lang"}
_FLAGS = {"--no-subtree"}
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def _options(args: Sequence[str]) -> dict[str, str] | None:
    """``indicators``' options as given (``--name value`` or ``--name=value``), each at most
    once; ``None`` for anything else."""
    given: dict[str, str] = {}
    rest = list(args)
    while rest:
        word = rest.pop(0)
        name, equals, value = word.partition("=")
        if name in _FLAGS and not equals:
            value = "1"
        elif name in _OPTIONS:
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


def quick(args: Sequence[str]) -> str | None:
    """What ``binhdang indicators`` prints for ``args`` (after the command's name), when the
    lean path answers; ``None``: run the command line."""
    given = _options(args)
    if given is None or "--unit" not in given or "--as-of" not in given:
        return None
    if given.get("--format", "table") != "json":
        return None
    as_of = _day(given["--as-of"])
    lang = _setting(given.get("--lang"), "BINHDANG_LANG", "vi")
    url = _setting(given.get("--db"), "BINHDANG_DATABASE_URL", "sqlite:///binhdang.db")
    if as_of is None or lang not in ("vi", "en") or url is None:
        return None
    from binhdang.indicators import quick as lean

    database = lean.sqlite_file(url)
    if database is None:
        return None
    try:
        result = lean.indicator_set(
            database, given["--unit"], as_of, subtree="--no-subtree" not in given
        )
        if result is None:
            return None
        import json

        from binhdang.indicators.output import to_data

        data = to_data(result, lang)  # type: ignore[arg-type]
    except Exception:
        if os.environ.get("BINHDANG_DEBUG"):
            raise
        return None  # the command line runs it and says what is wrong
    # binhdang.cli.output.json_text
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def main(argv: Sequence[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["indicators"]:
        answer = quick(args[1:])
        if answer is not None:
            sys.stdout.write(answer)
            return
    from binhdang.cli import main as command_line

    command_line(args)


if __name__ == "__main__":
    main()
