"""The ``binhdang`` application object, its shared options and its error handling.

Each command parses its options, opens the database, calls one library function inside one
transaction, and prints the result. Errors the user can act on are printed as one clear
message (Vietnamese by default, English with ``--lang en``) with a non-zero exit code.
"""

from __future__ import annotations

import copy
import functools
import inspect
import sys
import traceback
from collections.abc import Callable, Iterator, MutableMapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, NoReturn, TypeVar

import typer
import typer.core
import typer.main
from typer._click import core as click_core  # Typer ships its own copy of Click
from typer._click import exceptions as click

from binhdang import settings
from binhdang.cli import coercion

# What commands print goes through cli/output.py; these names stay importable from here.
from binhdang.cli.output import (  # noqa: F401
    WARNINGS_OF_A_KIND,
    err,
    labelled,
    out,
    print_import_outcome,
    print_warnings,
)
from binhdang.errors import BinhdangError
from binhdang.messages import LANGS, Lang, text

# The command line starts at once (issue 19): importing it imports no database, spreadsheet or
# report machinery; each command imports what it uses when it runs (tests/test_cli_startup.py).
if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

    from binhdang.store.writes import OnWait

PROGRESS_THRESHOLD = 3000  # rows; smaller files import in a blink
ID_MAX = 2**31 - 1
"""The largest row id (``binhdang.store.database.ID_MAX``, repeated here so that defining the
commands needs no database code; a test checks they agree)."""

