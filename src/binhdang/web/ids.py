"""Ids in URLs: whole numbers a row id can be, checked once for every route.

Row ids are INTEGER columns (32 bits on PostgreSQL); a larger number reaching the driver
raises OverflowError or a numeric-range error, a 500. Declared with this type, an id out of
range (or below 1) is refused with 422 before any query, and an id in range that names no row
is the route's own 404.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path

from binhdang.store.database import ID_MAX

PathId = Annotated[int, Path(ge=1, le=ID_MAX, description=f"A record's id (1 to {ID_MAX}).")]
