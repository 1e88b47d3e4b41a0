"""A large department's year: 300 things delivered, dozens of talks, more services than the report lists. The annual report stays a
report (its PDF at most about 30 pages) and the year's in-full page holds every item the report shortens."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pypdf
import pytest
import yaml
from playwright.sync_api import Browser

from browser import accessibility_violations, serve, visit
from itcomms.figures import report_lists
from itcomms_bench.synthetic import Size, generate
from support import build_site, make_project
from test_glossary_tooltips import misplaced_tooltips
from test_html_conformance import html_errors
from test_phone_and_print import PHONE
from test_phone_and_print import _layout as page_layout

YEAR = 2025  # a whole year: the synthetic content runs to 2026
DELIVERED = 300
TALKS = 30
SERVICES = 32  # more than the report lists (report_lists.AVAILABILITY)


@pytest.fixture(scope="module")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("large-year")
    generate(
        work / "generated",
        Size(years=2, services=SERVICES, incidents_per_year=40, accomplishments_per_year=DELIVERED, units=4),
    )
    project = make_project(work / "project", work / "generated" / "content")
    for number in range(TALKS):
        talk = {
            "title": f"Talk number {number} of {YEAR}",
            "event": "A conference",
            "people": ["Alex Example"],
            "summary": "What we learnt.",
        }
        day = f"{YEAR}-{number % 12 + 1:02d}-{number % 27 + 1:02d}"
        (project / "content" / "talks" / f"{day}-talk-{number}.yaml").write_text(yaml.safe_dump(talk), "utf-8")
    site_dir = work / "site"
    build_site(project, site_dir)
    return site_dir


def page(site_dir: Path, path: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((site_dir / path / "index.html").read_bytes())


def items(section: list[lxml.html.HtmlElement]) -> list[str]:
    """The bold first words of each list item: the title of a thing delivered, an award or a talk."""
    return [" ".join(strong.text_content().split()) for part in section for strong in part.xpath(".//li/strong[1]")]


def section_after(document: lxml.html.HtmlElement, heading_id: str) -> list[lxml.html.HtmlElement]:
    """Everything from the heading to the next heading of its level."""
    (heading,) = document.xpath(f"//*[@id='{heading_id}']")
    section = []
    for sibling in heading.itersiblings():
        if sibling.tag == heading.tag:
            break
        section.append(sibling)
    return section


def test_the_report_pdf_is_a_document_a_leader_presents(large_site: Path) -> None:
    pdf = large_site / f"report/{YEAR}/annual-report-{YEAR}.pdf"
    pages = len(pypdf.PdfReader(pdf).pages)
    assert 8 < pages <= 30, pages


def test_the_report_lists_highlights_and_counts_everything(large_site: Path) -> None:
    report = page(large_site, f"report/{YEAR}")
    figure = report.xpath("//li[@id='figure-delivered']/span[@class='report-figure__value']")[0].text_content()
    assert figure.strip() == f"{DELIVERED:,}"  # the figure counts everything, whatever the list shows
    delivered = items(section_after(report, "delivered"))
    goals = report.xpath("//*[@id='delivered']/following-sibling::h3[following-sibling::h2[@id='saved']]")
    assert len(delivered) <= len(goals) * report_lists.PER_GOAL
    highlighted = [
        data["title"]
        for path in sorted((large_site.parent / "project/content/accomplishments" / str(YEAR)).glob("*.yaml"))
        if (data := yaml.safe_load(path.read_text("utf-8"))).get("highlight")
    ]
    assert highlighted and set(highlighted) <= set(delivered)  # the author's choice always shows
    talks = items(section_after(report, "recognition"))
    assert len(talks) <= 2 * report_lists.RECOGNITION  # awards and talks, each shortened
    more = report.xpath("//p[@class='report-more']/a/@href")
    assert more and all(link.startswith("in-full/#") for link in more)


def test_the_in_full_page_has_every_item_the_report_shortens(large_site: Path) -> None:
    full = page(large_site, f"report/{YEAR}/in-full")
    content = large_site.parent / "project/content"
    titles = {
        yaml.safe_load(path.read_text("utf-8"))["title"]
        for path in (content / "accomplishments" / str(YEAR)).glob("*.yaml")
    }
    assert len(titles) == DELIVERED
    assert set(items(section_after(full, "delivered"))) == titles
    talk_titles = {
        yaml.safe_load(path.read_text("utf-8"))["title"] for path in (content / "talks").glob(f"{YEAR}-*.yaml")
    }
    assert set(items(section_after(full, "talks"))) == talk_titles
    services = full.xpath("//*[@id='availability']/following-sibling::table[1]/tbody/tr")
    assert len(services) == SERVICES
    results = [" ".join(row.xpath("td[last()]")[0].text_content().split()) for row in services]
    missed = [result.startswith("Missed") for result in results]
    assert missed == sorted(missed, reverse=True)  # those that missed first


def test_the_report_shows_every_service_that_missed_its_target(large_site: Path) -> None:
    report = page(large_site, f"report/{YEAR}")
    full = page(large_site, f"report/{YEAR}/in-full")

    def missed(document: lxml.html.HtmlElement, table: str) -> set[str]:
        return {
            " ".join(row.xpath("th|td")[0].text_content().split())
            for row in document.xpath(f"{table}/tbody/tr")
            if row.xpath("td[last()]")[0].text_content().strip().startswith("Missed")
        }

    shown = report.xpath("//h3[@id='availability-against-target']/following-sibling::table[1]/tbody/tr")
    assert len(shown) <= max(
        report_lists.AVAILABILITY, len(missed(full, "//*[@id='availability']/following-sibling::table[1]"))
    )
    assert missed(report, "//h3[@id='availability-against-target']/following-sibling::table[1]") == missed(
        full, "//*[@id='availability']/following-sibling::table[1]"
    )


def test_the_long_year_pages_are_valid_html(large_site: Path) -> None:
    # the demo's reports shorten nothing, so only a long year shows the lists' "more" lines and the in-full page
    assert html_errors(large_site / f"report/{YEAR}") == []


def test_the_long_year_has_tooltips_only_where_the_term_is_meant(large_site: Path) -> None:
    # the synthetic glossary defines "Incident" and "Q3", which the report's columns and codes use as labels
    explained = 0
    for address in (f"report/{YEAR}", f"report/{YEAR}/in-full", "units", "status"):
        for page in sorted((large_site / address).rglob("index.html")):
            page_html = page.read_text("utf-8")
            assert misplaced_tooltips(page_html, []) == [], page
            explained += page_html.count("<abbr ")
    assert explained > 10


@pytest.mark.browser
@pytest.mark.parametrize("address", [f"report/{YEAR}/", f"report/{YEAR}/in-full/"])
def test_the_long_year_pages_read_on_a_phone_and_pass_axe(browser: Browser, large_site: Path, address: str) -> None:
    with serve(large_site) as base_url:
        seen = visit(browser, base_url + address, viewport=PHONE)
        layout = page_layout(seen.page)
        violations = accessibility_violations(seen.page)
        seen.page.context.close()
    assert layout == {"tooWide": [], "squeezed": [], "smallText": []}
    assert violations == []
