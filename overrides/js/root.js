// The 404 page of a build without a published address (overrides/404.html): it may be
// served at any depth, under a root it cannot know in advance (a GitHub Pages project
// site lives under /<repository>/). It sets the site's root as the page's base, then
// writes out the stylesheets the page holds back until then (<template
// id="kb-held-styles">), so that each loads from the right place at the first try: a
// wrong base costs a failed request for every one of them (trial of issue 15).
// The root is found in the address itself: it ends where the first of the site's own
// top folders or pages begins (/iraq-kb/people/abu-takwa/ -> /iraq-kb/), which the
// page lists in <meta name="kb-site-parts"> (404.html, from the readers' menu). Only
// an address naming none of them asks the server, shortest start first, where this
// site's own script is found (/iraq-kb/, as GitHub Pages serves a project site, at
// the first request).
// Globals defined: none.
(function () {
  "use strict";
  var listed = document.querySelector('meta[name="kb-site-parts"]');
  var known = listed ? listed.getAttribute("content").split(" ") : [];
  var parts = window.location.pathname.split("/");
  var root = null;
  for (var at = 1; at < parts.length && root === null; at++) {
    if (parts[at] && known.indexOf(parts[at]) >= 0) root = parts.slice(0, at).join("/") + "/";
  }
  for (var end = 2, tries = 0; root === null && end < parts.length && tries < 8; end++, tries++) {
    var candidate = parts.slice(0, end).join("/") + "/";
    try {
      var probe = new XMLHttpRequest();
      probe.open("HEAD", candidate + "assets/kb.js", false);
      probe.send();
      if (probe.status === 200) root = candidate;
    } catch (error) { /* unreachable: try a longer start */ }
  }
  var held = document.getElementById("kb-held-styles");
  document.write('<base href="' + (root || "/").replace(/"/g, "%22") + '">' +
                 (held ? held.innerHTML : ""));
})();
