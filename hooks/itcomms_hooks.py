"""MkDocs hooks: map MkDocs' build events onto the itcomms pipeline, and nothing more.

- ``on_config``: load, validate and assemble the content afresh for this build;
  any content problem stops the build here, before MkDocs cleans or writes
  the output folder.
- ``on_files``: add the generated pages and files in memory.

Per-build state lives on the config object, which MkDocs creates anew for every
build (including each ``mkdocs serve`` rebuild), never in this module.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from itcomms.build import Build, load_build
from itcomms.clock import ClockError
from itcomms.problems import ContentError
from itcomms.render import Page

log = logging.getLogger("mkdocs.hooks.itcomms")

_BUILD = "itcomms_build"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not config.site_url:
        raise PluginError("site_url must be set in mkdocs.yml: feeds, calendars and emails need absolute links")
    project_dir = Path(config.config_file_path).parent
    try:
        build = load_build(project_dir, config.site_url, os.environ)
    except ContentError as error:
        raise PluginError(error.report()) from None
    except ClockError as error:
        raise PluginError(str(error)) from None
    for warning in build.warnings:
        log.warning(str(warning))
    config[_BUILD] = build
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    build: Build = config[_BUILD]
    for output in build.outputs():
        content = output.markdown if isinstance(output, Page) else output.content
        files.append(File.generated(config, output.path, content=content))
    return files
