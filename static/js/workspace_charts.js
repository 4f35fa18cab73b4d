// The workspace's charts, drawn with our own copy of Chart.js (static/vendor/chart.js). Each chart
// reads its numbers from a JSON block the page also shows as a table; without script, or when
// Chart.js is missing, the table is all there is, and it holds every number.
(function () {
  if (typeof window.Chart === "undefined") return;
  var colours = { red: "#d64545", yellow: "#e8b30c", green: "#2f9e5b" };

  function data(source) {
    var block = document.getElementById(source);
    return block ? JSON.parse(block.textContent) : null;
  }

  function datasets(numbers, filled) {
    return numbers.series.map(function (series) {
      return {
        label: series.label,
        data: series.data,
        backgroundColor: colours[series.key],
        borderColor: colours[series.key],
        fill: filled,
        tension: 0.2,
        pointRadius: 0
      };
    });
  }

  function draw(box) {
    var numbers = data(box.getAttribute("data-source"));
    var canvas = box.querySelector("canvas");
    if (!numbers || !canvas || !numbers.labels.length) return;
    var trend = box.getAttribute("data-chart") === "trend";
    new window.Chart(canvas, {
      type: trend ? "line" : "bar",
      data: { labels: numbers.labels, datasets: datasets(numbers, trend) },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        indexAxis: trend ? "x" : "y",
        scales: {
          x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
          y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }
        },
        plugins: { legend: { position: "bottom" } }
      }
    });
    box.classList.add("drawn");
  }

  document.querySelectorAll(".chart[data-source]").forEach(draw);
})();
