"""All of the committee's tables (imported together so the schema is complete)."""

from binhdang.committee.activities.tables import activity, activity_attachment
from binhdang.committee.awards.tables import award
from binhdang.committee.members.tables import member
from binhdang.committee.movements.tables import movement, movement_participant
from binhdang.committee.plans.tables import document
from binhdang.committee.succession.tables import succession
from binhdang.committee.training.tables import training

__all__ = ["activity", "activity_attachment", "award", "document", "member", "movement",
           "movement_participant", "succession", "training"]  # fmt: skip
