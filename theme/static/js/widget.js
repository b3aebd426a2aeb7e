/*
 * Help center suggestions for a ticket form on another site. One tag, after the form:
 *
 *   <script src="https://help.example.com/widget.js" defer
 *           data-kb-input="#subject, #message"     (CSS selectors of the fields to read)
 *           data-kb-target="#kb-suggestions"       (optional: where to show the articles;
 *                                                   default: right after the last field)
 *           data-kb-limit="5"></script>            (optional: 1-10 articles)
 *
 * While the customer types (debounced), the articles that may answer them are fetched from
 * /api/suggest (the help center must list the site in --cors-origins) and listed with title
 * and snippet, right to left; each opens in a new tab. No dependencies; API data is only ever
 * inserted as text (the snippet's <mark> highlights are rebuilt as elements, never parsed
 * into the page).
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.fetch || !window.URLSearchParams || !window.DOMParser) {
    return;
  }
  var DEBOUNCE_MS = 250;
  var MIN_CHARS = 8;
  var MAX_CHARS = 2000;
  var api = new URL("/api/suggest", script.src);
  var limit = Math.min(10, Math.max(1, parseInt(script.getAttribute("data-kb-limit"), 10) || 5));

  function query(sel) {
    try {
      return sel ? Array.prototype.slice.call(document.querySelectorAll(sel)) : [];
    } catch (e) {
      return []; // an invalid selector: do nothing rather than break the host page
    }
  }

  function make(tag, css, text) {
    var el = document.createElement(tag);
    for (var k in css) {
      el.style[k] = css[k]; // CSSOM, allowed by style-src policies that forbid inline styles
    }
    if (text) {
      el.textContent = text;
    }
    return el;
  }

  function appendSnippet(parent, html) {
    var doc = new DOMParser().parseFromString("<!doctype html><body>" + String(html || ""), "text/html");
    Array.prototype.forEach.call(doc.body.childNodes, function (n) {
      parent.appendChild(n.nodeName === "MARK" ? make("mark", {}, n.textContent) : document.createTextNode(n.textContent));
    });
  }

  function articleURL(u) {
    try {
      var url = new URL(u, api);
      return url.protocol === "https:" || url.protocol === "http:" ? url.href : "";
    } catch (e) {
      return "";
    }
  }

  function init() {
    var inputs = query(script.getAttribute("data-kb-input"));
    if (!inputs.length) {
      return;
    }
    var box = make("div", { fontFamily: "inherit", margin: "1em 0", padding: ".75em 1em", border: "1px solid #d5dbe3", borderRadius: "8px", textAlign: "right" });
    box.className = "kb-widget";
    box.dir = "rtl";
    box.lang = "fa";
    box.hidden = true;
    var title = make("p", { fontWeight: "bold", margin: "0 0 .5em" }, "شاید این مقاله‌ها پاسخ شما باشند:");
    var status = make("p", { position: "absolute", width: "1px", height: "1px", overflow: "hidden", clip: "rect(0 0 0 0)" });
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var list = make("ol", { margin: "0", paddingInlineStart: "1.25em" });
    box.appendChild(title);
    box.appendChild(list);
    var target = query(script.getAttribute("data-kb-target"))[0];
    if (target) {
      target.appendChild(box);
      target.appendChild(status);
    } else {
      var last = inputs[inputs.length - 1];
      last.parentNode.insertBefore(status, last.nextSibling);
      last.parentNode.insertBefore(box, last.nextSibling);
    }

    var timer = 0;
    var inflight = null;
    var lastText = null;

    function render(results) {
      list.textContent = "";
      results.forEach(function (r) {
        var href = articleURL(r.url);
        if (!href) {
          return;
        }
        var li = make("li", { margin: ".4em 0" });
        var a = make("a", { fontWeight: "bold" }, r.title);
        a.href = href;
        a.target = "_blank";
        a.rel = "noopener";
        var p = make("div", { fontSize: ".9em", opacity: ".85" });
        appendSnippet(p, r.snippet);
        li.appendChild(a);
        li.appendChild(p);
        list.appendChild(li);
      });
      box.hidden = !list.firstChild;
      status.textContent = list.firstChild ? list.children.length + " مقالهٔ پیشنهادی" : "";
    }

    function refresh() {
      var text = Array.from(inputs.map(function (i) { return i.value; }).join("\n").trim()).slice(0, MAX_CHARS).join("");
      if (text === lastText) {
        return;
      }
      lastText = text;
      if (inflight) {
        inflight.abort();
      }
      if (text.length < MIN_CHARS) {
        render([]);
        return;
      }
      inflight = new AbortController();
      var url = new URL(api.href);
      url.search = new URLSearchParams({ q: text, limit: String(limit) }).toString();
      fetch(url.href, { signal: inflight.signal, mode: "cors", credentials: "omit" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          if (data && Array.isArray(data.results)) {
            render(data.results);
          }
        })
        .catch(function () { /* aborted, offline or not allowed: show nothing new */ });
    }

    inputs.forEach(function (i) {
      i.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(refresh, DEBOUNCE_MS);
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
