// The dashboard's charts, drawn by Chart.js from the JSON each chart's <script
// type="application/json"> carries (json_script: no inline script for the CSP). The numbers are
// also in a table beside each chart, so the page says everything without this script.
(function () {
  "use strict";
  if (typeof Chart === "undefined") {
    return;
  }
  var lang = document.documentElement.lang || "id";
  var locale = lang === "en" ? "en-US" : "id-ID";
  var count = new Intl.NumberFormat(locale);
  var decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  var compact = new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 });
  // Colour-blind-safe (Okabe–Ito) series colours.
  var COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999"];

  function writer(unit, short) {
    if (unit === "percent") {
      return function (v) { return decimal.format(v) + " %"; };
    }
    if (unit === "rupiah") {
      return function (v) { return "Rp " + (short ? compact : count).format(v); };
    }
    return function (v) { return count.format(v); };
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source) {
      return;
    }
    var spec = JSON.parse(source.textContent);
    var round = spec.kind === "doughnut";
    var full = writer(spec.unit, false);
    var datasets = spec.datasets.map(function (set, i) {
      return {
        label: set.label,
        data: set.data,
        backgroundColor: round ? COLOURS.slice(0, set.data.length) : COLOURS[i % COLOURS.length],
        borderWidth: round ? 1 : 0
      };
    });
    var options = {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: {
        legend: { display: round || datasets.length > 1, position: "bottom" },
        tooltip: {
          callbacks: {
            label: function (ctx) {
              var value = round ? ctx.parsed : (spec.horizontal ? ctx.parsed.x : ctx.parsed.y);
              return (ctx.dataset.label ? ctx.dataset.label + ": " : "") + full(value);
            }
          }
        }
      }
    };
    if (!round) {
      var valueAxis = { beginAtZero: true, ticks: { callback: writer(spec.unit, true) } };
      var labelAxis = { ticks: { autoSkip: false } };
      options.indexAxis = spec.horizontal ? "y" : "x";
      options.scales = spec.horizontal ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis };
    }
    new Chart(canvas, { type: round ? "doughnut" : "bar", data: { labels: spec.labels, datasets: datasets }, options: options });
  }

  document.querySelectorAll("canvas[data-chart]").forEach(draw);
})();
