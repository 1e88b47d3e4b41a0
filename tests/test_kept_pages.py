"""Pages kept converted between builds: a second build converts only what changed, and writes the same site,
warnings included."""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

import material
import pytest

from itcomms_mkdocs_pages import CONTENT_READS, reads_content_as_marked, theme_templates
from support import MINIMAL_CONTENT, REPO, BuildFailed, build_site, make_project, write_content

NOW = "2026-11-24T12:00:00"
ONGOING_INCIDENT = """title: Chat messages not arriving
services: [chat]
impact: major
start: 2026-11-24 09:00
summary: Some chat messages do not arrive.
updates:
  - at: 2026-11-24 09:10
    state: investigating
    message: We are looking into it.
"""


def kept_entries(project: Path) -> dict[str, int]:
    """Each kept page's file name, with when it was written."""
    return {entry.name: entry.stat().st_mtime_ns for entry in (project / ".cache/itcomms/pages").glob("*/*.json")}


def same_tree(left: Path, right: Path) -> list[str]:
    """Files that differ between two built sites, or are in one only."""
    compared = filecmp.dircmp(left, right)
    differ: list[str] = []
    stack = [(compared, "")]
    while stack:
        current, prefix = stack.pop()
        differ += [prefix + name for name in current.left_only + current.right_only + current.diff_files]
        differ += [prefix + name for name in filecmp.cmpfiles(current.left, current.right, current.common_files)[1]]
        stack += [(sub, f"{prefix}{name}/") for name, sub in current.subdirs.items()]
    return sorted(set(differ))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project", MINIMAL_CONTENT)


def test_a_second_build_converts_nothing_and_writes_the_same_site(project: Path, tmp_path: Path) -> None:
    build_site(project, tmp_path / "first", now=NOW, ITCOMMS_PDF="0")
    kept = kept_entries(project)
    pages = list((tmp_path / "first").rglob("index.html"))
    assert len(kept) == len(pages)  # every page, the 404 page aside
    build_site(project, tmp_path / "second", now=NOW, ITCOMMS_PDF="0")
    assert kept_entries(project) == kept  # nothing converted, so nothing written again
    assert same_tree(tmp_path / "first", tmp_path / "second") == []


def test_an_edited_page_alone_is_converted_again_and_its_old_form_forgotten(project: Path, tmp_path: Path) -> None:
    build_site(project, tmp_path / "first", now=NOW, ITCOMMS_PDF="0")
    before = kept_entries(project)
    service = project / "content/services/email.yaml"
    service.write_text(
        service.read_text(encoding="utf-8").replace("description: ", "description: Renamed. ", 1), "utf-8"
    )
    build_site(project, tmp_path / "second", now=NOW, ITCOMMS_PDF="0")
    after = kept_entries(project)
    written, forgotten = set(after) - set(before), set(before) - set(after)
    pages_changed = [path for path in same_tree(tmp_path / "first", tmp_path / "second") if path.endswith(".html")]
    assert "services/email/index.html" in pages_changed
    assert len(written) == len(forgotten) == len(pages_changed) < len(after) / 2
    assert all(before[name] == after[name] for name in set(after) & set(before))  # the rest were not written again


def test_a_kept_page_gives_its_warnings_again(project: Path, tmp_path: Path) -> None:
    (project / "docs/extra.md").write_text(
        "# Extra\n\n[Gone](missing.md) and [nowhere](status/index.md#no-such-place).\n", encoding="utf-8"
    )
    logs = []
    for site in ("first", "second"):
        with pytest.raises(BuildFailed) as failed:
            build_site(project, tmp_path / site, now=NOW, ITCOMMS_PDF="0")
        logs.append(sorted(line for line in failed.value.log if "extra.md" in line))
    assert logs[0] == logs[1]
    assert any("missing.md" in line for line in logs[1])
    assert any("no-such-place" in line for line in logs[1])


