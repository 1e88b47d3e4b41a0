"""``scripts/schemas``: write the content JSON Schemas, or with ``--check`` fail when they are stale."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..schemas import SCHEMA_FOLDER, schema_documents


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/schemas", description=__doc__)
    parser.add_argument("--project", type=Path, default=Path.cwd())
    parser.add_argument("--check", action="store_true", help="only report schemas that differ from the models")
    args = parser.parse_args(argv)
    folder = args.project / SCHEMA_FOLDER
    documents = schema_documents()
    stale = [
        name
        for name, text in documents.items()
        if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text
    ]
    extra = (
        sorted(path.name for path in folder.glob("*.schema.json") if path.name not in documents)
        if folder.is_dir()
        else []
    )
    if args.check:
        for name in stale + extra:
            print(f"{SCHEMA_FOLDER / name}: out of date; run scripts/schemas", file=sys.stderr)  # noqa: T201
        return 1 if stale or extra else 0
    folder.mkdir(parents=True, exist_ok=True)
    for name in stale:
        (folder / name).write_text(documents[name], encoding="utf-8")
    for name in extra:
        (folder / name).unlink()
    print(f"{len(stale)} schemas written, {len(extra)} removed", file=sys.stderr)  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
