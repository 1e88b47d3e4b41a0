/* The service catalogue's filters: by audience, by category and by words, all in the page.
 *
 * Every card is already in the page, so filtering asks the network for nothing. Without this
 * script the form stays hidden and the full list shows. The choices are kept in the address
 * (?audience=drivers), so a filtered catalogue can be shared as a link. The script runs on
 * every page and does nothing where there is no catalogue.
 */
(function () {
  "use strict";

  function words(text) {
    return text.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  }

  function setUp() {
    var form = document.querySelector("form.catalogue-filter");
    if (!form || form.dataset.catalogueReady) {
      return;
    }
    form.dataset.catalogueReady = "yes";
    var text = form.querySelector("#catalogue-text");
    var audience = form.querySelector("#catalogue-audience");
    var category = form.querySelector("#catalogue-category");
    var count = form.querySelector(".catalogue-filter__count");
    var none = document.querySelector(".catalogue-none");
    var cards = Array.prototype.slice.call(document.querySelectorAll(".catalogue-card"));
    var groups = Array.prototype.slice.call(document.querySelectorAll("ul.catalogue-cards"));
    var haystacks = cards.map(function (card) {
      return (card.textContent + " " + (card.dataset.catalogueKeywords || "")).toLocaleLowerCase();
    });

    function choose(select, value) {
      var known = Array.prototype.some.call(select.options, function (option) {
        return option.value === value;
      });
      select.value = known ? value : "";
    }

    function apply() {
      var terms = words(text.value);
      var shown = 0;
      cards.forEach(function (card, index) {
        var match =
          (!audience.value || card.dataset.catalogueAudience.split(" ").indexOf(audience.value) >= 0) &&
          (!category.value || card.dataset.catalogueCategory === category.value) &&
          terms.every(function (term) {
            return haystacks[index].indexOf(term) >= 0;
          });
        card.hidden = !match;
        shown += match ? 1 : 0;
      });
      groups.forEach(function (group) {
        var empty = !group.querySelector(".catalogue-card:not([hidden])");
        document.querySelectorAll('[data-catalogue-group="' + group.dataset.catalogueGroup + '"]').forEach(
          function (element) {
            element.hidden = empty;
          }
        );
      });
      var filtered = shown !== cards.length;
      count.textContent = filtered
        ? "Showing " + shown + " of " + cards.length + " services."
        : cards.length + " services.";
      none.hidden = shown > 0;
      remember();
    }

    function remember() {
      var params = new URLSearchParams(window.location.search);
      [["q", text.value.trim()], ["audience", audience.value], ["category", category.value]].forEach(
        function (pair) {
          if (pair[1]) {
            params.set(pair[0], pair[1]);
          } else {
            params.delete(pair[0]);
          }
        }
      );
      var query = params.toString();
      var address = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
      if (address !== window.location.pathname + window.location.search + window.location.hash) {
        window.history.replaceState(window.history.state, "", address);
      }
    }

    var params = new URLSearchParams(window.location.search);
    text.value = params.get("q") || "";
    choose(audience, params.get("audience") || "");
    choose(category, params.get("category") || "");

    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    form.addEventListener("reset", function () {
      // The form's own reset runs after this event: filter once the fields are empty.
      window.setTimeout(apply, 0);
    });
    form.hidden = false;
    apply();
  }

  // Material's instant loading (when turned on) swaps pages without a load event; document$ tells of each.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
