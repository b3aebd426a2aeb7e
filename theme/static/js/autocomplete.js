// Search as you type on the search boxes (progressive enhancement: without this file every box
// is a plain GET form to /search). Each box becomes an ARIA 1.2 combobox with a listbox popup:
// the articles found for the text typed so far (its last word completed), with their category
// and the section that matches best. Down/Up move the highlight (aria-activedescendant: focus
// stays in the box), Enter opens the highlighted article or, with none highlighted, submits the
// search as before, Escape closes the list (a second Escape clears the box, as the browser does).
// Opened suggestions carry ref=autocomplete, their rank and the query: the site records them as
// the search and the click on its result (kb/site/autocomplete.go).
(function () {
  "use strict";
  var MIN_CHARS = 2;     // one letter completes to most of the vocabulary: nothing useful yet
  var LIMIT = 6;         // what fits under the box on a phone without scrolling
  var DEBOUNCE_MS = 150; // a short pause in typing: suggestions should keep up with the keys
  var MAX_CHARS = 256;   // the API's limit (search.MaxQueryRunes)

  if (!window.kbLiveQuery || !window.URLSearchParams) {
    return;
  }

  function faDigits(s) {
    return String(s).replace(/[0-9]/g, function (d) { return "۰۱۲۳۴۵۶۷۸۹".charAt(+d); });
  }

  // suggestionURL is where a suggestion leads: the matching section when there is one, with the
  // attribution the article page records.
  function suggestionURL(r, rank, query) {
    var u = new URL(r.section && r.section.url ? r.section.url : r.url, window.location.href);
    u.searchParams.set("ref", "autocomplete");
    u.searchParams.set("rank", String(rank));
    u.searchParams.set("q", query);
    return u.pathname + u.search + u.hash;
  }

  function span(className, text) {
    var s = document.createElement("span");
    s.className = className;
    s.textContent = text;
    return s;
  }

  function setup(input) {
    var form = input.form;
    if (!form || !input.id) {
      return;
    }
    var list = document.createElement("ul");
    list.id = input.id + "-suggestions";
    list.className = "ac-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "پیشنهادهای جستجو");
    list.hidden = true;
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    form.classList.add("search-form--ac");
    form.appendChild(list);
    form.appendChild(status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    var options = []; // {el, url}
    var active = -1;

    function open() {
      if (options.length === 0) {
        return;
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function close() {
      highlight(-1);
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
    }

    function isOpen() {
      return !list.hidden;
    }

    function highlight(i) {
      if (active >= 0 && options[active]) {
        options[active].el.setAttribute("aria-selected", "false");
      }
      active = i;
      if (i < 0) {
        input.removeAttribute("aria-activedescendant");
        return;
      }
      var el = options[i].el;
      el.setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", el.id);
      if (el.scrollIntoView) {
        el.scrollIntoView({ block: "nearest" });
      }
    }

    var following = false; // a suggestion is being opened: the form is not submitted too

    function follow(o, e) {
      if (e && (e.ctrlKey || e.metaKey || e.shiftKey)) {
        window.open(o.url, "_blank", "noopener");
        return;
      }
      following = true;
      close();
      window.location.assign(o.url);
    }

    function addOption(className, parts, url) {
      var li = document.createElement("li");
      li.id = list.id + "-" + options.length;
      li.className = "ac-option " + className;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      parts.forEach(function (p) { li.appendChild(p); });
      var o = { el: li, url: url };
      li.addEventListener("click", function (e) { follow(o, e); });
      options.push(o);
      list.appendChild(li);
    }

    function render(data, text) {
      highlight(-1);
      options = [];
      list.textContent = "";
      var results = data && Array.isArray(data.results) ? data.results : [];
      results.forEach(function (r, i) {
        var meta = span("ac-meta", "");
        if (r.category_title) {
          meta.appendChild(span("ac-category", r.category_title));
        }
        if (r.section && r.section.title) {
          meta.appendChild(span("ac-section", r.section.title));
        }
        addOption("", [span("ac-title", r.title), meta], suggestionURL(r, i + 1, text));
      });
      if (results.length) {
        // Typed on the wrong keyboard layout, the results are those of the converted text: so
        // are the search page's.
        var shown = data.corrected || text;
        var all = span("ac-title", "");
        all.appendChild(document.createTextNode("همهٔ نتایج برای «"));
        var q = document.createElement("bdi");
        q.textContent = shown;
        all.appendChild(q);
        all.appendChild(document.createTextNode("»"));
        addOption("ac-all", [all], "/search?" + new URLSearchParams({ q: shown }).toString());
      }
      if (!data || document.activeElement !== input) {
        close();
        status.textContent = "";
        return;
      }
      if (results.length === 0) {
        close();
        status.textContent = "پیشنهادی پیدا نشد؛ برای جستجو Enter را بزنید.";
        return;
      }
      open();
      var note = data.corrected ? "برای «" + data.corrected + "»: " : "";
      status.textContent = note + faDigits(results.length) + " پیشنهاد؛ با کلیدهای بالا و پایین مرور کنید.";
    }

    var live = window.kbLiveQuery({
      delay: DEBOUNCE_MS,
      text: function () { return Array.from(input.value.trim()).slice(0, MAX_CHARS).join(""); },
      url: function (text) {
        if (Array.from(text).length < MIN_CHARS) {
          return "";
        }
        return "/api/search?" + new URLSearchParams({ q: text, prefix: "1", limit: String(LIMIT) }).toString();
      },
      show: render
    });

    input.addEventListener("input", live.schedule);
    input.addEventListener("focus", function () {
      live.refresh();
      open();
    });
    input.addEventListener("blur", close);
    // A click on the list must not take the focus from the box (that would close the list first).
    list.addEventListener("mousedown", function (e) { e.preventDefault(); });

    input.addEventListener("keydown", function (e) {
      if (e.isComposing || (e.altKey && e.key !== "ArrowDown") || e.ctrlKey || e.metaKey) {
        return;
      }
      var n = options.length;
      switch (e.key) {
      case "ArrowDown":
      case "ArrowUp":
        if (n === 0) {
          return;
        }
        e.preventDefault();
        if (!isOpen()) {
          open();
          if (e.altKey) {
            return; // Alt+Down opens the list without choosing
          }
        }
        if (e.key === "ArrowDown") {
          highlight(active + 1 >= n ? 0 : active + 1);
        } else {
          highlight(active <= 0 ? n - 1 : active - 1);
        }
        return;
      case "Enter":
        if (isOpen() && active >= 0) {
          e.preventDefault();
          follow(options[active]);
        }
        return;
      case "Escape":
        if (isOpen()) {
          e.preventDefault(); // keep the text: only the list closes
          close();
        }
        return;
      case "Tab":
        close();
        return;
      }
    });
    form.addEventListener("submit", function (e) {
      if (following) {
        e.preventDefault(); // Enter chose a suggestion; a keypress after it must not search
        return;
      }
      close();
    });
    // Back to this page from the article (the page restored as it was): the box works again.
    window.addEventListener("pageshow", function () { following = false; });
  }

  // The public search boxes only: the agent view searches with its own results and links.
  document.querySelectorAll("form[action=\"/search\"] [data-search-input]").forEach(setup);
})();