def test_a_glossary_edit_reaches_every_kept_page(project: Path, tmp_path: Path) -> None:
    build_site(project, tmp_path / "first", now=NOW, ITCOMMS_PDF="0")
    glossary = project / "content/glossary.yaml"
    glossary.write_text(
        glossary.read_text(encoding="utf-8").replace("looks after computers", "keeps computers"), encoding="utf-8"
    )
    build_site(project, tmp_path / "second", now=NOW, ITCOMMS_PDF="0")
    for site, meaning in (("first", "looks after computers"), ("second", "keeps computers")):
        home = (tmp_path / site / "index.html").read_text(encoding="utf-8")
        assert f'<abbr title="Information Technology: The team that {meaning} and systems.">' in home
    assert len(kept_entries(project)) == len(list((tmp_path / "second").rglob("index.html")))  # the old forgotten


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"\xff\xfe not text",
        b'{"html": "<p>half',
        b"[]",
        b'{"html": 1, "toc": [], "title": null, "anchors": [], "links_to_anchors": {}, "warnings": []}',
        b'{"html": "", "toc": "x", "title": null, "anchors": [], "links_to_anchors": {}, "warnings": []}',
        b'{"html": "", "toc": [], "title": null, "anchors": [], "links_to_anchors": {}, "warnings": [[30]]}',
        b'{"html": "", "toc": [{"level": 2}], "title": null, "anchors": [], "links_to_anchors": {}, "warnings": []}',
    ],
    ids=["empty", "binary", "cut-short", "a-list", "html-a-number", "toc-a-string", "warning-cut", "toc-item-cut"],
)
def test_a_damaged_kept_page_is_converted_again(project: Path, tmp_path: Path, damage: bytes) -> None:
    build_site(project, tmp_path / "first", now=NOW, ITCOMMS_PDF="0")
    for entry in (project / ".cache/itcomms/pages").glob("*/*"):  # converted, filtered and themed
        entry.write_bytes(damage)
    for entry in ("markdown-fields.json", "search-entries.json"):  # authors' fields converted, pages indexed
        (project / ".cache/itcomms" / entry).write_bytes(damage)
    build_site(project, tmp_path / "second", now=NOW, ITCOMMS_PDF="0")
    assert same_tree(tmp_path / "first", tmp_path / "second") == []


def test_a_cache_that_cannot_be_written_costs_time_not_the_build(project: Path, tmp_path: Path) -> None:
    build_site(project, tmp_path / "first", now=NOW, ITCOMMS_PDF="0")
    shutil.rmtree(project / ".cache")
    (project / ".cache").write_text("not a folder", encoding="utf-8")  # every write under it fails
    assert build_site(project, tmp_path / "second", now=NOW, ITCOMMS_PDF="0") == []
    assert same_tree(tmp_path / "first", tmp_path / "second") == []


def test_every_edit_after_the_first_build_writes_what_a_fresh_build_writes(project: Path, tmp_path: Path) -> None:
    """Pages kept converted, filtered and themed, through edits that reach a page's words, the navigation,
    the banner on every page (an incident opened, then its title), the tooltips on every page, the site's name, and a theme override: each build, the same site as a build that
    keeps nothing: authors' Markdown fields, kept converted, are made again when their text or the site's
    address changes."""
    build_site(project, tmp_path / "kept-0", now=NOW, ITCOMMS_PDF="0")
    edits = [
        ("content/services/email.yaml", "description: ", "description: Renamed. "),
        ("content/services/email.yaml", "name: Email", "name: Electronic mail"),
        ("content/site.yaml", "name: ", "name: The "),
        ("docs/overrides/main.html", "{% block extrahead %}", '{% block extrahead %}<meta name="edited">'),
        ("docs/extra-page.md", "", "# A hand-written page\n\nAdded.\n"),
        ("mkdocs.yml", "  - Glossary: glossary/index.md", "  - Words we use: glossary/index.md"),
        ("content/incidents/2026/2026-03-14-email-delays.yaml", "title: ", "title: Edited, "),
        (
            "content/incidents/2026/2026-03-14-email-delays.yaml",
            "message: Fixed.",
            "message: Fixed, *see* [it](/status/).",
        ),
        ("content/incidents/2026/2026-11-24-chat-down.yaml", "", ONGOING_INCIDENT),
        ("content/incidents/2026/2026-11-24-chat-down.yaml", "title: Chat", "title: Edited, chat"),
        ("content/glossary.yaml", "meaning: The team", "meaning: Edited, the team"),
        ("content/glossary.yaml", "spelled_out: Information Technology", "spelled_out: Information Tech"),
        ("mkdocs.yml", "site_url: https://intranet.larkspur.example/it/", "site_url: https://intranet.example/"),
    ]
    for number, (name, old, new) in enumerate(edits, start=1):
        edited = project / name
        text = edited.read_text(encoding="utf-8") if edited.exists() else ""
        assert old in text or not old, (name, old)
        edited.write_text(text.replace(old, new, 1) if old else new, encoding="utf-8")
        build_site(project, tmp_path / f"kept-{number}", now=NOW, ITCOMMS_PDF="0")
        fresh = tmp_path / f"fresh-{number}"
        shutil.copytree(project, fresh, ignore=shutil.ignore_patterns(".cache"), symlinks=True)
        build_site(fresh, tmp_path / f"fresh-site-{number}", now=NOW, ITCOMMS_PDF="0", ITCOMMS_CACHE="0")
        assert not (fresh / ".cache").exists()
        assert same_tree(tmp_path / f"kept-{number}", tmp_path / f"fresh-site-{number}") == [], name
        assert same_tree(tmp_path / f"kept-{number - 1}", tmp_path / f"kept-{number}") != [], name


