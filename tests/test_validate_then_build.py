"""Whatever validate accepts, the build renders: values that passed validation and then crashed the build."""

from __future__ import annotations

import html
from pathlib import Path

import lxml.html
import pytest

from itcomms.content.validate import check_content
from support import MINIMAL_CONTENT, build_site, make_project


def _edit(project: Path, relative: str, old: str, new: str) -> None:
    path = project / "content" / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("edge") / "project", MINIMAL_CONTENT)
    # a unit with the chart library's math sign, twice (an unbalanced pair made it raise)
    _edit(project, "metrics/satisfaction.yaml", "name: Satisfaction", "name: Cost per $ of $budget")
    _edit(project, "metrics/satisfaction.yaml", "unit: points", "unit: $$ per head")
    _edit(project, "metrics/satisfaction.yaml", "target: 4", "target: 999999999999")
    # the largest money and the last year accepted
    _edit(project, "accomplishments/2026/2026-02-10-faster-laptops.yaml", "  hours: 120", "  money: 1000000000000")
    # a line separator where text may span lines is kept (escaped in feeds and front matter)
    _edit(project, "newsletters/2026-03.yaml", "editorial: Hello from IT.", 'editorial: "Hello\\u2028from IT."')
    _edit(project, "newsletters/2026-03.yaml", "featured:", 'title: "March: C# & F#, \\"quoted\\""\nfeatured:')
    assert check_content(project).ok, [str(problem) for problem in check_content(project).problems]
    site_dir = tmp_path_factory.mktemp("edge-site")
    build_site(project, site_dir, ITCOMMS_PDF="0")
    return site_dir


def test_a_dollar_in_a_kpi_is_text_in_its_chart(site_dir: Path) -> None:
    charts = [
        path.read_text(encoding="utf-8")
        for path in site_dir.rglob("*.html")
        if "$$ per head" in path.read_text(encoding="utf-8")
    ]
    assert charts, "the KPI's unit is on no page"
    assert any("<svg" in page and "$$ per head" in page for page in charts)


def test_edge_values_reach_the_newsletter_email_and_feed(site_dir: Path) -> None:
    eml = (site_dir / "newsletter/2026-03/newsletter-2026-03.eml").read_text(encoding="utf-8")
    subject = next(line for line in eml.splitlines() if line.startswith("Subject:"))
    assert "\u2028" not in subject
    feed = lxml.etree.parse(str(site_dir / "newsletter/feed.xml"))
    # RSS titles are HTML, so the feed escapes them once more: a reader shows the unescaped text
    assert any("C# & F#" in html.unescape(title.text or "") for title in feed.iter("title"))
    page = lxml.html.parse(str(site_dir / "newsletter/2026-03/index.html")).getroot()
    assert "C# & F#" in page.findtext(".//title")
