// Widgets the sweep and walk-forward pages share beyond the common layout: tiles, the card of
// trials that gave no result, a sortable table (a small inline script; the page's CSP allows inline scripts and nothing fetched), and a
// scatter plot drawn as inline SVG on the server (no chart script needed).

import { escapeHtml } from '../page/escape.ts';
import { formatCount } from '../page/format.ts';
import { card } from '../page/layout.ts';

export function tiles(items: readonly { label: string; value: string; sub?: string }[]): string {
  return `<div class="tiles">${items
    .map((t) => `<div class="tile"><div class="label">${escapeHtml(t.label)}</div><div class="value">${escapeHtml(t.value)}</div>${t.sub === undefined ? '' : `<div class="vs">${escapeHtml(t.sub)}</div>`}</div>`)
    .join('')}</div>`;
}

export interface TableCell {
  /** Shown text (escaped here). */
  readonly text: string;
  /** Sort key: numbers sort numerically, null last. */
  readonly sort?: number | string | null;
}

/** A column's short header, and its full name in the header's title (a long name would stretch the header row). */
export interface ColumnHead {
  readonly text: string;
  readonly title: string;
}

/** A table whose column headers (a string, or a short header with its full name) sort it on click (ascending, then descending). */
export function sortableTable(id: string, head: readonly (string | ColumnHead)[], rows: readonly TableCell[][]): string {
  const th = head
    .map((h, k) => {
      const { text, title } = typeof h === 'string' ? { text: h, title: undefined } : h;
      return `<th class="${k === 0 ? 't ' : ''}sortable" data-col="${k}" tabindex="0" aria-sort="none"${title === undefined ? '' : ` title="${escapeHtml(title)}"`}>${escapeHtml(text)}</th>`;
    })
    .join('');
  const body = rows
    .map(
      (row) =>
        `<tr>${row
          .map((c, k) => {
            const key = c.sort === undefined ? c.text : c.sort;
            return `<td${k === 0 ? ' class="t"' : ''} data-sort="${escapeHtml(key === null ? '' : String(key))}">${escapeHtml(c.text)}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('');
  return `<div class="table-scroll"><table class="sortable-table" id="${escapeHtml(id)}"><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table></div>`;
}

/** The client side of sortableTable (ES5, inline). */
export const SORTABLE_SCRIPT = `<script>
(function () {
  document.querySelectorAll('table.sortable-table').forEach(function (table) {
    var heads = table.querySelectorAll('th.sortable');
    heads.forEach(function (th) {
      function sort() {
        var col = Number(th.getAttribute('data-col'));
        var asc = th.getAttribute('aria-sort') !== 'ascending';
        heads.forEach(function (h) { h.setAttribute('aria-sort', 'none'); });
        th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        function key(row) { var v = row.cells[col].getAttribute('data-sort'); var n = Number(v); return v === '' ? null : isNaN(n) ? v : n; }
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          if (x === null) return y === null ? 0 : 1;
          if (y === null) return -1;
          var c = x < y ? -1 : x > y ? 1 : 0;
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      }
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); } });
    });
  });
})();
</script>`;

export const WIDGET_STYLES = `<style>
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin-bottom: 16px; }
.tile { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 10px 14px; }
.tile .label { color: var(--muted); font-size: 12px; }
.tile .value { font-size: 22px; font-weight: 650; font-variant-numeric: tabular-nums; }
.tile .vs { color: var(--muted); font-size: 12px; }
@media (max-width: 600px) { .tiles { grid-template-columns: repeat(2, 1fr); gap: 8px; } }
th.sortable { cursor: pointer; user-select: none; }
th.sortable[aria-sort="ascending"]::after { content: " ▲"; }
th.sortable[aria-sort="descending"]::after { content: " ▼"; }
svg.scatter text { font: 11px system-ui, sans-serif; fill: #475569; }
</style>`;

export interface ScatterOptions {
  readonly xLabel: string;
  readonly yLabel: string;
  /** A fitted line y = intercept + slope · x, drawn across the x range. */
  readonly line?: { readonly slope: number; readonly intercept: number };
  readonly width?: number;
  readonly height?: number;
}

const tick = (v: number): string => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(2));

