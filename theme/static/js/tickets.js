// Ticket form (progressive enhancement: the form works without this file, with a server-side
// suggestions step instead). While the customer types the subject or description, up to five
// articles that may answer them are shown beside the form; each opens in place, with "this
// solved my problem" and "back to my ticket". The draft is kept in sessionStorage, so it
// survives opening an article, going back, or a reload; the receipt and thank-you pages clear it.
(function () {
  "use strict";
  var DRAFT_KEY = "kb-ticket-draft";
  var DEBOUNCE_MS = 250; // a pause in typing: the ticket text is long, no hurry
  var MIN_CHARS = 8;     // fewer letters say nothing about the topic yet
  var MAX_CHARS = 2000;  // the API's limit (search.MaxSuggestRunes)
  var LIMIT = 5;

  function storage() {
    try {
      return window.sessionStorage;
    } catch (e) {
      return null; // storage disabled: the draft is not kept, everything else works
    }
  }
  var store = storage();

  if (document.querySelector("[data-ticket-done]")) {
    if (store) {
      store.removeItem(DRAFT_KEY);
    }
    return;
  }
  var form = document.querySelector("[data-ticket-form]");
  if (!form) {
    return;
  }
  var layout = form.parentNode;
  var fields = form.querySelectorAll("[data-draft]");
  var textInputs = form.querySelectorAll("[data-suggest-input]");
  var box = document.querySelector("[data-suggest-box]");
  var list = box.querySelector("[data-suggest-list]");
  var status = box.querySelector("[data-suggest-status]");
  var panel = document.querySelector("[data-article-panel]");
  var panelTitle = panel.querySelector("[data-panel-title]");
  var panelBody = panel.querySelector("[data-panel-body]");
  var opener = null;

  function faDigits(s) {
    return String(s).replace(/[0-9]/g, function (d) { return "۰۱۲۳۴۵۶۷۸۹".charAt(+d); });
  }

  // Draft ------------------------------------------------------------------------------
  function saveDraft() {
    if (!store) {
      return;
    }
    var d = {};
    fields.forEach(function (f) { d[f.name] = f.value; });
    try {
      store.setItem(DRAFT_KEY, JSON.stringify(d));
    } catch (e) { /* quota: keep going without a saved draft */ }
  }

  function restoreDraft() {
    var d = null;
    try {
      d = store && JSON.parse(store.getItem(DRAFT_KEY) || "null");
    } catch (e) {
      d = null;
    }
    if (!d || typeof d !== "object") {
      return;
    }
    fields.forEach(function (f) {
      if (f.value === "" && typeof d[f.name] === "string") {
        f.value = d[f.name];
      }
    });
  }

  // The server echoes the draft after an error: it is the newest. Otherwise restore ours.
  if (!form.hasAttribute("data-ticket-server-draft")) {
    restoreDraft();
  }
  saveDraft();
  form.addEventListener("input", saveDraft);
  form.addEventListener("change", saveDraft);
  form.addEventListener("submit", function () {
    // The customer saw the suggestions live: no server-side suggestions step.
    form.querySelector("[data-ticket-step]").value = "send";
    saveDraft();
  });
  var errors = document.querySelector("[data-ticket-errors]");
  if (errors) {
    errors.focus();
  }

  // Suggestions ------------------------------------------------------------------------
  function currentText() {
    var parts = [];
    textInputs.forEach(function (f) { parts.push(f.value); });
    return Array.from(parts.join("\n").trim()).slice(0, MAX_CHARS).join("");
  }

  var live = window.kbLiveQuery({
    delay: DEBOUNCE_MS,
    text: currentText,
    url: function (text) {
      if (text.length < MIN_CHARS) {
        return "";
      }
      return "/api/suggest?" + new URLSearchParams({ q: text, limit: String(LIMIT) }).toString();
    },
    show: function (data) {
      if (!data) {
        render([]);
      } else if (Array.isArray(data.results)) {
        render(data.results);
      }
    }
  });

  // appendSnippet adds a search snippet (escaped text with <mark>) to parent without using it
  // as HTML: it is parsed in an inert document, and only its text and <mark> elements are kept.
  function appendSnippet(parent, html) {
    var doc = new DOMParser().parseFromString("<!doctype html><body>" + String(html || ""), "text/html");
    doc.body.childNodes.forEach(function (n) {
      if (n.nodeName === "MARK") {
        var m = document.createElement("mark");
        m.textContent = n.textContent;
        parent.appendChild(m);
      } else {
        parent.appendChild(document.createTextNode(n.textContent));
      }
    });
  }

  function render(results) {
    list.textContent = "";
    results.forEach(function (r) {
      var li = document.createElement("li");
      li.className = "suggest-item";
      var h = document.createElement("h3");
      h.className = "suggest-title";
      var a = document.createElement("a");
      a.href = r.url;
      a.textContent = r.title;
      a.setAttribute("data-suggest-link", "");
      a.addEventListener("click", function (e) {
        if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) {
          return; // a new tab or window, as the customer asked
        }
        e.preventDefault();
        openArticle(r, a);
      });
      h.appendChild(a);
      var p = document.createElement("p");
      p.className = "suggest-snippet";
      appendSnippet(p, r.snippet);
      li.appendChild(h);
      li.appendChild(p);
      if (r.section && r.section.url) { // the part of the article that answers the message
        var sp = document.createElement("p");
        sp.className = "hit-section";
        sp.appendChild(document.createTextNode("بخش مرتبط: "));
        var sa = document.createElement("a");
        sa.href = r.section.url;
        sa.textContent = r.section.title;
        sp.appendChild(sa);
        li.appendChild(sp);
      }
      list.appendChild(li);
    });
    box.hidden = results.length === 0;
    status.textContent = results.length ? faDigits(results.length) + " مقاله شاید پاسخ شما باشد." : "";
  }

  textInputs.forEach(function (f) { f.addEventListener("input", live.schedule); });
  if (currentText().length >= MIN_CHARS) {
    live.refresh();
  }

  // The article in place ----------------------------------------------------------------
  function openArticle(r, link) {
    // r.url carries ref=suggestion&rank=N: the in-place view is recorded as a suggestion click.
    fetch("/api/articles/" + encodeURIComponent(r.slug) + new URL(r.url, window.location.href).search, { headers: { Accept: "application/json" } })
      .then(function (resp) {
        if (!resp.ok) {
          throw new Error("status " + resp.status);
        }
        return resp.json();
      })
      .then(function (a) {
        opener = link;
        panelTitle.textContent = a.title;
        // The help center's own article HTML, rendered and sanitized by the server exactly as
        // on the article page (raw HTML in Markdown is escaped); the CSP forbids inline script.
        panelBody.innerHTML = a.html;
        panel.querySelectorAll("[data-panel-solved]").forEach(function (s) {
          s.href = "/tickets/solved?" + new URLSearchParams({ article: r.slug }).toString();
        });
        layout.hidden = true;
        panel.hidden = false;
        panel.focus();
        window.scrollTo(0, panel.getBoundingClientRect().top + window.scrollY - 16);
      })
      .catch(function () {
        saveDraft();
        window.location.href = r.url; // the article page; the draft comes back with the form
      });
  }

  panel.querySelectorAll("[data-panel-back]").forEach(function (b) {
    b.addEventListener("click", function () {
      panel.hidden = true;
      panelBody.textContent = "";
      layout.hidden = false;
      (opener || form.querySelector("[data-suggest-input]")).focus();
    });
  });
  panel.querySelectorAll("[data-panel-solved]").forEach(function (s) {
    s.addEventListener("click", function () {
      if (store) {
        store.removeItem(DRAFT_KEY);
      }
    });
  });
})();
