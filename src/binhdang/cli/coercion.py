"""Text and choice options converted as Typer converts them, without Pydantic.

Typer (0.29) converts every option value with a Pydantic ``TypeAdapter``: the first command
option read imports Pydantic, ~40 % of ``binhdang retirement``'s time (issue 19, item 2). Most
of binhdang's options are text (``--db``, ``--lang``, ``--unit``, dates read by the command
itself) or a choice (``--format``); for those two kinds, :func:`install` gives the option a
converter doing what Typer's adapters do (``typer/_adapters.py``: ``_parse_cli_str`` and the
choice adapter), with the same values and the same messages. Any other kind (numbers with
their bounds, paths, lists) keeps Typer's own converter, made only when a value is given
(:class:`DeferredParam`). tests/test_cli_coercion.py compares the converters with Typer's on
every option of every command.
"""

from __future__ import annotations

import functools
import sys
from dataclasses import dataclass
from typing import Any

from typer._click import _compat
from typer._click import core as click_core
from typer._click.exceptions import BadParameter
from typer._click.utils import _escape_control_characters
from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param
from typer._param_types import coerce_cli_choice


@dataclass(frozen=True)
class TextParam(RuntimeParam):
    """A ``str`` option: the text as given (bytes decoded as Typer's ``_parse_cli_str``)."""

    def _coerce_value(self, value: Any, param: Any, ctx: click_core.Context) -> Any:
        if isinstance(value, bytes):
            encoding = _compat._get_argv_encoding()
            try:
                return value.decode(encoding)
            except UnicodeError:
                fs_encoding = sys.getfilesystemencoding()
                if fs_encoding != encoding:
                    try:
                        return value.decode(fs_encoding)
                    except UnicodeError:
                        pass
                return value.decode("utf-8", "replace")
        return str(value)


@dataclass(frozen=True)
class ChoiceParam(RuntimeParam):
    """A ``Literal`` option: the choice given (in any case unless case-sensitive), else
    Typer's message."""

    choices: tuple[Any, ...]
    case_sensitive: bool

    def _coerce_value(self, value: Any, param: Any, ctx: click_core.Context) -> Any:
        try:
            return coerce_cli_choice(
                value, choices=self.choices, case_sensitive=self.case_sensitive, ctx=ctx
            )
        except ValueError as exc:  # as Pydantic words a validator's ValueError
            message = _escape_control_characters(f"Value error, {exc}")
            raise BadParameter(message, ctx=ctx, param=param) from None


@dataclass(frozen=True)
class DeferredParam(RuntimeParam):
    """Any other option (a number, a path, a list…): Typer's converter, made when there is a
    value to convert. An option not given reads ``None`` without it (``binhdang report text
    --help`` reads the options of ``report``, none given), and a whole number given as one
    within its bounds (``--years``' default, 4) is that number, as Pydantic gives it back."""

    descriptor: TypeDescriptor

    @functools.cached_property
    def typers(self) -> RuntimeParam:
        return build_runtime_param(self.descriptor)

    def _coerce_value(self, value: Any, param: Any, ctx: click_core.Context) -> Any:
        info = self.parameter_info
        if (
            self.annotation is int
            and type(value) is int
            and info.parser is None
            and (info.min is None or value >= info.min)
            and (info.max is None or value <= info.max)
        ):
            return value  # within its bounds: as Pydantic gives it back, clamped or not
        return self.typers._coerce_value(value, param=param, ctx=ctx)


def converter(param: click_core.Parameter) -> RuntimeParam | None:
    """The converter :func:`install` gives ``param``: for a text or a choice (not a list, not
    parsed by a function of its own), ours; for a file, ``None`` (Typer's); else Typer's, made
    when needed (:class:`DeferredParam`)."""
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or descriptor.is_file:
        return None
    fields = {"annotation": descriptor.annotation, "parameter_info": descriptor.parameter_info}
    if descriptor.parameter_info.parser is None:
        if descriptor.annotation is str:
            return TextParam(**fields)
        if descriptor.is_choice and not descriptor.is_list:
            return ChoiceParam(
                **fields, choices=descriptor.choices, case_sensitive=descriptor.case_sensitive
            )
    return DeferredParam(**fields, descriptor=descriptor)


def install(command: click_core.Command) -> click_core.Command:
    """Give ``command``'s text and choice options their converter (:func:`converter`).

    Typer keeps an option's converter in ``_runtime_param``, made when first needed; a
    version of Typer without it keeps its own."""
    for param in command.params:
        if getattr(param, "_runtime_param", False) is None:
            found = converter(param)
            if found is not None:
                param._runtime_param = found  # type: ignore[attr-defined]
    return command
