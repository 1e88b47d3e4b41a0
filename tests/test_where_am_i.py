"""Where am I: every page shows its section as the active tab, and a page out of the nav a breadcrumb to its index.

Generated pages (incidents, services, reports, issues, units, reviews) stay out
of MkDocs' navigation; the theme's tabs and breadcrumb partials place them by
the first segment of their address. Checked in headless Chromium at desktop width.
"""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser

from browser import visit
from itcomms import addresses
from test_every_page_type import PAGE_TYPES

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}

SECTIONS = {
    "home": ("Home", None),
    "status": ("Status", None),
    "status history": ("Status", addresses.STATUS),
    "incident": ("Status", addresses.STATUS),
    "services": ("Services", None),
    "service": ("Services", addresses.SERVICES),
    "reports": ("Reports", None),
    "report": ("Reports", addresses.REPORTS),
    "newsletters": ("Newsletter", None),
    "newsletter": ("Newsletter", addresses.NEWSLETTERS),
    "units": ("Business units", None),
    "unit": ("Business units", addresses.UNITS),
    "review": ("Business units", addresses.UNITS),
    "glossary": ("Glossary", None),
    "authoring": ("For authors", addresses.AUTHORING),  # the index of a section: the theme shows the section
    "content health": ("For authors", addresses.AUTHORING),
}
"""Page type → (its active tab, the index its breadcrumb leads back to, if it has one)."""
GENERATED = {"status history", "incident", "service", "report", "newsletter", "unit", "review"}
"""The page types kept out of the nav: no nav link leads to them."""


@pytest.mark.parametrize("page_type", SECTIONS)
def test_page_shows_its_section_and_the_way_back(browser: Browser, base_url: str, page_type: str) -> None:
    address = base_url + addresses.url(PAGE_TYPES[page_type])
    seen = visit(browser, address, viewport=DESKTOP)
    page = seen.page
    tab, index = SECTIONS[page_type]
    assert [text.strip() for text in page.locator(".md-tabs__item--active").all_inner_texts()] == [tab]
    crumbs = page.locator("nav.md-path a.md-path__link")
    if index is None:
        assert crumbs.count() == 0
    else:
        assert crumbs.count() >= 2
        assert crumbs.first.inner_text().strip() == "Home"
        back = crumbs.last.get_attribute("href") or ""
        assert urljoin(address, back) == base_url + addresses.url(index)
    if page_type in GENERATED:
        targets = page.locator(".md-nav--primary a[href]").evaluate_all("links => links.map(link => link.href)")
        assert address not in targets
    page.context.close()
