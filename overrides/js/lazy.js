// What loads only when needed: search (about a third of our script) when a reader
// first goes to the search box, and the network's zoom and filters on its own page.
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
  });
})();
