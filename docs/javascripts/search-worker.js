/* The theme's search worker (Material for MkDocs 9.8.2, the file base.html names), with two changes. Compare
   with the theme's worker when upgrading it.

   1. A query is split into words by the same separator as the pages were (mkdocs.yml's `separator`, which
      keeps a hyphenated word whole), not by lunr's default, which splits at every hyphen. Without it, "Wi-Fi"
      is searched as "wi" and "fi", and "fi" finds every page about Finance.
   2. A page whose title is the query, written with any capitals, spaces or hyphens ("self checkout" for
      "Self-checkout"), comes first: staff who type a service's name are after that service, however many
      others mention it. The rest keep the theme's order. */
(function () {
  "use strict";

  var QUERY = 2; /* the theme's message types: the query asked, and its results */
  var RESULT = 3;
  var query = "";

  /* A title as the theme gives it (HTML, with the matched words marked) or a query, as letters and digits. */
  function folded(text) {
    return String(text || "")
      .replace(/<[^>]*>/g, "")
      .replace(/&[#\w]+;/g, "")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, "");
  }

  /* A result is a page's group of matches; the page itself is the one without a "#" in its location. */
  function titleOf(group) {
    var page = group.find(function (match) {
      return match.location.indexOf("#") < 0;
    });
    return (page || group[0]).title;
  }

  addEventListener("message", function (event) {
    if (event.data && event.data.type === QUERY) {
      query = event.data.data;
    }
  });

  var send = self.postMessage.bind(self);
  self.postMessage = function (message) {
    if (message && message.type === RESULT && message.data && Array.isArray(message.data.items)) {
      var asked = folded(query);
      var named = [];
      var rest = [];
      message.data.items.forEach(function (group) {
        (asked && folded(titleOf(group)) === asked ? named : rest).push(group);
      });
      message.data.items = named.concat(rest);
    }
    send(message);
  };
})();

importScripts("../assets/javascripts/workers/search.a7633da7.min.js");

Object.defineProperty(lunr.QueryLexer, "termSeparator", {
  get: function () {
    return lunr.tokenizer.separator;
  },
});
