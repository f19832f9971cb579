// Traffic Wizard #16: the routing rules editor. Its buttons post the form to the server, which
// answers the editor again (htmx); here: focus where the user continues, ask for a new preview,
// Alt+Arrow Up/Down moves the focused rule, Enter in a field never submits, the resilience part
// remembers whether it is open, and "Open in rules editor" posts a quick start's form.
(function () {
  "use strict";

  function form() {
    return document.getElementById("routing-form");
  }

  document.addEventListener("htmx:afterSettle", function (event) {
    var editor = event.target;
    if (!editor || editor.id !== "rules-editor") {
      return;
    }
    var id = editor.getAttribute("data-focus");
    var target = id && document.getElementById(id);
    if (target && target.disabled) {
      target = target.closest("[data-rule]");
    }
    if (target) {
      target.focus();
    }
    if (window.htmx && form()) {
      window.htmx.trigger(form(), "rows-changed");
    }
    form().dispatchEvent(new Event("change", { bubbles: true }));
  });

  document.addEventListener("keydown", function (event) {
    var t = event.target;
    if (!t.closest || !t.closest("#routing-form")) {
      return;
    }
    if (event.key === "Enter" && t.tagName === "INPUT" && t.type !== "checkbox" && t.type !== "radio") {
      event.preventDefault();
      return;
    }
    if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) {
      return;
    }
    var rule = t.closest("[data-rule]");
    if (!rule) {
      return;
    }
    var button = document.getElementById("rule-" + rule.getAttribute("data-rule") + (event.key === "ArrowUp" ? "-up" : "-down"));
    if (button && !button.disabled) {
      event.preventDefault();
      button.click();
    }
  });

  document.addEventListener("toggle", function (event) {
    var details = event.target;
    if (details.matches && details.matches("details[data-open-field]")) {
      var field = details.querySelector("[data-open-value]");
      if (field) {
        field.value = details.open ? "true" : "false";
      }
    }
  }, true);

  // a condition's field decides which inputs it has: the server draws them again
  document.addEventListener("change", function (event) {
    var select = event.target;
    if (!select.matches || !select.matches(".tw-cond-field, .tw-cond-op")) {
      return;
    }
    var row = select.closest(".tw-condition");
    var value = row && row.querySelector(".tw-cond-value");
    if (select.matches(".tw-cond-op") && value) {
      value.hidden = select.value === "present";
      return;
    }
    if (window.htmx) {
      var url = document.getElementById("add-rule").getAttribute("hx-post");
      window.htmx.ajax("POST", url, { source: document.getElementById("add-rule"), target: "#rules-editor", swap: "outerHTML",
        values: { op: "focus:" + select.id } });
    }
  });

  document.addEventListener("click", function (event) {
    var open = event.target.closest && event.target.closest("[data-open-rules]");
    if (!open || !form()) {
      return;
    }
    var f = form();
    f.setAttribute("action", open.getAttribute("data-open-rules"));
    f.setAttribute("method", "post");
    f.submit();
  });
})();
