// "As reported by": show only the statements whose sources had been published by a
// chosen day. Every statement carries an empty <span class="kb-reported"> with that
// day (written at build time); this script hides the list item, table row, quote or
// paragraph around it. The choice stays in the address (?asof=2024-01-07) and for the
// rest of the visit, so that a reader can browse the story as it stood that day; a
// bar at the top of each page it applies to says so, with a way back to everything.
// Globals defined: none.
(function () {
  "use strict";

  var KEY = "kb-asof";
  var DAY = /^\d{4}-\d{2}-\d{2}$/;

  function words(day) {
    return new Date(day + "T12:00:00Z").toLocaleDateString("en-GB", {
      day: "numeric", month: "long", year: "numeric", timeZone: "UTC"
    });
  }

  function remembered() {
    try { return window.sessionStorage.getItem(KEY) || ""; } catch (e) { return ""; }
  }

  function remember(day) {
    try {
      if (day) window.sessionStorage.setItem(KEY, day);
      else window.sessionStorage.removeItem(KEY);
    } catch (e) { /* private mode: the address still carries the day */ }
  }

  // A section (an h2 and what follows it) whose statements are all hidden goes too,
  // heading and table header included. Its own attribute, so that showing the section
  // again never reveals a statement hidden on its own.
  function hideEmptySections(shown) {
    var headings = document.querySelectorAll("article h2");
    Array.prototype.forEach.call(headings, function (heading) {
      var blocks = [];
      for (var el = heading.nextElementSibling; el && el.tagName !== "H2";
        el = el.nextElementSibling) blocks.push(el);
      var mine = [];
      shown.forEach(function (ok, container) {
        if (blocks.some(function (block) { return block.contains(container); })) mine.push(ok);
      });
      var empty = mine.length > 0 && mine.every(function (ok) { return !ok; });
      [heading].concat(blocks).forEach(function (el) {
        if (empty) el.setAttribute("data-kb-empty", "");
        else el.removeAttribute("data-kb-empty");
      });
    });
  }

  // "Showing what was reported by 7 January 2024 — show everything", above the page's
  // title while a day is chosen: the choice follows the reader from page to page, and
  // must never do so unseen.
  function makeBar(form) {
    var bar = document.createElement("div");
    bar.className = "kb-asof-bar";
    bar.hidden = true;
    var text = document.createElement("span");
    var everything = document.createElement("button");
    everything.type = "button";
    everything.textContent = "show everything";
    everything.addEventListener("click", function () { form.reset(); });
    bar.append(text, " \u2014 ", everything);
    var title = document.querySelector("article h1");
    if (title) title.before(bar);
    else form.before(bar);
    return function (day) {
      bar.hidden = !day;
      text.textContent = day ? "Showing what was reported by " + words(day) : "";
    };
  }

  function setup() {
    var form = document.querySelector("form.kb-asof");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "yes";
    var input = form.elements.asof;
    var output = form.querySelector("output");
    var markers = Array.prototype.slice.call(document.querySelectorAll(".kb-reported"));
    var showBar = makeBar(form);
    // What the count counts: on the timeline, its events (as its filters count them);
    // elsewhere every statement.
    var counted = form.dataset.noun === "events"
      ? function (container) { return container.classList.contains("kb-event"); }
      : function () { return true; };

    var wanted = new URLSearchParams(window.location.search).get("asof") || remembered();
    if (DAY.test(wanted)) input.value = wanted;

    function apply() {
      var day = DAY.test(input.value) ? input.value : "";
      // One decision per container: shown if any of its statements was reported by then.
      var shown = new Map();
      markers.forEach(function (marker) {
        // A timeline entry goes as a whole, and so does a pointer to an event listed
        // on another page of it; elsewhere the nearest item, row or quote.
        var container = marker.closest(".kb-event, .kb-also, .kb-sentence, .kb-quote") ||
          marker.closest("li, tr, blockquote") || marker.closest("p");
        if (!container) return;
        var reported = marker.dataset.reported;
        var ok = !day || (reported !== "" && reported <= day);
        shown.set(container, shown.get(container) || ok);
      });
      var visible = 0;
      var total = 0;
      shown.forEach(function (ok, container) {
        if (counted(container)) {
          total += 1;
          if (ok) visible += 1;
        }
        if (ok) container.removeAttribute("data-kb-later");
        else container.setAttribute("data-kb-later", "");
      });
      hideEmptySections(shown);
      // A year of the timeline with nothing left in it loses its heading too.
      Array.prototype.forEach.call(document.querySelectorAll(".kb-year"), function (year) {
        var events = document.querySelectorAll('.kb-event[data-year="' + year.dataset.year + '"]');
        var left = Array.prototype.some.call(events, function (event) {
          return !event.hasAttribute("data-kb-later");
        });
        if (left) year.removeAttribute("data-kb-later");
        else year.setAttribute("data-kb-later", "");
      });
      output.textContent = day
        ? visible + " of " + total + " " + (form.dataset.noun || "statements") +
          " had been reported by " + words(day) +
          "; undated sources are left out."
        : "";
      showBar(day);
      remember(day);
      window.kbKeepInAddress({ asof: day });
      window.kbSyncContents();
      // Other counts on the page (the timeline's filters) count what is left.
      document.dispatchEvent(new CustomEvent("kb-asof", { detail: { day: day } }));
    }

    window.kbFilterForm(form, apply, ["input", "change"]);
  }

  window.kbOnPage(setup);
})();
