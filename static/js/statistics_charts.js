// Stacked bars of certificates by star class, one chart per table that has a canvas; the figures
// come from a JSON block beside it (the Content-Security-Policy allows no inline script) and are
// also in the table next to the chart.
(function () {
  if (typeof Chart === "undefined") { return; }
  var colours = ["#6c757d", "#0d6efd", "#198754", "#fd7e14", "#6f42c1"];
  document.querySelectorAll("canvas.statistics-chart").forEach(function (canvas) {
    var source = document.getElementById(canvas.dataset.source);
    if (!source) { return; }
    var data = JSON.parse(source.textContent);
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: data.series.map(function (series, index) {
          return { label: series.label, data: series.data, backgroundColor: colours[index % colours.length] };
        })
      },
      options: {
        responsive: true,
        animation: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } }
      }
    });
  });
})();
