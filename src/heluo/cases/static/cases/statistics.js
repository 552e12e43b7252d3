// The statistics page's chart: on-time rate per unit (bars) and overdue cases (line).
(function () {
  var node = document.getElementById("rate-chart");
  if (!node || !window.echarts) return;
  var data = JSON.parse(node.dataset.chart);
  var chart = echarts.init(node);
  chart.setOption({
    grid: {left: 8, right: 8, top: 32, bottom: 8, containLabel: true},
    legend: {top: 0},
    tooltip: {trigger: "axis"},
    xAxis: {type: "category", data: data.names, axisLabel: {interval: 0, rotate: node.clientWidth < 600 ? 60 : (data.names.length > 6 ? 35 : 0), width: 90, overflow: "truncate"}},
    yAxis: [{type: "value", max: 100, name: "%"}, {type: "value", minInterval: 1}],
    series: [
      {name: data.labels.rate, type: "bar", data: data.rates, itemStyle: {color: "#1f6f5c"}},
      {name: data.labels.overdue, type: "line", yAxisIndex: 1, data: data.overdue, itemStyle: {color: "#c0392b"}}
    ]
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
