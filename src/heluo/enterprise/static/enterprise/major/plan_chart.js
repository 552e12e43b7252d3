// A major project's plan against reality: per milestone a planned bar and an actual bar (to today while
// not done), and a line for today.
(function () {
  var node = document.getElementById("plan-chart");
  if (!node || !window.echarts) return;
  var data = JSON.parse(node.dataset.chart);
  var colours = {on_time: "#1f6f5c", late: "#d68910", slipped: "#c0392b", pending: "#7f8c8d"};
  var titles = data.rows.map(function (row) { return row.title; });
  function bars(kind) {
    return data.rows.map(function (row, index) {
      var bar = row[kind];
      return bar ? [index, bar[0], bar[1], row.state, row.running] : [index, null, null, row.state, false];
    });
  }
  function draw(offset, height) {
    return function (params, api) {
      if (api.value(1) === null || api.value(1) === undefined) return null;
      var start = api.coord([new Date(api.value(1)).getTime(), api.value(0)]);
      var end = api.coord([new Date(api.value(2)).getTime() + 86400000, api.value(0)]);
      var band = api.size([0, 1])[1];
      return {
        type: "rect",
        shape: {x: start[0], y: start[1] - band / 2 + band * offset, width: Math.max(end[0] - start[0], 2), height: band * height},
        style: api.style()
      };
    };
  }
  var chart = echarts.init(node);
  chart.setOption({
    grid: {left: 8, right: 24, top: 32, bottom: 24, containLabel: true},
    legend: {top: 0, data: [data.labels.planned, data.labels.actual]},
    tooltip: {
      formatter: function (params) {
        var value = params.value;
        return titles[value[0]] + "<br>" + params.seriesName + "：" + value[1] + " → " + value[2] +
          "<br>" + data.labels.states[value[3]];
      }
    },
    xAxis: {type: "time"},
    yAxis: {type: "category", data: titles, inverse: true, axisLabel: {width: 140, overflow: "truncate"}},
    series: [
      {
        name: data.labels.planned, type: "custom", renderItem: draw(0.12, 0.34), encode: {x: [1, 2], y: 0},
        data: bars("planned"), itemStyle: {color: "#9fb4c7"},
        markLine: {symbol: "none", silent: true, label: {formatter: data.labels.today}, lineStyle: {color: "#c0392b", type: "dashed"},
                   data: [{xAxis: data.today}]}
      },
      {
        name: data.labels.actual, type: "custom", renderItem: draw(0.54, 0.34), encode: {x: [1, 2], y: 0},
        data: bars("actual").map(function (value) {
          return {value: value, itemStyle: {color: colours[value[3]], opacity: value[4] ? 0.6 : 1}};
        }),
        itemStyle: {color: "#1f6f5c"}
      }
    ]
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
