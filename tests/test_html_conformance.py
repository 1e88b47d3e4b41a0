"""Every built page of the demo conforms to HTML, theme markup included, by the Nu HTML Checker.

What the site shows is ours, whoever wrote the markup: the theme's partials that the checker
faults are overridden in docs/overrides/. One run of the checker covers the whole built folder.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

VNU_JAR = Path(
    os.environ.get("ITCOMMS_VNU_JAR", Path(__file__).parents[1] / ".cache/node/node_modules/vnu-jar/build/dist/vnu.jar")
)
"""The Nu HTML Checker (vnu-jar, from the npm registry); scripts/test installs it."""


def html_errors(folder: Path) -> list[str]:
    """Every error the Nu HTML Checker finds in the HTML files under ``folder``, one line each."""
    java = shutil.which("java")
    assert java, "the Nu HTML Checker needs Java (17 or newer) on the PATH"
    assert VNU_JAR.is_file(), f"{VNU_JAR} is missing: scripts/test installs it"
    run = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--skip-non-html", "--format", "json", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(run.stderr or run.stdout)
    return [
        f"{Path(message['url'].removeprefix('file:')).relative_to(folder)}:{message.get('lastLine', '?')}: "
        f"{message['message']}"
        for message in report["messages"]
    ]


def test_every_built_page_is_valid_html(demo_site: Path) -> None:
    assert list(demo_site.rglob("*.html")), "the demo built no pages"
    assert html_errors(demo_site) == []
