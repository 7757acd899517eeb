"""Charts: one definition, rendered to PNG (DOCX, PDF) and SVG (HTML) with matplotlib.

Readable in black-and-white print: series differ by line style, marker and hatching, not
only by colour. Labels use DejaVu Sans, which has every Vietnamese diacritic.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import shutil
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Literal

ChartFormat = Literal["png", "svg"]
FONT_FAMILY = ["DejaVu Sans", "Liberation Sans", "sans-serif"]
_GREYS = ("#1a1a1a", "#8c8c8c", "#c8c8c8")
_LINE_STYLES = ("-", "--", ":")
_MARKERS = ("o", "s", "^")
_HATCHES = ("////", "", "..")


@dataclass(frozen=True)
class Series:
    """One named series of values (``None`` where not applicable)."""

    name: str
    values: tuple[Decimal | int | None, ...]


@dataclass(frozen=True)
class LineChart:
    """Values over ordered categories (years), e.g. women's share in staff and management."""

    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    y_label: str
    percent: bool = True
    decimal_comma: bool = True  # Vietnamese: 53,6


@dataclass(frozen=True)
class BarChart:
    """Horizontal stacked bars per category (unit), e.g. women and men by unit."""

    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    x_label: str


ChartSpec = LineChart | BarChart


def _label(value: Decimal | int, decimal_comma: bool, percent: bool) -> str:
    text = f"{value:.1f}" if percent else f"{value}"
    if decimal_comma:
        text = text.replace(".", ",")
    return text + ("%" if percent else "")


def render(spec: ChartSpec, fmt: ChartFormat) -> bytes:
    """The chart as PNG or SVG bytes (deterministic: no dates or random ids inside); taken
    from :class:`BackgroundCharts` when one was started for it."""
    owner = _PENDING.get((spec, fmt))
    if owner is not None:
        found = owner.take(spec, fmt)
        if found is not None:
            return found
    return render_formats(spec, (fmt,))[fmt]


