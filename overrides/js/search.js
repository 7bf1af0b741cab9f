// Search in Material's search box, from the kb pipeline's sharded index (kb-search/,
// written by scripts/kb/render/search.py). Loaded by lazy.js when the reader first goes
// to the box; the longest word of the query picks one shard of words and one of
// spelling skeletons. How a query is folded (apostrophes, dashes, accents, letters
// that transliterations swap) is read from kb-search/folding.json, the table that
// folded the index (kb.spelling.FOLDING): no rule is written here.
(function () {
  "use strict";
  var form = document.forms.namedItem("kb-search");
  if (!form) return;
  var input = form.elements.namedItem("query");
  var toggle = document.getElementById("__search");
  var list = document.getElementById("kb-search-results");
  var meta = list.previousElementSibling;
  var index = new URL(form.dataset.index, location.href);
  var site = new URL("..", index);
  var shards = new Map();
  var KIND_RANK = { Person: 0.6, Group: 0.6, Place: 0.6, Event: 0.3, Source: 0, Page: 0.2 };
  var MAX_SHOWN = 12;
  var asked = "";

  // The rules of kb.spelling.FOLDING, and PREFIX (letters that name a shard), from
  // beside the shards; without them (the index failed to load) nothing is answered.
  var rules = null, dropped = null;
  var ready = fetch(new URL("folding.json", index))
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (loaded) {
      if (!loaded) return;
      dropped = new RegExp("[" + loaded.dropped.map(function (category) {
        return "\\p{" + category + "}";
      }).join("") + "]", "gu");
      rules = loaded;
    })
    .catch(function () {});

  // kb.spelling.fold: apostrophes deleted, hyphens and dashes made spaces.
  function fold(text) {
    return Array.from(text, function (ch) {
      return rules.joined.indexOf(ch) >= 0 ? "" : rules.breaks.indexOf(ch) >= 0 ? " " : ch;
    }).join("");
  }
  // kb.spelling.words and kb.spelling.skeleton, step for step.
  function words(text) {
    return fold(text).normalize("NFKD").replace(dropped, "").toLowerCase()
      .split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }
  function skeleton(word) {
    if (word.length < rules.skeleton_from || /[^a-z]/.test(word)) return "";
    var w = word;
    rules.sounds.forEach(function (pair) { w = w.split(pair[0]).join(pair[1]); });
    var kept = rules.vowels.indexOf(w[0]) >= 0 ? "a" : w[0];
    for (var i = 1; i < w.length; i++) {
      if (rules.vowels.indexOf(w[i]) < 0 && w[i] !== kept[kept.length - 1]) kept += w[i];
    }
    return kept;
  }

  // Tests compare these with Python's, once `ready` has settled.
  window.kbSpelling = { ready: ready, words: words, skeleton: skeleton };

  function shard(folder, key) {
    var path = folder + "/" + encodeURIComponent(key.slice(0, rules.prefix)) + ".json";
    if (!shards.has(path)) {
      shards.set(path, fetch(new URL(path, index))
        .then(function (response) { return response.ok ? response.json() : { w: {}, p: {} }; })
        .catch(function () { return { w: {}, p: {} }; }));
    }
    return shards.get(path);
  }

  // How well one query word matches one name: 3 whole word, 2 start, 1 same skeleton.
  function wordScore(queryWord, name) {
    var best = 0, sound = skeleton(queryWord);
    words(name).forEach(function (word) {
      if (word === queryWord) best = Math.max(best, 3);
      else if (word.indexOf(queryWord) === 0) best = Math.max(best, 2);
      else if (sound && skeleton(word).indexOf(sound) === 0) best = Math.max(best, 1);
    });
    return best;
  }

  // 2 if the query is the whole name, 1 if the name starts with it: an entry named
  // "Pentagon" before an event whose title mentions the Pentagon.
  function opening(nameWords, queryWords) {
    var last = queryWords.length - 1;
    for (var i = 0; i < last; i++) if (nameWords[i] !== queryWords[i]) return 0;
    if (!nameWords[last] || nameWords[last].indexOf(queryWords[last]) !== 0) return 0;
    return nameWords.length === queryWords.length &&
      nameWords[last] === queryWords[last] ? 2 : 1;
  }

  // A page's score for the whole query, and the name that matched best.
  function rank(record, queryWords) {
    var names = [record[1]].concat(record[3]), best = null;
    names.forEach(function (name, position) {
      var total = 0;
      for (var i = 0; i < queryWords.length; i++) {
        var score = wordScore(queryWords[i], name);
        if (!score) return;
        total += score;
      }
      total += position === 0 ? 0.5 : 0;  // a title match before an alias match
      total += opening(words(name), queryWords);
      if (!best || total > best.score) best = { score: total, name: name };
    });
    if (best) best.score += KIND_RANK[record[2]] || 0;
    return best;
  }

  function search(query) {
    return ready.then(function () { return lookUp(query); });
  }

  function lookUp(query) {
    if (!rules) return Promise.resolve(null);
    var queryWords = words(query);
    var longest = queryWords.reduce(function (a, b) { return b.length > a.length ? b : a; }, "");
    if (longest.length < rules.prefix) return Promise.resolve(null);
    var sound = skeleton(longest);
    if (sound.length < rules.prefix) sound = "";
    return Promise.all([shard("words", longest), sound ? shard("sounds", sound) : null])
      .then(function (found) {
        var pages = {};
        found.forEach(function (part, n) {
          if (!part) return;
          var key = n === 0 ? longest : sound;
          Object.keys(part.w).forEach(function (word) {
            if (word.indexOf(key) !== 0) return;
            // Numbers are each shard's own: a page found in both shards is one, by its url.
            part.w[word].forEach(function (p) { pages[part.p[p][0]] = part.p[p]; });
          });
        });
        return Object.keys(pages).map(function (p) {
          var match = rank(pages[p], queryWords);
          return match && { record: pages[p], score: match.score, name: match.name };
        }).filter(Boolean).sort(function (a, b) {
          return b.score - a.score || a.record[1].length - b.record[1].length ||
            a.record[1].localeCompare(b.record[1]);
        });
      });
  }

  var config = document.getElementById("__config");
  var translations = config ? JSON.parse(config.textContent).translations || {} : {};
  function translate(key, count) {
    return (translations[key] || key).replace("#", String(count));
  }

  function show(results) {
    list.replaceChildren();
    if (results === null) {
      meta.textContent = translate("search.result.placeholder");
      return;
    }
    meta.textContent = results.length === 0 ? translate("search.result.none")
      : translate(results.length === 1 ? "search.result.one" : "search.result.other",
        results.length);
    results.slice(0, MAX_SHOWN).forEach(function (result) {
      var record = result.record;
      var item = document.createElement("li");
      item.className = "md-search-result__item";
      var link = document.createElement("a");
      link.className = "md-search-result__link";
      link.href = new URL(record[0], site).href;
      var article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      // Names in their own direction, as <bdi> isolates them on the pages
      // (kb.render.text.isolate).
      var title = document.createElement("h1");
      title.dir = "auto";
      title.textContent = record[1];
      var about = document.createElement("p");
      about.textContent = record[2];
      if (result.name !== record[1]) {
        var alias = document.createElement("bdi");
        alias.textContent = result.name;
        about.append(" · also ", alias);
      }
      article.append(title, about);
      link.append(article);
      item.append(link);
      list.append(item);
    });
  }

  function answer() {
    var query = input.value;
    asked = query;
    search(query).then(function (results) {
      if (asked === query) show(results);  // a slower earlier query must not win
    });
  }

  function open() { if (toggle && !toggle.checked) toggle.checked = true; }
  function close() {
    if (toggle) toggle.checked = false;
    input.blur();
  }

  input.addEventListener("focus", open);
  input.addEventListener("input", answer);
  form.addEventListener("reset", function () { window.setTimeout(answer, 0); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) location.href = first.href;
  });
  if (toggle) {
    toggle.addEventListener("change", function () {
      if (toggle.checked) input.focus();
    });
  }
  // Loaded while the reader is already in the box, perhaps already typing.
  if (document.activeElement === input) {
    open();
    if (input.value) answer();
  } else if (toggle && toggle.checked) {
    input.focus();
  }
  // Escape and arrows here; the keys that open search are in lazy.js.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle && toggle.checked) {
      close();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (!toggle || !toggle.checked || (at < 0 && event.target !== input)) return;
      event.preventDefault();
      var next = event.key === "ArrowDown" ? at + 1 : at - 1;
      if (next < 0) input.focus();
      else if (next < links.length) links[next].focus();
    }
  });
})();
