"""One page of every type, opened in headless Chromium in the light and dark palettes, and every link of the site.

A real reader's browser must see no console error, ask no host but the
site's, and axe-core must find no accessibility violation of any impact
(WCAG 2.1 AA and axe's best practices). Every internal link and image of
every built page must lead to a file that exists.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
import pytest
import yaml
from playwright.sync_api import Browser

from browser import accessibility_violations, visit
from itcomms import addresses
from itcomms.figures.service_status import announced_maintenance
from support import DEMO_CONTENT, REPO, load_site

pytestmark = pytest.mark.browser


def demo_page_types() -> dict[str, str]:
    """A page of each type in the demo content: type → source path."""
    site = load_site(DEMO_CONTENT.parent)
    unit_id, quarter = sorted(site.reviews)[-1]
    return {
        "home": addresses.HOME,
        "status": addresses.STATUS,
        "status history": addresses.status_history(site.incidents[-1].start.year),
        "incident": addresses.incident(site.incidents[0].id),
        "maintenance": addresses.maintenance(announced_maintenance(site)[0].id),
        "services": addresses.SERVICES,
        "service": addresses.service(next(iter(site.services))),
        "brochure": addresses.BROCHURE,
        "brochure chapter": addresses.brochure_chapter(site.settings.service_categories[0].id),
        "reports": addresses.REPORTS,
        "report": addresses.report(next(iter(site.reports))),
        "newsletters": addresses.NEWSLETTERS,
        "newsletter": addresses.newsletter(next(issue.id for issue in site.newsletters if not issue.draft)),
        "units": addresses.UNITS,
        "unit": addresses.unit(unit_id),
        "review": addresses.unit_review(unit_id, quarter),
        "glossary": addresses.GLOSSARY,
        "authoring": addresses.AUTHORING,
        "content health": addresses.CONTENT_HEALTH,
        "accessibility": addresses.ACCESSIBILITY,
    }


PAGE_TYPES = demo_page_types()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_in_browser(browser: Browser, base_url: str, page_type: str, scheme: str) -> None:
    seen = visit(browser, base_url + addresses.url(PAGE_TYPES[page_type]), color_scheme=scheme)
    assert seen.page.locator("h1").count() >= 1
    assert seen.console_errors == []
    assert seen.foreign_hosts == set()
    assert accessibility_violations(seen.page) == []


def _targets(html_file: Path) -> Iterator[str]:
    document = lxml.html.parse(str(html_file)).getroot()
    for element, attribute, link, _ in document.iterlinks():
        if element.tag in ("a", "img", "link", "script", "source", "track", "video", "audio") and attribute in (
            "href",
            "src",
        ):
            yield link


def test_every_internal_link_and_image_resolves(demo_site: Path) -> None:
    site_url = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
    site_path = urlsplit(site_url).path
    broken = []
    for html_file in sorted(demo_site.rglob("*.html")):
        page = html_file.relative_to(demo_site).as_posix()
        for link in _targets(html_file):
            if link.startswith(site_url):  # absolute, into this site (feeds, PDFs, emails link so)
                link = "/" + link.removeprefix(site_url).lstrip("/")
                link = site_path.rstrip("/") + link
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path:
                continue  # another site, an email address, or a place on the same page
            if parts.path.startswith("/"):  # absolute on this site (the 404 page links so)
                target = unquote(parts.path).removeprefix(site_path)
            else:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
            resolved = demo_site / target
            if not (resolved.is_file() or (resolved / "index.html").is_file()):
                broken.append(f"{page} → {link}")
    assert broken == []
