"""Files kept between builds under a digest of everything that made them: charts, feeds, converted pages.

Each entry is named by its key (a digest its user works out) and a suffix. An
entry is written whole or not at all, so two builds at once never read half a
file. ``forget_unused`` removes what this build neither read nor wrote: once
a build has asked for everything it makes, the rest is what the content no
longer makes (an edited page's old form, a chart of figures since corrected).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


class KeptFiles:
    """Entries in ``folder``; with None, nothing is kept and every read misses."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._used: set[str] = set()

    def read(self, key: str, suffix: str) -> bytes | None:
        name = key + suffix
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
        name = key + suffix
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
