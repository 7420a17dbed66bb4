// Save / Saved on offer cards and pages without leaving the page; without this
// script the toggle is a plain form that comes back to the same page.
(function () {
  "use strict";

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-save-toggle")) {
      return;
    }
    var button = form.querySelector("button[aria-pressed]");
    var label = button && button.querySelector("[data-save-label]");
    if (!button || !label || form.dataset.busy === "true") {
      return;
    }
    event.preventDefault();
    form.dataset.busy = "true";
    fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        var saved = button.getAttribute("aria-pressed") !== "true";
        button.setAttribute("aria-pressed", saved ? "true" : "false");
        label.textContent = saved ? form.dataset.labelSaved : form.dataset.labelSave;
        form.action = saved ? form.dataset.removeUrl : form.dataset.saveUrl;
      })
      .catch(function () {
        form.submit();
      })
      .finally(function () {
        form.dataset.busy = "false";
      });
  });
})();
