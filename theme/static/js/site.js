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
