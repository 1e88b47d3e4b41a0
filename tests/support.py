"""Small helpers the tests share: a throwaway project folder and a real MkDocs build of it."""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

if os.environ.get("ITCOMMS_ENGINE") == "properdocs":
    # ProperDocs answers every `mkdocs.*` import from here on, as its own command line does.
    import properdocs.replacement  # noqa: F401

import mkdocs
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from itcomms.pipeline import load_build
from itcomms.site import Site

REPO = Path(__file__).resolve().parents[1]
DEMO_CONTENT = REPO / "content"
MINIMAL_CONTENT = REPO / "tests" / "fixtures" / "minimal" / "content"
DEMO_NOW = "2026-11-24T12:00:00"


def make_project(folder: Path, content: Path = DEMO_CONTENT) -> Path:
    """A project like the repository's, with its own copy of ``content`` and ``docs``."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(REPO / "docs", folder / "docs")
    shutil.copytree(content, folder / "content")
    (folder / "hooks").symlink_to(REPO / "hooks", target_is_directory=True)
    return folder


@contextmanager
def environment(values: Mapping[str, str | None]) -> Iterator[None]:
    """Set (or, with None, remove) environment variables for the duration of a block."""
    saved = {name: os.environ.get(name) for name in values}
    for name, value in values.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class _Collect(logging.Handler):
    def __init__(self, level: int = logging.WARNING) -> None:
        super().__init__(level)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def build_log(level: int = logging.INFO) -> Iterator[list[str]]:
    """Every message the engine logs at ``level`` or above during the block (notes as well as warnings)."""
    collector = _Collect(level)
    logger = logging.getLogger(mkdocs.__name__)
    saved = logger.level
    logger.addHandler(collector)
    logger.setLevel(level)
    try:
        yield collector.messages
    finally:
        logger.removeHandler(collector)
        logger.setLevel(saved)


class BuildFailed(Exception):
    """The build stopped; ``log`` holds the warnings and errors MkDocs printed."""

    def __init__(self, log: list[str]) -> None:
        super().__init__("\n".join(log))
        self.log = log


def build_site(project: Path, site_dir: Path, *, now: str | None = DEMO_NOW, **env: str | None) -> list[str]:
    """Build ``project`` with MkDocs in this process (strict); returns the warnings it logged.

    ``now`` pins ITCOMMS_NOW (None leaves it to SOURCE_DATE_EPOCH or the clock); ``env`` sets
    (or, with None, removes) other variables.
    """
    collector = _Collect()
    logger = logging.getLogger(mkdocs.__name__)
    logger.addHandler(collector)
    try:
        with environment({"ITCOMMS_NOW": now, **env}):
            config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
            build(config)
    except Abort:
        raise BuildFailed(collector.messages) from None
    finally:
        logger.removeHandler(collector)
    return collector.messages


def load_site(project: Path, now: str = DEMO_NOW, **env: str) -> Site:
    """The assembled ``Site`` for a project folder, without MkDocs."""
    with environment({"ITCOMMS_NOW": now, **env}):
        return load_build(project, "https://intranet.example/it/", os.environ).site


def write_content(project: Path, files: Mapping[str, str]) -> None:
    """Add or replace content files (paths under content/)."""
    for relative, text in files.items():
        target = project / "content" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def minimal_project(folder: Path) -> Path:
    """A folder holding a copy of the minimal valid content."""
    shutil.copytree(MINIMAL_CONTENT, folder / "content")
    return folder
