"""``binhdang generate``: draw the synthetic national dataset and load it, in one transaction."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine

from binhdang.scale import load
from binhdang.scale.committee import counts
from binhdang.scale.shape import Shape, draw

DEFAULT_END = date(2025, 12, 31)
"""The default last day of the generated period (fixed, so that a seed always gives the same
dataset)."""

StageProgress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Generated:
    shape: Shape
    units: int
    persons: int
    employment: int
    positions: int
    seconds: float
    committee: dict[str, int]  # rows per committee record kind (training, awards, …)


def generate(engine: Engine, shape: Shape, progress: StageProgress | None = None) -> Generated:
    """Draw the dataset for ``shape`` and write it into the empty database of ``engine``."""
    started = time.perf_counter()
    shape.check()
    with engine.connect() as connection:
        load.require_empty(connection, str(engine.url))

    def drawing(done: int, total: int) -> None:
        if progress:
            progress("scale.stage.draw", done, total)

    dataset = draw(shape, drawing)
    # Counted before the load, which releases the drawn columns as it writes them.
    sizes = (
        len(dataset.units.id),
        len(dataset.persons.id),
        len(dataset.employment.person_id),
        len(dataset.positions.person_id),
    )
    committee = counts(dataset.committee) if dataset.committee else {}
    load.write(engine, dataset, progress)
    del dataset
    return Generated(
        shape=shape,
        units=sizes[0],
        persons=sizes[1],
        employment=sizes[2],
        positions=sizes[3],
        seconds=time.perf_counter() - started,
        committee=committee,
    )
