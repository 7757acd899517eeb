"""Personal-data duties under the Law on Personal Data Protection 91/2025/QH15 and Decree
356/2025/NĐ-CP (in force from 01/01/2026; they replace Decree 13/2023/NĐ-CP).

- ``register.toml`` / :mod:`.register`: the processing register (what, why, legal basis, who
  may see it, how long, where), checked against the database's schema by the tests;
- :mod:`.export`: one person's data, all history, for a subject-access request (logged);
- :mod:`.retention` and :mod:`.purge`: the retention rule and the anonymisation of persons
  whose employment ended before a date, keeping every aggregate figure identical;
- :mod:`.redact`: finding a person's name and code in free text;
- sensitive data (ethnicity) is stored only with ``BINHDANG_SENSITIVE_DATA=on``: the staff
  import drops the column otherwise (:func:`binhdang.ingest.staff.without_sensitive_columns`).
"""
