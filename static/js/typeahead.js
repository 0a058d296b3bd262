// Typeahead for the search boxes marked data-suggest (the header's and the home page's): an ARIA 1.2
// combobox with a listbox popup (data-suggest names the listbox; the combobox roles are added here,
// so without JavaScript the box is a plain search field). Suggestions come from /api/v1/suggest;
// people show role, unit and phone. Arrow keys move, Enter opens, Escape closes.
(function () {
  "use strict";

  if (!window.fetch) {
    return;
  }

  var DEBOUNCE_MS = 150;
  var MIN_LENGTH = 2;
  var swedish = (document.documentElement.lang || "sv").indexOf("sv") === 0;
  var KIND_LABELS = swedish
    ? {person: "Person", "function": "Funktion", contact_point: "Kontaktväg", organisation: "Organisation",
       guideline: "Rutin", directive: "Direktiv", forum: "Forum", meeting: "Möte", glossary: "Begrepp",
       page: "Sida", document: "Dokument"}
    : {person: "Person", "function": "Function", contact_point: "Contact point", organisation: "Organisation",
       guideline: "Guideline", directive: "Directive", forum: "Forum", meeting: "Meeting", glossary: "Term",
       page: "Page", document: "Document"};
  var MESSAGES = swedish
    ? {none: "Inga förslag.", one: "1 förslag. Använd pil upp och ned för att välja.",
       many: " förslag. Använd pil upp och ned för att välja."}
    : {none: "No suggestions.", one: "1 suggestion. Use the up and down arrows to choose.",
       many: " suggestions. Use the up and down arrows to choose."};

  function attach(input) {
    var listbox = document.getElementById(input.dataset.suggest);
    if (!listbox) {
      return;
    }
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);

    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    listbox.parentNode.appendChild(status);

    var timer = null;
    var controller = null;
    var options = [];
    var active = -1;
    var lastQuery = "";

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function setActive(index) {
      options.forEach(function (option, position) {
        option.setAttribute("aria-selected", position === index ? "true" : "false");
      });
      active = index;
      if (index < 0) {
        input.removeAttribute("aria-activedescendant");
        return;
      }
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({block: "nearest"});
    }

    function announce(count) {
      status.textContent = count === 0 ? MESSAGES.none : count === 1 ? MESSAGES.one : count + MESSAGES.many;
    }

    function render(suggestions) {
      listbox.textContent = "";
      options = suggestions.map(function (suggestion, index) {
        var option = document.createElement("li");
        option.id = listbox.id + "-option-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.url = suggestion.url;
        var title = document.createElement("span");
        title.className = "site-search__suggestion-title";
        title.textContent = suggestion.title;
        var kind = document.createElement("span");
        kind.className = "site-search__suggestion-kind";
        kind.textContent = KIND_LABELS[suggestion.kind] || suggestion.kind;
        option.appendChild(title);
        option.appendChild(document.createTextNode(" "));
        option.appendChild(kind);
        if (suggestion.detail) {
          var detail = document.createElement("span");
          detail.className = "site-search__suggestion-detail";
          detail.textContent = suggestion.detail;
          option.appendChild(detail);
        }
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
        });
        option.addEventListener("click", function () {
          go(index);
        });
        listbox.appendChild(option);
        return option;
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      listbox.hidden = options.length === 0;
      input.setAttribute("aria-expanded", options.length ? "true" : "false");
      announce(options.length);
    }

    function go(index) {
      var url = options[index] && options[index].dataset.url;
      if (url && url.charAt(0) === "/" && url.charAt(1) !== "/") {
        window.location.assign(url);
      }
    }

    function fetchSuggestions(query) {
      if (controller) {
        controller.abort();
      }
      controller = window.AbortController ? new AbortController() : null;
      window.fetch("/api/v1/suggest?q=" + encodeURIComponent(query), {
        credentials: "same-origin",
        headers: {Accept: "application/json"},
        signal: controller ? controller.signal : undefined
      })
        .then(function (response) {
          return response.ok ? response.json() : [];
        })
        .then(function (suggestions) {
          if (input.value.trim() === query && document.activeElement === input) {
            render(Array.isArray(suggestions) ? suggestions.slice(0, 8) : []);
          }
        })
        .catch(function () {});
    }

    input.addEventListener("input", function () {
      var query = input.value.trim();
      window.clearTimeout(timer);
      if (query.length < MIN_LENGTH) {
        lastQuery = "";
        listbox.textContent = "";
        options = [];
        status.textContent = "";
        close();
        return;
      }
      if (query === lastQuery) {
        return;
      }
      timer = window.setTimeout(function () {
        lastQuery = query;
        fetchSuggestions(query);
      }, DEBOUNCE_MS);
    });

    input.addEventListener("keydown", function (event) {
      var open = !listbox.hidden && options.length > 0;
      if (event.key === "ArrowDown") {
        if (!options.length) {
          return;
        }
        event.preventDefault();
        if (!open) {
          listbox.hidden = false;
          input.setAttribute("aria-expanded", "true");
        }
        setActive(active + 1 >= options.length ? 0 : active + 1);
      } else if (event.key === "ArrowUp") {
        if (!open) {
          return;
        }
        event.preventDefault();
        setActive(active <= 0 ? options.length - 1 : active - 1);
      } else if (event.key === "Enter") {
        if (open && active >= 0) {
          event.preventDefault();
          go(active);
        }
      } else if (event.key === "Escape") {
        if (open) {
          event.preventDefault();
          close();
        } else if (input.value) {
          event.preventDefault();
          input.value = "";
          lastQuery = "";
        }
      } else if (event.key === "Tab") {
        close();
      }
    });

    input.addEventListener("blur", function () {
      close();
    });

    input.addEventListener("focus", function () {
      if (options.length && input.value.trim() === lastQuery) {
        listbox.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("input[data-suggest]"), attach);
})();
