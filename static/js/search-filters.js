// Search filters on the results page: a filter applies as soon as it changes (the form is submitted),
// focus comes back to that filter on the new page, and on narrow screens the filters start folded
// behind their "Filtrera" toggle so the results come first. Without JavaScript the filters stay open
// and the "Apply filters" button submits them.
(function () {
  "use strict";

  var filters = document.querySelector(".search-filters");
  var form = filters && filters.querySelector("form.search-facets");
  if (!form) {
    return;
  }
  var KEY = "search-filter-focus";
  var narrow = window.matchMedia("(max-width: 48rem)");

  function remembered() {
    try {
      var value = window.sessionStorage.getItem(KEY);
      window.sessionStorage.removeItem(KEY);
      return value ? JSON.parse(value) : null;
    } catch (error) {
      return null;
    }
  }

  function remember(input) {
    try {
      window.sessionStorage.setItem(KEY, JSON.stringify({ name: input.name, value: input.value }));
    } catch (error) {
      // Without storage the filter still applies; focus then starts at the top of the new page.
    }
  }

  function restoreFocus(choice) {
    var inputs = form.querySelectorAll("input[type=checkbox]");
    for (var i = 0; i < inputs.length; i += 1) {
      if (inputs[i].name === choice.name && inputs[i].value === choice.value) {
        var folded = inputs[i].closest("details:not([open])");
        if (folded && folded !== filters) {
          folded.open = true;
        }
        inputs[i].focus();
        return true;
      }
    }
    return false;
  }

  var choice = remembered();
  if (!(choice && restoreFocus(choice)) && narrow.matches) {
    filters.open = false;
  }
  form.querySelector("button[type=submit]").hidden = true;
  form.querySelector(".search-facets__hint").hidden = false;
  form.addEventListener("change", function (event) {
    if (event.target.matches("input[type=checkbox]")) {
      remember(event.target);
      form.submit();
    }
  });
})();
