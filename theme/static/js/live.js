// Live preview (kb serve --watch only): reload the page when the content changes, and let the
// writer close the overlay that lists the problems of the article's file.
(function () {
  "use strict";
  var overlay = document.querySelector("[data-dev-overlay]");
  if (overlay) {
    var close = overlay.querySelector("[data-dev-overlay-close]");
    if (close) {
      close.addEventListener("click", function () {
        overlay.hidden = true;
      });
    }
  }
  if (!window.EventSource) {
    return;
  }
  // The server sends its content generation when the stream opens and after every reload; the
  // first one seen is this page's. A different one (a reload, or a restarted server) means the
  // page is out of date. Scroll position survives location.reload() in every browser.
  var seen = null;
  var events = new EventSource("/_live");
  events.addEventListener("state", function (e) {
    if (seen === null) {
      seen = e.data;
    } else if (e.data !== seen) {
      events.close();
      window.location.reload();
    }
  });
})();
