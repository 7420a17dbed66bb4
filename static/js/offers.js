// Offer page: a "Copy the link" button, where the browser allows it. Without
// JavaScript the link stays in a read-only field, ready to select and copy.
(function () {
  "use strict";

  document.querySelectorAll("[data-copy-link]").forEach(function (button) {
    var field = document.getElementById(button.dataset.copyLink);
    var status = document.querySelector("[data-copy-status]");
    if (!field || !navigator.clipboard) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(function () {
        if (status) {
          status.textContent = button.dataset.copied;
        }
      });
    });
  });
})();

// Offer page: the Apply links carry where the visitor came from (the address's
// utm_source, or the host of the page that linked here), so that HR can count
// the sources of applications. The page itself comes from a shared cache.
(function () {
  "use strict";

  var source = new URLSearchParams(window.location.search).get("utm_source");
  if (!source && document.referrer) {
    try {
      source = new URL(document.referrer).host;
    } catch (error) {
      source = "";
    }
  }
  if (!source) {
    return;
  }
  document.querySelectorAll("a[data-apply-link]").forEach(function (link) {
    var url = new URL(link.href, window.location.href);
    url.searchParams.set("source", source.slice(0, 200));
    link.href = url.pathname + url.search + url.hash;
  });
})();
