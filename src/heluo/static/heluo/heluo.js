// Heluo's small script: the one HTML escaper every other script uses, searchable selects (Tom Select)
// that load their choices from a ledger's autocomplete URL (re-applied after htmx swaps in new content),
// the "back" links of refusal pages and the "copy as text" buttons of official sentences
// (core/figures/copy_text.html). Pages allow no inline script (Content-Security-Policy).
(function () {
  "use strict";

  var ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

  // Text for HTML: every value a script puts into markup (ECharts tooltips included) goes through here.
  function escapeHtml(value) {
    return String(value === null || value === undefined ? "" : value).replace(/[&<>"']/g, function (c) {
      return ENTITIES[c];
    });
  }
  window.heluo = { escapeHtml: escapeHtml };

  function enhance(root) {
    root.querySelectorAll("select[data-autocomplete]:not(.tomselected)").forEach(function (select) {
      var url = select.dataset.autocomplete;
      new TomSelect(select, {
        valueField: "id",
        labelField: "text",
        searchField: [],
        maxOptions: 20,
        loadThrottle: 250,
        allowEmptyOption: !select.multiple,
        plugins: select.multiple ? ["remove_button"] : [],
        shouldLoad: function () { return true; },
        load: function (query, callback) {
          fetch(url + "?q=" + encodeURIComponent(query), { credentials: "same-origin" })
            .then(function (response) { return response.json(); })
            .then(function (json) { callback(json.results); })
            .catch(function () { callback(); });
        },
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-history-back]");
    if (link && window.history.length > 1) { event.preventDefault(); window.history.back(); }
  });
  // Intranet installs serve plain http, where navigator.clipboard does not exist: fall back to a
  // selected textarea and execCommand("copy").
  function copyByCommand(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var done = false;
    try { done = document.execCommand("copy"); } catch (error) { done = false; }
    document.body.removeChild(area);
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return copyByCommand(text); });
    }
    return copyByCommand(text);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-text]");
    if (!button) { return; }
    var label = button.dataset.label || button.textContent;
    button.dataset.label = label;
    copyText(button.dataset.copyText).then(
      function () { button.textContent = button.dataset.copied; },
      function () { button.textContent = button.dataset.copyFailed; }
    ).then(function () {
      window.setTimeout(function () { button.textContent = label; }, 2000);
    });
  });
  document.addEventListener("htmx:afterSwap", function (event) { enhance(event.target); });
})();
