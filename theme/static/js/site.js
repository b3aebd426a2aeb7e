// Progressive enhancement only: every page works without this file.
// "/" focuses the search box (as on many sites), unless the user is typing in a field already.
(function () {
  "use strict";
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) {
      return;
    }
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) {
      return;
    }
    var input = document.querySelector("[data-search-input]");
    if (input) {
      e.preventDefault();
      input.focus();
      input.select();
    }
  });
})();

// kbLiveQuery asks the server while the visitor types: one request per pause in typing (not one
// per key), and a request still under way is aborted when the text changes, so an old answer
// never replaces a newer one. Used by the search boxes (autocomplete.js) and the ticket form
// (tickets.js). opts: delay (ms), text() → the current text, url(text) → the URL to ask, or ""
// to ask nothing, show(data, text) → data is the JSON answer, or null when nothing was asked.
window.kbLiveQuery = function (opts) {
  "use strict";
  var timer = 0;
  var inflight = null;
  var last = null;

  function refresh() {
    clearTimeout(timer);
    var text = opts.text();
    if (text === last) {
      return;
    }
    last = text;
    if (inflight) {
      inflight.abort();
      inflight = null;
    }
    var url = opts.url(text);
    if (!url) {
      opts.show(null, text);
      return;
    }
    var ctrl = new AbortController();
    inflight = ctrl;
    fetch(url, { signal: ctrl.signal, headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (inflight === ctrl) {
          inflight = null;
          if (data) {
            opts.show(data, text);
          }
        }
      })
      .catch(function () { /* aborted or offline: keep what is shown */ });
  }

  return {
    schedule: function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, opts.delay);
    },
    refresh: refresh,
    // forget makes the next refresh ask again even for the same text.
    forget: function () { last = null; }
  };
};
