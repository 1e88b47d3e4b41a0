"""The whole core pipeline in one call: load and validate content, then assemble the site.

This is what the MkDocs hooks, the scripts and the tests call; it knows nothing
of MkDocs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from itcomms import outputs, published_paths
from itcomms.clock import build_now
from itcomms.content.loaded import ContentCheck
from itcomms.content.models import Metric, SiteSettings
from itcomms.content.validate import check_content
from itcomms.figures.derived_kpis import disagreements, with_derived_kpis
from itcomms.problems import ContentError, Problem
from itcomms.publishing import Calendar, held_back
from itcomms.rehearsal import rehearse
from itcomms.site import BuildOptions, Site, assemble

_FALSE_WORDS = {"0", "false", "no", "off"}
DOCS = "docs"
"""The folder of hand-written pages and files, published with the generated ones."""


@dataclass(frozen=True)
class Build:
    """A site ready to render, and the warnings its content raised.

    Plain-language advice (an acronym the glossary lacks, a summary too long)
    is for authors: ``scripts/validate`` gives it, the build does not spend time on it.
    """

    site: Site
    warnings: tuple[Problem, ...]
    project_dir: Path
    """The folder holding ``content/`` and ``docs/``."""

    def render(self) -> outputs.Rendered:
        """Every generated page and file, and the warnings rendering raised; raises ``ContentError`` when a
        published file would have two sources (two outputs, or an output and a file of ``docs/``).

        Every engine's build renders through here, so none publishes a path twice."""
        return render_published(self.site, self.project_dir)

    def theme_partials(self) -> dict[str, str]:
        """Theme partials made from the data (the status banner): their path in the theme, and template text."""
        return outputs.theme_partials(self.site)

    def page_html(self, path: str, html: str) -> str:
        """A page's HTML once the engine rendered it, rewritten by the output modules that need to."""
        return self.filtered_page(path, html).html

    def filtered_page(self, path: str, html: str) -> outputs.FilteredPage:
        """``page_html``, with the parts of the site the filters read for this page."""
        return outputs.filter_page(self.site, path, html)

    def page_filters_read(self) -> str:
        """What of the site ``page_html`` depends on for every page, as text: for keeping filtered pages
        between builds (with what the parts each page's filters read say now, ``parts_read_now``)."""
        return outputs.page_filters_read(self.site)

    def parts_read_now(self, parts_read: Sequence[Sequence[str]]) -> str | None:
        """What the parts of the site a page's filters read for it say now (None: read by other filters)."""
        return outputs.parts_read_now(self.site, parts_read)

    def after_build(self, site_dir: Path) -> list[Problem | str]:
        """Make the files that need the built site (PDFs); returns warnings and notes for the log."""
        return outputs.after_build(self.site, site_dir)


def options_from_environment(site_url: str, environ: Mapping[str, str], cache_dir: Path | None) -> BuildOptions:
    """``ITCOMMS_DRAFTS=1`` previews drafts, ``ITCOMMS_FUTURE=1`` items dated after "now"; ``ITCOMMS_PDF=0`` skips the PDFs;
    ``cache_dir`` None keeps nothing between builds (``ITCOMMS_CACHE=0``)."""
    return BuildOptions(
        site_url=site_url,
        cache_dir=cache_dir,
        drafts=environ.get("ITCOMMS_DRAFTS", "").strip().lower() not in _FALSE_WORDS | {""},
        future=environ.get("ITCOMMS_FUTURE", "").strip().lower() not in _FALSE_WORDS | {""},
        pdf=environ.get("ITCOMMS_PDF", "1").strip().lower() not in _FALSE_WORDS,
    )


def load_build(project_dir: Path, site_url: str, environ: Mapping[str, str]) -> Build:
    """Read ``project_dir/content`` into a ``Build``; raises ``ContentError`` listing every problem."""
    check = check_content(project_dir)
    if not check.ok:
        raise ContentError(check.problems)
    site = _site(check, project_dir, site_url, environ)
    return Build(site, tuple(problem for problem in check.problems if not problem.is_error), project_dir)


def render_published(site: Site, project_dir: Path) -> outputs.Rendered:
    """``site`` rendered, once every published file is known to have one source; else ``ContentError``."""
    rendered = outputs.render_site(site)
    clashes = published_paths.clashes(project_dir / DOCS, project_dir, rendered.made_by)
    if clashes:
        raise ContentError(clashes)
    return rendered


def _site(check: ContentCheck, project_dir: Path, site_url: str, environ: Mapping[str, str]) -> Site:
    settings = next(loaded.item for loaded in check.items if isinstance(loaded.item, SiteSettings))
    now = build_now(environ, ZoneInfo(settings.timezone))
    keep = environ.get("ITCOMMS_CACHE", "1").strip().lower() not in _FALSE_WORDS
    options = options_from_environment(site_url, environ, project_dir / ".cache" / "itcomms" if keep else None)
    return with_derived_kpis(assemble(check, now, options))


ADVICE_SITE_URL = "https://intranet.example/"
"""Where advice pretends the site lives: no advice depends on the address (web addresses are not words)."""


def check_with_advice(project_dir: Path, environ: Mapping[str, str]) -> ContentCheck:
    """What ``scripts/validate`` reports: every problem, the plain-language advice, and, when the content is
    sound, the advice that needs the assembled site (an email too long for one screen), drafts included, what
    "now" holds back, and whatever making every output in memory finds (``rehearsal.py``).

    The build never asks for advice, so advice never stops a build."""
    check = check_content(project_dir, advice=True)
    if not check.ok:
        return check
    settings = next(loaded.item for loaded in check.items if isinstance(loaded.item, SiteSettings))
    now = build_now(environ, ZoneInfo(settings.timezone))
    site = with_derived_kpis(assemble(check, now, BuildOptions(site_url=ADVICE_SITE_URL, drafts=True, pdf=False)))

    # Whatever validate accepts, the build renders: every output made in memory and read back, through the
    # build's own gate for published paths; drafts included, so a draft that would break is told before it is
    # published, not on the day it is.
    def render_whole() -> outputs.Rendered:
        outputs.theme_partials(site)
        return render_published(site, project_dir)

    check.problems.extend(rehearse(check, render_whole))
    check.problems.extend(outputs.advice(site))
    check.problems.extend(held_back(check, Calendar(site.local_now, settings.fiscal_year_start)))
    check.problems.extend(
        problem
        for loaded in check.of_kind("metric")
        if isinstance(loaded.item, Metric) and loaded.item.id in site.metrics
        for problem in disagreements(site, loaded.item)
    )
    check.problems.sort()
    return check


def engine_config(site: Site) -> dict[str, str]:
    """The settings of the engine's configuration that come from the content, so ``mkdocs.yml`` never repeats
    them: the hook sets them for MkDocs and ProperDocs, and a configuration written for an engine that runs no
    hooks (Zensical) takes them from here too. Changing the name in ``content/site.yaml`` renames every page."""
    settings = site.settings
    return {
        "site_name": settings.name,
        "site_description": " ".join((settings.tagline or f"{settings.name}, IT at {settings.organisation}.").split()),
        "copyright": settings.organisation,
    }
