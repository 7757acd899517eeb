"""The committee's work: training, awards, succession planning, documents and plans,
activities (with evidence files), emulation movements, and the committee's own members.

Each record kind is a subpackage with the same files:

- ``tables.py``: its SQLAlchemy Core tables (on the shared metadata; Alembic branch
  ``committee``);
- ``parsing.py``: its file columns, cell parsers and checks against the stored data, as one
  :class:`~binhdang.committee.records.RecordKind`; :mod:`binhdang.committee.records` imports,
  adds, edits, deletes and lists every kind with the same rules;
- ``indicators.py``: typed results and the pure arithmetic over counts (no database, no clock);
- ``service.py``: the counting in SQL for a unit subtree and year, calling ``indicators``.

Shared: :mod:`~binhdang.committee.catalogue` (course types, award forms, activity types, with
their legal sources), :mod:`~binhdang.committee.documents` (document numbers such as
``190/KH-UBND``), :mod:`~binhdang.committee.attachments` (evidence files),
:mod:`~binhdang.committee.templates`; the demo's lists: :mod:`~binhdang.demo.committee`.
"""
