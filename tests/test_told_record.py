"""``scripts/told-record``: the record of what was told, kept on a branch of its own and only ever grown."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from support import REPO

SCRIPT = REPO / "scripts/told-record"


def git(folder: Path, *arguments: str) -> str:
    return subprocess.run(["git", *arguments], cwd=folder, check=True, capture_output=True, text=True).stdout


def told_record(checkout: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    environ = os.environ | {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com"}
    return subprocess.run([SCRIPT, *arguments], cwd=checkout, capture_output=True, text=True, env=environ)


def test_fetch_keep_and_fetch_again_in_another_checkout_and_nothing_but_growth_is_kept(tmp_path: Path) -> None:
    origin = tmp_path / "origin.git"
    git(tmp_path, "init", "--quiet", "--bare", str(origin))
    checkouts = []
    for name in ("first-run", "second-run"):
        checkout = tmp_path / name
        git(tmp_path, "clone", "--quiet", str(origin), str(checkout))
        checkouts.append(checkout)
    first, second = checkouts
    record = tmp_path / "told.jsonl"

    assert told_record(first, "fetch", str(record)).returncode == 0
    assert not record.exists()  # no branch yet: the first publish starts the record
    record.write_text('{"started": "2026-11-24T09:10:00+00:00"}\n')
    assert told_record(first, "keep", str(record)).returncode == 0
    assert git(first, "status", "--porcelain") == ""  # the checkout itself is never touched

    again = tmp_path / "again.jsonl"
    assert told_record(second, "fetch", str(again)).returncode == 0
    assert again.read_text() == record.read_text()
    again.write_text(again.read_text() + '{"channel": "Slack"}\n')
    assert told_record(second, "keep", str(again)).returncode == 0
    assert told_record(second, "keep", str(again)).returncode == 0  # unchanged: no new commit
    assert len(git(origin, "log", "--oneline", "notify-record").splitlines()) == 2

    # The first checkout's copy is stale: keeping it would drop a line, so it is refused.
    refused = told_record(first, "keep", str(record))
    assert refused.returncode == 1 and "only grows" in refused.stderr
    assert git(origin, "show", "notify-record:told.jsonl") == again.read_text()
