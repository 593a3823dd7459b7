// Lookups without a server: hash what was typed (执法证号, 统一社会信用代码 or a business's
// full name), fetch one small shard of the static index, go to the page it names, or say
// plainly that nothing is published under it. Pages work without this script (the form
// opens the browse listings).
(function () {
  "use strict";

  function normalise(text) {
    return text.normalize("NFKC").replace(/\s+/g, "").toUpperCase();
  }

  // FNV-1a, 32 bit, over UTF-8 bytes: the same function as gongshi.pages.lookup.fnv1a32.
  function fnv1a32(text) {
    var bytes = new TextEncoder().encode(text);
    var hash = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      hash ^= bytes[i];
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash >>> 0;
  }

  // meta.json is revalidated every time: after a rebuild the shard count may have changed.
  function fetchJson(url, cacheMode) {
    return fetch(url, { credentials: "same-origin", cache: cacheMode || "default" }).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + url);
      return response.json();
    });
  }

  function lookup(form, value) {
    var result = form.querySelector(".lookup__result");
    var base = form.getAttribute("data-lookup");
    var targetBase = form.getAttribute("data-target-base");
    var missText = form.getAttribute("data-miss");
    var number = normalise(value);
    result.className = "lookup__result";
    if (!number) {
      result.textContent = "请输入执法证号。";
      return;
    }
    result.textContent = "正在查询…";
    fetchJson(base + "meta.json", "no-cache")
      .then(function (meta) { return fetchJson(base + (fnv1a32(number) % meta.shards) + ".json"); })
      .then(function (shard) {
        // A shard lists keys that are their own page segment, or maps each key to its page.
        var target = Array.isArray(shard.keys)
          ? (shard.keys.indexOf(number) >= 0 ? number : null)
          : (Object.prototype.hasOwnProperty.call(shard.keys, number) ? shard.keys[number] : null);
        if (target !== null) {
          result.textContent = "已找到，正在打开…";
          window.location.href = targetBase + encodeURIComponent(target) + "/";
        } else {
          // Never "there is nothing": an exact index only knows exact keys. Say what was looked
          // up and carry the query on to the full search (at once for a business, whose partial
          // name the search finds; as a link for a 执法证号).
          var searchUrl = form.getAttribute("data-search") + "?q=" + encodeURIComponent(value.trim());
          result.className = "lookup__result lookup__result--miss";
          result.textContent = missText + "：" + number + "。" + (form.getAttribute("data-miss-hint") || "");
          if (form.hasAttribute("data-miss-search")) {
            window.location.href = searchUrl;
          } else {
            var link = document.createElement("a");
            link.href = searchUrl;
            link.textContent = "在全站搜索“" + value.trim() + "”";
            result.appendChild(link);
            result.appendChild(document.createTextNode("。"));
            var contact = form.getAttribute("data-contact");  // someone shows a card nobody publishes
            if (contact) {
              result.appendChild(document.createTextNode("如有人持查询不到的证件执法，可"));
              var report = document.createElement("a");
              report.href = contact;
              report.textContent = "投诉举报";
              result.appendChild(report);
              result.appendChild(document.createTextNode("。"));
            }
          }
        }
      })
      .catch(function () {
        result.className = "lookup__result lookup__result--miss";
        result.textContent = "查询暂时无法完成，请稍后重试，或使用页面上的浏览链接。";
      });
  }

  // find(folder URL, key) -> Promise of the page's path segment, or null when nothing is
  // published under the key.
  function find(base, value) {
    var key = normalise(value);
    return fetchJson(base + "meta.json", "no-cache")
      .then(function (meta) { return fetchJson(base + (fnv1a32(key) % meta.shards) + ".json"); })
      .then(function (shard) {
        if (Array.isArray(shard.keys)) return shard.keys.indexOf(key) >= 0 ? key : null;
        return Object.prototype.hasOwnProperty.call(shard.keys, key) ? shard.keys[key] : null;
      });
  }

  // jump(value, element) -> Promise of the page a full 执法证号 or 统一社会信用代码 (and, when the
  // element has data-names, a business's full name) opens, or null. The element names the
  // indexes: data-officers / data-officers-target, data-companies / data-companies-target.
  // The search page (search.js) and the home page's search box share it.
  function jump(value, element) {
    var key = normalise(value);
    var officers = [element.getAttribute("data-officers"), element.getAttribute("data-officers-target")];
    var companies = [element.getAttribute("data-companies"), element.getAttribute("data-companies-target")];
    var lookups = [];
    if (/^[0-9A-Z-]{6,40}$/.test(key) && /[0-9]/.test(key)) {
      lookups = [officers];
      if (key.length === 18) lookups.unshift(companies);
    } else if (key && element.hasAttribute("data-names")) {
      lookups = [companies];
    }
    function next(i) {
      if (i >= lookups.length) return Promise.resolve(null);
      return find(lookups[i][0], key).then(function (target) {
        return target === null ? next(i + 1) : lookups[i][1] + encodeURIComponent(target) + "/";
      }, function () { return next(i + 1); });
    }
    return next(0);
  }

  window.GongshiLookup = { normalise: normalise, find: find, jump: jump };

  // The home page's one search box (a plain GET form to /search/): with this script, a full
  // 执法证号 or 统一社会信用代码, or a business's full name, opens its page at once; anything
  // else goes on to the search page as the form would.
  document.querySelectorAll("form[data-jump]").forEach(function (form) {
    var input = form.querySelector("input[name=q]");
    var status = form.querySelector(".lookup__result");
    form.addEventListener("submit", function (event) {
      if (!input.value.trim()) return;
      event.preventDefault();
      if (status) { status.className = "lookup__result"; status.textContent = "正在查询…"; }
      jump(input.value, form).then(function (target) {
        if (target) {
          if (status) status.textContent = "已找到，正在打开…";
          window.location.assign(target);
        } else {
          form.submit();  // (submit() fires no submit event: the search page takes it from here)
        }
      }, function () { form.submit(); });
    });
  });

  document.querySelectorAll("form.lookup").forEach(function (form) {
    var input = form.querySelector("input[type=text]");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      lookup(form, input.value);
    });
    // A shared link such as /officers/?no=... looks the value up at once.
    var query = new URLSearchParams(window.location.search).get(input.name);
    if (query && form.hasAttribute("data-autorun")) {
      input.value = query;
      lookup(form, query);
    }
  });
})();
