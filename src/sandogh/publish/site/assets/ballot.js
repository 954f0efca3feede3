/* "Was my ballot counted?": looks a confirmation code up in the election record's code index
   (docs/e2e.md §7, §9; `publish.e2e_codes`). The code is typed as its readable form (twenty
   digits, Persian, Arabic or Latin, with any separators) or as hex; the first hex digits name
   the one shard to fetch. Every answer is built as text nodes: nothing read is parsed as HTML. */
(function () {
  "use strict";
  var form = document.getElementById("ballot");
  if (!form || !window.fetch || typeof BigInt !== "function") {
    return;
  }
  var input = document.getElementById("code");
  var answer = document.getElementById("ballot-answer");
  var lang = form.getAttribute("data-lang");
  var base = form.getAttribute("data-codes");
  var index = null;
  form.hidden = false;

  function said(name) {
    return form.getAttribute("data-" + name);
  }

  function digits(text) {
    return lang === "fa" ? text.replace(/[0-9]/g, function (d) { return String.fromCharCode(0x6f0 + Number(d)); }) : text;
  }

  /* The hex the code starts with, or null when the text is not a code. */
  function wanted(text) {
    var folded = text
      .replace(/[۰-۹]/g, function (d) { return String(d.charCodeAt(0) - 0x6f0); })
      .replace(/[٠-٩]/g, function (d) { return String(d.charCodeAt(0) - 0x660); })
      .replace(/[\s\-‐‑–—_.,·\u200c\u200e\u200f]/g, "")
      .toLowerCase();
    if (/^[0-9]{20}$/.test(folded)) {
      var value = BigInt(folded);
      if (value >= BigInt("18446744073709551616")) {
        return null;
      }
      return value.toString(16).padStart(16, "0");
    }
    return /^[0-9a-f]{16,64}$/.test(folded) ? folded : null;
  }

  function readable(hex) {
    var text = BigInt("0x" + hex.slice(0, 16)).toString().padStart(20, "0");
    return digits(text.match(/.{4}/g).join(" "));
  }

  function element(tag, text, className) {
    var made = document.createElement(tag);
    if (text !== undefined) {
      made.textContent = text;
    }
    if (className) {
      made.className = className;
    }
    return made;
  }

  function isName(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  /* Whether `entry` is one the page can show: one malformed entry of a shard (a damaged or
     tampered file) is left out and said, and every other code is still answered (the outside
     review found one bad entry turned every answer into "could not be read"). */
  function wellFormed(entry) {
    if (!isName(entry) || typeof entry.code !== "string" || !/^[0-9a-f]{64}$/.test(entry.code)) {
      return false;
    }
    if (typeof entry.station !== "string" || !isName(entry.name)) {
      return false;
    }
    if (entry.state === "cast") {
      return entry.counted === undefined || typeof entry.counted === "boolean";
    }
    /* a contest listed twice would show the ballot opened to choices it never had (the outside
       review: a second item, naming another candidate, was shown beside the real one) */
    var seen = {};
    return entry.state === "challenged" && Array.isArray(entry.opened) && entry.opened.every(function (contest) {
      if (!isName(contest) || typeof contest.contest !== "string" || seen["c" + contest.contest]) {
        return false;
      }
      seen["c" + contest.contest] = true;
      return isName(contest.name) && Array.isArray(contest.chosen) && contest.chosen.every(function (c) {
        return isName(c) && typeof c.code === "string" && isName(c.name);
      });
    });
  }

  function show(entry) {
    /* "counted" only once the station's decrypted tally is in the snapshot: before the
       guardians decrypt, the ballot is in the published chain and the encrypted tally */
    var kind = entry.state === "cast" ? (entry.counted === true ? "cast" : "pending") : "challenged";
    var box = element("section", undefined, "panel ballot-" + kind);
    var title = element("h2");
    title.appendChild(document.createTextNode(said("code-label") + ": "));
    var code = element("span", readable(entry.code), "code");
    code.dir = "ltr";
    title.appendChild(code);
    box.appendChild(title);
    var station = String(entry.name[lang] || entry.station);
    var state = element("p", said("state-" + kind), "status status-" + (kind === "cast" ? "complete" : "partial"));
    box.appendChild(state);
    if (entry.state === "cast") {
      box.appendChild(element("p", said(kind).replace("{station}", station)));
    } else {
      box.appendChild(element("p", said("challenged")));
      var contests = element("dl", undefined, "opened");
      entry.opened.forEach(function (contest) {
        contests.appendChild(element("dt", contest.name[lang] || contest.contest));
        var chosen = contest.chosen.map(function (c) { return (c.name[lang] || c.code) + " (" + digits(c.code) + ")"; });
        contests.appendChild(element("dd", chosen.length ? chosen.join(lang === "fa" ? "، " : ", ") : said("blank")));
      });
      box.appendChild(contests);
    }
    var link = element("a", said("station-link").replace("{station}", station));
    link.href = said("pages") + encodeURIComponent(entry.station) + ".html";
    var line = element("p");
    line.appendChild(link);
    box.appendChild(line);
    answer.appendChild(box);
  }

  function say(text) {
    answer.textContent = "";
    answer.appendChild(element("p", text));
  }

  function json(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) {
        throw new Error(String(response.status));
      }
      return response.json();
    });
  }

  function look() {
    var hex = wanted(input.value);
    if (!hex) {
      say(said("not-a-code"));
      return;
    }
    say(said("searching"));
    (index ? Promise.resolve(index) : json(base + "index.json"))
      .then(function (found) {
        index = found;
        return json(base + hex.slice(0, index.prefix) + ".json");
      })
      .then(function (shard) {
        if (!shard || !Array.isArray(shard.codes)) {
          throw new Error("no codes");
        }
        var bad = shard.codes.filter(function (entry) { return !wellFormed(entry); }).length;
        var matches = shard.codes.filter(function (entry) { return wellFormed(entry) && entry.code.indexOf(hex) === 0; });
        answer.textContent = "";
        if (!matches.length) {
          say(said("not-found"));
        } else {
          matches.forEach(show);
        }
        if (bad) {
          answer.appendChild(element("p", said("bad-entry"), "bad-entry"));
        }
      })
      .catch(function () {
        say(said("unreadable"));
      });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    look();
  });
  var asked = new URLSearchParams(location.search).get("code");
  if (asked) {
    input.value = asked;
    look();
  }
})();
