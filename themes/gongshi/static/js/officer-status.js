// The page was built on one day; a visitor may read it later. If the visitor's own date
// (in Asia/Shanghai) is past 有效期至 while the page still says 有效, the status box itself
// says 已过期 (with the day it was worked out for), never 有效 beside a note that contradicts it.
(function () {
  "use strict";
  var box = document.getElementById("credential");
  var note = document.getElementById("credential-recheck");
  if (!box || !note) return;
  var until = box.getAttribute("data-valid-until");
  if (!until || box.getAttribute("data-status") !== "valid") return;
  var today = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit"
  }).format(new Date());
  if (today > until) {
    note.textContent = "注意：按您设备的日期（" + today + "），该证件已于 " + until +
      " 到期，本页信息可能尚未更新，请以执法证件实际状态为准，该证件不应再用于执法。";
    note.hidden = false;
    box.setAttribute("data-status-client", "expired");
    box.classList.remove("credential--valid");
    box.classList.add("credential--expired");
    var words = box.querySelector(".credential__status strong");
    if (words) words.textContent = "已过期（按 " + today + " 计算）";
    var detail = box.querySelector(".credential__detail");
    if (detail) detail.remove();
    var next = document.getElementById("credential-next");  // what to do about it
    if (next) next.hidden = false;
  }
})();
