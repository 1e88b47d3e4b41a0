"""While previewing (``scripts/serve``), content that cannot be built shows where the author is looking.

A save that breaks a file would otherwise leave the browser on the old page and the
problems in a terminal. Instead the preview becomes one page listing every problem as
``file:line:column``, served at the home page and, as the preview server's "not found"
page, at every other address, so the page the author was reading turns into the list.
It reloads by itself once a save builds again (asking the preview server, as its
live reload does), back to the page the author was on.

Only the preview does this: ``scripts/build`` and CI still stop with the problems.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from itcomms import addresses
from itcomms.outputs import THEME_VALUES, Rendered, made_in
from itcomms.outputs.status.status_banner import PARTIAL as BANNER_PARTIAL
from itcomms.problems import Problem, spoken_field
from itcomms.rendering.outputs import Page

PAGE = addresses.HOME
PREVIEW_TITLE = "Preview"
"""The site's name in the page header while the content cannot be read (not mkdocs.yml's placeholder)."""

# The preview server answers /livereload/<epoch>/<id> once it holds a build newer than <epoch> (and at once for
# epoch 0, with the current one). The server injects the same into pages it serves, but not into its "not found"
# page, which is what the author sees at any address but the home page.
_RELOAD = """<script>
(async () => {
  const ask = async (epoch) => {
    for (;;) {
      try {
        const answer = await fetch(`/livereload/${epoch}/${Math.floor(Math.random() * 1e9)}`);
        return Number(await answer.text());
      } catch (error) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  };
  const shown = await ask(0);
  for (;;) {
    if ((await ask(shown)) > shown) { location.reload(); return; }
  }
})();
</script>"""


def page_markdown(problems: Sequence[Problem]) -> str:
    """The one page of the preview: every problem, errors first, each where it is."""
    ordered = sorted(problems, key=lambda problem: (not problem.is_error, problem))
    errors = sum(problem.is_error for problem in ordered)
    items = "\n".join(
        f'<li class="itcomms-problem"><code>{html.escape(f"{p.file}:{p.line}:{p.column}")}</code> '
        f"{'<strong>warning</strong> ' if not p.is_error else ''}"
        f"{html.escape(f'{spoken_field(p.field)}: ' if p.field else '')}{html.escape(p.message)}</li>"
        for p in ordered
    )
    noun = "problem" if errors == 1 else "problems"
    return (
        "---\ntitle: The content has problems\nsearch:\n  exclude: true\n---\n\n"
        "# The content has problems\n\n"
        f"The preview cannot show the site until {'it is' if errors == 1 else 'they are'} fixed: "
        f"{errors} {noun}, each at its file, line and column. Fix them and save: this page reloads "
        "to the site by itself.\n\n"
        f'<ol class="itcomms-problems">\n{items}\n</ol>\n\n{_RELOAD}\n'
    )


def not_found_page(home_html: str, site_url: str) -> str:
    """The home page's HTML as the preview's "not found" page: served at any address, so its links and styles
    are made to start from the site's own address."""
    base = html.escape(urlsplit(site_url).path or "/")
    return home_html.replace("<head>", f'<head>\n<base href="{base}">', 1)


@dataclass(frozen=True)
class ProblemsPreview:
    """Stands in for a ``Build`` while previewing content that has errors: the same calls, one page."""

    problems: tuple[Problem, ...]
    site_url: str

    def render(self) -> Rendered:
        return Rendered([Page(PAGE, page_markdown(self.problems))], [], [(PAGE, made_in(__name__))])

    def theme_partials(self) -> dict[str, str]:
        """The partials the theme includes, empty: no banner, no status values, while the content is broken."""
        return {BANNER_PARTIAL: "", THEME_VALUES: ""}

    def page_html(self, path: str, html: str) -> str:
        return html

    def after_build(self, site_dir: Path) -> list[Problem | str]:
        home = site_dir / "index.html"
        if home.is_file():
            (site_dir / "404.html").write_text(
                not_found_page(home.read_text(encoding="utf-8"), self.site_url), encoding="utf-8"
            )
        return [f"the preview shows the {len(self.problems)} content problems instead of the site until they are fixed"]
