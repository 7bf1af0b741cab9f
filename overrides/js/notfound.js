// The 404 page's search box (overrides/404.html): shown only with scripts, since search
// needs them, and ready with the words of the address tried, as the reader most likely
// meant them: the part right after one of the site's own top folders
// (/iraq-kb/places/ayn-al-asad/deep/x/y/ reads "ayn al asad", not "y"), otherwise the
// last part that names something; parts naming nothing (empty, index.html, a file's
// extension, the site's own root) are passed over, and percent-encoding is read
// (abu%20takwa reads "abu takwa"). The folders are those the page lists in <meta
// name="kb-site-parts">, and the site's root is the form's data-root (both written by
// 404.html, with or without a published address). Submitting the box asks the site's
// search box in the header, as if the reader had typed there.
// Globals defined: none.
(function () {
  "use strict";

  // A file's extension ("abu-takwa.html", "x.php"): letters first, at most five
  // characters, so that "u.s" or "2024.01" keep their last part.
  var EXTENSION = /\.[a-z][a-z0-9]{1,4}$/i;

  // The words one part of an address names, or "" for a part naming nothing.
  function wordsOfPart(part) {
    var text = part;
    try { text = decodeURIComponent(part); } catch (e) { /* keep it as it is */ }
    text = text.replace(EXTENSION, "");
    if (text.toLowerCase() === "index") return "";
    return text.replace(/[-_+.\/\s]+/g, " ").trim();
  }

  // The words of `path` below `root` (both address paths, "/iraq-kb/…"); `folders`
  // the site's top folders, lower case. Returns "" when no part names anything.
  function wordsOf(path, root, folders) {
    var below = path.indexOf(root) === 0 ? path.slice(root.length)
      : path + "/" === root ? "" : path;
    var parts = below.split("/");
    var words = parts.map(wordsOfPart);
    var start = -1;
    for (var at = 0; at < parts.length && start < 0; at++) {
      if (folders.indexOf(parts[at].toLowerCase()) >= 0) start = at + 1;
    }
    // Right after a folder: the first part there naming something.
    for (var next = Math.max(start, 0); start >= 0 && next < words.length; next++) {
      if (words[next]) return words[next];
    }
    // Otherwise the last part naming something.
    for (var last = words.length - 1; last >= 0; last--) {
      if (words[last]) return words[last];
    }
    return "";
  }

  window.kbOnPage(function () {
    var form = document.querySelector("form.kb-notfound");
    var search = document.forms.namedItem("kb-search");
    if (!form || !search || form.dataset.ready) return;
    form.dataset.ready = "yes";
    var listed = document.querySelector('meta[name="kb-site-parts"]');
    var folders = listed ? listed.getAttribute("content").toLowerCase().split(" ") : [];
    var root = new URL(form.dataset.root || ".", document.baseURI).pathname;
    var query = form.elements.namedItem("query");
    query.value = wordsOf(window.location.pathname, root, folders);
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
