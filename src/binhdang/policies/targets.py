"""National (and users' own) targets: the TOML file, and their pure evaluation.

A target says: on ``indicator`` (a code of :mod:`binhdang.indicators.catalogue`, or another
registered one), the ``measure`` (the share in percent, or the count) must be
``operator`` ``threshold`` by ``deadline``, for the units in ``applies_to``. The defaults
shipped in ``targets.toml`` carry their legal source.

Evaluation is pure: a history of observations (the indicator on the as-of date and on the
same date of earlier years) goes in; met / not met / not applicable, the gap in persons or
units, and a linear projection to the deadline come out. Shares are compared exactly
(``numerator × 100 ≥ threshold × denominator``), never on a rounded percentage.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from binhdang.errors import BinhdangError, Problem
from binhdang.indicators.catalogue import BY_CODE
from binhdang.indicators.results import Ratio
from binhdang.messages import CATALOGUE, Message
from binhdang.policies import messages  # noqa: F401  (registers the area's messages)

Status = Literal["met", "not_met", "not_applicable"]
OPERATORS = (">=", "<=", "==")
MEASURES = ("percent", "count")
SCOPES = ("unit", "each", "children")

SUCCESSION_INDICATOR = "women_share_succession"
"""Women's share of succession plans (Quy định 50-QĐ/TW), counted by the committee area."""

EXTRA_INDICATORS: dict[str, tuple[str, str]] = {
    SUCCESSION_INDICATOR: ("Tỷ lệ nữ trong quy hoạch cán bộ", "Women's share of succession plans"),
}
"""Indicators a target may name besides the core catalogue: code → (name vi, name en)."""

# What one more unit of the gap is: units for the unit-counting indicators, else persons.
UNIT_INDICATORS = {"units_with_woman_key_leader", "units_30pct_women_without_woman_leader"}


@dataclass(frozen=True)
class Target:
    code: str
    name_vi: str
    name_en: str
    source: str
    indicator: str
    measure: str
    operator: str
    threshold: Decimal
    deadline: date | None
    applies_to: str | tuple[str, ...]

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_vi

    @property
    def gap_kind(self) -> str:
        return "units" if self.indicator in UNIT_INDICATORS else "persons"


DEFAULT_TARGETS = "targets.toml"


def default_targets() -> list[Target]:
    """The targets shipped with binhdang (``policies/targets.toml``)."""
    source = resources.files("binhdang.policies").joinpath(DEFAULT_TARGETS)
    return parse_targets(source.read_text(encoding="utf-8"), DEFAULT_TARGETS)


def load_targets(path: Path | None = None) -> list[Target]:
    """The default targets, plus those in ``path``; a user target with the code of a default
    one replaces it."""
    targets = {target.code: target for target in default_targets()}
    if path is not None:
        try:
            content = path.read_text(encoding="utf-8")
        except FileNotFoundError as exc:
            raise BinhdangError.of("file.missing", file=str(path)) from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise BinhdangError.of("file.unreadable", file=path.name, reason=exc) from exc
        for target in parse_targets(content, path.name):
            targets[target.code] = target
    return list(targets.values())


REQUIRED = ("code", "name_vi", "source", "indicator", "operator", "threshold")


def parse_targets(content: str, file_name: str) -> list[Target]:
    """Targets from TOML text; every problem is reported with the target's position."""
    try:
        data = tomllib.loads(content)
    except tomllib.TOMLDecodeError as exc:
        raise BinhdangError.of("file.corrupt", file=file_name, kind="TOML", reason=exc) from exc
    entries = data.get("target", [])
    if not isinstance(entries, list) or not entries:
        raise BinhdangError.of("policies.targets.none", file=file_name)
    problems: list[Problem] = []
    targets: list[Target] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries, start=1):
        found: list[Message] = []

        def bad(field: str, value: Any, found: list[Message] = found) -> None:
            found.append(Message("policies.targets.bad_field", {"field": field, "value": value}))

        for key in REQUIRED:
            if key not in entry:
                found.append(Message("policies.targets.missing", {"field": key}))
        if found:
            problems += [Problem(m, file_name, index) for m in found]
            continue
        code = str(entry["code"])
        if code in seen:
            bad("code", code)
        seen.add(code)
        indicator = entry["indicator"]
        if indicator not in BY_CODE and indicator not in EXTRA_INDICATORS:
            bad("indicator", indicator)
        measure = entry.get("measure", "percent")
        if measure not in MEASURES:
            bad("measure", measure)
        operator = entry["operator"]
        if operator not in OPERATORS:
            bad("operator", operator)
        try:
            threshold = Decimal(str(entry["threshold"]))
            if not threshold.is_finite() or threshold < 0:
                raise ValueError
        except (ArithmeticError, ValueError):
            bad("threshold", entry["threshold"])
            threshold = Decimal(0)
        deadline = entry.get("deadline")
        if deadline is not None and not (isinstance(deadline, date)):
            bad("deadline", deadline)
        applies = entry.get("applies_to", "unit")
        if isinstance(applies, list) and applies and all(isinstance(a, str) for a in applies):
            applies = tuple(applies)
        elif applies not in SCOPES:
            bad("applies_to", applies)
        if found:
            problems += [Problem(m, file_name, index) for m in found]
            continue
        targets.append(
            Target(code, str(entry["name_vi"]), str(entry.get("name_en", entry["name_vi"])),
                   str(entry["source"]), indicator, measure, operator, threshold, deadline,
                   applies)
        )  # fmt: skip
    if problems:
        raise BinhdangError.of("policies.targets.invalid", problems=problems, file=file_name,
                               count=len(problems))  # fmt: skip
    return targets


