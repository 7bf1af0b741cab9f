// Full-text search in Material's search box, from the kb pipeline's sharded index
// (kb-search/, written by scripts/kb/pipeline/render/search.py, which describes its files).
// Loaded by lazy.js when the reader first goes to the box. Each word of the query
// loads the shard of its first three letters, and the keys that share its spelling
// skeleton (Suleimani, Soleimani); MiniSearch (js/vendor/, loaded with this) scores
// the documents of those shards, and the Porter2 stemmer makes word forms one
// (withdraw, withdrawal). How a query is folded (apostrophes, dashes, accents, British
// and American endings, letters that transliterations swap, Arabic letters written two
// ways) is read from kb-search/folding.json, the table that folded the index
// (kb.text.spelling.FOLDING), and so is how each kind of page ranks (kb.model.Kind.search_rank):
// no rule is written here; the code that applies the folds is spelling.js, which the
// network's find box imports too.
//
// Ranking, per page, by its best document: how many of the query's words it holds
// (not all need be there), then names and aliases before titles before text, then how
// well the words match (whole, word form, start of a word, same skeleton or one letter
// off), the kind of page, then MiniSearch's score. A "quoted phrase" must stand as
// typed in the document's text. Each result shows the document that matched, its
// words marked, and leads to its place on the page (kb.pipeline.render.anchors).
// Globals defined: kbSpelling.
(function () {
  "use strict";
  var form = document.forms.namedItem("kb-search");
  if (!form) return;
  var input = form.elements.namedItem("query");
  var toggle = document.getElementById("__search");
  var list = document.getElementById("kb-search-results");
  var meta = list.previousElementSibling;
  var here = document.currentScript ? document.currentScript.src : location.href;
  // Relative to the page's base, not its address: the 404 page of a build without a
  // published address is served at any depth and sets its base to the site's root.
  var index = new URL(form.dataset.index, document.baseURI);
  var site = new URL("..", index);
  var files = new Map(), engines = new Map();
  var MAX_SHOWN = 12;
  var PHRASE_BATCHES = 8;  // pages checked for a quoted phrase: at most 8 × MAX_SHOWN
  var NAME = 0, TEXT = 2;
  var asked = "";

  // How results look: here, not in every page's stylesheet, as only searching readers
  // see them. Long event and source titles wrap; a result's sentence takes at most
  // three lines, its matched words marked.
  var style = document.createElement("style");
  style.textContent = ".kb-search .md-search-result__article h1 { white-space: normal; " +
    "overflow-wrap: anywhere; } .kb-search .md-search-result__list { max-width: 100%; } " +
    ".kb-search .kb-search-said { display: -webkit-box; " +
    "-webkit-box-orient: vertical; -webkit-line-clamp: 3; overflow: hidden; " +
    "color: var(--md-default-fg-color--light); } " +
    ".kb-search .kb-search-said mark { color: var(--md-default-fg-color); " +
    "background-color: var(--md-accent-fg-color--transparent); font-weight: 700; }";
  document.head.append(style);

  // A vendored library, read as the CommonJS module it is: nothing becomes global.
  function library(name) {
    return fetch(new URL("vendor/" + name, here))
      .then(function (response) {
        if (!response.ok) throw new Error(name + ": " + response.status);
        return response.text();
      })
      .then(function (code) {
        var module = { exports: {} };
        new Function("module", "exports", code)(module, module.exports);
        return module.exports;
      });
  }

  // The rules of kb.text.spelling.FOLDING, PREFIX, the stop words and the index's figures,
  // from beside the shards; the folds that apply them (spelling.js, shared with the
  // network's find box); and the two libraries. Without them (the index failed to load)
  // nothing is answered.
  var rules = null, token = null;
  var words = null, skeleton = null, key = null, searched = null, sound = null;
  var MiniSearch = null, stemmer = null;
  var ready = Promise.all([
    fetch(new URL("folding.json", index)).then(function (response) {
      return response.ok ? response.json() : null;
    }),
    import(new URL("spelling.js", here).href),
    library("minisearch.js"),
    library("wink-porter2-stemmer.js")
  ]).then(function (loaded) {
    if (!loaded[0]) return;
    var folds = loaded[1].folding(loaded[0]);
    words = folds.words;
    skeleton = folds.skeleton;
    key = folds.key;
    searched = folds.searched;
    sound = folds.sound;
    token = new RegExp("[\\p{L}\\p{N}\\p{M}" + loaded[0].joined.replace(/[\\\]^-]/g, "\\$&") +
      "]+", "gu");
    MiniSearch = loaded[2];
    stemmer = loaded[3];
    rules = loaded[0];
  }).catch(function () {});

  // What MiniSearch matches: the word form's stem (Porter2), for words in plain letters.
  function term(searchKey) {
    return /^[a-z]+$/.test(searchKey) ? stemmer(searchKey) : searchKey;
  }

  // Tests compare these with Python's, once `ready` has settled.
  window.kbSpelling = {
    ready: ready,
    words: function (text) { return words(text); },
    skeleton: function (word) { return skeleton(word); },
    key: function (word) { return key(word); }
  };

  function file(path) {
    if (!files.has(path)) {
      files.set(path, fetch(new URL(path, index))
        .then(function (response) { return response.ok ? response.json() : null; })
        .catch(function () { return null; }));
    }
    return files.get(path);
  }
  function shardPath(folder, name) {
    return folder + "/" + encodeURIComponent(name) + ".json";
  }

  // One shard of words as a MiniSearch index: its keys' postings merged by stem, in
  // the fields their documents are in, with the whole index's figures.
  function engine(prefix) {
    var path = shardPath("words", prefix);
    if (!engines.has(path)) {
      engines.set(path, file(path).then(function (shard) {
        if (!shard) return null;
        var figures = rules.index, merged = new Map();
        Object.keys(shard.t).forEach(function (searchKey) {
          var stem = term(searchKey);
          if (!merged.has(stem)) merged.set(stem, {});
          var byField = merged.get(stem), postings = shard.t[searchKey];
          Object.keys(postings).forEach(function (doc) {
            var field = shard.d[doc][0];
            var counts = byField[field] || (byField[field] = {});
            counts[doc] = (counts[doc] || 0) + postings[doc];
          });
        });
        var documentIds = {}, fieldLength = {};
        Object.keys(shard.d).forEach(function (doc) {
          var lengths = figures.fields.map(function () { return 0; });
          lengths[shard.d[doc][0]] = shard.d[doc][2];
          documentIds[doc] = Number(doc);
          fieldLength[doc] = lengths;
        });
        var fieldIds = {};
        figures.fields.forEach(function (field, n) { fieldIds[field] = n; });
        var found = MiniSearch.loadJSON(JSON.stringify({
          documentCount: figures.documents, nextId: figures.documents,
          documentIds: documentIds, fieldIds: fieldIds, fieldLength: fieldLength,
          averageFieldLength: figures.lengths, storedFields: {}, dirtCount: 0,
          index: Array.from(merged), serializationVersion: 2
        }), {
          fields: figures.fields,
          tokenize: function (text) { return [text]; },  // terms come ready-made
          processTerm: function (text) { return text; }
        });
        return { found: found, docs: shard.d };
      }));
    }
    return engines.get(path);
  }

  // The query's words (those long enough to be looked up), each with its key, stem and
  // skeleton; the last one, still being typed, also matches the start of a word.
  function parse(query) {
    var phrases = [];
    query.replace(/["“”„«»]([^"“”„«»]+)["“”„«»]/g, function (whole, inner) {
      if (words(inner).length > 1) phrases.push(words(inner));
      return whole;
    });
    var all = words(query), seen = {};
    var typing = /[\p{L}\p{N}]$/u.test(query);
    var asked = [];
    all.forEach(function (word, n) {
      if (!searched(word)) return;
      var searchKey = key(word);
      if (seen[searchKey]) return;
      seen[searchKey] = true;
      asked.push({ word: word, key: searchKey, term: term(searchKey),
                   sound: sound(searchKey),
                   prefix: typing && n === all.length - 1 });
    });
    var short = all.filter(function (word) {
      return word.length < rules.prefix && rules.stopwords.indexOf(word) < 0;
    });
    return { all: all, asked: asked, phrases: phrases, short: short };
  }

  // The keys that share a word's skeleton (or, while it is typed, start with it).
  function variants(word) {
    if (!word.sound) return Promise.resolve([]);
    return file(shardPath("sounds", word.sound.slice(0, rules.prefix))).then(function (sounds) {
      var found = [];
      Object.keys(sounds || {}).forEach(function (sound) {
        if (sound === word.sound || (word.prefix && sound.indexOf(word.sound) === 0)) {
          sounds[sound].forEach(function (variant) {
            if (variant !== word.key) found.push(variant);
          });
        }
      });
      return found;
    });
  }

  // The shards that may hold a word one letter off among its first three letters: a
  // deleted letter among the first four of the word meant gives what the word typed
  // gives (kb.pipeline.render.search.deletions).
  function nearShards(word) {
    var start = word.key.slice(0, 4), keys = {};
    keys[word.key.slice(0, rules.prefix)] = true;
    for (var i = 0; i < start.length; i++) keys[start.slice(0, i) + start.slice(i + 1)] = true;
    return Promise.all(Object.keys(keys).map(function (k) {
      return file(shardPath("near", k.slice(0, 2))).then(function (near) {
        return (near && near[k]) || [];
      });
    })).then(function (found) {
      var prefixes = {};
      found.forEach(function (list) { list.forEach(function (p) { prefixes[p] = true; }); });
      delete prefixes[word.key.slice(0, rules.prefix)];
      return Object.keys(prefixes);
    });
  }

  // Hits of one query word: {doc: {score, quality, terms}}.
  function lookUpWord(word) {
    return variants(word).then(function (others) {
      var prefixes = {};
      [word.key].concat(others).forEach(function (k) { prefixes[k.slice(0, rules.prefix)] = true; });
      var otherTerms = others.map(term);
      return Promise.all(Object.keys(prefixes).map(engine)).then(function (found) {
        var hits = collect(word, found, otherTerms, false);
        if (Object.keys(hits).length || word.word.length < rules.index.near - 1) return hits;
        // A typo: one letter off in the shards loaded, else in the shards that may hold
        // the word meant.
        hits = collect(word, found, [], true);
        if (Object.keys(hits).length) return hits;
        return nearShards(word).then(function (more) {
          return Promise.all(more.map(engine)).then(function (extra) {
            return collect(word, extra, [], true);
          });
        });
      });
    });
  }

  function collect(word, found, otherTerms, fuzzy) {
    var hits = {};
    found.forEach(function (shard) {
      if (!shard) return;
      var results = shard.found.search(word.term, { prefix: word.prefix, fuzzy: fuzzy ? 1 : false });
      if (otherTerms.length) {
        results = results.concat(shard.found.search({ combineWith: "OR", queries: otherTerms }));
      }
      results.forEach(function (result) {
        var terms = Object.keys(result.match);
        var quality = fuzzy ? 1 : terms.indexOf(word.term) >= 0 ? 3 :
          terms.some(function (t) { return t.indexOf(word.term) === 0; }) ? 2 : 1;
        var hit = hits[result.id];
        if (!hit) {
          hits[result.id] = { score: result.score, quality: quality, terms: terms,
                              doc: shard.docs[result.id] };
        } else {
          hit.score += result.score;
          hit.quality = Math.max(hit.quality, quality);
          hit.terms = hit.terms.concat(terms);
        }
      });
    });
    return hits;
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

  // Ties go by name, then by number: a page's number is a hash of its path
  // (kb.pipeline.render.search.page_numbers), stable but in no order a reader would know.
  function better(a, b) {
    return b.words - a.words || a.field - b.field || b.rank - a.rank || b.score - a.score ||
      byName(a, b) || a.id - b.id;
  }
  function byName(a, b) {
    var x = a.name || "", y = b.name || "";
    return x < y ? -1 : x > y ? 1 : 0;
  }

  function search(query) {
    return ready.then(function () { return lookUp(query); });
  }

  function lookUp(query) {
    if (!rules) return Promise.resolve(null);
    var parsed = parse(query);
    if (!parsed.asked.length) return Promise.resolve(null);
    return Promise.all(parsed.asked.map(lookUpWord)).then(function (perWord) {
      var docs = {};
      perWord.forEach(function (hits) {
        Object.keys(hits).forEach(function (id) {
          var hit = hits[id], doc = docs[id];
          if (!doc) {
            doc = docs[id] = { id: Number(id), words: 0, quality: 0, score: 0, terms: [],
                               field: hit.doc[0], kind: rules.index.kinds[hit.doc[1]],
                               name: hit.doc[3] };
          }
          doc.words += 1;
          doc.quality += hit.quality;
          doc.score += hit.score;
          doc.terms = doc.terms.concat(hit.terms);
        });
      });
      var perPage = rules.index.per_page, pages = {};
      Object.keys(docs).forEach(function (id) {
        var doc = docs[id];
        doc.rank = doc.quality + (doc.id % perPage === 0 ? 0.5 : 0);  // a name before an alias
        if (doc.field !== TEXT) {
          var nameWords = words(doc.name);
          doc.rank += opening(nameWords, parsed.all) + (rules.ranks[doc.kind] || 0);
          // Words too short for the index ('al', 'US') count where the index holds the
          // text whole: in names and titles.
          doc.words += parsed.short.filter(function (word) {
            return nameWords.indexOf(word) >= 0;
          }).length;
        }
        var page = Math.floor(doc.id / perPage);
        (pages[page] = pages[page] || []).push(doc);
      });
      var ranked = Object.keys(pages).map(function (page) {
        var found = pages[page].sort(better);
        return { page: Number(page), docs: found, best: found[0] };
      }).sort(function (a, b) { return better(a.best, b.best); });
      return parsed.phrases.length ? withPhrases(ranked, parsed.phrases) : shown(ranked);
    });
  }

  function fragment(page) { return file("pages/" + page + ".json"); }

  // The first MAX_SHOWN pages, with what they show; the count is of every page found.
  function shown(ranked) {
    var first = ranked.slice(0, MAX_SHOWN);
    return Promise.all(first.map(function (result) { return fragment(result.page); }))
      .then(function (loaded) {
        first.forEach(function (result, n) { result.shown = loaded[n]; });
        return { results: first.filter(function (r) { return r.shown; }), count: ranked.length };
      });
  }

  // Pages whose documents hold each quoted phrase as typed, looked for in order.
  function withPhrases(ranked, phrases) {
    var kept = [], at = 0, batches = 0;
    var wanted = phrases.map(function (phrase) { return phrase.map(stemmed); });
    function next() {
      if (kept.length >= MAX_SHOWN || at >= ranked.length || batches >= PHRASE_BATCHES) {
        return { results: kept.slice(0, MAX_SHOWN), count: kept.length };
      }
      var batch = ranked.slice(at, at + MAX_SHOWN);
      at += MAX_SHOWN;
      batches += 1;
      return Promise.all(batch.map(function (r) { return fragment(r.page); })).then(function (loaded) {
        batch.forEach(function (result, n) {
          if (!loaded[n]) return;
          var perPage = rules.index.per_page;
          var holding = result.docs.filter(function (doc) {
            var unit = loaded[n].d[doc.id % perPage];
            var said = words(unit ? unit[1] : "").map(stemmed);
            return wanted.every(function (phrase) { return holds(said, phrase); });
          });
          if (holding.length) {
            kept.push({ page: result.page, docs: holding, best: holding[0], shown: loaded[n] });
          }
        });
        return next();
      });
    }
    return next();
  }

  function stemmed(word) { return term(key(word)); }
  function holds(said, phrase) {
    for (var i = 0; i + phrase.length <= said.length; i++) {
      var j = 0;
      while (j < phrase.length && said[i + j] === phrase[j]) j++;
      if (j === phrase.length) return true;
    }
    return false;
  }

  var config = document.getElementById("__config");
  var translations = config ? JSON.parse(config.textContent).translations || {} : {};
  function translate(name, count) {
    return (translations[name] || name).replace("#", String(count));
  }

  // The text with each word that matched in <mark>.
  function marked(text, terms) {
    var out = document.createDocumentFragment(), end = 0;
    text.replace(token, function (found, at) {
      var hit = words(found).some(function (word) { return terms.indexOf(stemmed(word)) >= 0; });
      if (!hit) return found;
      out.append(text.slice(end, at));
      var mark = document.createElement("mark");
      mark.textContent = found;
      out.append(mark);
      end = at + found.length;
      return found;
    });
    out.append(text.slice(end));
    return out;
  }

  function show(answer) {
    list.replaceChildren();
    if (answer === null) {
      meta.textContent = translate("search.result.placeholder");
      return;
    }
    var count = answer.count;
    meta.textContent = count === 0 ? translate("search.result.none")
      : translate(count === 1 ? "search.result.one" : "search.result.other", count);
    answer.results.forEach(function (result) {
      var page = result.shown, best = result.best;
      var unit = page.d[best.id % rules.index.per_page] || ["", ""];
      var item = document.createElement("li");
      item.className = "md-search-result__item";
      var link = document.createElement("a");
      link.className = "md-search-result__link";
      link.href = new URL(page.u, site).href + (best.field !== NAME && unit[0] ? "#" + unit[0] : "");
      var article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      // Names in their own direction, as <bdi> isolates them on the pages
      // (kb.pipeline.render.text.isolate); the mark after a label made from a web address is
      // the site's English, outside the isolation.
      var title = document.createElement("h1");
      var name = document.createElement("bdi");
      name.append(marked(page.t, best.terms));
      title.append(name);
      if (page.m) title.append(" (" + page.m + ")");
      var about = document.createElement("p");
      about.textContent = page.k;
      if (best.field === NAME && unit[1] !== page.t) {
        var alias = document.createElement("bdi");
        alias.textContent = unit[1];
        about.append(" · also ", alias);
      }
      article.append(title, about);
      if (best.field === TEXT || (best.field !== NAME && unit[1] !== page.t)) {
        var said = document.createElement("p");
        said.className = "kb-search-said";
        said.dir = "auto";
        said.append(marked(unit[1], best.terms));
        article.append(said);
      }
      link.append(article);
      item.append(link);
      list.append(item);
    });
  }

  function answer() {
    var query = input.value;
    asked = query;
    search(query).then(function (results) {
      if (asked !== query) return;  // a slower earlier query must not win
      show(results);
      list.dataset.query = query;  // what the results shown answer (tests wait for it)
    });
  }

  function open() { if (toggle && !toggle.checked) toggle.checked = true; }
  function close() {
    if (toggle) toggle.checked = false;
    input.blur();
  }

  // A result on the page already open: close search first (on a phone, Material then
  // gives the page its scroll back), then go to the statement.
  list.addEventListener("click", function (event) {
    var link = event.target.closest("a");
    if (!link) return;
    var target = new URL(link.href);
    if (target.pathname !== location.pathname || !target.hash) return;
    event.preventDefault();
    if (toggle && toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
    input.blur();
    if (location.hash !== target.hash) location.hash = target.hash;  // for :target
    var go = function () {
      var statement = document.getElementById(decodeURIComponent(target.hash.slice(1)));
      if (statement) statement.scrollIntoView();
    };
    // On a phone Material locks the page's scroll while search is open, and gives it
    // back a moment after: go once it has.
    var body = document.body;
    if (!body.hasAttribute("data-md-scrolllock")) return go();
    var unlocked = new MutationObserver(function () {
      if (body.hasAttribute("data-md-scrolllock")) return;
      unlocked.disconnect();
      go();
    });
    unlocked.observe(body, { attributes: true, attributeFilter: ["data-md-scrolllock"] });
  });
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
