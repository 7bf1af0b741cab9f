// The network page: zoom, pan, filters, finding and picking out an entry, and the
// "as reported by" day, over the SVG drawn at build time (kb/pipeline/render/graph.py). The
// drawing and its links work without this script. With it, names keep one size on
// screen at every zoom and are shown by importance: most connected first, each where
// it overlaps no other name, covers no dot and is not cut at the edge, the rest
// hidden until zooming in makes room (issue 17, item 3). An entry picked out or
// hovered is named first, then its neighbours, closest first. The entry picked stays
// in the address (?focus=abu-taqwa). An address naming no entry of the network is
// told so in the find box's message and dropped from the address; an entry hidden by
// the "as reported by" day or a filter is named there with the reason, and picked out
// once shown again (issue 17: both had been ignored without a word).
// Globals defined: none.
(function () {
  "use strict";

  var here = (document.currentScript && document.currentScript.src) || location.href;
  var FONT = 13;  // label size on screen, in CSS pixels
  var DOT = 4.5;  // smallest node radius on screen, in CSS pixels
  var DAY = /^\d{4}-\d{2}-\d{2}$/;
  // At the default view, the names of this many most connected entries may lie across
  // less connected dots, on a backing painted over them (the hubs are drawn last): a
  // dense centre otherwise leaves the network's main entries unnamed on a phone.
  var HUBS = 10;
  // Where along a name above or below its dot the dot may stand, as a share of the
  // name's width from its left edge (0.5, the middle, is tried first).
  var SLIDES = [0.375, 0.625, 0.25, 0.75, 0.125, 0.875, 0, 1];

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  function overlaps(a, b) {
    return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
  }

  // "7 January 2024", as the "as reported by" bar writes a day (asof.js).
  function words(day) {
    return new Date(day + "T12:00:00Z").toLocaleDateString("en-GB", {
      day: "numeric", month: "long", year: "numeric", timeZone: "UTC"
    });
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

    // Every node once: its circle, label, its place in the drawing's order (later ones
    // are painted over earlier ones), the label's width per unit of font size, regular
    // and bold (the entry picked out is named in bold), and its links.
    var nodes = {};
    each(svg.querySelectorAll("a[data-id]"), function (a, index) {
      var text = a.querySelector("text");
      var circle = a.querySelector("circle");
      var size = Number(text.getAttribute("font-size"));
      var width = text.getComputedTextLength() / size;
      text.style.fontWeight = "bold";
      var bold = Math.max(width, text.getComputedTextLength() / size);
      text.style.fontWeight = "";
      // A backing for the name, shown only where an entry picked out, or one of its
      // neighbours, is named across a faded dot: that dot does not show through it.
      var back = document.createElementNS("http://www.w3.org/2000/svg", "rect");
      back.setAttribute("class", "kb-label-back");
      back.setAttribute("visibility", "hidden");
      a.insertBefore(back, text);
      nodes[a.dataset.id] = {
        id: a.dataset.id, a: a, text: text, circle: circle, back: back, index: index,
        name: a.querySelector("title").textContent.replace(/ \([^)]*\)$/, ""),
        x: circle.cx.baseVal.value, y: circle.cy.baseVal.value,
        degree: Number(a.dataset.degree) || 0, facts: Number(a.dataset.facts) || 0,
        width: width, bold: bold,
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
    var hovered = null;  // under the mouse, or the keyboard's focus, while none is picked
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

    // Names at one size on screen, placed most important first where they overlap no
    // name already placed, cover no dot (the whole square around each circle: a name
    // across a dot reads as two overlapping names, a reader's trial at 390 px found) and
    // stay inside the view; the others hidden. Most important: the entry picked out or
    // hovered, then its neighbours: those it shares most links with, then those the
    // site says most of (statements recorded: Abu Taqwa, the site's subject, before the
    // groups around him), then the most connected first (a reader hovering Harakat al-Nujaba at 1366 px saw 12 neighbours
    // highlighted and 5 named, Abu Taqwa not among them), then every other entry by its
    // number of links. While an entry is picked out the others fade: its name and its
    // neighbours' may then lie across faded dots (never a bright one), on a backing.
    function relabel() {
      var box = svg.getBoundingClientRect();
      if (!box.width) return;
      var unit = view.w / box.width;  // drawing units per CSS pixel
      var font = FONT * unit;
      var bounds = [view.x, view.y, view.x + view.w, view.y + view.h];
      var placed = [];
      var picked = focused || hovered;
      if (picked && !visible(picked)) picked = null;  // not drawn: nothing to name first
      var near = {};
      if (picked) {
        near[picked.id] = Infinity;
        picked.lines.forEach(function (line) {
          if (line.hasAttribute("data-filtered") || line.hasAttribute("data-kb-later")) return;
          line.dataset.ends.split(" ").forEach(function (end) {
            if (end !== picked.id) near[end] = (near[end] || 0) + 1;
          });
        });
      }
      var neighbours = ranked.filter(function (n) { return near[n.id] && n !== picked; })
        .sort(function (a, b) {
          return near[b.id] - near[a.id] || b.facts - a.facts || a.rank - b.rank;
        });
      var order = (picked ? [picked] : []).concat(neighbours)
        .concat(ranked.filter(function (n) { return !near[n.id]; }));
      var dots = [];
      var at = [view.x, view.y, view.w, view.h, box.width].join(" ");  // this view
      var named = {};  // entries whose name is placed
      var hidden = {};  // entries under a hub's name, left unnamed

      // May n's name cross m's dot, and at what cost (the cheapest place is taken)?
      // 1: the picked entry's or a neighbour's name across a faded dot, or with none
      // picked a hub's across a lesser dot not yet named; 2: the hovered entry's across
      // a neighbour's (hovering never hides a name); else Infinity.
      function crossing(n, m) {
        if (near[n.id] && !near[m.id]) return 1;
        if (!picked && n.rank < HUBS && m.degree < n.degree && !named[m.id]) return 1;
        if (n === hovered && !focused) return 2;
        return Infinity;
      }
      order.forEach(function (n) {
        n.r = (DOT + Math.min(4, Math.sqrt(n.degree))) * unit;
        n.circle.setAttribute("r", n.r.toFixed(2));
        n.dot = [n.x - n.r, n.y - n.r, n.x + n.r, n.y + n.r];
        if (visible(n)) dots.push(n);
      });
      order.forEach(function (n) {
        var w = (n === focused ? n.bold : n.width) * font;
        var r = n.r;
        // [x, baseline, text-anchor, left edge]: right, left, above, below, then above
        // and below slid along the name (the dot under any part of it), then right and
        // left half a line up or down. Each label's box (its text and one unit around,
        // as wide as the text's halo) keeps two units from its own dot.
        var gap = 3 * unit;
        var above = n.y - r - gap - font * descent;
        var below = n.y + r + gap + font * ascent;
        var middle = n.y + font / 3;
        var spots = [[n.x + r + gap, middle, "start", n.x + r + gap],
          [n.x - r - gap, middle, "end", n.x - r - gap - w],
          [n.x, above, "middle", n.x - w / 2],
          [n.x, below, "middle", n.x - w / 2]];
        SLIDES.forEach(function (f) {
          spots.push([n.x - w * f, above, "start", n.x - w * f],
                     [n.x - w * f, below, "start", n.x - w * f]);
        });
        [-0.5, 0.5].forEach(function (f) {
          spots.push([n.x + r + gap, middle + f * font, "start", n.x + r + gap],
                     [n.x - r - gap, middle + f * font, "end", n.x - r - gap - w]);
        });
        var chosen = null;
        if (visible(n) && !hidden[n.id]) {
          spots.forEach(function (s, i) { s.index = i; });
          chosen = spots.map(function (s) {
            s.rect = [s[3] - unit, s[1] - font * ascent - unit, s[3] + w + unit,
              s[1] + font * descent + unit];
            return s;
          }).filter(function (s) {
            var rect = s.rect;
            var inside = rect[0] >= bounds[0] && rect[1] >= bounds[1] &&
              rect[2] <= bounds[2] && rect[3] <= bounds[3];
            s.cost = 0;  // of the dearest dot crossed
            return inside && !placed.some(function (p) { return overlaps(p, rect); }) &&
              !dots.some(function (m) {
                if (!overlaps(m.dot, rect)) return false;
                s.cost = Math.max(s.cost, crossing(n, m));
                return s.cost === Infinity;
              });
          }).sort(function (a, b) {
            // The hovered name keeps its spot in this view: moved, it left the mouse,
            // and a neighbour's name put there took the hover over.
            if (n === hovered && n.place === at + " " + a.index) return -1;
            if (n === hovered && n.place === at + " " + b.index) return 1;
            return a.cost - b.cost;
          })[0] || null;
          if (chosen) placed.push(chosen.rect);
          if (chosen) named[n.id] = true;
          // The less connected dots under a hub's name stay unnamed: their name would
          // float beside a dot the reader cannot see.
          if (chosen && chosen.cost > 0 && !picked) {
            dots.forEach(function (m) { if (overlaps(m.dot, chosen.rect)) hidden[m.id] = true; });
          }
        }
        n.place = chosen ? at + " " + chosen.index : null;  // the spot taken, in this view
        n.text.setAttribute("font-size", font.toFixed(2));
        if (chosen) {
          n.text.setAttribute("x", chosen[0].toFixed(1));
          n.text.setAttribute("y", chosen[1].toFixed(1));
          n.text.setAttribute("text-anchor", chosen[2]);
          n.text.removeAttribute("visibility");
        } else {
          n.text.setAttribute("visibility", "hidden");
        }
        if (chosen && chosen.cost > 0) {  // across a dot: on a backing, the dot hidden
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
    var raised = null;
    function highlight(node) {
      hovered = focused ? null : node;
      // Its name and its neighbours' are painted over the faded dots they may cross.
      if ((focused || node) !== raised) {
        raised = focused || node;
        raise(raised);
      }
      each(svg.querySelectorAll("[data-near]"), function (el) { el.removeAttribute("data-near"); });
      // An entry picked out but not drawn (see unseen) fades nothing: the reader would
      // see a faded drawing with nothing bright in it.
      if (!node || !visible(node)) { svg.removeAttribute("data-picking"); relabel(); return; }
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

    // Why the entry picked out is not drawn ("" when it is): its kind unticked, or
    // none of its links reported by the "as reported by" day.
    function unseen(node) {
      var reasons = [];
      if (node.a.hasAttribute("data-filtered")) {
        var box = form.querySelector('input[name=kind][value="' + node.a.dataset.kind + '"]');
        var kind = box ? box.parentNode.textContent.trim() : node.a.dataset.kind;
        reasons.push(kind + " are unticked under \u201cShow entries\u201d");
      }
      if (node.a.hasAttribute("data-kb-later")) {
        var day = words(asof.elements.asof.value);
        var first = node.a.dataset.reported;
        reasons.push(first
          ? "the entry's first link was reported on " + words(first) + ", after the " +
            "\u201cas reported by\u201d day, " + day
          : "the entry's links come only from undated sources, which the \u201cas " +
            "reported by\u201d day (" + day + ") leaves out");
      }
      return reasons.length ? node.name + " is not in the drawing: " +
        reasons.join("; ") + "." : "";
    }

    // The find box's message about the entry picked out: why it is hidden, if it is.
    // A message of its own (a name it does not know) is left as it is.
    var hiding = "";
    function tell(node) {
      var why = node ? unseen(node) : "";
      if (why || said.textContent === hiding) said.textContent = why;
      hiding = why;
      return why;
    }

    var waiting = false;  // the entry picked out is hidden: moved to once shown
    function focus(node, move) {
      if (focused) focused.a.removeAttribute("data-focused");
      focused = node;
      if (node) node.a.setAttribute("data-focused", "");
      highlight(node);
      describe(node);
      window.kbKeepInAddress({ focus: node ? node.id : "" });
      // Not drawn: the view stays where it is, rather than move to an empty spot.
      waiting = !!(tell(node) && node);
      if (waiting) return;
      if (node && move) {
        var w = Math.max(full.w / 20, Math.min(view.w, full.w / 2.5));
        view = { x: node.x - w / 2, y: node.y - w / 2, w: w, h: w * (full.h / full.w) };
        show();
      } else if (node) {
        makeRoom(node);
      }
    }

    // An entry tapped where names have no room (a phone's crowded centre): zoom in
    // around it, the entry staying under the finger, until it and at least half its
    // neighbours are named, or three steps in.
    function makeRoom(node) {
      function named(n) { return n.text.getAttribute("visibility") !== "hidden"; }
      function enough() {
        var around = svg.querySelectorAll("a[data-near]");
        var shown = Array.prototype.filter.call(around, function (a) {
          return named(nodes[a.dataset.id]);
        });
        return named(node) && shown.length * 2 >= around.length;
      }
      for (var step = 0; step < 3 && !enough() && view.w > full.w / 20; step++) {
        zoom(1 / 1.5, node.x, node.y);
        relabel();
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
    function unknown(name) {
      return "No entry in the network goes by \u201c" + name +
        "\u201d; the site's search, at the top of the page, knows more spellings.";
    }
    // Names and aliases as the datalist offers them, folded as the site search folds
    // what a reader types (spelling.js, with the rules of kb-search/folding.json):
    // apostrophes, hyphens, accents and case aside, Ain and Ayn, Hezbollah and
    // Hizballah, -ise and -ize one; short words (al, el) and stop words left out as
    // search leaves them out. Loaded when the reader first goes to the box.
    var options = Array.prototype.map.call(form.querySelectorAll("datalist option"),
      function (option) { return { text: option.value, id: option.dataset.id }; });
    var folds = null, near = 6, names = [], folding = null;
    function keyed(text) {
      var all = folds.words(text);
      var kept = all.filter(folds.searched);
      return (kept.length ? kept : all).map(function (word) {
        var k = folds.key(word);
        return { key: k, sound: folds.sound(k) };
      });
    }
    function loadFolds() {
      if (!folding) {
        var search = document.forms.namedItem("kb-search");
        var index = search && search.dataset.index ?
          new URL(search.dataset.index, document.baseURI) : null;
        folding = Promise.all([
          index ? fetch(new URL("folding.json", index)).then(function (response) {
            return response.ok ? response.json() : null;
          }) : null,
          import(new URL("spelling.js", here).href)
        ]).then(function (loaded) {
          if (!loaded[0]) return;
          folds = loaded[1].folding(loaded[0]);
          if (loaded[0].index && loaded[0].index.near) near = loaded[0].index.near;
          names = options.map(function (option) {
            return { id: option.id, length: option.text.length, words: keyed(option.text) };
          });
        }).catch(function () {});
      }
      return folding;
    }
    // One letter added, left out or changed: the typo the site search forgives in a
    // word this long (kb.pipeline.render.search.NEAR, less one, as search.js has it).
    function oneOff(a, b) {
      if (a.length < near - 1 || Math.abs(a.length - b.length) > 1) return false;
      var i = 0;
      while (i < a.length && a[i] === b[i]) i++;
      return a.slice(i + 1) === b.slice(i + 1) || a.slice(i) === b.slice(i + 1) ||
        a.slice(i + 1) === b.slice(i);
    }
    // How well a word typed matches a word of a name: 3 the same key, 2 the same
    // spelling skeleton, 1 the start of the word or one letter off; 0 not at all.
    function match(typed, word) {
      if (typed.key === word.key) return 3;
      if (typed.sound && typed.sound === word.sound) return 2;
      if (word.key.indexOf(typed.key) === 0 || oneOff(typed.key, word.key)) return 1;
      return 0;
    }
    // A whole name as typed (each word its key or its skeleton, in order) picks its
    // entry at once; on Enter (or a choice from the list), the entry whose name or alias
    // holds every word typed, best matched first, then the shortest name.
    function found(settle) {
      said.textContent = "";
      if (!find.value.trim()) return;
      var id = null, best = -Infinity;
      if (folds) {
        var typed = keyed(find.value);
        if (!typed.length) return;
        names.forEach(function (n) {
          if (n.words.length !== typed.length || !nodes[n.id]) return;
          var score = 0;
          typed.forEach(function (word, i) {
            var how = match(word, n.words[i]);
            score += how >= 2 ? how : -Infinity;
          });
          if (score > best) { id = n.id; best = score; }
        });
        if (id === null && settle) {
          names.forEach(function (n) {
            if (!nodes[n.id]) return;
            var score = 0;
            typed.forEach(function (word) {
              var how = Math.max.apply(null, n.words.map(function (w) { return match(word, w); }));
              score += how ? how : -Infinity;
            });
            score -= n.length / 1000;  // the shortest name among equals
            if (score > best) { id = n.id; best = score; }
          });
        }
      } else {
        // The folds could not load: a whole name, as written, case aside.
        options.forEach(function (option) {
          if (option.text.toLowerCase() === find.value.trim().toLowerCase()) id = option.id;
        });
      }
      if (id === null && settle) said.textContent = unknown(find.value.trim());
      if (id && nodes[id] && nodes[id] !== focused) focus(nodes[id], true);
      else if (id && nodes[id]) tell(focused);  // still hidden: say so again
    }
    // The folds arrive after the first key: what has been typed by then is looked up.
    function typed(settle) {
      loadFolds().then(function () { found(settle); });
    }
    find.addEventListener("focus", loadFolds);
    find.addEventListener("input", function () { typed(false); });
    find.addEventListener("change", function () { typed(true); });
    find.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); typed(true); }
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
      if (!focused) { relabel(); return; }
      // Picked out while hidden, and shown now: moved to, as it would have been.
      if (!tell(focused) && waiting) { focus(focused, true); return; }
      highlight(focused);
      describe(focused);
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
    } else if (wanted) {
      said.textContent = unknown(wanted);
      window.kbKeepInAddress({ focus: "" });
    }
  }

  window.kbOnPage(setup);
})();
