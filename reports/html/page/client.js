// The report's only script: inflates the inlined echarts build (raw DEFLATE, base64, in
// <script id="echarts-code">), reads the JSON payload from <script id="report-data"> and draws
// each chart spec (see charts.ts) into the element with id "chart-<spec id>", with an HTML legend
// above it that wraps like text. It builds no markup from data: legends use textContent, tooltips
// pass every data-derived string through esc(). When every chart has drawn, it stamps
// <html data-charts-ready="<ms since navigation start>"> for tests, the benchmark and PDF output.
// For print it redraws every chart at the print width and flattens it into one canvas (see
// printSnapshot), then stamps <html data-print-ready> for the PDF writer.
(function () {
  'use strict';
  var payload = JSON.parse(document.getElementById('report-data').textContent);
  var INK = '#0f172a';
  var MUTED = '#64748b';
  var GRID = '#e2e8f0';
  var UP = '#15803d';
  var DOWN = '#b91c1c';
  var TOTAL = '#475569';
  var FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
  var ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  var DAY_MS = 86400000;
  /** Charts are drawn this wide for print: it fits A4 and Letter with 12 mm margins (print rules in styles.css). */
  var PRINT_WIDTH = 640;
  /** Device pixels per CSS pixel of a chart's print snapshot: sharp on paper where Chromium rasterises it. */
  var PRINT_PIXEL_RATIO = 2;

  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) { return ENTITIES[c]; });
  }

  function grouped(x, digits) {
    var text = x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    return /^-0(\.0+)?$/.test(text) ? text.slice(1) : text;
  }

  // Axis ticks: four significant digits, trailing zeros dropped, so 0.0015 and 0.002 stay apart;
  // tooltips: fixed precision.
  function tick(x) {
    if (x === 0) return '0';
    var digits = Math.max(0, Math.min(6, 3 - Math.floor(Math.log10(Math.abs(x)))));
    var text = grouped(x, digits);
    return text.indexOf('.') < 0 ? text : text.replace(/\.?0+$/, '');
  }

  var FORMATS = {
    percent: function (v, axis) { return (axis ? tick(v * 100) : grouped(v * 100, 2)) + '%'; },
    ratio: function (v, axis) { return axis ? tick(v) : grouped(v, 2); },
    currency: function (v, axis) {
      if (axis && Math.abs(v) >= 1e6) return tick(v / 1e6) + 'M';
      if (axis && Math.abs(v) >= 1e3) return tick(v / 1e3) + 'k';
      return grouped(v, Math.abs(v) >= 1000 || axis ? 0 : 2);
    },
    count: function (v) { return tick(v); },
    multiple: function (v, axis) { return (axis ? tick(v) : grouped(v, 2)) + '×'; },
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

  // Date axes arrive as the first epoch day, then gaps in days.
  var axisMs = {};
  Object.keys(payload.axes).forEach(function (key) {
    var day = 0;
    axisMs[key] = payload.axes[key].map(function (d) { day += d; return day * DAY_MS; });
  });
  // Never a tick between two sessions: a day for daily data, a week or a month for coarser data.
  var P = payload.periodsPerYear || 252;
  var MIN_TICK_MS = (P <= 12 ? 28 : P <= 52 ? 7 : 1) * DAY_MS;
  var TIME_LABELS = { year: '{yyyy}', month: "{MMM} '{yy}", day: "{d} {MMM} '{yy}", hour: '', minute: '', second: '', millisecond: '' };

  function tooltipRows(params, fmt) {
    return params.map(function (p) {
      var v = Array.isArray(p.value) ? p.value[p.value.length - 1] : p.value;
      return p.marker + esc(p.seriesName) + '&nbsp;&nbsp;<b>' + esc(fmt(v)) + '</b>';
    }).join('<br>');
  }

  // The echarts legend stays hidden (its actions toggle series); the HTML legend wraps instead.
  var BASE = {
    animation: false,
    textStyle: { fontFamily: FONT, color: INK },
    legend: { show: false },
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

  function markLine(values) {
    return { silent: true, symbol: 'none', label: { show: false }, lineStyle: { color: MUTED, type: 'solid', width: 1 }, data: values.map(function (v) { return { yAxis: v }; }) };
  }

  // Shaded ranges, labelled on three staggered rows in date order so neighbours never overlap;
  // `narrow`: each by its short label where it has one ("#2" for "#2 -2.9%"), for a chart too narrow for the rest.
  function markArea(areas, narrow) {
    var order = areas.map(function (a, k) { return k; }).sort(function (i, j) { return isoToMs(areas[i].from) - isoToMs(areas[j].from); });
    var row = {};
    order.forEach(function (k, position) { row[k] = position % 3; });
    return {
      silent: true,
      itemStyle: { color: 'rgba(220, 38, 38, 0.07)' },
      label: { color: MUTED, fontSize: 10, position: 'insideTopLeft' },
      data: areas.map(function (a, k) { return [{ name: narrow && a.short !== undefined ? a.short : a.label, xAxis: isoToMs(a.from), label: { offset: [0, row[k] * 13] } }, { xAxis: isoToMs(a.to) }]; }),
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
        connectNulls: !!s.connect,
        color: s.color,
        lineStyle: { width: s.width || 1.25, type: s.dashed ? 'dashed' : 'solid' },
        emphasis: { disabled: true },
      };
      if (s.area) out.areaStyle = { opacity: 0.18 };
      if (k === 0 && spec.areas && spec.areas.length) out.markArea = markArea(spec.areas);
      if (k === 0 && spec.marks && spec.marks.length) out.markLine = markLine(spec.marks);
      return out;
    });
    var option = Object.assign({}, BASE, {
      grid: { left: 8, right: 16, top: 12, bottom: spec.zoom ? 48 : 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        confine: true,
        formatter: function (params) { return '<b>' + msToIso(params[0].value[0]) + '</b><br>' + tooltipRows(params, fmt); },
      },
      // Every tick says its year: a month tick alone ("Jul") cannot be placed once neighbours are hidden.
      xAxis: { type: 'time', minInterval: MIN_TICK_MS, axisLabel: { color: MUTED, hideOverlap: true, formatter: TIME_LABELS }, axisLine: { onZero: false, lineStyle: { color: GRID } }, splitLine: { show: false } },
      yAxis: valueAxis(spec.format, false),
      series: series,
    });
    // No data shadow in the slider: it re-plots the whole series, ~10% of the page's draw time.
    if (spec.zoom) option.dataZoom = [{ type: 'slider', showDataShadow: false, height: 18, bottom: 8, labelFormatter: function (v) { return msToIso(v); } }];
    return option;
  }

  function categoryAxis(categories) {
    return { type: 'category', data: categories, axisLabel: { color: MUTED, hideOverlap: true }, axisLine: { lineStyle: { color: GRID } } };
  }

  // Bars over categories: the grid, and a tooltip for the whole column under the pointer.
  function categoryBase(tooltip) {
    return Object.assign({}, BASE, {
      grid: { left: 8, right: 16, top: 12, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', confine: true, axisPointer: { type: 'shadow' }, formatter: tooltip },
    });
  }

  function barOption(spec) {
    var fmt = formatter(spec.format, false);
    return Object.assign(categoryBase(function (params) { return '<b>' + esc(params[0].name) + '</b><br>' + tooltipRows(params, fmt); }), {
      xAxis: categoryAxis(spec.categories),
      yAxis: valueAxis(spec.format, true),
      series: spec.series.map(function (s) {
        return { type: 'bar', name: s.name, stack: s.stack, color: s.color, barMaxWidth: 28, data: s.values };
      }),
    });
  }

  // A waterfall as three stacked bar series: an invisible base, and the visible part of each bar
  // on either side of zero (a step that crosses zero is drawn as two pieces of one colour).
  function waterfallOption(spec) {
    var fmt = formatter(spec.format, false);
    var base = [];
    var above = [];
    var below = [];
    var level = 0;
    spec.values.forEach(function (v, k) {
      var total = spec.totals[k];
      var from = total ? 0 : level;
      var to = total ? v : level + v;
      var lo = Math.min(from, to);
      var hi = Math.max(from, to);
      var color = total ? TOTAL : to >= from ? UP : DOWN;
      var style = { itemStyle: { color: color } };
      if (lo >= 0) {
        base.push(lo);
        above.push(Object.assign({ value: hi - lo }, style));
        below.push(0);
      } else if (hi <= 0) {
        base.push(hi);
        above.push(0);
        below.push(Object.assign({ value: lo - hi }, style));
      } else {
        base.push(0);
        above.push(Object.assign({ value: hi }, style));
        below.push(Object.assign({ value: lo }, style));
      }
      level = to;
    });
    var bar = function (name, data, visible) {
      return { type: 'bar', name: name, stack: 'waterfall', barMaxWidth: 44, data: data, silent: !visible, itemStyle: visible ? undefined : { color: 'transparent' }, emphasis: { disabled: true } };
    };
    var tooltip = function (params) {
      var k = params[0].dataIndex;
      var v = spec.values[k];
      return '<b>' + esc(spec.categories[k]) + '</b>&nbsp;&nbsp;' + esc((spec.totals[k] || v < 0 ? '' : '+') + fmt(v));
    };
    return Object.assign(categoryBase(tooltip), {
      // Every step is named; long names slant rather than run into each other.
      xAxis: Object.assign(categoryAxis(spec.categories), { axisLabel: { color: MUTED, interval: 0, rotate: spec.categories.join('').length > 6 * spec.categories.length ? 30 : 0 } }),
      yAxis: valueAxis(spec.format, true),
      series: [bar('base', base, false), bar('above', above, true), bar('below', below, true)],
    });
  }

  // Cells hold one decimal of a percent (or two of a ratio) unless the spec asks for more: enough to rank, short enough to fit.
  function cellText(spec, v) {
    return spec.format === 'percent' ? grouped(v * 100, spec.decimals === undefined ? 1 : spec.decimals) + '%' : grouped(v, spec.decimals === undefined ? 2 : spec.decimals);
  }

  // A starred cell's text (HeatmapSpec.starred: a partial month) ends in '*'.
  function starredText(spec) {
    var starred = {};
    (spec.starred || []).forEach(function (k) { starred[k] = true; });
    return function (k, text) { return starred[k] ? text + '*' : text; };
  }

  function heatmapOption(spec) {
    var fmt = formatter(spec.format, false);
    var star = starredText(spec);
    var data = spec.cells.map(function (c, k) {
      return { value: c, itemStyle: { color: spec.fills[k] }, label: { color: spec.inks[k] } };
    });
    return {
      baseOption: Object.assign({}, BASE, {
        grid: { left: 8, right: 8, top: 8, bottom: 8, containLabel: true },
        tooltip: {
          confine: true,
          formatter: function (p) { return esc(spec.y[p.value[1]]) + ' · ' + esc(star(p.dataIndex, spec.x[p.value[0]])) + '&nbsp;&nbsp;<b>' + esc(fmt(p.value[2])) + '</b>'; },
        },
        xAxis: { type: 'category', data: spec.x, position: 'top', axisLabel: { color: MUTED, interval: 0 }, axisTick: { show: false }, axisLine: { show: false } },
        yAxis: { type: 'category', data: spec.y, inverse: true, axisLabel: { color: MUTED, interval: 0 }, axisTick: { show: false }, axisLine: { show: false } },
        series: [{ type: 'heatmap', data: data, label: { show: true, fontSize: 10, formatter: function (p) { return star(p.dataIndex, cellText(spec, p.value[2])); } }, itemStyle: { borderColor: '#fff', borderWidth: 1 } }],
      }),
    };
  }

  // A heatmap's cell width decides what it can print (fit after every resize, print included):
  // the values when the widest fits in a cell (10-px text, ~6 px a character), else the colours
  // and the tooltip carry them; column names upright when the longest fits, else turned on end.
  function fitHeatmap(c) {
    var spec = c.spec;
    var text = function (list) { return list.reduce(function (n, s) { return Math.max(n, String(s).length); }, 0); };
    var star = starredText(spec);
    var shown = spec.cells.map(function (cell, k) { return star(k, cellText(spec, cell[2])); });
    var cell = (c.chart.getWidth() - 24 - 7 * text(spec.y)) / Math.max(1, spec.x.length);
    c.chart.setOption({
      series: [{ label: { show: 6 * text(shown) + 6 <= cell } }],
      xAxis: { axisLabel: { rotate: 7 * text(spec.x) + 4 <= cell ? 0 : 90 } },
    });
  }

  // A line chart's shaded ranges under 600 px: each by its short label (the drawdowns' table beside it has the rest).
  function fitAreas(c) {
    c.chart.setOption({ series: [{ markArea: markArea(c.spec.areas, c.chart.getWidth() < 600) }] });
  }

  /** Refit what depends on a chart's size. */
  function fit(c) {
    if (c.spec.type === 'heatmap') fitHeatmap(c);
    else if (c.spec.type === 'line' && c.spec.areas && c.spec.areas.length) fitAreas(c);
  }

  /** Resize a chart (to `width`, or its box) and refit it. */
  function resize(c, width) {
    c.chart.resize(width === undefined ? undefined : { width: width });
    fit(c);
  }

  var BUILDERS = { line: lineOption, bar: barOption, heatmap: heatmapOption, waterfall: waterfallOption };

  // An HTML legend before the chart: wraps on narrow screens, and a click hides or shows a series.
  function legend(spec, chart, el) {
    if (spec.type !== 'line' && spec.type !== 'bar') return;
    if (spec.series.length < 2) return;
    var box = document.createElement('div');
    box.className = 'legend';
    spec.series.forEach(function (s) {
      var item = document.createElement('button');
      item.type = 'button';
      item.setAttribute('aria-pressed', 'true');
      var swatch = document.createElement('span');
      swatch.className = 'swatch' + (s.dashed ? ' dashed' : '');
      swatch.style.background = s.dashed ? 'transparent' : s.color;
      swatch.style.borderColor = s.color;
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(s.name));
      item.addEventListener('click', function () {
        chart.dispatchAction({ type: 'legendToggleSelect', name: s.name });
        item.setAttribute('aria-pressed', String(item.getAttribute('aria-pressed') !== 'true'));
      });
      box.appendChild(item);
    });
    el.parentNode.insertBefore(box, el);
  }

  var charts = [];

  function draw() {
    var pending = payload.charts.length;
    payload.charts.forEach(function (spec) {
      var el = document.getElementById('chart-' + spec.id);
      if (!el) throw new Error('no container for chart ' + spec.id);
      var chart = echarts.init(el, null, { renderer: 'canvas' });
      var done = false;
      chart.on('finished', function () {
        if (printing) printSnapshot(charts.find(function (c) { return c.chart === chart; }));
        if (done) return;
        done = true;
        pending -= 1;
        if (pending === 0) document.documentElement.setAttribute('data-charts-ready', String(Math.round(performance.now())));
      });
      chart.setOption(BUILDERS[spec.type](spec));
      legend(spec, chart, el);
      charts.push({ spec: spec, chart: chart });
      fit(charts[charts.length - 1]);
    });
    if (payload.charts.length === 0) document.documentElement.setAttribute('data-charts-ready', String(Math.round(performance.now())));
    wire();
  }

  function wire() {
    // Linear/log toggles: buttons carry data-chart and data-scale. The log axis spans the data, not whole decades.
    document.querySelectorAll('button[data-scale]').forEach(function (button) {
      button.addEventListener('click', function () {
        var id = button.getAttribute('data-chart');
        var log = button.getAttribute('data-scale') === 'log';
        var bound = function (end) { return log ? function (v) { return v[end]; } : null; };
        charts.forEach(function (c) {
          if (c.spec.id === id) c.chart.setOption({ yAxis: { type: log ? 'log' : 'value', scale: true, min: bound('min'), max: bound('max') } });
        });
        document.querySelectorAll('button[data-chart="' + id + '"]').forEach(function (b) {
          b.setAttribute('aria-pressed', String(b === button));
        });
      });
    });

    var resizeTimer = 0;
    window.addEventListener('resize', function () {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(function () { charts.forEach(function (c) { resize(c); }); }, 100);
    });
    // Print (the browser's own, or breadth's PDF): every chart one fixed width that fits the page,
    // then flattened into one canvas (printSnapshot). Zoom sliders are controls: hidden on paper.
    window.addEventListener('beforeprint', function () {
      printing = true;
      unsnapped = charts.length;
      document.documentElement.removeAttribute('data-print-ready');
      charts.forEach(function (c) {
        c.snapped = false;
        if (c.spec.zoom) c.chart.setOption({ dataZoom: [{ show: false }], grid: { bottom: 8 } });
        resize(c, Math.min(PRINT_WIDTH, c.chart.getDom().clientWidth || PRINT_WIDTH));
        // A render now, so 'finished' comes at once where nothing is left to draw (not only after a change).
        c.chart.getZr().refresh();
        c.chart.getZr().flush();
      });
      if (unsnapped === 0) document.documentElement.setAttribute('data-print-ready', '');
    });
    window.addEventListener('afterprint', function () {
      printing = false;
      document.documentElement.removeAttribute('data-print-ready');
      charts.forEach(function (c) {
        var old = c.chart.getDom().querySelector('canvas.print-snapshot');
        if (old) old.remove();
        if (c.spec.zoom) c.chart.setOption({ dataZoom: [{ show: true }], grid: { bottom: 48 } });
        resize(c);
      });
    });
  }

  // Print snapshots. echarts draws a chart on a stack of canvases when it needs layers: a
  // heatmap's cells always go on an "incremental" layer of their own, with the axes on the canvas
  // below and the cell values on one above (a hover layer joins any chart that was pointed at).
  // Chromium prints such a stack wrong: the top canvas covers the others, so a printed heatmap
  // showed its dark-cell values alone, without colours, axis labels or white values, or nothing at
  // all. On screen and in screenshots the stack is right. So for print each chart, once fully drawn
  // at the print width (echarts' 'finished': nothing pending, no animation, no progressive chunk
  // left), is redrawn whole into one canvas of its own, which the print rules show in place of the
  // stack; the PDF writer waits for <html data-print-ready>, stamped when every chart has one.
  var printing = false;
  var unsnapped = 0;

  function printSnapshot(c) {
    var el = c.chart.getDom();
    var old = el.querySelector('canvas.print-snapshot');
    var canvas = c.chart.renderToCanvas({ pixelRatio: PRINT_PIXEL_RATIO, backgroundColor: 'transparent' });
    canvas.className = 'print-snapshot';
    canvas.removeAttribute('data-zr-dom-id');
    canvas.setAttribute('style', 'width: ' + c.chart.getWidth() + 'px; height: ' + c.chart.getHeight() + 'px;');
    if (old) el.replaceChild(canvas, old);
    else el.appendChild(canvas);
    if (!c.snapped) {
      c.snapped = true;
      unsnapped -= 1;
      if (unsnapped === 0) document.documentElement.setAttribute('data-print-ready', '');
    }
  }

  // Inflate the echarts build, run it as an inline script (allowed by the page's CSP), then draw.
  var packed = Uint8Array.from(atob(document.getElementById('echarts-code').textContent.trim()), function (c) { return c.charCodeAt(0); });
  new Response(new Blob([packed]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).text().then(function (code) {
    var script = document.createElement('script');
    script.textContent = code;
    document.head.appendChild(script);
    draw();
  }).catch(function (error) {
    document.documentElement.setAttribute('data-charts-error', String(error));
    throw error;
  });
})();
