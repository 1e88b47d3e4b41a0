"""Business unit pages, quarterly reviews and survey results, in the built demo site and in small variants."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import lxml.html
import pytest
from playwright.sync_api import Browser
from pypdf import PdfReader

from browser import serve, visit
from itcomms.figures import unit_figures
from itcomms.outputs import Page, render_site
from itcomms.site import Site
from support import load_site, minimal_project, write_content


@pytest.fixture(scope="module")
def demo(demo_project: Path) -> Site:
    return load_site(demo_project)


def page(site_dir: Path, address: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((site_dir / address / "index.html").read_text(encoding="utf-8"))


def article(document: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    (found,) = document.xpath('//article[contains(@class, "md-content__inner")]')
    return found


def text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def heading(element: lxml.html.HtmlElement) -> str:
    return text(element).removesuffix("¶").strip()


def section(document: lxml.html.HtmlElement, name: str) -> str:
    """The text from the h2 named ``name`` up to the next h2."""
    for found in article(document).iter("h2"):
        if heading(found) == name:
            parts = []
            for sibling in found.itersiblings():
                if sibling.tag == "h2":
                    break
                parts.append(text(sibling))
            return " ".join(parts)
    raise AssertionError(f"no section {name!r}")


def hrefs(element: lxml.html.HtmlElement) -> list[str]:
    return [anchor.get("href") for anchor in element.iter("a") if anchor.get("href")]


def test_every_demo_unit_has_its_page_and_at_least_two_reviews(demo_site: Path, demo: Site) -> None:
    assert len(demo.units) == 5
    for unit in demo.units.values():
        document = page(demo_site, f"units/{unit.id}")
        assert heading(document.xpath("//h1")[0]) == unit.name
        links = hrefs(article(document))
        assert f"mailto:{unit.liaison.email}" in links and f"mailto:{unit.lead.email}" in links
        reviews = [quarter for unit_id, quarter in demo.reviews if unit_id == unit.id]
        assert len(reviews) >= 2
        for quarter in reviews:
            review = demo.reviews[(unit.id, quarter)]
            assert f"{quarter}/" in links  # the unit page links each of its reviews
            answers = section(page(demo_site, f"units/{unit.id}/{quarter}"), "What you told us")
            assert review.expectations and " ".join(review.expectations.split())[:40] in answers
            steps = section(page(demo_site, f"units/{unit.id}/{quarter}"), "What's next")
            assert all(" ".join(step.split())[:30] in steps for step in review.next_steps)


def test_every_quarter_with_tickets_or_a_review_has_a_page(demo_site: Path, demo: Site) -> None:
    expected = {f"units/{unit}/{quarter}/index.html" for unit, quarter in {*demo.tickets, *demo.reviews}}
    built = {path.relative_to(demo_site).as_posix() for path in demo_site.glob("units/*/*/index.html")}
    assert built == expected


def test_unit_page_shows_its_services_work_incidents_and_kpis(demo_site: Path, demo: Site) -> None:
    document = page(demo_site, "units/finance")
    services = section(document, "Services you use")
    assert "Finance system" in services and "Email and calendar" in services  # its own and everyone's
    assert "Route planning" not in services  # made for Transport only
    assert "Fax to email" not in services  # retired
    assert "../../services/finance-system/" in hrefs(article(document))

    delivered = section(document, "What IT delivered for you in 2026")
    assert "Supplier invoices read automatically" in delivered
    last_year = [
        item.title for item in demo.accomplishments if "finance" in item.business_units and item.date.year == 2025
    ]
    assert last_year and not any(title in delivered for title in last_year)

    incidents = section(document, "Incidents in the last 90 days")
    expected = {incident.title for incident in unit_figures.recent_incidents(demo, "finance")}
    assert "Some emails to customers bounced back" in expected
    assert all(title in incidents for title in expected)
    assert "Finance system slow" not in incidents  # February: too long ago
    assert "../../status/incidents/emails-to-customers-rejected/" in hrefs(article(document))

    kpis = section(document, "The KPIs we agreed with you")
    agreed = [metric for metric in demo.metrics.values() if "finance" in metric.agreed_with]
    assert agreed and all(metric.name in kpis for metric in agreed)
    assert "Q3 2026: 92.3 (met)" in kpis  # Finance's own value, against the target of 90


def test_incidents_touch_the_units_whose_services_they_affect(demo: Site) -> None:
    start, end = unit_figures.moment(demo, demo.local_now.date().replace(month=1, day=1)), demo.now
    for unit in demo.units:
        used = {service.id for service in unit_figures.services_used(demo, unit)}
        touching = {incident.id for incident in unit_figures.incidents_touching(demo, unit, start, end)}
        for incident in demo.incidents:
            in_period = incident.start < end and (incident.end is None or incident.end >= start)
            assert (incident.id in touching) == (in_period and bool(used & set(incident.services)))
    assert "route-planning-failed" in {i.id for i in unit_figures.incidents_touching(demo, "transport", start, end)}
    assert "route-planning-failed" not in {i.id for i in unit_figures.incidents_touching(demo, "finance", start, end)}


def test_review_page_figures_and_change_from_last_quarter(demo_site: Path, demo: Site) -> None:
    now, before = demo.tickets[("finance", "2026-q3")], demo.tickets[("finance", "2026-q2")]
    document = page(demo_site, "units/finance/2026-q3")
    assert heading(document.xpath("//h1")[0]) == "Finance: quarterly review, Q3 2026"
    handled = section(document, "Tickets and requests handled")
    share = 100 * now.within_target / now.handled
    change = share - 100 * before.within_target / before.handled
    assert f"IT closed {now.handled} tickets and requests" in handled
    assert f"({share:.0f}%)" in handled
    assert f"{now.handled - before.handled:+d} handled" in handled
    assert f"share within target {change:+.1f} points".replace("-", "−") in handled
    rows = {
        text(row.xpath("./td")[0]): [text(cell) for cell in row.xpath("./td")]
        for table in article(document).xpath(".//table")
        for row in table.xpath(".//tbody/tr")
    }
    urgent = now.by_priority["urgent"]
    assert rows["Urgent"][1] == str(urgent.handled)
    assert rows["Urgent"][3] == f"{urgent.within_target} ({100 * urgent.within_target / urgent.handled:.0f}%)"
    for category, count in now.by_category.items():
        assert rows[category][1] == str(count)
        assert rows[category][2] == f"{count - before.by_category[category]:+d}".replace("-", "−").replace(
            "+0", "no change"
        )
    assert rows["Request"][1] == str(now.by_type["request"])
    incidents = section(document, "Incidents that touched you")
    assert "Meeting room screens cannot join calls" in incidents  # 22 September, a shared service
    assert "Some emails to customers bounced back" not in incidents  # November: the next quarter


def test_review_of_a_quarter_without_an_earlier_one_says_so(demo_site: Path) -> None:
    handled = section(page(demo_site, "units/finance/2025-q1"), "Tickets and requests handled")
    assert "There are no figures for Q4 2024 to compare with." in handled
    answers = section(page(demo_site, "units/finance/2025-q1"), "What you told us")
    assert answers.count("Not recorded.") == 3


def test_headings_are_in_order_on_every_units_page(demo_site: Path) -> None:
    for path in sorted(demo_site.glob("units/**/index.html")):
        document = lxml.html.fromstring(path.read_text(encoding="utf-8"))
        levels = [int(heading.tag[1]) for heading in article(document).iter("h1", "h2", "h3", "h4", "h5", "h6")]
        assert levels[0] == 1 and levels.count(1) == 1, path
        assert all(later <= earlier + 1 for earlier, later in itertools.pairwise(levels)), path


def test_survey_results_have_charts_with_tables_of_the_same_scores(demo_site: Path, demo: Site) -> None:
    document = page(demo_site, "units")
    surveys = section(document, "Satisfaction surveys")
    latest = demo.surveys[0]
    assert f"{latest.responses:,} people answered" in surveys
    figures = article(document).xpath('.//figure[@class="units-chart"]')
    assert len(figures) == 2
    for figure in figures:
        svg = figure.xpath(".//svg")[0]
        assert svg.get("role") == "img" and svg.xpath("./title") and svg.xpath("./desc")
    tables = article(document).xpath(".//table")
    by_question = next(table for table in tables if text(table.xpath(".//th")[0]) == "Question")
    headers = [text(cell) for cell in by_question.xpath(".//th")]
    assert headers[1:] == [survey.title for survey in reversed(demo.surveys)]
    first_row = [text(cell) for cell in by_question.xpath(".//tbody/tr")[0].xpath("./td")]
    question = latest.questions[0]
    assert first_row == [question.text, *(f"{survey.scores[question.id]:.1f}" for survey in reversed(demo.surveys))]
    by_unit = next(table for table in tables if "Everyone" in text(table))
    warehouse = next(row for row in by_unit.xpath(".//tbody/tr") if "Warehouse" in text(row))
    assert text(warehouse.xpath("./td")[-1]) == f"{latest.by_unit['warehouse-operations'].scores['overall']:.1f}"
    assert "You said, we did" in text(article(document))
    for status in ("Done", "In progress", "Planned"):
        assert status in section(document, "Satisfaction surveys")


def test_unit_page_shows_its_own_survey_scores_quotes_and_actions(demo_site: Path, demo: Site) -> None:
    document = page(demo_site, "units/transport")
    told = section(document, "What your people told us")
    latest = demo.surveys[0]
    assert f"{latest.by_unit['transport'].responses}" in told
    own_quotes = [quote for quote in latest.quotes if quote.unit == "transport"]
    other_quotes = [quote for quote in latest.quotes if quote.unit not in ("transport", None)]
    assert own_quotes and all(" ".join(quote.text.split())[:30] in told for quote in own_quotes)
    assert all(" ".join(quote.text.split())[:30] not in told for quote in other_quotes)
    assert "Charging bookings are now in the driver app" in told
    assert "replacing the warehouse Wi-Fi" not in told  # Warehouse Operations' action
    assert len(article(document).xpath('.//figure[@class="units-chart"]//svg')) == 2  # tickets and survey scores


def test_fiscal_quarters_and_future_quarters(tmp_path: Path) -> None:
    project = minimal_project(tmp_path)
    site_file = project / "content/site.yaml"
    site_file.write_text(site_file.read_text().replace("timezone:", "fiscal_year_start: 4\ntimezone:"))
    write_content(
        project,
        {
            "tickets/sales/2025-q4.yaml": "handled: 8\nwithin_target: 6\n",
            "units/sales/2026-q3.yaml": "met_on: 2026-12-01\n",
        },
    )
    rendered = render_site(load_site(project, now="2026-06-15T12:00:00"))
    assert rendered.warnings == []
    pages = {output.path: output for output in rendered.outputs if isinstance(output, Page)}
    review = pages["units/sales/2025-q4/index.md"].markdown
    assert "# Sales: quarterly review, Q4 2025/26" in review
    assert "**January to March 2026**." in review
    assert "There are no figures for Q3 2025/26 to compare with." in review
    current = pages["units/sales/2026-q1/index.md"].markdown
    assert "Q1 2026/27" in current and "**April to June 2026** (this quarter is not over yet" in current
    # a review is published from its meeting day; the preview of what is to come shows it already
    assert "units/sales/2026-q3/index.md" not in pages
    assert "Q3 2026/27" not in pages["units/sales/index.md"].markdown
    previewed = render_site(load_site(project, now="2026-06-15T12:00:00", ITCOMMS_FUTURE="1"))
    pages = {output.path: output for output in previewed.outputs if isinstance(output, Page)}
    future = pages["units/sales/2026-q3/index.md"].markdown
    # the preview is the site as at the review's meeting, the last moment the content names
    assert "**October to December 2026** (this quarter is not over yet" in future
    unit_page = pages["units/sales/index.md"].markdown
    assert unit_page.index("Q4 2025/26") < unit_page.index("Q1 2026/27") < unit_page.index("Q3 2026/27")


@pytest.mark.browser
@pytest.mark.parametrize("address", ["units/", "units/warehouse-operations/", "units/warehouse-operations/2026-q3/"])
def test_pages_render_offline_without_errors(browser: Browser, demo_site: Path, address: str) -> None:
    with serve(demo_site) as base_url:
        for scheme in ("light", "dark"):
            visited = visit(browser, base_url + address, color_scheme=scheme)
            assert visited.console_errors == []
            assert visited.foreign_hosts == set()
            assert visited.page.locator("figure svg, table").count() > 0


@pytest.mark.browser
def test_quarterly_review_prints_as_a_short_handout(browser: Browser, demo_site: Path, tmp_path: Path) -> None:
    with serve(demo_site) as base_url:
        visited = visit(browser, base_url + "units/finance/2026-q3/")
        visited.page.emulate_media(media="print")
        assert not visited.page.locator(".units-review-nav").is_visible()
        assert not visited.page.locator(".md-header").is_visible()
        pdf = tmp_path / "review.pdf"
        visited.page.pdf(path=str(pdf), format="A4")
    reader = PdfReader(pdf)
    assert len(reader.pages) <= 3
    printed = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert "Finance: quarterly review, Q3 2026" in printed
    assert "What's next" in printed
    assert "Previous review" not in printed
