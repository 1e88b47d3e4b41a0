"""``scripts/validate``: check every content file and print every problem; exit 1 on any error."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from itcomms.clock import ClockError
from itcomms.pipeline import check_with_advice
from itcomms.problems import format_github


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/validate", description=__doc__)
    parser.add_argument("--project", type=Path, default=Path.cwd(), help="folder holding mkdocs.yml and content/")
    parser.add_argument(
        "--format", choices=("text", "github"), default="text", help="github: GitHub Actions annotations"
    )
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    args = parser.parse_args(argv)

    try:
        check = check_with_advice(args.project.resolve(), os.environ)
    except ClockError as error:
        print(error, file=sys.stderr)  # noqa: T201
        return 2
    problems = check.problems
    for problem in problems:
        print(format_github(problem) if args.format == "github" else str(problem))  # noqa: T201
    errors = sum(problem.is_error for problem in problems)
    warnings = len(problems) - errors
    failed = errors > 0 or (args.strict and warnings > 0)
    summary = f"{len(check.items)} files checked: {errors} errors, {warnings} warnings"
    print(summary, file=sys.stderr)  # noqa: T201
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
