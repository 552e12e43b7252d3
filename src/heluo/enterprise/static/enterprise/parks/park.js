// A park's page: revenue and R&D of its incubating enterprises by year (bars), and the summary sentence
// copied as text.
(function () {
  var node = document.getElementById("park-chart");
  if (node && window.echarts) {
    var data = JSON.parse(node.dataset.chart);
    var chart = echarts.init(node);
    chart.setOption({
      grid: {left: 8, right: 8, top: 32, bottom: 8, containLabel: true},
      legend: {top: 0},
      tooltip: {trigger: "axis"},
      xAxis: {type: "category", data: data.years},
      yAxis: {type: "value"},
      series: [
        {name: data.labels.revenue, type: "bar", data: data.revenue, itemStyle: {color: "#1f6f5c"}},
        {name: data.labels.rd_spend, type: "bar", data: data.rd_spend, itemStyle: {color: "#d68910"}}
      ]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  document.querySelectorAll("[data-copy-text]").forEach(function (button) {
    button.addEventListener("click", function () {
      if (!navigator.clipboard) return;
      navigator.clipboard.writeText(button.dataset.copyText).then(function () {
        button.textContent = button.dataset.copied;
      });
    });
  });
})();
