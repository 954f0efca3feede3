/* The choropleth: areas (or stations as points) coloured by leader or turnout, with the colours
   and texts the page was rendered with (#map-data); this script only draws and switches them. */
(function () {
  "use strict";
  var section = document.getElementById("map-section");
  var box = document.getElementById("map");
  if (!section || !box || !window.L || !window.fetch) {
    return;
  }
  section.hidden = false;
  var contests = JSON.parse(box.getAttribute("data-contests"));
  var state = { contest: contests[0][0], mode: "winner" };
  var MODE = { winner: 0, turnout: 1 };
  var NONE = ["#C8C8C8", "#C8C8C8", ""];
  var data = null;
  var areas = null;
  var points = L.layerGroup();

  var map = L.map(box, { zoomSnap: 0.25, scrollWheelZoom: false });
  map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  map.attributionControl.addAttribution(
    '<a href="https://www.openstreetmap.org/copyright">' + box.getAttribute("data-attribution") + "</a>"
  );
  points.addTo(map);

  function read() {
    data = JSON.parse(document.getElementById("map-data").textContent);
  }

  function shade(item) {
    return (item && item.shade[state.contest]) || NONE;
  }

  function areaStyle(feature) {
    var item = data.areas[feature.properties.index];
    if (feature.properties.index === data.outline) {
      return { color: "#1D4D3A", weight: 2.5, fillColor: "#FFFFFF", fillOpacity: 0.7 };
    }
    if (!item) {
      return { color: "#9A9A9A", weight: 0.5, fillColor: "#F4F4F4", fillOpacity: 0.7 };
    }
    return { color: "#333333", weight: 1, fillColor: shade(item)[MODE[state.mode]], fillOpacity: 0.9 };
  }

  // a name is text, never markup: Leaflet puts a string in as HTML, an element as it is; the
  // map's box is left to right for Leaflet, its tooltips read in the page's own direction
  var direction = document.documentElement.getAttribute("dir") || "ltr";
  // each figure of the tooltip's figures in a <bdi> of its own, as the pages print them
  var FIGURE = /[0-9\u06f0-\u06f9]+(?:[\u066c\u066b,.:\/][0-9\u06f0-\u06f9]+)*[%\u066a]?/g;
  function isolate(parent, text) {
    var last = 0;
    var found;
    FIGURE.lastIndex = 0;
    while ((found = FIGURE.exec(text)) !== null) {
      var figure = document.createElement("bdi");
      figure.textContent = found[0];
      parent.appendChild(document.createTextNode(text.slice(last, found.index)));
      parent.appendChild(figure);
      last = FIGURE.lastIndex;
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function tooltip(item) {
    var text = shade(item)[2];
    var element = document.createElement("span");
    element.setAttribute("dir", direction);
    element.className = "map-tip";
    element.textContent = item.name + (text ? " — " : "");
    if (text) {
      isolate(element, text);
    }
    return element;
  }

  function go(item) {
    return function () {
      location.href = item.href;
    };
  }

  function drawPoints() {
    points.clearLayers();
    data.points.forEach(function (item) {
      var reported = shade(item)[0] !== NONE[0];
      L.circleMarker([parseFloat(item.lat), parseFloat(item.lon)], {
        radius: 7,
        color: item.hard ? "#000000" : "#333333",
        weight: item.hard ? 3 : 1.5,
        dashArray: item.mobile ? "3 3" : null,
        fillColor: reported ? shade(item)[MODE[state.mode]] : NONE[0],
        fillOpacity: 0.95
      })
        .bindTooltip(function () {
          return tooltip(item);
        })
        .on("click", go(item))
        .addTo(points);
    });
  }

  function legends() {
    document.querySelectorAll("#map-legends .legend[data-mode]").forEach(function (list) {
      list.hidden = !(list.getAttribute("data-contest") === state.contest && list.getAttribute("data-mode") === state.mode);
    });
    var name = contests.filter(function (c) { return c[0] === state.contest; })[0][1];
    box.setAttribute("aria-label", box.getAttribute("data-label").replace("{contest}", name));
  }

  function restyle() {
    if (areas) {
      areas.setStyle(areaStyle);
    }
    drawPoints();
    legends();
  }

  function fit() {
    var bounds = L.latLngBounds([]);
    if (areas) {
      areas.eachLayer(function (layer) {
        var index = layer.feature.properties.index;
        if (data.fit.indexOf(index) >= 0 || index === data.outline) {
          bounds.extend(layer.getBounds());
        }
      });
    }
    points.eachLayer(function (layer) {
      bounds.extend(layer.getLatLng());
    });
    if (bounds.isValid()) {
      map.fitBounds(bounds, { padding: [12, 12], maxZoom: 11, animate: false });
    } else {
      map.setView([32.5, 54.0], 5, { animate: false });
    }
  }

  read();
  drawPoints();
  legends();
  if (data.boundaries) {
    fetch(data.boundaries)
      .then(function (response) {
        return response.json();
      })
      .then(function (geojson) {
        geojson.features.forEach(function (feature, index) {
          feature.properties.index = String(index);
        });
        areas = L.geoJSON(geojson, {
          style: areaStyle,
          onEachFeature: function (feature, layer) {
            var item = data.areas[feature.properties.index];
            if (item) {
              layer.bindTooltip(function () {
                return tooltip(data.areas[feature.properties.index]);
              });
              layer.on("click", function () {
                location.href = data.areas[feature.properties.index].href;
              });
            }
          }
        }).addTo(map);
        fit();
        // layers join the map once it has a view (fit): stations go over the areas after that
        points.eachLayer(function (layer) {
          layer.bringToFront();
        });
        box.setAttribute("data-ready", "true");
      });
  } else {
    fit();
    box.setAttribute("data-ready", "true");
  }

  document.querySelectorAll('input[name="map-mode"]').forEach(function (input) {
    input.addEventListener("change", function () {
      state.mode = input.value;
      restyle();
    });
  });
  var select = document.getElementById("map-contest");
  if (select) {
    select.addEventListener("change", function () {
      state.contest = select.value;
      restyle();
    });
  }
  document.addEventListener("sandogh:updated", function () {
    read();
    restyle();
  });
})();
