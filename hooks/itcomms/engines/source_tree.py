"""The generated site as a source tree on disk, for an engine that runs no hooks.

``write`` lays out, in a staging folder:

- ``docs/``: the project's own docs (its theme overrides left out), and every
  generated page as Markdown and every generated file (feeds, calendar, JSON,
  emails, charts) beside them;
- ``overrides/``: the project's theme overrides, and the partials made from
  the data (the status banner);
- ``mkdocs.yml``: the project's config, pointed at those folders, without the
  hooks (the tree already holds what they would add).

Only files whose bytes changed are written, and files no longer generated are
removed, so an engine watching the tree rebuilds only what changed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import yaml
from markupsafe import escape

from itcomms.outputs import Page
from itcomms.pipeline import Build, engine_config
from itcomms.problems import Problem

CONFIG_NAME = "mkdocs.yml"
DOCS = "docs"
OVERRIDES = "overrides"

ConfigAdapter = Callable[[dict[str, Any]], dict[str, Any]]
"""Changes one engine needs in the generated config."""


def read_config(project_dir: Path) -> dict[str, Any]:
    """The project's ``mkdocs.yml`` as plain data."""
    with (project_dir / CONFIG_NAME).open(encoding="utf-8") as file:
        config: dict[str, Any] = yaml.safe_load(file)
    return config


def write(
    project_dir: Path,
    build: Build,
    staging: Path,
    site_dir: Path,
    adapt: ConfigAdapter = dict,
    theme_files_kept: frozenset[str] = frozenset(),
) -> tuple[Path, list[Problem]]:
    """Write the source tree into ``staging``; returns its config file, and rendering's warnings.

    Raises ``ContentError``, with nothing written, when a published file would have two sources.

    ``theme_files_kept``: overrides left out, so the engine's theme keeps its own file."""
    config = read_config(project_dir)
    docs_dir = (project_dir / config.get("docs_dir", "docs")).resolve()
    theme = dict(config.get("theme") or {})
    custom_dir = (project_dir / theme["custom_dir"]).resolve() if theme.get("custom_dir") else None

    rendered = build.render()
    docs: dict[str, bytes] = _files_under(docs_dir, leave_out=custom_dir)
    for output in rendered.outputs:
        docs[output.path] = output.markdown.encode("utf-8") if isinstance(output, Page) else output.content
    overrides = {
        path: data
        for path, data in (_files_under(custom_dir) if custom_dir else {}).items()
        if path not in theme_files_kept
    }
    overrides.update({path: text.encode("utf-8") for path, text in build.theme_partials().items()})
    _sync(staging / DOCS, docs)
    _sync(staging / OVERRIDES, overrides)

    theme["custom_dir"] = OVERRIDES
    staged = {key: value for key, value in config.items() if key not in ("hooks", "watch")}
    staged.update(docs_dir=DOCS, site_dir=str(site_dir.resolve()), theme=theme)
    # What the content says about the site (its name, say), HTML-escaped as the hook does: themes print it raw
    staged.update({name: str(escape(value)) for name, value in engine_config(build.site).items()})
    config_file = staging / CONFIG_NAME
    text = yaml.safe_dump(adapt(staged), sort_keys=False, allow_unicode=True).encode("utf-8")
    if not config_file.exists() or config_file.read_bytes() != text:
        config_file.write_bytes(text)
    return config_file, list(rendered.warnings)


def _files_under(folder: Path, leave_out: Path | None = None) -> dict[str, bytes]:
    files = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or (leave_out is not None and path.is_relative_to(leave_out)):
            continue
        files[path.relative_to(folder).as_posix()] = path.read_bytes()
    return files


def _sync(folder: Path, files: Mapping[str, bytes]) -> None:
    """Make ``folder`` hold exactly ``files``, touching only those that differ."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(folder.rglob("*"), reverse=True):
        relative = path.relative_to(folder).as_posix()
        if path.is_file() and relative not in files:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    for relative, content in files.items():
        target = folder / relative
        if target.is_file() and target.read_bytes() == content:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
