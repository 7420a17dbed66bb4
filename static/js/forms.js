// Forms: the name of the file chosen in a file picker, written under it (the
// picker itself shows it too, cut short on a phone). Without JavaScript the
// browser's own picker works as it is.
(function () {
  "use strict";

  document.querySelectorAll("[data-file-name]").forEach(function (line) {
    var input = document.getElementById(line.dataset.fileName);
    if (!input) {
      return;
    }
    input.addEventListener("change", function () {
      var names = Array.prototype.map.call(input.files || [], function (file) {
        return file.name;
      });
      // The line stays in place, empty until a file is chosen, so that screen
      // readers announce its change.
      line.textContent = names.length ? line.dataset.chosen + " " + names.join(", ") : "";
    });
  });
})();
