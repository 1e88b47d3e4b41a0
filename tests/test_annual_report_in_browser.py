"""The annual report in headless Chromium: charts readable in both palettes, and a report when printed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from browser import chromium, serve, visit

pytestmark = pytest.mark.browser

# The chart's text colour, and the colour of the first opaque background behind it.
COLOURS = """() => {
  const text = document.querySelector('svg.itcomms-chart text');
  let node = text, background = 'rgba(0, 0, 0, 0)';
  while (node && /rgba\\(.*, 0\\)|transparent/.test(background)) {
    background = getComputedStyle(node).backgroundColor;
    node = node.parentElement;
  }
  return {text: getComputedStyle(text).fill, typeset: getComputedStyle(text.closest('article')).color, background};
}"""


def luminance(colour: str) -> float:
    red, green, blue = (int(part) / 255 for part in re.findall(r"\d+", colour)[:3])
    linear = [part / 12.92 if part <= 0.03928 else ((part + 0.055) / 1.055) ** 2.4 for part in (red, green, blue)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_report_in_chromium(demo_site: Path) -> None:
    """Charts take the palette's text colour in light and dark; printed, the page is a report."""
    with chromium() as browser, serve(demo_site) as base_url:
        for scheme in ("light", "dark"):
            seen = visit(browser, base_url + "report/2026/", color_scheme=scheme)
            assert seen.console_errors == [], scheme
            assert seen.foreign_hosts == set(), scheme
            colours = seen.page.evaluate(COLOURS)
            assert colours["text"] == colours["typeset"], scheme
            assert contrast(colours["text"], colours["background"]) >= 4.5, scheme
            charts = seen.page.locator("figure.report-chart svg")
            assert charts.count() >= 9
            assert all(box and box["width"] > 300 for box in (chart.bounding_box() for chart in charts.all()))

        seen.page.emulate_media(media="print")
        assert not seen.page.locator(".md-header").is_visible()
        assert not seen.page.locator(".md-sidebar--primary").is_visible()
        assert not seen.page.get_by_text("Download this report as a PDF").is_visible()
        breaks = seen.page.eval_on_selector_all(
            ".report h2", "headings => headings.map(h => getComputedStyle(h).breakBefore)"
        )
        assert breaks and set(breaks) == {"page"}
        assert seen.page.pdf(format="A4")[:5] == b"%PDF-"
