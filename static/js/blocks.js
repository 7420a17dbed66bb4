// Videos from YouTube or Vimeo: their player is loaded only when the visitor
// chooses to play, never before.
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-video-play]");
    if (!button) {
      return;
    }
    var frame = button.closest("[data-video-embed]");
    var iframe = document.createElement("iframe");
    iframe.src = frame.dataset.videoEmbed;
    iframe.title = frame.dataset.videoTitle;
    iframe.allow = "autoplay; fullscreen; picture-in-picture";
    iframe.allowFullscreen = true;
    iframe.className = "block-video__iframe";
    frame.replaceChildren(iframe);
    iframe.focus();
  });
})();
