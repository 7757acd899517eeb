"""The group codes and the count types the indicators are computed from, without any database
library: :mod:`.counting` (SQL), :mod:`.columnar` (the copy beside a SQLite file) and the
lean path of ``binhdang indicators`` (:mod:`.quick`, which imports no SQLAlchemy) share them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class StaffCount:
    unit_id: int
    sex: str
    category: str
    age_band: int  # index into catalogue.AGE_BANDS
    count: int


@dataclass(frozen=True)
class PostCount:
    unit_id: int
    sex: str
    level: str
    count: int


SEX_CODES = ("F", "M")  # any other value codes as 2 and counts in no ratio
CATEGORY_CODES = ("cong_chuc", "vien_chuc", "lao_dong")  # any other: 3 (staff, no category)
LEVEL_CODES = ("head", "deputy")  # any other: 2 (ignored)
DENSE_KEYS = 4_000_000  # keys below this are counted with bincount (an array of that size)


@dataclass(frozen=True)
class CountColumns:
    """Grouped counts as numpy columns: ``kind`` is the category code (staff) or the level
    code (posts), ``band`` the age band (staff; 0 for posts)."""

    unit_id: np.ndarray
    sex: np.ndarray
    kind: np.ndarray
    band: np.ndarray
    count: np.ndarray
