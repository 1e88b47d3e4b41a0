"""What builds keep for the next one, under a digest of everything that made it: charts, feeds, converted pages
(a file each, ``KeptFiles``), authors' Markdown fields as converted and pages' search entries (many in one file,
``KeptValues``).

Each entry is named by its key (a digest its user works out) and a suffix. An
entry is written whole or not at all, so two builds at once never read half a
file. ``forget_unused`` removes what this build neither read nor wrote: once
a build has asked for everything it makes, the rest is what the content no
longer makes (an edited page's old form, a chart of figures since corrected).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
from pathlib import Path
from typing import Any

_HOOKS = Path(__file__).resolve().parents[2]
"""The folder of the hook modules and this package: the code that makes everything kept."""


@functools.cache
def code_digest() -> str:
    """The digest of the code this process runs (every module under hooks/): part of every kept entry's
    name and every kept file's settings, so what one version of the code kept is never taken by another
    (a project updated with its cache kept, a fix to the tooltips). Worked out once a process: a process
    runs the code it imported, whatever the files say later."""
    digest = hashlib.sha256()
    for module in sorted(_HOOKS.rglob("*.py")):
        digest.update(module.relative_to(_HOOKS).as_posix().encode() + b"\0" + module.read_bytes() + b"\0")
    return digest.hexdigest()


class KeptFiles:
    """Entries in ``folder``; with None, nothing is kept and every read misses."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._used: set[str] = set()

    def read(self, key: str, suffix: str) -> bytes | None:
        name = _entry_name(key, suffix)
        self._used.add(name)
        if self.folder is None:
            return None
        try:
            return (self.folder / name).read_bytes()
        except OSError:
            return None

    def write(self, key: str, suffix: str, content: bytes) -> None:
        """Keep ``content``; where the folder cannot be written (a read-only checkout, a full disk), the
        build goes on without keeping it."""
        name = _entry_name(key, suffix)
        self._used.add(name)
        if self.folder is None:
            return
        partial = self.folder / f"{name}.{os.getpid()}.tmp"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(content)
            partial.replace(self.folder / name)
        except OSError:
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)

    def forget_unused(self) -> None:
        """Remove every entry this build did not ask for."""
        if self.folder is None or not self.folder.is_dir():
            return
        for entry in self.folder.iterdir():
            if entry.name not in self._used and entry.is_file():
                try:
                    entry.unlink(missing_ok=True)
                except OSError:
                    return  # a folder that cannot be written keeps what it has


def _entry_name(key: str, suffix: str) -> str:
    return hashlib.sha256(f"{code_digest()}\n{key}".encode()).hexdigest()[:40] + suffix


class KeptValues:
    """Small values kept in one JSON file under their keys, for what comes by the thousand (authors' Markdown
    fields as converted, a page's search entries), where a file each would cost more to open than the value to make.

    The file holds what it was made with (``settings``: versions, the code's own digest); kept under other
    settings, or damaged, it holds nothing. ``save`` writes the values this build asked for or added, so
    what the content no longer holds is forgotten; it writes nothing when nothing changed.
    """

    def __init__(self, path: Path | None, settings: str) -> None:
        self._path = path
        self._settings = f"{settings}, code {code_digest()}"
        self._kept: dict[str, Any] | None = None
        self._used: dict[str, Any] = {}
        self._added = False

    def get(self, key: str) -> Any | None:
        value = self._loaded().get(key)
        if value is not None:
            self._used[key] = value
        return value

    def put(self, key: str, value: Any) -> None:
        self._used[key] = value
        self._added = True

    def save(self) -> None:
        if self._path is None or (not self._added and len(self._used) == len(self._loaded())):
            return
        partial = self._path.with_name(f"{self._path.name}.{os.getpid()}.tmp")
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            partial.write_text(
                json.dumps({"settings": self._settings, "values": self._used}, ensure_ascii=False), encoding="utf-8"
            )
            partial.replace(self._path)
        except OSError:
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)

    def _loaded(self) -> dict[str, Any]:
        if self._kept is None:
            self._kept = {}
            if self._path is not None:
                with contextlib.suppress(OSError, ValueError):
                    data = json.loads(self._path.read_text(encoding="utf-8"))
                    if isinstance(data, dict) and data.get("settings") == self._settings:
                        values = data.get("values")
                        self._kept = values if isinstance(values, dict) else {}
        return self._kept
