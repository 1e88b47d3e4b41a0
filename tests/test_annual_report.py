"""The annual report, checked against the raw content: headline figures, charts and their tables, the PDF.

The expected numbers are worked out here from the demo's YAML files, read
with ``yaml.safe_load`` (not the project's loader) and counted in a simpler
way than the project does (availability minute by minute), then compared
with what the built page and its PDF say.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import lxml.html
import pypdf
import pytest
import yaml

from support import DEMO_CONTENT, DEMO_NOW, MINIMAL_CONTENT, REPO, build_site, load_site, make_project

REPORT_YEARS = sorted(int(path.stem) for path in (DEMO_CONTENT / "reports").glob("*.yaml"))
SITE = yaml.safe_load((DEMO_CONTENT / "site.yaml").read_text(encoding="utf-8"))
ZONE = ZoneInfo(SITE["timezone"])
NOW = datetime.fromisoformat(DEMO_NOW).replace(tzinfo=ZONE)
WEIGHTS = {"none": 0.0, "minor": 0.5, "major": 1.0, "critical": 1.0}
SERIES_COLOUR = "#3b82c4"  # the first colour of the chart palette, the one a single series is drawn in


def load(pattern: str) -> Iterator[tuple[Path, dict[str, Any]]]:
    for path in sorted(DEMO_CONTENT.glob(pattern)):
        yield path, yaml.safe_load(path.read_text(encoding="utf-8"))


def moment(text: str) -> datetime:
    return datetime.fromisoformat(str(text)).replace(tzinfo=ZONE)


def page(site_dir: Path, year: int) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(site_dir / f"report/{year}/index.html")).getroot()


def text_of(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def figure(document: lxml.html.HtmlElement, key: str, part: str) -> str:
    (found,) = document.xpath(f"//li[@id='figure-{key}']/span[@class='report-figure__{part}']")
    return text_of(found)


def table_rows(table: lxml.html.HtmlElement) -> list[list[str]]:
    return [[text_of(cell) for cell in row.xpath("th|td")] for row in table.xpath("tbody/tr")]


def available_minutes_lost(service_id: str, start: datetime, end: datetime) -> float:
    """Minute by minute: the worst open incident counts (down 1, slow 0.5), announced maintenance does not."""
    incidents = [
        (moment(data["start"]), min(moment(data["end"]) if data.get("end") else NOW, NOW), WEIGHTS[data["impact"]])
        for _, data in load("incidents/*/*.yaml")
        if service_id in data["services"]
    ]
    planned = [
        (moment(data["start"]), moment(data["end"]))
        for _, data in load("maintenance/*.yaml")
        if service_id in data["services"] and not data.get("cancelled")
    ]
    lost = 0.0
    minutes = {
        started + timedelta(minutes=step)
        for started, ended, weight in incidents
        if weight
        for step in range(int((ended - started).total_seconds() // 60))
    }
    for minute in minutes:
        if not start <= minute < end or any(begin <= minute < stop for begin, stop in planned):
            continue
        lost += max(weight for begun, ended, weight in incidents if begun <= minute < ended)
    return lost


def expected_figures(year: int) -> dict[str, Any]:
    in_year = [data for path, data in load(f"accomplishments/{year}/*.yaml")]
    tickets = [data for path, data in load(f"tickets/*/{year}-q*.yaml")]
    surveys = sorted(
        (data for _, data in load("surveys/*.yaml") if data["closed"].year == year), key=lambda data: data["closed"]
    )
    start, end = datetime(year, 1, 1, tzinfo=ZONE), min(datetime(year + 1, 1, 1, tzinfo=ZONE), NOW)
    minutes = (end.astimezone(ZoneInfo("UTC")) - start.astimezone(ZoneInfo("UTC"))).total_seconds() / 60
    availability = {}
    for path, data in load("services/*.yaml"):
        if data.get("service_levels"):
            achieved = 100 * (1 - available_minutes_lost(path.stem, start, end) / minutes)
            availability[data["name"]] = (achieved, data["service_levels"]["availability"])
    latest = surveys[-1]
    first_question = latest["questions"][0]
    impacts = [data["impact"] for path, data in load(f"incidents/{year}/*.yaml")]
    return {
        "delivered": len(in_year),
        "money": sum(data.get("savings", {}).get("money", 0) for data in in_year),
        "hours": sum(data.get("savings", {}).get("hours", 0) for data in in_year),
        "tickets": sum(data["handled"] for data in tickets),
        "availability": availability,
        "met": sum(1 for achieved, target in availability.values() if round(achieved, 3) >= target),
        "satisfaction": (latest["scores"][first_question["id"]], first_question.get("scale", 5)),
        "impacts": {impact: impacts.count(impact) for impact in ("critical", "major", "minor", "none")},
    }


def test_the_demo_counts_calendar_years() -> None:
    """The expectations below count calendar years; the fiscal-year test covers the other case."""
    assert SITE.get("fiscal_year_start", 1) == 1
    assert REPORT_YEARS == [2025, 2026]


@pytest.mark.parametrize("year", REPORT_YEARS)
def test_headline_figures_match_the_raw_content(demo_site: Path, year: int) -> None:
    document = page(demo_site, year)
    expected = expected_figures(year)
    assert figure(document, "delivered", "value") == str(expected["delivered"])
    assert figure(document, "money-saved", "value") == f"£{round(expected['money']):,}"
    assert figure(document, "hours-saved", "value") == f"{round(expected['hours']):,}"
    assert figure(document, "tickets", "value") == f"{expected['tickets']:,}"
    assert figure(document, "availability", "value") == f"{expected['met']} of {len(expected['availability'])}"
    score, scale = expected["satisfaction"]
    assert figure(document, "satisfaction", "value") == f"{score:.1f} out of {scale}"

    if any(DEMO_CONTENT.glob(f"accomplishments/{year - 1}/*.yaml")):
        # like for like: the year before up to the same day, and its tickets over the same quarters
        same_day = date(year - 1, NOW.month, NOW.day) if year == NOW.year else date(year - 1, 12, 31)
        delivered = sum(
            1
            for path, _ in load(f"accomplishments/{year - 1}/*.yaml")
            if date.fromisoformat(path.name[:10]) <= same_day
        )
        quarters = {path.stem[-2:] for path, _ in load(f"tickets/*/{year}-q*.yaml")}
        tickets = sum(
            data["handled"] for path, data in load(f"tickets/*/{year - 1}-q*.yaml") if path.stem[-2:] in quarters
        )
        direction = "up" if expected["delivered"] > delivered else "down"
        assert figure(document, "delivered", "change").startswith(f"{direction} from {delivered} in ")
        assert figure(document, "delivered", "change").endswith(f" {year - 1}")
        assert f"from {tickets:,} in " in figure(document, "tickets", "change")
    else:
        assert not document.xpath("//span[@class='report-figure__change']")  # "no earlier figures" is said once
        assert f"There are no figures for {year - 1} to compare with." in text_of(document)


def test_home_page_shows_this_year_so_far_and_links_its_report(demo_site: Path) -> None:
    home = lxml.html.parse(str(demo_site / "index.html")).getroot()
    expected = expected_figures(NOW.year)
    assert f"{NOW.year} in numbers" in text_of(home)
    assert figure(home, "delivered", "value") == str(expected["delivered"])
    assert figure(home, "money-saved", "value") == f"£{round(expected['money']):,}"
    assert figure(home, "availability", "value") == f"{expected['met']} of {len(expected['availability'])}"
    assert home.xpath(f"//a[@href='report/{NOW.year}/']")


@pytest.mark.parametrize("year", REPORT_YEARS)
def test_reliability_is_told_from_the_raw_content(demo_site: Path, year: int) -> None:
    document = page(demo_site, year)
    expected = expected_figures(year)
    (impacts,) = document.xpath("//table[@id='data-incidents-by-impact']")
    this_year = {row[0]: int(row[-1]) for row in table_rows(impacts)}
    assert list(this_year.values()) == list(expected["impacts"].values())

    (availability,) = document.xpath("//h3[@id='availability-against-target']/following-sibling::table[1]")
    rows = {row[0]: row for row in table_rows(availability)}
    assert rows.keys() == expected["availability"].keys()
    for name, (achieved, target) in expected["availability"].items():
        shown = float(rows[name][2].rstrip("%"))  # floored to two decimals, as everywhere: never better than it was
        assert shown <= achieved + 1e-9 and achieved - shown < 0.01
        assert rows[name][-1] == "Met" if round(achieved, 3) >= target else rows[name][-1].startswith("Missed")

    missed = [name for name, (achieved, target) in expected["availability"].items() if round(achieved, 3) < target]
    (verdict,) = document.xpath("//p[contains(@class, 'report-verdict')]")
    if missed:
        assert text_of(verdict).startswith(f"We missed our availability target for {len(missed)} of")
        assert all(name in text_of(verdict) for name in missed)
    else:
        assert text_of(verdict).startswith("Every one of our")


def test_the_demo_misses_a_target_honestly(demo_site: Path) -> None:
    """Some targets met, one missed: the 2026 report must say so in words."""
    text = text_of(page(demo_site, 2026).xpath("//div[@class='report']")[0])
    assert "We missed our availability target for 1 of 17 services: Shared files" in text
    assert "Missed, by" in text


def style_of(svg: lxml.html.HtmlElement, element: lxml.html.HtmlElement) -> str:
    """An element's style, as written on it or given to its class by the chart's own style sheet."""
    sheet = "".join(style.text or "" for style in svg.iter("style"))
    rules = dict(re.findall(r"\.([\w-]+)\{([^}]*)\}", sheet))
    return element.get("style") or rules.get(element.get("class") or "", "")


def plotted(svg: lxml.html.HtmlElement) -> list[tuple[float, float]]:
    """The (x, y) of every data marker of a single-series chart, legend left out."""
    return [
        (float(use.get("x")), float(use.get("y")))
        for use in svg.iter("use")
        if f"fill: {SERIES_COLOUR}" in style_of(svg, use)
        and not any((ancestor.get("id") or "").endswith("legend_1") for ancestor in use.iterancestors())
    ]


def period_label(key: str) -> str:
    """How a KPI table names a month (March 2025) or a quarter of the demo's calendar year (Q1 (January to March 2025))."""
    year, part = int(key[:4]), key[5:]
    if not part.startswith("q"):
        return f"{date(year, int(part), 1):%B %Y}"
    first = 3 * int(part[1:]) - 2
    return f"Q{part[1:]} ({date(year, first, 1):%B} to {date(year, first + 2, 1):%B %Y})"


