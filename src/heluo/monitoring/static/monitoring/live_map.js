// The live map: Luoyang's districts (today's boundaries) and one point per monitor, coloured by the
// AQI level of its latest valid hour. The data comes in a JSON script the page refreshes with htmx.
(function () {
  "use strict";
  var COLOURS = ["#adb5bd", "#00e400", "#ffff00", "#ff7e00", "#ff0000", "#99004c", "#7e0023"];
  var element = document.getElementById("live-map");
  var chart = echarts.init(element, null, { renderer: "canvas" });
  var escape = window.heluo.escapeHtml;

  function read() {
    var node = document.getElementById("live-points");
    return node ? JSON.parse(node.textContent) : { points: [] };
  }

  function draw() {
    var data = read();
    chart.setOption({
      animation: false,
      tooltip: {
        trigger: "item",
        formatter: function (item) {
          // Site names and MNs are typed by users and devices: text, never markup.
          if (!item.data || !item.data.value) { return escape(item.name); }
          var p = item.data.value;
          return escape(p[4]) + "<br>" + escape(p[5]) + " · " + escape(p[6] || "—") + "<br>AQI " + escape(p[3]) +
            " · PM10 " + (p[7] === null ? "—" : Math.round(p[7])) + " · PM2.5 " + (p[8] === null ? "—" : Math.round(p[8]));
        },
      },
      geo: {
        map: "洛阳市", roam: true, zoom: 1.1,
        label: { show: true, fontSize: 11, color: "#555" },
        itemStyle: { areaColor: "#eef2f7", borderColor: "#8899aa" },
        emphasis: { itemStyle: { areaColor: "#dde6f2" }, label: { show: true } },
      },
      series: [{
        type: "scatter", coordinateSystem: "geo", symbolSize: 10,
        data: data.points.map(function (p) {
          return {
            name: p[4], value: p,
            // Offline devices get a dark ring; the fill stays the level of their latest hour.
            itemStyle: { color: COLOURS[p[2]], borderColor: p[10] ? "rgba(0,0,0,.35)" : "#343a40", borderWidth: p[10] ? 0.5 : 1.5 },
          };
        }),
        encode: { lng: 0, lat: 1 },
      }],
    }, { replaceMerge: ["series"] });
  }

  chart.on("click", function (item) {
    if (item.data && item.data.value) { window.location.href = "../points/" + item.data.value[9] + "/curves/"; }
  });
  window.addEventListener("resize", function () { chart.resize(); });
  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (event.target.id === "live-data") { draw(); }
  });
  draw();
})();
