// The cooperation year page: the series of total against completed investment and the year switcher.
(function () {
  var node = document.getElementById("cooperation-chart");
  if (node && window.echarts) {
    var data = JSON.parse(node.dataset.chart);
    var chart = echarts.init(node);
    chart.setOption({
      grid: {left: 8, right: 8, top: 32, bottom: 8, containLabel: true},
      legend: {top: 0},
      tooltip: {trigger: "axis"},
      xAxis: {type: "category", data: data.years},
      yAxis: {type: "value", name: data.labels.unit},
      series: [
        {name: data.labels.total, type: "bar", data: data.total, itemStyle: {color: "#2c5d8f"}},
        {name: data.labels.completed, type: "bar", data: data.completed, itemStyle: {color: "#1f6f5c"}}
      ]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  var switcher = document.querySelector("[data-year-switch]");
  if (switcher) {
    switcher.addEventListener("change", function () {
      var url = switcher.dataset.yearSwitch + switcher.value + "/" + window.location.search;
      window.location.assign(url);
    });
  }
})();
