"""Plain-language warnings: advice for authors, never a reason to refuse content.

- an acronym (two or more capitals, like VPN or KPIs) the glossary does not
  explain, once per field, at its first use;
- a summary or a newsletter story over its word budget;
- a summary harder to read than the site's reading grade (Flesch-Kincaid, by
  textstat);
- a phrase the site's jargon list names, with the plainer words it suggests.

Limits come from ``plain_language`` in site.yaml. Each warning points at the
word in the file where it can (line and column), else at the field's value.
Words in capitals for emphasis ("do NOT click") are not acronyms; neither is
anything in web addresses, file paths or code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import textstat

from itcomms.content.glossary_terms import TermFinder
from itcomms.content.loaded import LoadedItem
from itcomms.content.models import Glossary, Newsletter, SiteSettings
from itcomms.content.models.settings import PlainLanguage
from itcomms.content.yaml_source import DataPath, Position
from itcomms.problems import Problem, Severity

_WORD = re.compile(r"[^\W_]+")
_NOT_PROSE = re.compile(
    r"```.*?```|~~~.*?~~~"  # fenced code
    r"|(`+).+?\1"  # inline code
    r"|\]\([^)]*\)"  # a link's target
    r"|<[^>\s]+>"  # an autolink
    r"|\b[A-Za-z][A-Za-z0-9+.-]*:(?://|(?=[^\s@]+@))[^\s)>\]]+"  # an address with a scheme (https://, mailto:)
    r"|[^\s@()<>\[\]]+@[^\s@()<>\[\]]+"  # an email address
    r"|[\w.~-]*/[\w./~-]+",  # a file path, or anything else with a slash
    re.DOTALL,
)


@dataclass(frozen=True)
class _Field:
    """One prose value and where it is: the file's text lets a warning point at the very word."""

    loaded: LoadedItem
    path: DataPath
    value: str
    readable: str
    """The value with code, addresses and paths blanked out, so offsets still match the value."""

    def problem(self, message: str, at: Position | None = None) -> Problem:
        where = at or self.loaded.source.locate(self.path)
        dotted = ".".join(str(part) for part in self.path)
        return Problem(self.loaded.identity.file, where.line, where.column, dotted, message, Severity.WARNING)

    def word_position(self, pattern: re.Pattern[str], offset: int) -> Position | None:
        """Where the match of ``pattern`` at ``offset`` in the value is in the file, found by counting matches."""
        occurrence = sum(1 for match in pattern.finditer(self.value) if match.start() < offset)
        start = self.loaded.source.locate(self.path)
        lines = self.loaded.text.split("\n")
        if not 0 < start.line <= len(lines):
            return None
        from_offset = sum(len(line) + 1 for line in lines[: start.line - 1]) + start.column - 1
        for index, match in enumerate(pattern.finditer(self.loaded.text, from_offset)):
            if index == occurrence:
                line = self.loaded.text.count("\n", 0, match.start()) + 1
                return Position(line, match.start() - self.loaded.text.rfind("\n", 0, match.start()))
        return None


def advice(items: Sequence[LoadedItem]) -> list[Problem]:
    """Every plain-language warning about the content, in file order."""
    settings = next(
        (loaded.item.plain_language for loaded in items if isinstance(loaded.item, SiteSettings)), PlainLanguage()
    )
    glossary = next((loaded.item for loaded in items if isinstance(loaded.item, Glossary)), None)
    terms = TermFinder(glossary.terms if glossary else ())
    jargon = [(_phrase_pattern(phrase, re.IGNORECASE), plainer) for phrase, plainer in settings.jargon.items()]
    found: list[Problem] = []
    for loaded in items:
        for value in loaded.marks.prose:
            if isinstance(loaded.item, SiteSettings) and value.path[:1] == ("plain_language",):
                continue  # the jargon list names jargon
            field = _Field(loaded, value.path, value.text, _NOT_PROSE.sub(_blank, value.text))
            found.extend(_undefined_acronyms(field, terms))
            if not isinstance(loaded.item, Glossary):  # a definition may quote the jargon it explains
                found.extend(_jargon(field, jargon))
            found.extend(_length_and_grade(field, settings))
    return sorted(found)


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group())


