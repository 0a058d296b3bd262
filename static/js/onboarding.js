// Onboarding: tick a step without reloading the page. Focus stays on the step's button and the
// path's live region announces the progress. Without this script the form posts and redirects.
(function () {
  "use strict";

  function update(data) {
    var old = document.getElementById("steg-" + data.step);
    var holder = document.createElement("ol");
    holder.innerHTML = data.step_html;
    var fresh = holder.firstElementChild;
    old.replaceWith(fresh);
    fresh.querySelector("button").focus();
    document.querySelectorAll('[data-onboarding-progress="' + data.path + '"]').forEach(function (bar) {
      bar.max = data.total;
      bar.value = data.done;
      bar.textContent = data.percent + "%";
    });
    document.querySelectorAll('[data-onboarding-count="' + data.path + '"]').forEach(function (count) {
      count.textContent = data.count;
    });
    document.querySelectorAll('[data-onboarding-status="' + data.path + '"]').forEach(function (status) {
      status.textContent = data.announcement;
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-onboarding-tick]");
    if (!form) {
      return;
    }
    event.preventDefault();
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(update)
      .catch(function () {
        form.submit();
      });
  });
})();
