// The live preview's problems banner, under `mkdocs serve` only: overrides/main.html
// writes this script into every page of the preview, never into a built site. After
// every build the preview writes the problems of data/ to one file (kb.tools.preview:
// PROBLEMS_FILE, its address given here as data-problems, relative to the page as the
// site's other addresses are); when that file lists any, the banner goes at the top of
// the page's content, as the preview always drew it. A save that breaks data/ or fixes
// it so changes that one file, and no page is built again for it (issue 16, item 2);
// live reload then reloads the page, which reads the file afresh (no cache).
// Every title and message is set as text: messages quote what the editor wrote. Once
// the file is read, the script's element says how many problems it showed (data-shown),
// so that one can tell "no banner" from "not read yet".
// Globals defined: none.
(function () {
  "use strict";
  var script = document.currentScript;
  var address = script && script.getAttribute("data-problems");
  if (!address) return;

  // Where the page's own content begins in Material's article: after its tags and
  // edit buttons (partials/content.html).
  function contentStart(article) {
    var child = article.firstElementChild;
    while (child && child.matches(".md-tags, .md-content__button")) {
      child = child.nextElementSibling;
    }
    return child;
  }

  function banner(report) {
    var box = document.createElement("div");
    box.className = "admonition failure kb-problems";
    box.setAttribute("role", "alert");
    var title = document.createElement("p");
    title.className = "admonition-title";
    title.textContent = report.title;
    var list = document.createElement("ul");
    report.problems.forEach(function (problem) {
      var item = document.createElement("li");
      var where = document.createElement("code");
      where.textContent = problem.where;
      item.append(where, " " + problem.message);
      list.append(item);
    });
    box.append(title, list);
    return box;
  }

  fetch(new URL(address, document.baseURI), { cache: "no-store" })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (report) {
      var article = document.querySelector("article.md-content__inner");
      var shown = article && report && Array.isArray(report.problems) ? report.problems.length : 0;
      if (shown) article.insertBefore(banner(report), contentStart(article));
      script.setAttribute("data-shown", String(shown));
    })
    .catch(function () { /* no file yet, or the preview has stopped: no banner */ });
})();
