"""The ``binhdang`` application object, its shared options and its error handling.

Each command parses its options, opens the database, calls one library function inside one
transaction, and prints the result. Errors the user can act on are printed as one clear
message (Vietnamese by default, English with ``--lang en``) with a non-zero exit code.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from sqlalchemy import Connection, Engine

from binhdang import settings
from binhdang.errors import BinhdangError
from binhdang.ingest.outcome import ImportOutcome
from binhdang.ingest.values import ValueProblem, parse_date
from binhdang.messages import LANGS, Lang, text
from binhdang.store.database import ID_MAX, display_url, normalise_url
from binhdang.store.errors import describe
from binhdang.store.writes import OnWait, write_transaction

PROGRESS_THRESHOLD = 3000  # rows; smaller files import in a blink

app = typer.Typer(
    name="binhdang",
    help="binhdang — số liệu và báo cáo bình đẳng giới / gender-equality figures and reports.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
import_app = typer.Typer(help="Nhập danh sách từ CSV/XLSX / Import lists from CSV or XLSX.",
                         no_args_is_help=True)  # fmt: skip
unit_app = typer.Typer(help="Đơn vị / Units.", no_args_is_help=True)
app.add_typer(import_app, name="import")
app.add_typer(unit_app, name="unit")

DbOption = Annotated[
    str,
    typer.Option("--db", envvar=settings.DATABASE_URL.env, help=settings.DATABASE_URL.help),
]
LangOption = Annotated[
    str, typer.Option("--lang", envvar=settings.LANG.env, help=settings.LANG.help)
]
SheetOption = Annotated[
    str | None, typer.Option("--sheet", help="Trang tính / sheet name (Excel).")
]


def id_argument(help: str) -> Any:
    """A row id argument, 1 to ``database.ID_MAX``: a larger number is a usage error, not a
    driver's OverflowError."""
    return typer.Argument(help=help, min=1, max=ID_MAX)


out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def parse_lang(value: str) -> Lang:
    """``--lang``: vi or en."""
    if value not in LANGS:
        raise BinhdangError.of("arg.lang")
    return value  # type: ignore[return-value]


def parse_date_option(value: str, option: str) -> date:
    """A date option in any form the lists accept (dd/mm/yyyy, yyyy-mm-dd…)."""
    try:
        return parse_date(value)
    except ValueProblem as exc:
        raise BinhdangError.of("arg.date", value=value, option=option) from exc


def print_import_outcome(outcome: ImportOutcome, lang: Lang) -> None:
    """Warnings and rejected rows on stderr, the summary line on stdout."""
    for warning in outcome.warnings:
        err.print(f"[yellow]{text('warning.prefix', lang)}:[/yellow] {warning.render(lang)}")
    for problem in outcome.rejected:
        err.print(f"[red]{text('error.prefix', lang)}:[/red] {problem.render(lang)}")
    if outcome.rejected_file:
        rows = len({problem.row for problem in outcome.rejected})
        err.print(text("import.rejected_written", lang, count=rows, file=outcome.rejected_file))
    as_of = outcome.as_of.strftime("%d/%m/%Y") if outcome.as_of else "—"
    out.print(text("import.summary", lang, file=outcome.file_name, as_of=as_of,
                   **{k: v for k, v in outcome.summary().items() if k != "rejected"}))  # fmt: skip


def waiting_notice(lang: Lang) -> OnWait:
    """What a command says, once, while another writer holds the database (store/writes.py)."""

    def notice() -> None:
        err.print(text("write.waiting", lang, seconds=settings.WRITE_WAIT_SECONDS.value()))

    return notice


def writing(engine: Engine, lang: Lang) -> AbstractContextManager[Connection]:
    """The write transaction of a command: it waits for another writer, saying so."""
    return write_transaction(engine, on_wait=waiting_notice(lang))


TemplateWriter = Callable[[Path], object]
TEMPLATES: dict[str, TemplateWriter] = {}
"""``binhdang template KIND --out FILE``: each area registers the templates it owns."""


def register_template(kind: str, writer: TemplateWriter) -> None:
    TEMPLATES[kind] = writer


def _option(argv: list[str], name: str) -> str | None:
    """The value of option ``name`` in ``argv``, read before Typer parses (errors can happen
    before it does, and an error's message needs it after)."""
    for index, arg in enumerate(argv):
        if arg == name and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith(f"{name}="):
            return arg.split("=", 1)[1]
    return None


def _requested_lang(argv: list[str]) -> Lang:
    """The language asked for, read before Typer parses (errors can happen before it does)."""
    value = _option(argv, "--lang") or settings.LANG.value()
    return "en" if value == "en" else "vi"


def _requested_db(argv: list[str]) -> str:
    """The database the command was given, as messages show it (no password)."""
    return display_url(normalise_url(_option(argv, "--db") or settings.DATABASE_URL.value()))


def _bug_kind(exc: BaseException) -> str:
    """A bug's class and the line of binhdang that raised it: enough to report it, and never
    the exception's text, which may hold SQL parameters or other personal data."""
    package = Path(__file__).resolve().parents[1]
    ours = [frame for frame in traceback.extract_tb(exc.__traceback__)
            if Path(frame.filename).resolve().is_relative_to(package)]  # fmt: skip
    if not ours:
        return type(exc).__name__
    place = Path(ours[-1].filename).resolve().relative_to(package.parent).as_posix()
    return f"{type(exc).__name__}, {place}:{ours[-1].lineno}"


def fail(error: BinhdangError, lang: Lang) -> NoReturn:
    for problem in error.problems:
        prefix = text("error.prefix" if problem.is_error else "warning.prefix", lang)
        err.print(f"{prefix}: {problem.render(lang)}")
    err.print(f"[bold red]{text('error.prefix', lang)}:[/bold red] {error.message.render(lang)}")
    raise SystemExit(1)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app, turning user-facing errors into messages and exit codes.

    Usage errors (unknown option, missing argument) are Typer's own, printed with the usage
    line and exit code 2; errors of input and environment are :class:`BinhdangError` (exit 1);
    a failure of the database itself (read-only, damaged, unreachable…) is told by its kind
    (exit 1, :func:`binhdang.store.errors.describe`); anything else is a bug, shown as its kind
    only (exit 70) unless ``BINHDANG_DEBUG`` is set — never with the exception's text, which
    for a failed statement holds its SQL parameters (staff names, birth dates).
    """
    args = sys.argv[1:] if argv is None else argv
    lang = _requested_lang(args)
    try:
        app(args=args, prog_name="binhdang", standalone_mode=True)
    except BinhdangError as error:
        fail(error, lang)
    except Exception as exc:
        known = describe(exc, _requested_db(args))
        if known is not None:
            fail(known, lang)
        if settings.DEBUG.value():
            raise
        err.print(text("error.unexpected", lang, kind=_bug_kind(exc)))
        raise SystemExit(70) from None


if __name__ == "__main__":  # pragma: no cover
    main()
