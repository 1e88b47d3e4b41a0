/* The service filter of the status history: shows one service's entries, in the browser, with no request.
   Without JavaScript the form stays hidden and every entry is shown. `?service=<id>` preselects a service.
   On an incident's page, a button turns its timeline (latest first) oldest first and back: the list itself is
   reversed, so a screen reader hears the order shown; each update keeps its number. */
(function () {
  "use strict";

  function setUpTimelineOrder() {
    var button = document.querySelector("[data-timeline-order]");
    var timeline = document.querySelector("ol.status-timeline");
    var said = document.querySelector("[data-timeline-order-said]");
    if (!button || !timeline || !said) {
      return;
    }
    button.addEventListener("click", function () {
      var latestFirst = timeline.hasAttribute("reversed");
      Array.prototype.slice
        .call(timeline.children)
        .reverse()
        .forEach(function (item) {
          timeline.appendChild(item);
        });
      timeline.toggleAttribute("reversed", !latestFirst);
      said.textContent = latestFirst ? "Oldest first." : "Latest first.";
      button.textContent = latestFirst ? "Show latest first" : "Show oldest first";
    });
    button.hidden = false;
  }

  function apply(form, select) {
    var chosen = select.value;
    var shown = 0;
    var total = 0;
    document.querySelectorAll("ul.status-history").forEach(function (list) {
      var visible = 0;
      list.querySelectorAll("li[data-services]").forEach(function (entry) {
        var match = !chosen || entry.getAttribute("data-services").split(" ").indexOf(chosen) !== -1;
        entry.hidden = !match;
        total += 1;
        if (match) {
          visible += 1;
        }
      });
      shown += visible;
      var none = list.nextElementSibling;
      if (none && none.classList.contains("status-history__none")) {
        none.hidden = visible > 0;
      }
    });
    var count = form.querySelector(".status-filter__count");
    if (count) {
      count.textContent = chosen
        ? "Showing " + shown + " of " + total + " entries, for " + select.options[select.selectedIndex].text + "."
        : "";
    }
  }

  function setUp() {
    var form = document.querySelector("form[data-status-filter]");
    if (!form) {
      return;
    }
    var select = form.querySelector("select");
    var wanted = new URLSearchParams(window.location.search).get("service");
    if (wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) {
      select.value = wanted;
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    select.addEventListener("change", function () {
      var address = new URL(window.location.href);
      if (select.value) {
        address.searchParams.set("service", select.value);
      } else {
        address.searchParams.delete("service");
      }
      window.history.replaceState(null, "", address.toString());
      apply(form, select);
    });
    form.hidden = false;
    apply(form, select);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
    document.addEventListener("DOMContentLoaded", setUpTimelineOrder);
  } else {
    setUp();
    setUpTimelineOrder();
  }
})();
