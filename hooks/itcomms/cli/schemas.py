"""``scripts/schemas``: write the content JSON Schemas and the editor and pre-commit settings that use them.

With ``--check``, only compare, and fail when any is stale.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from itcomms.content.schemas import SCHEMA_FOLDER, schema_documents, tool_configs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/schemas", description=__doc__)
    parser.add_argument("--project", type=Path, default=Path.cwd())
    parser.add_argument("--check", action="store_true", help="only report files that differ from the models")
    args = parser.parse_args(argv)
    folder = args.project / SCHEMA_FOLDER
    documents = {SCHEMA_FOLDER / name: text for name, text in schema_documents().items()} | tool_configs()
    stale = [
        path
        for path, text in documents.items()
        if not (args.project / path).is_file() or (args.project / path).read_text(encoding="utf-8") != text
    ]
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
