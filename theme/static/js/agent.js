// Agent view: copy buttons (progressive enhancement: without this file every string stays in
// its read-only field, where it can be selected and copied by hand). The buttons are real
// <button>s, so Enter and Space work; each copy is announced in the page's aria-live region.
(function () {
  "use strict";
  var COPIED = "کپی شد";
  var FAILED = "کپی نشد؛ متن را از کادر کنارش انتخاب و کپی کنید";
  var FEEDBACK_MS = 2000; // how long the button shows that it copied
  var status = document.querySelector("[data-copy-status]");
  var buttons = document.querySelectorAll("[data-copy]");
  if (!status || !buttons.length) {
    return;
  }

  // copyWithSelection copies the field's text the old way, for browsers without the
  // asynchronous clipboard (or pages not served over HTTPS), then gives the focus back.
  function copyWithSelection(button) {
    var field = document.getElementById(button.getAttribute("data-copy-field"));
    if (!field) {
      return false;
    }
    field.focus();
    field.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    button.focus();
    return ok;
  }

  function write(button, text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () {
        if (!copyWithSelection(button)) {
          throw new Error("copy failed");
        }
      });
    }
    return copyWithSelection(button) ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  // announce empties the live region first, so that copying twice is announced twice.
  function announce(message) {
    status.textContent = "";
    window.setTimeout(function () {
      status.textContent = message;
    }, 50);
  }

  function onClick(e) {
    var button = e.currentTarget;
    var text = button.getAttribute("data-copy");
    write(button, text).then(function () {
      button.setAttribute("data-copied", "");
      announce(COPIED);
      window.setTimeout(function () {
        button.removeAttribute("data-copied");
      }, FEEDBACK_MS);
    }, function () {
      announce(FAILED);
    });
  }

  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener("click", onClick);
  }
})();
