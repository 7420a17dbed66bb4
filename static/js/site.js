// Small progressive enhancements; every page works without them.
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    // Move focus to the error summary so that it is read first.
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }

    // A double click submits a form once.
    document.querySelectorAll("form[data-submit-once]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (form.dataset.submitting === "true") {
          event.preventDefault();
          return;
        }
        form.dataset.submitting = "true";
      });
    });
  });
})();
