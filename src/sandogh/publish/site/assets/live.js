/* Keeps a results page current during the day: polls the snapshot's sequence number (the front
   page: every election's, in elections.json) and, when it moves, fetches this same page again and
   swaps in its live parts ([data-live]), so figures change in place without a reload, keeping the
   reader's place and focus, which a timed refresh would lose every few seconds, changed or not.
   A page read without scripts is simply the static page. */
(function () {
  "use strict";
  var url = document.body.getAttribute("data-snapshot");
  if (!url || !window.fetch || !window.DOMParser) {
    return;
  }
  var PERIOD = 3000;
  var seen = null;
  var pending = 0;

  function refresh() {
    return fetch(location.href, { cache: "no-store" })
      .then(function (response) {
        return response.ok ? response.text() : Promise.reject(response.status);
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        var changed = false;
        document.querySelectorAll("[data-live][id]").forEach(function (old) {
          var next = fresh.getElementById(old.id);
          if (next && next.innerHTML !== old.innerHTML) {
            // the parsed nodes themselves, never their markup parsed a second time
            old.replaceWith(document.adoptNode(next));
            changed = true;
          }
        });
        if (changed) {
          var status = document.getElementById("live-status");
          status.textContent = status.getAttribute("data-text");
          document.dispatchEvent(new CustomEvent("sandogh:updated"));
        }
      });
  }

  function poll() {
    if (document.hidden) {
      setTimeout(poll, PERIOD);
      return;
    }
    fetch(url, { cache: "no-store" })
      .then(function (response) {
        return response.json();
      })
      .then(function (snapshot) {
        var version = String(
          snapshot.elections
            ? snapshot.elections.map(function (e) { return e.id + ":" + e.sequence; }).join(" ")
            : snapshot.sequence
        );
        if (seen !== null && version !== seen) {
          // this poll and the next: the pages may be written just after the data
          pending = 2;
        }
        seen = version;
        document.body.setAttribute("data-sequence", String(seen));
        if (pending > 0) {
          pending -= 1;
          return refresh();
        }
        return null;
      })
      .catch(function () {
        return null; // a missed poll is retried at the next
      })
      .then(function () {
        setTimeout(poll, PERIOD);
      });
  }

  poll();
})();
