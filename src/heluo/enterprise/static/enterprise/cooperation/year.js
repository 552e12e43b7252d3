// The cooperation year page: the series of total against completed investment, the year switcher and
// the "copy as text" button (navigator.clipboard where the page is secure, else the textarea fallback,
// since intranet installs run on plain http).
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

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    document.execCommand("copy");
    document.body.removeChild(area);
    return Promise.resolve();
  }

  document.querySelectorAll("[data-copy-text]").forEach(function (button) {
    button.addEventListener("click", function () {
      var text = button.dataset.copyText;
      var copying = navigator.clipboard && window.isSecureContext
        ? navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); })
        : fallbackCopy(text);
      copying.then(function () {
        var label = button.textContent;
        button.textContent = button.dataset.copied;
        setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  });
})();
