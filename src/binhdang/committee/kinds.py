"""The record kinds, by the name used on the command line and for templates."""

from __future__ import annotations

from binhdang.committee.activities.parsing import KIND as ACTIVITIES
from binhdang.committee.awards.parsing import KIND as AWARDS
from binhdang.committee.members.parsing import KIND as MEMBERS
from binhdang.committee.movements.parsing import KIND as MOVEMENTS
from binhdang.committee.plans.parsing import KIND as PLANS
from binhdang.committee.records import RecordKind
from binhdang.committee.succession.parsing import KIND as SUCCESSION
from binhdang.committee.training.parsing import KIND as TRAINING

KINDS: dict[str, RecordKind] = {
    kind.name: kind
    for kind in (TRAINING, AWARDS, SUCCESSION, PLANS, ACTIVITIES, MOVEMENTS, MEMBERS)
}
