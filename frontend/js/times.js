// Every <time data-tw-time datetime="…Z"> in the reader's language (the page's lang) and time zone;
// the server wrote readable UTC, which stays in the tooltip (web/Times.java). With data-tw-time="seconds"
// (a rollout's history, where several events fall in one minute) the seconds are shown too.
(function () {
  "use strict";

  var formats = {};

  function formatter(timeStyle) {
    if (!formats[timeStyle]) {
      var lang = document.documentElement.lang || undefined;
      try {
        formats[timeStyle] = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: timeStyle });
      } catch (unsupported) {
        formats[timeStyle] = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: timeStyle });
      }
    }
    return formats[timeStyle];
  }

  function localise(root) {
    if (!root || !root.querySelectorAll) {
      return;
    }
    root.querySelectorAll("time[data-tw-time][datetime]").forEach(function (time) {
      var when = new Date(time.getAttribute("datetime"));
      if (!isNaN(when.getTime())) {
        var seconds = time.getAttribute("data-tw-time") === "seconds";
        time.textContent = formatter(seconds ? "medium" : "short").format(when);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () { localise(document); });
  document.addEventListener("htmx:afterSettle", function (event) { localise(event.detail.elt); });
  document.addEventListener("htmx:oobAfterSwap", function (event) { localise(event.detail.target); });
})();
