"""Staff's words typed into the site's real search box, in headless Chromium: the page they are after comes first.

Services, the status page and incidents rank above newsletters and reviews;
pages for authors are out of staff search; "Wi-Fi", "wifi" and "wi fi" find
the same service; a service's keywords and the glossary's aliases are synonyms.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from browser import visit
from support import DEMO_CONTENT, load_site

pytestmark = pytest.mark.browser

SITE = load_site(DEMO_CONTENT.parent)
STATUS = "Service status"

QUERIES = {
    "outage": STATUS,
    "wifi": SITE.services["warehouse-wifi"].name,
    "Wi-Fi": SITE.services["warehouse-wifi"].name,
    "wi fi": SITE.services["warehouse-wifi"].name,
    "vpn": SITE.services["remote-access"].name,
    "password": SITE.services["accounts-and-passwords"].name,
    "pay slip": SITE.services["hr-and-payroll"].name,
    "payslip": SITE.services["hr-and-payroll"].name,
}


def results_for(page: Page, query: str) -> list[str]:
    """Type ``query`` into the search box as a person would; the result titles once they stop changing."""
    box = page.locator("input.md-search__input")
    if not box.is_visible():
        page.keyboard.press("/")
    box.fill("")
    box.press_sequentially(query, delay=20)
    meta = page.locator(".md-search-result__meta")
    shown: tuple[str, list[str]] = ("", [])
    unchanged = 0
    for _ in range(40):  # the results follow each key press: read them once they have settled
        page.wait_for_timeout(300)
        now = (meta.inner_text(), page.locator(".md-search-result__item > a h1").all_inner_texts())
        # three reads alike: on a busy machine the worker may still be answering an earlier key press at the second
        unchanged = unchanged + 1 if now == shown else 0
        if unchanged >= 2 and (now[1] or "No matching" in now[0]):
            break
        shown = now
    return shown[1]


@pytest.fixture(scope="module")
def search_page(browser: Browser, base_url: str) -> Page:
    seen = visit(browser, base_url)
    return seen.page


@pytest.mark.parametrize("query", QUERIES)
def test_staff_query_finds_the_page_first(search_page: Page, query: str) -> None:
    titles = results_for(search_page, query)
    assert titles[:1] == [QUERIES[query]], titles[:5]


@pytest.mark.parametrize("query", ["password", "vpn", "outage", "wifi", "pay slip", "content"])
def test_pages_for_authors_are_out_of_staff_search(search_page: Page, query: str) -> None:
    titles = results_for(search_page, query)
    assert not {"For authors", "Content health"} & set(titles)


def test_wi_fi_no_longer_matches_every_word_starting_fi(search_page: Page) -> None:
    titles = results_for(search_page, "Wi-Fi")
    assert not [title for title in titles if "Finance" in title]
