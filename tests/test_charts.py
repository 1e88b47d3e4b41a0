"""Charts: inline-ready SVG, text kept as text, ids unique per chart, deterministic and cached."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from itcomms.rendering.charts import Chart, Charts, Series
from itcomms.rendering.kept import KeptFiles

CHART = Chart(
    key="kpi-first-time-fix",
    title="Fixed at first contact, 2026",
    description="Monthly share of requests fixed at first contact, against a target of 75%.",
    categories=("2026-01", "2026-02", "2026-03"),
    series=(Series("Share fixed", (71.0, None, 78.5)),),
    unit="%",
    target=75,
)


def test_svg_is_inline_ready_and_accessible() -> None:
    svg = Charts(KeptFiles(None)).svg(CHART)
    assert svg.startswith("<svg ")
    root = etree.fromstring(svg.encode())
    ns = {"svg": "http://www.w3.org/2000/svg"}
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "kpi-first-time-fix-title kpi-first-time-fix-desc"
    assert root.find("svg:title", ns).text == CHART.title
    assert root.find("svg:desc", ns).text == CHART.description
    texts = "".join(root.itertext())
    assert "2026-03" in texts and "Target (75)" in texts  # text is kept as text
    assert all(element.startswith("kpi-first-time-fix-") for element in re.findall(r'id="([^"]+)"', svg))
    assert "currentColor" in svg and "#ffffff" not in svg.lower()
    assert "\n\n" not in svg


def test_two_charts_on_one_page_share_no_id_and_no_style_rule() -> None:
    other = Chart(**{**CHART.__dict__, "key": "2026-other", "kind": "bar"})  # a key may start with a digit
    first, second = Charts(KeptFiles(None)).svg(CHART), Charts(KeptFiles(None)).svg(other)
    assert not set(re.findall(r'id="([^"]+)"', first)) & set(re.findall(r'id="([^"]+)"', second))
    for svg in (first, second):
        selectors = re.findall(r"(?:^|\})([^{}]+)\{", re.search(r"<style[^>]*>(.*?)</style>", svg, re.DOTALL)[1])
        # A style sheet in inline SVG applies to the whole page: every rule is the chart's own.
        scope = re.search(r'class="itcomms-chart (chart-[\w-]+)"', svg)[1]
        assert all(selector.startswith(f".{scope} ") for selector in selectors), selectors
    assert (
        re.search(r'class="itcomms-chart (chart-[\w-]+)"', first)[1]
        != re.search(r'class="itcomms-chart (chart-[\w-]+)"', second)[1]
    )


def test_a_chart_is_as_light_as_what_it_shows() -> None:
    year = Chart(
        key="kpi-year",
        title="Availability, 2026",
        description="Monthly availability of two services against a target.",
        categories=tuple(f"2026-{month:02d}" for month in range(1, 13)),
        series=(Series("Email", tuple(99 + month / 100 for month in range(12))), Series("Chat", (98.5,) * 12)),
        unit="%",
        target=99.5,
    )
    svg = Charts(KeptFiles(None)).svg(year)
    assert ' style="' not in svg  # each style once, in the chart's style sheet, not on every label and tick
    assert not re.search(r"\d\.\d{3}", re.sub(r">[^<]*<", "><", svg))  # positions to a hundredth of a point
    assert len(svg.encode()) < 12_000  # was 21 KB: twelve months of two series


def test_same_chart_same_bytes_and_cached(tmp_path: Path) -> None:
    charts = Charts(KeptFiles(tmp_path))
    first = charts.svg(CHART)
    assert Charts(KeptFiles(None)).svg(CHART) == first
    (cached,) = tmp_path.glob("*.svg")
    cached.write_text("<svg>from the cache</svg>", encoding="utf-8")
    assert Charts(KeptFiles(tmp_path)).svg(CHART) == "<svg>from the cache</svg>"
    changed = Chart(**{**CHART.__dict__, "target": 80})
    assert "Target (80)" in Charts(KeptFiles(tmp_path)).svg(changed)


def test_a_chart_no_longer_drawn_is_forgotten(tmp_path: Path) -> None:
    Charts(KeptFiles(tmp_path)).svg(CHART)
    changed = Chart(**{**CHART.__dict__, "target": 80})
    charts = Charts(KeptFiles(tmp_path))
    charts.svg(changed)
    assert len(list(tmp_path.glob("*.svg"))) == 2
    charts.kept.forget_unused()
    (kept,) = tmp_path.glob("*.svg")
    assert "Target (80)" in kept.read_text(encoding="utf-8")


def test_a_kept_chart_cut_short_is_drawn_again(tmp_path: Path) -> None:
    drawn = Charts(KeptFiles(tmp_path)).svg(CHART)
    (kept,) = tmp_path.glob("*.svg")
    kept.write_text(drawn[:100], encoding="utf-8")
    assert Charts(KeptFiles(tmp_path)).svg(CHART) == drawn
