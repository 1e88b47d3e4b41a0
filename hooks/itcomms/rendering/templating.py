"""The Jinja environment every page template is rendered with, one per build.

Plain text values are escaped for Markdown as well as HTML, so a title can
never become a link, a table cell break or an attribute list. Markdown fields
go through the ``md`` filter, which renders and sanitises them.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

import jinja2
from markupsafe import Markup, escape

from itcomms import addresses
from itcomms.addresses import relative_link
from itcomms.content.markdown_html import MarkdownRenderer, converted_with
from itcomms.rendering.charts import Chart, Charts
from itcomms.rendering.kept import KeptFiles, KeptValues
from itcomms.rendering.outputs import Page
from itcomms.site import Site
from itcomms.words import Words

TEMPLATE_DIRS: tuple[Path, ...] = tuple(sorted((Path(__file__).parents[1] / "outputs").glob("*/templates")))
"""Each product's templates, beside its modules (outputs/status/templates, ...): one name space, so a template
imports another product's macros by name; no name is in two folders (tests/test_layers.py)."""

_MARKDOWN_SPECIALS = str.maketrans({char: f"&#{ord(char)};" for char in "\\`*_{}[]|~^="})
_MAY_START_A_BLOCK = frozenset("-+:!? \t0123456789")
_HASH = re.compile(r"(?<!&)#")
"""A # that is not part of an entity this escaping wrote."""
# What starts a Markdown block at the start of a line: a list (- + 1.), a definition (:), a warning or
# folding box (!!! ???), and indentation (code). A heading (#) is escaped everywhere: a closing # is dropped.
_BLOCK_START = re.compile(
    r"(^|\n)([ \t]*)(?:([-+:](?=[ \t\n]|$)|-(?=-)|!(?=!!)|\?(?=\?\?))|([0-9]+)([.)])(?=[ \t\n]|$)|(?=[^ \t]))"
)
_PATH_SPECIALS = str.maketrans({"%": "%25", "#": "%23", "?": "%3F"})
_UNSAFE_IN_LINKS = str.maketrans({char: f"%{ord(char):02X}" for char in " ()<>\"'`"})


def escape_text(value: Any) -> Markup:
    """Escape a plain value so Markdown and HTML both show it literally."""
    if isinstance(value, Markup):
        return value
    escaped = str(escape(value)).translate(_MARKDOWN_SPECIALS)
    if "#" in escaped:
        escaped = _HASH.sub("&#35;", escaped)
    if "\n" in escaped or escaped[:1] in _MAY_START_A_BLOCK:  # most values are one line of words: skip the work
        escaped = _BLOCK_START.sub(_escape_block_start, escaped)
    return Markup(escaped)


def _escape_block_start(found: re.Match[str]) -> str:
    line_start, indent, mark, number, after_number = found.groups()
    # Indentation after a line break would make a code block: dropped. At the value's start it is kept: the
    # value may sit inside a sentence of the template, where a space matters.
    kept = indent if not line_start else ""
    if mark:
        return f"{line_start}{kept}&#{ord(mark)};"
    if number:
        return f"{line_start}{kept}{number}&#{ord(after_number)};"
    return f"{line_start}{kept}"


def href(url: str) -> Markup:
    """A validated address, safe inside a Markdown link or an HTML attribute."""
    return Markup(url.translate(_UNSAFE_IN_LINKS))


_UNPRINTABLE_IN_YAML = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


def front_matter_json(value: Any, **settings: Any) -> str:
    """JSON that MkDocs reads back as the same YAML front matter (``tojson`` writes it there).

    JSON is YAML, but JSON's own escaping writes an emoji as a pair of surrogate escapes, which YAML reads
    as two broken characters: MkDocs then drops the whole front matter without a word (the title, the feed
    links and the print layout with it). So characters are written as they are, and only those YAML does not
    allow raw (controls, line separators) are escaped, each as a single-character escape YAML reads back.
    """
    text = json.dumps(value, **{**settings, "ensure_ascii": False})
    return _UNPRINTABLE_IN_YAML.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def _finalize(value: Any) -> Any:
    return "" if value is None else escape_text(value)


Escaping = Literal["markdown", "theme", "none"]
"""``markdown``: plain values escaped for Markdown and HTML (pages, the HTML email); ``theme``: escaped for HTML
and for the engine's own Jinja, which renders a theme partial again; ``none``: values as they are (plain-text
email, YAML)."""

