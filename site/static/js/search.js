// Header search autocomplete and search-page filters that apply on change.
// Without JavaScript the header box is a plain GET form and the filters have an "Apply" button.
(function () {
  "use strict";

  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.matches && field.matches("[data-autosubmit]") && field.form) field.form.submit();
  });

  var input = document.getElementById("site-search-q");
  if (!input || !window.fetch) return;
  var form = input.form;
  var suggestUrl = form.getAttribute("action").replace(/\/?$/, "/") + "suggest";
  var list = document.createElement("ul");
  list.id = "site-search-suggestions";
  list.className = "search-suggest";
  list.setAttribute("role", "listbox");
  list.hidden = true;
  form.appendChild(list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");

  var timer = null;
  var active = -1;
  var controller = null;

  function close() {
    list.hidden = true;
    list.innerHTML = "";
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function highlight(index) {
    var items = list.querySelectorAll("[role=option]");
    if (!items.length) return;
    active = (index + items.length) % items.length;
    items.forEach(function (item, i) { item.setAttribute("aria-selected", i === active ? "true" : "false"); });
    input.setAttribute("aria-activedescendant", items[active].id);
  }

  function render(suggestions) {
    list.innerHTML = "";
    active = -1;
    if (!suggestions.length) return close();
    suggestions.forEach(function (s, i) {
      var li = document.createElement("li");
      li.id = "site-search-option-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      var a = document.createElement("a");
      a.href = s.url;
      a.tabIndex = -1;
      var kind = document.createElement("span");
      kind.className = "search-suggest__kind";
      kind.textContent = s.kind_label;
      a.appendChild(document.createTextNode(s.title + " "));
      a.appendChild(kind);
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function load() {
    var q = input.value.trim();
    if (q.length < 2) return close();
    if (controller) controller.abort();
    controller = window.AbortController ? new AbortController() : null;
    fetch(suggestUrl + "?q=" + encodeURIComponent(q), {
      headers: { Accept: "application/json" },
      signal: controller ? controller.signal : undefined,
    })
      .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
      .then(function (data) { if (input.value.trim() === q) render(data.suggestions || []); })
      .catch(function () { /* a failed suggestion never blocks the search form */ });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(load, 150);
  });
  input.addEventListener("keydown", function (event) {
    if (list.hidden) return;
    if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
    else if (event.key === "Escape") { close(); }
    else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      window.location.href = list.querySelectorAll("[role=option] a")[active].href;
    }
  });
  input.addEventListener("blur", function () { setTimeout(close, 150); });
})();