/** Points (x, y) as an SVG scatter with axes through the range, zero lines dashed, and an optional fit line. */
export function scatterSvg(x: ArrayLike<number>, y: ArrayLike<number>, o: ScatterOptions): string {
  const W = o.width ?? 560;
  const H = o.height ?? 320;
  const pad = { l: 56, r: 12, t: 10, b: 40 };
  const xs: number[] = [];
  const ys: number[] = [];
  for (let k = 0; k < x.length; k++) if (Number.isFinite(x[k]) && Number.isFinite(y[k])) (xs.push(x[k]), ys.push(y[k]));
  if (xs.length === 0) return '<p class="empty">No points to plot.</p>';
  const span = (v: number[]): [number, number] => {
    let lo = Math.min(...v);
    let hi = Math.max(...v);
    if (lo === hi) (lo -= 1e-3, hi += 1e-3);
    const m = (hi - lo) * 0.05;
    return [lo - m, hi + m];
  };
  const [x0, x1] = span(xs);
  const [y0, y1] = span(ys);
  const px = (v: number): number => pad.l + ((v - x0) / (x1 - x0)) * (W - pad.l - pad.r);
  const py = (v: number): number => H - pad.b - ((v - y0) / (y1 - y0)) * (H - pad.t - pad.b);
  // Thousands of combinations: draw at most ~4,000 points (every k-th), the fit uses them all.
  const step = Math.max(1, Math.ceil(xs.length / 4000));
  const dots: string[] = [];
  for (let k = 0; k < xs.length; k += step) dots.push(`<circle cx="${px(xs[k]).toFixed(1)}" cy="${py(ys[k]).toFixed(1)}" r="2.2"/>`);
  const zero = [
    x0 < 0 && x1 > 0 ? `<line x1="${px(0)}" x2="${px(0)}" y1="${pad.t}" y2="${H - pad.b}" stroke="#94a3b8" stroke-dasharray="3 3"/>` : '',
    y0 < 0 && y1 > 0 ? `<line x1="${pad.l}" x2="${W - pad.r}" y1="${py(0)}" y2="${py(0)}" stroke="#94a3b8" stroke-dasharray="3 3"/>` : '',
  ].join('');
  const fit = o.line && Number.isFinite(o.line.slope) ? `<line x1="${px(x0)}" y1="${py(o.line.intercept + o.line.slope * x0)}" x2="${px(x1)}" y2="${py(o.line.intercept + o.line.slope * x1)}" stroke="#dc2626" stroke-width="1.5"/>` : '';
  const ticks = [0, 0.5, 1]
    .map((f) => {
      const xv = x0 + f * (x1 - x0);
      const yv = y0 + f * (y1 - y0);
      // The last x tick ends at the plot's right edge: centred there it would run past the picture.
      return `<text x="${px(xv)}" y="${H - pad.b + 14}" text-anchor="${f === 1 ? 'end' : 'middle'}">${tick(xv)}</text><text x="${pad.l - 6}" y="${py(yv) + 4}" text-anchor="end">${tick(yv)}</text>`;
    })
    .join('');
  return `<svg class="scatter" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${escapeHtml(`${o.yLabel} against ${o.xLabel}`)}">
<rect x="${pad.l}" y="${pad.t}" width="${W - pad.l - pad.r}" height="${H - pad.t - pad.b}" fill="none" stroke="#e2e8f0"/>${zero}
<g fill="#2563eb" fill-opacity="0.35">${dots.join('')}</g>${fit}${ticks}
<text x="${(pad.l + W - pad.r) / 2}" y="${H - 6}" text-anchor="middle">${escapeHtml(o.xLabel)}</text>
<text transform="translate(14 ${(pad.t + H - pad.b) / 2}) rotate(-90)" text-anchor="middle">${escapeHtml(o.yLabel)}</text>
</svg>`;
}

/** Failed and refused trials a page lists, at most; the rest are counted. */
const FAILED_SHOWN = 200;

/**
 * The card of a sweep's or walk-forward's trials that gave no result — each by name with its one
 * line of why (`failed`, the first `refused` of them points the strategy's parameter check refused,
 * never run) — after `outside` (what they are left out of); '' when there are none. `lister` names
 * the command that lists all of them past the first 200.
 */
export function failedTrialsCard(failed: readonly { readonly name: string; readonly message: string }[], refused: number, outside: string, lister: string): string {
  if (failed.length === 0) return '';
  const never = refused > 0 ? ` ${formatCount(refused)} of them ${refused === 1 ? 'is a grid point' : 'are grid points'} the strategy's parameter check refused (never run).` : '';
  const items = failed.slice(0, FAILED_SHOWN).map((f) => `<li><strong>${escapeHtml(f.name)}</strong>: ${escapeHtml(f.message)}</li>`);
  const more = failed.length > FAILED_SHOWN ? `<li>… ${formatCount(failed.length - FAILED_SHOWN)} more (${escapeHtml(lister)} lists them)</li>` : '';
  return card(`Failed or refused (${formatCount(failed.length)})`, `<ul class="failed">${items.join('')}${more}</ul>`, `${outside}${never}`);
}