app = typer.Typer(
    name="binhdang",
    help="binhdang — số liệu và báo cáo bình đẳng giới / gender-equality figures and reports.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
import_app = typer.Typer(
    help="Nhập danh sách từ CSV/XLSX / Import lists from CSV or XLSX.", no_args_is_help=True
)
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


Command = TypeVar("Command", bound=Callable[..., Any])


class Cli:
    """What every command is given by :func:`cli_options`: the language asked for and the
    database, opened when first used (a command checks its options first, so a bad date is
    told before a missing database, as it always was)."""

    def __init__(self, lang: Lang, db: str) -> None:
        self.lang: Lang = lang
        self.db = db
        """The ``--db`` value as given (``engine`` opens it)."""
        self._engine: Engine | None = None

    @property
    def engine(self) -> Engine:
        """The database at the current schema (``store.database.open_current``): a missing,
        outdated or unreachable one is a clear error."""
        if self._engine is None:
            from binhdang.store import database

            self._engine = database.open_current(self.db)
        return self._engine

    def writing(self) -> AbstractContextManager[Connection]:
        """The command's write transaction (:func:`writing`): it waits for another writer,
        saying so."""
        return writing(self.engine, self.lang)

    def on_wait(self) -> OnWait:
        """For a library function that opens the write transaction itself."""
        return waiting_notice(self.lang)


def cli_options(*, database: bool = True, language: bool = True) -> Callable[[Command], Command]:
    """Give a command its ``--db`` and ``--lang`` options, declared here once.

    The command's first parameter is ``cli: Cli``; the options are added at the end of its
    signature (where Typer reads them, so its help lists them last, as before) and turned into
    a :class:`Cli` before it runs: ``cli.lang`` parsed (:func:`parse_lang`), ``cli.engine``
    opened on first use. ``database=False`` for a command that reads no data (``retirement``,
    ``template``…), ``language=False`` for one that prints nothing to translate (``serve``).
    Put it under the Typer decorator::

        @app.command()
        @cli_options()
        def indicators(cli: Cli, unit: ..., output_format: FormatOption = "table") -> None:
            with cli.engine.connect() as connection: ...
    """

    def decorate(function: Command) -> Command:
        assert _first_parameter(function) == "cli", f"{function.__name__}: first parameter is cli"
        added = []
        if database:
            added.append(
                inspect.Parameter(
                    "db",
                    inspect.Parameter.KEYWORD_ONLY,
                    default=settings.DATABASE_URL.default,
                    annotation=DbOption,
                )
            )
        if language:
            added.append(
                inspect.Parameter(
                    "lang", inspect.Parameter.KEYWORD_ONLY, default="vi", annotation=LangOption
                )
            )
        return _CliCommand(function, tuple(added))  # type: ignore[return-value]

    return decorate


def _first_parameter(function: Callable[..., Any]) -> str | None:
    """The name of ``function``'s first parameter, as ``inspect.signature`` reads it (the
    signature a wrapper declares, or its wrapped function's), from the names alone: reading the
    ninety-odd signatures at every start took a few milliseconds (see :class:`_CliCommand`)."""
    declared = getattr(function, "__signature__", None)
    if declared is not None:
        return next(iter(declared.parameters), None)
    wrapped = getattr(function, "__wrapped__", None)
    if wrapped is not None:
        return _first_parameter(wrapped)
    code = function.__code__
    return code.co_varnames[0] if code.co_argcount + code.co_kwonlyargcount else None


class _CliCommand:
    """A command function given its options by :func:`cli_options`, as Typer reads it: the
    function's parameters without ``cli``, then ``--db`` and ``--lang``.

    The signature is read when Typer builds the command (``binhdang import staff`` builds one
    command), not when the module defines it: evaluating the annotations of the ninety-odd
    commands took 15 ms of every start (issue 19)."""

    def __init__(self, function: Callable[..., Any], added: tuple[inspect.Parameter, ...]) -> None:
        # as functools.wraps does, but the function's own signature is read below (a command
        # that drops an option sets one: committee.py, _indicator_command)
        self.__dict__.update((k, v) for k, v in function.__dict__.items() if k != "__signature__")
        self.__module__ = function.__module__
        self.__name__ = function.__name__
        self.__qualname__ = function.__qualname__
        self.__doc__ = function.__doc__
        self.__wrapped__ = function
        self._added = added

    def __call__(self, *args: Any, db: str = "", lang: str = "vi", **kwargs: Any) -> Any:
        return self.__wrapped__(Cli(parse_lang(lang), db), *args, **kwargs)

    @functools.cached_property
    def __signature__(self) -> inspect.Signature:  # read by inspect.signature
        signature = inspect.signature(self.__wrapped__, eval_str=True)
        own = list(signature.parameters.values())
        return signature.replace(parameters=[*own[1:], *self._added])

    @property
    def __annotations__(self) -> dict[str, Any]:  # type: ignore[override]  # get_type_hints
        return {p.name: p.annotation for p in self.__signature__.parameters.values()}


def format_option(*choices: str, message: str = "arg.format", help: str | None = None) -> Any:
    """The ``--format`` option of a command showing its result in ``choices`` (the first is
    the usual default): a choice, so that ``--help`` lists them; another value is refused with
    ``message`` (given ``choices``), in the user's language, as the commands always said."""
    option = typer.Option("--format", help=help or "Định dạng kết quả / output format")
    option.binhdang_message = message  # read by _choice_error
    return Annotated[Literal[choices], option]


def id_argument(help: str) -> Any:
    """A row id argument, 1 to ``database.ID_MAX``: a larger number is a usage error, not a
    driver's OverflowError."""
    return typer.Argument(help=help, min=1, max=ID_MAX)


def parse_lang(value: str) -> Lang:
    """``--lang``: vi or en."""
    if value not in LANGS:
        raise BinhdangError.of("arg.lang")
    return value


def parse_date_option(value: str, option: str) -> date:
    """A date option in any form the lists accept (dd/mm/yyyy, yyyy-mm-dd…)."""
    from binhdang.ingest.values import ValueProblem, parse_date

    try:
        return parse_date(value)
    except ValueProblem as exc:
        raise BinhdangError.of("arg.date", value=value, option=option) from exc


def waiting_notice(lang: Lang) -> OnWait:
    """What a command says, once, while another writer holds the database (store/writes.py)."""

    def notice() -> None:
        err.print(text("write.waiting", lang, seconds=settings.WRITE_WAIT_SECONDS.value()))

    return notice


def writing(engine: Engine, lang: Lang) -> AbstractContextManager[Connection]:
    """The write transaction of a command: it waits for another writer, saying so."""
    from binhdang.store.writes import write_transaction

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
    from binhdang.store.database import display_url, normalise_url

    return display_url(normalise_url(_option(argv, "--db") or settings.DATABASE_URL.value()))


def _bug_kind(exc: BaseException) -> str:
    """A bug's class and the line of binhdang that raised it: enough to report it, and never
    the exception's text, which may hold SQL parameters or other personal data."""
    package = Path(__file__).resolve().parents[1]
    ours = [
        frame
        for frame in traceback.extract_tb(exc.__traceback__)
        if Path(frame.filename).resolve().is_relative_to(package)
    ]
    if not ours:
        return type(exc).__name__
    place = Path(ours[-1].filename).resolve().relative_to(package.parent).as_posix()
    return f"{type(exc).__name__}, {place}:{ours[-1].lineno}"


def fail(error: BinhdangError, lang: Lang) -> NoReturn:
    for problem in error.problems:
        err.print(
            labelled(
                "error.prefix" if problem.is_error else "warning.prefix",
                "",
                problem.render(lang),
                lang,
            )
        )
    err.print(labelled("error.prefix", "bold red", error.message.render(lang), lang))
    raise SystemExit(1)


def usage_message(error: click.UsageError, lang: Lang) -> str:
    """A usage error (missing option, unknown option…) in the user's language: Click's own
    texts are English only."""
    detail = error.format_message()
    if isinstance(error, click.MissingParameter) and error.param is not None:
        names = "/".join(error.param.opts) if error.param.opts else error.param.name
        is_option = getattr(error.param, "param_type_name", "") == "option"
        key = "usage.missing_option" if is_option else "usage.missing_argument"
        return text(key, lang, name=names if is_option else str(names).upper())
    if isinstance(error, click.NoSuchOption):
        hint = ""
        if error.possibilities:
            hint = text("usage.did_you_mean", lang, names=", ".join(sorted(error.possibilities)))
        return text("usage.no_such_option", lang, name=error.option_name, hint=hint)
    if isinstance(error, click.BadOptionUsage) and "requires an argument" in detail:
        return text("usage.needs_value", lang, name=error.option_name)
    if isinstance(error, click.BadParameter):
        param = error.param
        name = "/".join(param.opts) if param is not None and param.opts else error.param_hint
        return text("usage.bad_value", lang, name=name or "", detail=error.message)
    if detail.startswith("No such command"):
        return text(
            "usage.no_such_command", lang, name=detail.split("'")[1] if "'" in detail else detail
        )
    if detail.startswith("Got unexpected extra argument"):
        return text("usage.extra", lang, detail=detail.split("(", 1)[-1].rstrip(")"))
    return text("usage.other", lang, detail=detail)


def _choice_error(error: click.UsageError) -> BinhdangError | None:
    """A value outside a :func:`format_option`'s choices, as the message it declares."""
    param = getattr(error, "param", None)
    descriptor = getattr(param, "type_descriptor", None)
    message = getattr(getattr(descriptor, "parameter_info", None), "binhdang_message", None)
    if not isinstance(error, click.BadParameter) or message is None or descriptor is None:
        return None
    return BinhdangError.of(message, choices=", ".join(descriptor.choices or ()))


def _show_usage_error(error: click.UsageError, lang: Lang) -> NoReturn:
    context = getattr(error, "ctx", None)
    if isinstance(error, click.NoArgsIsHelpError) and context is not None:
        # "binhdang import": the group's help, drawn once. Making the error asked for the help
        # text, and a page drawn by cli/help.py is printed as it is asked for (the text is
        # then empty): asking again printed the page twice.
        out.print(error.message, markup=False)
        raise SystemExit(error.exit_code)
    if context is not None:
        err.print(context.get_usage(), markup=False)
        err.print(text("usage.see_help", lang, command=context.command_path), markup=False)
    err.print(labelled("error.prefix", "bold red", usage_message(error, lang), lang))
    raise SystemExit(error.exit_code)


def _tidy_help_types() -> None:
    """Help without Typer's ``<bool>``/``<str>`` clutter: a flag shows no type, a value its
    metavar in capitals (TEXT, INTEGER, PATH…), as Click writes it."""
    if getattr(typer.core, "_binhdang_tidy", False):
        return
    plain = {
        "str": "TEXT",
        "int": "INTEGER",
        "float": "FLOAT",
        "bool": "",
        "path": "PATH",
        "file": "PATH",
        "directory": "PATH",
    }

    def display_type(self: Any, ctx: click_core.Context) -> str | None:
        if getattr(self, "is_flag", False) or getattr(self, "count", False):
            return None
        if self.metavar is not None:
            return str(self.metavar)
        choices = getattr(getattr(self, "type_descriptor", None), "choices", None)
        if choices:  # a choice (format_option) lists its values, in their case, as Click does
            return "[" + "|".join(map(str, choices)) + "]"
        label = str(typer.core.TyperOption.display_type(self, ctx)).strip("<>")
        if label.startswith("list[") and label.endswith("]"):  # a repeated option or argument
            label = label[5:-1]
        return plain.get(label, label.upper())

    typer.core.TyperOption.display_type_rich = display_type  # type: ignore[method-assign]
    typer.core.TyperArgument.display_type_rich = display_type  # type: ignore[method-assign]
    typer.core._binhdang_tidy = True  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Listed:
    """A command or group as its group's help page lists it: its name and help, read from its
    Typer definition (``typer.main.get_command_from_info`` and ``get_group_from_info`` give the
    command the same)."""

    name: str
    help: str | None
    short_help: str | None
    hidden: bool
    deprecated: bool | str

    @classmethod
    def of(cls, info: typer.models.CommandInfo, name: str) -> Listed:
        assert info.callback is not None
        text = inspect.getdoc(info.callback) if info.help is None else inspect.cleandoc(info.help)
        return cls(name, text, info.short_help, info.hidden, info.deprecated)

    @property
    def rich_help_panel(self) -> None:
        return None  # binhdang's commands are in the one panel (see _lazy_group)


class _LazyCommands(MutableMapping[str, click_core.Command]):
    """A group's subcommands by name, each made from its Typer definition (its signature read,
    its options built) when first asked for: ``binhdang import --help`` builds the commands of
    ``import`` only, not the hundred-odd others (issue 19)."""

    def __init__(
        self,
        makers: dict[str, Callable[[], click_core.Command]],
        listings: dict[str, Callable[[], Listed]],
    ) -> None:
        self._makers = makers
        self._listings = listings
        self._made: dict[str, click_core.Command] = {}

    def listed(self, name: str) -> click_core.Command | Listed:
        """What the group's help page shows of command ``name``: the command if it is made,
        else what its definition says, without making it."""
        if name in self._made or name not in self._listings:
            return self[name]
        return self._listings[name]()

    def __getitem__(self, name: str) -> click_core.Command:
        if name not in self._made:
            self._made[name] = self._makers[name]()
        return self._made[name]

    def __setitem__(self, name: str, command: click_core.Command) -> None:
        self._makers[name] = lambda: command
        self._listings.pop(name, None)
        self._made[name] = command

    def __delitem__(self, name: str) -> None:
        del self._makers[name]
        self._listings.pop(name, None)
        self._made.pop(name, None)

    def __contains__(self, name: object) -> bool:
        return name in self._makers

    def __iter__(self) -> Iterator[str]:
        return iter(self._makers)

    def __len__(self) -> int:
        return len(self._makers)


class _Binhdang(click_core.Command):
    """What binhdang changes in Typer's commands and groups (issue 19): the ``--help`` page is
    drawn by :mod:`binhdang.cli.help` (Typer's page, without importing ``typer.rich_utils`` and
    the Markdown renderer it loads), and ``--help`` not given reads ``False``."""

    rich_markup_mode: typer.core.MarkupMode

    def format_help(self, ctx: click_core.Context, formatter: click_core.HelpFormatter) -> None:
        if not typer.core.HAS_RICH or self.rich_markup_mode != "rich":
            return super().format_help(ctx, formatter)  # Typer's plain or Markdown help
        from binhdang.cli import help

        help.print_help(self, ctx)

    def get_help_option(self, ctx: click_core.Context) -> Any:
        option = super().get_help_option(ctx)
        if option is not None and option.default is None:
            # --help not given reads False, as a flag does, rather than None: Typer then has
            # nothing to convert, and does not import Pydantic to do it.
            option.default = False
        return option


class _Command(_Binhdang, typer.core.TyperCommand):
    """Typer's command, changed as :class:`_Binhdang` says."""


class _LazyGroup(_Binhdang, typer.core.TyperGroup):
    """Typer's group whose subcommands are made when used (:class:`_LazyCommands`), changed
    as :class:`_Binhdang` says."""

    def list_commands(self, ctx: click_core.Context) -> list[str]:
        return list(self.commands)  # the names, in the order of creation, as Typer lists them

    def listed_command(self, ctx: click_core.Context, name: str) -> click_core.Command | Listed:
        """What this group's help page shows of subcommand ``name`` (:meth:`_LazyCommands.listed`):
        listing the thirty subcommands of ``binhdang`` does not build them."""
        if isinstance(self.commands, _LazyCommands):
            return self.commands.listed(name)
        return self.commands[name]


def _lazy_group(info: typer.models.TyperInfo) -> typer.core.TyperGroup:
    """The Click group of ``info`` as ``typer.main.get_group_from_info`` makes it, but with its
    subcommands made when first used: the same commands, help and errors, built on demand."""
    instance = info.typer_instance
    assert instance is not None
    makers: dict[str, Callable[[], click_core.Command]] = {}
    listings: dict[str, Callable[[], Listed]] = {}
    for command_info in instance.registered_commands:
        assert command_info.callback is not None
        name = command_info.name or typer.main.get_command_name(command_info.callback.__name__)
        if command_info.cls in (None, typer.core.TyperCommand):  # Typer's default class
            command_info = copy.copy(command_info)
            command_info.cls = _Command
        makers[name] = functools.partial(_command, command_info)
        if not command_info.rich_help_panel:  # Default(None) unless a panel is named
            listings[name] = functools.partial(Listed.of, command_info, name)
    for group_info in instance.registered_groups:
        solved = typer.main.solve_typer_info_defaults(group_info)  # as Typer reads it
        group_name = solved.name
        assert group_name, "every group of binhdang has a name"
        makers[group_name] = functools.partial(_lazy_group, group_info)
        if not solved.rich_help_panel:
            listings[group_name] = functools.partial(
                Listed, group_name, solved.help, solved.short_help, solved.hidden, solved.deprecated
            )
    shell = copy.copy(instance)  # the group itself (help, callback), without its subcommands
    shell.registered_commands, shell.registered_groups = [], []
    shell.info = copy.copy(instance.info)
    shell.info.cls = _LazyGroup
    shell_info = copy.copy(info)
    shell_info.typer_instance = shell
    group = typer.main.get_group_from_info(
        shell_info,
        suggest_commands=app.suggest_commands,
        pretty_exceptions_short=app.pretty_exceptions_short,
        rich_markup_mode=app.rich_markup_mode,
    )
    group.commands = _LazyCommands(makers, listings)
    coercion.install(group)
    return group


def _command(info: typer.models.CommandInfo) -> click_core.Command:
    """The Click command of ``info`` as Typer makes it, its text and choice options converted
    without Pydantic (:mod:`binhdang.cli.coercion`)."""
    command = typer.main.get_command_from_info(
        info,
        pretty_exceptions_short=app.pretty_exceptions_short,
        rich_markup_mode=app.rich_markup_mode,
    )
    return coercion.install(command)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app, turning user-facing errors into messages and exit codes.

    Usage errors (unknown option, missing argument) are printed in the user's language with the
    usage line and exit code 2 (:func:`usage_message`); errors of input and environment are :class:`BinhdangError` (exit 1);
    a failure of the database itself (read-only, damaged, unreachable…) is told by its kind
    (exit 1, :func:`binhdang.store.errors.describe`); anything else is a bug, shown as its kind
    only (exit 70) unless ``BINHDANG_DEBUG`` is set — never with the exception's text, which
    for a failed statement holds its SQL parameters (staff names, birth dates).
    """
    args = sys.argv[1:] if argv is None else argv
    lang = _requested_lang(args)
    _tidy_help_types()
    try:
        command = _lazy_group(typer.models.TyperInfo(app))
        code = command(args=args, prog_name="binhdang", standalone_mode=False)
    except click.UsageError as error:  # usage errors: in the user's language, exit 2
        choice = _choice_error(error)
        if choice is not None:  # --format: refused as the commands always refused it, exit 1
            fail(choice, lang)
        _show_usage_error(error, lang)
    except typer.Abort:
        err.print(text("usage.aborted", lang))
        raise SystemExit(1) from None
    except BinhdangError as error:
        fail(error, lang)
    except Exception as exc:
        from binhdang.store.errors import describe

        known = describe(exc, _requested_db(args))
        if known is not None:
            fail(known, lang)
        if settings.DEBUG.value():
            raise
        err.print(text("error.unexpected", lang, kind=_bug_kind(exc)))
        raise SystemExit(70) from None
    if isinstance(code, int) and code:  # typer.Exit(code) without standalone mode
        raise SystemExit(code)


if __name__ == "__main__":  # pragma: no cover
    main()
