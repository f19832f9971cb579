// Every <time data-tw-time datetime="…Z"> in the reader's language (the page's lang) and time zone;
// the server wrote readable UTC, which stays in the tooltip (web/Times.java).
(function () {
  "use strict";

  var format;

  function formatter() {
    if (!format) {
      var lang = document.documentElement.lang || undefined;
      try {
        format = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" });
      } catch (unsupported) {
        format = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
      }
    }
    return format;
  }

  function localise(root) {
    if (!root || !root.querySelectorAll) {
      return;
    }
    root.querySelectorAll("time[data-tw-time][datetime]").forEach(function (time) {
      var when = new Date(time.getAttribute("datetime"));
      if (!isNaN(when.getTime())) {
        time.textContent = formatter().format(when);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () { localise(document); });
  document.addEventListener("htmx:afterSettle", function (event) { localise(event.detail.elt); });
  document.addEventListener("htmx:oobAfterSwap", function (event) { localise(event.detail.target); });
})();
