"""Search on another department's content, in headless Chromium: 300 services, its own glossary with none of the
demo's aliases. The site's own pages are found by the words staff use for them, and a service's exact name finds
that service first, however many others share its words."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
import yaml
from playwright.sync_api import Browser, Page

from browser import serve, visit
from itcomms.figures.newsletter_contents import newsletter_name
from itcomms.outputs.site.search_words import SITE_PAGE_WORDS
from itcomms_bench.synthetic import Size, generate
from support import build_site, load_site, make_project
from test_search_browser import results_for

pytestmark = pytest.mark.browser

SERVICES = 300
ANOTHER_DEPARTMENTS_SERVICES = {
    # a service whose own words are the status page's: it must not come before that page
    "security-incident-response": {
        "name": "Security incident response",
        "summary": "Report an outage of security tools, a breach or a suspicious email; we respond day and night.",
        "keywords": ["outage", "down", "breach", "incident", "not working"],
    },
    # a longer name holding the exact name of another service
    "age-checks": {
        "name": "Age checks at self-checkout",
        "summary": "Staff approve age-restricted items at self-checkout from a handheld.",
        "keywords": ["self checkout", "self-checkout", "age check"],
    },
    "self-checkout": {
        "name": "Self-checkout",
        "summary": "The tills customers scan their own shopping at.",
        "keywords": ["tills", "scan and go"],
    },
}


@pytest.fixture(scope="module")
def site_pages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    work = tmp_path_factory.mktemp("another-department")
    generate(
        work / "generated",
        Size(years=1, services=SERVICES, incidents_per_year=30, accomplishments_per_year=20, units=4),
    )
    project = make_project(work / "project", work / "generated" / "content")
    template = yaml.safe_load(next((project / "content/services").glob("*.yaml")).read_text("utf-8"))
    for service_id, fields in ANOTHER_DEPARTMENTS_SERVICES.items():
        record = {**template, **fields, "related": []}
        (project / "content/services" / f"{service_id}.yaml").write_text(yaml.safe_dump(record), "utf-8")
    site = load_site(project)
    assert not any("outage" in (term.term, *term.aliases) for term in site.glossary.terms)
    build_site(project, work / "site")
    titles = {
        "status": "Service status",
        "services": "Services",
        "reports": "Annual reports",
        "newsletter": newsletter_name(site),
        "units": "Business units",
    }
    with serve(work / "site") as url:
        yield url, titles | {service.name: service.name for service in site.services.values()}


@pytest.fixture(scope="module")
def search_page(browser: Browser, site_pages: tuple[str, dict[str, str]]) -> Page:
    return visit(browser, site_pages[0]).page


@pytest.mark.parametrize(("page", "query"), [(page, word) for page, words in SITE_PAGE_WORDS.items() for word in words])
def test_the_sites_own_pages_are_found_first_by_the_words_for_them(
    search_page: Page, site_pages: tuple[str, dict[str, str]], page: str, query: str
) -> None:
    expected = site_pages[1][page]
    assert results_for(search_page, query)[:1] == [expected]


def test_an_exact_service_name_comes_first(search_page: Page, site_pages: tuple[str, dict[str, str]]) -> None:
    assert results_for(search_page, "self checkout")[:1] == ["Self-checkout"]
    assert results_for(search_page, "Self-Checkout")[:1] == ["Self-checkout"]
    generated = sorted(name for name in site_pages[1] if " service " in name)
    for name in random.Random(7).sample(generated, 6):
        # each generated name shares its words with a dozen others ("Ticket service 12", "Ticket service 120")
        for query in (name, name.lower()):
            assert results_for(search_page, query)[:1] == [name], query