_TEMPLATE_BRACES = str.maketrans({"{": "&#123;", "}": "&#125;"})


def _finalize_plain(value: Any) -> Any:
    return "" if value is None else value


def _finalize_theme(value: Any) -> Any:
    if value is None or isinstance(value, Markup):
        return "" if value is None else value
    return Markup(str(escape(value)).translate(_TEMPLATE_BRACES))


_FINALIZE = {"markdown": _finalize, "theme": _finalize_theme, "none": _finalize_plain}


def environment(folders: Sequence[Path], escaping: Escaping, cache_dir: Path | None = None) -> jinja2.Environment:
    """The one way the project configures Jinja: templates from ``folders``, a missing value is an error, block tags
    leave no blank lines, and compiled templates are kept in ``cache_dir`` between builds.

    Jinja checks each kept template against its source, so an edited template
    is compiled again. How a template compiles also depends on the escaping,
    which Jinja does not check: each escaping keeps its own folder.
    """
    places = ":".join(str(folder.resolve()) for folder in folders)
    bytecode_cache = compiled_templates_kept(cache_dir, f"{places}:{escaping}")
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(list(folders)),
        bytecode_cache=bytecode_cache,
        autoescape=escaping != "none",
        finalize=_FINALIZE[escaping],
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def compiled_templates_kept(cache_dir: Path | None, settings: str) -> jinja2.BytecodeCache | None:
    """Where templates compiled with ``settings`` (what shapes their compiled form that Jinja does not check:
    the folders, the escaping, the engine) are kept between builds; None where nothing can be kept."""
    if cache_dir is None:
        return None
    kept = cache_dir / "templates" / hashlib.sha256(settings.encode()).hexdigest()[:16]
    try:
        kept.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a folder that cannot be made (a read-only checkout): templates are compiled every build
    return jinja2.FileSystemBytecodeCache(str(kept))


class Templates:
    """Renders page templates with the site's filters; created once per build."""

    def __init__(self, site: Site) -> None:
        self.site = site
        cache_dir = site.options.cache_dir
        self.conversions = KeptValues(
            cache_dir / "markdown-fields.json" if cache_dir else None, converted_with(site.options.site_url)
        )
        self.markdown = MarkdownRenderer(site.options.site_url, self.conversions)
        self.charts = Charts(KeptFiles(cache_dir / "charts" if cache_dir else None))
        self.feeds = KeptFiles(cache_dir / "feeds" if cache_dir else None)
        """Feeds already written, by a digest of what they hold (``feeds.render_feed``)."""
        self.environment = environment(TEMPLATE_DIRS, "markdown", cache_dir)
        self.environment.filters.update(
            md=self.md,
            href=href,
            day=self.day,
            moment=self.moment,
            chart=self.chart,
        )
        self.words = Words(site.timezone, site.settings.currency, site.settings.fiscal_year_start)
        self.environment.globals.update(self.globals())
        self.environment.policies["json.dumps_function"] = front_matter_json

    def forget_unused(self) -> None:
        """After a whole site's render: remove the charts, feeds and conversions it no longer makes."""
        self.charts.kept.forget_unused()
        self.feeds.forget_unused()
        self.conversions.save()

    def globals(self) -> dict[str, Any]:
        """What every template of the site can use, whatever its escaping."""
        return {"site": self.site, "addresses": addresses, "words": self.words}

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
        return self.words.day(value)

    def moment(self, value: datetime) -> str:
        """A time in the site's timezone, with the zone named: 14 March 2026, 09:30 GMT."""
        return self.words.moment(value)

    def page(self, template: str, path: str, **context: Any) -> Page:
        """Render ``template`` as the Markdown page at ``path``; ``link`` makes links relative to it.

        ``html_link`` is for links inside raw HTML, which MkDocs leaves as they are: it points at
        the address a page is published at (``../email/``), not at its source (``../email/index.md``).
        """

        def link(target: str) -> Markup:
            # A file name may hold # or ? (docs/assets/videos/c#-basics.webm): part of the name, not the address's end.
            return href(relative_link(path, target.translate(_PATH_SPECIALS)))

        def html_link(target: str) -> Markup:
            published = addresses.url(target) or "./"
            relative = relative_link(path, published)
            return href(relative + "/" if published.endswith("/") and not relative.endswith("/") else relative)

        rendered = self.environment.get_template(template).render(
            page_path=path, link=link, html_link=html_link, **context
        )
        return Page(path, rendered)
