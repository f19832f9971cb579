// Traffic Wizard #13: on the subdomain form, the host rows follow the Domain field as it is typed:
// a host that is the old domain, or ends in ".<old domain>", gets the new one. Hosts typed for
// another domain are left alone.
(function () {
  "use strict";

  function hostInputs(form) {
    return form.querySelectorAll("input[name^='hostRoutes['][name$='].host']");
  }

  function follow(domain) {
    var previous = domain.getAttribute("data-previous");
    var next = domain.value.trim().toLowerCase();
    if (next === "") {
      return; // cleared to type another: the hosts follow from the last domain they had
    }
    domain.setAttribute("data-previous", next);
    if (previous === null || previous === "" || previous === next) {
      return;
    }
    hostInputs(domain.form).forEach(function (input) {
      var host = input.value.trim();
      var lower = host.toLowerCase();
      if (lower === previous) {
        input.value = next;
      } else if (lower.length > previous.length && lower.slice(-(previous.length + 1)) === "." + previous) {
        input.value = host.slice(0, host.length - previous.length) + next;
      }
    });
  }

  document.addEventListener("input", function (event) {
    if (event.target.matches("#routing-form input#domain")) {
      follow(event.target);
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var domain = document.querySelector("#routing-form input#domain");
    if (domain) {
      domain.setAttribute("data-previous", domain.value.trim().toLowerCase());
    }
  });
})();
