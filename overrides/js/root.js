// The 404 page of a build without a published address (overrides/404.html): it may be
// served at any depth, under a root it cannot know in advance (a GitHub Pages project
// site lives under /<repository>/). The root is the longest start of this address
// under which this site's own script is found; the page's links then start from it.
// The checks wait for their answers: the stylesheets below must not load from a
// wrong place first.
// Globals defined: none.
(function () {
  "use strict";
  var parts = window.location.pathname.split("/");
  var root = "/";
  for (var end = parts.length - 1, tries = 0; end >= 2 && tries < 8; end--, tries++) {
    var candidate = parts.slice(0, end).join("/") + "/";
    try {
      var probe = new XMLHttpRequest();
      probe.open("HEAD", candidate + "assets/kb.js", false);
      probe.send();
      if (probe.status === 200) { root = candidate; break; }
    } catch (error) { /* unreachable: try a shorter start */ }
  }
  document.write('<base href="' + root.replace(/"/g, "%22") + '">');
})();
