"""Engine adapters: how the generated site reaches an engine, and what runs once it has built the HTML.

The generator knows no engine. Engines that run MkDocs hooks (MkDocs 1.x,
ProperDocs) get everything in memory from ``itcomms_hooks.py``; an engine
that runs none (Zensical) builds a source tree written to disk:

- ``source_tree``: the project's docs, every generated page and file, and the
  theme overrides with the partials made from the data, in a staging folder,
  with a config file pointing at it;
- ``after_build``: the steps that need the built HTML (glossary tooltips,
  PDFs), run over the built site folder whatever built it;
- ``zensical``: what Zensical's config needs on top, and how to run it.
"""
