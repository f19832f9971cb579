// Traffic Wizard: small progressive enhancements. No inline scripts; everything hangs off data attributes.
(function () {
  "use strict";

  function highlight(root) {
    if (window.Prism) {
      window.Prism.highlightAllUnder(root || document);
    }
  }

  // The weights (sliders, locks, Split evenly) live in weights.js.

  // Copy and Download of the previewed YAML.
  document.addEventListener("click", function (event) {
    var copy = event.target.closest("[data-copy]");
    if (copy) {
      var source = document.querySelector(copy.getAttribute("data-copy"));
      if (source) {
        copyText(source.textContent).then(function () {
          var label = copy.textContent;
          copy.textContent = copy.getAttribute("data-copied") || label;
          setTimeout(function () { copy.textContent = label; }, 1500);
        });
      }
      return;
    }
    var download = event.target.closest("[data-download]");
    if (download) {
      var yaml = document.querySelector(download.getAttribute("data-download"));
      if (yaml) {
        var blob = new Blob([yaml.textContent], { type: "application/yaml" });
        var link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = download.getAttribute("data-filename") || "routing.yaml";
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
      }
    }
  });

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "position-absolute start-0 top-0 opacity-0";
    document.body.appendChild(area);
    area.select();
    try {
      document.execCommand("copy");
    } finally {
      area.remove();
    }
    return Promise.resolve();
  }

  // The confirmation dialog lists exactly the objects the last preview would write.
  document.addEventListener("show.bs.modal", function (event) {
    var list = event.target.querySelector("#confirm-objects");
    var source = document.getElementById("confirm-objects-source");
    if (list && source) {
      list.replaceChildren(source.content.cloneNode(true));
    }
    // ...and repeats the changes the preview flagged (a Gateway deleted, the mesh unbound, ...)
    var flags = event.target.querySelector("#confirm-flags");
    var flagSource = document.getElementById("confirm-flags-source");
    if (flags && flagSource) {
      flags.replaceChildren(flagSource.content.cloneNode(true));
    }
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var elt = event.detail.elt;
    var target = elt && (elt.id === "confirm-apply-button" ? "#confirm-apply" : elt.getAttribute("data-close-modal"));
    if (target && window.bootstrap) {
      var element = document.querySelector(target);
      var modal = window.bootstrap.Modal.getInstance(element);
      if (modal) {
        if (modal._isTransitioning) {
          // the answer came while the dialog was still fading in: Bootstrap ignores hide() then
          element.addEventListener("shown.bs.modal", function () { modal.hide(); }, { once: true });
        }
        modal.hide();
      }
    }
  });

  // Every state-changing htmx request carries the CSRF token from the page's meta tags.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector("meta[name='_csrf']");
    var header = document.querySelector("meta[name='_csrf_header']");
    if (token && header) {
      event.detail.headers[header.getAttribute("content")] = token.getAttribute("content");
    }
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    highlight(event.detail.elt);
  });
  document.addEventListener("htmx:oobAfterSwap", function (event) {
    highlight(event.detail.target);
  });
  document.addEventListener("DOMContentLoaded", function () {
    highlight(document);
  });
})();

// Repeatable rows (rules, hosts): add from the <template>, remove, move up/down, then renumber the
// indexed names (rules[0].name …) and ids so the server sees rows in their new order.
(function () {
  "use strict";

  function renumber(container) {
    var rows = container.querySelectorAll(":scope > [data-row]");
    rows.forEach(function (row, i) {
      row.querySelectorAll("[name]").forEach(function (field) {
        field.name = field.name.replace(/\[\d+\]/, "[" + i + "]");
      });
      row.querySelectorAll("[id]").forEach(function (el) {
        el.id = el.id.replace(/-\d+$/, "-" + i);
      });
      row.querySelectorAll("label[for]").forEach(function (label) {
        label.htmlFor = label.htmlFor.replace(/-\d+$/, "-" + i);
      });
    });
    var form = container.closest("form");
    if (form && window.htmx) {
      window.htmx.trigger(form, "rows-changed");
    }
  }

  document.addEventListener("click", function (event) {
    var add = event.target.closest("[data-row-add]");
    if (add) {
      var container = document.querySelector("[data-rows='" + add.getAttribute("data-row-add") + "']");
      var template = container && container.querySelector("template[data-row-template]");
      if (template) {
        container.insertBefore(template.content.cloneNode(true), template);
        renumber(container);
        var rows = container.querySelectorAll(":scope > [data-row]");
        var first = rows[rows.length - 1].querySelector("input, textarea, select");
        if (first) {
          first.focus();
        }
      }
      return;
    }
    var row = event.target.closest("[data-row]");
    if (!row) {
      return;
    }
    var parent = row.parentElement;
    if (event.target.closest("[data-row-remove]")) {
      row.remove();
    } else if (event.target.closest("[data-row-up]") && row.previousElementSibling) {
      parent.insertBefore(row, row.previousElementSibling);
    } else if (event.target.closest("[data-row-down]") && row.nextElementSibling
        && row.nextElementSibling.matches("[data-row]")) {
      parent.insertBefore(row.nextElementSibling, row);
    } else {
      return;
    }
    renumber(parent);
  });

  // Sections shown only for some choices: data-show-when="field=value|other".
  function applyShowWhen(root) {
    var form = root.closest ? (root.closest("form") || root) : root;
    form.querySelectorAll("[data-show-when]").forEach(function (el) {
      var rule = el.getAttribute("data-show-when").split("=");
      var wanted = rule[1].split("|");
      var fields = form.querySelectorAll("[name='" + rule[0] + "']");
      var value = null;
      fields.forEach(function (f) {
        if (f.type === "radio" || f.type === "checkbox") {
          if (f.checked) {
            value = f.value;
          }
        } else {
          value = f.value;
        }
      });
      el.hidden = wanted.indexOf(value) < 0;
    });
  }

  document.addEventListener("change", function (event) {
    if (event.target.form) {
      applyShowWhen(event.target.form);
    }
  });
  // Typed before the scripts ran (slow network, fast fingers): htmx saw no input event, so ask for
  // the preview once now rather than leave a preview that does not match the form.
  function edited(form) {
    return Array.prototype.some.call(form.elements, function (f) {
      if (f.type === "radio" || f.type === "checkbox") {
        return f.checked !== f.defaultChecked;
      }
      if (f.tagName === "SELECT") {
        return Array.prototype.some.call(f.options, function (o) { return o.selected !== o.defaultSelected; });
      }
      return "defaultValue" in f && f.value !== f.defaultValue;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form").forEach(applyShowWhen);
    document.querySelectorAll("form[hx-trigger*='rows-changed']").forEach(function (form) {
      if (window.htmx && edited(form)) {
        window.htmx.trigger(form, "rows-changed");
      }
    });
    document.documentElement.setAttribute("data-tw-ready", "true");
  });
})();
