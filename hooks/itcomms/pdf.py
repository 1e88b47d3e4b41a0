"""Print-ready pages of the built site as PDFs, with WeasyPrint, at build time.

Only files inside the built site are read: a page that refers to anything on
the network gets nothing for it, so a PDF never depends on the internet.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


class ExternalResourceRefused(ValueError):
    """A printable page asked for something outside the built site."""


def html_to_pdf(html_file: Path, pdf_file: Path, site_dir: Path) -> None:
    """Render one built page to a PDF beside it (vector, text selectable, bookmarks from headings)."""
    from weasyprint import HTML, default_url_fetcher  # imported here: heavy, and only PDF builds need it

    root = site_dir.resolve()

    def local_only(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
        if not url.startswith("file://") or not Path(
            url.removeprefix("file://").split("?")[0]
        ).resolve().is_relative_to(root):
            raise ExternalResourceRefused(f"{html_file.relative_to(site_dir)} refers to {url}, outside the site")
        result: dict[str, Any] = default_url_fetcher(url, *args, **kwargs)
        return result

    document = HTML(filename=str(html_file), url_fetcher=local_only).render()
    pdf_file.parent.mkdir(parents=True, exist_ok=True)
    document.write_pdf(str(pdf_file))
