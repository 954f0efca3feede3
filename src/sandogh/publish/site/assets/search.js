/* Station search: reads the election's units.json once and filters stations by name or code as
   the reader types. Persian and Arabic letters and digits are folded so «۱۲» finds "12". */
(function () {
  "use strict";
  var form = document.getElementById("search");
  if (!form || !window.fetch) {
    return;
  }
  var LIMIT = 50;
  var input = document.getElementById("query");
  var list = document.getElementById("search-results");
  var count = document.getElementById("search-count");
  var lang = form.getAttribute("data-lang");
  var stations = null;
  form.hidden = false;

  function fold(text) {
    return text
      .toLowerCase()
      .replace(/ي/g, "ی")
      .replace(/ك/g, "ک")
      .replace(/ئ/g, "ی")
      .replace(/\u200c/g, "")
      .replace(/[۰-۹]/g, function (d) { return String(d.charCodeAt(0) - 0x6f0); })
      .replace(/[٠-٩]/g, function (d) { return String(d.charCodeAt(0) - 0x660); })
      .replace(/\s+/g, " ")
      .trim();
  }

  function digits(number) {
    var text = String(number);
    return lang === "fa" ? text.replace(/[0-9]/g, function (d) { return String.fromCharCode(0x6f0 + Number(d)); }) : text;
  }

  // A label with its number in a <bdi> of its own, as the pages print every figure
  function say(parent, template, name, number) {
    var at = template.indexOf(name);
    var figure = document.createElement("bdi");
    figure.textContent = digits(number);
    parent.appendChild(document.createTextNode(template.slice(0, at)));
    parent.appendChild(figure);
    parent.appendChild(document.createTextNode(template.slice(at + name.length)));
  }

  function search() {
    var query = fold(input.value);
    list.textContent = "";
    if (query.length < 2 || !stations) {
      count.textContent = "";
      return;
    }
    var words = query.split(" ");
    var found = stations.filter(function (station) {
      return words.every(function (word) { return station.key.indexOf(word) >= 0; });
    });
    count.textContent = "";
    say(count, form.getAttribute("data-count"), "{count}", found.length);
    if (found.length > LIMIT) {
      count.appendChild(document.createTextNode(" "));
      say(count, form.getAttribute("data-more"), "{shown}", LIMIT);
    }
    found.slice(0, LIMIT).forEach(function (station) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = form.getAttribute("data-pages") + encodeURIComponent(station.unit.code) + ".html";
      link.textContent = station.unit.name[lang];
      var note = document.createElement("span");
      note.className = "muted";
      note.textContent = " " + station.unit.code + (station.parent ? (lang === "fa" ? "، " : " · ") + station.parent.name[lang] : "");
      item.appendChild(link);
      item.appendChild(note);
      list.appendChild(item);
    });
  }

  fetch(form.getAttribute("data-units"))
    .then(function (response) {
      return response.json();
    })
    .then(function (document_) {
      var units = Array.isArray(document_) ? document_ : document_.units;
      var byCode = {};
      units.forEach(function (unit) { byCode[unit.code] = unit; });
      stations = units
        .filter(function (unit) { return unit.kind === "station"; })
        .map(function (unit) {
          var parent = unit.parent ? byCode[unit.parent] : null;
          var names = [unit.code, unit.name.fa, unit.name.en];
          if (parent) {
            names.push(parent.name.fa, parent.name.en);
          }
          return { unit: unit, parent: parent, key: fold(names.join(" ")) };
        });
      var asked = new URLSearchParams(location.search).get("q");
      if (asked && !input.value) {
        input.value = asked;
      }
      search();
    });
  input.addEventListener("input", search);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    search();
  });
})();
