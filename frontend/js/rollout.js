// Traffic Wizard #17: the service page's Release panel. The start form's add / remove step buttons
// post the form and get it back (htmx): focus goes where the user continues; "until promoted"
// switches its pause field off; Enter in a field of the form starts nothing by accident.
(function () {
  "use strict";

  document.addEventListener("htmx:afterSettle", function (event) {
    var form = event.target;
    if (!form || form.id !== "rollout-form") {
      return;
    }
    var id = form.getAttribute("data-focus");
    var target = id && document.getElementById(id);
    if (target && target.disabled) {
      target = document.getElementById("add-step");
    }
    if (target) {
      target.focus();
    }
  });

  document.addEventListener("change", function (event) {
    var box = event.target;
    var id = box && box.getAttribute && box.getAttribute("data-pause-toggle");
    var pause = id && document.getElementById(id);
    if (pause) {
      pause.disabled = box.checked;
      if (!box.checked) {
        pause.focus();
      }
    }
  });

  document.addEventListener("keydown", function (event) {
    var t = event.target;
    if (event.key === "Enter" && t.closest && t.closest("#rollout-form") && t.tagName === "INPUT"
        && t.type !== "checkbox" && t.type !== "submit") {
      event.preventDefault();
    }
  });
})();
