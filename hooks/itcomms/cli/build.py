"""``scripts/build --engine zensical``: build the site with an engine that runs no hooks.

Content is loaded and checked first: any problem is printed as file:line:column
and nothing is written. Then the source tree is generated, the engine builds
it, and the after-build steps (glossary tooltips, PDFs) run on what it built.
As with ``mkdocs build --strict``, a warning fails the build. ``--stage-only``
writes the source tree and stops (``scripts/serve`` uses it on every change).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from itcomms.clock import ClockError
from itcomms.engines import source_tree, zensical
from itcomms.pipeline import Build, load_build
from itcomms.problems import ContentError, Problem


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/build", description=__doc__)
    parser.add_argument("--project", type=Path, default=Path.cwd(), help="folder holding mkdocs.yml and content/")
    parser.add_argument("--site-dir", type=Path, help="where the site goes (a new or empty folder)")
    parser.add_argument("--zensical", type=Path, default=Path("zensical"), help="the zensical command")
    parser.add_argument("--stage-only", action="store_true", help="write the source tree, build nothing")
    args = parser.parse_args(argv)
    project = args.project.resolve()

    build = _load(project)
    if build is None:
        return 1
    if args.site_dir is None and not args.stage_only:
        parser.error("--site-dir is needed to build")
    try:
        if args.stage_only:
            _, warnings = zensical.stage(project, build)
            return _report([*build.warnings, *warnings], strict=False)
        notes = zensical.build_site(project, build, args.site_dir.resolve(), args.zensical)
    except ContentError as error:  # a published file with two sources: found before the tree is written
        print(error.report(), file=sys.stderr)  # noqa: T201
        return 1
    except subprocess.CalledProcessError as error:
        print(f"Zensical stopped (exit status {error.returncode}); nothing was built.", file=sys.stderr)  # noqa: T201
        return 1
    return _report([*build.warnings, *notes], strict=True)


def _load(project: Path) -> Build | None:
    site_url = source_tree.read_config(project).get("site_url")
    if not site_url:
        print("site_url must be set in mkdocs.yml: feeds, calendars and emails need absolute links", file=sys.stderr)  # noqa: T201
        return None
    try:
        return load_build(project, site_url, os.environ)
    except ContentError as error:
        print(error.report(), file=sys.stderr)  # noqa: T201
    except ClockError as error:
        print(str(error), file=sys.stderr)  # noqa: T201
    return None


def _report(notes: list[Problem | str], *, strict: bool) -> int:
    warnings = [note for note in notes if isinstance(note, Problem)]
    for note in notes:
        print(f"WARNING - {note}" if isinstance(note, Problem) else f"INFO - {note}", file=sys.stderr)  # noqa: T201
    if strict and warnings:
        print(f"Aborted with {len(warnings)} warnings in strict mode.", file=sys.stderr)  # noqa: T201
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
