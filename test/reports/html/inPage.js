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
})
