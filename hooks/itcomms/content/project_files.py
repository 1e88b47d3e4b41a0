"""Which files of the project may be read into the site or published with it: one rule, for every file.

MkDocs copies everything under ``docs/`` into the site and the loader reads
everything under ``content/``; both follow links. A link (symlink) can bring
in what must never be published: a file outside the project (``/etc/passwd``,
a key in a home folder), or the project's own ``.git`` (whose ``config`` holds
the token CI's checkout uses), caches or tools. A hard link is the same file
under two names, so it may be a file outside the project, and nothing in the
project can tell. And the pull-request workflow builds and uploads every
proposed change. So a file or folder under ``docs/`` or ``content/`` is refused
when:

- its real path (through any link, at any depth) is outside the project;
- its real path is inside one of ``PRIVATE_FOLDERS``;
- it is a file with more than one hard link;
- it is a link to nothing (a clear error, where the engine would crash).

Each refusal is an error naming the path (and where it leads), found before
anything is written; every one is reported at once.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from itcomms.problems import Problem

PRIVATE_FOLDERS = frozenset({".git", ".cache", ".venv"})
"""Folders of the project that are never published: the repository (and CI's token), caches, the tools."""


def refusal(path: Path, project_dir: Path) -> str | None:
    """Why ``path`` may not be read or published (the end of a message naming it), or ``None`` when it may."""
    if path.is_symlink() and not path.exists():
        return (
            f"is a link to {os.readlink(path)}, which does not exist; "
            "remove the link, or put the file it names in its place"
        )
    real, root = Path(os.path.realpath(path)), Path(os.path.realpath(project_dir))
    if not (real == root or real.is_relative_to(root)):
        return outside_message(real)
    inside = real.relative_to(root).parts
    if inside and inside[0] in PRIVATE_FOLDERS:
        return (
            f"is a link to {real}, inside the project's {inside[0]} folder, which is never published "
            "(it holds the repository, caches or tools): copy the file in instead"
        )
    if real.is_file() and (links := real.stat().st_nlink) > 1:
        return (
            f"is a hard link (one file under {links} names, maybe outside the project); nothing that may be "
            "another file is published: copy the file instead"
        )
    return None


def outside_message(real: Path) -> str:
    return (
        f"is a link to {real}, outside the project folder; nothing from outside the project is published: "
        "copy the file into the project instead"
    )


def refused_under(folder: Path, project_dir: Path) -> Iterator[Problem]:
    """Every file or folder under ``folder`` that ``refusal`` refuses, as a problem naming it.

    A refused folder is reported once, and not looked into."""
    if not folder.is_dir():
        return
    if (reason := refusal(folder, project_dir)) is not None:
        yield _problem(folder, project_dir, reason)
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
            if (reason := refusal(path, project_dir)) is not None:
                yield _problem(path, project_dir, reason)
            else:
                kept.append(name)
        folders[:] = kept
        for name in sorted(files):  # os.walk lists a link to nothing among the files
            path = Path(current, name)
            if (reason := refusal(path, project_dir)) is not None:
                yield _problem(path, project_dir, reason)


def _problem(path: Path, project_dir: Path, reason: str) -> Problem:
    return Problem(path.relative_to(project_dir).as_posix(), 1, 1, "", reason)
