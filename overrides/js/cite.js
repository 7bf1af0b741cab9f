// "Cite this page" without a published address (a build without SITE_URL): the page's
// own address, as the reader has it open, goes where the build left room for it. The
// query and fragment are left out, and ".../index.html" is cited as ".../". Without
// scripts, or opened from a file, the citation simply has no address.
// Globals defined: none.
window.kbOnPage(function () {
  "use strict";
  if (!/^https?:$/.test(window.location.protocol)) return;
  var address = window.location.origin +
    window.location.pathname.replace(/\/index\.html$/, "/");
  document.querySelectorAll(".kb-cite-address").forEach(function (slot) {
    if (slot.childNodes.length) return;
    var link = document.createElement("a");
    link.href = address;
    link.textContent = address;
    slot.append(", ", link);
  });
});
