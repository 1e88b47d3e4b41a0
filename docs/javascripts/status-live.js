/* Keeps an open page's status current, where script runs: every minute it re-reads status/status.json and,
   when a newer build has been published, redraws from its `display` words every part of the page that shows
   a state, without reloading: the banner (every page), each element marked data-live-state (a service's
   state, or "overall"), each badge image marked data-live-badge, each "as of" time (data-live-as-of) and the
   status page's headline. What a state's causes say (incidents, maintenance: data-live-detail, and the rest
   of the status page) cannot be redrawn from it; there the page says the state changed and offers a reload.
   Without script, every page reads correctly as built. Nothing is asked of any host but the site itself. */
(function () {
  "use strict";

  var EVERY_MS = 60 * 1000;
  var STATES = ["operational", "maintenance", "degraded", "down"];

  function siteRoot() {
    var config = document.getElementById("__config");
    var base = ".";
    try {
      base = JSON.parse(config.textContent).base || ".";
    } catch (error) {
      /* no theme configuration: assume the page is at the root */
    }
    return new URL(base.replace(/\/?$/, "/"), window.location.href);
  }

  function element(tag, className, text) {
    var made = document.createElement(tag);
    if (className) {
      made.className = className;
    }
    if (text !== undefined) {
      made.textContent = text;
    }
    return made;
  }

  /* The banner is the build's own markup of it (display.banner_html, from the template every page's banner
     comes from, its values escaped there), in the theme's banner box; its links are from the site's root. */
  function drawBanner(root, display) {
    var holder = document.querySelector('[data-md-component="announce"]');
    if (!holder) {
      return;
    }
    holder.textContent = "";
    if (!display.banner_html) {
      return;
    }
    var aside = element("aside", "md-banner");
    var inner = element("div", "md-banner__inner md-grid md-typeset");
    inner.innerHTML = display.banner_html;
    inner.querySelectorAll("a[href]").forEach(function (link) {
      link.href = new URL(link.getAttribute("href"), root).href;
    });
    aside.appendChild(inner);
    holder.appendChild(aside);
  }

  /* The state an element's class names ("status-badge--down" is down), or null. */
  function shownState(shown) {
    var found = null;
    shown.classList.forEach(function (name) {
      var parts = name.split("--");
      if (parts.length === 2 && STATES.indexOf(parts[1]) >= 0) {
        found = parts[1];
      }
    });
    return found;
  }

  /* Gives each of the element's classes ("status-badge", "catalogue-state") the new state's modifier. */
  function setBadge(badge, state, label) {
    var bases = [];
    badge.classList.forEach(function (name) {
      if (name.indexOf("--") < 0) {
        bases.push(name);
      }
    });
    bases.forEach(function (base) {
      STATES.forEach(function (known) {
        badge.classList.remove(base + "--" + known);
      });
      badge.classList.add(base + "--" + state);
    });
    badge.textContent = label;
  }

  function liveState(display, key) {
    if (key === "overall") {
      return { state: display.overall_state, label: display.overall_label };
    }
    return display.services[key] || null;
  }

  /* Redraws every marked part of any page; returns the ids whose state changed. */
  function drawLiveParts(document_, display) {
    var changed = {};
    document.querySelectorAll("[data-live-state]").forEach(function (shown) {
      var key = shown.getAttribute("data-live-state");
      var now = liveState(display, key);
      if (!now) {
        return;
      }
      if (shownState(shown) !== now.state) {
        changed[key] = now;
      }
      setBadge(shown, now.state, now.label);
    });
    document.querySelectorAll("img[data-live-badge]").forEach(function (image) {
      var now = liveState(display, image.getAttribute("data-live-badge"));
      if (!now) {
        return;
      }
      image.alt = image.alt.replace(/: [^:]*$/, "") + ": " + now.label;
      image.src = image.src.replace(/\?.*$/, "") + "?as-of=" + encodeURIComponent(document_.page.updated_at);
    });
    document.querySelectorAll("[data-live-as-of]").forEach(function (time) {
      time.textContent = display.as_of;
    });
    document.querySelectorAll("[data-live-detail]").forEach(function (detail) {
      /* "*": what any newer status may have changed (an incident's or a window's own state) */
      var key = detail.getAttribute("data-live-detail");
      if ((key !== "*" && !changed[key]) || detail.querySelector(".status-live-note")) {
        return;
      }
      var note = element(detail.tagName === "DD" ? "span" : "p", "status-live-note");
      note.setAttribute("role", "status");
      note.textContent =
        key === "*"
          ? " The status has been updated since this page was opened: "
          : "The state has changed to " + changed[key].label + " since this page was opened. ";
      var reload = element("a", "", key === "*" ? "reload the page" : "Reload the page");
      reload.href = window.location.href;
      note.appendChild(reload);
      note.appendChild(document.createTextNode(key === "*" ? " for the latest." : " to see why."));
      if (key === "*") {
        detail.appendChild(note);
      } else {
        detail.insertBefore(note, detail.firstChild);
      }
    });
    return changed;
  }

  function drawStatusPage(document_, display) {
    /* A quiet service is listed without a badge: it gets one once it is no longer working normally. */
    document.querySelectorAll("th[scope=row], .status-quiet li").forEach(function (cell) {
      var link = cell.querySelector("a[href]");
      var badge = cell.querySelector(".status-badge");
      var found = link && /services\/([a-z0-9-]+)\/?$/.exec(link.getAttribute("href"));
      var service = found && display.services[found[1]];
      if (service && !badge && service.state !== "operational") {
        badge = element("span", "status-badge");
        badge.setAttribute("data-live-state", found[1]);
        /* Where the page puts one when it is built: under the name in a row, after it on a line. */
        cell.appendChild(cell.tagName === "TH" ? document.createElement("br") : document.createTextNode(" "));
        cell.appendChild(badge);
      }
    });
    var headline = document.querySelector(".status-overall");
    if (headline) {
      STATES.forEach(function (known) {
        headline.classList.remove("status-overall--" + known);
      });
      headline.classList.add("status-overall--" + display.overall_state);
      headline.textContent = "";
      var badge = element("span", "status-badge");
      badge.setAttribute("data-live-state", "overall");
      headline.appendChild(badge);
      headline.appendChild(document.createTextNode(" " + display.overall_sentence));
    }
    var asOf = document.querySelector(".status-asof");
    if (asOf) {
      var time = asOf.querySelector("time");
      if (time) {
        time.textContent = display.as_of;
        time.setAttribute("datetime", document_.page.updated_at);
      }
      var note = asOf.querySelector(".status-asof__newer");
      if (!note) {
        note = element("p", "status-asof__newer");
        note.setAttribute("aria-live", "polite");
        asOf.appendChild(note);
      }
      note.textContent = "The states and the banner have been updated since this page was opened. ";
      var reload = element("a", "", "Reload the page");
      reload.href = window.location.href;
      note.appendChild(reload);
      note.appendChild(document.createTextNode(" for the latest incidents and maintenance."));
    }
  }

  /* On every page with a banner: a button that folds it to one line, remembered for the visit until what the
     banner tells changes (a new incident, a window starting), when it opens again. */
  var FOLDED_KEY = "itcomms-status-banner-folded";

  function bannerTells(region) {
    return Array.prototype.map
      .call(region.querySelectorAll(".status-banner__item"), function (item) {
        var link = item.querySelector("a");
        return item.className + " " + (link ? link.textContent : "");
      })
      .join("\n");
  }

  function remembered() {
    try {
      return window.sessionStorage.getItem(FOLDED_KEY);
    } catch (error) {
      return null; /* storage refused: the banner opens on every page */
    }
  }

  function remember(tells) {
    try {
      if (tells === null) {
        window.sessionStorage.removeItem(FOLDED_KEY);
      } else {
        window.sessionStorage.setItem(FOLDED_KEY, tells);
      }
    } catch (error) {
      /* storage refused: folded on this page only */
    }
  }

  function makeFoldable() {
    var region = document.querySelector(".md-banner .status-banner");
    if (!region || region.querySelector(".status-banner__fold")) {
      return;
    }
    var list = region.querySelector(".status-banner__items");
    if (!list) {
      return;
    }
    var count = list.children.length;
    var tells = bannerTells(region);
    list.id = "status-banner-items";
    var summary = element("p", "status-banner__summary");
    summary.textContent = count + (count === 1 ? " notice" : " notices") + ", on the ";
    var statusLink = region.querySelector(".status-banner__more a");
    if (statusLink) {
      summary.appendChild(statusLink.cloneNode(true));
    }
    summary.appendChild(document.createTextNode("."));
    var button = element("button", "status-banner__fold");
    button.type = "button";
    button.setAttribute("aria-controls", list.id);
    function show(folded) {
      region.classList.toggle("status-banner--folded", folded);
      button.setAttribute("aria-expanded", folded ? "false" : "true");
      button.textContent = folded ? "Show" : "Hide";
      button.setAttribute("aria-label", folded ? "Show the service notices" : "Hide the service notices");
    }
    button.addEventListener("click", function () {
      var folded = !region.classList.contains("status-banner--folded");
      show(folded);
      remember(folded ? tells : null);
    });
    region.insertBefore(button, region.firstChild);
    region.appendChild(summary);
    show(remembered() === tells);
  }

  function start() {
    makeFoldable();
    /* The time the page was built at: printable pages, and pages opened from disk, are left as they are. */
    var built = document.querySelector('meta[name="itcomms-status-as-of"]');
    if (!built || window.location.protocol === "file:" || !window.fetch) {
      return;
    }
    var root = siteRoot();
    var address = new URL("status/status.json", root).href;
    var seen = Date.parse(built.getAttribute("content"));

    function refresh() {
      if (document.hidden) {
        return;
      }
      fetch(address, { cache: "no-store" })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (document_) {
          if (!document_ || !document_.display || !document_.page) {
            return;
          }
          var stamp = Date.parse(document_.page.updated_at);
          if (!(stamp > seen)) {
            return; /* the status this page already shows, or an older one from a cache */
          }
          seen = stamp;
          drawBanner(root, document_.display);
          makeFoldable();
          drawStatusPage(document_, document_.display);
          drawLiveParts(document_, document_.display);
        })
        .catch(function () {
          /* offline, or the file is being replaced: try again next minute */
        });
    }

    window.setInterval(refresh, EVERY_MS);
    document.addEventListener("visibilitychange", refresh);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
