"""The general assessment drafted from the report's figures, while the unit has written none.

Pure: the yearly indicator sets the report already computed (``ReportSource.trend``, oldest
first, ending on the as-of date) and the targets' verdicts in, paragraphs out. It states what
the figures show — what rose, what fell, which targets are met — in the words of the other
sections (:mod:`binhdang.reports.narrative`), so the draft never contradicts the tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from binhdang import formatting
from binhdang.indicators.results import IndicatorSet
from binhdang.messages import Lang, text
from binhdang.reports.narrative import direction, share_change

Verdict = Literal["met", "not_met", "not_applicable"]


@dataclass(frozen=True)
class TargetVerdict:
    """One target's verdict for the report's unit: its name in the report's language."""

    name: str
    status: Verdict


def previous_year(trend: Sequence[IndicatorSet]) -> IndicatorSet | None:
    """The point one year before the last one, when the trend has it."""
    if len(trend) < 2 or trend[-2].as_of.year != trend[-1].as_of.year - 1:
        return None
    return trend[-2]


def _share_sentence(
    what: str, code: str, current: IndicatorSet, before: IndicatorSet | None, lang: Lang
) -> str | None:
    ratio = current.get(code).ratio
    if ratio.denominator == 0:
        return None
    values = {
        "what": text(what, lang),
        "share": formatting.percent(ratio.percent, lang),
        "women": formatting.number(ratio.numerator, lang),
        "total": formatting.number(ratio.denominator, lang),
    }
    earlier = before.get(code).ratio if before is not None else None
    change = share_change(earlier.percent, ratio.percent, lang) if earlier is not None else None
    if before is None or earlier is None or change is None:
        return text("report_text.draft.share_first", lang, **values)
    return text(
        "report_text.draft.share",
        lang,
        **values,
        change=change,
        prev_year=before.as_of.year,
        prev_share=formatting.percent(earlier.percent, lang),
    )


def _targets_sentence(verdicts: Sequence[TargetVerdict], lang: Lang) -> str | None:
    met = [v.name for v in verdicts if v.status == "met"]
    not_met = [v.name for v in verdicts if v.status == "not_met"]
    if met and not_met:
        return text(
            "report_text.draft.targets_mixed",
            lang,
            met=len(met),
            not_met=len(not_met),
            met_names="; ".join(met),
            not_met_names="; ".join(not_met),
        )
    if met:
        return text("report_text.draft.targets_all_met", lang, met=len(met), names="; ".join(met))
    if not_met:
        return text(
            "report_text.draft.targets_none_met",
            lang,
            not_met=len(not_met),
            names="; ".join(not_met),
        )
    return None


def draft_assessment(
    trend: Sequence[IndicatorSet], verdicts: Sequence[TargetVerdict], lang: Lang
) -> tuple[str, ...]:
    """Paragraphs of a general assessment: women's share of the staff and of the managers
    against the same date a year earlier, the targets met and not met, and a closing
    sentence on where women's share of management went. Empty without figures."""
    if not trend:
        return ()
    current, before = trend[-1], previous_year(trend)
    figures = [
        _share_sentence("report_text.draft.what.staff", "women_share_staff", current, before, lang),
        _share_sentence(
            "report_text.draft.what.managers", "women_share_managers", current, before, lang
        )
        or text("report_text.draft.no_managers", lang),
    ]
    paragraphs = [" ".join(sentence for sentence in figures if sentence)]
    targets = _targets_sentence(verdicts, lang)
    if targets:
        paragraphs.append(targets)
    if before is not None:
        way = direction(
            before.get("women_share_managers").ratio.percent,
            current.get("women_share_managers").ratio.percent,
        )
        if way is not None:
            paragraphs.append(text(f"report_text.draft.closing_{way}", lang))
    return tuple(paragraphs)
