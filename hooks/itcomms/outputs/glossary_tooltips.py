"""Glossary tooltips: every use of a glossary term on every page becomes ``<abbr title="what it means">``.

A page filter, so it reaches every page, generated or hand-written, once
MkDocs has rendered it; Material's ``content.tooltips`` shows the title as a
tooltip. Only text is touched: never tags or their attributes, and never text
inside links (permalink anchors included), headings, code, an existing
``<abbr>`` or ``<dfn>`` (the glossary's own definitions), scripts, styles or
inline SVG. A term marked ``spell_out`` is written out in full at its first
use in running text ("Service Level Agreement (SLA)"), unless the page
already did.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from itcomms.content.glossary_terms import TermFinder, TermUse
from itcomms.content.models import GlossaryTerm
from itcomms.site import Site

_MARKUP = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<[!?][^>]*>"
    r"|<(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9:-]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
    re.DOTALL,
)
_LEAVE_ALONE = frozenset(
    {"a", "abbr", "dfn", "code", "pre", "kbd", "samp", "var", "script", "style", "textarea", "title", "svg", "math"}
    | {"button", "select", "option", "h1", "h2", "h3", "h4", "h5", "h6"}
)
_RAW_TEXT = frozenset({"script", "style", "textarea", "title"})
"""Elements whose content is not HTML: skipped whole, so a ``<`` in a script is not taken for a tag."""
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)


def add_tooltips(site: Site, path: str, page_html: str) -> str:
    """The page with each use of a glossary term explained by a tooltip."""
    if not site.glossary.terms:
        return page_html
    writer = _Writer(TermFinder(site.glossary.terms, in_html=True))
    position = 0
    while (tag := _MARKUP.search(page_html, position)) is not None:
        writer.text(page_html[position : tag.start()])
        end = tag.end()
        name = (tag.group("name") or "").lower()
        if name in _RAW_TEXT and not tag.group("close"):
            closing = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(page_html, end)
            end = closing.end() if closing else len(page_html)
            writer.markup(page_html[tag.start() : end])
        else:
            writer.tag(tag.group(), name, closing=bool(tag.group("close")))
        position = end
    writer.text(page_html[position:])
    return "".join(writer.parts)


@dataclass
class _Writer:
    finder: TermFinder
    parts: list[str] = field(default_factory=list)
    leave_alone: int = 0
    """How many elements whose text stays as it is are open."""
    tables: int = 0
    spelled_out: set[str] = field(default_factory=set)
    """Terms (by their name) written out in full on this page already."""
    to_spell_out: list[GlossaryTerm] = field(init=False)

    def __post_init__(self) -> None:
        self.to_spell_out = [term for term in self.finder.terms if term.spell_out and term.spelled_out]

    def markup(self, text: str) -> None:
        self.parts.append(text)

    def tag(self, text: str, name: str, *, closing: bool) -> None:
        self.parts.append(text)
        if name in _VOID or text.endswith("/>"):
            return
        step = -1 if closing else 1
        if name in _LEAVE_ALONE:
            self.leave_alone = max(0, self.leave_alone + step)
        elif name == "table":
            self.tables = max(0, self.tables + step)

    def text(self, text: str) -> None:
        if self.leave_alone or text.isspace() or not text:
            self.parts.append(text)
            return
        position = 0
        for use in self.finder.uses(text):
            self.parts.append(text[position : use.start])
            self.parts.append(self._explained(use, html.unescape(text[: use.start]).casefold()))
            position = use.end
        self.parts.append(text[position:])
        waiting = [term for term in self.to_spell_out if term.term not in self.spelled_out]
        if waiting:
            folded = html.unescape(text).casefold()
            self.spelled_out.update(term.term for term in waiting if (term.spelled_out or "").casefold() in folded)

    def _explained(self, use: TermUse, before: str) -> str:
        term = use.term
        abbr = f'<abbr title="{html.escape(_tooltip(term), quote=True)}">{use.text}</abbr>'
        written_as_term = use.text in (html.escape(term.term, quote=False), html.escape(term.term, quote=False) + "s")
        if (
            not (term.spell_out and term.spelled_out and written_as_term)
            or self.tables
            or term.term in self.spelled_out
        ):
            return abbr  # an alias ("service level") is words already
        self.spelled_out.add(term.term)
        if term.spelled_out.casefold() in before:
            return abbr
        words = term.spelled_out + ("s" if use.plural else "")
        return f"{html.escape(words, quote=False)} ({abbr})"


def _tooltip(term: GlossaryTerm) -> str:
    meaning = " ".join(term.meaning.split())
    return f"{term.spelled_out}: {meaning}" if term.spelled_out else meaning
