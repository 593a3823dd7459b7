// Search without a server: the static sharded index written by the search stage
// (plugins/gongshi/search/, format in FORMAT.md there). The analyzer below is a line-by-line
// port of plugins/gongshi/search/analyzer.py; a browser test runs both over the same strings.
// A query fetches meta.json, one term shard per term, only the posting blocks it needs, the value
// file of a short list when its candidates may be many, and the stored documents of its
// candidates, which it verifies: every result contains the query.
(function () {
  "use strict";

  // ---- the analyzer (analyzer.py) ----------------------------------------------------------
  var SEPARATOR_RANGES = [
    [0x0000, 0x002F], [0x003A, 0x0040], [0x005B, 0x0060], [0x007B, 0x00BF],
    [0x2000, 0x206F], [0x3000, 0x303F], [0xFE10, 0xFE1F], [0xFE30, 0xFE4F],
    [0xFF00, 0xFF0F], [0xFF1A, 0xFF20], [0xFF3B, 0xFF40], [0xFF5B, 0xFF65]
  ];
  var QUERY_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/;

  function normalise(text) {
    return text.normalize("NFKC").replace(/[A-Z]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) + 32);
    });
  }

  function isAlnum(ch) { return (ch >= "0" && ch <= "9") || (ch >= "a" && ch <= "z"); }

  function isSeparator(cp) {
    for (var i = 0; i < SEPARATOR_RANGES.length; i++) {
      if (cp >= SEPARATOR_RANGES[i][0] && cp <= SEPARATOR_RANGES[i][1]) return true;
    }
    return false;
  }

  // Runs of a normalised text: {word: true, text} for ASCII letters/digits, {word: false,
  // chars: [...]} for CJK runs (one entry per code point); separators end a run.
  function runs(text) {
    var out = [], current = null;
    for (var ch of text) {
      var kind = isAlnum(ch) ? "w" : (isSeparator(ch.codePointAt(0)) ? "" : "c");
      if (!kind) { current = null; continue; }
      if (!current || current.kind !== kind) { current = { kind: kind, chars: [] }; out.push(current); }
      current.chars.push(ch);
    }
    return out;
  }

  function indexTerms(text) {
    var terms = new Set();
    runs(text).forEach(function (run) {
      if (run.kind === "w") { terms.add(run.chars.join("")); return; }
      for (var i = 0; i < run.chars.length; i++) {
        terms.add(run.chars[i]);
        if (i + 1 < run.chars.length) terms.add(run.chars[i] + run.chars[i + 1]);
      }
    });
    return Array.from(terms).sort();
  }

  function queryParts(query) {
    return normalise(query).split(QUERY_SPACE).filter(function (p) { return p; });
  }

  function queryTerms(part) {
    var terms = [];
    runs(part).forEach(function (run) {
      var found = [];
      if (run.kind === "w") found = [run.chars.join("")];
      else if (run.chars.length === 1) found = [run.chars[0]];
      else for (var i = 0; i + 1 < run.chars.length; i++) found.push(run.chars[i] + run.chars[i + 1]);
      found.forEach(function (t) { if (terms.indexOf(t) < 0) terms.push(t); });
    });
    return terms;
  }

  function occurs(part, text) {
    if (!part) return false;
    var startsAlnum = isAlnum(part[0]), endsAlnum = isAlnum(part[part.length - 1]);
    var start = text.indexOf(part);
    while (start >= 0) {
      var end = start + part.length;
      if (!(startsAlnum && start > 0 && isAlnum(text[start - 1])) &&
          !(endsAlnum && end < text.length && isAlnum(text[end]))) return true;
      start = text.indexOf(part, start + 1);
    }
    return false;
  }

  function matches(parts, text) {
    return parts.length > 0 && parts.every(function (p) { return occurs(p, text); });
  }

  function facetTerm(facet, value) { return "~" + facet + ":" + value; }

  // The terms a query fetches: for each CJK run, bigrams that cover every character without
  // overlapping where they can (印染有限公司 -> 印染 有限 公司). Any record containing the part
  // has them all; verification against the stored text does the rest, so fewer shards are
  // fetched for the same results.
  function fetchTerms(part) {
    var terms = [];
    runs(part).forEach(function (run) {
      var found = [], n = run.chars.length;
      if (run.kind === "w") found = [run.chars.join("")];
      else if (n === 1) found = [run.chars[0]];
      else {
        for (var i = 0; i + 1 < n; i += 2) found.push(run.chars[i] + run.chars[i + 1]);
        if (n % 2) found.push(run.chars[n - 2] + run.chars[n - 1]);
      }
      found.forEach(function (t) { if (terms.indexOf(t) < 0) terms.push(t); });
    });
    return terms;
  }

  // ---- the index files (index.py) ----------------------------------------------------------
  var COUNT_FETCHES = 2; // posting blocks a count may fetch beyond the first page's (Search.count)
  var FINAL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef", CONTINUE = "ghijklmnopqrstuvwxyz!#$%&()*+,-.";

  function decodeNumbers(text) {
    var values = [], value = 0;
    for (var i = 0; i < text.length; i++) {
      var f = FINAL.indexOf(text[i]);
      if (f >= 0) { values.push(value * 32 + f); value = 0; } else value = value * 32 + CONTINUE.indexOf(text[i]);
    }
    return values;
  }

  function decodePostings(text, base) {
    return decodeNumbers(text).map(function (delta) { base += delta; return base; });
  }

  var CRC_TABLE = (function () {
    var table = new Uint32Array(256);
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
    return table;
  })();

  function crc32(text) {
    var bytes = new TextEncoder().encode(text), crc = 0xFFFFFFFF;
    for (var i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xFF] ^ (crc >>> 8);
    return (crc ^ 0xFFFFFFFF) >>> 0;
  }

  function lastAtMost(sorted, value) { // index of the last element <= value, or -1
    var lo = 0, hi = sorted.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (sorted[mid] <= value) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  }

  function Index(base) {
    this.base = base;
    this.files = {};
  }

  Index.prototype.fetch = function (path, kind) {
    var self = this;
    if (!this.files[path]) {
      var url = this.base + path + (this.meta ? "?v=" + this.meta.build : "");
      this.files[path] = fetch(url, { credentials: "same-origin", cache: path === "meta.json" ? "no-cache" : "default" })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status + " " + url);
          return kind === "text" ? response.text() : response.json();
        })
        .catch(function (error) { delete self.files[path]; throw error; });
    }
    return this.files[path];
  };

  Index.prototype.open = function () {
    var self = this;
    return this.fetch("meta.json").then(function (meta) { self.meta = meta; return self; });
  };

  Index.prototype.term = function (term) {
    var self = this, shard = crc32(term) % this.meta.shards;
    return this.fetch("t/" + shard + ".json").then(function (entries) {
      var entry = Object.prototype.hasOwnProperty.call(entries, term) ? entries[term] : null;
      return entry && new PostingList(self, shard, term, entry);
    });
  };

  Index.prototype.doc = function (number) {
    var chunk = this.meta.chunk;
    return this.fetch("d/" + Math.floor(number / chunk) + ".json").then(function (docs) {
      return docs[number % chunk];
    });
  };

  // A posting list: the head from the shard entry, the rest fetched a block at a time. A short
  // list ([df, head, k]) may have values: the field values holding the term, in x/<shard>-<k>.json.
  function PostingList(index, shard, term, entry) {
    this.index = index;
    this.shard = shard;
    this.term = term;
    this.df = entry[0];
    this.head = decodePostings(entry[1], -1);
    this.complete = entry.length !== 4;
    this.valueFile = entry.length === 3 ? entry[2] : -1;
    this.firstBlock = entry.length === 4 ? entry[2] : -1;
    this.bases = [];
    if (!this.complete) {
      var sum = 0, self = this;
      decodeNumbers(entry[3]).forEach(function (d) { sum += d; self.bases.push(sum); });
    }
    this.blocks = {};
  }

  PostingList.prototype.blockOf = function (doc) { // which block may hold doc (-1: the head)
    if (this.complete || doc <= this.head[this.head.length - 1]) return -1;
    return lastAtMost(this.bases, doc - 1);
  };

  PostingList.prototype.loadBlock = function (k) {
    var self = this;
    if (!this.blocks[k]) {
      this.blocks[k] = this.index.fetch("p/" + this.shard + "-" + (this.firstBlock + k) + ".txt", "text")
        .then(function (text) { var docs = decodePostings(text, self.bases[k]); self.blocks[k] = docs; return docs; });
    }
    return Promise.resolve(this.blocks[k]);
  };

  PostingList.prototype.loaded = function (k) { // the docs of block k if already here, else null
    if (k < 0) return this.head;
    return Array.isArray(this.blocks[k]) ? this.blocks[k] : null;
  };

  PostingList.prototype.loadValues = function () {
    var self = this;
    return this.index.fetch("x/" + this.shard + "-" + this.valueFile + ".json").then(function (entries) {
      var row = entries[self.term], numbers = decodeNumbers(row[1]), held = [], current = [];
      self.values = row[0];
      numbers.forEach(function (n) { // per posting: 2 * value index + (another index follows)
        current.push(n >> 1);
        if (!(n & 1)) { held.push(current); current = []; }
      });
      self.held = held;
    });
  };

  // The values of document `doc` that hold this list's term (null: doc is not in the list).
  PostingList.prototype.valuesOf = function (doc) {
    var i = lastAtMost(this.head, doc), values = this.values;
    if (i < 0 || this.head[i] !== doc) return null;
    return this.held[i].map(function (k) { return values[k]; });
  };

  function has(docs, doc) { var i = lastAtMost(docs, doc); return i >= 0 && docs[i] === doc; }

  // The candidates of a query, in display order. The rarest list drives; the others prune a
  // candidate with what is at hand (their heads, blocks already fetched). The rarest of the
  // long lists also has its blocks fetched as candidates need them (unless it holds most
  // documents): one block prunes every candidate it covers, where each candidate let through
  // costs a stored-document file, and the longer lists' blocks would cost more than they save.
  // `filter` (values, when at hand) rejects a candidate before any other list is consulted;
  // when it is exact for the whole query (`exact`), no block is fetched to prune.
  function Candidates(lists, total, filter, exact) {
    this.total = total;
    this.filter = filter;
    this.lists = lists.slice().sort(function (a, b) { return a.df - b.df; });
    this.driver = this.lists[0];
    this.pruner = null;
    for (var i = 1; i < this.lists.length && !this.pruner && !exact; i++) {
      if (!this.lists[i].complete && this.lists[i].df * 2 <= total) this.pruner = this.lists[i];
    }
    this.block = -1;
    this.position = 0;
    this.done = false;
    this.walked = 0; // postings of the driver taken so far
    this.fetches = 0; // posting blocks fetched so far
  }

  Candidates.prototype.next = function () { // Promise of the next candidate, or null
    var self = this;
    var docs = this.driver.loaded(this.block);
    if (this.position >= docs.length) {
      if (this.driver.complete || this.block + 1 >= this.driver.bases.length) { this.done = true; return Promise.resolve(null); }
      this.block += 1;
      this.position = 0;
      this.fetches += 1;
      return this.driver.loadBlock(this.block).then(function () { return self.next(); });
    }
    var doc = docs[this.position++];
    this.walked += 1;
    if (this.filter && !this.filter(doc)) return this.next();
    return this.accept(doc, 1).then(function (ok) { return ok ? doc : self.next(); });
  };

  Candidates.prototype.accept = function (doc, i) {
    var self = this;
    if (i >= this.lists.length) return Promise.resolve(true);
    var list = this.lists[i], k = list.blockOf(doc), docs = list.loaded(k);
    if (docs) return has(docs, doc) ? this.accept(doc, i + 1) : Promise.resolve(false);
    if (list !== this.pruner) return this.accept(doc, i + 1);
    this.fetches += 1;
    return list.loadBlock(k).then(function (loaded) { return has(loaded, doc) ? self.accept(doc, i + 1) : false; });
  };

  // A search: results a page at a time, each verified against its stored document.
  function Search(index, query, filters) {
    this.index = index;
    this.parts = queryParts(query);
    this.filters = filters;
    this.terms = [];
    var self = this;
    this.parts.forEach(function (p) { fetchTerms(p).forEach(function (t) { if (self.terms.indexOf(t) < 0) self.terms.push(t); }); });
    // The overlapping bigrams the cover left out (大丰收水: 丰收), fetched only when a list is long.
    this.spareTerms = [];
    this.parts.forEach(function (p) {
      queryTerms(p).forEach(function (t) {
        if (self.terms.indexOf(t) < 0 && self.spareTerms.indexOf(t) < 0) self.spareTerms.push(t);
      });
    });
    Object.keys(filters).forEach(function (f) {
      if (filters[f] && f !== "d") self.terms.push(facetTerm(f, filters[f]));
    });
    this.results = [];
    this.done = false;
  }

  Search.prototype.start = function () {
    var self = this;
    this.numbers = [];
    this.exact = true;
    if (!this.parts.length) { this.done = true; return Promise.resolve(this); }
    return this.plan().then(function () { return self.done ? self : self.count(); });
  };

  // The type of document `number`: documents are numbered by type (meta.runs).
  Search.prototype.datasetOf = function (number) {
    var runs = this.index.meta.runs, lo = 0, hi = runs.length - 1, found = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (runs[mid][0] <= number) { found = runs[mid][1]; lo = mid + 1; } else hi = mid - 1;
    }
    return this.index.meta.datasets[found].name;
  };

  // The candidates' numbers, from the index alone: the total and the per-type counts. They
  // are exact ("共") when the lists answer every part (a part that is a term held whole or
  // walked block by block, or one checked by values) and every facet list is held; otherwise
  // the candidates are an upper bound ("约"), made exact once every one is verified — at once
  // when they are at most a page (their stored documents, fetched for the first page anyway,
  // also rank them: rankOf). Walking a long list costs a block file per 4,096 postings, so the
  // walk stops after COUNT_FETCHES blocks; the counts are then the share of the walked
  // postings that were candidates times the driver's df ("约"; a query of one term with its
  // whole list as the answer: its df, exact).
  Search.prototype.count = function () {
    var self = this, want = this.filters.d, c = this.candidates;
    function loop() {
      if (c.fetches >= COUNT_FETCHES && !c.done) return Promise.resolve(true);
      return c.next().then(function (doc) {
        if (doc === null) return false;
        if (!want || self.datasetOf(doc) === want) self.numbers.push(doc);
        return loop();
      });
    }
    return loop().then(function (partial) {
      self.queue = self.numbers.slice();
      function held(l) { return l.complete || l === c.driver || l === c.pruner; }
      self.exact = self.whole !== null && self.whole.every(held) &&
        self.lists.every(function (l) { return l.term.charAt(0) !== "~" || held(l); });
      if (partial) {
        var scale = c.driver.df / Math.max(c.walked, 1);
        self.total = self.exact && self.lists.length === 1 && !want ? c.driver.df
          : Math.max(self.numbers.length, Math.round(self.numbers.length * scale));
        self.exact = self.exact && self.lists.length === 1 && !want;
        self.typeCounts = self.countTypes(self.numbers, scale);
        self.typesExact = false;
        return self;
      }
      self.countAll(self.numbers, self.exact);
      if (self.numbers.length > self.index.meta.page) return self;
      return Promise.all(self.numbers.map(function (n) { return self.index.doc(n); })).then(function (docs) {
        var found = [];
        docs.forEach(function (doc, i) { if (self.verify(doc)) found.push({ number: self.numbers[i], doc: doc }); });
        found.sort(function (a, b) { return compareRanks(self.rankOf(a), self.rankOf(b)); });
        self.ranked = found;
        self.queue = [];
        self.countAll(found.map(function (r) { return r.number; }), true);
        return self;
      });
    });
  };

  Search.prototype.countAll = function (numbers, exact) {
    this.numbers = numbers;
    this.total = numbers.length;
    this.exact = this.typesExact = exact;
    this.typeCounts = this.countTypes(numbers, 1);
  };

  Search.prototype.countTypes = function (numbers, scale) {
    var self = this, counts = {};
    numbers.forEach(function (n) { var v = self.datasetOf(n); counts[v] = (counts[v] || 0) + 1; });
    Object.keys(counts).forEach(function (v) { counts[v] = Math.max(1, Math.round(counts[v] * scale)); });
    return counts;
  };

  // [identifier typed in full, no longer holding, title holds every part, number]: the same
  // order as documents.rank_key (staff.py's `gongshi search`).
  Search.prototype.rankOf = function (result) {
    var doc = result.doc, type = this.index.meta.datasets[doc[0]], whole = this.parts.join("");
    var keyed = (type.keys || []).some(function (i) { return normalise(doc[2][i] || "").split(" ").join("") === whole; });
    var title = normalise(doc[2][type.title] || "");
    var titled = this.parts.every(function (p) { return occurs(p, title); });
    return [keyed ? 0 : 1, this.index.meta.inactive.indexOf(doc[6]) >= 0 ? 1 : 0, titled ? 0 : 1, result.number];
  };

  function compareRanks(a, b) {
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
    return 0;
  }

  Search.prototype.plan = function () {
    var self = this;
    if (!this.terms.length) { this.done = true; return Promise.resolve(this); }
    function fetchLists(terms) { return Promise.all(terms.map(function (t) { return self.index.term(t); })); }
    var checks = [], exact = false;
    return fetchLists(this.terms).then(function (lists) {
      if (lists.some(function (l) { return !l; })) return null;
      var plan = self.valueChecks(lists);
      checks = plan.checks;
      exact = plan.exact;
      self.whole = plan.whole;
      // A list too long to be held whole (only its head is at hand) lets candidates through
      // that the stored documents then reject, at a document file each. The spare bigrams are
      // usually rarer than the long list: one term shard each buys exact pruning (not needed
      // when values check every part).
      if (exact || !self.spareTerms.length ||
          lists.every(function (l) { return l.complete; })) return lists;
      return fetchLists(self.spareTerms).then(function (spare) {
        return spare.some(function (l) { return !l; }) ? null : lists.concat(spare);
      });
    }).then(function (lists) {
      if (!lists) { self.done = true; return self; }
      self.lists = lists;
      return Promise.all(checks.map(function (c) { return c.list.loadValues(); })).then(function () {
        var filter = checks.length ? function (doc) {
          return checks.every(function (c) {
            var values = c.list.valuesOf(doc);
            return values !== null && values.some(function (v) { return occurs(c.part, v); });
          });
        } : null;
        self.candidates = new Candidates(lists, self.index.meta.docs, filter, exact);
        return self;
      });
    });
  };

  // The parts whose rarest list has values, with that list: a candidate matches such a part
  // iff one of its values holding the term contains the part (a part never spans two fields),
  // so candidates are rejected without their stored documents. Only worth a value file when
  // the short lists at hand leave more candidates than a page. `exact`: with the checks, the
  // lists answer every part exactly (a part that is a term with a short list, 丁晨 or 2026, is
  // answered by that list), so nothing more is worth fetching to prune.
  Search.prototype.valueChecks = function (lists) {
    var byTerm = {}, checks = [], whole = [];
    this.terms.forEach(function (t, i) { byTerm[t] = lists[i]; });
    this.parts.forEach(function (part) {
      var rarest = null;
      fetchTerms(part).forEach(function (t) { if (!rarest || byTerm[t].df < rarest.df) rarest = byTerm[t]; });
      if (!rarest) return;
      if (rarest.term === part) whole.push(rarest);
      else if (rarest.valueFile >= 0) checks.push({ part: part, list: rarest });
    });
    var complete = null;
    if (checks.length) {
      complete = lists.filter(function (l) { return l.complete; }).sort(function (a, b) { return a.df - b.df; });
      var left = complete[0].head.filter(function (doc) {
        return complete.every(function (l) { return has(l.head, doc); });
      });
      if (left.length <= this.index.meta.page) checks = [];
    }
    // (a part is answered by its values check, or by its own term's list: see Search.count)
    var answered = whole.filter(function (l) { return l.complete; }).length;
    // whole: the lists that are a part's own term (they answer it when held whole, or when
    // the candidates walk or prune them block by block: Search.count)
    return { checks: checks, exact: checks.length > 0 && checks.length + answered === this.parts.length,
             whole: checks.length + whole.length === this.parts.length ? whole : null };
  };

  var FACET_OF_DOC = { d: function (doc, meta) { return meta.datasets[doc[0]].name; },
                       a: function (doc) { return typeof doc[4] === "number" ? doc[2][doc[4]] : doc[4]; },
                       y: function (doc) { return doc[5]; },
                       s: function (doc) { return doc[6]; } };

  Search.prototype.verify = function (doc) {
    var self = this, meta = this.index.meta;
    if (!matches(this.parts, normalise(doc[2].join("\n")))) return false;
    return Object.keys(this.filters).every(function (f) {
      return !self.filters[f] || FACET_OF_DOC[f](doc, meta) === self.filters[f];
    });
  };

  // Up to `count` more results; resolves to the new ones. Candidates are taken `count` at a
  // time and their stored documents fetched together.
  Search.prototype.more = function (count) {
    var self = this, found = [];
    if (this.ranked) {
      found = this.ranked.slice(this.results.length, this.results.length + count);
      this.results = this.results.concat(found);
      this.done = this.results.length >= this.ranked.length;
      return Promise.resolve(found);
    }
    function round() {
      if (self.done || found.length >= count) return Promise.resolve(found);
      var batch = self.queue.splice(0, count - found.length);
      function take() { // the queue first (the candidates counted), then the rest of the walk
        if (batch.length >= count - found.length) return Promise.resolve();
        return self.candidates.next().then(function (doc) {
          if (doc === null) { if (!batch.length) self.done = true; return; }
          if (!self.filters.d || self.datasetOf(doc) === self.filters.d) batch.push(doc);
          return take();
        });
      }
      return take().then(function () {
        if (!batch.length) { self.done = true; return []; }
        return Promise.all(batch.map(function (n) { return self.index.doc(n); }));
      }).then(function (docs) {
        docs.forEach(function (doc, i) { if (self.verify(doc)) found.push({ number: batch[i], doc: doc }); });
        return round();
      });
    }
    return round().then(function (list) {
      self.results = self.results.concat(list);
      if (self.done && !(self.exact && self.typesExact)) { // every candidate verified: exact now
        self.countAll(self.results.map(function (r) { return r.number; }), true);
      }
      return list;
    });
  };

  // Every result (tests and the benchmark compare this with whoosh and plain substring search).
  function searchAll(base, query, filters) {
    return new Index(base).open().then(function (index) {
      var search = new Search(index, query, filters || {});
      return search.start().then(function () {
        function loop() { return search.done ? search.results : search.more(200).then(loop); }
        return loop();
      }).then(function (results) {
        // ranked as the page ranks a small result list, and as staff.py ranks every list
        return results.slice().sort(function (a, b) { return compareRanks(search.rankOf(a), search.rankOf(b)); })
          .map(function (r) { return r.doc[1]; });
      });
    });
  }

  // The counts the page shows before any result is verified (tests: the "约" rule).
  function counts(base, query, filters) {
    return new Index(base).open().then(function (index) {
      var search = new Search(index, query, filters || {});
      return search.start().then(function () {
        return { total: search.total || 0, exact: search.exact, typesExact: !!search.typesExact,
                 types: search.typeCounts || {} };
      });
    });
  }

  window.GongshiSearch = { counts: counts, normalise: normalise, indexTerms: indexTerms, queryParts: queryParts,
                           queryTerms: queryTerms, fetchTerms: fetchTerms, matches: matches, crc32: crc32,
                           decodePostings: decodePostings, searchAll: searchAll };

  // ---- the page ----------------------------------------------------------------------------
  var app = document.getElementById("search-app");
  if (!app) return;
  var FILTERS = [["dataset", "d", "类型"], ["agency", "a", "执法主体"], ["year", "y", "年度"], ["status", "s", "状态"]];
  var form = document.querySelector("form.search-form");
  var input = form.querySelector("input[name=q]");
  var status = app.querySelector(".search-status");
  var list = app.querySelector(".search-results");
  var moreButton = app.querySelector(".search-more");
  var facetBox = app.querySelector(".search-facets");
  var root = app.getAttribute("data-root");
  var index = new Index(app.getAttribute("data-index"));
  var current = null;

  document.querySelectorAll(".search-nojs").forEach(function (el) { el.hidden = true; });
  app.hidden = false;

  function params() {
    var p = new URLSearchParams(window.location.search), filters = {};
    FILTERS.forEach(function (f) { if (p.get(f[0])) filters[f[1]] = p.get(f[0]); });
    return { q: p.get("q") || "", filters: filters };
  }

  function urlFor(q, filters) {
    var p = new URLSearchParams();
    p.set("q", q);
    FILTERS.forEach(function (f) { if (filters[f[1]]) p.set(f[0], filters[f[1]]); });
    return window.location.pathname + "?" + p.toString();
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function pageUrl(path) { return root + encodeURI(path); }

  function renderResult(doc) {
    var type = index.meta.datasets[doc[0]];
    var item = el("li", "search-result");
    item.appendChild(el("p", "search-result__type", type.label + (doc[6] ? " · " + doc[6] : "")));
    var heading = el("h2", "search-result__title");
    var link = el("a", "", doc[2][type.title]);
    link.href = pageUrl(doc[1]);
    heading.appendChild(link);
    item.appendChild(heading);
    var dl = el("dl", "search-result__fields");
    var rows = type.shown.map(function (i) { return [type.fields[i], doc[2][i]]; })
      .concat(type.extras.map(function (label, i) { return [label, doc[3][i]]; }));
    rows.forEach(function (row) {
      if (!row[1]) return;
      var div = el("div");
      div.appendChild(el("dt", "", row[0]));
      div.appendChild(el("dd", "", row[1]));
      dl.appendChild(div);
    });
    item.appendChild(dl);
    return item;
  }

  // Values of each facet as links that filter by them: the types counted over every result
  // (from their numbers), the other facets over the results shown so far.
  function renderFacets(search, q) {
    facetBox.textContent = "";
    if (!search.results.length && !Object.keys(search.filters).length) return;
    var meta = index.meta, about = search.typesExact ? "" : "约 ";
    var details = el("details", "search-facets__box");
    details.open = Object.keys(search.filters).length > 0;
    details.appendChild(el("summary", "", "筛选：类型、执法主体、年度、状态" +
                                          (search.done ? "" : "（执法主体、年度、状态按已显示的结果计数）")));
    facetBox.appendChild(details);
    FILTERS.forEach(function (f) {
      var counts = {};
      if (f[1] === "d") {
        counts = Object.assign({}, search.typeCounts);
      } else {
        search.results.forEach(function (r) {
          var v = FACET_OF_DOC[f[1]](r.doc, meta);
          if (v) counts[v] = (counts[v] || 0) + 1;
        });
      }
      var selected = search.filters[f[1]];
      var values = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a] || (a < b ? -1 : 1); });
      if (!values.length && !selected) return;
      var group = el("div", "search-facet");
      group.appendChild(el("p", "search-facet__label", f[2]));
      var ul = el("ul");
      ul.setAttribute("aria-label", f[2]);
      values.slice(0, 12).forEach(function (v) {
        var li = el("li");
        var label = f[1] === "d" ? datasetLabel(v) : v;
        if (selected === v) {
          li.appendChild(el("strong", "", label + "（已选）"));
        } else {
          var next = Object.assign({}, search.filters);
          next[f[1]] = v;
          var a = el("a", "", label + "（" + (f[1] === "d" ? about : "") + counts[v] + "）");
          a.href = urlFor(q, next);
          a.setAttribute("data-filter", "");
          li.appendChild(a);
        }
        ul.appendChild(li);
      });
      if (selected) {
        var clear = Object.assign({}, search.filters);
        delete clear[f[1]];
        var li = el("li"), a = el("a", "", "不限" + f[2]);
        a.href = urlFor(q, clear);
        a.setAttribute("data-filter", "");
        li.appendChild(a);
        ul.appendChild(li);
      }
      group.appendChild(ul);
      details.appendChild(group);
    });
  }

  function datasetLabel(name) {
    var found = index.meta.datasets.filter(function (d) { return d.name === name; })[0];
    return found ? found.label : name;
  }

  // "共 N 条" when the count is exact; "约 N 条" when it is the candidates the index lets
  // through (an upper bound: some may not contain the query once their text is checked).
  function summary(search) {
    var n = search.results.length, total = search.total;
    var filtered = Object.keys(search.filters).length ? "（已筛选）" : "";
    if (!n) return "没有找到包含“" + search.parts.join(" ") + "”的公示信息" + filtered + "。";
    var count = (search.exact ? "共 " : "约 ") + total + " 条结果" + filtered;
    return search.done ? count + "。" : count + "，已显示前 " + n + " 条。";
  }

  function showMore(search, q) {
    moreButton.hidden = true;
    return search.more(index.meta.page).then(function (found) {
      if (search !== current) return;
      found.forEach(function (r) { list.appendChild(renderResult(r.doc)); });
      status.textContent = summary(search);
      moreButton.hidden = search.done;
      renderFacets(search, q);
      // (for tests: "all" when every result was ranked with its text, else display order)
      app.setAttribute("data-ranked", search.ranked ? "all" : "display");
      app.setAttribute("data-state", "done");
    });
  }

  // 执法证号 or 统一社会信用代码 typed in full: straight to its page (the lookup indexes, lookup.js).
  function jumpTarget(q) {
    return window.GongshiLookup ? window.GongshiLookup.jump(q, app) : Promise.resolve(null);
  }

  // how: "load" (a shared link or reload), "submit" (typed here: the URL is pushed once we know
  // the query is not a jump, so going back never lands on a page that jumps again), "history".
  function run(q, filters, how) {
    input.value = q;
    list.textContent = "";
    facetBox.textContent = "";
    moreButton.hidden = true;
    app.setAttribute("data-state", "busy");
    if (!q.trim()) { status.textContent = ""; app.setAttribute("data-state", "idle"); return; }
    status.textContent = "正在搜索…";
    var started = performance.now(), search = null;
    current = null;
    return jumpTarget(q).then(function (target) {
      if (target) {
        status.textContent = "已找到，正在打开…";
        if (how === "submit") window.location.assign(target); else window.location.replace(target);
        return;
      }
      if (how === "submit") window.history.pushState(null, "", urlFor(q, filters));
      return index.open().then(function () {
        search = new Search(index, q, filters);
        current = search;
        if (!search.terms.length) {
          status.textContent = "请输入要搜索的文字（汉字、字母或数字）。";
          app.setAttribute("data-state", "done");
          return;
        }
        return search.start().then(function () { return showMore(search, q); }).then(function () {
          // for the benchmark: typed -> results on screen, fetching included (none when cached)
          app.setAttribute("data-elapsed-ms", (performance.now() - started).toFixed(1));
        });
      });
    }).catch(function () {
      status.textContent = "搜索暂时无法完成，请稍后重试，或使用页面上的浏览链接。";
      app.setAttribute("data-state", "error");
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run(input.value, {}, "submit");
  });
  facetBox.addEventListener("click", function (event) {
    var a = event.target.closest("a[data-filter]");
    if (!a) return;
    event.preventDefault();
    window.history.pushState(null, "", a.getAttribute("href"));
    var p = params();
    run(p.q, p.filters, "history");
  });
  moreButton.addEventListener("click", function () { if (current) showMore(current, input.value); });
  window.addEventListener("popstate", function () { var p = params(); run(p.q, p.filters, "history"); });
  var initial = params();
  if (initial.q) run(initial.q, initial.filters, "load"); else app.setAttribute("data-state", "idle");
})();
