"""Print-ready pages of the built site as PDFs, with WeasyPrint, at build time.

Only files inside the built site are read: a page that refers to anything
else (the network, the rest of the disk) gets nothing for it, so a PDF never
depends on the internet. The same page gives the same bytes.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from itcomms import addresses

PDF_VARIANT = "pdf/ua-1"
"""Accessible PDF (ISO 14289): WeasyPrint then tags the document and names its language and title."""


def turned_off(*pdf_paths: str) -> str:
    """The note a build logs instead of making PDFs, so nobody wonders where they went."""
    return f"{', '.join(pdf_paths)} not made: PDFs are turned off (ITCOMMS_PDF=0)"


def html_to_pdf(html_file: Path, pdf_file: Path, site_dir: Path, site_url: str, text: str | None = None) -> None:
    """Render one built page to a tagged PDF (vector, text selectable, bookmarks from headings).

    ``text`` is the page's HTML where the PDF holds more than the built file (the brochure's
    chapters joined to its cover); ``html_file`` still says where the page is published.

    ``site_url`` is where the built site is published: links in the PDF lead to
    the published pages, not to files on the machine that built it, so the PDF
    does not depend on the folder it was built in.
    """
    # Imported here: heavy, and only builds that make PDFs need it.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    root = site_dir.resolve()
    published = addresses.absolute(site_url)
    base_url = addresses.absolute(site_url, html_file.resolve().relative_to(root).as_posix())

    class SiteOnly(URLFetcher):  # type: ignore[misc]  # WeasyPrint has no type hints
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith(published):  # a file of the site: read it from the built folder
                url = (root / url2pathname(urlsplit(url).path.removeprefix(urlsplit(published).path))).as_uri()
            if not Path(url2pathname(urlsplit(url).path)).resolve().is_relative_to(root):
                raise ValueError(f"{url} is outside the built site")
            return super().fetch(url, headers)

    # WeasyPrint warns about every screen-only CSS property of the theme; only real failures matter here.
    weasyprint_log = logging.getLogger("weasyprint")
    level = weasyprint_log.level
    weasyprint_log.setLevel(logging.ERROR)
    try:
        source = {"filename": str(html_file)} if text is None else {"string": text}
        document = HTML(**source, base_url=base_url, url_fetcher=SiteOnly(allowed_protocols={"file"})).render()
        pdf_file.parent.mkdir(parents=True, exist_ok=True)
        # PDF/UA: tagged (structure, reading order, alternative text), with the page's language and title, so a
        # screen reader reads the PDF as it reads the page.
        document.write_pdf(str(pdf_file), pdf_variant=PDF_VARIANT)
    finally:
        weasyprint_log.setLevel(level)