# --- evaluation ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Observation:
    """The indicator on one date; ``ratio`` is ``None`` when there is no data then."""

    as_of: date
    ratio: Ratio | None


@dataclass(frozen=True)
class Evaluation:
    target: Target
    unit_code: str
    unit_name: str
    as_of: date
    status: Status
    ratio: Ratio | None
    value: Decimal | None  # the measure now: percent (one place) or count
    gap: int | None  # persons or units still needed; 0 when met; None when not applicable
    reason: Message | None  # why not applicable
    projected: Decimal | None  # the measure projected to the deadline, one place
    projected_status: Status | None
    trend_per_year: Decimal | None  # slope of the yearly trend, one place
    history: tuple[Observation, ...]


def measure_of(target: Target, ratio: Ratio) -> Fraction:
    """The exact measure: the share in percent or the count (the numerator)."""
    if target.measure == "count":
        return Fraction(ratio.numerator)
    return Fraction(ratio.numerator * 100, ratio.denominator)


def meets(target: Target, value: Fraction | Decimal) -> bool:
    threshold = Fraction(target.threshold)
    value = Fraction(value)
    if target.operator == ">=":
        return value >= threshold
    if target.operator == "<=":
        return value <= threshold
    return value == threshold


def gap(target: Target, ratio: Ratio) -> int:
    """How many more persons (or units) must count in the numerator — or fewer, for an upper
    bound — with the denominator unchanged, for the target to be met; 0 when it is.

    >>> t = Target("t", "", "", "", "units_with_woman_key_leader", "percent", ">=",
    ...            Decimal(60), None, "unit")
    >>> gap(t, Ratio(7, 16))  # 60% of 16 = 9.6: 10 units needed, 7 have one
    3
    """
    threshold = Fraction(target.threshold)
    if target.measure == "count":
        needed = threshold - ratio.numerator
    else:
        needed = threshold * ratio.denominator / 100 - ratio.numerator
    if target.operator == ">=":
        return max(0, math.ceil(needed))
    if target.operator == "<=":
        return max(0, math.ceil(-needed))
    return math.ceil(abs(needed))


def _one_place(value: Fraction) -> Decimal:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _years(start: date, end: date) -> Fraction:
    return Fraction((end - start).days * 4, 1461)  # 365.25 days a year


def linear_trend(
    points: Sequence[tuple[date, Fraction]], at: date
) -> tuple[Fraction, Fraction] | None:
    """Least-squares line through ``points``: (value at ``at``, slope per year); ``None``
    with fewer than two dates."""
    if len({day for day, _ in points}) < 2:
        return None
    origin = points[0][0]
    xs = [_years(origin, day) for day, _ in points]
    ys = [value for _, value in points]
    mean_x = sum(xs, Fraction(0)) / len(xs)
    mean_y = sum(ys, Fraction(0)) / len(ys)
    spread = sum(((x - mean_x) ** 2 for x in xs), Fraction(0))
    slope = sum(((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)),
                Fraction(0)) / spread  # fmt: skip
    return mean_y + slope * (_years(origin, at) - mean_x), slope


def evaluate(
    target: Target,
    unit_code: str,
    unit_name: str,
    history: Sequence[Observation],
    *,
    unavailable: Message | None = None,
) -> Evaluation:
    """Evaluate ``target`` for one unit. ``history`` is sorted by date and ends with the
    as-of date; ``unavailable`` (a reason) makes the target not applicable outright."""
    current = history[-1]
    as_of = current.as_of
    usable = [(o.as_of, measure_of(target, o.ratio)) for o in history
              if o.ratio is not None and o.ratio.denominator > 0]  # fmt: skip

    def not_applicable(reason: Message) -> Evaluation:
        return Evaluation(target, unit_code, unit_name, as_of, "not_applicable", current.ratio,
                          None, None, reason, None, None, None, tuple(history))  # fmt: skip

    if unavailable is not None:
        return not_applicable(unavailable)
    if current.ratio is None:
        specific = f"policies.targets.no_data.{target.indicator}"
        return not_applicable(
            Message(specific if specific in CATALOGUE else "policies.targets.no_data")
        )
    if current.ratio.denominator == 0:
        return not_applicable(Message(f"policies.targets.empty.{target.indicator}"
                                      if target.indicator in UNIT_INDICATORS
                                      else "policies.targets.empty"))  # fmt: skip
    value = measure_of(target, current.ratio)
    status: Status = "met" if meets(target, value) else "not_met"
    projected = projected_status = slope = None
    if target.deadline is not None and target.deadline > as_of:
        trend = linear_trend(usable, target.deadline)
        if trend is not None:
            at_deadline, per_year = trend
            bound = Fraction(100) if target.measure == "percent" else None
            at_deadline = max(Fraction(0), at_deadline)
            if bound is not None:
                at_deadline = min(bound, at_deadline)
            projected = _one_place(at_deadline)
            projected_status = "met" if meets(target, at_deadline) else "not_met"
            slope = _one_place(per_year)
    shown = _one_place(value) if target.measure == "percent" else Decimal(current.ratio.numerator)
    return Evaluation(target, unit_code, unit_name, as_of, status, current.ratio, shown,
                      gap(target, current.ratio), None, projected, projected_status, slope,
                      tuple(history))  # fmt: skip
