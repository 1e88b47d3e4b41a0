"""Where every page and file of the site lives: the address contract of the design, in one place.

Pages are named by their Markdown source path (``services/email/index.md``),
which MkDocs publishes at the directory address (``services/email/``); other
files by the path they are published at (``status/feed.xml``). Output modules
ask here for any address, their own or another module's, so that a link never
disagrees with the page it points to.
"""

from __future__ import annotations

import posixpath
from urllib.parse import urlsplit

HOME = "index.md"

STATUS = "status/index.md"
STATUS_FEED_RSS = "status/feed.xml"
STATUS_FEED_ATOM = "status/feed.atom"
MAINTENANCE_CALENDAR = "status/maintenance.ics"
STATUS_JSON = "status/status.json"
STATUS_JSON_SCHEMA = "status/status.schema.json"
STATUS_BADGE = "status/badge.svg"

SERVICES = "services/index.md"
BROCHURE = "services/brochure/index.md"
BROCHURE_PDF = "services/brochure.pdf"

REPORTS = "report/index.md"

NEWSLETTERS = "newsletter/index.md"
NEWSLETTER_FEED_RSS = "newsletter/feed.xml"
NEWSLETTER_FEED_ATOM = "newsletter/feed.atom"

UNITS = "units/index.md"
GLOSSARY = "glossary/index.md"
AUTHORING = "authoring/index.md"
CONTENT_HEALTH = "authoring/health/index.md"
ACCESSIBILITY = "accessibility/index.md"


def incident(incident_id: str) -> str:
    return f"status/incidents/{incident_id}/index.md"


def maintenance(window_id: str) -> str:
    """One planned window, for as long as the site exists: feeds and the calendar link here, so the link never moves."""
    return f"status/maintenance/{window_id}/index.md"


def status_history(year: int | str) -> str:
    """One year of incidents and maintenance: the status page keeps only the last few months."""
    return f"status/history/{year}/index.md"


def service(service_id: str) -> str:
    return f"services/{service_id}/index.md"


def service_feed_rss(service_id: str) -> str:
    return f"services/{service_id}/feed.xml"


def service_feed_atom(service_id: str) -> str:
    return f"services/{service_id}/feed.atom"


def service_badge(service_id: str) -> str:
    """An image of the service's state, for other intranet pages to embed."""
    return f"services/{service_id}/badge.svg"


def brochure_chapter(category_id: str) -> str:
    """One category's services in full: the brochure's page holds the cover and the contents."""
    return f"services/brochure/{category_id}/index.md"


def report(year: int | str) -> str:
    return f"report/{year}/index.md"


def report_in_full(year: int | str) -> str:
    """Everything a long year's report shortens: every item delivered, saving, award, talk and service."""
    return f"report/{year}/in-full/index.md"


def report_pdf(year: int | str) -> str:
    return f"report/{year}/annual-report-{year}.pdf"


def newsletter(month: str) -> str:
    """``month`` like 2026-03."""
    return f"newsletter/{month}/index.md"


def newsletter_email_html(month: str) -> str:
    return f"newsletter/{month}/email.html"


def newsletter_email_text(month: str) -> str:
    return f"newsletter/{month}/email.txt"


def newsletter_eml(month: str) -> str:
    return f"newsletter/{month}/newsletter-{month}.eml"


def unit(unit_id: str) -> str:
    return f"units/{unit_id}/index.md"


def unit_review(unit_id: str, quarter: str) -> str:
    """``quarter`` like 2026-q1."""
    return f"units/{unit_id}/{quarter}/index.md"


def absolute(site_url: str, path: str = "") -> str:
    """The absolute address of a path of the site (status/feed.xml), joined to ``site_url`` with one slash."""
    return site_url.rstrip("/") + "/" + path.lstrip("/")


def host(site_url: str) -> str:
    """The host the site is served from: it names the site in feed ids, calendar UIDs and the status document."""
    return urlsplit(site_url).hostname or "localhost"


def url(path: str) -> str:
    """The address a source path is published at, relative to the site root: ``services/email/``."""
    if path == HOME:
        return ""
    if path.endswith("/index.md"):
        return path.removesuffix("index.md")
    if path.endswith(".md"):
        return path.removesuffix(".md") + "/"
    return path


FIXED = (
    HOME, STATUS, STATUS_FEED_RSS, STATUS_FEED_ATOM, MAINTENANCE_CALENDAR, STATUS_JSON, STATUS_JSON_SCHEMA,
    SERVICES, BROCHURE, BROCHURE_PDF, REPORTS, NEWSLETTERS, NEWSLETTER_FEED_RSS, NEWSLETTER_FEED_ATOM,
    UNITS, GLOSSARY, AUTHORING, CONTENT_HEALTH,
)  # fmt: skip
"""Every address the site has whatever the content: an item whose id lands on one would replace it."""

_ITEM_ADDRESS = {"service": service, "incident": incident, "unit": unit}


def taken_ids(kind: str) -> dict[str, str]:
    """Ids an item of ``kind`` cannot have, each with the site's own page already at the address it would get."""
    folder = _ITEM_ADDRESS[kind]("\0").split("\0")[0]
    taken: dict[str, str] = {}
    for fixed in FIXED:
        rest = fixed.removeprefix(folder)
        if rest != fixed and "/" in rest:
            taken.setdefault(rest.split("/")[0], fixed)
    return taken


def relative_link(from_path: str, to_path: str) -> str:
    """A link from one source page to another page or file, relative so the site works under any prefix."""
    # What posixpath.relpath gives for these normalised, docs-relative paths, without its calls to
    # os.getcwd(): tens of thousands of links are made per build.
    here = [part for part in posixpath.dirname(from_path).split("/") if part]
    there = to_path.split("/")
    shared = 0
    while shared < min(len(here), len(there)) and here[shared] == there[shared]:
        shared += 1
    return "/".join([".."] * (len(here) - shared) + there[shared:]) or "."
