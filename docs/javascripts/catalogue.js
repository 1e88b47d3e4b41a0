/* The service catalogue's filters: by audience, by category and by words, all in the page.
 *
 * Words: a card shows when any of the words typed starts a word on it or in its synonyms (its
 * keywords and glossary aliases, "wifi" and "wi fi" for "Wi-Fi"), and the cards that match more of
 * the words come first, a word in a service's name counting for more ("printer broken", "new
 * phone"). Little words ("my", "is") are skipped.
 *
 * Every card is already in the page, so filtering asks the network for nothing. Without this
 * script the form stays hidden and the full list shows. The choices are kept in the address
 * (?audience=drivers), so a filtered catalogue can be shared as a link. The script runs on
 * every page and does nothing where there is no catalogue.
 */
(function () {
  "use strict";

  var LITTLE_WORDS = ["a", "an", "and", "are", "at", "can", "cannot", "do", "does", "for", "from", "how",
    "get", "i", "in", "is", "it", "me", "my", "need", "new", "no", "not", "of", "on", "or", "our", "such",
    "the", "to", "want", "we",
    "what", "when", "why", "with", "won't", "you", "your"];

  function words(text) {
    return text
      .toLocaleLowerCase()
      .split(/[\s,;:!?()"]+/)
      .filter(function (word) {
        return word && LITTLE_WORDS.indexOf(word) < 0;
      });
  }

  function startsAWord(haystack, word) {
    var at = haystack.indexOf(word);
    while (at >= 0) {
      if (at === 0 || !/[\p{L}\p{N}]/u.test(haystack.charAt(at - 1))) {
        return true;
      }
      at = haystack.indexOf(word, at + 1);
    }
    return false;
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
    var places = cards.map(function (card, index) {
      return index;
    });
    var groups = Array.prototype.slice.call(document.querySelectorAll("ul.catalogue-cards"));
    var names = cards.map(function (card) {
      var name = card.querySelector(".catalogue-card__name");
      return (name ? name.textContent : "").toLocaleLowerCase();
    });
    var haystacks = cards.map(function (card) {
      return (card.textContent + " " + (card.dataset.catalogueKeywords || "")).toLocaleLowerCase();
    });
    // Where the groups end: groups are put back in order before this mark.
    var groupsEnd = document.createComment(" end of the catalogue's groups ");
    var lastGroup = groups[groups.length - 1];
    if (lastGroup) {
      lastGroup.parentNode.insertBefore(groupsEnd, lastGroup.nextSibling);
    }

    function choose(select, value) {
      var known = Array.prototype.some.call(select.options, function (option) {
        return option.value === value;
      });
      select.value = known ? value : "";
    }

    function apply() {
      var terms = words(text.value);
      var shown = 0;
      // A card's score: 3 for each word in its name, 1 for each word found only elsewhere on it.
      var found = cards.map(function (card, index) {
        return terms.reduce(function (score, term) {
          if (startsAWord(names[index], term)) {
            return score + 3;
          }
          return score + (startsAWord(haystacks[index], term) ? 1 : 0);
        }, 0);
      });
      cards.forEach(function (card, index) {
        var match =
          (!audience.value || card.dataset.catalogueAudience.split(" ").indexOf(audience.value) >= 0) &&
          (!category.value || card.dataset.catalogueCategory === category.value) &&
          (terms.length === 0 || found[index] > 0);
        card.hidden = !match;
        shown += match ? 1 : 0;
      });
      // Within each group, the cards matching more of the words first; otherwise the catalogue's order.
      groups.forEach(function (group) {
        var inGroup = cards
          .map(function (card, index) {
            return index;
          })
          .filter(function (index) {
            return cards[index].parentNode === group;
          });
        inGroup.sort(function (one, other) {
          return found[other] - found[one] || places[one] - places[other];
        });
        inGroup.forEach(function (index) {
          group.appendChild(cards[index]);
        });
      });
      // And the groups whose best card matches more of the words first.
      var best = groups.map(function (group) {
        return Math.max.apply(
          null,
          [0].concat(
            cards
              .map(function (card, index) {
                return card.parentNode === group && !card.hidden ? found[index] : 0;
              })
          )
        );
      });
      groups
        .map(function (group, index) {
          return index;
        })
        .sort(function (one, other) {
          return best[other] - best[one] || one - other;
        })
        .forEach(function (index) {
          document
            .querySelectorAll('[data-catalogue-group="' + groups[index].dataset.catalogueGroup + '"]')
            .forEach(function (element) {
              groupsEnd.parentNode.insertBefore(element, groupsEnd);
            });
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
