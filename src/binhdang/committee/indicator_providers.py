"""The committee's indicators for the targets: women's share of succession plans
(``women_share_succession``, read by ``qd50_succession_25pct`` under Quy định 50-QĐ/TW until
07/10/2025 and ``qd377_succession_25pct`` under Quy định 377-QĐ/TW from 08/10/2025:
``policies/targets.toml``). Found by :func:`binhdang.indicators.providers.provider_for`.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, distinct, select

from binhdang.committee.succession.parsing import TERM_YEARS
from binhdang.committee.succession.service import planned_by_sex
from binhdang.committee.tables import succession
from binhdang.indicators.providers import indicator_provider
from binhdang.indicators.results import Ratio

SUCCESSION_INDICATOR = "women_share_succession"
"""The code the targets name (``binhdang.policies.targets.SUCCESSION_INDICATOR``)."""


def plan_term(connection: Connection, as_of: date) -> int | None:
    """The start year of the term whose plans count on ``as_of``: the term in force
    (``start ≤ year < start + 5``), else the nearest later one; ``None`` without plans."""
    starts = sorted(connection.execute(select(distinct(succession.c.term_start))).scalars())
    in_force = [s for s in starts if s <= as_of.year < s + TERM_YEARS]
    if in_force:
        return in_force[-1]
    later = [s for s in starts if s > as_of.year]
    return later[0] if later else None


@indicator_provider(SUCCESSION_INDICATOR)
def women_share_succession(
    connection: Connection, unit_code: str, as_of: date, subtree: bool
) -> Ratio | None:
    """Women among the persons planned (all levels) for the term of :func:`plan_term`, in the
    ``unit_code`` subtree; ``None`` when no plan is recorded."""
    term = plan_term(connection, as_of)
    if term is None:
        return None
    planned = planned_by_sex(connection, unit_code, term, as_of, subtree=subtree)
    women = planned.get("F", 0)
    return Ratio(women, women + planned.get("M", 0))  # succession_indicators' "all" pipeline
