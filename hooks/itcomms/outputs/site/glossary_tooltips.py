"""Glossary tooltips: a glossary term's first use on each page becomes ``<abbr title="what it means">``.

A page filter, so it reaches every page, generated or hand-written, once
MkDocs has rendered it; Material's ``content.tooltips`` shows the title as a
tooltip. Only the first use is marked: a page underlined at every use reads as
noise. Only text is touched: never tags or their attributes, and never text
inside links (permalink anchors included), headings, table headers and
captions, form labels, code, an existing
``<abbr>`` or ``<dfn>`` (the glossary's own definitions), scripts, styles,
inline SVG, an email or web address written out ("phishing@larkspur.example"),
or an element marked ``data-glossary="skip"`` (a template's own words, where an
everyday word would be taken for a name: "Teams that rely on it most"). A term
marked ``spell_out`` is written out in full at its first use in running text
("Service Level Agreement (SLA)"), unless the page already did.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from itcomms.content.glossary_terms import TermFinder, TermUse
from itcomms.content.models import GlossaryTerm
from itcomms.rendering.outputs import Rewritten
from itcomms.site import Site

_MARKUP = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<[!?][^>]*>"
    r"|<(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9:-]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
    re.DOTALL,
)
_LEAVE_ALONE = frozenset(
    {"a", "abbr", "dfn", "code", "pre", "kbd", "samp", "var", "script", "style", "textarea", "title", "svg", "math"}
    | {"button", "select", "option", "h1", "h2", "h3", "h4", "h5", "h6", "th", "caption", "legend", "label"}
)
_RAW_TEXT = frozenset({"script", "style", "textarea", "title"})
"""Elements whose content is not HTML: skipped whole, so a ``<`` in a script is not taken for a tag."""
_SKIP_MARK = re.compile(r"""\sdata-glossary\s*=\s*["']?skip\b""", re.IGNORECASE)
"""The attribute that keeps tooltips out of an element and everything in it."""
_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b(?:https?://|www\.)[^\s<]+", re.IGNORECASE)
"""An email or web address written as text: a term inside one is part of the address."""
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)


_FINDER = "glossary_tooltips.finder"


def what_it_reads(site: Site) -> str:
    """Every field of every term but its meaning: where each page's tooltips go, and what they say but for
    the meanings, which a page reads only for the terms it explains (``meanings``)."""
    return repr([term.model_copy(update={"meaning": ""}) for term in site.glossary.terms])


def meanings(site: Site, terms: frozenset[str]) -> str:
    """What the named terms mean now."""
    return repr([(term.term, term.meaning) for term in site.glossary.terms if term.term in terms])


def add_tooltips(site: Site, path: str, page_html: str) -> str:
    """The page with each use of a glossary term explained by a tooltip."""
    return explain_terms(site, path, page_html).html


def explain_terms(site: Site, path: str, page_html: str) -> Rewritten:
    """The page with each use of a glossary term explained by a tooltip, and the terms it explains."""
    if not site.glossary.terms:
        return Rewritten(page_html)
    # One finder a build: compiling the glossary into one pattern costs more than most pages' matching.
    writer = _Writer(site.once(_FINDER, lambda: TermFinder(site.glossary.terms, in_html=True)))
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
    return Rewritten("".join(writer.parts), frozenset(writer.explained))


@dataclass
class _Writer:
    finder: TermFinder
    parts: list[str] = field(default_factory=list)
    leave_alone: int = 0
    """How many elements whose text stays as it is are open."""
    tables: int = 0
    skipped: str | None = None
    """The name of the open element marked ``data-glossary="skip"``, if any."""
    skipped_depth: int = 0
    """How many elements of that name are open inside and including the marked one."""
    explained: set[str] = field(default_factory=set)
    """Terms (by their name) given a tooltip on this page already: the first use only gets one."""
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
        if self.skipped is None and not closing and _SKIP_MARK.search(text):
            self.skipped, self.skipped_depth = name, 1
        elif self.skipped == name:
            self.skipped_depth += step
            if self.skipped_depth == 0:
                self.skipped = None
        if name in _LEAVE_ALONE:
            self.leave_alone = max(0, self.leave_alone + step)
        elif name == "table":
            self.tables = max(0, self.tables + step)

    def text(self, text: str) -> None:
        if self.leave_alone or self.skipped is not None or text.isspace() or not text:
            self.parts.append(text)
            return
        addresses: list[tuple[int, int]] | None = None
        position = 0
        for use in self.finder.uses(text):
            if addresses is None:  # looked for only in a text that uses a term, as few do
                addresses = [(found.start(), found.end()) for found in _ADDRESS.finditer(text)]
            if any(start < use.end and use.start < end for start, end in addresses):
                continue  # part of an address: left as written
            self.parts.append(text[position : use.start])
            self.parts.append(self._explained(use, html.unescape(text[: use.start]).casefold()))
            position = use.end
        self.parts.append(text[position:])
        waiting = [term for term in self.to_spell_out if term.term not in self.spelled_out]
        if waiting:
            folded = (html.unescape(text) if "&" in text else text).casefold()
            self.spelled_out.update(term.term for term in waiting if (term.spelled_out or "").casefold() in folded)

    def _explained(self, use: TermUse, before: str) -> str:
        term = use.term
        if term.term in self.explained:
            abbr = use.text  # a tooltip at the first use only
        else:
            self.explained.add(term.term)
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
