"""The built home page in headless Chromium: it renders, logs no error and asks no host but its own."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from browser import search, visit

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_home_page_renders_offline_without_errors(browser: Browser, base_url: str, scheme: str) -> None:
    home = visit(browser, base_url, color_scheme=scheme)
    assert home.page.title().startswith("Larkspur IT")
    assert "Larkspur IT" in home.page.locator("h1").first.inner_text()
    assert home.page.locator(".md-tabs").is_visible() or home.page.locator(".md-nav").count() > 0
    assert home.console_errors == []
    assert home.foreign_hosts == set()


def test_search_works_without_a_network(browser: Browser, base_url: str) -> None:
    home = visit(browser, base_url)
    assert "Service status" in search(home.page, "status")
    assert home.foreign_hosts == set()
