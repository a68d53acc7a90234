// Enhancement only (the page works without it): suggestions under the search box, and sort
// choices that apply as soon as they are picked.
(function () {
  "use strict";
  var box = document.getElementById("q");
  var list = document.getElementById("suggestions");
  var form = box && box.form;
  var timer = null, asked = 0, active = -1;

  // The word being typed is the text after the last space; a suggestion replaces it with a
  // filter, keeping the rest of the query and the page's other filters.
  function parts() {
    var text = box.value, cut = text.search(/\S+$/);
    return cut < 0 ? {rest: text, word: ""} : {rest: text.slice(0, cut).trim(), word: text.slice(cut)};
  }

  function hrefFor(item, rest) {
    var params = new URLSearchParams(new FormData(form));
    params.delete("page");
    if (rest) params.set("q", rest); else params.delete("q");
    var taken = params.getAll(item.facet);
    if (taken.indexOf(item.value) < 0) params.append(item.facet, item.value);
    return form.getAttribute("action") + "?" + params.toString();
  }

  function close() {
    list.hidden = true;
    list.innerHTML = "";
    active = -1;
    box.setAttribute("aria-expanded", "false");
    box.removeAttribute("aria-activedescendant");
  }

  function show(items, rest) {
    list.innerHTML = "";
    if (!items.length) return close();
    items.forEach(function (item, i) {
      var li = document.createElement("li");
      li.id = "suggestion-" + i;
      li.setAttribute("role", "option");
      var a = document.createElement("a");
      a.href = hrefFor(item, rest);
      a.tabIndex = -1;
      var facet = document.createElement("span");
      facet.className = "s-facet";
      facet.textContent = item.title;
      var value = document.createElement("span");
      value.className = "s-value";
      value.textContent = item.value;
      var count = document.createElement("span");
      count.className = "s-count";
      count.textContent = item.count + " 份";
      a.appendChild(facet); a.appendChild(value); a.appendChild(count);
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = false;
    box.setAttribute("aria-expanded", "true");
  }

  function ask() {
    var p = parts(), mine = ++asked;
    if (!p.word) return close();
    fetch(box.getAttribute("data-suggest") + "?limit=8&q=" + encodeURIComponent(p.word.slice(0, 50)),
          {headers: {"Accept": "application/json"}})
      .then(function (r) { return r.ok ? r.json() : {suggestions: []}; })
      .then(function (data) { if (mine === asked) show(data.suggestions || [], p.rest); })
      .catch(close);
  }

  function move(step) {
    var items = list.querySelectorAll("li");
    if (!items.length) return;
    if (active >= 0) items[active].classList.remove("active");
    active = (active + step + items.length) % items.length;
    items[active].classList.add("active");
    items[active].setAttribute("aria-selected", "true");
    box.setAttribute("aria-activedescendant", items[active].id);
  }

  if (box && list && form && window.fetch && window.URLSearchParams) {
    box.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 150);
    });
    box.addEventListener("keydown", function (e) {
      if (list.hidden) return;
      if (e.key === "ArrowDown") { move(1); e.preventDefault(); }
      else if (e.key === "ArrowUp") { move(-1); e.preventDefault(); }
      else if (e.key === "Escape") { close(); }
      else if (e.key === "Enter" && active >= 0) {
        e.preventDefault();
        window.location.href = list.querySelectorAll("li a")[active].href;
      }
    });
    box.addEventListener("blur", function () { setTimeout(close, 200); });
  }

  Array.prototype.forEach.call(document.querySelectorAll("select[data-autosubmit]"), function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
})();
