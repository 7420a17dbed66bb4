// Offers: "Back to results" returns to the listing with the search and filters
// the visitor came from (kept for this tab in sessionStorage; without
// JavaScript, or arriving from elsewhere, it is a plain link to the listing).
// On a phone, the page keeps exactly the room the apply bar takes below its
// last content.
(function () {
  "use strict";

  var KEY = "offers:results";

  function stored() {
    try {
      return window.sessionStorage.getItem(KEY);
    } catch (error) {
      return null;
    }
  }

  // The listing: remember where it stands (search, filters, page).
  if (document.querySelector("form.offer-search")) {
    try {
      window.sessionStorage.setItem(KEY, window.location.pathname + window.location.search);
    } catch (error) {
      // Storage refused (private mode): the link stays plain.
    }
  }

  document.querySelectorAll("a[data-back-to-results]").forEach(function (link) {
    var results = stored();
    if (!results) {
      return;
    }
    var target = new URL(results, window.location.href);
    if (target.pathname === new URL(link.href).pathname) {
      link.href = target.pathname + target.search;
    }
  });

  var bar = document.querySelector(".offer__apply-bar");
  if (bar && window.ResizeObserver) {
    new ResizeObserver(function () {
      var height = window.getComputedStyle(bar).position === "fixed" ? bar.offsetHeight : 0;
      document.documentElement.style.setProperty("--apply-bar-height", height + 16 + "px");
    }).observe(bar);
  }
})();
