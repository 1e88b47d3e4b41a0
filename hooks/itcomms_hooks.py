"""MkDocs hooks: map MkDocs' build events onto the itcomms pipeline, and nothing more.

- ``on_config``: load, validate, assemble and render the content afresh for
  this build; any content problem (or a published file with two sources, or
  one the project may not publish) stops the build here, before MkDocs cleans or writes the output folder (while
  previewing, with ``mkdocs serve``, the problems become a one-page site
  instead, so the browser shows them).
- ``on_files``: add the generated pages and files, in memory, and open the
  pages kept converted by earlier builds.
- ``on_env``: serve the theme partials made from the data (the status banner)
  from memory, ahead of the theme's own templates, and keep the theme's
  templates compiled.
- ``on_page_markdown``, ``on_page_content``: take a page unchanged since the
  last build from ``engines.page_cache`` instead of converting it again; then
  let output modules rewrite the page's HTML (or take it as kept rewritten).
- ``on_page_context``, ``on_post_page``: theme a page as its shell kept from
  the last build, or keep the shell the theme makes now, then put its content
  and the banner in at their marks (and the search plugin takes an unchanged
  page's entries as kept, ``KeptSearchEntries``).
- ``on_post_build``: make the files that need the built site (PDFs), and log
  what this build made again.

The MkDocs side of keeping pages (a kept page's state, given back to MkDocs'
page object; the theme's ``main.html`` wrapped) is ``itcomms_mkdocs_pages.py``.

Engines that run no hooks get the same from ``itcomms.engines``: a source tree
written to disk, and the after-build steps run over the built folder.

Per-build state lives on the config object, which MkDocs creates anew for every
build (including each ``mkdocs serve`` rebuild), never in this module.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import mkdocs
from jinja2 import ChoiceLoader, DictLoader, Environment
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage

from itcomms.clock import ClockError
from itcomms.engines import after_build
from itcomms.outputs import THEME_VALUES, Page, Rendered
from itcomms.outputs.authoring.problems_preview import PREVIEW_TITLE, ProblemsPreview
from itcomms.pipeline import Build, engine_config, load_build
from itcomms.problems import ContentError, Problem
from itcomms.rendering.templating import compiled_templates_kept
from itcomms_mkdocs_pages import (
    KeptPages,
    KeptSearchEntries,
    KeptThemedPages,
    reads_content_as_marked,
    theme_templates,
)

# Under the engine's own logger ("mkdocs", or "properdocs" for that fork), so messages show and --strict counts them.
log = logging.getLogger(f"{mkdocs.__name__}.hooks.itcomms")

_BUILD = "itcomms_build"
_RENDERED = "itcomms_rendered"
_PAGES = "itcomms_kept_pages"
_THEMED = "itcomms_kept_themed_pages"
_SEARCH = "itcomms_kept_search_entries"
_COMMAND: dict[str, str] = {}
"""The engine's command for this process (``serve`` or ``build``), told once at startup: not build state."""


