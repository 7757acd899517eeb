"""What a staff import does to each person, listed by ``--dry-run`` and the web preview."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

CHANGE_KINDS = ("added", "moved", "promoted", "post_changed", "grade_promoted", "step_raised",
                "changed", "ended", "absent")  # fmt: skip
"""added: new on the list (or back); moved: another unit; promoted: a post taken or raised
from deputy to head; post_changed: a post changed or left otherwise; grade_promoted: a grade
of a higher group (nâng ngạch); step_raised: a higher step of the same grade (nâng bậc
lương; binhdang.ingest.pay_cells.pay_change); changed: other details
(name, rank, category, identifiers); ended: absent from the list and ended (``close_missing``);
absent: absent and left as they are (would be ended with ``close_missing``)."""


@dataclass(frozen=True)
class PersonChange:
    kind: str
    staff_code: str
    full_name: str
    unit_code: str  # the unit the list puts them in (ended/absent: their unit until now)
    from_unit: str | None = None  # moved: the unit before
    title: str | None = None  # post after (promoted/post_changed)
    from_title: str | None = None  # post before
    row: int | None = None  # the list's row

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "staff_code": self.staff_code,
            "full_name": self.full_name,
            "unit": self.unit_code,
            "from_unit": self.from_unit,
            "title": self.title,
            "from_title": self.from_title,
            "row": self.row,
        }
