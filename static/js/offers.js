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
