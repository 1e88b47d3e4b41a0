"""``scripts/publish DEST``: a release folder per publish, switched in one step, the previous one kept."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from support import REPO

SCRIPT = REPO / "scripts" / "publish"


def built_site(folder: Path, version: str) -> Path:
    for relative in ("index.html", "status/status.json", "status/feed.atom", "services/email/index.html"):
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"{relative} {version}\n")
    logo = folder / "logo.svg"
    logo.write_text("<svg/>\n")  # the same bytes in every version, written anew by every build
    written = 1_700_000_000 + sum(map(ord, version))  # a different time for each version
    os.utime(logo, (written, written))
    return folder


def publish(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *map(str, args)], capture_output=True, text=True, env={**os.environ, **(env or {})}, check=False
    )


def releases(dest: Path) -> list[str]:
    return sorted(path.name for path in (dest.parent / f".{dest.name}-releases").iterdir() if path.is_dir())


def test_each_publish_is_a_new_release_switched_by_one_link(tmp_path: Path) -> None:
    dest = tmp_path / "www" / "it"
    dest.parent.mkdir()
    first = publish("--from", built_site(tmp_path / "v1", "one"), dest)
    assert first.returncode == 0, first.stderr
    assert dest.is_symlink() and not os.path.isabs(os.readlink(dest))  # relative: the folder may be mounted elsewhere
    assert (dest / "index.html").read_text() == "index.html one\n"
    one = os.readlink(dest)

    second = publish("--from", built_site(tmp_path / "v2", "two"), dest)
    assert second.returncode == 0, second.stderr
    assert (dest / "services/email/index.html").read_text() == "services/email/index.html two\n"
    assert os.readlink(dest) != one
    assert len(releases(dest)) == 2  # the previous release is kept
    assert (dest.parent / one / "index.html").read_text() == "index.html one\n"
    # An unchanged file is a hard link to the previous release's copy, though the build wrote it anew.
    assert shutil.which("rsync"), "scripts/test installs rsync"
    assert (dest / "logo.svg").stat().st_ino == (dest.parent / one / "logo.svg").stat().st_ino

    third = publish("--from", built_site(tmp_path / "v3", "three"), dest)
    assert third.returncode == 0, third.stderr
    assert len(releases(dest)) == 2  # the oldest is removed
    assert not (dest.parent / one).exists()
    assert [path.name for path in dest.parent.iterdir()] == ["it", ".it-releases"] or sorted(
        path.name for path in dest.parent.iterdir()
    ) == [".it-releases", "it"]  # no link or staging folder left behind

    back = publish("--rollback", dest)
    assert back.returncode == 0, back.stderr
    assert (dest / "index.html").read_text() == "index.html two\n"
    assert publish("--rollback", dest).returncode == 1  # nothing older than "two" is kept


def test_an_incomplete_build_changes_nothing(tmp_path: Path) -> None:
    dest = tmp_path / "it"
    assert publish("--from", built_site(tmp_path / "v1", "one"), dest).returncode == 0
    served = os.readlink(dest)
    half = built_site(tmp_path / "half", "two")
    (half / "status/feed.atom").unlink()
    failed = publish("--from", half, dest)
    assert failed.returncode == 1
    assert "status/feed.atom is missing" in failed.stderr
    assert os.readlink(dest) == served and len(releases(dest)) == 1


def test_a_real_folder_at_dest_is_not_replaced(tmp_path: Path) -> None:
    dest = tmp_path / "it"
    dest.mkdir()
    (dest / "index.html").write_text("hand-made\n")
    failed = publish("--from", built_site(tmp_path / "v1", "one"), dest)
    assert failed.returncode == 1 and "Move it aside once" in failed.stderr
    assert (dest / "index.html").read_text() == "hand-made\n"


@pytest.mark.parametrize("keep", ["0", "x"])
def test_keep_setting_must_be_a_count(tmp_path: Path, keep: str) -> None:
    result = publish("--from", built_site(tmp_path / "v1", "one"), tmp_path / "it", env={"ITCOMMS_KEEP_RELEASES": keep})
    assert result.returncode == 2