@pytest.mark.parametrize("year", REPORT_YEARS)
def test_every_kpi_chart_has_a_table_with_the_same_numbers(demo_site: Path, year: int) -> None:
    document = page(demo_site, year)
    charts = document.xpath("//figure[@class='report-chart']")
    assert charts and all(chart.xpath("following-sibling::*[1][self::table]") for chart in charts)
    site = load_site(REPO)
    for path, metric in load("metrics/*.yaml"):
        # a derived KPI has no typed values: its values are worked out (and checked in test_derived_kpis)
        recorded = metric["values"] if "derived" not in metric else site.metrics[path.stem].values
        values = sorted((key, value) for key, value in recorded.items() if key.startswith(f"{year}-"))
        (table,) = document.xpath(f"//table[@id='data-kpi-{path.stem}']")
        rows = table_rows(table)
        assert [row[0] for row in rows] == [period_label(key) for key, _ in values]
        assert [float(row[1]) for row in rows] == [value for _, value in values]
        if metric.get("target") is not None:
            target, higher = metric["target"], metric["better"] == "higher"
            assert [row[2] for row in rows] == [
                "Met" if (value >= target if higher else value <= target) else "Missed" for _, value in values
            ]
        (svg,) = table.xpath("preceding-sibling::figure[1]//svg")
        assert svg.xpath("title")[0].text == f"{metric['name']}, {year}"
        heights = [(y, value) for (_, y), (_, value) in zip(sorted(plotted(svg)), values, strict=True)]
        # each marker's height is the same straight-line function of its value: the chart draws the table's numbers
        (y_low, low), (y_high, high) = min(heights, key=lambda pair: pair[1]), max(heights, key=lambda pair: pair[1])
        assert high > low and y_high < y_low  # higher values are drawn higher up
        for y, value in heights:
            assert y == pytest.approx(y_low + (value - low) * (y_high - y_low) / (high - low), abs=0.01)


