"""Charts: one definition, rendered to PNG (DOCX, PDF) and SVG (HTML) with matplotlib.

Readable in black-and-white print: series differ by line style, marker and hatching, not
only by colour. Text as the document's: Times New Roman (Liberation Serif, its metric twin
with every Vietnamese diacritic, from ``fonts-liberation2``; DejaVu Serif when neither is
installed), never under :data:`MIN_FONT_PT` as printed: each figure is laid out at the width
it is shown in the DOCX (:data:`PNG_WIDTH_MM`), so its points are the page's points. Counts
are on whole-number axes; numbers are written as the report's language writes them
(``53,6`` and ``1.234`` in Vietnamese, ``53.6`` and ``1,234`` in English).
"""

from __future__ import annotations

import io
import multiprocessing
import os
import shutil
import signal
import tempfile
import textwrap
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

ChartFormat = Literal["png", "svg"]
FONT_FAMILY = ["Times New Roman", "Liberation Serif", "DejaVu Serif", "serif"]
MIN_FONT_PT = 9  # the smallest text on a chart, as printed
FONT_PT = 10  # ticks, axis labels, legend
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
    decimal_comma: bool = True  # Vietnamese: 53,6 (and 1.234)


@dataclass(frozen=True)
class BarChart:
    """Horizontal stacked bars per category (unit), e.g. women and men by unit."""

    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    x_label: str
    decimal_comma: bool = True  # Vietnamese: 1.234 (English: 1,234)


ChartSpec = LineChart | BarChart


def _label(value: Decimal | int, decimal_comma: bool, percent: bool) -> str:
    text = f"{value:.1f}" if percent else f"{value}"
    if decimal_comma:
        text = text.replace(".", ",")
    return text + ("%" if percent else "")


def number_text(value: float, decimal_comma: bool) -> str:
    """An axis figure: ``1.234`` / ``12,5`` (Vietnamese) or ``1,234`` / ``12.5`` (English);
    no needless decimals (``20``, not ``20.0``)."""
    whole = float(value).is_integer()
    text = f"{int(value):,}" if whole else f"{value:,.10g}"
    if decimal_comma:
        text = text.translate(str.maketrans(",.", ".,"))
    return text


