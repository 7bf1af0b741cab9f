// What loads only when needed: search (about a third of our script) when a reader
// first goes to the search box; the network's zoom and filters, the timeline's filters
// and the 404 page's search box on the pages that have them.
// Globals defined: none.
(function () {
  "use strict";
  var form = document.forms.namedItem("kb-search");
  if (form) {
    var input = form.elements.namedItem("query");
    var toggle = document.getElementById("__search");
    var start = function () { window.kbLoad("search.js"); };
    input.addEventListener("focus", start, { once: true });
    if (toggle) {
      toggle.addEventListener("change", function () {
        if (toggle.checked) input.focus();  // now, in the tap: phones then open a keyboard
      }, { once: true });
    }
    // The / s f keys open search from anywhere, before and after search.js arrives.
    document.addEventListener("keydown", function (event) {
      var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName) ||
        event.target.isContentEditable;
      if (!typing && (event.key === "/" || event.key === "s" || event.key === "f") &&
        !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        if (toggle) toggle.checked = true;
        input.focus();
      }
    });
  }
  window.kbOnPage(function () {
    if (document.querySelector(".kb-network svg")) window.kbLoad("network.js");
    if (document.querySelector("form.kb-filters")) window.kbLoad("timeline.js");
    if (document.querySelector("form.kb-notfound")) window.kbLoad("notfound.js");
  });
})();
