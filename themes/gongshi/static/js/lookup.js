// Credential lookup without a server: hash the typed 执法证号, fetch one small shard of the
// static index, go to the officer's page or say that no such number is published.
// The page works without this script (the form opens the officer listings).
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
    var officerBase = form.getAttribute("data-officer-base");
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
        if (shard.keys.indexOf(number) >= 0) {
          result.textContent = "已找到，正在打开…";
          window.location.href = officerBase + encodeURIComponent(number) + "/";
        } else {
          result.className = "lookup__result lookup__result--miss";
          result.textContent = "未查询到该执法证号：" + number + "。请核对证件上的号码；如仍查询不到，该证件可能不是本市核发，或未经公示。";
        }
      })
      .catch(function () {
        result.className = "lookup__result lookup__result--miss";
        result.textContent = "查询暂时无法完成，请稍后重试，或按执法主体浏览执法人员名单。";
      });
  }

  document.querySelectorAll("form.lookup").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      lookup(form, form.querySelector("input[name=no]").value);
    });
    // A shared link such as /officers/?no=... looks the number up at once.
    var query = new URLSearchParams(window.location.search).get("no");
    if (query && form.querySelector("input[name=no]")) {
      form.querySelector("input[name=no]").value = query;
      lookup(form, query);
    }
  });
})();
