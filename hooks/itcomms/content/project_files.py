"""Nothing from outside the project folder is read or published: links (symlinks) that lead out are refused.

MkDocs copies everything under ``docs/`` into the site and the loader reads
everything under ``content/``; both follow links. A link to a file outside the
project (``/etc/passwd``, a key in a home folder) would publish that file, and
the pull-request workflow builds and uploads every proposed change. So every
file and folder under ``docs/`` and ``content/`` must really be inside the
project: a link that leads out is an error naming the link, found before
anything is written.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from itcomms.problems import Problem


def leads_outside(path: Path, project_dir: Path) -> Path | None:
    """Where ``path`` really is when that is outside ``project_dir`` (through any link), else ``None``."""
    real = Path(os.path.realpath(path))
    root = Path(os.path.realpath(project_dir))
    return None if real == root or real.is_relative_to(root) else real


def outside_message(real: Path) -> str:
    return (
        f"is a link to {real}, outside the project folder; nothing from outside the project is published: "
        "copy the file into the project instead"
    )


def links_out_of(folder: Path, project_dir: Path) -> Iterator[Problem]:
    """Every file or folder under ``folder`` that leads outside the project, as a problem naming the link."""
    if not folder.is_dir():
        return
    if (real := leads_outside(folder, project_dir)) is not None:
        yield _problem(folder, project_dir, real)
        return
    visited: set[str] = set()
    for current, folders, files in os.walk(folder, followlinks=True):
        real_current = os.path.realpath(current)
        if real_current in visited:  # a link back to a folder already seen: do not loop
            folders.clear()
            continue
        visited.add(real_current)
        kept = []
        for name in sorted(folders):
            path = Path(current, name)
            if (real := leads_outside(path, project_dir)) is not None:
                yield _problem(path, project_dir, real)
            else:
                kept.append(name)
        folders[:] = kept
        for name in sorted(files):
            path = Path(current, name)
            if (real := leads_outside(path, project_dir)) is not None:
                yield _problem(path, project_dir, real)


def _problem(path: Path, project_dir: Path, real: Path) -> Problem:
    return Problem(path.relative_to(project_dir).as_posix(), 1, 1, "", outside_message(real))
