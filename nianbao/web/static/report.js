// Enhancement only: bring the first match into view when the URL has no anchor, and
// point the back link at the exact search (filters included) the reader came from.
(function () {
  // On a phone the outline would push the text a screen down: start it folded.
  var toc = document.querySelector("details.toc");
  if (toc && window.matchMedia("(max-width: 760px)").matches) toc.open = false;
  var first = document.getElementById("m0");
  if (first && !location.hash) first.scrollIntoView({block: "center"});
  var back = document.querySelector(".crumbs .back");
  if (back && document.referrer.indexOf(location.origin + "/search?") === 0) {
    back.href = document.referrer;
    back.textContent = "← 返回检索结果";
  }
})();
