"""Zensical: it reads ``mkdocs.yml`` but runs no hooks, so it builds the generated source tree.

What it takes of our config as it is: the Markdown extensions, ``exclude_docs``,
the nav, ``custom_dir`` overrides (``main.html``, ``printable.html`` and the
generated banner partial), ``extra_css``, ``extra_javascript``, front matter
(``template:``, ``feeds:``), ``validation`` of links. What it needs on top:

- ``site_dir`` inside the project folder (it refuses any other), so the site is
  built in the staging folder and moved where it was asked for;
- ``theme.variant: classic``, Material's look, rather than its own "modern" one.

Its search is its own: an index in ``search.json`` rather than MkDocs'
``search/search_index.json``, made from the pages before tooltips are added.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

from itcomms.engines import after_build, source_tree
from itcomms.pipeline import Build
from itcomms.problems import Problem

STAGING = Path(".cache") / "engines" / "zensical"
"""The source tree's folder, under the project folder."""
BUILT = "site"
THEME_FILES_KEPT = frozenset({"base.html"})
"""Our base.html is Material 9.8.2's, fixed (see its first lines): it names that release's script files, which
Zensical's theme does not have, so Zensical keeps its own base template."""


def adapt_config(config: dict[str, Any]) -> dict[str, Any]:
    """Our config as Zensical needs it to build the same site."""
    theme = {**config.get("theme", {}), "variant": "classic"}
    return {**config, "theme": theme, "site_dir": BUILT}


def stage(project_dir: Path, build: Build) -> tuple[Path, list[Problem]]:
    """Write the source tree; returns its config file and rendering's warnings."""
    staging = project_dir / STAGING
    return source_tree.write(project_dir, build, staging, staging / BUILT, adapt_config, THEME_FILES_KEPT)


def build_site(project_dir: Path, build: Build, site_dir: Path, zensical: Path) -> list[Problem | str]:
    """Build the whole site into ``site_dir`` (new or empty), after-build steps included.

    Returns the warnings and notes for the log; raises ``CalledProcessError`` when Zensical fails.
    """
    config_file, warnings = stage(project_dir, build)
    built = config_file.parent / BUILT
    shutil.rmtree(built, ignore_errors=True)
    subprocess.run([str(zensical), "build", "--strict", "--config-file", str(config_file)], check=True)
    if site_dir.exists():
        site_dir.rmdir()  # an empty folder made for the build, as scripts/build does
    shutil.move(built, site_dir)
    return [*warnings, *after_build.finish(build, site_dir, tooltips=True)]
