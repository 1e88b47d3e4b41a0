"""The Jinja environment every page template is rendered with, one per build.

Plain text values are escaped for Markdown as well as HTML, so a title can
never become a link, a table cell break or an attribute list. Markdown fields
go through the ``md`` filter, which renders and sanitises them.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from itcomms import addresses
from itcomms.addresses import relative_link
from itcomms.rendering.charts import Chart, Charts
from itcomms.rendering.markdown_html import MarkdownRenderer
from itcomms.rendering.outputs import Page
from itcomms.site import Site

TEMPLATE_DIR = Path(__file__).parents[1] / "outputs" / "templates"

_MARKDOWN_SPECIALS = str.maketrans({char: f"&#{ord(char)};" for char in "\\`*_{}[]|~^="})
_UNSAFE_IN_LINKS = str.maketrans({char: f"%{ord(char):02X}" for char in " ()<>\"'`"})


def escape_text(value: Any) -> Markup:
    """Escape a plain value so Markdown and HTML both show it literally."""
    if isinstance(value, Markup):
        return value
    return Markup(str(escape(value)).translate(_MARKDOWN_SPECIALS))


def href(url: str) -> Markup:
    """A validated address, safe inside a Markdown link or an HTML attribute."""
    return Markup(url.translate(_UNSAFE_IN_LINKS))


def _finalize(value: Any) -> Any:
    return "" if value is None else escape_text(value)


def day_words(value: date | datetime, timezone: tzinfo) -> str:
    """A date as people read it: 14 March 2026 (a time is first put in ``timezone``)."""
    if isinstance(value, datetime):
        value = value.astimezone(timezone)
    return f"{value.day} {value:%B %Y}"


def moment_words(value: datetime, timezone: tzinfo) -> str:
    """A time in ``timezone``, with the zone named: 14 March 2026, 09:30 GMT."""
    local = value.astimezone(timezone)
    return f"{day_words(local, timezone)}, {local:%H:%M} {local.tzname()}"


def environment(cache_dir: Path | None, loader: jinja2.BaseLoader, **settings: Any) -> jinja2.Environment:
    """A Jinja environment whose compiled templates are kept in ``cache_dir`` between builds.

    Jinja checks each kept template against its source, so an edited template
    is compiled again. How a template compiles also depends on the
    environment's settings (escaping above all), which Jinja does not check:
    each set of settings keeps its own folder.
    """
    bytecode_cache = None
    if cache_dir is not None:
        described = sorted((name, getattr(value, "__qualname__", repr(value))) for name, value in settings.items())
        fingerprint = hashlib.sha256(repr(described).encode())
        folder = cache_dir / "templates" / fingerprint.hexdigest()[:16]
        folder.mkdir(parents=True, exist_ok=True)
        bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
    return jinja2.Environment(loader=loader, bytecode_cache=bytecode_cache, **settings)


class Templates:
    """Renders page templates with the site's filters; created once per build."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.markdown = MarkdownRenderer(site.options.site_url)
        cache_dir = site.options.cache_dir
        self.charts = Charts(cache_dir / "charts" if cache_dir else None)
        self.environment = environment(
            cache_dir,
            jinja2.FileSystemLoader(TEMPLATE_DIR),
            autoescape=True,
            finalize=_finalize,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.environment.filters.update(
            md=self.md,
            href=href,
            day=self.day,
            moment=self.moment,
            chart=self.chart,
        )
        self.environment.globals.update(site=site, addresses=addresses)

    @jinja2.pass_context
    def md(self, context: jinja2.runtime.Context, text: str | None, base_url: str | None = None) -> Markup:
        """An author's Markdown field as sanitised HTML (place it on its own lines); with ``base_url``, the address
        of the page the text belongs to, its links are made absolute (for feeds and emails); on a page, links to
        pages of this site are relative to it."""
        if not text:
            return Markup("")
        return Markup(self.markdown.html(text, base_url, context.get("page_path")))

    def chart(self, chart: Chart) -> Markup:
        """A chart as inline SVG (place it on its own lines, inside a ``<figure>``)."""
        return Markup(self.charts.svg(chart))

    def day(self, value: date | datetime) -> str:
        """A date as people read it: 14 March 2026."""
        return day_words(value, self.site.timezone)

    def moment(self, value: datetime) -> str:
        """A time in the site's timezone, with the zone named: 14 March 2026, 09:30 GMT."""
        return moment_words(value, self.site.timezone)

    def page(self, template: str, path: str, **context: Any) -> Page:
        """Render ``template`` as the Markdown page at ``path``; ``link`` makes links relative to it.

        ``html_link`` is for links inside raw HTML, which MkDocs leaves as they are: it points at
        the address a page is published at (``../email/``), not at its source (``../email/index.md``).
        """

        def link(target: str) -> Markup:
            return href(relative_link(path, target))

        def html_link(target: str) -> Markup:
            published = addresses.url(target) or "./"
            relative = relative_link(path, published)
            return href(relative + "/" if published.endswith("/") and not relative.endswith("/") else relative)

        rendered = self.environment.get_template(template).render(
            page_path=path, link=link, html_link=html_link, **context
        )
        return Page(path, rendered)
