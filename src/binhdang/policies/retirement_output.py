"""``binhdang retirement``'s answer as JSON-ready data and text (vi/en), apart from the other
policies' outputs (:mod:`binhdang.policies.output`, which re-exports it): it needs no database
code, so the command starts at once (issue 19)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from binhdang import formatting
from binhdang.messages import SEX_LABELS, Lang, text
from binhdang.policies.retirement import (
    BirthDate,
    Precision,
    Retirement,
    birth_date_source,
    timing_source,
)


def _label(labels: dict[str, tuple[str, str]], key: str, lang: Lang) -> str:
    vi, en = labels[key]
    return en if lang == "en" else vi


@dataclass(frozen=True)
class RetirementAnswer:
    """``binhdang retirement``: the normal retirement, the earliest early one and the
    latest later one (``None`` where no rule is encoded), for a birth date as known."""

    born: BirthDate
    normal: Retirement
    early: Retirement | None
    late: Retirement | None

    def sources(self) -> list[str]:
        """The texts the normal retirement rests on, as in force for its pension date: the
        ages, the timing and — for a birth date known to the month or year only — how it is
        read."""
        found = [self.normal.source, timing_source(self.normal.pension_from)]
        if self.born.precision != Precision.DAY:
            found.append(birth_date_source(self.normal.pension_from))
        return [source for source in found if source]


def when_data(result: Retirement) -> dict[str, Any]:
    """A retirement's ages, months and source, as JSON-ready data."""
    return {
        "age_years": result.age_years,
        "age_months": result.age_months,
        "retirement_month": result.retirement_month,
        "retirement_date": result.retirement_date.isoformat(),
        "pension_from": result.pension_month,
        "source": result.source,
    }


def retirement_data(answer: RetirementAnswer) -> dict[str, Any]:
    """``binhdang retirement --format json``: the normal retirement's fields at the top, the
    earliest early (``early``) and the latest later (``late``) retirement beside them."""
    result = answer.normal
    return {
        "sex": result.sex,
        "birth_date": result.birth_date.isoformat(),
        "birth_precision": str(answer.born.precision),
        **when_data(result),
        "schedule_year": result.schedule_year,
        "timing_source": timing_source(result.pension_from),
        "birth_date_source": (
            birth_date_source(result.pension_from)
            if answer.born.precision != Precision.DAY
            else None
        ),
        "early": when_data(answer.early) if answer.early else None,
        "late": when_data(answer.late) if answer.late else None,
    }


def retirement_text(answer: RetirementAnswer, born: str, lang: Lang) -> str:
    result = answer.normal
    lines = [
        text(
            "policies.retirement_result",
            lang,
            sex=_label(SEX_LABELS, result.sex, lang),
            born=born,
            years=result.age_years,
            months=result.age_months,
            retire=formatting.short_date(result.retirement_date, lang),
            month=result.retirement_date.strftime("%m/%Y"),
            pension=formatting.short_date(result.pension_from, lang),
            sources="; ".join(answer.sources()),
        )
    ]
    for key, other in (("early", answer.early), ("late", answer.late)):
        if other is None:
            lines.append(text(f"policies.retirement_{key}_none", lang))
            continue
        lines.append(
            text(
                f"policies.retirement_{key}",
                lang,
                years=other.age_years,
                months=other.age_months,
                retire=formatting.short_date(other.retirement_date, lang),
                month=other.retirement_date.strftime("%m/%Y"),
                pension=formatting.short_date(other.pension_from, lang),
                source=other.source,
            )
        )
    return "\n".join(lines)
