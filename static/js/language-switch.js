// One language switch for a whole admin form (page and inlines): shows the fields of one
// language at a time. Fields say their language in data-language (publishing/
// admin_translations.py). A file of its own, so it runs under a CSP without inline script.
(function () {
  "use strict";
  var NAMES = { en: "English", ro: "Română", az: "Azərbaycanca" };
  var LABELS = { en: "Language of the texts", ro: "Limba textelor", az: "Mətnlərin dili" };
  var current = "en";

  function boxOf(field) {
    return field.closest(".fieldBox") || field.closest("td") || field.closest(".form-row");
  }

  function headerOf(cell) {
    // A tabular inline's column: its <th class="column-NAME"> goes with the cells.
    var name = Array.prototype.find.call(cell.classList, function (c) {
      return c.indexOf("field-") === 0;
    });
    var table = cell.closest("table");
    return name && table ? table.querySelector("th.column-" + name.slice(6)) : null;
  }

  function show(language) {
    current = language;
    document.querySelectorAll("[data-language]").forEach(function (field) {
      var box = boxOf(field);
      if (!box) return;
      var hidden = field.getAttribute("data-language") !== language;
      box.hidden = hidden;
      if (box.tagName === "TD") {
        var th = headerOf(box);
        if (th) th.hidden = hidden;
      }
    });
    // A row whose every field is hidden takes no room.
    document.querySelectorAll(".form-row").forEach(function (row) {
      var boxes = row.querySelectorAll(".fieldBox");
      if (!boxes.length) return;
      row.hidden = Array.prototype.every.call(boxes, function (b) { return b.hidden; });
    });
    document.querySelectorAll(".language-switch button").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.value === language));
    });
  }

  function languagesOnPage() {
    var found = [];
    document.querySelectorAll("[data-language]").forEach(function (field) {
      var code = field.getAttribute("data-language");
      if (found.indexOf(code) < 0) found.push(code);
    });
    return found;
  }

  function withErrors() {
    // Open on the first language that has a refused field, so no error is out of sight.
    var lists = document.querySelectorAll(".errorlist");
    for (var i = 0; i < lists.length; i++) {
      var box = lists[i].closest(".fieldBox, td, .form-row");
      var field = box && box.querySelector("[data-language]");
      if (field) return field.getAttribute("data-language");
    }
    return null;
  }

  function build() {
    var languages = languagesOnPage();
    var form = document.querySelector("#content-main form");
    if (languages.length < 2 || !form) return;
    var page = (document.documentElement.lang || "en").slice(0, 2);
    var bar = document.createElement("div");
    bar.className = "language-switch";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", LABELS[page] || LABELS.en);
    languages.forEach(function (code) {
      var button = document.createElement("button");
      button.type = "button";
      button.value = code;
      button.lang = code;
      button.textContent = NAMES[code] || code;
      button.addEventListener("click", function () { show(code); });
      bar.appendChild(button);
    });
    var first = form.querySelector("fieldset, .inline-group");
    (first ? first.parentNode : form).insertBefore(bar, first);
    // A link to one field (the translation overview's) opens its language and goes to it.
    var target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    var linked = target && target.getAttribute("data-language");
    show(withErrors() || linked || "en");
    if (linked) {
      target.scrollIntoView({ block: "center" });
      target.focus({ preventScroll: true });
    }
  }

  document.addEventListener("DOMContentLoaded", build);
  // "Add another" copies an empty row: it follows the language chosen.
  document.addEventListener("formset:added", function () { show(current); });
})();
