"""``scripts/schemas``: write the content JSON Schemas and the editor and pre-commit settings that use them.

The schemas list the ids the content defines (services, KPIs, business units…), so run it again after adding
one. With ``--check``, only compare, and fail when any is stale. With ``--check-files``, check every content file
against the schemas made from the content as it is (what the editor underlines), and fail on any mismatch.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from itcomms.content.schemas import SCHEMA_FOLDER, check_against_schemas, schema_documents, tool_configs
from itcomms.problems import Problem, Severity, format_github


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/schemas", description=__doc__)
    parser.add_argument("--project", type=Path, default=Path.cwd())
    parser.add_argument("--check", action="store_true", help="only report files that differ from the models")
    parser.add_argument("--check-files", action="store_true", help="check every content file against its schema")
    parser.add_argument(
        "--format", choices=("text", "github"), default="text", help="github: GitHub Actions annotations"
    )
    args = parser.parse_args(argv)
    folder = args.project / SCHEMA_FOLDER
    schemas = schema_documents(args.project)
    documents = {SCHEMA_FOLDER / name: text for name, text in schemas.items()} | tool_configs()
    stale = [
        path
        for path, text in documents.items()
        if not (args.project / path).is_file() or (args.project / path).read_text(encoding="utf-8") != text
    ]
    if args.check_files:
        problems = check_against_schemas(args.project, schemas)
        # Stale schemas only cost completion in the editor (an id added here is not offered yet): a warning.
        problems += [
            Problem(path.as_posix(), 1, 1, "", "out of date with the content; run scripts/schemas", Severity.WARNING)
            for path in stale
        ]
        for problem in problems:
            print(format_github(problem) if args.format == "github" else str(problem))  # noqa: T201
        errors = sum(problem.is_error for problem in problems)
        print(f"{errors} problems against the schemas, {len(stale)} stale files", file=sys.stderr)  # noqa: T201
        return 1 if errors else 0
    extra = sorted(path.relative_to(args.project) for path in folder.glob("*.schema.json")) if folder.is_dir() else []
    extra = [path for path in extra if path not in documents]
    if args.check:
        for path in stale + extra:
            print(f"{path}: out of date; run scripts/schemas", file=sys.stderr)  # noqa: T201
        return 1 if stale or extra else 0
    for path in stale:
        (args.project / path).parent.mkdir(parents=True, exist_ok=True)
        (args.project / path).write_text(documents[path], encoding="utf-8")
    for path in extra:
        (args.project / path).unlink()
    print(f"{len(stale)} files written, {len(extra)} removed", file=sys.stderr)  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
