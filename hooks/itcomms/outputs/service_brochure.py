"""The e-brochure: the whole catalogue as one print-ready page, and its PDF made from the built page.

The page uses the ``printable.html`` theme template (no navigation chrome);
the catalogue's print styles put each category on a new page, keep each
service whole on its page and print links as text. WeasyPrint turns its
headings into the PDF's bookmarks: one per category and per service.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from itcomms import addresses
from itcomms.figures.service_facts import ServiceFacts, by_category, retired
from itcomms.problems import Problem
from itcomms.rendering.outputs import Page
from itcomms.rendering.pdf import html_to_pdf, turned_off
from itcomms.rendering.templating import Templates
from itcomms.site import Site


def page(site: Site, templates: Templates, facts: Mapping[str, ServiceFacts]) -> Page:
    """The brochure page: cover, contents, then each category's services."""
    return templates.page(
        "brochure.md.j2",
        addresses.BROCHURE,
        groups=by_category(site, facts),
        retired=retired(facts),
        page_address=lambda path: site.options.absolute(addresses.url(path)),
    )


def write_pdf(site: Site, site_dir: Path) -> Iterator[Problem | str]:
    """After the build: the brochure's PDF, or a note in the build log that PDFs are off."""
    if not site.options.pdf:
        yield turned_off(addresses.BROCHURE_PDF)
        return
    brochure_page = site_dir / addresses.url(addresses.BROCHURE) / "index.html"
    html_to_pdf(brochure_page, site_dir / addresses.BROCHURE_PDF, site_dir, site.options.site_url)