def _axis_numbers(axis, decimal_comma: bool, integer: bool) -> None:
    """Ticks written as the report's language writes numbers; whole numbers only on a count
    axis (no "0,5 người")."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    if integer:  # at most 6 ticks: "2.250" beside "2.000" stays readable on a short axis
        axis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    axis.set_major_formatter(FuncFormatter(lambda value, _: number_text(value, decimal_comma)))


def render(spec: ChartSpec, fmt: ChartFormat) -> bytes:
    """The chart as PNG or SVG bytes (deterministic: no dates or random ids inside); taken
    from :class:`BackgroundCharts` when one was started for it."""
    owner = _PENDING.get((spec, fmt))
    if owner is not None:
        found = owner.take(spec, fmt)
        if found is not None:
            return found
    return render_formats(spec, (fmt,))[fmt]


DPI = 200
PNG_WIDTH_MM = 150
"""The width a chart is shown at in the DOCX (and so the PDF): the PNG is drawn with as many
pixels as :data:`DPI` gives at that width."""
FIGURE_WIDTH_IN = PNG_WIDTH_MM / 25.4  # laid out at the width it is shown: points are points
_RC = {
    "font.family": "serif",
    "font.serif": FONT_FAMILY,
    "font.size": FONT_PT,
    "legend.fontsize": FONT_PT,
    "figure.constrained_layout.use": True,
    "svg.hashsalt": "binhdang",
    "svg.fonttype": "path",
    # No glyph hinting: at 200 dpi it changes nothing a reader sees, and FreeType's
    # autohinter was half the cost of measuring and drawing a chart's ~120 texts.
    "text.hinting": "no_hinting",
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def render_formats(spec: ChartSpec, formats: Sequence[ChartFormat]) -> dict[ChartFormat, bytes]:
    """The chart in each of ``formats``, drawn once (the same bytes as :func:`render` each)."""
    plt = _pyplot()
    with plt.rc_context(_RC):
        figure = _figure(plt, spec)
        try:
            return {fmt: _save(figure, fmt) for fmt in formats}
        finally:
            plt.close(figure)


def _figure(plt, spec: ChartSpec):
    """The chart's figure, laid out and drawn once into the PNG's pixels (at the PNG's
    resolution: the layout and the drawing share one renderer, so each text is measured
    once, the costly part of a chart), then fixed: the PNG and the SVG drawn from it are the
    same whichever is saved first (the constrained layout, run again at each save, would
    move things by a hair after an earlier save)."""
    figure = _line(plt, spec) if isinstance(spec, LineChart) else _bars(plt, spec)
    figure.set_dpi(png_dpi(figure))
    figure.canvas.draw()
    figure.set_layout_engine("none")
    return figure


def _save(figure, fmt: ChartFormat) -> bytes:
    if fmt == "svg":
        buffer = io.BytesIO()
        figure.savefig(buffer, format=fmt, dpi=DPI, metadata={"Date": None})
        return buffer.getvalue()
    return _png(figure)


def _png(figure) -> bytes:
    """The figure as a PNG :data:`PNG_WIDTH_MM` wide at :data:`DPI` (the constrained layout
    keeps every label inside the figure, which is as wide as the page shows it, so nothing
    is cropped or scaled), from the pixels :func:`_figure` drew, encoded once: with one grey
    channel when every pixel is an opaque grey, as the charts are (drawn in greys to print
    the same in black and white), the same picture in less than half the bytes, which
    LibreOffice also puts into the PDF faster."""
    import numpy as np
    from PIL import Image

    pixels = np.asarray(figure.canvas.buffer_rgba())
    red, green, blue, alpha = (pixels[..., channel] for channel in range(4))
    grey = not (alpha != 255).any() and not (red != green).any() and not (green != blue).any()
    image = Image.fromarray(np.ascontiguousarray(red if grey else pixels), "L" if grey else "RGBA")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(DPI, DPI))
    return buffer.getvalue()


def png_dpi(figure) -> float:
    """The resolution at which ``figure`` is :data:`PNG_WIDTH_MM` wide at :data:`DPI`."""
    return DPI * PNG_WIDTH_MM / 25.4 / figure.get_figwidth()


WAIT_SECONDS = 120
"""How long :meth:`BackgroundCharts.take` waits for a chart before drawing it itself."""
_POLL_SECONDS = 0.005

_PENDING: dict[tuple[ChartSpec, ChartFormat], BackgroundCharts | DrawnCharts] = {}


def _worker(jobs: Any) -> None:
    """The child process: import matplotlib at once (most of a second, while the report is
    still being read), then draw the charts handed over, every PNG before any SVG, also
    across sections (the DOCX, written first, needs all the PNGs; the HTML comes after), each
    figure drawn once. Ctrl+C is left to the parent, which ends the child."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    plt = _pyplot()
    pending: list[tuple[ChartSpec, ChartFormat, Path]] = []
    figures: dict[ChartSpec, Any] = {}
    while True:
        try:
            if not pending:
                pending.extend(jobs.recv())
            while jobs.poll():  # the charts of later sections, already handed over
                pending.extend(jobs.recv())
        except EOFError:  # the parent is done (or gone)
            return
        pending.sort(key=lambda item: item[1] != "png")  # stable: PNGs first, in order
        spec, fmt, path = pending.pop(0)
        with plt.rc_context(_RC):
            if spec not in figures:
                figures[spec] = _figure(plt, spec)
            partial = path.with_suffix(".part")
            partial.write_bytes(_save(figures[spec], fmt))
        os.replace(partial, path)  # a file that exists is whole
        if all(item[0] != spec for item in pending):
            plt.close(figures.pop(spec))


class BackgroundCharts:
    """Charts drawn by a forked child process while the caller goes on (reading the rest of
    the report on the other core): importing matplotlib and drawing a province's chart by
    unit take about two seconds. The child starts when the context is entered and imports
    matplotlib; :meth:`start` hands it the charts of a section. :func:`render` takes a chart
    from here when it was handed over; one the child did not deliver is drawn in place.

    Only in a single-threaded process on a system with ``fork`` (the command line): forking
    a threaded server could copy a lock held by another thread. Leaving the context ends the
    child (by its pid) and removes its files.
    """

    def __init__(self, formats: Sequence[ChartFormat]) -> None:
        self.formats = tuple(formats)
        self._process: multiprocessing.process.BaseProcess | None = None
        self._jobs: Any = None  # the sending end of the pipe to the child
        self._folder: Path | None = None
        self._files: dict[tuple[ChartSpec, ChartFormat], Path] = {}

    @staticmethod
    def available() -> bool:
        return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1

    def __enter__(self) -> BackgroundCharts:
        if self.formats and self.available():
            context = multiprocessing.get_context("fork")
            receiving, self._jobs = context.Pipe(duplex=False)
            self._folder = Path(tempfile.mkdtemp(prefix="binhdang-charts-"))
            self._process = context.Process(target=_worker, args=(receiving,), daemon=True)
            self._process.start()
            receiving.close()
        return self

    def start(self, specs: Sequence[ChartSpec]) -> None:
        """Hand ``specs`` to the child (nothing happens without one)."""
        if self._process is None or self._folder is None:
            return
        job = []
        for spec in dict.fromkeys(specs):
            for fmt in self.formats:
                if (spec, fmt) not in self._files:
                    path = self._folder / f"{len(self._files)}.{fmt}"
                    self._files[(spec, fmt)] = path
                    job.append((spec, fmt, path))
        if not job:
            return
        try:
            self._jobs.send(job)
        except OSError:  # the child is gone: render() draws them in place
            return
        for spec, fmt, _ in job:
            _PENDING[(spec, fmt)] = self

    def ready(self, specs: Sequence[ChartSpec], fmt: ChartFormat) -> bool:
        """Whether every chart of ``specs`` in ``fmt`` can be had without waiting: written by
        the child, or never handed to it (then drawn in place when asked)."""
        return all(
            (path := self._files.get((spec, fmt))) is None or path.exists() for spec in specs
        )

    def take(self, spec: ChartSpec, fmt: ChartFormat) -> bytes | None:
        """The chart's bytes once the child has written them; ``None`` when it ended without
        them or took longer than :data:`WAIT_SECONDS`."""
        path = self._files.get((spec, fmt))
        if path is None or self._process is None:
            return None
        deadline = time.monotonic() + WAIT_SECONDS
        while not path.exists() and self._process.is_alive() and time.monotonic() < deadline:
            time.sleep(_POLL_SECONDS)
        return path.read_bytes() if path.exists() else None

    def close(self) -> None:
        if self._process is not None:
            self._jobs.close()
            if self._process.is_alive():
                self._process.kill()
            self._process.join()
            self._process = None
        for key in self._files:
            if _PENDING.get(key) is self:
                del _PENDING[key]
        self._files.clear()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None

    def __exit__(self, *exc: object) -> None:
        self.close()


