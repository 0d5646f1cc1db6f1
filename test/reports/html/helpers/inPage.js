// Functions that browser.ts evaluates inside a page. Plain JS: the TypeScript build has no DOM
// types, and these only ever run in the browser. The file is one object expression.
({
  /**
   * Each chart container: its canvas size, and how much is drawn over all its canvases (echarts
   * may paint some series, e.g. a heatmap, on a layer canvas of its own).
   */
  chartPaint: function () {
    return Array.from(document.querySelectorAll('.chart'), function (el) {
      var canvases = el.querySelectorAll('canvas');
      if (canvases.length === 0) return { id: el.id, width: 0, containerWidth: el.clientWidth, painted: 0, colours: 0 };
      var drawn = 0;
      var total = 0;
      var colours = new Set();
      canvases.forEach(function (canvas) {
        var pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        total = Math.max(total, pixels.length / 4);
        for (var i = 0; i < pixels.length; i += 4) {
          if (pixels[i + 3] === 0) continue;
          drawn++;
          if (colours.size < 64) colours.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
        }
      });
      return { id: el.id, width: canvases[0].getBoundingClientRect().width, containerWidth: el.clientWidth, painted: Math.min(1, drawn / total), colours: colours.size };
    });
  },

  /** Standard deviation of the luminance of a base64 PNG (0 for a solid colour). */
  luminanceSpread: async function (base64) {
    var bytes = Uint8Array.from(atob(base64), function (c) { return c.charCodeAt(0); });
    var bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    var canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    var ctx = canvas.getContext('2d');
    ctx.drawImage(bitmap, 0, 0);
    var data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    var sum = 0;
    var sumSq = 0;
    var n = data.length / 4;
    for (var i = 0; i < data.length; i += 4) {
      var y = 0.2126 * data[i] + 0.7152 * data[i + 1] + 0.0722 * data[i + 2];
      sum += y;
      sumSq += y * y;
    }
    var mean = sum / n;
    return Math.sqrt(Math.max(0, sumSq / n - mean * mean));
  },

  /** Whether a heatmap prints its cell values, and the turn of its column names (degrees), as echarts holds them. */
  heatmapFit: function (id) {
    var option = echarts.getInstanceByDom(document.getElementById('chart-' + id)).getOption();
    return { values: option.series[0].label.show, rotate: option.xAxis[0].axisLabel.rotate };
  },

  /** The labels of a line chart's shaded ranges, as echarts holds them. */
  areaLabels: function (id) {
    var option = echarts.getInstanceByDom(document.getElementById('chart-' + id)).getOption();
    return option.series[0].markArea.data.map(function (pair) { return pair[0].name; });
  },

  /** The y-axis type echarts holds for a chart ('value' or 'log'). */
  yAxisType: function (id) {
    return echarts.getInstanceByDom(document.getElementById('chart-' + id)).getOption().yAxis[0].type;
  },

  /** Show the tooltip of a chart's first series at a data index; returns the tooltip's text. */
  showTooltip: function (id, dataIndex) {
    var chart = echarts.getInstanceByDom(document.getElementById('chart-' + id));
    chart.dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex: dataIndex });
    var tip = document.querySelector('#chart-' + id + ' > div:not(:first-child)');
    return tip === null ? '' : tip.textContent;
  },

  /** Page width against the viewport, and anything sticking out to the right of it. */
  layout: function () {
    var width = document.documentElement.clientWidth;
    var wide = Array.from(document.querySelectorAll('.card, .table-scroll, .chart, .tiles'), function (el) { return el.getBoundingClientRect().right; });
    return { viewport: width, scrollWidth: document.documentElement.scrollWidth, rightmost: Math.max.apply(null, wide), images: document.querySelectorAll('img').length };
  },

  /**
   * The drawn waterfall of a chart: each bar's category, colour and signed height (the visible
   * pieces above and below zero added up, negative when drawn in the falling colour).
   */
  waterfallBars: function (id) {
    var option = echarts.getInstanceByDom(document.getElementById('chart-' + id)).getOption();
    var categories = option.xAxis[0].data;
    var value = function (d) { return d === null || d === undefined ? 0 : typeof d === 'object' ? d.value : d; };
    var colour = function (d) { return d && typeof d === 'object' && d.itemStyle ? d.itemStyle.color : null; };
    return categories.map(function (name, k) {
      var above = option.series[1].data[k];
      var below = option.series[2].data[k];
      var c = colour(above) || colour(below);
      var size = Math.abs(value(above)) + Math.abs(value(below));
      return { name: name, colour: c, size: size, base: value(option.series[0].data[k]) };
    });
  },

  /**
   * Each chart as the current media shows it: how many of its canvases are shown (not display:
   * none, of some size), and of the first shown, its CSS width and the share of its pixels drawn.
   */
  shownCanvases: function () {
    return Array.from(document.querySelectorAll('.chart'), function (el) {
      var shown = Array.from(el.querySelectorAll('canvas')).filter(function (c) { return getComputedStyle(c).display !== 'none' && c.getBoundingClientRect().width > 0; });
      var painted = 0;
      if (shown.length > 0) {
        var pixels = shown[0].getContext('2d').getImageData(0, 0, shown[0].width, shown[0].height).data;
        var drawn = 0;
        for (var i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) drawn++;
        painted = drawn / (pixels.length / 4);
      }
      return { id: el.id, shown: shown.length, width: shown.length > 0 ? shown[0].getBoundingClientRect().width : 0, painted: painted };
    });
  },

  /** A heatmap's cell fills and the ink of the value drawn on each, from the page's chart data. */
  heatmapColours: function (id) {
    var spec = JSON.parse(document.getElementById('report-data').textContent).charts.find(function (c) { return c.id === id; });
    return { fills: spec.fills, inks: spec.inks };
  },

  /** Each chart's canvas (the one shown: in print, its print snapshot) and container right edges, and the page's widest box, in CSS pixels. */
  printFit: function () {
    var charts = Array.from(document.querySelectorAll('.chart'), function (el) {
      var canvas = Array.from(el.querySelectorAll('canvas')).find(function (c) { return c.getBoundingClientRect().width > 0; });
      return { id: el.id, canvasRight: canvas ? canvas.getBoundingClientRect().right : 0, canvasWidth: canvas ? canvas.getBoundingClientRect().width : 0, containerRight: el.getBoundingClientRect().right };
    });
    var cards = Array.from(document.querySelectorAll('.card'), function (el) { return el.getBoundingClientRect().right; });
    return { charts: charts, rightmostCard: Math.max.apply(null, cards), scrollWidth: document.documentElement.scrollWidth };
  },

  /** The box and text of each headline figure (data-figure) of the first screen. */
  figures: function () {
    return Array.from(document.querySelectorAll('[data-figure]'), function (el) {
      var r = el.getBoundingClientRect();
      return { name: el.getAttribute('data-figure'), top: r.top, bottom: r.bottom, left: r.left, right: r.right, text: el.textContent };
    });
  },

  /**
   * Each sideways-scrolling table box (.table-scroll): whether its content is wider than it, the
   * scroll-cue classes it carries (more-left, more-right) and its computed mask (the fade).
   */
  scrollCues: function () {
    return Array.from(document.querySelectorAll('.table-scroll'), function (el, k) {
      var mask = getComputedStyle(el).maskImage || getComputedStyle(el).webkitMaskImage;
      var where = el.closest('section[id]');
      return { box: (where ? where.id : '') + ' #' + k, overflows: el.scrollWidth > el.clientWidth + 1, left: el.classList.contains('more-left'), right: el.classList.contains('more-right'), mask: mask };
    });
  },

  /** Boxes whose content is wider than they are (a table that needs sideways scrolling, a clipped label). */
  overflowing: function () {
    return Array.from(document.querySelectorAll('.table-scroll, .legend, .kpi, h1, h2'), function (el) {
      return { what: el.className || el.tagName, text: (el.textContent || '').slice(0, 40), scroll: el.scrollWidth, client: el.clientWidth };
    }).filter(function (b) { return b.scroll > b.client + 1; });
  },
})
