"""Render the assembled site: every output module turns the ``Site`` into pages and files.

Output modules plug in here, in four ways:

- ``RENDERERS`` yield pages, files and (as ``Problem`` warnings) anything an
  author should hear about;
- ``THEME_CONTEXT`` give values to the theme's templates (a banner on every page);
- ``PAGE_FILTERS`` rewrite each page's HTML once MkDocs has rendered it;
- ``AFTER_BUILD`` make files from the built site (PDFs) and may warn too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from itcomms.outputs import (
    accessibility_statement,
    annual_report,
    authoring_guide,
    business_units,
    content_health_page,
    glossary_page,
    glossary_tooltips,
    home,
    incident_pages,
    maintenance_calendar,
    newsletter,
    phone_links,
    service_brochure,
    service_catalogue,
    status_banner,
    status_feeds,
    status_json,
    status_page,
)
from itcomms.problems import Problem
from itcomms.rendering.outputs import Artefact, Output, Page
from itcomms.rendering.templating import Templates
from itcomms.site import Site

Renderer = Callable[[Site, Templates], Iterable[Output | Problem]]
ThemeContext = Callable[[Site], Mapping[str, Any]]
PageFilter = Callable[[Site, str, str], str]
"""(site, page source path, page HTML) → page HTML."""
AfterBuild = Callable[[Site, Path], Iterable[Problem | str]]
"""(site, built site folder) → warnings, and notes (plain strings) for the build log."""

RENDERERS: tuple[Renderer, ...] = (
    home.render,
    status_page.render,
    incident_pages.render,
    status_feeds.render,
    maintenance_calendar.render,
    status_json.render,
    service_catalogue.render,
    annual_report.render,
    newsletter.render,
    business_units.render,
    glossary_page.render,
    authoring_guide.render,
    content_health_page.render,
    accessibility_statement.render,
)
THEME_CONTEXT: tuple[ThemeContext, ...] = (status_banner.context,)
PAGE_FILTERS: tuple[PageFilter, ...] = (glossary_tooltips.add_tooltips, phone_links.add_phone_links)
AFTER_BUILD: tuple[AfterBuild, ...] = (service_brochure.write_pdf, annual_report.make_pdfs)


@dataclass(frozen=True)
class Rendered:
    outputs: list[Output]
    """Every generated page and file, sorted by path."""
    warnings: list[Problem]


def render_site(site: Site) -> Rendered:
    templates = Templates(site)
    outputs: list[Output] = []
    warnings: list[Problem] = []
    for renderer in RENDERERS:
        for produced in renderer(site, templates):
            if isinstance(produced, Problem):
                warnings.append(produced)
            else:
                outputs.append(produced)
    return Rendered(sorted(outputs, key=lambda output: output.path), warnings)


def theme_context(site: Site) -> dict[str, Any]:
    return {key: value for provider in THEME_CONTEXT for key, value in provider(site).items()}


def filter_page(site: Site, path: str, html: str) -> str:
    for page_filter in PAGE_FILTERS:
        html = page_filter(site, path, html)
    return html


def after_build(site: Site, site_dir: Path) -> list[Problem | str]:
    return [note for step in AFTER_BUILD for note in step(site, site_dir)]


__all__ = ["Artefact", "Output", "Page", "Rendered", "after_build", "filter_page", "render_site", "theme_context"]
