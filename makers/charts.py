"""Small server-rendered SVG charts: no script, no external library."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

PALETTE = ("#b4361f", "#2a6f97", "#1f6b3a", "#8a5a00")


@dataclass(frozen=True)
class Series:
    label: str
    values: list[int]


def line_chart(
    *, days: list[date], series: list[Series], title: str, width: int = 640, height: int = 220
) -> SafeString:
    pad_left, pad_right, pad_top, pad_bottom = 36, 12, 12, 28
    plot_w, plot_h = width - pad_left - pad_right, height - pad_top - pad_bottom
    peak = max([max(s.values, default=0) for s in series] + [1])
    step = plot_w / max(len(days) - 1, 1)

    def point(i: int, value: int) -> str:
        return f"{pad_left + i * step:.1f},{pad_top + plot_h - value / peak * plot_h:.1f}"

    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMidYMid meet">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{pad_left}" y1="{pad_top + plot_h}" x2="{width - pad_right}" '
        f'y2="{pad_top + plot_h}" stroke="#8d8d94"/>',
        f'<text x="{pad_left - 6}" y="{pad_top + 10}" text-anchor="end" font-size="11" fill="#5c5c63">{peak}</text>',
        f'<text x="{pad_left - 6}" y="{pad_top + plot_h}" text-anchor="end" font-size="11" fill="#5c5c63">0</text>',
    ]
    if days:
        parts.append(
            f'<text x="{pad_left}" y="{height - 8}" font-size="11" fill="#5c5c63">{days[0]:%d.%m.}</text>'
            f'<text x="{width - pad_right}" y="{height - 8}" text-anchor="end" font-size="11" fill="#5c5c63">'
            f"{days[-1]:%d.%m.}</text>"
        )
    for index, s in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        points = " ".join(point(i, v) for i, v in enumerate(s.values))
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2.5" points="{points}"/>')
    parts.append("</svg>")
    legend = "".join(
        f'<span class="chart-legend__item"><span class="chart-legend__swatch" '
        f'style="background:{PALETTE[i % len(PALETTE)]}"></span>{escape(s.label)}</span>'
        for i, s in enumerate(series)
    )
    return mark_safe("".join(parts) + f'<p class="chart-legend">{legend}</p>')  # noqa: S308 (values escaped above)
