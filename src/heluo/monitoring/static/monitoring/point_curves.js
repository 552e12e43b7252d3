// A monitoring point's curves: hourly PM10/PM2.5/TSP (and AQI) per monitor, daily averages, the alarm limits drawn in.
(function () {
  "use strict";
  var charts = JSON.parse(document.getElementById("point-charts").textContent);
  var labels = charts.labels;

  // The AQI goes on the right-hand axis (an index, not a concentration), dotted. Daily values show
  // their points: a valid day between days without a value is a point with no line to draw.
  function lines(rows, key, factors, monitor, many, points) {
    return factors.concat(["aqi"]).map(function (factor) {
      var index = factor === "aqi";
      return {
        name: (many ? monitor.mn + " " : "") + labels[factor], type: "line", showSymbol: points, connectNulls: false,
        yAxisIndex: index ? 1 : 0, lineStyle: index ? { type: "dotted" } : undefined,
        data: rows.map(function (row) { return [row[key], row[factor]]; }),
      };
    });
  }

  function draw(id, key, source, factors, points) {
    var element = document.getElementById(id);
    var chart = echarts.init(element);
    var many = charts.monitors.length > 1;
    var series = [];
    charts.monitors.forEach(function (monitor) {
      series = series.concat(lines(source[String(monitor.id)] || [], key, factors, monitor, many, points));
    });
    if (series.length && charts.limits.length) {
      series[0].markLine = {
        silent: true, symbol: "none", lineStyle: { type: "dashed", color: "#dc3545" },
        data: charts.limits.map(function (limit) {
          return { yAxis: limit, label: { position: "insideEndTop", formatter: "PM10 " + limit } };
        }),
      };
    }
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { top: 0, type: "scroll" },
      grid: { left: 40, right: 40, top: 36, bottom: 56 },
      xAxis: { type: "category", boundaryGap: false },
      yAxis: [{ type: "value", name: "µg/m³" }, { type: "value", name: "AQI", splitLine: { show: false } }],
      dataZoom: [{ type: "inside" }, { type: "slider", height: 18, bottom: 8 }],
      series: series,
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  draw("hourly-chart", "hour", charts.hourly, ["pm10", "pm25", "tsp"], false);
  draw("daily-chart", "day", charts.daily, ["pm10", "pm25"], true);
})();