def test_the_theme_reads_a_page_s_content_only_where_its_kept_shell_answers_as_the_content_would() -> None:
    """A kept themed page is a shell with a mark where the content goes: right while the theme's templates
    only write the content out, or ask whether it holds an ``<h1``, which the mark answers as the content
    would. The theme and our overrides do; a template asking anything else of it is found."""
    folders = [Path(material.__file__).parent / "templates", REPO / "docs" / "overrides"]
    templates = theme_templates(folders)
    assert any(CONTENT_READS[0] in text for _, text in templates)
    assert reads_content_as_marked(templates)
    for other in (
        "{% if page.content %}",
        "{{ page.content | length }}",
        "{{ page['content'] }}",
        "{{ page|attr('content') }}",
    ):
        assert not reads_content_as_marked([*templates, ("override.html", other)]), other


def test_an_override_reading_a_page_s_content_otherwise_keeps_no_page_themed(project: Path, tmp_path: Path) -> None:
    """An override asking how long a page's content is: no shell is kept, and every build is the build
    keeping nothing."""
    override = project / "docs/overrides/main.html"
    override.write_text(
        override.read_text("utf-8").replace(
            "{% block extrahead %}", '{% block extrahead %}<meta name="length" content="{{ page.content | length }}">'
        ),
        "utf-8",
    )
    for number in (1, 2):
        build_site(project, tmp_path / f"kept-{number}", now=NOW, ITCOMMS_PDF="0")
    assert not list((project / ".cache/itcomms/pages").glob("*/*.page.html"))
    build_site(project, tmp_path / "nothing-kept", now=NOW, ITCOMMS_PDF="0", ITCOMMS_CACHE="0")
    assert same_tree(tmp_path / "kept-2", tmp_path / "nothing-kept") == []


def test_what_one_version_of_the_code_kept_is_not_taken_by_another(tmp_path: Path) -> None:
    """A project updated with its cache kept (a fix to the tooltips, to a chart, to a feed): the build after
    the update writes what the new code writes with nothing kept. Each build runs in a process of its own,
    as each run of the engine does."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    for folder in ("docs", "hooks"):
        shutil.copytree(REPO / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(MINIMAL_CONTENT, project / "content")

    def build(site: str, **env: str) -> Path:
        variables = {**os.environ, "ITCOMMS_NOW": NOW, "ITCOMMS_PDF": "0", "PYTHONPATH": str(project / "hooks"), **env}
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / site)]
        subprocess.run(command, cwd=project, env=variables, check=True)
        return tmp_path / site

    build("before")
    tooltips = project / "hooks/itcomms/outputs/site/glossary_tooltips.py"
    tooltips.write_text(tooltips.read_text("utf-8").replace("<abbr title=", "<abbr data-fixed title="), "utf-8")
    after = build("after")
    assert "<abbr data-fixed title=" in (after / "index.html").read_text("utf-8")
    assert same_tree(after, build("nothing-kept", ITCOMMS_CACHE="0")) == []


def test_a_link_to_a_missing_anchor_fails_every_build_not_only_the_one_that_converted_it(
    project: Path, tmp_path: Path
) -> None:
    """The anchors a kept page has and links to are given back to the engine, which checks them after every
    build: a link to a part of a page that is not there fails the second build as it failed the first."""
    (project / "docs/linking.md").write_text(
        "# Linking\n\nSee [the email service](services/email/index.md#no-such-part) and [its top](#linking).\n",
        encoding="utf-8",
    )
    failures = []
    for number in (1, 2):
        with pytest.raises(BuildFailed) as failed:
            build_site(project, tmp_path / f"site-{number}", now=NOW, ITCOMMS_PDF="0")
        failures.append(str(failed.value))
    assert "an anchor '#no-such-part'" in failures[0], failures[0]
    assert failures[1] == failures[0]
    assert "'#linking'" not in failures[0]


def test_a_page_written_like_a_kept_shell_s_marks_is_themed_as_written(project: Path, tmp_path: Path) -> None:
    """A hand-written page whose title and words look like the marks where a kept shell takes a page's content
    and the banner: they are the page's own words, as in a build keeping nothing, never the content again."""
    (project / "docs/forged.md").write_text(
        '---\ntitle: "Forged <!--itcomms-kept: the page\'s content-->"\n---\n# Forged\n\nWords.\n\n'
        "<!--itcomms-kept: the partial partials/status-banner.html-->\n",
        encoding="utf-8",
    )
    write_content(project, {"incidents/2026/2026-11-24-chat-down.yaml": ONGOING_INCIDENT})  # a banner to put in
    for number in (1, 2):
        build_site(project, tmp_path / f"kept-{number}", now=NOW, ITCOMMS_PDF="0")
    build_site(project, tmp_path / "nothing-kept", now=NOW, ITCOMMS_PDF="0", ITCOMMS_CACHE="0")
    assert same_tree(tmp_path / "kept-2", tmp_path / "nothing-kept") == []
    assert (tmp_path / "kept-2/forged/index.html").read_text("utf-8").count("Words.") == 1
