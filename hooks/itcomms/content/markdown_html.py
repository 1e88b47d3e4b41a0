"""Authors' Markdown fields as HTML that is safe on a page, in a feed and in an email.

Validation already refuses raw HTML and dangerous links; sanitising the
rendered HTML with an allowlist (nh3) as well means a gap in one layer is not
a hole in the site.

Links to pages of this site (``service:printing``, ``/status/``; see
content/site_links.py) are made right wherever the text shows: relative to the
page on the site, absolute in feeds and emails.
"""

from __future__ import annotations

import hashlib
import html
import re
from html.parser import HTMLParser
from importlib.metadata import version
from typing import Any, Protocol
from urllib.parse import urljoin, urlsplit

import markdown
import nh3

from itcomms import addresses
from itcomms.content import site_links
from itcomms.content.text_safety import SAFE_SCHEMES

_ALLOWED_TAGS = {
    "p", "br", "hr", "a", "em", "strong", "code", "pre", "blockquote",
    "ul", "ol", "li", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
_TAG = re.compile(r"<[^>]+>")
_BLANK_LINES = re.compile(r"\n{3,}")
_BLOCKS = re.compile(r"\n[ \t]*\n")
_CODE_SPAN = re.compile(r"(?<![\\`])(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
"""A code span as Python-Markdown reads it: a run of backticks, and the next run of the same length."""
_LIST_ITEM = re.compile(r" {0,3}(?:[-*+]|[0-9]+[.)])[ \t]")
_LINK = re.compile(r'<a href="([^"]*)"([^>]*)>(.*?)</a>', re.DOTALL)
_HREF = re.compile(r'<a href="([^"]*)"')
_SITE_HREF = re.compile(r'<a href="/(?!/)([^"]*)"')
"""A link to this site as converted: from the site's root (an author's own root-relative link is a site link)."""


class Conversions(Protocol):
    """Conversions kept from earlier builds (``rendering.kept.KeptValues``), made with ``converted_with``."""

    def get(self, key: str) -> Any | None: ...

    def put(self, key: str, value: Any) -> None: ...


def converted_with(site_url: str) -> str:
    """Everything a field's conversion depends on besides its text and page, and the code (which every kept
    file is kept under, ``rendering.kept``): what a kept conversion is kept under."""
    return f"Markdown {markdown.__version__}, nh3 {version('nh3')}, site {addresses.absolute(site_url)}"


class MarkdownRenderer:
    """Converts Markdown fields; one per build, reused for every field.

    The same text shows in many places (an incident update on the status page,
    its incident page, two feeds per service it touched, a newsletter), so each
    text is converted once per build and remembered for the rest of it; with
    ``kept``, for as long as the text, the site's address and this code stay
    the same (ten years of content hold tens of thousands of fields).
    """

    def __init__(self, site_url: str = "/", kept: Conversions | None = None) -> None:
        self._markdown = _new_markdown()
        self._converted: dict[tuple[str, str | None], str] = {}
        self._kept = kept
        self._site_url = addresses.absolute(site_url)
        self._site_path = urlsplit(self._site_url).path

    def html(self, text: str, base_url: str | None = None, page_path: str | None = None) -> str:
        """Markdown as sanitised HTML; with ``base_url`` (the address of the page the text is on), every link is
        made absolute, for places read away from that page: feeds and emails. With ``page_path`` (the source
        path of the page it shows on), links to this site are relative to that page; with neither, they start
        from the server's root (the site's own path, like /it/status/)."""
        key = (text, base_url)
        if key not in self._converted:
            self._converted[key] = self._kept_or_converted(text, base_url)
        converted = self._converted[key]
        if base_url is not None or '<a href="/' not in converted:
            return converted
        if page_path is None:
            return _SITE_HREF.sub(lambda link: f'<a href="{self._site_path}{link[1]}"', converted)
        return _SITE_HREF.sub(lambda link: f'<a href="{_from_page(page_path, link[1])}"', converted)

    def _kept_or_converted(self, text: str, base_url: str | None) -> str:
        if self._kept is None:
            return self._convert(text, base_url)
        key = hashlib.sha256(f"{base_url}\n\0{text}".encode("utf-8", "surrogatepass")).hexdigest()
        kept = self._kept.get(key)
        if isinstance(kept, str):
            return kept
        converted = self._convert(text, base_url)
        self._kept.put(key, converted)
        return converted

    def _convert(self, text: str, base_url: str | None) -> str:
        rendered = _HREF.sub(_site_address, _markdown_html(self._markdown, text))
        cleaned = nh3.clean(
            rendered,
            tags=_ALLOWED_TAGS,
            attributes=_ALLOWED_ATTRIBUTES,
            url_schemes=set(SAFE_SCHEMES),
            link_rel=None,
        )
        if base_url is None:
            return cleaned
        return _LINK.sub(
            lambda link: f'<a href="{html.escape(self._absolute(link[1], base_url))}"{link[2]}>{link[3]}</a>',
            cleaned,
        )

    def _absolute(self, href: str, base_url: str) -> str:
        if href.startswith("/") and not href.startswith("//"):
            return self._site_url + html.unescape(href)[1:]
        return _absolute(href, base_url)

    def plain(self, text: str, base_url: str | None = None) -> str:
        """Markdown as readable plain text, for emails and summaries; with ``base_url`` (as for ``html``), each link
        keeps its absolute address after its words, so a plain-text email loses none."""
        rendered = self.html(text, base_url)
        if base_url is not None:
            rendered = _LINK.sub(lambda link: _spelled_out(link[3], html.unescape(link[1])), rendered)
        without_tags = _TAG.sub("", rendered.replace("</p>", "\n\n").replace("<li>", "- "))
        return _BLANK_LINES.sub("\n\n", html.unescape(without_tags)).strip()


def _new_markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=["sane_lists", "tables"], output_format="html")


def _markdown_html(converter: markdown.Markdown, text: str) -> str:
    """Python-Markdown's HTML, before sanitising; never an exception. Validation refuses text nested deep enough to
    exhaust Python's stack (see content/markdown_shape.py); should such text come anyway, it shows as written."""
    converter.reset()
    try:
        converted: str = converter.convert(_bounded_brackets(text))
    except RecursionError:
        converter.reset()
        return "".join(f"<p>{html.escape(part.strip())}</p>\n" for part in _BLOCKS.split(text) if part.strip())
    return converted


class _DroppedMarkup(HTMLParser):
    """Finds the first thing in Python-Markdown's HTML that the sanitiser would remove without a trace."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: str | None = None

    def _drop(self, what: str) -> None:
        self.found = self.found or what

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self._drop(f"![{dict(attrs).get('alt') or ''}]")
        elif tag not in _ALLOWED_TAGS and tag not in _KEPT_AS_TEXT:
            self._drop(f"<{tag}>")

    def handle_pi(self, data: str) -> None:
        self._drop(f"<?{data}>")

    def handle_decl(self, decl: str) -> None:
        self._drop(f"<!{decl}>")

    def unknown_decl(self, data: str) -> None:
        self._drop(f"<![{data}]]>")

    def handle_comment(self, data: str) -> None:
        self._drop(f"<!--{data}-->")


_KEPT_AS_TEXT = {"h1", "h2"}
"""Headings the page owns: the sanitiser removes the tag and keeps its words, so nothing is lost."""


def dropped_markup(text: str) -> str | None:
    """What of a Markdown text the page would silently lose (an image, ``<?xml …?>``, ``<!DOCTYPE …>``,
    ``<![CDATA[…]]>``), found by converting it as the renderer does and looking at what the sanitiser would
    remove; ``None`` when nothing. Validation asks, so an author hears of it where it is written."""
    if "!" not in text and "<" not in text:  # every image and every raw markup starts with one of them
        return None
    finder = _DroppedMarkup()
    finder.feed(_markdown_html(_new_markdown(), text))
    finder.close()
    return finder.found


_DEEPEST_BRACKETS = 3
"""Brackets nested deeper than a link inside a link's words are text: ``[[[x]]]`` needs no more."""


def _bounded_brackets(text: str) -> str:
    """The text with every bracket that cannot be part of a link escaped, so conversion time grows with its length.

    Python-Markdown looks for the end of a link from every ``[`` (and every ``(`` after one) to the end of the
    text: 40 KB of brackets that never close, or close twenty thousand deep, took minutes. A bracket that is
    never closed, or is nested deeper than ``_DEEPEST_BRACKETS``, cannot start a link; escaped, it shows as the
    same character and costs nothing. One pass, a stack per kind of bracket.
    """
    if "[" not in text and "(" not in text:
        return text
    code = _code_offsets(text)
    escape: set[int] = set()
    open_at: dict[str, list[tuple[int, bool]]] = {"[": [], "(": []}
    closing = {"]": "[", ")": "("}
    after_backslash = False
    for index, char in enumerate(text):
        if index in code:
            continue
        if after_backslash:
            after_backslash = False
        elif char == "\\":
            after_backslash = True
        elif char in open_at:
            stack = open_at[char]
            stack.append((index, len(stack) >= _DEEPEST_BRACKETS))
        elif char in closing and (stack := open_at[closing[char]]):
            opened, too_deep = stack.pop()
            if too_deep:
                escape.update((opened, index))
    for stack in open_at.values():
        escape.update(opened for opened, _ in stack)
    if not escape:
        return text
    return "".join(f"&#{ord(char)};" if index in escape else char for index, char in enumerate(text))


def _code_offsets(text: str) -> set[int]:
    """Offsets of the characters in code, which Markdown shows as written (an escape there would show as
    ``&#40;``): code spans, and blocks indented four spaces that do not continue a list. Brackets there never
    start a link, so leaving them costs no time. Per block, as Python-Markdown finds code spans (never across a
    blank line)."""
    offsets: set[int] = set()
    start, in_list = 0, False
    for boundary in [*_BLOCKS.finditer(text), None]:
        end = boundary.start() if boundary else len(text)
        block = text[start:end]
        lines = [line for line in block.split("\n") if line.strip()]
        indented = bool(lines) and all(line.startswith(("    ", "\t")) for line in lines)
        if indented and not in_list:
            offsets.update(range(start, end))
        else:
            for span in _CODE_SPAN.finditer(block):
                offsets.update(range(start + span.start(), start + span.end()))
        if lines and not indented:  # an indented block after a list item is more of that item, not code
            in_list = bool(_LIST_ITEM.match(lines[0]))
        start = boundary.end() if boundary else end
    return offsets


def _site_address(link: re.Match[str]) -> str:
    """A link to a page of this site, as written by the author, turned into its address from the site's root."""
    found = site_links.parse(html.unescape(link[1]))
    return f'<a href="/{html.escape(site_links.address(found))}"' if found is not None else link[0]


def _from_page(page_path: str, address: str) -> str:
    """A root address (``services/email/#support``) as a link relative to the page at ``page_path``."""
    page, hash_mark, fragment = html.unescape(address).partition("#")
    relative = addresses.relative_link(page_path, page)
    if (page.endswith("/") or not page) and not relative.endswith("/"):
        relative += "/"
    return html.escape(f"{relative}{hash_mark}{fragment}")


def _absolute(href: str, base_url: str) -> str:
    """A link as a reader away from the page follows it; a link to a Markdown source goes to its published page."""
    page, hash_mark, fragment = urljoin(base_url, html.unescape(href)).partition("#")
    if page.endswith(".md") and not href.startswith(("http:", "https:")):
        page = addresses.url(page)  # the same rule as for a source path: status/index.md is published at status/
    return f"{page}{hash_mark}{fragment}"


def _spelled_out(words: str, address: str) -> str:
    plain_words = html.unescape(_TAG.sub("", words))
    if plain_words == address or address == f"mailto:{plain_words}":
        return words
    return f"{words} ({address.removeprefix('mailto:')})"
