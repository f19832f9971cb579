// The analyze page: Ctrl+Enter (or Cmd+Enter) in the paste submits it; after the result arrives,
// focus moves to its heading so keyboard and screen-reader users land on it; a diagnostic's line
// link marks and focuses the pasted lines it concerns.
(function () {
  "use strict";

  document.addEventListener("keydown", function (event) {
    var area = event.target.closest && event.target.closest("[data-ctrl-enter]");
    if (!area || event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) {
      return;
    }
    var form = document.querySelector(area.getAttribute("data-ctrl-enter"));
    if (form) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  // the whole page answered a plain form post: its result is where focus starts
  document.addEventListener("DOMContentLoaded", function () {
    var title = document.querySelector("#analyze-result #analyze-result-title");
    if (title) {
      title.focus();
    }
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    var swapped = event.detail.elt;
    if (!swapped || swapped.id !== "analyze-result") {
      return;
    }
    var title = swapped.querySelector("#analyze-result-title");
    if (title) {
      title.focus();
    }
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-lines]");
    if (!link) {
      return;
    }
    var range = link.getAttribute("data-lines").split("-");
    var first = parseInt(range[0], 10);
    var last = parseInt(range[1], 10);
    document.querySelectorAll(".tw-line-current").forEach(function (line) {
      line.classList.remove("tw-line-current");
    });
    for (var n = first; n <= last; n++) {
      var line = document.getElementById("paste-line-" + n);
      if (line) {
        line.classList.add("tw-line-current");
      }
    }
    var start = document.getElementById("paste-line-" + first);
    if (start) {
      event.preventDefault();
      start.scrollIntoView({ block: "center" });
      start.focus({ preventScroll: true });
    }
  });
})();