def _phrase_pattern(phrase: str, flags: int = 0) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(word) for word in phrase.split())
    return re.compile(rf"(?<![^\W_]){words}(?![^\W_])", flags)


def _capitalised(token: str) -> str | None:
    """The acronym a word is (``KPIs`` is KPI), or None: two or more capitals and no small letters but a plural s."""
    base = token[:-1] if token.endswith("s") and len(token) > 2 else token
    if any(char.islower() for char in base) or sum(char.isupper() for char in base) < 2:
        return None
    return base


def _emphasis(base: str) -> bool:
    """A common word in capitals ("NOT", "NEVER"): on its own, or next to one, it is shouting, not an acronym."""
    return len(base) >= 3 and base.isalpha() and not textstat.is_difficult_word(base.lower(), syllable_threshold=0)


def _undefined_acronyms(field: _Field, terms: TermFinder) -> Iterator[Problem]:
    tokens = [(match, _capitalised(match.group())) for match in _WORD.finditer(field.readable)]
    emphasis = _emphasis_runs(field.readable, tokens)
    defined = [(use.start, use.end) for use in terms.uses(field.readable)]
    reported: set[str] = set()
    for index, (match, base) in enumerate(tokens):
        if base is None or index in emphasis or base in reported:
            continue
        if any(start <= match.start() and match.end() <= end for start, end in defined):
            continue
        reported.add(base)
        position = field.word_position(_phrase_pattern(match.group()), match.start())
        yield field.problem(
            f"'{base}' looks like an acronym the glossary does not explain; "
            "add it to content/glossary.yaml, or write it out in words",
            position,
        )


def _emphasis_runs(text: str, tokens: list[tuple[re.Match[str], str | None]]) -> set[int]:
    """Indexes of capitalised words that are emphasis: common words, and the words in capitals right beside them."""
    runs: list[list[int]] = []
    for index, (match, base) in enumerate(tokens):
        if base is None:
            continue
        previous = runs[-1][-1] if runs else None
        joined = previous == index - 1 and not text[tokens[previous][0].end() : match.start()].strip()
        if joined:
            runs[-1].append(index)
        else:
            runs.append([index])
    shouting: set[int] = set()
    for run in runs:
        if any(_emphasis(tokens[index][1] or "") for index in run):
            shouting.update(run)
    return shouting


def _jargon(field: _Field, jargon: list[tuple[re.Pattern[str], str]]) -> Iterator[Problem]:
    for pattern, plainer in jargon:
        match = pattern.search(field.readable)
        if match is not None:
            written = " ".join(match.group().split())
            yield field.problem(
                f"'{written}' is jargon; write '{plainer}' instead", field.word_position(pattern, match.start())
            )


def _length_and_grade(field: _Field, settings: PlainLanguage) -> Iterator[Problem]:
    is_story = isinstance(field.loaded.item, Newsletter) and field.path[:1] == ("stories",) and field.path[-1] == "body"
    is_summary = field.path[-1] == "summary"
    if not (is_story or is_summary):
        return
    words = textstat.lexicon_count(field.readable)
    budget = settings.story_words if is_story else settings.summary_words
    setting = "story_words" if is_story else "summary_words"
    if words > budget:
        yield field.problem(f"has {words} words; keep it to {budget} or fewer (plain_language.{setting} in site.yaml)")
    if is_summary:
        grade = textstat.flesch_kincaid_grade(field.readable)
        if grade > settings.reading_grade:
            yield field.problem(
                f"reads at school grade {grade:.1f}; aim for {settings.reading_grade:g} or below: "
                "shorter sentences and everyday words help"
            )
