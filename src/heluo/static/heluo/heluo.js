// Heluo's small script: searchable selects (Tom Select) that load their choices from a ledger's
// autocomplete URL, re-applied after htmx swaps in new content.
(function () {
  "use strict";

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
  document.addEventListener("htmx:afterSwap", function (event) { enhance(event.target); });
})();
