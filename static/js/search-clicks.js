// Counts an opened search result for the editors' report: a same-origin POST with the page's CSRF
// token (navigator.sendBeacon), sent while the link opens as usual. Without JavaScript the link
// still works; the click is just not counted.
(function () {
  "use strict";

  var form = document.getElementById("search-click-counter");
  if (!form || !navigator.sendBeacon || !window.FormData) {
    return;
  }

  function count(event) {
    var link = event.target.closest ? event.target.closest("a[data-click-uid]") : null;
    if (!link || (event.type === "auxclick" && event.button !== 1)) {
      return;
    }
    var data = new FormData(form);
    data.append("uid", link.getAttribute("data-click-uid"));
    data.append("rank", link.getAttribute("data-click-rank"));
    navigator.sendBeacon(form.action, data);
  }

  document.addEventListener("click", count);
  document.addEventListener("auxclick", count);
})();
