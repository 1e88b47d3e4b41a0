"""The preview (``mkdocs serve``) makes no PDFs on each save unless asked for; a build makes them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.config import load_config

import itcomms_hooks
from support import DEMO_NOW, MINIMAL_CONTENT, environment, make_project


@pytest.fixture
def command() -> Iterator[None]:
    yield
    itcomms_hooks._COMMAND.clear()  # the engine's command is told once per process: leave none behind


@pytest.mark.parametrize(
    ("engine_command", "asked", "made"),
    [("serve", None, False), ("serve", "1", True), ("build", None, True), ("build", "0", False)],
)
def test_pdfs_by_command(tmp_path: Path, command: None, engine_command: str, asked: str | None, made: bool) -> None:
    project = make_project(tmp_path / "project", MINIMAL_CONTENT)
    itcomms_hooks.on_startup(engine_command, dirty=False)
    with environment({"ITCOMMS_NOW": DEMO_NOW, "ITCOMMS_PDF": asked}):
        config = itcomms_hooks.on_config(load_config(config_file=str(project / "mkdocs.yml")))
    assert config["itcomms_build"].site.options.pdf is made
