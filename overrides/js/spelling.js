// The spelling folds of kb.text.spelling, in the browser, written once for the two
// scripts that fold what a reader types: search.js (the site search) and network.js
// (the network's find box). Each imports this module (import(), so it is fetched once,
// when first needed, and defines nothing on window); the rules themselves are not
// written here but read from kb-search/folding.json, which the pipeline writes from
// kb.text.spelling.FOLDING (kb.pipeline.render.search.folding_rules).
// Globals defined: none.

// The folds of `rules` (folding.json's content): each function is its Python twin's,
// step for step. `fold`: kb.text.spelling.fold; `words`: kb.text.spelling.words;
// `skeleton`: kb.text.spelling.skeleton; `key`: kb.text.spelling.search_key;
// `searched`: whether search looks a word up (kb.pipeline.render.search: PREFIX letters
// or more, and not a stop word); `sound`: the skeleton search matches a key by, or ""
// (search.js, parse).
export function folding(rules) {
  "use strict";
  var dropped = new RegExp("[" + rules.dropped.map(function (category) {
    return "\\p{" + category + "}";
  }).join("") + "]", "gu");
  var letters = new RegExp("[" + Object.keys(rules.letters).join("") + "]", "gu");

  function fold(text) {
    return Array.from(text, function (ch) {
      return rules.joined.indexOf(ch) >= 0 ? "" : rules.breaks.indexOf(ch) >= 0 ? " " : ch;
    }).join("");
  }
  function words(text) {
    return fold(text).normalize("NFKD").replace(dropped, "").toLowerCase()
      .replace(letters, function (ch) { return rules.letters[ch]; })
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
  function key(word) {
    rules.endings.forEach(function (rule) {
      if (word.length >= rule[2] && word.slice(-rule[0].length) === rule[0]) {
        word = word.slice(0, -rule[0].length) + rule[1];
      }
    });
    rules.pairs.forEach(function (pair) { word = word.split(pair[0]).join(pair[1]); });
    return word;
  }
  function searched(word) {
    return word.length >= rules.prefix && rules.stopwords.indexOf(word) < 0;
  }
  function sound(searchKey) {
    var found = skeleton(searchKey);
    return found.length >= rules.prefix ? found : "";
  }
  return { fold: fold, words: words, skeleton: skeleton, key: key, searched: searched,
           sound: sound };
}
