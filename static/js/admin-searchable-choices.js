// Admin: a search box above a list of checkboxes or radio buttons hides the choices that do not match.
(() => {
  const words = (text) => text.toLocaleLowerCase("sv").split(/\s+/).filter(Boolean);

  document.addEventListener("input", (event) => {
    const search = event.target.closest("[data-searchable-choices-search]");
    if (!search) return;
    const box = search.closest("[data-searchable-choices]");
    const wanted = words(search.value);
    let shown = 0;
    box.querySelectorAll("[data-searchable-choices-list] label").forEach((label) => {
      const text = label.textContent.toLocaleLowerCase("sv");
      const input = label.querySelector("input");
      const match = (input && input.checked) || wanted.every((word) => text.includes(word));
      label.parentElement.hidden = !match;
      if (match) shown += 1;
    });
    box.querySelector("[data-searchable-choices-none]").hidden = shown > 0;
  });

  document.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.target.closest("[data-searchable-choices-search]")) {
      event.preventDefault();
    }
  });
})();
