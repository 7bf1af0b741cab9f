// What loads only when needed: search (about a third of our script) when a reader
// first goes to the search box, and the network's zoom and filters on its own page.
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
    document.addEventListener("keydown", function shortcut(event) {
      var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName);
      if (!typing && (event.key === "/" || event.key === "s" || event.key === "f")) {
        document.removeEventListener("keydown", shortcut);
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
