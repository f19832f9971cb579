// Keyboard and screen-reader help that markup alone cannot give. (Scrollable YAML and diff
// blocks are reachable by Tab through their own tabindex in the templates.)
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

  // A delete or take-over reloads the service page with its result on top: focus starts there.
  document.addEventListener("DOMContentLoaded", function () {
    var result = document.querySelector("#action-result .alert");
    if (result) {
      focusResult(result.parentElement);
    }
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    var swapped = event.detail.elt;
    if (!swapped || !/^(review-)?apply-result$/.test(swapped.id) || !swapped.querySelector(".alert")) {
      return;
    }
    var dialog = document.querySelector(".modal.show");
    if (dialog) {
      dialog.addEventListener("hidden.bs.modal", function () { focusResult(swapped); }, { once: true });
    } else {
      focusResult(swapped);
    }
  });
})();
