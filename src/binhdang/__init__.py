"""binhdang — gender-equality records, indicators and reports for Vietnamese public agencies.

The package is a library first; the CLI (:mod:`binhdang.cli`) is a thin adapter over it.
"""

__version__ = "0.1.0"
