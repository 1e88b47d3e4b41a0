"""The MkDocs side of keeping converted pages between builds (``itcomms.engines.page_cache`` keeps them).

A kept page skips MkDocs' Markdown conversion, so whatever converting it would
have set on MkDocs' page object (its table of contents, its title as rendered,
its anchors and the anchors it links to) is given back here, from what was
kept. Those are MkDocs' own page attributes, some of them private: this module
is the one place that knows them, so an MkDocs upgrade that renames one breaks
here and only here (tests/test_kept_pages.py builds twice and compares).
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import re
import sys
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import markdown as python_markdown
import mkdocs
from jinja2 import ChoiceLoader, DictLoader, Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import AnchorLink, get_toc

from itcomms.engines.page_cache import ConvertedPage, PageCache
from itcomms.outputs import FilteredPage
from itcomms.pipeline import Build
from itcomms.rendering.kept import KeptValues


class KeptPages:
    """Between ``on_page_markdown`` and ``on_page_content``: a kept page skips conversion (it is handed an
    empty page), and is then given back everything converting it would have set; a page converted afresh is
    kept, with the warnings its conversion logged. Either is then filtered, or taken as kept filtered."""

    @classmethod
    def for_build(cls, build: Build, files: Files, config: MkDocsConfig) -> KeptPages:
        """The pages ``build`` keeps in its cache folder, for this engine and these Markdown settings."""
        assert build.site.options.cache_dir is not None
        settings = (
            f"{mkdocs.__name__} {mkdocs.__version__}, Markdown {python_markdown.__version__}, "
            f"pymdown-extensions {version('pymdown-extensions')}, {config.markdown_extensions!r}, "
            f"{config.mdx_configs!r}, {config.use_directory_urls}, {config.validation!r}"
        )
        # A kept page is kept as the page filters left it: what they read is part of every key.
        cache = PageCache(
            build.site.options.cache_dir / "pages",
            settings,
            (file.src_uri for file in files),
            build.page_filters_read(),
            build.parts_read_now,
        )
        return cls(cache, build.filtered_page)

    def __init__(self, cache: PageCache, filtered: Callable[[str, str], FilteredPage]) -> None:
        self.cache = cache
        self._filtered = filtered
        self._found: dict[str, ConvertedPage] = {}
        self._converting: dict[str, tuple[str, _Warnings]] = {}
        self.converted: list[str] = []
        """The pages converted by this build, in the order converted: those the content or code changed."""
        self.kept = 0
        """How many pages came kept."""

    def before_conversion(self, page: MkDocsPage, markdown: str) -> str:
        path, key = page.file.src_uri, self.cache.key(page.file.src_uri, markdown)
        found = self.cache.get(key)
        if found is not None:
            self._found[path] = found
            # Not converted: MkDocs would still make a Markdown converter, every extension loaded, for nothing.
            page.render = functools.partial(_render_kept, page)  # type: ignore[method-assign]
            return ""
        warnings = _Warnings()
        logging.getLogger(type(page).__module__).addHandler(warnings)
        self._converting[path] = (key, warnings)
        return markdown

    def after_conversion(self, page: MkDocsPage, html: str, files: Files) -> str:
        """The page's HTML, filtered: converted and filtered now, or as kept."""
        path, pages_log = page.file.src_uri, logging.getLogger(type(page).__module__)
        if path in self._converting:
            key, warnings = self._converting.pop(path)
            pages_log.removeHandler(warnings)
            converted = ConvertedPage(
                html=html,
                toc=[_token(item) for item in page.toc],
                title=page._title_from_render,  # what the engine found, not a front-matter title
                anchors=sorted(page.present_anchor_ids or ()),
                links_to_anchors={to.src_uri: dict(links) for to, links in (page.links_to_anchors or {}).items()},
                warnings=warnings.seen,
            )
            self.cache.put(key, converted)
            self.converted.append(path)
            return self.cache.filtered(path, html, self._filtered)
        found = self._found.pop(path)
        self.kept += 1
        for level, message in found.warnings:
            pages_log.log(level, message)
        page.toc = get_toc(found.toc)  # type: ignore[arg-type]
        page._title_from_render = found.title  # the one way to give a page its title as rendering would
        page.present_anchor_ids = set(found.anchors)
        if page.links_to_anchors is not None:  # collected only when the engine checks anchors
            linked = {files.get_file_from_path(src): links for src, links in found.links_to_anchors.items()}
            page.links_to_anchors = {to: links for to, links in linked.items() if to is not None}
        return self.cache.filtered(path, found.html, self._filtered)

    def report(self, themed_again: int | None, names_at_most: int = 50) -> str:
        """What this build converted, filtered and themed again, for the log: in a preview, what an edit
        reached (``themed_again`` is None where no page is kept themed)."""
        names = ", ".join(sorted(self.converted)[:names_at_most])
        more = len(self.converted) - names_at_most
        listed = f": {names}{f' and {more} more' if more > 0 else ''}" if self.kept and self.converted else ""
        themed = f", themed again: {themed_again}" if themed_again is not None else ""
        return (
            f"pages converted: {len(self.converted)}, kept from the last build: {self.kept}, "
            f"filtered again: {self.cache.filtered_again}{themed}{listed}"
        )


