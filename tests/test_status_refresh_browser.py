"""An open page catches up with a newer status.json, in headless Chromium, with no reload; without script it reads as built."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import pytest
from playwright.sync_api import Browser, Page, expect

from browser import serve, visit
from status_content import incident_file, rendered
from support import MINIMAL_CONTENT, build_site, load_site, make_project, write_content

pytestmark = pytest.mark.browser

BUILT = "2026-06-01T12:00:00"
LATER = "2026-06-01T12:15:00"


@dataclass
class Served:
    project: Path
    site: Path
    url: str

    def publish_newer_status(self) -> None:
        """An incident starts; the next build's status.json replaces the served one (the pages stay as they were)."""
        write_content(
            self.project,
            incident_file(
                "email-down",
                "2026-06-01 12:05",
                impact="major",
                services=["email", "chat"],
                updates=[("2026-06-01 12:10", "investigating", "Email is down.")],
            ),
        )
        status = rendered(load_site(self.project, now=LATER))["status/status.json"]
        (self.site / "status/status.json").write_bytes(bytes(status))


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    project = make_project(tmp_path / "project", MINIMAL_CONTENT)
    build_site(project, project / "site", now=BUILT)
    with serve(project / "site") as url:
        yield Served(project, project / "site", url)


def opened(browser: Browser, url: str) -> tuple[Page, list[str]]:
    page = browser.new_context().new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.clock.install()
    page.goto(url, wait_until="networkidle")
    return page, errors


def test_the_status_page_redraws_banner_states_and_as_of_within_a_minute(browser: Browser, served: Served) -> None:
    page, errors = opened(browser, served.url + "status/")
    # Built with both working normally: email has a row (a problem in March), chat a quiet line; neither a badge.
    email = page.locator("th[scope=row]", has=page.locator('a[href$="services/email/"]')).locator(".status-badge")
    chat = page.locator(".status-quiet li", has=page.locator('a[href$="services/chat/"]')).locator(".status-badge")
    expect(email).to_have_count(0)
    expect(chat).to_have_count(0)
    assert page.locator(".md-banner").count() == 0
    page.clock.run_for(61_000)  # a minute with nothing new: nothing changes
    expect(page.locator(".status-asof time")).to_have_text("1 June 2026, 12:00 BST")

    served.publish_newer_status()
    page.clock.run_for(61_000)
    banner = page.locator(".md-banner .status-banner")
    expect(banner).to_contain_text("Email down")
    expect(banner).to_contain_text("As of 1 June 2026, 12:15 BST")
    for badge in (email, chat):
        expect(badge).to_have_text("Not working")
        expect(badge).to_have_class("status-badge status-badge--down")
    expect(page.locator(".status-overall")).to_contain_text("Some services are not working.")
    expect(page.locator(".status-asof time")).to_have_text("1 June 2026, 12:15 BST")
    expect(page.locator(".status-asof__newer")).to_contain_text("Reload the page")
    expect(banner.get_by_role("link", name="Email down")).to_have_attribute(
        "href", served.url + "status/incidents/email-down/"
    )
    assert errors == []


def test_every_page_shows_the_new_banner(browser: Browser, served: Served) -> None:
    page, errors = opened(browser, served.url + "services/email/")
    served.publish_newer_status()
    page.clock.run_for(61_000)
    link = page.locator(".md-banner").get_by_role("link", name="service status page")
    expect(link).to_have_attribute("href", served.url + "status/")
    assert errors == []


def test_without_script_the_page_reads_as_built(browser: Browser, served: Served) -> None:
    served.publish_newer_status()
    page = visit(browser, served.url + "status/", java_script_enabled=False).page
    assert page.locator(".md-banner").count() == 0
    assert "As of 1 June 2026, 12:00 BST" in page.locator(".status-asof").inner_text()


LIVE_PAGES = ["status/", "services/email/", "services/", "status/incidents/email-down/"]


