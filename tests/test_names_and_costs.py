"""Names that would collide and text that would cost too much: refused before anything is written."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from itcomms import addresses, outputs
from itcomms.content.markdown_html import MarkdownRenderer
from itcomms.content.models.fields import LONGEST_TEXT
from itcomms.content.validate import check_content
from itcomms.pipeline import load_build
from itcomms.problems import ContentError
from itcomms.rendering.outputs import Artefact, Output
from support import DEMO_NOW, MINIMAL_CONTENT, BuildFailed, build_site, environment, make_project


def _also_writes(path: str) -> object:
    def renderer(site: object, templates: object) -> Iterator[Output]:
        yield Artefact(path, "an accident")

    return renderer


@pytest.mark.parametrize("path", [addresses.SERVICES, addresses.STATUS_FEED_RSS])
def test_two_outputs_for_one_path_are_refused(path: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "project", MINIMAL_CONTENT)
    monkeypatch.setattr(outputs, "RENDERERS", (*outputs.RENDERERS, _also_writes(path)))
    with environment({"ITCOMMS_NOW": DEMO_NOW}):
        build = load_build(project, "https://intranet.example/it/", os.environ)
    with pytest.raises(ContentError, match=f"{path}:1:1: would be written twice"):
        build.render()


def test_a_clash_stops_the_build_before_the_old_site_is_touched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path / "project", MINIMAL_CONTENT)
    site_dir = tmp_path / "site"
    site_dir.mkdir()
    (site_dir / "index.html").write_text("the previous site", encoding="utf-8")
    monkeypatch.setattr(outputs, "RENDERERS", (*outputs.RENDERERS, _also_writes(addresses.BROCHURE)))
    with pytest.raises(BuildFailed) as failed:
        build_site(project, site_dir, ITCOMMS_PDF="0")
    assert "services/brochure/index.md:1:1: would be written twice" in "\n".join(failed.value.log)
    assert [path.name for path in site_dir.iterdir()] == ["index.html"]


_PATHOLOGICAL = {
    "nested-brackets": lambda n: "[" * (n // 2) + "]" * (n // 2),
    "unclosed-brackets": lambda n: "[" * n,
    "unclosed-links": lambda n: "[a](" * (n // 4),
    "nested-parentheses": lambda n: "[a](" + "(" * (n // 2 - 2) + ")" * (n // 2 - 2),
    "brackets-then-text": lambda n: "[" * 200 + "x" * (n - 200),
}


@pytest.mark.parametrize("shape", sorted(_PATHOLOGICAL))
def test_markdown_cost_of_accepted_text_is_bounded(shape: str) -> None:
    text = _PATHOLOGICAL[shape](LONGEST_TEXT)
    assert len(text) <= LONGEST_TEXT
    started = time.perf_counter()
    MarkdownRenderer().html(text)
    elapsed = time.perf_counter() - started
    # 40 KB of nested brackets took 94 s before; accepted text is now at most 10,000 characters and
    # brackets that cannot make a link are escaped first. Generous: a shared machine is slow.
    assert elapsed < 5, f"{shape}: {elapsed:.1f}s"


def test_longer_text_is_refused_with_its_position(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", MINIMAL_CONTENT)
    chat = project / "content/services/chat.yaml"
    chat.write_text(
        chat.read_text(encoding="utf-8").replace("description: Chat and calls.", 'description: "' + "[" * 40_000 + '"'),
        encoding="utf-8",
    )
    started = time.perf_counter()
    problems = [str(problem) for problem in check_content(project).problems]
    assert time.perf_counter() - started < 10
    assert problems == [
        "content/services/chat.yaml:4:14: description: is 40,000 characters long; keep a text under 10,000 "
        "(say less, or link to a document)"
    ]


def test_brackets_that_make_links_still_do() -> None:
    html = MarkdownRenderer().html("See [the guide](https://x.example/a_(b)), [[x]] and [y and (z.")
    assert '<a href="https://x.example/a_(b)">the guide</a>' in html
    assert "[[x]] and [y and (z." in html
