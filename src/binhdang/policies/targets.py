"""National (and users' own) targets: the TOML file, and their pure evaluation.

A target says: on ``indicator`` (a code of :mod:`binhdang.indicators.catalogue`, or another
registered one), the ``measure`` (the share in percent, or the count) must be
``operator`` ``threshold`` by ``deadline``, for the units in ``applies_to``. The defaults
shipped in ``targets.toml`` carry their legal source and the dates they apply between
(``valid_from`` inclusive, ``valid_to`` exclusive): a question about date D evaluates the
targets in force on D (:func:`targets_on`), so a 2022 report judges succession plans by Quy
định 50-QĐ/TW and a 2026 one by Quy định 377-QĐ/TW.

Every target gives **one** :class:`Evaluation` for the unit asked for, and every output (the
report, its annex, the dashboard, ``binhdang targets``, the API) shows that one result:

* a target on the unit (``applies_to = "unit"``) is judged on the unit counted with its
  affiliated units;
* a target that concerns a body as a whole (:data:`BODY_INDICATORS`: the share of units
  whose key leadership includes a woman, Nghị quyết 28/NQ-CP) means nothing for a single
  unit: for a unit without affiliated units it is "not applicable per unit"
  (:data:`PER_UNIT_REASON`);
* a target that applies unit by unit (the 30% rule of Nghị quyết 11-NQ/TW, or
  ``applies_to`` = ``"each"``, ``"children"`` or a list of units) rolls up: it is not met
  when any unit it covers falls short; the result carries the unit's own
  :class:`Standing` and the standings of the units under it that fall short.

Evaluation is pure: a history of observations (the indicator on the as-of date and on the
same date of earlier years) goes in; met / not met / not applicable, the gap in persons or
units, and a linear projection to the deadline come out. Shares are compared exactly
(``numerator × 100 ≥ threshold × denominator``), never on a rounded percentage.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from binhdang.errors import BinhdangError, Problem
from binhdang.indicators.catalogue import BY_CODE, THIRTY_PERCENT_RULE
from binhdang.indicators.results import Ratio
from binhdang.messages import CATALOGUE, Message, text
from binhdang.rules import applies_on, check_versions
from binhdang.store.tables import OPEN_END

Status = Literal["met", "not_met", "not_applicable"]
OPERATORS = (">=", "<=", "==")
MEASURES = ("percent", "count")
SCOPES = ("unit", "each", "children")

SUCCESSION_INDICATOR = "women_share_succession"
"""Women's share of succession plans (Quy định 50-QĐ/TW, then 377-QĐ/TW), counted by the
committee area."""

EXTRA_INDICATORS: dict[str, tuple[str, str]] = {
    SUCCESSION_INDICATOR: ("Tỷ lệ nữ trong quy hoạch cán bộ", "Women's share of succession plans"),
}
"""Indicators a target may name besides the core catalogue: code → (name vi, name en)."""

RULE_30_INDICATOR = "units_30pct_women_without_woman_leader"
PER_UNIT_RULES = {RULE_30_INDICATOR}
"""Indicators that already judge each unit of a subtree and count those falling short (the
30% rule of Nghị quyết 11-NQ/TW): a target on one applies unit by unit whatever its
``applies_to`` says."""

BODY_INDICATORS = {
    "units_with_woman_key_leadership",
    "units_with_woman_head",
    "units_with_woman_key_leader",
}
"""Indicators on a body as a whole: the share of its units whose key leadership includes a
woman (Nghị quyết 28/NQ-CP, Mục tiêu 1), its heads-only companion and the deprecated code. A
unit without affiliated units is no such body."""

# What one more unit of the gap is: units for the unit-counting indicators, else persons.
UNIT_INDICATORS = BODY_INDICATORS | PER_UNIT_RULES

PER_UNIT_REASON = "policies.targets.per_unit"
"""The reason of a body-wide target asked for a single unit ("không áp dụng cho từng đơn
vị"): shown in a neutral style, never as a shortfall."""

NAMES_IN_CATALOGUE = {"nq11_30pct_rule": "policies.target.nq11_30pct_rule"}
"""Shipped targets whose name is a message, not a TOML field: the 30% rule's name says what
the check accepts (:func:`rule_30_leader`), and that wording lives once, in the catalogue."""


def rule_30_leader(lang: str) -> str:
    """What the 30% rule's check accepts, in one wording used by every output: a woman in the
    unit's key leadership, the head or a deputy — the key leadership of the Nghị quyết 28
    indicator's official metadata (``indicators.catalogue.KEY_LEADERSHIP``)."""
    return text("policies.rule30.leader", "en" if lang == "en" else "vi")


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
    valid_from: date = date.min  # in force from this day (inclusive)
    valid_to: date = OPEN_END  # until this day (exclusive)

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_vi

    @property
    def gap_kind(self) -> str:
        return "units" if self.indicator in UNIT_INDICATORS or self.per_unit else "persons"

    @property
    def per_unit(self) -> bool:
        """Whether the target applies unit by unit (and its verdict rolls up)."""
        return self.applies_to != "unit" or self.indicator in PER_UNIT_RULES

    @property
    def body_wide(self) -> bool:
        """Whether the target concerns a body as a whole (not a single unit)."""
        return self.indicator in BODY_INDICATORS


DEFAULT_TARGETS = "targets.toml"


def default_targets() -> list[Target]:
    """The targets shipped with binhdang (``policies/targets.toml``)."""
    source = resources.files("binhdang.policies").joinpath(DEFAULT_TARGETS)
    return parse_targets(source.read_text(encoding="utf-8"), DEFAULT_TARGETS)


def load_targets(path: Path | None = None) -> list[Target]:
    """The default targets, plus those in ``path``; a user target with the code of a default
    one replaces it (every period of it)."""
    targets = default_targets()
    if path is not None:
        try:
            content = path.read_text(encoding="utf-8")
        except FileNotFoundError as exc:
            raise BinhdangError.of("file.missing", file=str(path)) from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise BinhdangError.of("file.unreadable", file=path.name, reason=exc) from exc
        own = parse_targets(content, path.name)
        codes = {target.code for target in own}
        targets = [target for target in targets if target.code not in codes] + own
    return targets


def targets_on(targets: Sequence[Target], day: date) -> list[Target]:
    """The targets in force on ``day`` (``valid_from <= day < valid_to``), in their order."""
    return [target for target in targets if applies_on(target, day)]


REQUIRED = ("code", "name_vi", "source", "indicator", "operator", "threshold")


def _catalogue_name(code: str) -> tuple[str, str] | None:
    key = NAMES_IN_CATALOGUE.get(code)
    if key is None:
        return None
    vi, en = (text(key, lang, leader=rule_30_leader(lang)) for lang in ("vi", "en"))
    return vi, en


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
    periods: dict[str, list[Target]] = {}  # a code may come back for another period
    for index, entry in enumerate(entries, start=1):
        found: list[Message] = []
        if not isinstance(entry, dict):
            problems.append(
                Problem(Message("policies.targets.missing", {"field": "code"}), file_name, index)
            )
            continue

        def bad(field: str, value: Any, found: list[Message] = found) -> None:
            found.append(Message("policies.targets.bad_field", {"field": field, "value": value}))

        named = _catalogue_name(str(entry.get("code", "")))
        if "name_vi" not in entry and named is not None:
            entry = {**entry, "name_vi": named[0], "name_en": entry.get("name_en", named[1])}
        for key in REQUIRED:
            if key not in entry:
                found.append(Message("policies.targets.missing", {"field": key}))
        if found:
            problems += [Problem(m, file_name, index) for m in found]
            continue
        code = str(entry["code"])
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
        valid_from = entry.get("valid_from", date.min)
        valid_to = entry.get("valid_to", OPEN_END)
        for field, value in (("valid_from", valid_from), ("valid_to", valid_to)):
            if not isinstance(value, date) or isinstance(value, datetime):
                bad(field, value)
        if not found and valid_to <= valid_from:
            bad("valid_to", valid_to)
        applies = entry.get("applies_to", "unit")
        if isinstance(applies, list) and applies and all(isinstance(a, str) for a in applies):
            applies = tuple(applies)
        elif applies not in SCOPES:
            bad("applies_to", applies)
        if found:
            problems += [Problem(m, file_name, index) for m in found]
            continue
        target = Target(
            code,
            str(entry["name_vi"]),
            str(entry.get("name_en", entry["name_vi"])),
            str(entry["source"]),
            indicator,
            measure,
            operator,
            threshold,
            deadline,
            applies,
            valid_from,
            valid_to,
        )
        try:  # the periods of one code must not overlap: one target per code on any day
            check_versions([*periods.get(code, []), target])
        except ValueError:
            problems.append(
                Problem(
                    Message("policies.targets.bad_field", {"field": "code", "value": code}),
                    file_name,
                    index,
                )
            )
            continue
        periods.setdefault(code, []).append(target)
        targets.append(target)
    if problems:
        raise BinhdangError.of(
            "policies.targets.invalid", problems=problems, file=file_name, count=len(problems)
        )
    return targets


# --- evaluation ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Observation:
    """The indicator on one date; ``ratio`` is ``None`` when there is no data then."""

    as_of: date
    ratio: Ratio | None


@dataclass(frozen=True)
class Standing:
    """One unit's own result on a target that applies unit by unit.

    For the 30% rule: ``ratio`` is the unit's women ÷ its staff (counted with its affiliated
    units, as the core indicator counts them), ``value`` that share, and ``woman_leader``
    whether a woman is among the unit's own heads and deputies. For another target:
    ``ratio`` and ``value`` are the target's measure for the unit (with its affiliated
    units) and ``woman_leader`` is ``None``.
    """

    unit_code: str
    unit_name: str
    status: Status
    ratio: Ratio | None
    value: Decimal | None
    gap: int | None
    reason: Message | None
    woman_leader: bool | None = None


@dataclass(frozen=True)
class Evaluation:
    """A target for one unit on one date: the verdict every output shows.

    For a target that applies unit by unit (:attr:`Target.per_unit`) the verdict rolls up —
    not met when the unit itself or any unit it covers falls short — ``ratio`` is "units
    falling short ÷ units the target applies to", ``gap`` the units falling short, ``own``
    the unit's own standing (``None`` when the target covers only other units: its
    affiliated units or a list), ``short`` the units under it that fall short (tree order),
    ``applicable_below`` how many units under it the target applies to and ``not_found``
    the listed units that are not under it on the date.
    """

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
    own: Standing | None = None
    short: tuple[Standing, ...] = ()
    applicable_below: int | None = None
    not_found: tuple[str, ...] = ()

    @property
    def per_unit_only(self) -> bool:
        """A body-wide target asked for a single unit: "not applicable per unit"."""
        return self.reason is not None and self.reason.key == PER_UNIT_REASON


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

    >>> t = Target("t", "", "", "", "units_with_woman_key_leadership", "percent", ">=",
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
    slope = (
        sum(((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)), Fraction(0))
        / spread
    )
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
    usable = [
        (o.as_of, measure_of(target, o.ratio))
        for o in history
        if o.ratio is not None and o.ratio.denominator > 0
    ]

    def not_applicable(reason: Message) -> Evaluation:
        return Evaluation(
            target,
            unit_code,
            unit_name,
            as_of,
            "not_applicable",
            current.ratio,
            None,
            None,
            reason,
            None,
            None,
            None,
            tuple(history),
        )

    if unavailable is not None:
        return not_applicable(unavailable)
    if current.ratio is None:
        specific = f"policies.targets.no_data.{target.indicator}"
        return not_applicable(
            Message(specific if specific in CATALOGUE else "policies.targets.no_data")
        )
    if current.ratio.denominator == 0:
        return not_applicable(
            Message(
                f"policies.targets.empty.{target.indicator}"
                if target.indicator in UNIT_INDICATORS
                else "policies.targets.empty"
            )
        )
    value = measure_of(target, current.ratio)
    status: Status = "met" if meets(target, value) else "not_met"
    projected = slope = None
    projected_status: Status | None = None
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
    return Evaluation(
        target,
        unit_code,
        unit_name,
        as_of,
        status,
        current.ratio,
        shown,
        gap(target, current.ratio),
        None,
        projected,
        projected_status,
        slope,
        tuple(history),
    )


# --- unit by unit ----------------------------------------------------------------------------


def not_applicable_per_unit(
    target: Target, unit_code: str, unit_name: str, as_of: date
) -> Evaluation:
    """A body-wide target (:attr:`Target.body_wide`) asked for a unit without affiliated
    units: the share of a body's units means nothing for one unit."""
    return evaluate(
        target,
        unit_code,
        unit_name,
        [Observation(as_of, None)],
        unavailable=Message(PER_UNIT_REASON),
    )


def standing_of(evaluation: Evaluation) -> Standing:
    """A unit's evaluation as one standing among the units a target covers."""
    return Standing(
        evaluation.unit_code,
        evaluation.unit_name,
        evaluation.status,
        evaluation.ratio,
        evaluation.value,
        evaluation.gap,
        evaluation.reason,
    )


def rule_30_standing(
    unit_code: str,
    unit_name: str,
    staff: Ratio,
    women_leaders: int,
    threshold: int = THIRTY_PERCENT_RULE,
) -> Standing:
    """Nghị quyết 11-NQ/TW for one unit: with at least ``threshold``% women (``staff``: its
    women ÷ its staff, compared exactly) it must have a woman in its key leadership, the head
    or a deputy (``women_leaders`` of them are women); below it the rule does not apply.

    >>> rule_30_standing("A", "Phòng A", Ratio(3, 10), 0).status
    'not_met'
    >>> rule_30_standing("A", "Phòng A", Ratio(29, 100), 0).status
    'not_applicable'
    """
    share = (
        _one_place(Fraction(staff.numerator * 100, staff.denominator))
        if staff.denominator
        else None
    )
    has = women_leaders > 0
    if staff.denominator == 0 or staff.numerator * 100 < threshold * staff.denominator:
        return Standing(
            unit_code,
            unit_name,
            "not_applicable",
            staff,
            share,
            None,
            Message("policies.rule30.below"),
            has,
        )
    return Standing(
        unit_code, unit_name, "met" if has else "not_met", staff, share, 0 if has else 1, None, has
    )


def with_units(
    evaluation: Evaluation,
    own: Standing | None,
    short: Sequence[Standing],
    applicable_below: int,
    not_found: Sequence[str] = (),
) -> Evaluation:
    """``evaluation`` with the unit's own standing, the standings under it that fall short
    and how many units under it the target applies to (for the 30% rule, whose indicator
    counts the units falling short itself, and for :func:`roll_up`)."""
    return replace(
        evaluation,
        own=own,
        short=tuple(short),
        applicable_below=applicable_below,
        not_found=tuple(not_found),
    )


def roll_up(
    target: Target,
    unit_code: str,
    unit_name: str,
    as_of: date,
    own: Standing | None,
    below: Sequence[Standing],
    not_found: Sequence[str] = (),
) -> Evaluation:
    """The verdict of a target applied unit by unit: not met when ``own`` or any unit of
    ``below`` falls short, met when at least one unit is judged and none falls short, not
    applicable when none is judged. The figure is "units short ÷ units judged"; there is no
    projection (each unit has its own trend)."""
    considered = ([own] if own is not None else []) + list(below)
    judged = sum(s.status != "not_applicable" for s in considered)
    failing = sum(s.status == "not_met" for s in considered)
    ratio = Ratio(failing, judged)
    history = (Observation(as_of, ratio),)
    if judged == 0:
        status: Status = "not_applicable"
        gap_now: int | None = None
        reason: Message | None = Message("policies.targets.no_unit_applies")
    else:
        status, gap_now, reason = ("not_met" if failing else "met"), failing, None
    result = Evaluation(
        target,
        unit_code,
        unit_name,
        as_of,
        status,
        ratio,
        None,
        gap_now,
        reason,
        None,
        None,
        None,
        history,
    )
    short = [s for s in below if s.status == "not_met"]
    applicable_below = sum(s.status != "not_applicable" for s in below)
    return with_units(result, own, short, applicable_below, not_found)
