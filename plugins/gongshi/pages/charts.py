"""Charts drawn at build time as SVG: no script, readable in print, with a text alternative.

Each chart is a figure whose numbers also appear in a real table next to it (WCAG: the chart
is never the only way to get the data).
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 0  # labels sit above each bar: long Chinese names fit a phone's width
WIDTH = 600


@dataclass(frozen=True)
class Bar:
    label: str
    value: float  # 0..1
    note: str  # shown after the bar, e.g. "12/13"
    text: str = ""  # shown instead of the percentage, e.g. "92.5 分"
    tone: str = ""  # a colour of its own (class chart__bar--<tone>), e.g. a rectification status


NARROW_WIDTH = 360  # a phone's width in CSS px: 13-unit text stays 13 px there


def bar_chart(bars: list[Bar], title: str, *, target: bool = True, width: int = WIDTH) -> Markup:
    """Horizontal bars, 0–100 %, with a 100 % target line unless `target` is False (scores,
    shares of a whole); colour is never the only cue: every bar has its label in words above it.
    A chart drawn `NARROW_WIDTH` wide is shown at about that size (class chart--narrow), so its
    13-unit text stays about 13 px on a phone; a `WIDTH` chart shrinks to about 60 % there."""
    row = BAR_HEIGHT + GAP + 18
    height = max(1, len(bars)) * row + 10
    narrow = " chart--narrow" if width < WIDTH else ""
    parts = [f'<svg class="chart{narrow}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'role="img" aria-label="{escape(title)}" preserveAspectRatio="xMinYMin meet">',
             f"<title>{escape(title)}</title>"]
    usable = width - 120
    for index, bar in enumerate(bars):
        y = index * row
        filled = max(0.0, min(1.0, bar.value)) * usable
        percent = bar.text or f"{bar.value * 100:.1f}%".replace(".0%", "%")
        parts.append(f'<text x="0" y="{y + 14}" class="chart__label">{escape(bar.label)}</text>')
        parts.append(f'<rect x="0" y="{y + 18}" width="{usable}" height="{BAR_HEIGHT}" class="chart__track"/>')
        tone = f" chart__bar--{bar.tone}" if bar.tone else ""
        parts.append(f'<rect x="0" y="{y + 18}" width="{filled:.1f}" height="{BAR_HEIGHT}" '
                     f'class="chart__bar{" chart__bar--short" if target and bar.value < 1 else ""}{tone}"/>')
        parts.append(f'<text x="{usable + 8}" y="{y + 34}" class="chart__value">{percent} {escape(bar.note)}</text>')
    if target:
        parts.append(f'<line x1="{usable}" y1="0" x2="{usable}" y2="{height}" class="chart__target"/>')
    parts.append("</svg>")
    return Markup("".join(parts))
