"""The date that closes an open-ended fact, apart from the table definitions: the rules of law
(retirement, maternity, the indicators' catalogue) use it without importing SQLAlchemy, so
that commands which touch no data start at once (issue 19)."""

from __future__ import annotations

from datetime import date

OPEN_END = date(9999, 12, 31)
"""``valid_to`` of a fact still true (``binhdang.store.tables``), and ``valid_to`` of a rule
still in force."""