@pytest.mark.parametrize("address", LIVE_PAGES[:3])
def test_no_part_of_an_open_page_keeps_the_old_state(browser: Browser, served: Served, address: str) -> None:
    page, errors = opened(browser, served.url + address)
    served.publish_newer_status()
    display = json.loads((served.site / "status/status.json").read_text("utf-8"))["display"]
    page.clock.run_for(61_000)
    expect(page.locator(".md-banner .status-banner")).to_contain_text("Email down")
    shown = page.eval_on_selector_all(
        "[data-live-state]", "parts => parts.map(part => [part.dataset.liveState, part.textContent, part.className])"
    )
    assert shown, "the page shows no state it can redraw"
    for service, text, classes in shown:
        now = (
            display["services"][service]
            if service != "overall"
            else {
                "label": display["overall_label"],
                "state": display["overall_state"],
            }
        )
        assert text == now["label"] and classes.endswith(f"--{now['state']}"), (service, text, classes)
    for service, alt in page.eval_on_selector_all(
        "img[data-live-badge]", "images => images.map(image => [image.dataset.liveBadge, image.alt])"
    ):
        label = display["services"][service]["label"] if service != "overall" else display["overall_label"]
        assert alt.endswith(": " + label)
    for as_of in page.locator("[data-live-as-of]").all_inner_texts():
        assert as_of == display["as_of"]
    if address == "services/email/":
        # what the state's causes say cannot be redrawn: the page says the state changed and offers a reload
        note = page.locator("[data-live-detail=email] .status-live-note")
        expect(note).to_contain_text("changed to Not working")
        expect(note.get_by_role("link", name="Reload the page")).to_be_visible()
        assert "Working normally" not in page.locator("article").inner_text()
    assert errors == []


def test_an_open_incident_page_offers_a_reload_once_the_status_moves_on(browser: Browser, served: Served) -> None:
    served.publish_newer_status()
    build_site(served.project, served.site, now=LATER)  # the incident's page exists from this build
    page, errors = opened(browser, served.url + LIVE_PAGES[3])
    status = json.loads((served.site / "status/status.json").read_text("utf-8"))
    status["page"]["updated_at"] = "2026-06-01T12:30:00+01:00"
    (served.site / "status/status.json").write_text(json.dumps(status), "utf-8")
    page.clock.run_for(61_000)
    expect(page.locator("[data-live-detail='*'] .status-live-note")).to_contain_text("reload the page")
    assert errors == []


def test_every_state_a_built_page_shows_is_one_status_json_can_redraw(served: Served) -> None:
    display = json.loads((served.site / "status/status.json").read_text("utf-8"))["display"]
    redrawable = {*display["services"], "overall"}
    marked = 0
    for page in served.site.rglob("*.html"):
        document = lxml.html.parse(str(page)).getroot()
        # every current state of a service, in words or as a badge image, is marked for the live script
        unmarked = document.xpath(
            "//*[contains(@class, 'catalogue-state') and not(@data-live-state)]"
            " | //*[contains(@class, 'status-overall')]//*[contains(@class, 'status-badge') and not(@data-live-state)]"
            " | //th[@scope='row']//*[contains(@class, 'status-badge') and not(@data-live-state)]"
            " | //img[contains(@src, 'badge.svg') and not(@data-live-badge)]"
        )
        assert unmarked == [], page
        for key in document.xpath("//@data-live-state | //@data-live-badge"):
            assert key in redrawable, (page, key)
            marked += 1
    assert marked > 5


def test_a_title_with_markup_characters_stays_words_in_the_redrawn_banner(browser: Browser, served: Served) -> None:
    page, errors = opened(browser, served.url + "glossary/")
    hostile = 'R&D <3 > 2 {{ 7*7 }} {% raw %} &amp; "quoted" &lt;b&gt;'
    write_content(
        served.project,
        incident_file(
            "email-down",
            "2026-06-01 12:05",
            impact="major",
            services=["email"],
            title=hostile,
            updates=[("2026-06-01 12:10", "investigating", "Email is down.")],
        ),
    )
    status = rendered(load_site(served.project, now=LATER))["status/status.json"]
    (served.site / "status/status.json").write_bytes(bytes(status))
    page.clock.run_for(61_000)
    banner = page.locator(".md-banner .status-banner")
    expect(banner.get_by_role("link", name=hostile)).to_have_attribute(
        "href", served.url + "status/incidents/email-down/"
    )
    assert banner.locator("b").count() == 0 and errors == []
