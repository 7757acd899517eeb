"""Options (issue 19, item 2): binhdang.cli.coercion converts them as Typer's Pydantic adapters
do, value for value and message for message, on every command, and makes Typer's converter
(importing Pydantic) only for a value that needs it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from typer._click import core as click_core
from typer._click.exceptions import BadParameter
from typer._coercion import AdapterRuntimeParam, build_runtime_param

from binhdang.cli.coercion import ChoiceParam, DeferredParam, TextParam
from tests.helpers import cli_pages

SAMPLES: tuple[Any, ...] = (
    "", " ", "vi", "EN", "json", "JSON", " table", "csv", "md", "Nữ", "nu\u0300",
    "01/10/2022", "--db", "a\x1bb", "x" * 300, b"bytes", "Bảo hiểm".encode(),
    b"\xff\xfe", 12, 4, 0, -1, 1, 20, 21, 2**40, 1.5, True, "12", "1.5", "x.csv", ["a", "b"], ("x",), None,
)  # fmt: skip


def _commands() -> Iterator[tuple[str, click_core.Command, click_core.Context]]:
    return cli_pages()  # type: ignore[no-any-return]


COMMANDS = list(_commands())


def _outcome(converter: Any, value: Any, param: Any, context: click_core.Context) -> object:
    """The value ``converter`` gives (and its type), or its message."""
    try:
        converted = converter.coerce(value, param=param, ctx=context)
    except BadParameter as error:
        return ("error", error.message, error.param is param)
    return ("value", type(converted), converted)


def test_every_option_has_our_converter() -> None:
    kinds: dict[type, int] = {}
    for path, command, _ in COMMANDS:
        for param in command.params:
            descriptor = getattr(param, "type_descriptor", None)
            if descriptor is None:
                continue
            found = type(param._runtime_param)  # type: ignore[attr-defined]
            kinds[found] = kinds.get(found, 0) + 1
            if descriptor.annotation is str:
                assert found is TextParam, (path, param.name)
            elif descriptor.choices is not None and not descriptor.is_list:
                assert found is ChoiceParam, (path, param.name)
            else:
                assert found is DeferredParam, (path, param.name)
    assert kinds[TextParam] > 200 and kinds[ChoiceParam] > 20 and kinds[DeferredParam] > 100


def test_they_convert_as_typers_adapters_do() -> None:
    """Every option of every command, on values right and wrong: the same value (and type) or
    the same message as Typer's own converter (a Pydantic adapter)."""
    compared = 0
    for path, command, context in COMMANDS:
        for param in command.params:
            ours = param._runtime_param  # type: ignore[attr-defined]
            if not isinstance(ours, (TextParam, ChoiceParam, DeferredParam)):
                continue
            typers = build_runtime_param(param.type_descriptor)  # type: ignore[attr-defined]
            assert isinstance(typers, AdapterRuntimeParam)
            choices = getattr(ours, "choices", ())
            for value in (*SAMPLES, *choices, *(str(c).upper() for c in choices), param.default):
                expected = _outcome(typers, value, param, context)
                got = _outcome(ours, value, param, context)
                assert got == expected, (path, param.name, value)
                compared += 1
    assert compared > 10000


def test_an_option_not_given_needs_no_converter_of_typers() -> None:
    """``binhdang report text --help`` reads the options of ``report`` (none given, ``--years``
    4 by default) without making Typer's converters, which import Pydantic."""
    _, command, context = next(c for c in _commands() if c[0] == "binhdang report")  # anew
    for param in command.params:
        converter = param._runtime_param  # type: ignore[attr-defined]
        if isinstance(converter, DeferredParam):
            param.process_value(context, param.default)
            assert "typers" not in vars(converter), param.name
    assert any(isinstance(p._runtime_param, DeferredParam) for p in command.params)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("value", "message"),
    [("xml", "Value error, 'xml' is not one of 'table', 'json'.")],
)
def test_a_wrong_choice_is_told_as_typer_tells_it(value: str, message: str) -> None:
    """What a usage error shows (cli/app.py usage_message) when no message of binhdang's own
    replaces it: Pydantic's wording of the choice's error, kept."""
    _, command, context = next(c for c in COMMANDS if c[0] == "binhdang retirement")
    param = next(p for p in command.params if p.name == "output_format")
    with pytest.raises(BadParameter) as raised:
        param.process_value(context, value)
    assert raised.value.message == message
