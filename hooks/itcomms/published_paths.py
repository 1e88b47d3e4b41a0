"""One writer for every path the site publishes: a generated page or file, or a file of ``docs/``, never two.

An engine given two sources for one path keeps one and drops the other with at
most a warning (MkDocs: a DeprecationWarning about duplicate files), so a
hand-written ``docs/status/index.md`` or a static ``docs/status/status.json``
would silently lose to, or replace, what the build makes from content. Here two
sources for one published file are an error naming both, whichever they are:
two generated outputs, a generated output and a file of ``docs/``, or two files
of ``docs/``.

Sources are compared by the file they become in the built site, the way the
engines publish them (``status.md``, ``status/index.md`` and
``status/README.md`` are all ``status/index.html``; so is a
``status/index.html`` copied as it is), and without regard to case: on the
Windows and macOS machines that preview or serve an intranet site,
``Status/feed.xml`` and ``status/feed.xml`` are one file.

The files themselves (links, hard links, private folders) are
``content/project_files.py``'s rule; both run before anything is written, in
the build of every engine (``pipeline.Build.render``) and in ``scripts/validate``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from itcomms.problems import Problem

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
"""What the engines convert to a page (MkDocs' list); every other file is published as it is."""
_INDEX_NAMES = ("index", "readme")


def published_as(source_path: str) -> str:
    """The file a source path (like ``status/index.md``) becomes in the built site, with directory URLs."""
    if not source_path.lower().endswith(MARKDOWN_SUFFIXES):
        return source_path
    stem = source_path.rsplit(".", 1)[0]
    folder, _, name = stem.rpartition("/")
    if name.lower() in _INDEX_NAMES:
        return f"{folder}/index.html" if folder else "index.html"
    return f"{stem}/index.html"


def docs_sources(docs_dir: Path) -> list[str]:
    """Every file under ``docs_dir`` an engine publishes (hidden ones it leaves out), as paths inside it."""
    found: list[str] = []
    visited: set[str] = set()
    for current, folders, files in os.walk(docs_dir, followlinks=True):
        real = os.path.realpath(current)
        if real in visited:  # a link back to a folder already seen: its files are listed once
            folders.clear()
            continue
        visited.add(real)
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        relative = Path(current).relative_to(docs_dir)
        found.extend((relative / name).as_posix() for name in sorted(files) if not name.startswith("."))
    return found


def clashes(docs_dir: Path, project_dir: Path, generated: Iterable[tuple[str, str]]) -> list[Problem]:
    """Every published file with more than one source, each source named once.

    ``generated`` holds, for each generated output (repeats included), its path and what made it (an output
    module's name)."""
    docs_folder = docs_dir.relative_to(project_dir).as_posix() if docs_dir.is_relative_to(project_dir) else "docs"
    by_file: dict[str, list[tuple[str, str | None]]] = {}
    for path in docs_sources(docs_dir):
        by_file.setdefault(published_as(path).casefold(), []).append((path, None))
    for path, maker in generated:
        by_file.setdefault(published_as(path).casefold(), []).append((path, maker))
    problems: list[Problem] = []
    for sources in by_file.values():
        if len(sources) > 1:
            problems.extend(_problems(sources, docs_folder))
    return sorted(problems)


def _problems(sources: list[tuple[str, str | None]], docs_folder: str) -> Iterator[Problem]:
    makers = [f"{path} (made by {maker})" for path, maker in sources if maker is not None]
    in_docs = [f"{docs_folder}/{path}" for path, maker in sources if maker is None]
    published = published_as(sources[0][0])
    if not in_docs:
        (path, _), *_ = sources
        yield Problem(
            path,
            1,
            1,
            "",
            f"would be written twice ({' and '.join(makers)}), as {published}; nothing was built. "
            "Rename the content item whose id gives that address",
        )
        return
    for file in in_docs:
        others = [other for other in in_docs if other != file] + [f"the generated {made}" for made in makers]
        yield Problem(
            file,
            1,
            1,
            "",
            f"is published as {published}, and so is {' and '.join(others)}; one published file has one "
            "source, or one would silently replace the other: remove or rename this file",
        )
