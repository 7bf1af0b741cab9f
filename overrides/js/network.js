// The network page: zoom, pan, filters, finding and picking out an entry, and the
// "as reported by" day, over the SVG drawn at build time (kb/pipeline/render/graph.py). The
// drawing and its links work without this script. With it, names keep one size on
// screen at every zoom and are shown by importance: most connected first, each where
// it overlaps no other name, lies under no dot and is not cut at the edge, the rest
// hidden until zooming in makes room (issue 17, item 3). The entry picked stays in the
// address (?focus=abu-taqwa).
// Globals defined: none.
(function () {
  "use strict";

  var FONT = 13;  // label size on screen, in CSS pixels
  var DOT = 4.5;  // smallest node radius on screen, in CSS pixels
  var DAY = /^\d{4}-\d{2}-\d{2}$/;
  var SVG = "http://www.w3.org/2000/svg";
  var HUBS = 10;  // the most connected entries, named even across other entries' dots

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  function overlaps(a, b) {
    return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
  }

  function setup() {
    var form = document.querySelector("form.kb-network-controls");
    var svg = document.querySelector(".kb-network svg");
    if (!form || !svg || form.dataset.ready) return;
    form.dataset.ready = "yes";
    var detail = document.querySelector(".kb-network-detail");
    var asof = document.querySelector("form.kb-asof");
    var whole = svg.viewBox.baseVal;
    var view = { x: whole.x, y: whole.y, w: whole.width, h: whole.height };
    var full = Object.assign({}, view);

    // Every node once: its circle, label, a backing for the label (shown where the
    // label covers another entry's dot, so that no dot shows through the name), its
    // place in the drawing's order (later ones are painted over earlier ones), the
    // label's width per unit of font size, regular and bold (the entry picked out is
    // named in bold), and its links.
    var nodes = {};
    each(svg.querySelectorAll("a[data-id]"), function (a, index) {
      var text = a.querySelector("text");
      var circle = a.querySelector("circle");
      var size = Number(text.getAttribute("font-size"));
      var width = text.getComputedTextLength() / size;
      text.style.fontWeight = "bold";
      var bold = Math.max(width, text.getComputedTextLength() / size);
      text.style.fontWeight = "";
      var back = document.createElementNS(SVG, "rect");
      back.setAttribute("class", "kb-label-back");
      back.setAttribute("visibility", "hidden");
      a.insertBefore(back, text);
      nodes[a.dataset.id] = {
        id: a.dataset.id, a: a, text: text, circle: circle, back: back, index: index,
        name: a.querySelector("title").textContent.replace(/ \([^)]*\)$/, ""),
        x: circle.cx.baseVal.value, y: circle.cy.baseVal.value,
        degree: Number(a.dataset.degree) || 0, width: width, bold: bold,
        lines: []
      };
    });
    var lines = Array.prototype.slice.call(svg.querySelectorAll("line[data-ends]"));
    lines.forEach(function (line) {
      line.dataset.ends.split(" ").forEach(function (end) {
        if (nodes[end]) nodes[end].lines.push(line);
      });
    });
    // The font's height above and below the baseline, per unit of size, measured once.
    var sample = svg.querySelector("a[data-id] text");
    var sampleBox = sample.getBBox();
    var sampleSize = Number(sample.getAttribute("font-size"));
    var ascent = (Number(sample.getAttribute("y")) - sampleBox.y) / sampleSize;
    var descent = (sampleBox.y + sampleBox.height - Number(sample.getAttribute("y"))) / sampleSize;
    // kb/pipeline/render/graph.py writes the least connected first (see by_rank there).
    var ranked = Object.keys(nodes).map(function (id) { return nodes[id]; }).reverse()
      .sort(function (a, b) { return b.degree - a.degree; });
    ranked.forEach(function (n, rank) { n.rank = rank; });
    var focused = null;
    var drawn = Array.prototype.map.call(svg.querySelectorAll("a[data-id]"), function (a) {
      return nodes[a.dataset.id];
    });  // the drawing's own order: least connected first, painted first

    // The entry picked out, then its neighbours, are drawn over the rest, so that the
    // dots around them never lie across their names; the rest keep the drawing's order.
    function raise(node) {
      var near = {};
      if (node) {
        node.lines.forEach(function (line) {
          line.dataset.ends.split(" ").forEach(function (end) { near[end] = true; });
        });
      }
      var group = drawn[0].a.parentNode;
      var order = drawn.filter(function (n) { return !near[n.id]; })
        .concat(drawn.filter(function (n) { return near[n.id] && n !== node; }))
        .concat(node ? [node] : []);
      order.forEach(function (n, index) {
        group.appendChild(n.a);
        n.index = index;
      });
    }

    function visible(node) { return !node.a.hasAttribute("data-filtered") &&
      !node.a.hasAttribute("data-kb-later"); }

    // Names at one size on screen, placed most important first (the focused entry and
    // its neighbours, then by number of links) where they overlap nothing already
    // placed, lie under no dot drawn after them and stay inside the view; the others
    // hidden. Of the places left, one clear of every other dot if there is one, else
    // the one covering fewest; a name that covers dots gets a backing. On a phone the
    // names are large beside the drawing, and names drawn across dots read as
    // overlapping (a reader's trial at 390 px: "Sadiqoon", "Harakat al-Nujaba").
    function relabel() {
      var box = svg.getBoundingClientRect();
      if (!box.width) return;
      var unit = view.w / box.width;  // drawing units per CSS pixel
      var font = FONT * unit;
      var bounds = [view.x, view.y, view.x + view.w, view.y + view.h];
      var placed = [];
      var near = {};
      if (focused) {
        near[focused.id] = true;
        focused.lines.forEach(function (line) {
          line.dataset.ends.split(" ").forEach(function (end) { near[end] = true; });
        });
      }
      var order = (focused ? [focused] : [])
        .concat(ranked.filter(function (n) { return near[n.id] && n !== focused; }))
        .concat(ranked.filter(function (n) { return !near[n.id]; }));
      // Each label avoids the labels placed before it and the dots of the entries
      // ranked before it: a name may cover a less important dot, never another name.
      var dots = [];
      order.forEach(function (n) {
        n.r = (DOT + Math.min(4, Math.sqrt(n.degree))) * unit;
        n.circle.setAttribute("r", n.r.toFixed(2));
        n.dot = [n.x - n.r, n.y - n.r, n.x + n.r, n.y + n.r];
        if (visible(n)) dots.push(n);
      });
      order.forEach(function (n) {
        var w = (n === focused ? n.bold : n.width) * font;
        var r = n.r;
        var d = r * Math.SQRT1_2;  // a diagonal's reach from the dot's centre
        if (visible(n)) placed.push(n.dot);
        // [x, baseline, text-anchor, left edge]: right, left, above, below, then above
        // and below reaching right and left. Each label's box (its text and one unit
        // around) keeps two units from its own dot: none of them covers it.
        var gap = 3 * unit;
        var above = n.y - r - gap - font * descent;
        var below = n.y + r + gap + font * ascent;
        var spots = [[n.x + r + gap, n.y + font / 3, "start", n.x + r + gap],
          [n.x - r - gap, n.y + font / 3, "end", n.x - r - gap - w],
          [n.x, above, "middle", n.x - w / 2],
          [n.x, below, "middle", n.x - w / 2],
          [n.x + d, above, "start", n.x + d],
          [n.x + d, below, "start", n.x + d],
          [n.x - d, above, "end", n.x - d - w],
          [n.x - d, below, "end", n.x - d - w]];
        var chosen = null;
        if (visible(n)) {
          var free = spots.map(function (s) {
            s.rect = [s[3] - unit, s[1] - font * ascent - unit, s[3] + w + unit,
              s[1] + font * descent + unit];
            s.covers = dots.filter(function (m) {
              return m !== n && overlaps(m.dot, s.rect);
            });
            return s;
          }).filter(function (s) {
            var rect = s.rect;
            var inside = rect[0] >= bounds[0] && rect[1] >= bounds[1] &&
              rect[2] <= bounds[2] && rect[3] <= bounds[3];
            return inside && !placed.some(function (p) { return overlaps(p, rect); }) &&
              !s.covers.some(function (m) { return m.index > n.index; });
          });
          free.forEach(function (s) {
            if (!chosen || s.covers.length < chosen.covers.length) chosen = s;
          });
          // Only the hubs, and the entry picked out with its neighbours, are named
          // across other dots; any other name waits for a place clear of them.
          if (chosen && chosen.covers.length && !near[n.id] && n.rank >= HUBS) chosen = null;
          if (chosen) placed.push(chosen.rect);
        }
        n.text.setAttribute("font-size", font.toFixed(2));
        if (chosen) {
          n.text.setAttribute("x", chosen[0].toFixed(1));
          n.text.setAttribute("y", chosen[1].toFixed(1));
          n.text.setAttribute("text-anchor", chosen[2]);
          n.text.removeAttribute("visibility");
        } else {
          n.text.setAttribute("visibility", "hidden");
        }
        if (chosen && chosen.covers.length) {
          var rect = chosen.rect;
          n.back.setAttribute("x", rect[0].toFixed(1));
          n.back.setAttribute("y", rect[1].toFixed(1));
          n.back.setAttribute("width", (rect[2] - rect[0]).toFixed(1));
          n.back.setAttribute("height", (rect[3] - rect[1]).toFixed(1));
          n.back.setAttribute("rx", (2 * unit).toFixed(2));
          n.back.removeAttribute("visibility");
        } else {
          n.back.setAttribute("visibility", "hidden");
        }
      });
      svg.style.setProperty("--kb-unit", unit);
    }

    var pending = false;
    function show() {
      svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" "));
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () { pending = false; relabel(); });
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
    var pointer = "mouse";
    svg.addEventListener("pointerdown", function (event) {
      pointer = event.pointerType || "mouse";
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

    // Picking out an entry: it and its neighbours stay bright, the rest fade; its
    // links are written out below the drawing, where a touch screen can read them.
    function highlight(node) {
      each(svg.querySelectorAll("[data-near]"), function (el) { el.removeAttribute("data-near"); });
      if (!node) { svg.removeAttribute("data-picking"); relabel(); return; }
      svg.setAttribute("data-picking", "");
      node.a.setAttribute("data-near", "self");
      node.lines.forEach(function (line) {
        line.setAttribute("data-near", "");
        line.dataset.ends.split(" ").forEach(function (end) {
          if (end !== node.id) nodes[end].a.setAttribute("data-near", "");
        });
      });
      relabel();
    }

    function describe(node) {
      if (!detail) return;
      detail.textContent = "";
      if (!node) { detail.hidden = true; return; }
      var heading = document.createElement("p");
      var link = document.createElement("a");
      link.href = node.a.getAttribute("xlink:href") || node.a.getAttribute("href");
      link.textContent = node.name;
      heading.append(link);
      var shown = node.lines.filter(function (line) {
        return !line.hasAttribute("data-filtered") && !line.hasAttribute("data-kb-later");
      });
      heading.append(": " + shown.length + (shown.length === 1 ? " link" : " links") +
        " in the drawing");
      var list = document.createElement("ul");
      shown.forEach(function (line) {
        var item = document.createElement("li");
        item.textContent = line.querySelector("title").textContent;
        list.append(item);
      });
      detail.append(heading, list);
      detail.hidden = false;
    }

    function focus(node, move) {
      if (focused) focused.a.removeAttribute("data-focused");
      focused = node;
      if (node) node.a.setAttribute("data-focused", "");
      raise(node);
      highlight(node);
      describe(node);
      window.kbKeepInAddress({ focus: node ? node.id : "" });
      if (node && move) {
        var w = Math.max(full.w / 20, Math.min(view.w, full.w / 2.5));
        view = { x: node.x - w / 2, y: node.y - w / 2, w: w, h: w * (full.h / full.w) };
        show();
      }
    }

    svg.addEventListener("pointerover", function (event) {
      var a = event.target.closest("a[data-id]");
      if (a && pointer === "mouse" && !focused) highlight(nodes[a.dataset.id]);
    });
    svg.addEventListener("pointerout", function (event) {
      var a = event.target.closest("a[data-id]");
      if (a && pointer === "mouse" && !focused) highlight(null);
    });
    // A first tap picks an entry out; a tap on the one picked (or a mouse click) opens it.
    svg.addEventListener("click", function (event) {
      var a = event.target.closest("a[data-id]");
      if (!a) { if (focused && !drag) focus(null); return; }
      var node = nodes[a.dataset.id];
      if (pointer !== "mouse" && focused !== node) {
        event.preventDefault();
        focus(node, false);
      }
    });
    svg.addEventListener("focusin", function (event) {
      var a = event.target.closest("a[data-id]");
      if (a && !focused) highlight(nodes[a.dataset.id]);
    });

    var find = form.elements.namedItem("focus");
    var said = form.querySelector("output.kb-network-found");
    // Names and aliases as the datalist offers them, compared without case, hyphens or
    // apostrophes: "al sudani" and "Al-Sudani" are one.
    function plain(text) {
      return text.toLowerCase().replace(/[\u2019'’]/g, "").replace(/[-\u2010-\u2015]/g, " ")
        .replace(/\s+/g, " ").trim();
    }
    var names = [];
    each(form.querySelectorAll("datalist option"), function (option) {
      names.push({ name: plain(option.value), id: option.dataset.id });
    });
    // A whole name as typed picks its entry at once; on Enter (or a choice from the list),
    // the entry whose name or alias holds every word typed, the shortest such name first.
    function found(settle) {
      var typed = plain(find.value);
      said.textContent = "";
      if (!typed) return;
      var id = null, words = typed.split(" "), best = Infinity;
      names.forEach(function (n) {
        if (n.name === typed) { id = n.id; best = -1; }
      });
      if (id === null && settle) {
        names.forEach(function (n) {
          var padded = " " + n.name + " ";
          var all = words.every(function (w) { return padded.indexOf(" " + w) !== -1; });
          if (all && n.name.length < best && nodes[n.id]) { id = n.id; best = n.name.length; }
        });
        if (id === null) {
          said.textContent = "No entry in the network goes by “" + find.value.trim() +
            "”; the site's search, at the top of the page, knows more spellings.";
        }
      }
      if (id && nodes[id] && nodes[id] !== focused) focus(nodes[id], true);
    }
    find.addEventListener("input", function () { found(false); });
    find.addEventListener("change", function () { found(true); });
    find.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); found(true); }
    });

    form.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-zoom]");
      if (!button) return;
      var how = button.dataset.zoom;
      if (how === "reset") {
        view = Object.assign({}, full);
        find.value = "";
        said.textContent = "";
        focus(null);
        show();
        return;
      }
      zoom(how === "in" ? 1 / 1.5 : 1.5, view.x + view.w / 2, view.y + view.h / 2);
    });

    // The kinds and links chosen, and the day of "as reported by" (asof.js keeps the
    // day in the address; only the links known by then, and their ends, are shown).
    function filter() {
      var kinds = {};
      var types = {};
      each(form.elements, function (input) {
        if (input.name === "kind" && input.checked) kinds[input.value] = true;
        if (input.name === "type" && input.checked) types[input.value] = true;
      });
      var day = asof && DAY.test(asof.elements.asof.value) ? asof.elements.asof.value : "";
      function later(el) {
        var reported = el.dataset.reported;
        var out = !!day && (reported === "" || reported > day);
        el.toggleAttribute("data-kb-later", out);
        return out;
      }
      var shown = {};
      each(svg.querySelectorAll("a[data-kind]"), function (node) {
        var ok = !!kinds[node.dataset.kind];
        node.toggleAttribute("data-filtered", !ok);
        if (!later(node) && ok) shown[node.dataset.id] = true;
      });
      lines.forEach(function (line) {
        var ends = line.dataset.ends.split(" ");
        var ok = types[line.dataset.type] && shown[ends[0]] && shown[ends[1]];
        line.toggleAttribute("data-filtered", !ok);
        later(line);
      });
      if (focused) describe(focused);
      relabel();
    }

    form.addEventListener("change", function (event) {
      if (event.target.name !== "focus") filter();
    });
    if (asof) {
      asof.addEventListener("input", filter);
      asof.addEventListener("change", filter);
      asof.addEventListener("reset", function () { window.setTimeout(filter, 0); });
    }
    window.addEventListener("resize", show);
    form.hidden = false;
    filter();
    var wanted = new URLSearchParams(window.location.search).get("focus");
    if (wanted && nodes[wanted]) {
      find.value = nodes[wanted].name;
      focus(nodes[wanted], true);
    }
  }

  window.kbOnPage(setup);
})();