def on_startup(command: str, dirty: bool) -> None:
    _COMMAND["name"] = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not config.site_url:
        raise PluginError("site_url must be set in mkdocs.yml: feeds, calendars and emails need absolute links")
    project_dir = Path(config.config_file_path).parent
    # A preview makes no PDFs on each save unless ITCOMMS_PDF=1 asks for them: they cost seconds a save.
    environ = {"ITCOMMS_PDF": "0", **os.environ} if _COMMAND.get("name") == "serve" else dict(os.environ)
    try:
        build = load_build(project_dir, config.site_url, environ)
        # Rendered here, not in on_files: MkDocs empties the output folder between the two, and a published
        # file with two sources must stop the build before that.
        rendered = build.render()
    except ContentError as error:
        if _COMMAND.get("name") != "serve":
            raise PluginError(error.report()) from None
        # While previewing, the problems are the site (see problems_preview.py), so the browser shows them.
        log.warning(error.report())
        preview = ProblemsPreview(tuple(error.problems), config.site_url)
        config[_BUILD], config[_RENDERED] = preview, preview.render()
        config["site_name"] = PREVIEW_TITLE  # the content that would name the site is what cannot be read
        return config
    except ClockError as error:
        raise PluginError(str(error)) from None
    # Warnings about content are advice for authors (scripts/validate gives them): noted, never a strict failure.
    _log(f"advice: {warning}" for warning in build.warnings)
    for name, value in engine_config(build.site).items():  # the site's name and words live in content/site.yaml
        # The theme puts these into HTML as they are (MkDocs' templates escape nothing): escaped, they are text.
        config[name] = str(escape(value))
    config[_RENDERED] = rendered
    config[_BUILD] = build
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    rendered: Rendered = config[_RENDERED]
    _log(rendered.warnings)
    for output in rendered.outputs:
        content = output.markdown if isinstance(output, Page) else output.content
        files.append(File.generated(config, output.path, content=content))
    build = _build(config)
    if isinstance(build, Build) and build.site.options.cache_dir is not None:
        config[_PAGES] = KeptPages.for_build(build, files, config)
        config[_SEARCH] = KeptSearchEntries.attach(config, build.site.options.cache_dir)
    return files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    build = _build(config)
    made = build.theme_partials()
    partials = DictLoader(made)
    env.loader = ChoiceLoader([partials, env.loader]) if env.loader else partials
    kept: KeptPages | None = config.get(_PAGES)
    # A page is kept themed only while nothing but this module reads or rewrites pages after it sets the marks,
    # and the theme reads a page's content only in ways its mark answers.
    events = config.plugins.events
    templates = theme_templates(config.theme.dirs) if kept is not None else []
    if (
        kept is not None
        and all(event.__module__ == __name__ for event in events["post_page"])
        and events["page_context"][-1].__module__ == __name__
        and reads_content_as_marked(templates)
    ):
        spliced = [name for name in made if name != THEME_VALUES]
        themed = KeptThemedPages(kept.cache, config, made, spliced, templates)
        themed.wrap(env)
        config[_THEMED] = themed
    if isinstance(build, Build):
        # The engine makes a new environment every build and compiles each theme template again (a third of a
        # preview save's time); Jinja checks each kept template against its source, the rest is in the key.
        compiled_with = (
            f"{mkdocs.__name__} {mkdocs.__version__} theme {config.theme.name} {config.theme.dirs} "
            f"{sorted(env.extensions)} {env.autoescape!r} {env.trim_blocks} {env.lstrip_blocks}"
        )
        env.bytecode_cache = compiled_templates_kept(build.site.options.cache_dir, compiled_with)
    return env


def on_page_markdown(markdown: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
    kept: KeptPages | None = config.get(_PAGES)
    return markdown if kept is None else kept.before_conversion(page, markdown)


def on_page_content(html: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
    kept: KeptPages | None = config.get(_PAGES)
    return (
        _build(config).page_html(page.file.src_uri, html) if kept is None else kept.after_conversion(page, html, files)
    )


def on_page_context(context: dict[str, Any], page: MkDocsPage, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    themed: KeptThemedPages | None = config.get(_THEMED)
    return context if themed is None else themed.before_theming(context, page, nav)


def on_post_page(output: str, page: MkDocsPage, config: MkDocsConfig) -> str:
    themed: KeptThemedPages | None = config.get(_THEMED)
    return output if themed is None else themed.after_theming(output, page)


def on_post_build(config: MkDocsConfig) -> None:
    # Tooltips were added page by page above (and so reach the search index too); the rest runs on the folder.
    build = _build(config)
    if isinstance(build, ProblemsPreview):
        _log(build.after_build(Path(config.site_dir)))
        return
    _log(after_build.finish(build, Path(config.site_dir), tooltips=False))
    kept: KeptPages | None = config.get(_PAGES)
    if kept is not None:
        kept.cache.forget_unused()
        search: KeptSearchEntries | None = config.get(_SEARCH)
        if search is not None:
            search.save()
        themed: KeptThemedPages | None = config.get(_THEMED)
        log.info(kept.report(themed.themed_again if themed else None))


def _build(config: MkDocsConfig) -> Build | ProblemsPreview:
    build: Build | ProblemsPreview = config[_BUILD]
    return build


def _log(notes: object) -> None:
    for note in notes:  # type: ignore[attr-defined]
        if isinstance(note, Problem):
            log.warning(str(note))
        else:
            log.info(str(note))
