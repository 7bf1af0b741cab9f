// The network page: zoom, pan and filters over the SVG drawn at build time. The
// drawing and its links work without this script; it only changes the view box and
// hides nodes or lines by kind.
// Globals defined: none.
(function () {
  "use strict";

  function setup() {
    var form = document.querySelector("form.kb-network-controls");
    var svg = document.querySelector(".kb-network svg");
    if (!form || !svg || form.dataset.ready) return;
    form.dataset.ready = "yes";
    var whole = svg.viewBox.baseVal;
    var view = { x: whole.x, y: whole.y, w: whole.width, h: whole.height };
    var full = Object.assign({}, view);

    function show() {
      svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" "));
    }

    function zoom(factor, cx, cy) {
      var w = Math.min(full.w * 2, Math.max(full.w / 20, view.w * factor));
      var h = w * (full.h / full.w);
      view.x = cx - (cx - view.x) * (w / view.w);
      view.y = cy - (cy - view.y) * (h / view.h);
      view.w = w;
      view.h = h;
      show();
    }

    function toDrawing(event) {
      var box = svg.getBoundingClientRect();
      return {
        x: view.x + (event.clientX - box.left) / box.width * view.w,
        y: view.y + (event.clientY - box.top) / box.height * view.h
      };
    }

    svg.addEventListener("wheel", function (event) {
      event.preventDefault();
      var at = toDrawing(event);
      zoom(event.deltaY > 0 ? 1.2 : 1 / 1.2, at.x, at.y);
    }, { passive: false });

    var drag = null;
    svg.addEventListener("pointerdown", function (event) {
      if (event.target.closest("a")) return;  // a click on a name opens its page
      drag = { x: event.clientX, y: event.clientY, view: Object.assign({}, view) };
      svg.setPointerCapture(event.pointerId);
    });
    svg.addEventListener("pointermove", function (event) {
      if (!drag) return;
      var box = svg.getBoundingClientRect();
      view.x = drag.view.x - (event.clientX - drag.x) / box.width * view.w;
      view.y = drag.view.y - (event.clientY - drag.y) / box.height * view.h;
      show();
    });
    svg.addEventListener("pointerup", function () { drag = null; });

    form.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-zoom]");
      if (!button) return;
      var how = button.dataset.zoom;
      if (how === "reset") { view = Object.assign({}, full); show(); return; }
      zoom(how === "in" ? 1 / 1.5 : 1.5, view.x + view.w / 2, view.y + view.h / 2);
    });

    function filter() {
      var kinds = {};
      var types = {};
      Array.prototype.forEach.call(form.elements, function (input) {
        if (input.name === "kind" && input.checked) kinds[input.value] = true;
        if (input.name === "type" && input.checked) types[input.value] = true;
      });
      var visible = {};
      Array.prototype.forEach.call(svg.querySelectorAll("a[data-kind]"), function (node) {
        var ok = !!kinds[node.dataset.kind];
        node.toggleAttribute("data-filtered", !ok);
        if (ok) visible[node.dataset.id] = true;
      });
      Array.prototype.forEach.call(svg.querySelectorAll("line[data-type]"), function (line) {
        var ends = line.dataset.ends.split(" ");
        var ok = types[line.dataset.type] && visible[ends[0]] && visible[ends[1]];
        line.toggleAttribute("data-filtered", !ok);
      });
    }

    form.addEventListener("change", filter);
    form.hidden = false;
    filter();
  }

  window.kbOnPage(setup);
})();
