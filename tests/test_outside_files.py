"""Nothing from outside the project folder is read or published, whatever links (symlinks) the project holds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from itcomms.content.validate import check_content
from support import MINIMAL_CONTENT, BuildFailed, build_site, make_project

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
