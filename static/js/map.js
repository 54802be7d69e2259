// The programme map (dashboard/map.html): Leaflet on a plain background, no tile server, so it
// works offline and under the portal's CSP (Leaflet styles elements through the DOM only).
// Without this script the page shows the same map as a server-rendered SVG picture, and the
// forms reload the page.
(function () {
  "use strict";

  var container = document.getElementById("programme-map");
  if (!container || !window.L) {
    return;
  }
  var layerForm = document.getElementById("map-form");
  var regionForm = document.getElementById("region-form");
  var legend = document.getElementById("map-legend");
  var legendTitle = document.getElementById("map-legend-title");
  var card = document.getElementById("region-card");
  var svgLink = document.getElementById("map-svg-link");
  var SVG_NS = "http://www.w3.org/2000/svg";
  var NO_VALUE = "#dee2e6";
  var INDONESIA = [[-11.2, 94.8], [6.2, 141.3]];

  var values = { regions: {}, classes: [] };
  var colours = {};
  var shapes = {}; // code -> Leaflet layer
  var selected = regionForm.elements.wilayah.value || null; // a card the page opened

  container.classList.add("is-interactive");
  var map = L.map(container, {
    attributionControl: false,
    zoomSnap: 0.1,
    minZoom: 3,
    maxZoom: 11,
    maxBounds: [[-20, 85], [15, 150]],
  });
  map.fitBounds(INDONESIA);

  function styleFor(feature) {
    var code = feature.properties.code;
    var entry = values.regions[code];
    var isSelected = code === selected;
    return {
      fillColor: entry ? colours[entry[0]] || NO_VALUE : NO_VALUE,
      fillOpacity: 1,
      color: isSelected ? "#212529" : "#ffffff",
      weight: isSelected ? 3 : 0.5,
      opacity: 1,
    };
  }

  function pointStyle(feature) {
    var style = styleFor(feature);
    style.color = feature.properties.code === selected ? "#212529" : "#343a40";
    style.weight = feature.properties.code === selected ? 3 : 1;
    return style;
  }

  function tooltipFor(feature) {
    var entry = values.regions[feature.properties.code];
    var noValue = values.classes.length ? values.classes[values.classes.length - 1].label : "";
    var element = document.createElement("span");
    var name = document.createElement("strong");
    name.textContent = feature.properties.name;
    element.appendChild(name);
    element.appendChild(document.createElement("br"));
    element.appendChild(document.createTextNode(entry ? entry[1] : noValue));
    return element;
  }

  function restyle() {
    Object.keys(shapes).forEach(function (code) {
      var shape = shapes[code];
      shape.setStyle(shape.feature.geometry.type === "Point" ? pointStyle(shape.feature) : styleFor(shape.feature));
    });
    if (selected && shapes[selected]) {
      shapes[selected].bringToFront();
    }
  }

  function swatch(colour) {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("class", "map-swatch");
    svg.setAttribute("viewBox", "0 0 14 14");
    svg.setAttribute("aria-hidden", "true");
    var rect = document.createElementNS(SVG_NS, "rect");
    rect.setAttribute("width", "14");
    rect.setAttribute("height", "14");
    rect.setAttribute("rx", "2");
    rect.setAttribute("fill", colour);
    svg.appendChild(rect);
    return svg;
  }

  function renderLegend(data) {
    legend.replaceChildren();
    data.classes.forEach(function (item) {
      var li = document.createElement("li");
      li.appendChild(swatch(item.colour));
      li.appendChild(document.createTextNode(" " + item.label + " "));
      var count = document.createElement("span");
      count.className = "text-muted";
      count.textContent = "(" + item.count + ")";
      li.appendChild(count);
      legend.appendChild(li);
    });
    legendTitle.textContent = data.title;
  }

  function query() {
    return new URLSearchParams(new FormData(layerForm));
  }

  // The address (to reload or share), the picture link and the region list keep the choice.
  function keepChoice(params) {
    var url = new URL(window.location.href);
    params.forEach(function (value, key) {
      url.searchParams.set(key, value);
    });
    if (selected) {
      url.searchParams.set("wilayah", selected);
    } else {
      url.searchParams.delete("wilayah");
    }
    window.history.replaceState(null, "", url);
    var svgUrl = new URL(svgLink.href);
    svgUrl.search = params.toString();
    svgLink.href = svgUrl;
    ["lapisan", "angkatan"].forEach(function (name) {
      var input = regionForm.querySelector("input[name=" + name + "]");
      if (!input) {
        input = document.createElement("input");
        input.type = "hidden";
        input.name = name;
        regionForm.appendChild(input);
      }
      input.value = params.get(name) || "";
    });
  }

  function loadValues() {
    var params = query();
    return fetch(container.dataset.valuesUrl + "?" + params, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("values " + response.status);
        }
        return response.json();
      })
      .then(function (data) {
        values = data;
        colours = {};
        data.classes.forEach(function (item) {
          colours[item.key] = item.colour;
        });
        renderLegend(data);
        restyle();
        keepChoice(params);
      });
  }

  function openCard(code, options) {
    selected = code;
    regionForm.elements.wilayah.value = code;
    restyle();
    keepChoice(query());
    var url = container.dataset.cardUrl.replace("00.00", code);
    window.htmx.ajax("GET", url, { target: "#region-card", swap: "innerHTML" }).then(function () {
      var title = card.querySelector("h2");
      if (title && options && options.focus) {
        title.focus();
      }
    });
  }

  function zoomTo(code) {
    var shape = shapes[code];
    if (!shape) {
      return;
    }
    if (shape.getBounds) {
      map.fitBounds(shape.getBounds(), { maxZoom: 9, padding: [24, 24] });
    } else {
      map.setView(shape.getLatLng(), 9);
    }
  }

  function failed() {
    container.classList.add("is-failed");
    var message = document.createElement("p");
    message.className = "alert alert-warning m-3";
    message.setAttribute("role", "alert");
    message.appendChild(document.createTextNode(container.dataset.failed + " "));
    var link = document.createElement("a");
    link.href = container.dataset.svgUrl;
    link.textContent = container.dataset.failedLink;
    message.appendChild(link);
    container.appendChild(message);
  }

  var geometry = fetch(container.dataset.geometryUrl, { credentials: "same-origin" }).then(
    function (response) {
      if (!response.ok) {
        throw new Error("geometry " + response.status);
      }
      return response.json();
    }
  );

  Promise.all([geometry, loadValues()])
    .then(function (results) {
      L.geoJSON(results[0], {
        style: styleFor,
        pointToLayer: function (feature, latlng) {
          return L.circleMarker(latlng, Object.assign({ radius: 5 }, pointStyle(feature)));
        },
        onEachFeature: function (feature, shape) {
          var code = feature.properties.code;
          shapes[code] = shape;
          shape.bindTooltip(function () {
            return tooltipFor(feature);
          }, { sticky: true, direction: "top" });
          shape.on("click", function () {
            openCard(code, { focus: false });
          });
          shape.on("add", function () {
            var element = shape.getElement();
            element.setAttribute("data-code", code);
          });
        },
      }).addTo(map);
      if (selected) {
        restyle();
        zoomTo(selected);
      }
      container.dataset.ready = "true";
    })
    .catch(failed);

  layerForm.addEventListener("change", function () {
    loadValues().catch(failed);
  });
  layerForm.addEventListener("submit", function (event) {
    event.preventDefault();
    loadValues().catch(failed);
  });
  regionForm.addEventListener("submit", function (event) {
    var code = regionForm.elements.wilayah.value;
    if (!code || !shapes[code]) {
      return; // the page answers it
    }
    event.preventDefault();
    zoomTo(code);
    openCard(code, { focus: true });
  });
})();
