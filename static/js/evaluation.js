// The evaluation's charts (a region's index and parts across years; the national distribution
// per year), drawn by Chart.js from the JSON of a <script type="application/json"> (json_script,
// so the CSP needs no inline script). The same numbers are in the table beside each chart.
(function () {
  "use strict";
  if (typeof Chart === "undefined") {
    return;
  }
  var lang = document.documentElement.lang || "id";
  var locale = lang === "en" ? "en-US" : "id-ID";
  var scoreText = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  var countText = new Intl.NumberFormat(locale);
  // Okabe–Ito: distinguishable for every common colour-vision deficiency.
  var COLOURS = ["#000000", "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9"];

  document.querySelectorAll("canvas[data-evaluation-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.dataset.evaluationChart);
    if (!source) {
      return;
    }
    var spec = JSON.parse(source.textContent);
    var score = spec.unit === "score";
    var write = score ? function (v) { return scoreText.format(v); } : function (v) { return countText.format(v); };
    var datasets = spec.datasets.map(function (set, i) {
      var colour = score ? COLOURS[i % COLOURS.length] : COLOURS[(i + 1) % COLOURS.length];
      return {
        label: set.label,
        data: set.data,
        borderColor: colour,
        backgroundColor: colour,
        borderWidth: score && i === 0 ? 3 : 1.5,
        pointRadius: score ? 3 : 0
      };
    });
    new Chart(canvas, {
      type: score ? "line" : "bar",
      data: { labels: spec.labels, datasets: datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: { stacked: !!spec.stacked },
          y: score
            ? { min: 0, max: 5, ticks: { callback: write } }
            : { stacked: !!spec.stacked, beginAtZero: true, ticks: { precision: 0, callback: write } }
        },
        plugins: {
          legend: { position: "bottom" },
          tooltip: {
            callbacks: {
              label: function (ctx) { return ctx.dataset.label + ": " + write(ctx.parsed.y); }
            }
          }
        }
      }
    });
  });
})();
