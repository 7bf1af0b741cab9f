// Timeline filters: show only the events of one year, kind or entity, in place.
// The page lists every event without JavaScript; this script reveals the form,
// hides what does not match and keeps the choice in the address for sharing.
// Globals defined: none.
(function () {
  "use strict";

  function setup() {
    var form = document.querySelector("form.kb-filters");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "yes";
    // A page of one year has no year to choose.
    var FIELDS = ["year", "kind", "entity"].filter(function (name) {
      return form.elements[name];
    });
    var entries = Array.prototype.slice.call(document.querySelectorAll(".kb-event"));
    var years = Array.prototype.slice.call(document.querySelectorAll(".kb-year"));
    // Events of other periods whose dates reach into this page's, under their heading.
    var also = Array.prototype.slice.call(document.querySelectorAll(".kb-also"));
    var alsoHeading = document.getElementById("elsewhere");
    var count = form.querySelector(".kb-count");

    var params = new URLSearchParams(window.location.search);
    FIELDS.forEach(function (name) {
      var select = form.elements[name];
      var wanted = params.get(name);
      if (wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) {
        select.value = wanted;
      }
    });

    // A long timeline is cut into a page per period: the filter goes along to the next.
    document.querySelectorAll(".kb-periods a").forEach(function (link) {
      link.addEventListener("click", function () {
        var target = new URL(link.href);
        target.search = window.location.search;
        link.href = target.href;
      });
    });

    // An event matches a year its date may fall in or reach into (data-years), not only
    // the year it is listed under: "between 30 December 2023 and 4 January 2024" is
    // shown for 2023 and for 2024.
    function matches(entry, chosen) {
      return (!chosen.year || entry.dataset.years.split(" ").indexOf(chosen.year) >= 0) &&
        (!chosen.kind || entry.dataset.kind === chosen.kind) &&
        (!chosen.entity || entry.dataset.entities.split(" ").indexOf(chosen.entity) >= 0);
    }

    function apply() {
      var chosen = {};
      FIELDS.forEach(function (name) { chosen[name] = form.elements[name].value; });
      var shown = 0;
      var visibleYears = {};
      entries.forEach(function (entry) {
        var ok = matches(entry, chosen);
        entry.hidden = !ok;
        if (ok) visibleYears[entry.dataset.year] = true;
        // Counted as the reader sees it: not if "as reported by" hides it (asof.js).
        if (ok && !entry.hasAttribute("data-kb-later")) shown += 1;
      });
      years.forEach(function (heading) {
        heading.hidden = !visibleYears[heading.dataset.year];
      });
      var alsoShown = 0;
      also.forEach(function (item) {
        item.hidden = !matches(item, chosen);
        if (!item.hidden) alsoShown += 1;
      });
      if (alsoHeading) {
        alsoHeading.hidden = alsoShown === 0;
        alsoHeading.nextElementSibling.hidden = alsoShown === 0;  // its explanation
      }
      count.textContent = shown === entries.length
        ? "All " + entries.length + " events"
        : shown + " of " + entries.length + " events";
      window.kbKeepInAddress(chosen);  // leaves ?asof= to asof.js
      window.kbSyncContents();
    }

    window.kbFilterForm(form, apply);
    document.addEventListener("kb-asof", apply);
  }

  window.kbOnPage(setup);
})();
