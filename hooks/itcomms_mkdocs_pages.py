"""The MkDocs side of keeping converted pages between builds (``itcomms.engines.page_cache`` keeps them).

A kept page skips MkDocs' Markdown conversion, so whatever converting it would
have set on MkDocs' page object (its table of contents, its title as rendered,
its anchors and the anchors it links to) is given back here, from what was
kept. Those are MkDocs' own page attributes, some of them private: this module
is the one place that knows them, so an MkDocs upgrade that renames one breaks
here and only here (tests/test_kept_pages.py builds twice and compares).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from importlib.metadata import version

import markdown as python_markdown
import mkdocs
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import AnchorLink, get_toc

from itcomms.engines.page_cache import ConvertedPage, PageCache
from itcomms.pipeline import Build


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
        )
        return cls(cache, build.page_html)

    def __init__(self, cache: PageCache, filtered: Callable[[str, str], str]) -> None:
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

    def report(self, names_at_most: int = 50) -> str:
        """What this build converted again, for the log: in a preview, the pages an edit reached."""
        names = ", ".join(sorted(self.converted)[:names_at_most])
        more = len(self.converted) - names_at_most
        listed = f": {names}{f' and {more} more' if more > 0 else ''}" if self.kept and self.converted else ""
        return (
            f"pages converted: {len(self.converted)}, kept from the last build: {self.kept}, "
            f"filtered again: {self.cache.filtered_again}{listed}"
        )


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