def _render_kept(page: MkDocsPage, config: MkDocsConfig, files: Files) -> None:
    """What ``Page.render`` leaves on a page with no Markdown, without a converter: ``after_conversion`` then
    gives it what converting it did."""
    page.content = ""
    page.toc = get_toc([])
    page._title_from_render = None
    page.present_anchor_ids = set()
    if logging.getLogger(type(page).__module__).getEffectiveLevel() > logging.DEBUG:  # as Page.render does
        page.links_to_anchors = {}


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.seen: list[tuple[int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.seen.append((record.levelno, record.getMessage()))


def _token(item: AnchorLink) -> dict[str, object]:
    return {
        "level": item.level,
        "id": item.id,
        "name": item.title,
        "children": [_token(child) for child in item.children],
    }


THEMED_MAIN = "main.html"
"""The template the engine themes a page with unless its front matter names another."""
_THEME_MAIN = "itcomms/theme-main.html"
_KEPT = "itcomms_themed_page"
_WRAPPER = f"{{% if not {_KEPT} %}}{{% extends {_THEME_MAIN!r} %}}{{% endif %}}{{{{ {_KEPT} }}}}"
"""``main.html`` as the engine finds it: the page as kept, or the theme's own ``main.html`` (a conditional
``extends``, so a template extending ``main.html``, like printable.html, still overrides its blocks)."""
_CONFIG_READ = (
    "copyright", "edit_uri", "extra", "extra_css", "extra_javascript", "nav", "repo_name", "repo_url",
    "site_author", "site_description", "site_name", "site_url", "use_directory_urls", "draft_docs", "exclude_docs",
    "not_in_nav",
)  # fmt: skip


@dataclass
class _Theming:
    """A page between the start and the end of its theming."""

    content: str | None
    context: dict[str, Any]
    key: str | None = None
    """The key its shell is kept under, once themed, when it was not found kept."""


class KeptThemedPages:
    """Pages as the theme made them, kept between builds, so an unchanged page is not themed again.

    Theming a page (its header, navigation, banner, footer) is the largest part of what the engine spends
    on a page once its conversion is kept. What is kept is the page's shell: the page themed with a mark
    where its content goes and a mark for each partial made from the data (the status banner), so that
    neither an edit of what a page says (its content, the tooltips in it) nor of the banner themes any page
    again. The shell is kept under everything else the theme's templates can read for the page: its title,
    table of contents, front matter, addresses and neighbours, the whole navigation, the settings the theme
    reads, the text of every theme template and override, and the values partial. Every page, kept or
    themed now, is then made the same way: the content and the partials, rendered in the page's own context,
    put in at their marks. The engine still runs every step around theming; only pages using the theme's
    ``main.html`` are kept, and only while no plugin reads or rewrites pages after this module sets the
    marks and the theme reads a page's content only as its mark answers (``reads_content_as_marked``).
    """

    def __init__(
        self,
        cache: PageCache,
        config: MkDocsConfig,
        partials: Mapping[str, str],
        spliced: Collection[str],
        templates: Iterable[tuple[str, str]],
    ) -> None:
        self._cache = cache
        # An empty partial is left as it is: the theme shows the banner's frame only when the banner is not empty.
        self._partials = {name: partials[name] for name in spliced if partials[name]}
        # Marks no page can hold: made with a secret kept beside the shells, so a title or a page's words
        # written like a mark are never taken for one. Where the content goes, and whether it holds an <h1>
        # (see CONTENT_READS); where each partial goes.
        secret = cache.secret()
        self._content = f"<!--itcomms-kept {secret}: the page's content-->"
        self._content_with_h1 = f"<!--itcomms-kept {secret}: the page's content, which holds an <h1-->"
        self._marks = {self._content: "", self._content_with_h1: ""} | {
            f"<!--itcomms-kept {secret}: the partial {name}-->": name for name in self._partials
        }
        self._mark_pattern = re.compile("|".join(re.escape(mark) for mark in self._marks))
        self._site_wide = _digest(
            json.dumps({name: config.get(name) for name in _CONFIG_READ}, default=repr, sort_keys=True),
            json.dumps(dict(config.theme), default=repr, sort_keys=True),
            " ".join(config.plugins),
            json.dumps({name: text if name not in self._partials else None for name, text in sorted(partials.items())}),
            json.dumps([(name, hashlib.sha256(text.encode()).hexdigest()) for name, text in templates]),
        )
        self._nav = ""
        self._env: Environment | None = None
        self._theming: dict[str, _Theming] = {}
        self.themed_again = 0

    def wrap(self, env: Environment) -> None:
        """Make ``main.html`` the page's shell as kept, or the theme's own ``main.html`` rendered, and each
        spliced partial its mark (rendered as made under a name of its own)."""
        assert env.loader is not None
        source, _, _ = env.loader.get_source(env, THEMED_MAIN)
        loaded = {THEMED_MAIN: _WRAPPER, _THEME_MAIN: source}
        for mark, name in self._marks.items():
            if name:  # the mark while a page is themed; the partial as made elsewhere (the 404 page)
                loaded[_made(name)] = self._partials[name]
                loaded[name] = (
                    f"{{% if {_KEPT} is defined %}}{mark}{{% else %}}{{% include {_made(name)!r} %}}{{% endif %}}"
                )
        env.loader = ChoiceLoader([DictLoader(loaded), env.loader])
        self._env = env

    def before_theming(self, context: dict[str, Any], page: MkDocsPage, nav: Navigation) -> dict[str, Any]:
        theming = self._theming[page.file.src_uri] = _Theming(page.content, context)
        if page.meta.get("template", THEMED_MAIN) != THEMED_MAIN:
            context[_KEPT] = None
            return context
        if not self._nav:
            self._nav = _digest(json.dumps([_nav_entry(item) for item in nav.items]))
        page.content = self._content_with_h1 if "<h1" in (page.content or "") else self._content
        key = _digest(
            self._site_wide,
            self._nav,
            page.content,
            json.dumps(
                [
                    page.title,
                    page.url,
                    page.canonical_url,
                    page.edit_url,
                    page.is_homepage,
                    repr(page.file.inclusion),
                    [_token(item) for item in page.toc],
                    [(other.title, other.url) if other else None for other in (page.previous_page, page.next_page)],
                ]
            ),
            json.dumps(page.meta, default=repr, sort_keys=True),
        )
        kept = self._cache.themed(key)
        context[_KEPT] = Markup(kept) if kept is not None else None
        if kept is None:
            theming.key = key
        return context

    def after_theming(self, output: str, page: MkDocsPage) -> str:
        """The page: its shell, themed now (and kept) or as kept, with its content and partials put in."""
        theming = self._theming.pop(page.file.src_uri)
        page.content = theming.content
        if theming.key is not None:
            self._cache.keep_themed(theming.key, output)
            self.themed_again += 1
        return self._mark_pattern.sub(lambda mark: self._filled(mark.group(), theming), output)

    def _filled(self, mark: str, theming: _Theming) -> str:
        name = self._marks[mark]
        if not name:
            return theming.content or ""
        assert self._env is not None
        return self._env.get_template(_made(name)).render(theming.context)


def _made(partial: str) -> str:
    """The name a spliced partial is rendered under, its own name being its mark's."""
    return f"itcomms/made/{partial}"


class KeptSearchEntries:
    """The theme's search entries for each page, kept between builds, so an unchanged page is not read again.

    Material's search plugin parses every page's HTML each build to index it (a fifth of a warm ten-year
    build). A page's entries are made from its HTML, address, title, table of contents and front matter
    alone: kept under those, and the plugin's version and settings, they are handed back to the plugin's
    index as it would have made them; the index is still written whole, from every page.
    """

    @classmethod
    def attach(cls, config: MkDocsConfig, cache_dir: Path) -> KeptSearchEntries | None:
        """Wrap the search plugin's index of this build, where the theme's search plugin is on."""
        for plugin in config.plugins.values():
            index = getattr(plugin, "search_index", None)
            if callable(getattr(index, "add_entry_from_context", None)) and isinstance(
                getattr(index, "entries", None), list
            ):
                segmented = getattr(sys.modules.get(type(index).__module__), "jieba", None) is not None
                settings = (
                    f"{type(index).__module__} {version('mkdocs-material')} "
                    f"{json.dumps(getattr(index, 'config', None), default=repr, sort_keys=True)} {segmented}"
                )
                return cls(index, KeptValues(cache_dir / "search-entries.json", settings))
        return None

    def __init__(self, index: Any, kept: KeptValues) -> None:
        self._kept = kept
        self.read_again = 0
        index_page = index.add_entry_from_context

        def add_entry_from_context(page: MkDocsPage) -> None:
            key = _digest(
                page.content or "",
                json.dumps([page.url, page.title, [_token(item) for item in page.toc]]),
                json.dumps(page.meta, default=repr, sort_keys=True),
            )
            entries = kept.get(key)
            if isinstance(entries, list):
                index.entries.extend(entries)
                return
            before = len(index.entries)
            index_page(page)
            made = index.entries[before:]
            self.read_again += 1
            if json.loads(json.dumps(made, default=repr)) == made:  # only what reads back the same is kept
                kept.put(key, made)

        index.add_entry_from_context = add_entry_from_context

    def save(self) -> None:
        self._kept.save()


def _digest(*parts: str) -> str:
    return hashlib.sha256("\n\0".join(parts).encode("utf-8")).hexdigest()


def _nav_entry(item: Any) -> object:
    return [type(item).__name__, item.title, getattr(item, "url", None), [_nav_entry(c) for c in item.children or ()]]


def theme_templates(folders: Iterable[str | Path]) -> list[tuple[str, str]]:
    """Every template the theme may read, in the order the theme looks for them: its name and its text."""
    return [
        (template.relative_to(folder).as_posix(), template.read_bytes().decode("utf-8", errors="replace"))
        for folder in map(Path, folders)
        for template in sorted(folder.rglob("*.html"))
    ]


CONTENT_READS = ("{{ page.content }}", '{% if "\\u003ch1" not in page.content %}')
"""The ways the theme's templates read a page's content that its kept shell answers as the content would:
written out (at the mark), and whether it holds ``<h1`` (which the mark answers as the content would)."""
_CONTENT_READ = re.compile(r"""\bpage\s*(?:\.\s*content\b|\[\s*["']content["']\s*\])|\battr\(\s*["']content["']""")


def reads_content_as_marked(templates: Iterable[tuple[str, str]]) -> bool:
    """Whether the templates read a page's content only in the ways of ``CONTENT_READS``: else (an override
    asking something else of it) no page is kept themed."""
    return all(
        len(_CONTENT_READ.findall(text)) == sum(text.count(form) for form in CONTENT_READS) for _, text in templates
    )