@pytest.mark.parametrize("year", REPORT_YEARS)
def test_pdf_has_every_section_page_numbers_bookmarks_and_awards(demo_site: Path, year: int) -> None:
    pdf = demo_site / f"report/{year}/annual-report-{year}.pdf"
    reader = pypdf.PdfReader(pdf)
    pages = [page.extract_text() for page in reader.pages]
    squeezed = re.sub(r"\s+", "", " ".join(pages))
    headings = [text_of(h2).rstrip("¶").strip() for h2 in page(demo_site, year).xpath("//div[@class='report']//h2")]
    assert len(headings) == 9
    for heading in headings:
        assert re.sub(r"\s+", "", heading) in squeezed, heading
    awards = [data["title"] for path, data in load(f"awards/{year}-*.yaml")]
    assert awards
    for title in awards:
        assert re.sub(r"\s+", "", title) in squeezed, title
    assert len(pages) > 10
    assert all(str(number) in text.split() for number, text in enumerate(pages[1:], start=2))

    def titles(outline: list[Any]) -> Iterator[str]:
        for entry in outline:
            yield from titles(entry) if isinstance(entry, list) else [entry.title]

    assert list(titles(reader.outline)) == [f"Annual report {year}", *headings]
    # It opens on its cover, with no screen furniture (the breadcrumb once filled page 1 on its own).
    first = pages[0].split()
    assert str(year) in first[:12] and "Home" not in first and len(first) > 5, pages[0][:200]
    # A tagged PDF (PDF/UA): a structure tree, marked content, the language and the title a reader announces.
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog and bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == "en" and reader.metadata is not None and reader.metadata.title


