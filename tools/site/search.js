// Offline search for the course site (tools/build_html.py copies it to site/assets/).
// search-index.js, built with the site, sets window.COURSE_SEARCH_INDEX to one entry per
// section: [page, anchor, lesson title, section title, text].  It is a script rather
// than JSON so the search also works when the site is opened from disk (file://),
// where browsers refuse to fetch files.
(function () {
  "use strict";

  function words(text) {
    return text.toLowerCase().split(/[^\p{L}\p{N}_]+/u).filter(function (w) { return w.length > 1; });
  }

  function count(haystack, needle) {
    var n = 0, at = haystack.indexOf(needle);
    while (at !== -1) { n += 1; at = haystack.indexOf(needle, at + needle.length); }
    return n;
  }

  function snippet(text, term) {
    var at = text.toLowerCase().indexOf(term);
    if (at < 0) { at = 0; }
    var start = Math.max(0, at - 80);
    var end = Math.min(text.length, at + 160);
    return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
  }

  function search(query) {
    var terms = words(query);
    if (!terms.length) { return []; }
    var hits = [];
    (window.COURSE_SEARCH_INDEX || []).forEach(function (entry) {
      var lesson = entry[2].toLowerCase(), section = entry[3].toLowerCase();
      var text = entry[4].toLowerCase();
      var score = 0;
      for (var i = 0; i < terms.length; i += 1) {
        var t = terms[i];
        var found = 5 * count(section, t) + 2 * count(lesson, t) + count(text, t);
        if (!found) { return; }  // every word must appear
        score += found;
      }
      hits.push({ entry: entry, score: score });
    });
    hits.sort(function (a, b) { return b.score - a.score; });
    return hits.slice(0, 40).map(function (h) { return { entry: h.entry, term: terms[0] }; });
  }

  function show(query) {
    var status = document.getElementById("search-status");
    var list = document.getElementById("search-results");
    if (!status || !list) { return; }
    list.textContent = "";
    if (!query.trim()) { status.textContent = "Type a word or two, for example: nyquist, hop length, mel."; return; }
    var results = search(query);
    status.textContent = results.length
      ? results.length + (results.length === 1 ? " section" : " sections") + " mention “" + query + "”."
      : "Nothing in the course mentions “" + query + "”. Try fewer or other words.";
    results.forEach(function (r) {
      var e = r.entry;
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = e[0] + (e[1] ? "#" + e[1] : "");
      link.textContent = e[3] || e[2];
      var where = document.createElement("span");
      where.className = "where";
      where.textContent = e[2];
      var text = document.createElement("p");
      text.textContent = snippet(e[4], r.term);
      item.appendChild(link);
      item.appendChild(where);
      item.appendChild(text);
      list.appendChild(item);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("search-page-query");
    if (!box) { return; }  // only the search page lists results
    var query = new URLSearchParams(window.location.search).get("q") || "";
    box.value = query;
    show(query);
    document.getElementById("search-page-form").addEventListener("submit", function (event) {
      event.preventDefault();
      var q = box.value;
      history.replaceState(null, "", "?q=" + encodeURIComponent(q));
      show(q);
    });
  });
})();
