"""Charts drawn at build time with matplotlib: SVG to place inline in a page, the same bytes every time.

- Text stays text (selectable, searchable, sharp in print and in the PDF).
- Lines and labels are drawn in ``currentColor``, so one chart reads in the
  light and dark palettes and in print; data colours are mid-tones that keep
  their contrast on both backgrounds.
- Every id inside is prefixed with the chart's key, so several charts can sit
  on one page; ``<title>`` and ``<desc>`` name it for screen readers (the page
  still gives the numbers as a table).
- Drawing is the slow part, so each SVG is cached on disk under a digest of
  everything that shapes it (the drawing code is in every kept entry's name,
  ``rendering.kept``): an unchanged chart is read back, not redrawn.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from dataclasses import asdict, dataclass
from importlib.metadata import version
from typing import Any, Literal

from markupsafe import escape

from itcomms.rendering.kept import KeptFiles

PALETTE = ("#3b82c4", "#d9822b", "#2f9e77", "#b556a0", "#8c6bc8", "#c4524f")
"""Series colours, in order: readable on white and on Material's dark slate (3:1 or more on both)."""

_INK = "#010203"
"""Drawn in this colour, then published as currentColor."""

_ID = re.compile(r'\bid="([^"]+)"')
_PROLOGUE = re.compile(r"^.*?(?=<svg\b)", re.DOTALL)
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.DOTALL)
_STYLE_ATTRIBUTE = re.compile(r' style="([^"]*)"')
_GEOMETRY = re.compile(r'\b(d|transform|x|y|width|height|points)="([^"]*)"')
_LONG_DECIMAL = re.compile(r"(\d+\.\d\d)\d+")


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[float | None, ...]
    """One value per category; None where there is none."""


@dataclass(frozen=True)
class Chart:
    """What to draw; the page shows the same numbers in a table."""

    key: str
    """Unique on its page, letters, digits and hyphens: ids inside the SVG start with it."""
    title: str
    description: str
    """One or two sentences saying what the chart shows, for people who cannot see it."""
    categories: tuple[str, ...]
    """The labels along the bottom, like months."""
    series: tuple[Series, ...]
    unit: str = ""
    target: float | None = None
    kind: Literal["line", "bar"] = "line"
    legend: Literal["inside", "above"] = "inside"
    """Where the key goes: inside the plot where it hides least, or above it (when bars fill the plot)."""


class Charts:
    """Draws charts for one build; ``kept`` holds the SVGs already drawn."""

    def __init__(self, kept: KeptFiles) -> None:
        self.kept = kept
        # The installed version from its metadata (once: reading it costs milliseconds), since importing
        # matplotlib to ask would cost more than a cached chart saves.
        self._matplotlib = version("matplotlib")

    def svg(self, chart: Chart) -> str:
        """The chart as an ``<svg>`` element ready to place in HTML."""
        digest = self._digest(chart)
        cached = self.kept.read(digest, ".svg")
        if cached is not None and cached.rstrip().endswith(b"</svg>"):  # a file cut short is drawn again
            return cached.decode("utf-8", errors="replace")
        drawn = _label(_draw(chart), chart)
        self.kept.write(digest, ".svg", drawn.encode("utf-8"))
        return drawn

    def _digest(self, chart: Chart) -> str:
        shaped_by = {"chart": asdict(chart), "matplotlib": self._matplotlib}
        return hashlib.sha256(json.dumps(shaped_by, sort_keys=True).encode()).hexdigest()[:32]