def render_formats(spec: ChartSpec, formats: Sequence[ChartFormat]) -> dict[ChartFormat, bytes]:
    """The chart in each of ``formats``, drawn once (the same bytes as :func:`render` each)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rc = {
        "font.family": "sans-serif",
        "font.sans-serif": FONT_FAMILY,
        "font.size": 10,
        "svg.hashsalt": "binhdang",
        "svg.fonttype": "path",
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
    result: dict[ChartFormat, bytes] = {}
    with plt.rc_context(rc):
        figure = _line(plt, spec) if isinstance(spec, LineChart) else _bars(plt, spec)
        for fmt in formats:
            buffer = io.BytesIO()
            metadata = {"Date": None} if fmt == "svg" else {"Software": None}
            figure.savefig(buffer, format=fmt, dpi=200, bbox_inches="tight", metadata=metadata)
            result[fmt] = buffer.getvalue()
        plt.close(figure)
    return result


WAIT_SECONDS = 120
"""How long :meth:`BackgroundCharts.take` waits for its process before drawing the chart
itself."""

_PENDING: dict[tuple[ChartSpec, ChartFormat], BackgroundCharts] = {}


def _render_files(files: dict[tuple[ChartSpec, ChartFormat], Path]) -> None:
    """In the child process: draw each chart once and write each format to its file."""
    wanted: dict[ChartSpec, list[ChartFormat]] = {}
    for spec, fmt in files:
        wanted.setdefault(spec, []).append(fmt)
    for spec, formats in wanted.items():
        for fmt, data in render_formats(spec, formats).items():
            path = files[(spec, fmt)]
            partial = path.with_suffix(".part")
            partial.write_bytes(data)
            os.replace(partial, path)  # a file that exists is whole


class BackgroundCharts:
    """Charts drawn by a forked child process while the caller goes on (building the rest
    of the report on the other core): importing matplotlib and drawing a province's chart by
    unit take seconds. :func:`render` takes a chart from here when one was started for it;
    a chart the child did not deliver is drawn by the caller as before.

    Only in a single-threaded process on a system with ``fork`` (the command line): forking
    a threaded server could copy a lock held by another thread. Use as a context manager:
    leaving it ends the child (by its pid) and removes its files.
    """

    def __init__(self) -> None:
        self._folder: Path | None = None
        self._jobs: list[tuple[multiprocessing.process.BaseProcess,
                               dict[tuple[ChartSpec, ChartFormat], Path]]] = []  # fmt: skip

    @staticmethod
    def available() -> bool:
        return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1

    def start(self, specs: Sequence[ChartSpec], formats: Sequence[ChartFormat]) -> None:
        """Start drawing ``specs`` in ``formats`` (nothing happens when unavailable)."""
        fresh = [spec for spec in dict.fromkeys(specs)
                 if any((spec, fmt) not in _PENDING for fmt in formats)]  # fmt: skip
        if not fresh or not formats or not self.available():
            return
        if self._folder is None:
            self._folder = Path(tempfile.mkdtemp(prefix="binhdang-charts-"))
        first = sum(len(files) for _, files in self._jobs)
        files = {(spec, fmt): self._folder / f"{first + index}-{position}.{fmt}"
                 for index, spec in enumerate(fresh) for position, fmt in enumerate(formats)}  # fmt: skip
        process = multiprocessing.get_context("fork").Process(
            target=_render_files, args=(files,), daemon=True
        )
        process.start()
        self._jobs.append((process, files))
        for key in files:
            _PENDING[key] = self

    def take(self, spec: ChartSpec, fmt: ChartFormat) -> bytes | None:
        """The chart's bytes once its process has ended; ``None`` when it failed or took
        longer than :data:`WAIT_SECONDS`."""
        for process, files in self._jobs:
            path = files.get((spec, fmt))
            if path is None:
                continue
            process.join(WAIT_SECONDS)
            if process.is_alive():
                process.kill()
                process.join()
            return path.read_bytes() if path.exists() else None
        return None

    def close(self) -> None:
        for process, files in self._jobs:
            if process.is_alive():
                process.kill()
            process.join()
            for key in files:
                if _PENDING.get(key) is self:
                    del _PENDING[key]
        self._jobs.clear()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None

    def __enter__(self) -> BackgroundCharts:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _line(plt, spec: LineChart):  # type: ignore[no-untyped-def]
    figure, axes = plt.subplots(figsize=(6.3, 3.2))
    positions = list(range(len(spec.categories)))
    top = 0.0
    for index, series in enumerate(spec.series):
        points = [
            (x, float(v)) for x, v in zip(positions, series.values, strict=True) if v is not None
        ]
        if not points:
            continue
        xs, ys = zip(*points, strict=True)
        top = max(top, *ys)
        axes.plot(
            xs,
            ys,
            color=_GREYS[index % 2],
            linestyle=_LINE_STYLES[index % 3],
            marker=_MARKERS[index % 3],
            linewidth=1.8,
            markersize=6,
            label=series.name,
        )
        for x, v in zip(positions, series.values, strict=True):
            if v is not None:
                axes.annotate(
                    _label(v, spec.decimal_comma, spec.percent),
                    (x, float(v)),
                    textcoords="offset points",
                    xytext=(0, 7),
                    ha="center",
                    fontsize=8,
                )
    axes.set_xticks(positions, spec.categories)
    axes.set_ylim(0, max(100.0, top * 1.15) if spec.percent else top * 1.2 or 1)
    axes.set_ylabel(spec.y_label)
    axes.grid(axis="y", color="#dddddd", linewidth=0.6)
    axes.legend(
        loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=len(spec.series), frameon=False
    )
    if len(positions) == 1:
        axes.set_xlim(-0.5, 0.5)
    return figure


def _bars(plt, spec: BarChart):  # type: ignore[no-untyped-def]
    count = len(spec.categories)
    figure, axes = plt.subplots(figsize=(6.3, 1.0 + 0.3 * max(count, 1)))
    positions = list(range(count))[::-1]  # first category on top
    left = [0.0] * count
    for index, series in enumerate(spec.series):
        values = [float(v or 0) for v in series.values]
        bars = axes.barh(
            positions,
            values,
            left=left,
            color="white" if index else "#555555",
            edgecolor="#1a1a1a",
            hatch=_HATCHES[index % 3],
            linewidth=0.7,
            label=series.name,
            height=0.7,
        )
        for bar, value in zip(bars, values, strict=True):
            if value:
                axes.text(
                    bar.get_x() + bar.get_width() / 2,
                    bar.get_y() + bar.get_height() / 2,
                    f"{int(value)}",
                    ha="center",
                    va="center",
                    fontsize=7,
                    color="white" if index == 0 else "black",
                    bbox=None
                    if index == 0
                    else {"facecolor": "white", "edgecolor": "none", "pad": 0.5},
                )
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.set_yticks(positions, spec.categories)
    axes.set_xlabel(spec.x_label)
    axes.legend(loc="lower right", frameon=True, fontsize=8)
    axes.set_xlim(0, max(left or [1]) * 1.08)
    return figure
