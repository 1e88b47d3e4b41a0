"""``content/glossary.yaml``: plain-language meanings of the terms and acronyms IT uses."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from itcomms.content.models.base import ContentFile, ContentModel, Finding
from itcomms.content.models.fields import Line, Text


class GlossaryTerm(ContentModel):
    """One term and what it means."""

    term: Line
    """The term as it appears in text, for example VPN."""
    spelled_out: Line | None = None
    """What an acronym stands for, for example "Virtual Private Network"."""
    meaning: Text
    """What it means, in words anyone in the company understands."""
    aliases: list[Line] = []
    """Other spellings of the same term."""
    spell_out: bool = False
    """Write it out in full where it first appears on a page, like "Service Level Agreement (SLA)"; needs spelled_out."""
    match_case: bool = False
    """Explain it only where it is written with exactly these capitals: for names that are also everyday words, like Teams."""
    not_in: list[Line] = []
    """Phrases in which the term's words mean something else, such as "switch it on" for a network switch: the
    term is not explained there. A word of a phrase also stands for its plural ("switches it on")."""

    def findings(self) -> Iterator[Finding]:
        if self.spell_out and self.spelled_out is None:
            yield Finding(("spell_out",), "needs spelled_out: the words to write out in full")
        written = [name.casefold() for name in (self.term, *self.aliases)]
        for index, phrase in enumerate(self.not_in):
            if not any(name in phrase.casefold() for name in written):
                yield Finding(
                    ("not_in", index),
                    f"'{phrase}' holds neither the term nor an alias; write the phrase with the term's words in it",
                )


class Glossary(ContentFile):
    """Every term, acronym and bit of jargon the site explains."""

    terms: list[GlossaryTerm]
    """The terms, in any order; the glossary page sorts them."""

    def findings(self) -> Iterator[Finding]:
        counts = Counter(name.casefold() for term in self.terms for name in (term.term, *term.aliases))
        for index, term in enumerate(self.terms):
            if counts[term.term.casefold()] > 1:
                yield Finding(("terms", index, "term"), f"'{term.term}' is defined more than once")