def _draw(chart: Chart) -> str:
    # Imported on a cache miss only: matplotlib takes a while to load.
    import matplotlib
    from matplotlib.figure import Figure

    settings: dict[str, Any] = {
        "svg.hashsalt": chart.key,
        "svg.fonttype": "none",
        "font.family": "sans-serif",
        "font.size": 11,
        "text.color": _INK,
        "axes.edgecolor": _INK,
        "axes.labelcolor": _INK,
        "xtick.color": _INK,
        "ytick.color": _INK,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "text.parse_math": False,  # a unit or label with "$" (a currency) is text, not math to typeset
    }
    with matplotlib.rc_context(settings):  # type: ignore[arg-type]  # typed as a Literal of every key
        figure = Figure(figsize=(7.2, 3.2), facecolor="none")
        axes = figure.subplots()
        axes.set_facecolor("none")
        positions = list(range(len(chart.categories)))
        width = 0.8 / max(len(chart.series), 1)
        for index, series in enumerate(chart.series):
            colour = PALETTE[index % len(PALETTE)]
            points = [(x, value) for x, value in zip(positions, series.values, strict=True) if value is not None]
            xs, ys = [x for x, _ in points], [value for _, value in points]
            if chart.kind == "bar":
                offset = (index - (len(chart.series) - 1) / 2) * width
                axes.bar([x + offset for x in xs], ys, width=width, color=colour, label=series.label)
            else:
                axes.plot(xs, ys, color=colour, marker="o", linewidth=2, label=series.label)
        if chart.target is not None:
            axes.axhline(chart.target, color=_INK, linestyle="--", linewidth=1.2, label=f"Target ({chart.target:g})")
        rotated = len(positions) > 6
        axes.set_xticks(
            positions, list(chart.categories), rotation=45 if rotated else 0, ha="right" if rotated else "center"
        )
        if chart.unit:
            axes.set_ylabel(chart.unit)
        axes.grid(axis="y", color=_INK, alpha=0.15)
        if chart.legend == "above":
            entries = len(chart.series) + (chart.target is not None)
            axes.legend(frameon=False, loc="lower left", bbox_to_anchor=(0, 1.01), ncol=entries, borderaxespad=0)
        else:
            axes.legend(frameon=False, loc="best")
        figure.tight_layout()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def _compact(svg: str, key: str) -> str:
    """The same drawing in half the bytes: each distinct style once, as a class of the chart's own style sheet (a
    chart repeated the same 200-character style on every label and tick); no indentation; positions to a
    hundredth of a point; no ids but those something refers to (and the legend's, which says what it is)."""
    classes: dict[str, str] = {}

    def to_class(found: re.Match[str]) -> str:
        return f' class="{classes.setdefault(found.group(1), f"s{len(classes)}")}"'

    svg = _STYLE_ATTRIBUTE.sub(to_class, svg)
    # A style sheet inside inline SVG applies to the whole page: every rule is scoped to this chart.
    scope = f".chart-{key}"  # a class, not the key alone, which may start with a digit
    rules = "".join(f"{scope} .{name}{{{style}}}" for style, name in classes.items())
    svg = svg.replace('<style type="text/css">*{', f'<style type="text/css">{scope} *{{', 1)
    svg = svg.replace("</style>", f"{rules}</style>", 1)
    svg = _GEOMETRY.sub(lambda found: f'{found[1]}="{_shortened(found[2])}"', svg)
    referred = set(re.findall(r'(?:href="#|url\(#)([^")]+)', svg))
    svg = re.sub(r' id="([^"]+)"', lambda found: found[0] if found[1] in referred or "legend" in found[1] else "", svg)
    return "\n".join(line.strip() for line in svg.splitlines() if line.strip())


def _shortened(geometry: str) -> str:
    return _LONG_DECIMAL.sub(r"\1", " ".join(geometry.split()))


def _label(svg: str, chart: Chart) -> str:
    """Inline-ready: no prologue or metadata, ids made unique, currentColor, a title and a description."""
    svg = _METADATA.sub("", _PROLOGUE.sub("", svg, count=1))
    svg = "\n".join(line for line in svg.splitlines() if line.strip())  # a blank line would end Markdown's HTML block
    ids = set(_ID.findall(svg))
    for found in sorted(ids, key=len, reverse=True):
        prefixed = f"{chart.key}-{found}"
        svg = svg.replace(f'id="{found}"', f'id="{prefixed}"')
        svg = svg.replace(f'href="#{found}"', f'href="#{prefixed}"').replace(f"url(#{found})", f"url(#{prefixed})")
    svg = _compact(svg.replace(_INK, "currentColor"), chart.key)
    title_id, desc_id = f"{chart.key}-title", f"{chart.key}-desc"
    svg = re.sub(
        r"<svg\b([^>]*)>",
        lambda match: (
            f'<svg{match.group(1)} class="itcomms-chart chart-{chart.key}" role="img" aria-labelledby="{title_id} {desc_id}">'
            f'\n<title id="{title_id}">{escape(chart.title)}</title>'
            f'\n<desc id="{desc_id}">{escape(chart.description)}</desc>'
        ),
        svg,
        count=1,
    )
    return svg + "\n"
