"""``scripts/serve``: the live preview, started again whenever the project's Python code changes.

MkDocs rebuilds on every edit in ``content/``, ``docs/`` and ``hooks/``, in the
same process: a content or template edit shows at once, but Python modules
stay imported, so an edit to the code would rebuild with the old code. This
supervisor runs the engine's server as a child and starts a fresh one when a
``.py`` file under ``hooks/`` changes (or, when the server stopped, on any
edit, so a fixed content error brings it back).

Zensical runs no hooks: the supervisor writes the generated source tree (in a
fresh process each time, so code edits count too) before starting it and again
on every edit, and Zensical rebuilds from the tree.
"""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from itcomms.engines import source_tree, zensical

POLL_SECONDS = 0.5
STOP_SECONDS = 10
Fingerprint = frozenset[tuple[str, int, int]]


def fingerprint(folders: Iterable[Path], suffix: str = "") -> Fingerprint:
    """Each file's path, modification time and size: any edit, addition or removal changes it."""
    found = set()
    for folder in folders:
        paths = [folder] if folder.is_file() else folder.rglob(f"*{suffix}") if folder.is_dir() else []
        for path in paths:
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                found.add((str(path), stat.st_mtime_ns, stat.st_size))
    return frozenset(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/serve", description=__doc__)
    parser.add_argument("--project", type=Path, default=Path.cwd())
    parser.add_argument("--engine", choices=("mkdocs", "properdocs", "zensical"), default="mkdocs")
    parser.add_argument("--dev-addr", default="127.0.0.1:8000")
    parser.add_argument("command", nargs="+", help="the engine's serve command, and arguments for it")
    args = parser.parse_args(argv)
    project = args.project.resolve()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))

    staged = args.engine == "zensical"
    command = [*args.command, "--dev-addr", args.dev_addr]
    if staged:
        command += ["--config-file", str(project / zensical.STAGING / source_tree.CONFIG_NAME)]
    code = [project / "hooks"]
    everything = [project / "content", project / "docs", project / "hooks", project / source_tree.CONFIG_NAME]

    server: subprocess.Popen[bytes] | None = None
    seen_code, seen_all = fingerprint(code, ".py"), fingerprint(everything)
    try:
        if not staged or _stage(project):
            server = subprocess.Popen(command)
        while True:
            time.sleep(POLL_SECONDS)
            now_code, now_all = fingerprint(code, ".py"), fingerprint(everything)
            code_changed, anything_changed = now_code != seen_code, now_all != seen_all
            seen_code, seen_all = now_code, now_all
            running = server is not None and server.poll() is None
            if staged and anything_changed:
                if _stage(project) and not running:
                    server = subprocess.Popen(command)
            elif code_changed or (anything_changed and not running):
                if running:
                    print("Code changed: starting the preview afresh.", file=sys.stderr)  # noqa: T201
                _stop(server)
                server = subprocess.Popen(command)
    except KeyboardInterrupt:
        return 0
    finally:
        _stop(server)


def _stage(project: Path) -> bool:
    """Write the source tree in a fresh process, so it runs the code as it is now; False on a content error."""
    command = [sys.executable, "-m", "itcomms.cli.build", "--project", str(project), "--stage-only"]
    return subprocess.run(command, check=False).returncode == 0


def _stop(server: subprocess.Popen[bytes] | None) -> None:
    if server is None or server.poll() is not None:
        return
    server.terminate()
    try:
        server.wait(STOP_SECONDS)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


if __name__ == "__main__":
    raise SystemExit(main())
