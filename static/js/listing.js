// Offer listing: the filters are a <details> that CSS shows beside the results
// on a wide screen and as a sheet on a phone; everything works without this.
// With it: the details follow the screen's width, the sheet closes with Escape
// and keeps the keyboard inside it, and "Show N offers" counts the offers of
// the choice being made, read from the listing itself (cached like any page).
(function () {
  "use strict";

  var filters = document.querySelector("[data-offer-filters]");
  if (!filters) {
    return;
  }
  var form = filters.closest("form");
  var toggle = filters.querySelector("summary");
  var button = filters.querySelector("[data-show-offers]");
  var status = filters.querySelector("[data-show-offers-status]");
  var wide = window.matchMedia("(min-width: 64em)");
  var outside = Array.prototype.filter.call(
    document.body.children,
    function (element) {
      return !element.contains(filters) && element.tagName !== "SCRIPT";
    }
  );
  var inMain = Array.prototype.filter.call(
    document.querySelectorAll("main *"),
    function (element) {
      return (
        !element.contains(filters) &&
        !filters.contains(element) &&
        element.parentElement.contains(filters)
      );
    }
  );

  function isSheet() {
    return filters.open && !wide.matches;
  }

  // On a phone the open sheet covers the page: what lies behind it is inert,
  // so that neither a tap nor the keyboard lands there.
  function sync() {
    var sheet = isSheet();
    outside.concat(inMain).forEach(function (element) {
      element.inert = sheet;
    });
  }

  function followWidth() {
    filters.open = wide.matches;
    sync();
  }

  followWidth();
  wide.addEventListener("change", followWidth);
  filters.addEventListener("toggle", function () {
    sync();
    if (isSheet()) {
      var first = filters.querySelector("input, select");
      if (first) {
        first.focus();
      }
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && isSheet()) {
      filters.open = false;
      toggle.focus();
    }
  });

  // "Show N offers" for the choice being made.
  var pending = null;
  var timer = null;
  function count() {
    var params = new URLSearchParams(new FormData(form));
    var url = form.action.split("?")[0] + "?" + params.toString();
    if (pending) {
      pending.abort();
    }
    pending = new AbortController();
    fetch(url, { signal: pending.signal, credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.text() : Promise.reject(response.status);
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var label = page.querySelector("[data-show-offers]");
        if (label && label.textContent.trim() !== button.textContent.trim()) {
          button.textContent = label.textContent.trim();
          status.textContent = button.textContent;
        }
      })
      .catch(function () {
        // The button still submits the choice; only the count waits.
      });
  }
  form.addEventListener("change", function (event) {
    if (!filters.contains(event.target)) {
      return;
    }
    window.clearTimeout(timer);
    timer = window.setTimeout(count, 250);
  });
})();
