"""Render the assembled site: every output module turns the ``Site`` into pages and files."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..assemble import Site
from . import annual_report, business_units, glossary_page, home, newsletter, service_catalogue, status_page
from .outputs import Artefact, Output, Page
from .templating import Templates

Renderer = Callable[[Site, Templates], Iterable[Output]]

RENDERERS: tuple[Renderer, ...] = (
    home.render,
    status_page.render,
    service_catalogue.render,
    annual_report.render,
    newsletter.render,
    business_units.render,
    glossary_page.render,
)


def render_site(site: Site) -> list[Output]:
    """Every generated page and file, in a stable order."""
    templates = Templates(site)
    outputs = [output for renderer in RENDERERS for output in renderer(site, templates)]
    return sorted(outputs, key=lambda output: output.path)


__all__ = ["Artefact", "Output", "Page", "render_site"]
