"""Nothing from outside the project folder, or private inside it, is read or published, whatever links the project
holds; and every published path has one source."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itcomms import published_paths
from itcomms.cli.build import main as build_command
from itcomms.cli.validate import main as validate_command
from itcomms.content.validate import check_content
from itcomms.engines import source_tree, zensical
from itcomms.pipeline import check_with_advice, load_build
from itcomms.problems import ContentError
from support import DEMO_NOW, MINIMAL_CONTENT, BuildFailed, build_site, environment, make_project

SECRET = "private-key-material-do-not-publish"
VIDEO = """\
video:
  title: Chat in two minutes
  file: assets/videos/chat.webm
  captions: assets/videos/chat.vtt
"""


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the project, like a home folder on the build machine."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "id_rsa").write_text(SECRET, encoding="utf-8")
    (folder / "service.yaml").write_text(
        (MINIMAL_CONTENT / "services/chat.yaml").read_text(encoding="utf-8").replace("Chat", SECRET, 1),
        encoding="utf-8",
    )
    return folder


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project", MINIMAL_CONTENT)


def problems(project: Path) -> list[str]:
    return [str(problem) for problem in check_content(project).problems]


def with_video(project: Path) -> None:
    chat = project / "content/services/chat.yaml"
    chat.write_text(chat.read_text(encoding="utf-8") + VIDEO, encoding="utf-8")
    videos = project / "docs/assets/videos"
    videos.mkdir(parents=True, exist_ok=True)
    (videos / "chat.vtt").write_text("WEBVTT\n", encoding="utf-8")


def test_a_video_that_links_outside_is_a_positioned_error(project: Path, outside: Path) -> None:
    with_video(project)
    (project / "docs/assets/videos/chat.webm").symlink_to(outside / "id_rsa")
    found = problems(project)
    assert (
        "content/services/chat.yaml:15:9: video.file: docs/assets/videos/chat.webm is a link to "
        f"{outside / 'id_rsa'}, outside the project folder" in " ".join(found)
    )
    assert any(line.startswith("docs/assets/videos/chat.webm:1:1: is a link to") for line in found)


def test_a_video_inside_a_linked_folder_outside_is_refused(project: Path, outside: Path) -> None:
    with_video(project)
    (outside / "chat.webm").write_text(SECRET, encoding="utf-8")
    (outside / "chat.vtt").write_text("WEBVTT\n", encoding="utf-8")
    shutil.rmtree(project / "docs/assets/videos")
    (project / "docs/assets/videos").symlink_to(outside, target_is_directory=True)
    found = problems(project)
    assert any(
        line.startswith("content/services/chat.yaml:15:9: video.file: docs/assets/videos/chat.webm is a link")
        for line in found
    )
    assert any(line.startswith("docs/assets/videos:1:1: is a link to") for line in found)


def test_links_inside_the_project_are_fine(project: Path) -> None:
    with_video(project)
    (project / "media").mkdir()
    (project / "media/chat.webm").write_bytes(b"\x1a\x45\xdf\xa3")
    (project / "docs/assets/videos/chat.webm").symlink_to(project / "media/chat.webm")
    (project / "docs/assets/loop").symlink_to(project / "docs/assets", target_is_directory=True)
    assert problems(project) == []


def test_a_content_file_linked_from_outside_is_never_read(project: Path, outside: Path) -> None:
    (project / "content/services/leak.yaml").symlink_to(outside / "service.yaml")
    (project / "content/services/folder").symlink_to(outside, target_is_directory=True)
    found = problems(project)
    assert [line.split(": ", 1)[0] for line in found] == [
        "content/services/folder:1:1",
        "content/services/leak.yaml:1:1",
    ]
    assert all("outside the project folder" in line for line in found)
    assert all(SECRET not in line for line in found)


def test_content_linked_to_nothing_or_into_the_repository_is_reported_and_never_read(
    with_private_folders: Path,
) -> None:
    project = with_private_folders
    (project / "content/services/gone.yaml").symlink_to("../../drafts/gone.yaml")
    (project / "content/services/config.yaml").symlink_to(project / ".git/config")
    found = problems(project)
    assert [line.split(": ", 1)[0] for line in found] == [
        "content/services/config.yaml:1:1",
        "content/services/gone.yaml:1:1",
    ]
    assert "inside the project's .git folder" in found[0] and "which does not exist" in found[1]
    assert all(SECRET not in line for line in found)


def test_a_linked_folder_under_docs_stops_the_build_and_keeps_the_old_site(
    project: Path, outside: Path, tmp_path: Path
) -> None:
    site_dir = tmp_path / "site"
    site_dir.mkdir()
    (site_dir / "index.html").write_text("the previous site", encoding="utf-8")
    (project / "docs/assets/keys").symlink_to(outside, target_is_directory=True)
    (project / "docs/stylesheets/extra.css").symlink_to(outside / "id_rsa")
    with pytest.raises(BuildFailed) as failed:
        build_site(project, site_dir, ITCOMMS_PDF="0")
    log = "\n".join(failed.value.log)
    assert "docs/assets/keys:1:1: is a link to" in log
    assert "docs/stylesheets/extra.css:1:1: is a link to" in log
    assert [path.name for path in site_dir.iterdir()] == ["index.html"]
    assert (site_dir / "index.html").read_text(encoding="utf-8") == "the previous site"


# One writer for every published path, and nothing private: each route below is refused by validate and by the
# build of every engine, with an error naming the docs/ path.

GIT_CONFIG = '[remote "origin"]\n\turl = https://x-access-token:' + SECRET + "@example.invalid/it.git\n"


@pytest.fixture
def with_private_folders(project: Path) -> Path:
    """The project's .git (its config holding a token, as CI's checkout leaves it), .cache and .venv."""
    (project / ".git/objects").mkdir(parents=True)
    (project / ".git/config").write_text(GIT_CONFIG, encoding="utf-8")
    (project / ".venv/bin").mkdir(parents=True)
    (project / ".venv/bin/activate").write_text(SECRET, encoding="utf-8")
    (project / ".cache").mkdir()
    return project


def _write(project: Path, relative: str, text: str = "hand-written") -> None:
    path = project / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _link(project: Path, relative: str, to: str | Path) -> None:
    path = project / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(to)


ROUTES: dict[str, tuple[Callable[[Path, Path], None], str, str]] = {
    # route: (how the project is made so, the docs/ path named, what the error says about it)
    "a hand-written status page": (
        lambda project, outside: _write(project, "docs/status/index.md", "# Status\n"),
        "docs/status/index.md",
        "is published as status/index.html, and so is the generated status/index.md (made by outputs/status/status_page.py)",
    ),
    "a static status.json": (
        lambda project, outside: _write(project, "docs/status/status.json", "{}"),
        "docs/status/status.json",
        "is published as status/status.json, and so is the generated status/status.json (made by outputs/status/status_json.py)",
    ),
    "a static badge": (
        lambda project, outside: _write(project, "docs/services/email/badge.svg", "<svg/>"),
        "docs/services/email/badge.svg",
        "and so is the generated services/email/badge.svg (made by outputs/status/status_badges.py)",
    ),
    "a link to the repository": (
        lambda project, outside: _link(project, "docs/assets/repository", "../../.git"),
        "docs/assets/repository",
        "inside the project's .git folder, which is never published",
    ),
    "a hard link to a file outside": (
        lambda project, outside: os.link(outside / "id_rsa", project / "docs/assets/id_rsa.txt"),
        "docs/assets/id_rsa.txt",
        "is a hard link (one file under 2 names",
    ),
    "a link to nothing": (
        lambda project, outside: _link(project, "docs/assets/logo.png", "../images/logo.png"),
        "docs/assets/logo.png",
        "is a link to ../images/logo.png, which does not exist",
    ),
    # routes the issue did not name
    "a link into the tools": (
        lambda project, outside: _link(project, "docs/javascripts/activate.js", "../../.venv/bin/activate"),
        "docs/javascripts/activate.js",
        "inside the project's .venv folder",
    ),
    "a folder two levels down linked into the repository": (
        lambda project, outside: _link(project, "docs/assets/deep/er/objects", "../../../../.git/objects"),
        "docs/assets/deep/er/objects",
        "inside the project's .git folder",
    ),
    "a feed of another case": (
        lambda project, outside: _write(project, "docs/Status/Feed.xml", "<rss/>"),
        "docs/Status/Feed.xml",
        "is published as Status/Feed.xml, and so is the generated status/feed.xml (made by outputs/status/status_feeds.py)",
    ),
    "a page beside the generated folder": (
        lambda project, outside: _write(project, "docs/services.md", "# Services\n"),
        "docs/services.md",
        "and so is the generated services/index.md (made by outputs/catalogue/service_catalogue.py)",
    ),
}


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_validate_refuses_each_route_naming_the_docs_path(
    route: str, with_private_folders: Path, outside: Path
) -> None:
    make, named, says = ROUTES[route]
    make(with_private_folders, outside)
    with environment({"ITCOMMS_NOW": DEMO_NOW}):
        found = [str(problem) for problem in check_with_advice(with_private_folders, os.environ).problems]
    assert [line for line in found if line.startswith(f"{named}:1:1: ")] == [line for line in found if says in line], (
        found
    )
    assert any(says in line for line in found), found
    assert all(SECRET not in line for line in found)


def test_every_route_at_once_stops_the_build_and_keeps_the_old_site(
    with_private_folders: Path, outside: Path, tmp_path: Path
) -> None:
    site_dir = tmp_path / "site"
    site_dir.mkdir()
    (site_dir / "index.html").write_text("the previous site", encoding="utf-8")
    files = [route for route in ROUTES if "link" in route]
    for route in files:
        ROUTES[route][0](with_private_folders, outside)
    with pytest.raises(BuildFailed) as failed:
        build_site(with_private_folders, site_dir, ITCOMMS_PDF="0")
    log = "\n".join(failed.value.log)
    for route in files:
        _, named, says = ROUTES[route]
        assert f"{named}:1:1: " in log and says in log, route
    assert "Traceback" not in log and SECRET not in log
    assert [path.name for path in site_dir.iterdir()] == ["index.html"]
    assert (site_dir / "index.html").read_text(encoding="utf-8") == "the previous site"


def test_every_clash_at_once_stops_the_build_and_keeps_the_old_site(
    with_private_folders: Path, outside: Path, tmp_path: Path
) -> None:
    site_dir = tmp_path / "site"
    site_dir.mkdir()
    (site_dir / "index.html").write_text("the previous site", encoding="utf-8")
    clashes = [route for route in ROUTES if "link" not in route]
    for route in clashes:
        ROUTES[route][0](with_private_folders, outside)
    with pytest.raises(BuildFailed) as failed:
        build_site(with_private_folders, site_dir, ITCOMMS_PDF="0")
    log = "\n".join(failed.value.log)
    for route in clashes:
        _, named, says = ROUTES[route]
        assert f"{named}:1:1: " in log and says in log, route
    assert f"{len(clashes)} problems in content; nothing was built." in log
    assert [path.name for path in site_dir.iterdir()] == ["index.html"]


def test_the_source_tree_for_other_engines_refuses_a_clash_before_writing(project: Path, tmp_path: Path) -> None:
    _write(project, "docs/status/maintenance.ics", "BEGIN:VCALENDAR")
    with environment({"ITCOMMS_NOW": DEMO_NOW}):
        build = load_build(project, "https://intranet.example/it/", os.environ)
    staging = tmp_path / "staging"
    with pytest.raises(ContentError) as refused:
        source_tree.write(project, build, staging, tmp_path / "built")
    assert "docs/status/maintenance.ics:1:1: is published as status/maintenance.ics" in refused.value.report()
    assert not staging.exists()


def test_scripts_build_for_other_engines_stops_on_a_clash_with_nothing_staged(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(project, "docs/status/index.md", "# Status\n")
    with environment({"ITCOMMS_NOW": DEMO_NOW}):
        assert build_command(["--project", str(project), "--stage-only"]) == 1
    assert "docs/status/index.md:1:1: is published as status/index.html" in capsys.readouterr().err
    assert not (project / zensical.STAGING).exists()


def test_scripts_validate_reports_a_clash_and_fails(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(project, "docs/status/feed.atom", "<feed/>")
    with environment({"ITCOMMS_NOW": DEMO_NOW}):
        assert validate_command(["--project", str(project)]) == 1
    assert "docs/status/feed.atom:1:1: is published as status/feed.atom" in capsys.readouterr().out


_SEGMENT = st.text(alphabet="abcz019-_", min_size=1, max_size=6).filter(lambda part: not part.startswith("."))
_GENERATED = st.builds(
    lambda folders, last: "/".join([*folders, last]),
    st.lists(_SEGMENT, min_size=0, max_size=3),
    st.one_of(st.just("index.md"), _SEGMENT.map(lambda name: name + ".xml"), _SEGMENT.map(lambda name: name + ".md")),
)


def _spellings(generated: str) -> list[str]:
    """Other names an author could give a file that lands where ``generated`` does."""
    names = [generated, generated.upper(), generated.title()]
    if generated.endswith("index.md"):
        folder = generated.removesuffix("index.md")
        names += [f"{folder}README.md", f"{folder}index.markdown"]
        if folder:
            names.append(folder.removesuffix("/") + ".md")
    elif generated.endswith(".md"):
        names.append(generated.removesuffix(".md") + "/index.md")
    return names


@settings(max_examples=60, deadline=None)
@given(
    st.lists(_GENERATED, min_size=1, max_size=8, unique_by=lambda path: published_paths.published_as(path).casefold()),
    st.data(),
)
def test_a_docs_file_anywhere_a_generated_one_lands_is_refused_once(generated: list[str], data: st.DataObject) -> None:
    """Generated paths and a docs/ file: refused exactly when the file lands on one of them, whatever its case and
    whichever way a page is named (a folder's index or README, or a file beside the folder)."""
    target = data.draw(st.sampled_from(generated))
    spelt = data.draw(st.sampled_from(_spellings(target)))
    unrelated = data.draw(_GENERATED.map(lambda path: "other-" + path))
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        for relative in (spelt, unrelated):
            _write(project, f"docs/{relative}")
        found = published_paths.clashes(project / "docs", project, [(path, "a_renderer") for path in generated])
    assert [(problem.file, f"the generated {target} (made by a_renderer)" in problem.message) for problem in found] == [
        (f"docs/{spelt}", True)
    ]
