"""National scale: a deterministic synthetic national dataset and its bulk loading.

:mod:`binhdang.scale.shape` draws the dataset as numpy arrays (no database),
:mod:`binhdang.scale.load` writes it in bulk (executemany on SQLite, COPY on PostgreSQL) and
:mod:`binhdang.scale.service` ties both together for ``binhdang generate``.
"""
