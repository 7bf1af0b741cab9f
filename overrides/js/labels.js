// Accessible names for the theme's search dialog, which has a role but no name.
// Search needs JavaScript anyway, so naming it from a script loses no reader.
(function () {
  "use strict";
  function label() {
    var search = document.querySelector(".md-search[role='dialog']");
    if (search && !search.hasAttribute("aria-label")) {
      search.setAttribute("aria-label", "Search this site");
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", label);
  } else {
    label();
  }
})();
