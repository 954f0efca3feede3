// The atlas: the stations of the page's place on the OpenStreetMap boundaries, each area labelled
// with its name in the page's language (the base layer of place names: no tiles, no internet);
// the table beside the map holds the same, for screen readers and without script.
(function () {
  "use strict";
  var element = document.getElementById("map");
  if (!element || typeof L === "undefined") { return; }
  var points = JSON.parse(document.getElementById("map-data").textContent);
  var colours = { "not-open": "#bdbdbd", "open": "#56b4e9", "closed": "#e69f00", "reported": "#009e73" };
  var map = L.map(element, { attributionControl: true });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(element.dataset.attribution);
  var markers = L.featureGroup();
  points.forEach(function (p) {
    var marker = L.circleMarker([Number(p.lat), Number(p.lon)], {
      radius: p.mobile ? 8 : 6,
      color: p.hard ? "#000" : (p.mobile ? "#cc79a7" : "#333"),
      weight: p.hard || p.mobile ? 3 : 1,
      dashArray: p.hard ? "3" : null,
      fillColor: colours[p.status],
      fillOpacity: 0.9
    });
    // a name is text, never markup: Leaflet puts a string in as HTML, an element as it is
    var tooltip = document.createElement("span");
    tooltip.textContent = p.name + " — " + p.statusText + (p.plan ? " — " + p.plan : "");
    marker.bindTooltip(tooltip);
    marker.addTo(markers);
  });
  fetch(element.dataset.boundaries).then(function (answer) { return answer.json(); }).then(function (shapes) {
    var areas = L.geoJSON(shapes, {
      style: { color: "#555", weight: 1, fillOpacity: 0.03 },
      interactive: false,
      onEachFeature: function (feature, layer) {
        var label = document.createElement("span");
        label.textContent = feature.properties["name_" + element.dataset.lang] || feature.properties.name_fa || "";
        layer.bindTooltip(label, { permanent: true, direction: "center", className: "place-name" });
      }
    }).addTo(map);
    // each name stands in the part of its area the map shows, so a county seen in part is named
    function placeNames() {
      var view = map.getBounds();
      areas.eachLayer(function (area) {
        var shape = area.getBounds();
        if (!view.intersects(shape)) { return; }
        var south = Math.max(view.getSouth(), shape.getSouth()), north = Math.min(view.getNorth(), shape.getNorth());
        var west = Math.max(view.getWest(), shape.getWest()), east = Math.min(view.getEast(), shape.getEast());
        area.getTooltip().setLatLng([(south + north) / 2, (west + east) / 2]);
      });
    }
    map.on("moveend", placeNames);
    placeNames();
    element.dataset.places = String(areas.getLayers().length);
    if (!points.length) { map.fitBounds(areas.getBounds()); }
    markers.bringToFront();
  }).catch(function () { /* the stations are drawn without their boundaries */ });
  markers.addTo(map);
  if (points.length) { map.fitBounds(markers.getBounds().pad(0.1)); } else { map.setView([32.4, 53.7], 5); }
  element.dataset.ready = "true";
})();
