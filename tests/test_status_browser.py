"""The status pages and the banner in headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from browser import serve, visit
from support import MINIMAL_CONTENT, build_site, make_project

pytestmark = pytest.mark.browser

FETCHES = {"document", "fetch", "xhr", "eventsource", "websocket"}


@pytest.fixture(scope="module")
def quiet_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The minimal content at a time when nothing is wrong or planned."""
    project = make_project(tmp_path_factory.mktemp("quiet"), MINIMAL_CONTENT)
    build_site(project, project / "site", now="2026-06-01T12:00:00")
    with serve(project / "site") as url:
        yield url


@pytest.mark.parametrize("page", ["", "services/", "glossary/", "status/incidents/delivery-photos-slow/"])
def test_banner_shows_the_active_incident_on_every_page(browser: Browser, base_url: str, page: str) -> None:
    visited = visit(browser, base_url + page)
    banner = visited.page.locator(".md-banner")
    assert banner.is_visible()
    text = banner.inner_text()
    assert "Delivery photos slow to upload" in text
    assert "Driver handheld app" in text and "since 24 November 2026, 07:40 GMT" in text
    assert "Email security update" in text  # starts within 7 days
    banner.get_by_role("link", name="Delivery photos slow to upload").click()
    expect(visited.page).to_have_url(base_url + "status/incidents/delivery-photos-slow/")
    assert visited.console_errors == []


@pytest.mark.parametrize("page", ["", "status/"])
def test_no_banner_when_all_is_well(browser: Browser, quiet_url: str, page: str) -> None:
    visited = visit(browser, quiet_url + page)
    assert visited.page.locator(".md-banner").count() == 0
    assert visited.page.locator("h1").first.is_visible()
    assert visited.console_errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "page", ["status/", "status/history/2025/", "status/incidents/delivery-photos-slow/", "services/email/"]
)
def test_status_pages_load_offline_without_errors(browser: Browser, base_url: str, page: str, scheme: str) -> None:
    visited = visit(browser, base_url + page, color_scheme=scheme)
    assert visited.console_errors == []
    assert visited.foreign_hosts == set()


def test_history_filter_works_without_a_request(browser: Browser, base_url: str) -> None:
    visited = visit(browser, base_url + "status/")
    page = visited.page
    entries = page.locator("ul.status-history > li")
    total = entries.count()
    assert total > 3 and page.locator("form.status-filter").is_visible()
    requests: list[str] = []
    # (Chromium fetches the favicon again when the address changes: not a request for data.)
    page.on("request", lambda request: requests.append(request.url) if request.resource_type in FETCHES else None)
    page.select_option("#status-filter-service", "email")
    expect(page.locator("#incident-delivery-photos-slow")).to_be_hidden()  # the filter script has run
    visible = [entry.get_attribute("id") for entry in entries.all() if entry.is_visible()]
    assert "incident-emails-to-customers-rejected" in visible
    assert "incident-delivery-photos-slow" not in visible
    assert all(
        "email" in (entry.get_attribute("data-services") or "").split() for entry in entries.all() if entry.is_visible()
    )
    assert page.locator(".status-filter__count").inner_text().startswith(f"Showing {len(visible)} of {total} entries")
    assert page.url.endswith("status/?service=email")
    page.select_option("#status-filter-service", "")
    expect(page.locator("ul.status-history > li:visible")).to_have_count(total)
    assert requests == []


def test_filter_is_preselected_from_the_address(browser: Browser, base_url: str) -> None:
    page = visit(browser, base_url + "status/?service=service-desk").page
    visible = [
        entry.get_attribute("id") for entry in page.locator("ul.status-history > li").all() if entry.is_visible()
    ]
    assert visible == ["incident-service-desk-phone-down"]
    assert page.locator(".status-history__none:visible").count() == 2  # October and September had none


def test_without_javascript_everything_is_shown(browser: Browser, base_url: str) -> None:
    page = visit(browser, base_url + "status/?service=email", java_script_enabled=False).page
    assert not page.locator("form.status-filter").is_visible()
    assert all(entry.is_visible() for entry in page.locator("ul.status-history > li").all())


def test_on_a_phone_the_banner_takes_a_line_per_notice_and_folds(browser: Browser, base_url: str) -> None:
    visited = visit(browser, base_url + "services/", viewport={"width": 375, "height": 800})
    page = visited.page
    items = page.locator(".md-banner .status-banner__item")
    assert items.count() == 2
    line = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.status-banner__item')).lineHeight)")
    for item in items.all():
        box = item.bounding_box()
        assert box is not None and box["height"] < 1.5 * line  # one line, however long the title
    # its words are all there for a screen reader, and on the page the link leads to
    assert "since 24 November 2026, 07:40 GMT" in items.first.text_content()

    fold = page.get_by_role("button", name="Hide the service notices")
    expect(fold).to_have_attribute("aria-expanded", "true")
    fold.click()
    expect(items.first).to_be_hidden()
    expect(page.locator(".status-banner__summary")).to_have_text("2 notices, on the service status page.")
    folded_height = page.locator(".md-banner").bounding_box()
    assert folded_height is not None and folded_height["height"] < 3 * line

    page.goto(base_url + "glossary/", wait_until="networkidle")  # folded for the visit, on every page
    expect(page.locator(".md-banner .status-banner__item").first).to_be_hidden()
    page.get_by_role("button", name="Show the service notices").click()
    expect(page.locator(".md-banner .status-banner__item").first).to_be_visible()

    page.evaluate("sessionStorage.setItem('itcomms-status-banner-folded', 'what an older banner told')")
    page.reload(wait_until="networkidle")  # a banner that tells something else opens again
    expect(page.locator(".md-banner .status-banner__item").first).to_be_visible()
    assert visited.console_errors == []


def test_an_incident_timeline_is_latest_first_and_turns_oldest_first(browser: Browser, base_url: str) -> None:
    visited = visit(browser, base_url + "status/incidents/delivery-photos-slow/")
    page = visited.page
    numbers = "items => items.map(item => item.id)"
    latest_first = page.eval_on_selector_all("ol.status-timeline > li", numbers)
    assert len(latest_first) > 1 and latest_first == sorted(latest_first, reverse=True)
    page.get_by_role("button", name="Show oldest first").click()
    assert page.eval_on_selector_all("ol.status-timeline > li", numbers) == latest_first[::-1]
    assert page.locator("ol.status-timeline").get_attribute("reversed") is None  # numbered 1, 2, … from the top
    expect(page.locator("[data-timeline-order-said]")).to_have_text("Oldest first.")
    page.get_by_role("button", name="Show latest first").click()
    assert page.eval_on_selector_all("ol.status-timeline > li", numbers) == latest_first
    assert visited.console_errors == []
