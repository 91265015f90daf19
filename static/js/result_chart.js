// Per-criterion averages against the maximum, with the lowest and highest member score.
// The figures come from a JSON block on the page (the Content-Security-Policy allows no inline script).
(function () {
  var canvas = document.getElementById("criteria-chart");
  var source = document.getElementById("criteria-chart-data");
  if (!canvas || !source || typeof Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [
        { label: data.text.maximum, data: data.maximum, backgroundColor: "rgba(108,117,125,0.25)", grouped: false, order: 3 },
        { label: data.text.average, data: data.average, backgroundColor: "rgba(13,110,253,0.75)", grouped: false, barPercentage: 0.6, order: 2 },
        { label: data.text.low, data: data.low, type: "line", showLine: false, pointStyle: "triangle", rotation: 180, pointRadius: 5, borderColor: "#dc3545", backgroundColor: "#dc3545", order: 1 },
        { label: data.text.high, data: data.high, type: "line", showLine: false, pointStyle: "triangle", pointRadius: 5, borderColor: "#198754", backgroundColor: "#198754", order: 0 }
      ]
    },
    options: {
      responsive: true,
      animation: false,
      scales: { y: { beginAtZero: true } },
      plugins: {
        tooltip: {
          callbacks: {
            title: function (items) {
              var i = items[0].dataIndex;
              return data.labels[i] + " " + data.names[i];
            }
          }
        }
      }
    }
  });
})();
