// Shared by this site's scripts, loaded first: the functions they call on `window`.
// Globals defined: kbOnPage, kbKeepInAddress, kbFilterForm, kbLoad, kbSyncContents.

// Run a setup function on every page (and on every page Material swaps in, should
// instant navigation come back on).
window.kbOnPage = function (setup) {
  "use strict";
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
};

// Keep a view's choices in the address, so that it can be shared: set each given
// query parameter, or remove it when its value is empty; other parameters stay.
window.kbKeepInAddress = function (choices) {
  "use strict";
  var query = new URLSearchParams(window.location.search);
  Object.keys(choices).forEach(function (name) {
    if (choices[name]) query.set(name, choices[name]); else query.delete(name);
  });
  var search = query.toString();
  window.history.replaceState(null, "",
    window.location.pathname + (search ? "?" + search : "") + window.location.hash);
};

// A filter form that never submits: `apply` runs on each change and after a reset,
// and the form, hidden for readers without scripts, is shown.
window.kbFilterForm = function (form, apply, events) {
  "use strict";
  (events || ["change"]).forEach(function (name) { form.addEventListener(name, apply); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  form.hidden = false;
  apply();
};

// Load one of this site's scripts (overrides/js/, published as js/) once, when a page
// or a reader first needs it: what only some pages or only searching readers use stays
// out of every first visit.
window.kbLoad = (function () {
  "use strict";
  var root = new URL("..", document.currentScript.src);  // kb.js sits in assets/
  var loading = {};
  return function (name) {
    if (!loading[name]) {
      loading[name] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = new URL("js/" + name, root).href;
        script.onload = resolve;
        script.onerror = reject;
        document.head.append(script);
      });
    }
    return loading[name];
  };
})();

// The page's contents (Material's column, and the block phones see: overrides/
// partials/content.html) list only sections a reader can see: after a filter hides a
// section, or every entry under a heading, its line in the contents goes too, and it
// comes back with them. Called by the scripts that hide parts of a page.
window.kbSyncContents = function () {
  "use strict";
  var links = document.querySelectorAll(
    '.md-nav--secondary a[href^="#"], .kb-toc a[href^="#"]');
  Array.prototype.forEach.call(links, function (link) {
    var item = link.closest("li");
    var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!item || !target) return;
    // Hidden itself or inside something hidden: it has no box on the page.
    var gone = target.getClientRects().length === 0;
    if (gone) item.setAttribute("data-kb-gone", "");
    else item.removeAttribute("data-kb-gone");
  });
};
