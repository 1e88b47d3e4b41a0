/* The theme's search worker (Material for MkDocs 9.8.2, the file base.html names), with one change: a query is
   split into words by the same separator as the pages were (mkdocs.yml's `separator`, which keeps a hyphenated
   word whole), not by lunr's default, which splits at every hyphen. Without it, "Wi-Fi" is searched as "wi" and
   "fi", and "fi" finds every page about Finance. Compare with the theme's worker when upgrading it. */
importScripts("../assets/javascripts/workers/search.a7633da7.min.js");

Object.defineProperty(lunr.QueryLexer, "termSeparator", {
  get: function () {
    return lunr.tokenizer.separator;
  },
});
