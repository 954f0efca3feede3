// The dashboard renews itself (issue 13): every few seconds it fetches its own page and puts each
// element marked data-live in place of the old one with its id, so the figures of the day move
// without a reload, a lost scroll or an inline script. When a fetch fails (the network, an ended
// session) the page says its figures may be stale, and tries again at the next turn.
(function () {
  "use strict";
  var main = document.querySelector("[data-refresh]");
  if (!main || !window.fetch || !window.DOMParser) { return; }
  var stale = document.getElementById("stale");
  function renew() {
    fetch(location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (answer) {
        if (answer.redirected || !answer.ok) { throw new Error(String(answer.status)); }
        return answer.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        document.querySelectorAll("[data-live]").forEach(function (old) {
          var next = fresh.getElementById(old.id);
          if (next) { old.replaceWith(document.adoptNode(next)); }
        });
        if (stale) { stale.hidden = true; }
        main.dataset.renewed = String(Number(main.dataset.renewed || "0") + 1);
      })
      .catch(function () { if (stale) { stale.hidden = false; } })
      .then(function () { setTimeout(renew, Number(main.dataset.refresh) * 1000); });
  }
  setTimeout(renew, Number(main.dataset.refresh) * 1000);
})();
