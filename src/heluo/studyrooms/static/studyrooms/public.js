// The public finder. The list works without this script (districts are links); with it, a phone that
// gives its position sorts the rooms open now by distance, and the map page draws the rooms on the
// offline district map. No request leaves for anything but Heluo's own static files.
(function () {
  "use strict";

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_, key) { return values[key]; });
  }

  // Great-circle distance in kilometres (haversine; WGS-84 as phones give it, on a sphere of 6371 km).
  function kilometres(lat1, lng1, lat2, lng2) {
    var rad = Math.PI / 180;
    var a = Math.pow(Math.sin((lat2 - lat1) * rad / 2), 2) +
      Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.pow(Math.sin((lng2 - lng1) * rad / 2), 2);
    return 2 * 6371 * Math.asin(Math.sqrt(a));
  }

  function setUpDistance() {
    var tools = document.getElementById("distance-tools");
    var button = document.getElementById("by-distance");
    if (!tools || !button) { return; }
    var message = document.getElementById("distance-message");
    function say(text) { message.textContent = text; message.hidden = false; }
    if (!window.isSecureContext || !navigator.geolocation) {
      // Browsers give no position to a plain-HTTP page: say so once and leave the districts.
      say(tools.dataset.insecure);
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      say(tools.dataset.asking);
      navigator.geolocation.getCurrentPosition(function (position) {
        sortByDistance(position.coords.latitude, position.coords.longitude, tools);
        say(tools.dataset.sorted);
      }, function () { say(tools.dataset.refused); }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 });
    });
  }

  function sortByDistance(lat, lng, tools) {
    var cards = Array.prototype.slice.call(document.querySelectorAll("#by-district .room, #by-distance-list .room"));
    var ranked = cards.map(function (card) {
      var placed = card.dataset.lat !== undefined;
      var km = placed ? kilometres(lat, lng, parseFloat(card.dataset.lat), parseFloat(card.dataset.lng)) : Infinity;
      var label = card.querySelector(".distance");
      label.textContent = !placed ? "" : km < 1 ?
        format(tools.dataset.metres, { m: Math.round(km * 1000 / 10) * 10 }) :
        format(tools.dataset.kilometres, { km: km.toFixed(1) });
      // Open rooms first, each part nearest first; rooms without a position last in their part.
      return { card: card, key: [card.dataset.open === "1" ? 0 : 1, km] };
    });
    ranked.sort(function (a, b) { return a.key[0] - b.key[0] || a.key[1] - b.key[1]; });
    var list = document.getElementById("by-distance-list");
    ranked.forEach(function (item) { list.appendChild(item.card); });
    document.getElementById("by-district").hidden = true;
    list.hidden = false;
  }

  function escape(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function drawMap() {
    var element = document.getElementById("room-map");
    if (!element || !window.echarts) { return; }
    var rooms = JSON.parse(document.getElementById("room-data").textContent);
    var chart = window.echarts.init(element, null, { renderer: "canvas" });
    chart.setOption({
      animation: false,
      tooltip: {
        trigger: "item", confine: true,
        formatter: function (item) {
          // Names and addresses are typed by staff: text, never markup.
          var room = item.data && item.data.room;
          if (!room) { return escape(item.name); }
          return "<b>" + escape(room.name) + "</b><br>" + escape(room.state) + "<br>" + escape(room.today);
        },
      },
      geo: {
        map: "洛阳市", roam: true, zoom: 1.1,
        label: { show: true, fontSize: 11, color: "#555" },
        itemStyle: { areaColor: "#eef2ec", borderColor: "#8a9a8c" },
        emphasis: { itemStyle: { areaColor: "#e2eadf" }, label: { show: true } },
      },
      series: [{
        type: "scatter", coordinateSystem: "geo", symbolSize: 11,
        data: rooms.map(function (room) {
          return {
            name: room.name, room: room, value: [room.longitude, room.latitude],
            itemStyle: { color: room.open ? "#198754" : "#adb5bd", borderColor: "#fff", borderWidth: 1 },
          };
        }),
      }],
    });
    chart.on("click", function (item) {
      if (item.data && item.data.room) { window.location.href = item.data.room.url; }
    });
    window.addEventListener("resize", function () { chart.resize(); });
    // The rooms crowd the city's core, where the small districts are: a button zooms to the median room.
    var views = document.getElementById("map-views");
    if (!rooms.length) { return; }
    function median(values) { values.sort(function (a, b) { return a - b; }); return values[Math.floor(values.length / 2)]; }
    var core = [median(rooms.map(function (r) { return r.longitude; })), median(rooms.map(function (r) { return r.latitude; }))];
    views.hidden = false;
    views.addEventListener("click", function (event) {
      var view = event.target.dataset && event.target.dataset.view;
      if (!view) { return; }
      chart.setOption({ geo: view === "rooms" ? { center: core, zoom: 6 } : { center: null, zoom: 1.1 } });
    });
  }

  setUpDistance();
  drawMap();
})();
