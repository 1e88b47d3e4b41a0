"""The words the site's search finds a service by, beyond its page's own text.

Staff search with their own words: "wifi", "wi fi", "pay slip", "vpn". The
site's own pages (the status page, the catalogue, the reports, the newsletter,
the business units) are found by the words staff use for them
(``SITE_PAGE_WORDS``), whatever the content's glossary says, and rank above any
item that uses the same words (``SITE_PAGE_BOOST``). Each service page lists, in
its front matter, the service's name, keywords and the names
and aliases of the glossary terms its name, summary and keywords use; the
theme's search indexes them as the page's tags, which it ranks above titles and
text. A name with a hyphen is also given joined and spaced ("Wi-Fi": "wifi",
"wi fi"), since the search keeps a hyphenated word whole. Incident pages carry
the same other forms of their glossary terms as hidden text, so "wifi" finds
"Wi-Fi down at the Leeds warehouse".
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from itcomms.content.glossary_terms import TermFinder, names
from itcomms.content.models import Service
from itcomms.site import Site

SITE_PAGE_WORDS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "status": (
            "outage",
            "down",
            "not working",
            "broken",
            "status",
            "service status",
            "incident",
            "problem",
            "maintenance",
            "planned maintenance",
        ),
        "services": ("services", "service catalogue", "catalogue", "what IT offers", "brochure"),
        "reports": ("annual report", "report", "year in review"),
        "newsletter": ("newsletter", "news", "IT news"),
        "units": ("business units", "business unit", "departments", "IT liaison", "quarterly review"),
    }
)
"""The words staff use for each of the site's own pages, which every department's site is found by."""
SITE_PAGE_BOOST = 10
"""Above a service page's (3): a service or incident that uses one of the words above ranks below the site's page."""


def site_page_search(page: str) -> dict[str, Any]:
    """What the template of the site's own page ``page`` writes in its front matter to be found first by the words
    for it: ``search_boost`` and ``search_tags``."""
    return {"search_boost": SITE_PAGE_BOOST, "search_tags": list(SITE_PAGE_WORDS[page])}


def service_search_words(site: Site, service: Service) -> list[str]:
    """The service's name, keywords and glossary synonyms, each also joined and spaced, in lower case, sorted.

    The name is among them so that "self checkout" finds "Self-checkout", which the search keeps as one word."""
    found = glossary_names(site, service.name, service.summary, *service.keywords)
    return _with_variants([service.name, *service.keywords, *found])


def page_search_words(site: Site, *texts: str, kind: str = "") -> list[str]:
    """Other ways of writing the glossary terms the texts use ("wifi" for "Wi-Fi"), for a page's hidden synonyms.

    ``kind`` names what the page is, in a glossary term's words ("Incident", which brings "outage").
    Only the forms a reader might type that the texts do not already contain as written.
    """
    written = " ".join(texts).casefold()
    return [word for word in _with_variants(glossary_names(site, kind, *texts)) if word not in written]


def glossary_names(site: Site, *texts: str) -> list[str]:
    """The names and aliases of every glossary term the texts use."""
    finder = TermFinder(site.glossary.terms)
    return [name for text in texts for use in finder.uses(text) for name in names(use.term)]


def _with_variants(found: list[str]) -> list[str]:
    words: set[str] = set()
    for word in found:
        folded = " ".join(word.casefold().split())
        words.update({folded, folded.replace("-", ""), folded.replace("-", " ")})
    return sorted(words)
