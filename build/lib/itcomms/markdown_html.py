"""Authors' Markdown fields as HTML that is safe on a page, in a feed and in an email.

Validation already refuses raw HTML and dangerous links; sanitising the
rendered HTML with an allowlist (nh3) as well means a gap in one layer is not
a hole in the site.
"""

from __future__ import annotations

import html
import re

import markdown
import nh3

from .text_safety import SAFE_SCHEMES

_ALLOWED_TAGS = {
    "p", "br", "hr", "a", "em", "strong", "code", "pre", "blockquote",
    "ul", "ol", "li", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
_TAG = re.compile(r"<[^>]+>")
_BLANK_LINES = re.compile(r"\n{3,}")


class MarkdownRenderer:
    """Converts Markdown fields; one per build, reused for every field."""

    def __init__(self) -> None:
        self._markdown = markdown.Markdown(extensions=["sane_lists", "tables"], output_format="html")

    def html(self, text: str) -> str:
        """Markdown as sanitised HTML."""
        self._markdown.reset()
        rendered = self._markdown.convert(text)
        return nh3.clean(
            rendered,
            tags=_ALLOWED_TAGS,
            attributes=_ALLOWED_ATTRIBUTES,
            url_schemes=set(SAFE_SCHEMES),
            link_rel=None,
        )

    def plain(self, text: str) -> str:
        """Markdown as readable plain text, for emails and summaries."""
        without_tags = _TAG.sub("", self.html(text).replace("</p>", "\n\n").replace("<li>", "- "))
        return _BLANK_LINES.sub("\n\n", html.unescape(without_tags)).strip()
