// The report's only script besides echarts: reads the JSON payload from
// <script id="report-data" type="application/json"> and draws each chart spec (see charts.ts)
// into the element with id "chart-<spec id>". It builds no markup from data except tooltips,
// whose every data-derived string goes through esc(). When every chart has drawn, it stamps
// <html data-charts-ready="<ms since navigation start>"> for tests and the benchmark.
(function () {
  'use strict';
  var payload = JSON.parse(document.getElementById('report-data').textContent);
  var INK = '#0f172a';
  var MUTED = '#64748b';
  var GRID = '#e2e8f0';
  var FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
  var ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) { return ENTITIES[c]; });
  }

  function grouped(x, digits) {
    var text = x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    return /^-0(\.0+)?$/.test(text) ? text.slice(1) : text;
  }

  // Axis ticks: as few decimals as tell them apart (trailing zeros dropped); tooltips: fixed precision.
  function trimmed(x, maxDigits) {
    var text = grouped(x, maxDigits);
    return text.indexOf('.') < 0 ? text : text.replace(/\.?0+$/, '');
  }

  var FORMATS = {
    percent: function (v, axis) { return (axis ? trimmed(v * 100, 2) : grouped(v * 100, 2)) + '%'; },
    ratio: function (v, axis) { return axis ? trimmed(v, 3) : grouped(v, 2); },
    currency: function (v, axis) {
      if (axis && Math.abs(v) >= 1e6) return trimmed(v / 1e6, 3) + 'M';
      if (axis && Math.abs(v) >= 1e3) return trimmed(v / 1e3, 1) + 'k';
      return grouped(v, Math.abs(v) >= 1000 || axis ? 0 : 2);
    },
    count: function (v) { return trimmed(v, 1); },
    multiple: function (v, axis) { return (axis ? trimmed(v, 2) : grouped(v, 2)) + '×'; },
  };

  function formatter(format, axis) {
    var f = FORMATS[format];
    return function (v) { return v === null || v === undefined || isNaN(v) ? '–' : f(Number(v), axis); };
  }

  function isoToMs(iso) {
    return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10));
  }

  function msToIso(ms) {
    return new Date(ms).toISOString().slice(0, 10);
  }

  var axisMs = {};
  Object.keys(payload.axes).forEach(function (key) { axisMs[key] = payload.axes[key].map(isoToMs); });

  function tooltipRows(params, fmt) {
    return params.map(function (p) {
      var v = Array.isArray(p.value) ? p.value[p.value.length - 1] : p.value;
      return p.marker + esc(p.seriesName) + '&nbsp;&nbsp;<b>' + esc(fmt(v)) + '</b>';
    }).join('<br>');
  }

  var BASE = {
    animation: false,
    textStyle: { fontFamily: FONT, color: INK },
    legend: { top: 4, left: 0, type: 'scroll', icon: 'roundRect', textStyle: { color: INK, fontSize: 12, lineHeight: 16 }, itemWidth: 14, itemHeight: 4 },
  };

  // Lines zoom to their data; bars must start at zero or their lengths lie.
  function valueAxis(format, fromZero) {
    return {
      type: 'value',
      scale: !fromZero,
      axisLabel: { color: MUTED, formatter: formatter(format, true), hideOverlap: true },
      splitLine: { lineStyle: { color: GRID } },
    };
  }

  function lineOption(spec) {
    var fmt = formatter(spec.format, false);
    var series = spec.series.map(function (s, k) {
      var xs = axisMs[s.x];
      var out = {
        type: 'line',
        name: s.name,
        data: s.values.map(function (v, i) { return [xs[i], v]; }),
        showSymbol: false,
        sampling: 'lttb',
        step: s.step ? 'end' : false,
        color: s.color,
        lineStyle: { width: s.width || 1.25, type: s.dashed ? 'dashed' : 'solid' },
        emphasis: { disabled: true },
      };
      if (s.area) out.areaStyle = { opacity: 0.18 };
      if (k === 0 && spec.areas && spec.areas.length) {
        out.markArea = {
          silent: true,
          itemStyle: { color: 'rgba(220, 38, 38, 0.07)' },
          label: { color: MUTED, fontSize: 10, position: 'insideTopLeft' },
          data: spec.areas.map(function (a) { return [{ name: a.label, xAxis: isoToMs(a.from) }, { xAxis: isoToMs(a.to) }]; }),
        };
      }
      return out;
    });
    var option = Object.assign({}, BASE, {
      grid: { left: 8, right: 16, top: 36, bottom: spec.zoom ? 48 : 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        confine: true,
        formatter: function (params) { return '<b>' + msToIso(params[0].value[0]) + '</b><br>' + tooltipRows(params, fmt); },
      },
      xAxis: { type: 'time', axisLabel: { color: MUTED, hideOverlap: true }, axisLine: { onZero: false, lineStyle: { color: GRID } }, splitLine: { show: false } },
      yAxis: valueAxis(spec.format, false),
      series: series,
    });
    // No data shadow in the slider: it re-plots the whole series, ~10% of the page's draw time.
    if (spec.zoom) option.dataZoom = [{ type: 'slider', showDataShadow: false, height: 18, bottom: 8, labelFormatter: function (v) { return msToIso(v); } }];
    return option;
  }

  function barOption(spec) {
    var fmt = formatter(spec.format, false);
    return Object.assign({}, BASE, {
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        confine: true,
        axisPointer: { type: 'shadow' },
        formatter: function (params) { return '<b>' + esc(params[0].name) + '</b><br>' + tooltipRows(params, fmt); },
      },
      xAxis: { type: 'category', data: spec.categories, axisLabel: { color: MUTED, hideOverlap: true }, axisLine: { lineStyle: { color: GRID } } },
      yAxis: valueAxis(spec.format, true),
      series: spec.series.map(function (s) {
        return {
          type: 'bar',
          name: s.name,
          stack: s.stack,
          color: s.color,
          barMaxWidth: 28,
          data: s.values,
        };
      }),
    });
  }

  function heatmapOption(spec) {
    var fmt = formatter(spec.format, false);
    // Cells hold one decimal of a percent (or two of a ratio): enough to rank, short enough to fit.
    var cellText = spec.format === 'percent' ? function (v) { return grouped(v * 100, 1) + '%'; } : function (v) { return grouped(v, 2); };
    var label = { show: true, fontSize: 10, color: INK, formatter: function (p) { return cellText(p.value[2]); } };
    return {
      baseOption: Object.assign({}, BASE, {
        grid: { left: 8, right: 8, top: 8, bottom: 44, containLabel: true },
        tooltip: {
          confine: true,
          formatter: function (p) { return esc(spec.y[p.value[1]]) + ' · ' + esc(spec.x[p.value[0]]) + '&nbsp;&nbsp;<b>' + esc(fmt(p.value[2])) + '</b>'; },
        },
        xAxis: { type: 'category', data: spec.x, position: 'top', axisLabel: { color: MUTED, interval: 0 }, axisTick: { show: false }, axisLine: { show: false } },
        yAxis: { type: 'category', data: spec.y, inverse: true, axisLabel: { color: MUTED, interval: 0 }, axisTick: { show: false }, axisLine: { show: false } },
        visualMap: {
          min: -spec.limit,
          max: spec.limit,
          calculable: false,
          orient: 'horizontal',
          left: 'center',
          bottom: 0,
          itemHeight: 120,
          itemWidth: 10,
          text: [formatter(spec.format, true)(spec.limit), formatter(spec.format, true)(-spec.limit)],
          textStyle: { color: MUTED, fontSize: 11 },
          inRange: { color: ['#b91c1c', '#fca5a5', '#f8fafc', '#86efac', '#15803d'] },
        },
        series: [{ type: 'heatmap', data: spec.cells, label: label, itemStyle: { borderColor: '#fff', borderWidth: 1 } }],
      }),
      // Cell labels need room: on a phone the colours and the tooltip carry the values.
      media: [{ query: { maxWidth: 520 }, option: { series: [{ label: { show: false } }] } }],
    };
  }

  var BUILDERS = { line: lineOption, bar: barOption, heatmap: heatmapOption };
  var charts = [];
  var pending = payload.charts.length;

  function drawn() {
    pending -= 1;
    if (pending === 0) document.documentElement.setAttribute('data-charts-ready', String(Math.round(performance.now())));
  }

  payload.charts.forEach(function (spec) {
    var el = document.getElementById('chart-' + spec.id);
    if (!el) throw new Error('no container for chart ' + spec.id);
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    var done = false;
    chart.on('finished', function () {
      if (done) return;
      done = true;
      drawn();
    });
    chart.setOption(BUILDERS[spec.type](spec));
    charts.push({ spec: spec, chart: chart });
  });

  // Linear/log toggles: buttons carry data-chart and data-scale.
  document.querySelectorAll('button[data-scale]').forEach(function (button) {
    button.addEventListener('click', function () {
      var id = button.getAttribute('data-chart');
      var scale = button.getAttribute('data-scale');
      charts.forEach(function (c) {
        if (c.spec.id === id) c.chart.setOption({ yAxis: { type: scale, scale: true, min: scale === 'log' ? 'dataMin' : null } });
      });
      document.querySelectorAll('button[data-chart="' + id + '"]').forEach(function (b) {
        b.setAttribute('aria-pressed', String(b === button));
      });
    });
  });

  var resizeTimer = 0;
  window.addEventListener('resize', function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () { charts.forEach(function (c) { c.chart.resize(); }); }, 100);
  });
})();
