/* On a phone a wide table (the theme wraps each in a scrolling box) or a chart scrolls sideways inside its box.
   A box that scrolls must be reachable from the keyboard, or people who do not use a pointer cannot read its
   hidden part (WCAG 2.1.1; axe's scrollable-region-focusable): each box that overflows takes a tab stop. */
(function () {
  "use strict";

  var BOXES = ".md-typeset__scrollwrap, .report-chart, .units-chart";

  function mark() {
    document.querySelectorAll(BOXES).forEach(function (box) {
      if (box.scrollWidth > box.clientWidth) {
        box.setAttribute("tabindex", "0");
      } else {
        box.removeAttribute("tabindex");
      }
    });
  }

  function soon() {
    window.setTimeout(mark, 0); // after the theme has wrapped the page's tables
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(soon); // every page the theme shows, instant navigation included
  } else {
    document.addEventListener("DOMContentLoaded", soon);
  }
  window.addEventListener("resize", soon);
})();
