"""The dashboard's trend chart as inline SVG, drawn on the server (no chart library, no
script): one line per headline share across the staff lists' dates."""

from __future__ import annotations

from markupsafe import Markup, escape

from binhdang import formatting
from binhdang.indicators.catalogue import BY_CODE
from binhdang.indicators.results import IndicatorSet
from binhdang.messages import Lang

SERIES = (
    ("women_share_staff", "series-staff"),
    ("women_share_managers", "series-managers"),
    ("women_share_key_leaders", "series-heads"),
)
WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 44, 12, 36


def trend_svg(trend: list[IndicatorSet], lang: Lang) -> Markup:
    """An accessible SVG line chart (title, description, a legend) of the shares over time."""
    if not trend:
        return Markup("")
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(trend) - 1, 1)

    def x(i: int) -> float:
        return LEFT + (i * step if len(trend) > 1 else plot_w / 2)

    def y(value: float) -> float:
        return TOP + plot_h * (1 - value / 100)

    title = "Xu hướng tỷ lệ nữ" if lang == "vi" else "Share of women over time"
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="chart-title">',
        f'<title id="chart-title">{escape(title)}</title>',
    ]
    for tick in (0, 25, 50, 75, 100):
        parts.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" '
            f'y2="{y(tick):.1f}"/>'
        )
        parts.append(
            f'<text class="axis" x="{LEFT - 6}" y="{y(tick) + 4:.1f}" '
            f'text-anchor="end">{tick}%</text>'
        )
    parts.append(
        f'<line class="rule30" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(30):.1f}" y2="{y(30):.1f}"/>'
    )
    for i, item in enumerate(trend):
        parts.append(
            f'<text class="axis" x="{x(i):.1f}" y="{HEIGHT - 12}" text-anchor="middle">'
            f"{formatting.short_date(item.as_of, lang)}</text>"
        )
    for code, css in SERIES:
        points = []
        for i, item in enumerate(trend):
            value = item.get(code).ratio.percent
            if value is not None:
                points.append((x(i), y(float(value)), formatting.percent(value, lang)))
        if not points:
            continue
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py, _ in points)
        parts.append(f'<polyline class="line {css}" points="{path}"/>')
        for px, py, label in points:
            parts.append(
                f'<circle class="dot {css}" cx="{px:.1f}" cy="{py:.1f}" r="3.5">'
                f"<title>{escape(BY_CODE[code].name(lang))}: {label}</title></circle>"
            )
    parts.append("</svg>")
    legend = "".join(
        f'<li><span class="swatch {css}"></span>{escape(BY_CODE[code].name(lang))}</li>'
        for code, css in SERIES
    )
    return Markup("".join(parts) + f'<ul class="legend">{legend}</ul>')
