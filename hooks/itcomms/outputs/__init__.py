"""Render the assembled site: every output module turns the ``Site`` into pages and files.

Output modules plug in here, in four ways:

- ``RENDERERS`` yield pages, files and (as ``Problem`` warnings) anything an
  author should hear about;
- ``THEME_PARTIALS`` make theme partials from the data (the status banner on every
  page), from the values ``THEME_CONTEXT`` works out;
- ``PAGE_FILTERS`` rewrite each page's HTML once the engine has rendered it;
- ``AFTER_BUILD`` make files from the built site (PDFs) and may warn too.
- ``ADVICE`` give authors advice that needs the assembled site (an email too long
  for one screen): ``scripts/validate`` asks for it, the build never does, so
  advice never stops a build.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from itcomms.outputs.authoring import authoring_guide, content_health_page
from itcomms.outputs.catalogue import service_brochure, service_catalogue
from itcomms.outputs.newsletter import newsletter, newsletter_email
from itcomms.outputs.report import annual_report
from itcomms.outputs.site import accessibility_statement, glossary_page, glossary_tooltips, home, phone_links
from itcomms.outputs.status import (
    incident_pages,
    maintenance_calendar,
    maintenance_pages,
    status_badges,
    status_banner,
    status_feeds,
    status_json,
    status_live,
    status_page,
)
from itcomms.outputs.units import business_units
from itcomms.problems import Problem
from itcomms.rendering.outputs import Artefact, Output, Page, Rewritten
from itcomms.rendering.templating import Templates
from itcomms.site import Site

Renderer = Callable[[Site, Templates], Iterable[Output | Problem]]
ThemeContext = Callable[[Site], Mapping[str, Any]]
ThemePartials = Callable[[Site], Mapping[str, str]]
"""site → {partial's path in the theme, like partials/status-banner.html: its template text}."""


def _no_parts(site: Site, parts: frozenset[str]) -> str:
    return ""


@dataclass(frozen=True)
class PageFilter:
    rewrite: Callable[[Site, str, str], Rewritten]
    """(site, page source path, page HTML) → page HTML, and the parts of the site read for it."""
    reads: Callable[[Site], str]
    """What of the site every page's rewrite depends on, as text (the terms the glossary matches)."""
    reads_parts: Callable[[Site, frozenset[str]], str] = _no_parts
    """What the parts named say now, as text (those terms' meanings). A page rewritten again is rewritten the
    same while ``reads``, and this for the parts its rewrite read, say the same."""

    @classmethod
    def site_wide(cls, rewrite: Callable[[Site, str, str], str], reads: Callable[[Site], str]) -> PageFilter:
        """A filter that reads for every page all it reads for any (the phone numbers)."""
        return cls(lambda site, path, html: Rewritten(rewrite(site, path, html)), reads)


@dataclass(frozen=True)
class FilteredPage:
    html: str
    parts_read: tuple[tuple[str, ...], ...]
    """For each page filter in turn, the names of the parts of the site it read for this page."""


AfterBuild = Callable[[Site, Path], Iterable[Problem | str]]
"""(site, built site folder) → warnings, and notes (plain strings) for the build log."""
Advice = Callable[[Site, Templates], Iterable[Problem]]

RENDERERS: tuple[Renderer, ...] = (
    home.render,
    status_page.render,
    incident_pages.render,
    maintenance_pages.render,
    status_feeds.render,
    maintenance_calendar.render,
    status_json.render,
    status_badges.render,
    service_catalogue.render,
    annual_report.render,
    newsletter.render,
    business_units.render,
    glossary_page.render,
    authoring_guide.render,
    content_health_page.render,
    accessibility_statement.render,
)
THEME_CONTEXT: tuple[ThemeContext, ...] = (status_banner.context, status_feeds.theme_context, status_live.theme_context)
THEME_PARTIALS: tuple[ThemePartials, ...] = (status_banner.partials,)
THEME_VALUES = "partials/itcomms-values.html"
"""A partial the theme imports (``{% import ... as itcomms %}``) for the values every page's head needs:
values as Jinja literals, so every engine reads them from the source tree, no hook needed."""
_VALUE_PROVIDERS: tuple[ThemeContext, ...] = (status_feeds.theme_context, status_live.theme_context)
PAGE_FILTERS: tuple[PageFilter, ...] = (
    PageFilter(glossary_tooltips.explain_terms, glossary_tooltips.what_it_reads, glossary_tooltips.meanings),
    PageFilter.site_wide(phone_links.add_phone_links, phone_links.what_it_reads),
)
AFTER_BUILD: tuple[AfterBuild, ...] = (service_brochure.write_pdf, annual_report.make_pdfs)
ADVICE: tuple[Advice, ...] = (newsletter_email.length_advice,)


@dataclass(frozen=True)
class Rendered:
    outputs: list[Output]
    """Every generated page and file, sorted by path."""
    warnings: list[Problem]
    made_by: list[tuple[str, str]]
    """Each output's path and the output module that made it, in the order made, repeats included: two
    outputs for one path are refused by ``published_paths.clashes`` (the build runs it, see pipeline.py)."""


def render_site(site: Site) -> Rendered:
    templates = Templates(site)
    outputs: list[Output] = []
    warnings: list[Problem] = []
    made_by: list[tuple[str, str]] = []
    for renderer in RENDERERS:
        for produced in renderer(site, templates):
            if isinstance(produced, Problem):
                warnings.append(produced)
                continue
            made_by.append((produced.path, made_in(renderer.__module__)))
            outputs.append(produced)
    templates.forget_unused()
    return Rendered(sorted(outputs, key=lambda output: output.path), warnings, made_by)


def made_in(module: str) -> str:
    """The file of the package a module is, as a developer finds it: itcomms.outputs.status.status_page is
    outputs/status/status_page.py."""
    return module.removeprefix("itcomms.").replace(".", "/") + ".py"


def theme_context(site: Site) -> dict[str, Any]:
    return {key: value for provider in THEME_CONTEXT for key, value in provider(site).items()}


def theme_partials(site: Site) -> dict[str, str]:
    partials = {path: text for provider in THEME_PARTIALS for path, text in provider(site).items()}
    values = {name: value for provider in _VALUE_PROVIDERS for name, value in provider(site).items()}
    # JSON strings, lists and objects are Jinja literals; a "%" is escaped so no value can close the tag
    partials[THEME_VALUES] = "".join(
        f"{{% set {name} = {json.dumps(value, ensure_ascii=False).replace('%', chr(92) + 'u0025')} %}}\n"
        for name, value in values.items()
    )
    return partials


def filter_page(site: Site, path: str, html: str) -> FilteredPage:
    parts_read = []
    for page_filter in PAGE_FILTERS:
        rewritten = page_filter.rewrite(site, path, html)
        html = rewritten.html
        parts_read.append(tuple(sorted(rewritten.parts_read)))
    return FilteredPage(html, tuple(parts_read))


def page_filters_read(site: Site) -> str:
    """What the page filters depend on for every page: a page kept filtered stays right while this is the
    same, and so is what the parts it read say now (``parts_read_now``)."""
    return "\n".join(page_filter.reads(site) for page_filter in PAGE_FILTERS)


def parts_read_now(site: Site, parts_read: Sequence[Sequence[str]]) -> str | None:
    """What the parts a page's filters read for it (``FilteredPage.parts_read``) say now; None when they were
    read by other filters than these."""
    if len(parts_read) != len(PAGE_FILTERS):
        return None
    return "\n".join(
        page_filter.reads_parts(site, frozenset(parts))
        for page_filter, parts in zip(PAGE_FILTERS, parts_read, strict=True)
    )


def after_build(site: Site, site_dir: Path) -> list[Problem | str]:
    return [note for step in AFTER_BUILD for note in step(site, site_dir)]


def advice(site: Site) -> list[Problem]:
    """Warnings for authors that only the assembled site can give; never part of a build."""
    templates = Templates(site)
    return sorted(problem for give in ADVICE for problem in give(site, templates))


__all__ = [
    "THEME_VALUES",
    "Artefact",
    "FilteredPage",
    "Output",
    "Page",
    "Rendered",
    "advice",
    "after_build",
    "filter_page",
    "page_filters_read",
    "parts_read_now",
    "render_site",
    "theme_context",
    "theme_partials",
]
