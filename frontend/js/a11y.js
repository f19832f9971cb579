// Keyboard and screen-reader help that markup alone cannot give.
(function () {
  "use strict";

  // After an apply the answer replaces #apply-result: keyboard and screen-reader users are taken
  // to it. Bootstrap gives focus back to the Apply button when the confirm dialog has closed, so
  // while the dialog is still open the move waits for its "hidden" event.
  function focusResult(container) {
    var result = container.querySelector(".alert") || container;
    result.setAttribute("tabindex", "-1");
    result.focus();
  }

  // YAML and diffs scroll inside their box: reachable by Tab so the keyboard can scroll them.
  function scrollablesFocusable(root) {
    if (!root || !root.querySelectorAll) {
      return;
    }
    root.querySelectorAll("pre.tw-yaml:not([tabindex])").forEach(function (pre) {
      pre.setAttribute("tabindex", "0");
    });
  }

  document.addEventListener("htmx:afterSettle", function (event) {
    var swapped = event.detail.elt;
    scrollablesFocusable(swapped && swapped.parentElement ? swapped.parentElement : document);
    if (!swapped || swapped.id !== "apply-result" || !swapped.querySelector(".alert")) {
      return;
    }
    var dialog = document.querySelector(".modal.show");
    if (dialog) {
      dialog.addEventListener("hidden.bs.modal", function () { focusResult(swapped); }, { once: true });
    } else {
      focusResult(swapped);
    }
  });
  document.addEventListener("htmx:oobAfterSwap", function (event) {
    scrollablesFocusable(event.detail.target);
  });
  document.addEventListener("DOMContentLoaded", function () {
    scrollablesFocusable(document);
  });
})();