def test_reports_index_lists_every_year(demo_site: Path) -> None:
    document = lxml.html.parse(str(demo_site / "report/index.html")).getroot()
    links = {link.get("href") for link in document.xpath("//article//a")}
    for year in REPORT_YEARS:
        assert f"{year}/" in links
        assert f"{year}/annual-report-{year}.pdf" in links
    assert not (demo_site / f"report/{min(REPORT_YEARS) - 1}").exists()


def minimal_site(folder: Path, **env: str | None) -> tuple[Path, list[str]]:
    project = make_project(folder / "project", MINIMAL_CONTENT)
    return project, build_site(project, folder / "site", **env)


def test_same_content_and_now_give_the_same_charts_and_pdf(tmp_path: Path) -> None:
    first, _ = minimal_site(tmp_path / "one")
    _second, _ = minimal_site(tmp_path / "two")
    for name in ("report/2026/index.html", "report/2026/annual-report-2026.pdf"):
        assert (tmp_path / "one/site" / name).read_bytes() == (tmp_path / "two/site" / name).read_bytes(), name
    assert list((first / ".cache/itcomms/charts").glob("*.svg"))
    # and again from the chart cache, with nothing redrawn
    cached = {path: path.stat().st_mtime_ns for path in (first / ".cache/itcomms/charts").glob("*.svg")}
    build_site(first, tmp_path / "again")
    assert {path: path.stat().st_mtime_ns for path in cached} == cached
    assert (tmp_path / "again/report/2026/index.html").read_bytes() == (
        tmp_path / "one/site/report/2026/index.html"
    ).read_bytes()


def test_without_pdfs_the_log_says_so_and_no_page_links_one(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    _, warnings = minimal_site(tmp_path, ITCOMMS_PDF="0")
    assert warnings == []
    assert "report/2026/annual-report-2026.pdf not made: PDFs are turned off (ITCOMMS_PDF=0)" in caplog.messages
    assert not list((tmp_path / "site").rglob("*.pdf"))
    for name in ("report/index.html", "report/2026/index.html"):
        assert ".pdf" not in (tmp_path / "site" / name).read_text(encoding="utf-8")


def test_a_fiscal_year_is_labelled_and_bounded_as_one(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", MINIMAL_CONTENT)
    settings = project / "content/site.yaml"
    settings.write_text(settings.read_text().replace("timezone:", "fiscal_year_start: 4\ntimezone:"))
    build_site(project, tmp_path / "site", ITCOMMS_PDF="0")
    document = page(tmp_path / "site", 2026)
    assert text_of(document.xpath("//h1")[0]).startswith("Annual report 2026/27")
    assert "1 April 2026 to 24 November 2026 (our financial year 2026/27)" in text_of(document)
    # the award (May 2026) falls in 2026/27; the only accomplishment (February 2026) in 2025/26
    assert "Best team" in text_of(document)
    assert figure(document, "delivered", "value") == "0"
    assert "Nothing we delivered in 2026/27 advanced this goal." in text_of(document)
    # 2025/26 has content but no report file: no page
    assert not (tmp_path / "site/report/2025").exists()
