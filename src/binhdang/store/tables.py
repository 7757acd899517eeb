"""The schema, as SQLAlchemy Core tables.

Effective dating (design.md §6): every fact that changes over time has ``valid_from``
(inclusive) and ``valid_to`` (exclusive). An open-ended fact stores ``valid_to = OPEN_END``
(9999-12-31) rather than NULL so that "as of D" is the plain, index-friendly condition
``valid_from <= D AND valid_to > D`` on every engine.

Identity and attributes are split: ``unit`` and ``person`` hold what never changes (the code),
``unit_version``, ``employment`` and ``position`` hold what does.

``employment`` and ``position`` also carry copies of the person's ``sex`` and ``birth_date``
(migration ``0002``): every indicator counts those rows by sex and age band, and reading the
copies saves a lookup in ``person`` per row, which at national scale costs more than the scan
itself (bench/RESULTS.md). Writers keep them equal through :mod:`binhdang.store.copies`.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    false,
)

from binhdang.store.dates import OPEN_END as OPEN_END  # ``valid_to`` of a fact not ended

BEGINNING = date(1900, 1, 1)
"""``valid_from`` of units imported without ``--as-of`` (they are taken as always existing)."""

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

unit = Table(
    "unit",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(64), nullable=False, unique=True),
)

unit_version = Table(
    "unit_version",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("unit_id", ForeignKey("unit.id"), nullable=False),
    Column("name", String(300), nullable=False),
    Column("kind", String(200), nullable=False, default=""),
    Column("parent_id", ForeignKey("unit.id"), nullable=True),
    Column("valid_from", Date, nullable=False),
    Column("valid_to", Date, nullable=False, default=OPEN_END),
    Index(None, "unit_id", "valid_from"),
    Index(None, "valid_from", "valid_to"),
    # A subtree read from its top unit down, level by level (migration 0002).
    Index(None, "parent_id", "valid_from"),
)

person = Table(
    "person",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("staff_code", String(64), nullable=False, unique=True),
    Column("full_name", String(300), nullable=False),
    Column("sex", String(1), nullable=False),  # "F" (nữ) or "M" (nam)
    Column("birth_date", Date, nullable=False),
    # Ethnicity is sensitive personal data (Law 91/2025/QH15 Art. 2; Decree 356/2025/NĐ-CP
    # Art. 4, in force from 01/01/2026); optional, and stored only with
    # BINHDANG_SENSITIVE_DATA=on (binhdang.ingest.staff.without_sensitive_columns).
    Column("ethnicity", String(100), nullable=True),
    # Identifiers that link a person when a list has no staff code (migration 0004;
    # binhdang.ingest.identity). Personal data: shown only to roles that may see persons.
    Column("insurance_number", String(20), nullable=True),  # Mã số BHXH, 10 digits
    Column("citizen_id", String(20), nullable=True),  # số định danh cá nhân (CCCD), 12 digits
    # The staff code was given by binhdang (the list had none); a later list's code replaces it.
    Column("code_assigned", Boolean, nullable=False, default=False, server_default=false()),
    Index("ix_person_insurance_number", "insurance_number", unique=True),
    Index("ix_person_citizen_id", "citizen_id", unique=True),
    Index("ix_person_birth_date", "birth_date"),
)

employment = Table(
    "employment",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", ForeignKey("person.id"), nullable=False),
    Column("unit_id", ForeignKey("unit.id"), nullable=False),
    Column("category", String(20), nullable=False),  # cong_chuc / vien_chuc / lao_dong
    Column("rank", String(200), nullable=True),
    Column("valid_from", Date, nullable=False),
    Column("valid_to", Date, nullable=False, default=OPEN_END),
    Column("sex", String(1), nullable=False),  # copy of person.sex
    Column("birth_date", Date, nullable=False),  # copy of person.birth_date
    # Pay (migration 0007_pay_grades; binhdang.pay.grades), optional: the grade code (its name
    # is ``rank``), the step, the salary and position-allowance coefficients in hundredths
    # (4,40 → 440: exact on both engines), the seniority-beyond-scale percent and the date of
    # the last step raise. A change of any of them starts a new period, like a change of unit.
    Column("grade_code", String(20), nullable=True),
    Column("step", Integer, nullable=True),
    Column("salary_coefficient", Integer, nullable=True),
    Column("allowance_coefficient", Integer, nullable=True),
    Column("seniority_percent", Integer, nullable=True),
    Column("last_raise", Date, nullable=True),
    # Whether any list carried grades: one seek (binhdang.indicators.pay_results skips the
    # pay scans of a database without any).
    Index("ix_employment_grade_code", "grade_code"),
    # As-of counting over a unit subtree: unit first, then the date range; the person id last
    # so that the staff list collects a subtree's persons from the index alone (migration
    # 0005_staff_list_name_index).
    Index(None, "unit_id", "valid_from", "valid_to", "person_id"),
    Index(None, "person_id", "valid_from"),
    # The pay indicators of a subtree on a date read this index only (migration 0009): unit,
    # then the rows still running after the date (few of a 10-year history), then the pay.
    Index(
        "ix_employment_pay_as_of",
        *("unit_id", "valid_to", "valid_from", "sex", "grade_code", "salary_coefficient"),
        *("allowance_coefficient", "seniority_percent", "step", "last_raise", "person_id"),
    ),
)

position = Table(
    "position",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", ForeignKey("person.id"), nullable=False),
    Column("unit_id", ForeignKey("unit.id"), nullable=False),
    Column("title", String(200), nullable=False),
    Column("level", String(10), nullable=False),  # head / deputy
    Column("valid_from", Date, nullable=False),
    Column("valid_to", Date, nullable=False, default=OPEN_END),
    Column("sex", String(1), nullable=False),  # copy of person.sex
    Column("birth_date", Date, nullable=False),  # copy of person.birth_date
    Index(None, "unit_id", "valid_from", "valid_to"),
    Index(None, "person_id", "valid_from"),
)

import_batch = Table(
    "import_batch",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(20), nullable=False),  # units / staff
    Column("as_of", Date, nullable=True),
    Column("source_name", String(500), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("imported_at", DateTime(timezone=True), nullable=False),
    Column("summary", Text, nullable=False),  # JSON: added, changed, ended, unchanged, warnings
    Column("imported_by", String(100), nullable=True),  # account name, or "cli"
    # Its writes are in import_change, so it can be undone (migration 0004).
    Column("reversible", Boolean, nullable=False, default=False, server_default=false()),
    Index(None, "kind", "as_of"),
)

import_change = Table(
    "import_change",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("batch_id", ForeignKey("import_batch.id"), nullable=False),
    Column("seq", Integer, nullable=False),  # order of the writes; undone in reverse
    Column("table_name", String(40), nullable=False),
    Column("row_id", Integer, nullable=False),
    Column("operation", String(6), nullable=False),  # insert / update / delete
    Column("before", Text, nullable=True),  # JSON: the whole row before an update or delete
    # SHA-256 of the row as the batch left it (None: deleted): undo refuses when a later
    # change (another import, a unit merge, a purge) touched it.
    Column("after_digest", String(64), nullable=True),
    Index("ix_import_change_batch_id_seq", "batch_id", "seq"),
)

data_version = Table(
    "data_version",
    metadata,
    Column("id", Integer, primary_key=True),  # one row, id 1 (migration 0008)
    # Grows with every committed write transaction (store/writes.py); caches key on it.
    Column("version", BigInteger, nullable=False),
)
