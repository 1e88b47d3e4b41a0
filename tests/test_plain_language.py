"""Plain-language warnings on the demo content: none as it ships; one, at its place, for an acronym added.

The warning reaches authors through ``scripts/validate``, as text or as GitHub
annotations; ``--strict`` makes it fail validation. The build leaves it out.
The kinds of warning, case by case, are data in content_cases/ (plain-language-*.yaml).
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import mkdocs
import pytest

from itcomms.cli.validate import main as validate
from itcomms.content.validate import check_content
from support import DEMO_CONTENT, REPO, build_site, make_project

ACRONYM = "ZQX"


def test_demo_content_has_no_plain_language_warning() -> None:
    assert [str(problem) for problem in check_content(REPO, advice=True).problems] == []


def add_acronym(content: Path) -> tuple[str, int]:
    """Put an undefined acronym at the start of a demo incident's title; returns the file and the line."""
    incident = sorted((content / "incidents").rglob("*.yaml"))[0]
    lines = incident.read_text(encoding="utf-8").split("\n")
    line = next(index for index, text in enumerate(lines) if text.startswith("title: "))
    lines[line] = lines[line].replace("title: ", f"title: {ACRONYM} ", 1)
    incident.write_text("\n".join(lines), encoding="utf-8")
    return incident.relative_to(content.parent).as_posix(), line + 1


@pytest.fixture
def project_with_acronym(tmp_path: Path) -> tuple[Path, str]:
    project = tmp_path / "project"
    shutil.copytree(DEMO_CONTENT, project / "content")
    shutil.copytree(REPO / "docs", project / "docs")  # videos and captions live there (a link out is refused)
    file, line = add_acronym(project / "content")
    expected = (
        f"{file}:{line}:8: warning: title: '{ACRONYM}' looks like an acronym the glossary does not explain; "
        "add it to content/glossary.yaml, or write it out in words"
    )
    return project, expected


def test_an_undefined_acronym_gives_exactly_one_warning_at_its_position(
    project_with_acronym: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    project, expected = project_with_acronym
    assert validate(["--project", str(project)]) == 0, "a warning must not fail validation"
    output = capsys.readouterr()
    assert output.out.splitlines() == [expected]
    assert "0 errors, 1 warnings" in output.err


def test_strict_validation_fails_on_the_warning(
    project_with_acronym: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    project, expected = project_with_acronym
    assert validate(["--project", str(project), "--strict"]) == 1
    assert capsys.readouterr().out.splitlines() == [expected]


def test_github_format_annotates_the_word(
    project_with_acronym: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    project, expected = project_with_acronym
    validate(["--project", str(project), "--format", "github"])
    file, line, column = expected.split(":")[:3]
    message = expected.split(": warning: ", 1)[1]
    assert capsys.readouterr().out.splitlines() == [f"::warning file={file},line={line},col={column}::{message}"]


def test_the_build_leaves_advice_to_validation(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Advice is for authors, from scripts/validate: a strict build neither fails on it nor spends time on it."""
    project = make_project(tmp_path / "project")
    add_acronym(project / "content")
    caplog.set_level(logging.INFO, logger=mkdocs.__name__)
    assert build_site(project, tmp_path / "site", ITCOMMS_PDF="0") == []
    assert [record for record in caplog.records if f"'{ACRONYM}'" in record.getMessage()] == []
    assert (tmp_path / "site" / "index.html").is_file()
