// Traffic Wizard: weights that add up by themselves (the weighted routing form).
//
// Each version row has a number input (what the form posts), a slider that mirrors it and, with three
// or more versions, a lock button. When one weight changes, the other unlocked versions share what is
// left (100 - edited - locked) in proportion to their current weights (evenly if they are all 0), as
// whole numbers that add up to exactly 100 (largest remainder). With two versions the other one simply
// follows. The server still checks the posted weights; this only saves the arithmetic.
(function () {
  "use strict";

  var ROW = ".tw-weight-row";

  // The rules editor has a split per rule: each [data-weight-group] balances on its own.
  function rows(near) {
    var group = near && near.closest ? near.closest("[data-weight-group]") : null;
    return Array.prototype.map.call((group || document).querySelectorAll(ROW), function (row) {
      return {
        row: row,
        number: row.querySelector("input[type=number]"),
        slider: row.querySelector("input[type=range]"),
        lock: row.querySelector("[data-weight-lock]"),
        version: row.getAttribute("data-version")
      };
    });
  }

  function locked(r) {
    return !!r.lock && r.lock.getAttribute("aria-pressed") === "true";
  }

  /** A whole number from 0 to 100, or null for anything else (left for the server to name). */
  function valueOf(r) {
    var text = r.number.value.trim();
    if (!/^\d{1,3}$/.test(text)) {
      return null;
    }
    var n = parseInt(text, 10);
    return n <= 100 ? n : null;
  }

  /**
   * Shares total among weights in proportion to them (evenly when they are all 0): whole numbers
   * adding up to total, the leftover units going to the largest fractional parts, first rows first.
   */
  function share(total, weights) {
    var sum = weights.reduce(function (a, b) { return a + b; }, 0);
    var exact = weights.map(function (w) { return sum > 0 ? total * w / sum : total / weights.length; });
    var result = exact.map(Math.floor);
    var left = total - result.reduce(function (a, b) { return a + b; }, 0);
    var order = exact.map(function (e, i) { return i; }).sort(function (a, b) {
      return (exact[b] - result[b]) - (exact[a] - result[a]) || a - b;
    });
    for (var k = 0; k < left; k++) {
      result[order[k % order.length]]++;
    }
    return result;
  }

  function show(r, value) {
    r.number.value = value;
    if (r.slider) {
      r.slider.value = value;
    }
    describe(r);
  }

  function describe(r) {
    if (r.slider) {
      r.slider.setAttribute("aria-valuetext", r.version + " " + r.slider.value + " %");
    }
  }

  function note(text) {
    var element = document.getElementById("weight-note");
    if (element) {
      element.textContent = text || "";
    }
  }

  function message(name, version, value) {
    var element = document.getElementById("weight-note");
    var template = element && element.getAttribute(name) || "";
    return template.replace("@version@", version).replace("@value@", value);
  }

  /** The row at index edited changed: the others that are not locked take up the difference. */
  function rebalance(all, edited) {
    var r = all[edited];
    var value = valueOf(r);
    if (value === null) {
      note("");
      return;
    }
    var lockedSum = 0;
    var free = [];
    all.forEach(function (other, i) {
      if (i === edited) {
        return;
      }
      if (locked(other)) {
        lockedSum += valueOf(other) || 0;
      } else {
        free.push(other);
      }
    });
    var max = Math.max(0, 100 - lockedSum);
    var text = "";
    if (value > max) {
      value = max;
      text = message("data-msg-clamped", r.version, max);
    }
    if (free.length === 0 && value !== max) {
      text = message("data-msg-all-locked", r.version, max);
    }
    show(r, value);
    if (free.length > 0) {
      var shares = share(Math.max(0, 100 - lockedSum - value), free.map(function (f) { return valueOf(f) || 0; }));
      free.forEach(function (f, i) { show(f, shares[i]); });
    }
    note(text);
  }

  // Capture phase: the weights are settled before htmx (listening on the form) sees the event.
  document.addEventListener("input", function (event) {
    var target = event.target;
    var row = target.closest && target.closest(ROW);
    if (!row || !(target.type === "range" || target.type === "number")) {
      return;
    }
    var all = rows(row);
    var index = all.findIndex(function (r) { return r.row === row; });
    var r = all[index];
    if (target === r.slider) {
      r.number.value = r.slider.value;
    } else if (valueOf(r) !== null && r.slider) {
      r.slider.value = valueOf(r);
    }
    describe(r);
    rebalance(all, index);
  }, true);

  document.addEventListener("click", function (event) {
    var lock = event.target.closest("[data-weight-lock]");
    if (lock) {
      lock.setAttribute("aria-pressed", lock.getAttribute("aria-pressed") === "true" ? "false" : "true");
      note("");
      return;
    }
    if (!event.target.closest("#split-evenly")) {
      return;
    }
    // "Split evenly": the unlocked versions share what the locked ones leave, as evenly as whole numbers allow.
    var all = rows();
    var lockedSum = 0;
    var free = all.filter(function (r) {
      if (locked(r)) {
        lockedSum += valueOf(r) || 0;
        return false;
      }
      return true;
    });
    if (free.length === 0) {
      return;
    }
    var shares = share(Math.max(0, 100 - lockedSum), free.map(function () { return 0; }));
    free.forEach(function (r, i) { show(r, shares[i]); });
    note("");
    free[0].number.dispatchEvent(new Event("change", { bubbles: true }));
  });

  document.addEventListener("DOMContentLoaded", function () {
    rows().forEach(describe);
  });
})();
