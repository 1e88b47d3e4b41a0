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

    ``field`` is the dotted path of the value inside the file (``updates.2.at``);
    it is empty when the problem is about the file as a whole.
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
            return f"{where}: {prefix}{self.field}: {self.message}"
        return f"{where}: {prefix}{self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


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
    message = f"{problem.field}: {problem.message}" if problem.field else problem.message
    escaped = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::{kind} file={problem.file},line={problem.line},col={problem.column}::{escaped}"
