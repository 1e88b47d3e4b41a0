"""Finding the glossary's terms in text: the one rule the tooltips and the plain-language checks share.

A term is found where it stands as a whole word (``IT`` in "IT's", never in
"ITEM"), also in the plural ("KPIs", "tickets"). Acronyms and names with
capitals inside (``VPN``, ``OneDrive``, ``Wi-Fi``) are found only as written;
an ordinary word is found whatever the case of its first letter ("Backlog"
and "backlog"), unless the glossary asks for its exact capitals (``Teams``,
which is also an everyday word).

A term is not found where its words mean something else: inside a phrase the
glossary lists in ``not_in`` ("switch it on"), or inside a code, where the
term is joined to digits or by an underscore ("2026-q3", "Q3-2026",
"tickets_within_target").
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from itcomms.content.models import GlossaryTerm

_LETTER_OR_DIGIT = r"[^\W_]"


@dataclass(frozen=True)
class TermUse:
    """One place a term is used: where, which term, and the words as written."""

    start: int
    end: int
    term: GlossaryTerm
    text: str

    @property
    def plural(self) -> bool:
        return self.text.endswith("s") and not any(name.endswith("s") for name in names(self.term))


def names(term: GlossaryTerm) -> tuple[str, ...]:
    """Every way the glossary writes a term: the term, then its aliases."""
    return (term.term, *term.aliases)


def is_exact(name: str, term: GlossaryTerm) -> bool:
    """Whether a name is found only with its own capitals: a name, or an acronym (no small letter: VPN, Q3)."""
    return (
        term.match_case
        or any(char.isupper() for char in name[1:])
        or not name[:1].isalpha()
        or (len(name) > 1 and not any(char.islower() for char in name))
    )


_JOINTS = "-/."


def _in_code(text: str, start: int, end: int) -> bool:
    """Whether the use at ``text[start:end]`` is joined into a code: by an underscore on either side, or by a
    hyphen, slash or dot with a digit beyond it ("2026-q3", "Q3-2026"). Looks at four characters, not the text."""
    before, after = text[max(start - 2, 0) : start], text[end : end + 2]
    return (
        before.endswith("_")
        or after.startswith("_")
        or (len(before) == 2 and before[1] in _JOINTS and before[0].isdigit())
        or (len(after) == 2 and after[0] in _JOINTS and after[1].isdigit())
    )


class TermFinder:
    """Finds every use of the glossary's terms in a text, longest name first ("Network switch" before "switch").

    With ``in_html``, the text is HTML: names are matched as HTML writes them
    (``R&amp;D``), and never inside a character reference (``&lt;``).
    """

    def __init__(self, terms: Iterable[GlossaryTerm], *, in_html: bool = False) -> None:
        self._terms: list[GlossaryTerm] = []
        alternatives: list[tuple[int, str]] = []
        for index, term in enumerate(terms):
            self._terms.append(term)
            for name in names(term):
                alternatives.append(
                    (len(name), f"(?P<t{index}_{len(alternatives)}>{_name_pattern(name, term, in_html)})")
                )
        alternatives.sort(key=lambda alternative: -alternative[0])
        self._not_in = [
            (index, re.compile(_phrase_pattern(phrase, in_html), re.IGNORECASE))
            for index, term in enumerate(self._terms)
            for phrase in term.not_in
        ]
        before = rf"(?<!{_LETTER_OR_DIGIT})" + (r"(?<![&#])" if in_html else "")
        body = "|".join(pattern for _, pattern in alternatives)
        self._pattern = re.compile(rf"{before}(?:{body})(?!{_LETTER_OR_DIGIT})") if alternatives else None

    @property
    def terms(self) -> tuple[GlossaryTerm, ...]:
        return tuple(self._terms)

    def uses(self, text: str) -> Iterator[TermUse]:
        """Every use of a term in ``text``, in order."""
        if self._pattern is None:
            return
        meant_otherwise: list[tuple[int, int, int]] | None = None
        for match in self._pattern.finditer(text):
            if meant_otherwise is None:  # looked for only in a text that uses a term, as few do
                meant_otherwise = [
                    (index, found.start(), found.end())
                    for index, pattern in self._not_in
                    for found in pattern.finditer(text)
                ]
            group = match.lastgroup or ""
            index = int(group[1:].split("_")[0])
            start, end = match.span()
            if _in_code(text, start, end):
                continue
            if any(index == other and first <= start and end <= last for other, first, last in meant_otherwise):
                continue
            yield TermUse(start, end, self._terms[index], match.group())


def _name_pattern(name: str, term: GlossaryTerm, in_html: bool) -> str:
    written = html.escape(name, quote=False) if in_html else name
    words = [re.escape(word) for word in written.split()]
    pattern = r"\s+".join(words)
    if not is_exact(name, term):
        first = re.escape(written[0])
        pattern = f"[{first}{re.escape(written[0].swapcase())}]" + pattern[len(first) :]
    plural = "s?" if name.isupper() else "(?:e?s)?"
    return pattern + plural


def _phrase_pattern(phrase: str, in_html: bool) -> str:
    written = html.escape(phrase, quote=False) if in_html else phrase
    words = [re.escape(word) + "(?:e?s)?" for word in written.split()]
    return rf"(?<!{_LETTER_OR_DIGIT})" + r"\s+".join(words) + rf"(?!{_LETTER_OR_DIGIT})"
