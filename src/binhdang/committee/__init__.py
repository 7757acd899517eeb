"""The committee's work: training, awards, succession planning, documents and plans,
activities (with evidence files), emulation movements, and the committee's own members.

Each record kind is a subpackage with the same files:

- ``__init__.py``: its :class:`~binhdang.committee.registry.KindEntry` (name, titles, fields,
  command-line examples, indicator view, report sections, demo list, generator), declared
  once; the command line, the web, the report, the templates, the demo and the national
  generator loop over the registry (:mod:`.registry`);
- ``parsing.py``: its file columns, cell parsers and checks against the stored data, as one
  :class:`~binhdang.committee.records.RecordKind` naming that entry;
  :mod:`binhdang.committee.records` imports, adds, edits, deletes and lists every kind with
  the same rules;
- ``indicators.py``: typed results and the pure arithmetic over counts (no database, no clock);
- ``service.py``: the counting in SQL for a unit subtree and year, calling ``indicators``.

A kind imports no other kind. Shared: :mod:`~binhdang.committee.tables` (every committee
table), :mod:`~binhdang.committee.catalogue` (course types, award forms, activity types, with
their legal sources), :mod:`~binhdang.committee.documents` (document numbers such as
``190/KH-UBND``) and :mod:`~binhdang.committee.references` (a document as records name it),
:mod:`~binhdang.committee.attachments` (evidence files), :mod:`~binhdang.committee.templates`;
the demo's lists: :mod:`~binhdang.demo.committee`. Maternity leave (policies) is a kind of the
same registry, declared in :mod:`binhdang.policies.record_kinds`.
"""
