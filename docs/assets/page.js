// Shared by this site's scripts, loaded first: run a setup function on every page,
// including pages that Material's instant navigation swaps in without a reload.
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
