// The 404 page's search box (overrides/404.html): shown only with scripts, since search
// needs them, and ready with the words of the address the reader tried
// ("/people/abu-taqwa-x/" reads "abu taqwa x"). Submitting it asks the site's search
// box in the header, as if the reader had typed there.
// Globals defined: none.
(function () {
  "use strict";

  function wordsOf(path) {
    var parts = path.split("/").filter(function (part) { return part; });
    var last = parts.length ? parts[parts.length - 1] : "";
    try { last = decodeURIComponent(last); } catch (e) { /* keep it as it is */ }
    return last.replace(/\.html?$/, "").replace(/[-_+.]+/g, " ").trim();
  }

  window.kbOnPage(function () {
    var form = document.querySelector("form.kb-notfound");
    var search = document.forms.namedItem("kb-search");
    if (!form || !search || form.dataset.ready) return;
    form.dataset.ready = "yes";
    var query = form.elements.namedItem("query");
    query.value = wordsOf(window.location.pathname);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var box = search.elements.namedItem("query");
      var toggle = document.getElementById("__search");
      box.value = query.value;
      if (toggle) toggle.checked = true;
      box.focus();  // loads the search script (lazy.js), which answers what is there
      box.dispatchEvent(new Event("input", { bubbles: true }));
    });
    form.hidden = false;
  });
})();
