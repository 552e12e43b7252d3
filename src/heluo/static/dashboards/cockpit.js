// The cockpit: one chart per panel from the data the page carries (JSON script "cockpit-data"), fetched
// again from the data URL every `refresh` seconds. In wall mode one panel fills the screen at a time and
// the next comes every `rotate` seconds; hovering, a key (space) or the pause button holds the rotation.
(function () {
  "use strict";
  var root = document.querySelector("[data-page=cockpit]");
  if (!root) { return; }
  var escape = window.heluo.escapeHtml;
  var labels = JSON.parse(document.getElementById("cockpit-labels").textContent);
  var AQI_COLOURS = ["#adb5bd", "#00e400", "#ffff00", "#ff7e00", "#ff0000", "#99004c", "#7e0023"];
  var BLUE = "#2c5d8f", GREEN = "#1f6f5c", RED = "#b02a37", AMBER = "#d08a00";
  var charts = {};
  var wall = root.dataset.wall === "1";

  function axisGrid() { return { left: 8, right: 8, top: 36, bottom: 8, containLabel: true }; }

  function divisionBars(rows, valueKey, name, colour, extra) {
    var option = {
      grid: axisGrid(), legend: { top: 0 }, tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: rows.map(function (r) { return r.name; }), axisLabel: { interval: 0, rotate: rows.length > 6 ? 35 : 0 } },
      yAxis: [{ type: "value", max: 100 }],
      series: [{ name: name, type: "bar", data: rows.map(function (r) { return r[valueKey]; }), itemStyle: { color: colour } }],
    };
    if (extra) {
      option.yAxis.push({ type: "value", minInterval: 1 });
      option.series.push({ name: extra.name, type: "line", yAxisIndex: 1, data: rows.map(function (r) { return r[extra.key]; }), itemStyle: { color: RED } });
    }
    return option;
  }

  var DRAW = {
    supervision: function (data) {
      return divisionBars(data.divisions, "rate", labels.rate, GREEN, { key: "overdue", name: labels.overdue });
    },
    air: function (data, node) {
      // The offline map of Luoyang's districts (no tile server), opened at the user's district.
      var geo = { map: "洛阳市", roam: true, zoom: 1.1, label: { show: true, fontSize: 10, color: "#555" },
                  itemStyle: { areaColor: "#eef2f7", borderColor: "#8899aa" } };
      // Side by side on a wide panel, the map above the 30 days on a narrow one.
      var narrow = node.clientWidth < 600;
      if (narrow) { geo.top = 30; geo.bottom = "52%"; } else { geo.left = 8; geo.right = "45%"; geo.top = 36; geo.bottom = 8; }
      var feature = findFeature(data.county);
      if (feature) {
        geo.center = feature.properties.cp; geo.zoom = 3;
        geo.regions = [{ name: feature.properties.name, itemStyle: { areaColor: "#dde6f2" } }];
      }
      return {
        animation: false,
        tooltip: { trigger: "item", formatter: function (item) {
          if (!item.data || !item.data.value) { return escape(item.seriesName + " " + (item.name || "")) + " " + escape(item.value); }
          var p = item.data.value;
          return escape(p[4]) + "<br>" + escape(p[5]) + " · AQI " + escape(p[3]);
        } },
        geo: geo,
        grid: narrow ? { left: 8, right: 8, top: "52%", bottom: 8, containLabel: true } : { left: "58%", right: 8, top: 36, bottom: 8, containLabel: true },
        legend: { top: 0, right: 0, data: [labels.mean, labels.alarms] },
        xAxis: { type: "category", gridIndex: 0, data: data.days.map(function (d) { return d.day.slice(5); }) },
        yAxis: [{ type: "value", gridIndex: 0 }, { type: "value", gridIndex: 0, minInterval: 1 }],
        series: [
          { name: "AQI", type: "scatter", coordinateSystem: "geo", symbolSize: 7,
            data: data.points.map(function (p) { return { name: p[4], value: p, itemStyle: { color: AQI_COLOURS[p[2]] } }; }),
            encode: { lng: 0, lat: 1 } },
          { name: labels.mean, type: "line", data: data.days.map(function (d) { return d.mean; }), itemStyle: { color: AMBER } },
          { name: labels.alarms, type: "bar", yAxisIndex: 1, data: data.alarms.map(function (a) { return a.count; }), itemStyle: { color: RED } },
        ],
      };
    },
    dust: function (data) {
      var rows = data.ranking.slice().reverse();
      return {
        grid: axisGrid(), tooltip: { trigger: "axis" },
        title: data.scheme ? { text: data.scheme.name, textStyle: { fontSize: 12, fontWeight: "normal" } } : undefined,
        xAxis: { type: "value" },
        yAxis: { type: "category", data: rows.map(function (r) { return r.rank + ". " + r.name; }) },
        series: [{ name: labels.score, type: "bar", data: rows.map(function (r) { return r.total; }), itemStyle: { color: BLUE } }],
      };
    },
    party: function (data) { return divisionBars(data.divisions, "rate", labels.compliance, RED); },
    militia: function (data) {
      var share = data.figures["militia.new_type_share"].number;
      return {
        series: [{ type: "gauge", min: 0, max: 100, radius: "95%", center: ["50%", "60%"], startAngle: 200, endAngle: -20,
          axisLine: { lineStyle: { width: 14, color: [[data.floor / 100, RED], [1, GREEN]] } },
          pointer: { width: 5 }, detail: { formatter: function (v) { return share === null ? "—" : v + "%"; }, fontSize: 20 },
          title: { offsetCenter: [0, "30%"] },
          data: [{ value: share === null ? 0 : share, name: labels.share }] }],
      };
    },
    studyrooms: function (data) {
      var f = data.figures;
      var planned = f["studyrooms.plan_rooms"].number || 0, built = f["studyrooms.plan_in_service"].number || 0,
        going = f["studyrooms.plan_under_way"].number || 0;
      return {
        tooltip: { trigger: "item" }, legend: { bottom: 0 },
        series: [{ type: "pie", radius: ["45%", "70%"], label: { formatter: "{b}: {c}" }, data: [
          { name: labels.in_service, value: built, itemStyle: { color: GREEN } },
          { name: labels.under_way, value: going, itemStyle: { color: AMBER } },
          { name: labels.not_started, value: Math.max(0, planned - built - going), itemStyle: { color: "#adb5bd" } },
        ] }],
      };
    },
    enterprise: function (data) {
      return {
        grid: axisGrid(), legend: { top: 0 },
        tooltip: { trigger: "axis", formatter: function (items) {
          var row = data.years[items[0].dataIndex];
          return escape(row.year) + "<br>" + escape(labels.total) + " " + escape(row.total_text) + "<br>" + escape(labels.completed) + " " + escape(row.completed_text);
        } },
        xAxis: { type: "category", data: data.years.map(function (y) { return String(y.year); }) },
        yAxis: { type: "value", axisLabel: { formatter: function (v) { return v >= 1e8 ? v / 1e8 + "亿" : v >= 1e4 ? v / 1e4 + "万" : v; } } },
        series: [
          { name: labels.total, type: "bar", data: data.years.map(function (y) { return y.total; }), itemStyle: { color: BLUE } },
          { name: labels.completed, type: "bar", data: data.years.map(function (y) { return y.completed; }), itemStyle: { color: GREEN } },
        ],
      };
    },
  };

  function findFeature(county) {
    var map = county && echarts.getMap("洛阳市");
    if (!map) { return null; }
    var features = (map.geoJSON || map.geoJson).features;
    for (var i = 0; i < features.length; i++) { if (features[i].id === county) { return features[i]; } }
    return null;
  }

  function draw(panels) {
    Object.keys(panels).forEach(function (key) {
      var node = root.querySelector("[data-chart=" + key + "]");
      if (!node || !DRAW[key]) { return; }
      Object.keys(panels[key].figures || {}).forEach(function (figure) {
        var cell = root.querySelector("[data-figure='" + figure + "']");
        if (cell) { cell.textContent = panels[key].figures[figure].text; }
      });
      var chart = charts[key] || (charts[key] = echarts.init(node, null, { renderer: "canvas" }));
      chart.setOption(DRAW[key](panels[key], node), { notMerge: true });
      node.dataset.drawn = "1";
    });
  }

  function refresh() {
    fetch(root.dataset.dataUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
      .then(function (json) {
        draw(json.panels);
        root.querySelector("[data-updated]").textContent = labels.updated + " " + json.at;
      })
      .catch(function () { /* the last drawn figures stay; the next refresh tries again */ });
  }

  function resize() { Object.keys(charts).forEach(function (key) { charts[key].resize(); }); }

  // --- the wall ---------------------------------------------------------------------------------
  var panels = Array.prototype.slice.call(root.querySelectorAll("[data-panel]"));
  var current = 0, paused = false, hovering = false;
  var pauseButton = root.querySelector("[data-pause]");

  function show(index) {
    panels.forEach(function (panel, i) { panel.classList.toggle("cockpit-hidden", i !== index); });
    root.dataset.current = panels[index] ? panels[index].dataset.panel : "";
    resize();
  }

  function setPaused(value) {
    paused = value;
    if (pauseButton) {
      pauseButton.textContent = paused ? labels.resume : labels.pause;
      pauseButton.setAttribute("aria-pressed", paused ? "true" : "false");
    }
  }

  if (wall && panels.length) {
    show(0);
    window.setInterval(function () {
      if (paused || hovering || panels.length < 2) { return; }
      current = (current + 1) % panels.length;
      show(current);
    }, Number(root.dataset.rotate) * 1000);
    root.addEventListener("mouseenter", function () { hovering = true; });
    root.addEventListener("mouseleave", function () { hovering = false; });
    if (pauseButton) { pauseButton.addEventListener("click", function () { setPaused(!paused); }); }
    document.addEventListener("keydown", function (event) {
      if (event.key === " ") { event.preventDefault(); setPaused(!paused); }
      if (event.key === "ArrowRight") { current = (current + 1) % panels.length; show(current); }
      if (event.key === "ArrowLeft") { current = (current + panels.length - 1) % panels.length; show(current); }
    });
    var full = root.querySelector("[data-fullscreen]");
    if (full && document.documentElement.requestFullscreen) {
      full.addEventListener("click", function () {
        if (document.fullscreenElement) { document.exitFullscreen(); } else { document.documentElement.requestFullscreen(); }
      });
    } else if (full) { full.hidden = true; }
  }

  root.querySelectorAll("[data-submit-on-change]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  window.addEventListener("resize", resize);
  draw(JSON.parse(document.getElementById("cockpit-data").textContent));
  window.setInterval(refresh, Number(root.dataset.refresh) * 1000);
})();
