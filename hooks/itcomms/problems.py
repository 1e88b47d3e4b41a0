"""Problems found in content: every one carries the file, line and column it is about."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, positioned so an author can go straight to it.

    ``field`` is the dotted path of the value inside the file (``updates.2.at``),
    counted from 0 as the data is; it is empty when the problem is about the file
    as a whole. People read it counted from 1 and named (``spoken_field``).
    """

    file: str
    line: int
    column: int
    field: str
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        if self.field:
            return f"{where}: {prefix}{spoken_field(self.field)}: {self.message}"
        return f"{where}: {prefix}{self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


_IRREGULAR = {"people": "person", "data": "entry", "news": "item"}


def spoken_field(field: str) -> str:
    """A field's path as an author counts: ``updates.1.at`` is "2nd update, at", ``services.0`` "1st service";
    names and keys stay as written (``values.2026-03``)."""
    parts = field.split(".")
    spoken: list[tuple[str, bool]] = []  # each part, and whether it is a place in a list, said in words
    for index, part in enumerate(parts):
        if _is_position(part) and index > 0 and not _is_position(parts[index - 1]) and spoken:
            spoken[-1] = (f"{_ordinal(int(part) + 1)} {_singular(parts[index - 1])}", True)
        else:
            spoken.append((part, False))
    joined: list[str] = []
    for index, (part, is_place) in enumerate(spoken):
        # Keys one after another stay one dotted name (cancelled.at); a place in a list starts a new part.
        if joined and not is_place and not spoken[index - 1][1]:
            joined[-1] += f".{part}"
        else:
            joined.append(part)
    return ", ".join(joined)


def _is_position(part: str) -> bool:
    """A list position, not a key written as a number: no list in content is a thousand long, and keys such as a
    year (2026) or 007 are written that way."""
    return part.isdigit() and len(part) < 4 and (part == "0" or not part.startswith("0"))


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _singular(name: str) -> str:
    words = name.replace("_", " ")
    if words in _IRREGULAR:
        return _IRREGULAR[words]
    if words.endswith("ies"):
        return words[:-3] + "y"
    if words.endswith(("sses", "xes", "ches", "shes", "ses")):
        return words[:-2]
    return words[:-1] if words.endswith("s") else f"entry of {words}"


class ContentError(Exception):
    """Raised when content cannot be turned into a site; holds every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        errors = [p for p in self.problems if p.is_error]
        lines = [str(p) for p in self.problems]
        noun = "problem" if len(errors) == 1 else "problems"
        lines.append(f"{len(errors)} {noun} in content; nothing was built.")
        return "\n".join(lines)


def format_github(problem: Problem) -> str:
    """One GitHub Actions workflow command, so the problem shows on the changed line."""
    kind = "error" if problem.is_error else "warning"
    message = f"{spoken_field(problem.field)}: {problem.message}" if problem.field else problem.message
    escaped = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::{kind} file={problem.file},line={problem.line},col={problem.column}::{escaped}"