class DrawnCharts:
    """The interface of :class:`BackgroundCharts` with the charts drawn here, in this
    process, as they are handed over (each figure once for all its formats, the same bytes as
    the child's): for a batch of reports in one process (a round's submissions), where
    matplotlib is imported once and no child is started for every report."""

    def __init__(self, formats: Sequence[ChartFormat]) -> None:
        self.formats = tuple(formats)
        self._drawn: dict[tuple[ChartSpec, ChartFormat], bytes] = {}

    def __enter__(self) -> DrawnCharts:
        return self

    def start(self, specs: Sequence[ChartSpec]) -> None:
        for spec in dict.fromkeys(specs):
            wanted = [fmt for fmt in self.formats if (spec, fmt) not in self._drawn]
            if wanted:
                for fmt, content in render_formats(spec, wanted).items():
                    self._drawn[(spec, fmt)] = content
                    _PENDING[(spec, fmt)] = self

    def ready(self, specs: Sequence[ChartSpec], fmt: ChartFormat) -> bool:
        return True

    def take(self, spec: ChartSpec, fmt: ChartFormat) -> bytes | None:
        return self._drawn.get((spec, fmt))

    def close(self) -> None:
        for key in self._drawn:
            if _PENDING.get(key) is self:
                del _PENDING[key]
        self._drawn.clear()

    def __exit__(self, *exc: object) -> None:
        self.close()


def _line(plt, spec: LineChart):
    figure, axes = plt.subplots(figsize=(FIGURE_WIDTH_IN, 3.2))
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
                    fontsize=MIN_FONT_PT,
                )
    axes.set_xticks(positions, spec.categories)
    axes.set_ylim(0, max(100.0, top * 1.15) if spec.percent else top * 1.2 or 1)
    axes.set_ylabel(spec.y_label)
    _axis_numbers(axes.yaxis, spec.decimal_comma, integer=not spec.percent)
    axes.grid(axis="y", color="#dddddd", linewidth=0.6)
    axes.legend(
        loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=len(spec.series), frameon=False
    )
    if len(positions) == 1:
        axes.set_xlim(-0.5, 0.5)
    return figure


CATEGORY_CHARS = 34  # a longer unit name goes on two lines beside its bar
MAX_HEIGHT_IN = 8.5  # 216 mm: a chart and its caption fit on a page (257 mm of text height)


def _bars(plt, spec: BarChart):
    count = len(spec.categories)
    labels = [textwrap.fill(c, CATEGORY_CHARS) for c in spec.categories]
    lines = sum(label.count("\n") + 1 for label in labels)
    height = 1.1 + max(0.3 * max(count, 1), 0.19 * lines)
    crowded = height > MAX_HEIGHT_IN
    if crowded:  # one line per unit and thinner bars: the chart stays within a page
        labels, height = list(spec.categories), MAX_HEIGHT_IN
    figure, axes = plt.subplots(figsize=(FIGURE_WIDTH_IN, height))
    if crowded:
        axes.tick_params(axis="y", labelsize=MIN_FONT_PT)
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
                    number_text(value, spec.decimal_comma),
                    ha="center",
                    va="center",
                    fontsize=MIN_FONT_PT,
                    color="white" if index == 0 else "black",
                    bbox=None
                    if index == 0
                    else {"facecolor": "white", "edgecolor": "none", "pad": 0.5},
                )
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.set_yticks(positions, labels)
    axes.set_xlabel(spec.x_label)
    _axis_numbers(axes.xaxis, spec.decimal_comma, integer=True)
    axes.legend(loc="lower right", frameon=True)
    axes.set_xlim(0, max(left or [1]) * 1.08)
    return figure
