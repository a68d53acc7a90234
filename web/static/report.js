// Enhancement only: bring the first match into view when the URL has no anchor, and
// point the back link at the exact search (filters included) the reader came from.
(function () {
  var first = document.getElementById("m0");
  if (first && !location.hash) first.scrollIntoView({block: "center"});
  var back = document.querySelector(".crumbs .back");
  if (back && document.referrer.indexOf(location.origin + "/search?") === 0) {
    back.href = document.referrer;
    back.textContent = "← 返回检索结果";
  }
})();
