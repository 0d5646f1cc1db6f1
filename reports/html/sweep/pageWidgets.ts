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
  /**
   * `text` cut where a narrow column may wrap it (`pieces.join(' ') === text`): each piece stays
   * on one line, so a long trial name breaks between its assignments, never inside "month-start".
   * Without pieces the cell never wraps.
   */
  readonly pieces?: readonly string[];
}

/** `cell` allowed to wrap at each match of `at` (a space): `wrapAt({ text: 'a → b' }, PERIOD_BREAKS)` shows "a →" over "b" in a narrow column. */
export const wrapAt = (cell: TableCell, at: RegExp): TableCell => ({ ...cell, pieces: cell.text.split(at) });

/** Where a period ("2010-01-04 → 2026-07-31", and any note after it) may wrap: at every space but the one before its arrow. */
export const PERIOD_BREAKS = / (?!→)/;

/** A column's short header, and its full name in the header's title (a long name would stretch the header row). */
export interface ColumnHead {
  readonly text: string;
  readonly title: string;
}

/**
 * A table whose column headers (a string, or a short header with its full name) sort it on click
 * (ascending, then descending). It takes its card's whole width (these tables have many columns),
 * a header may break after a dot ("engine.commission"), and a cell with pieces may wrap between
 * them; a table still wider than its card scrolls sideways with the shared cue (scrollCues.js).
 */
export function sortableTable(id: string, head: readonly (string | ColumnHead)[], rows: readonly TableCell[][]): string {
  const th = head
    .map((h, k) => {
      const { text, title } = typeof h === 'string' ? { text: h, title: undefined } : h;
      return `<th class="${k === 0 ? 't ' : ''}sortable" data-col="${k}" tabindex="0" aria-sort="none"${title === undefined ? '' : ` title="${escapeHtml(title)}"`}>${escapeHtml(text).replace(/\.(?=[A-Za-z])/g, '.<wbr>')}</th>`;
    })
    .join('');
  const body = rows
    .map(
      (row) =>
        `<tr>${row
          .map((c, k) => {
            const key = c.sort === undefined ? c.text : c.sort;
            const classes = [k === 0 ? 't' : '', c.pieces === undefined ? '' : 'pieces'].filter((n) => n !== '').join(' ');
            const shown = c.pieces === undefined ? escapeHtml(c.text) : c.pieces.map((p) => `<span class="piece">${escapeHtml(p)}</span>`).join(' ');
            return `<td${classes === '' ? '' : ` class="${classes}"`} data-sort="${escapeHtml(key === null ? '' : String(key))}">${shown}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('');
  return `<div class="table-scroll"><table class="sortable-table wide" id="${escapeHtml(id)}"><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table></div>`;
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
table.sortable-table th, table.sortable-table td { padding-left: 6px; padding-right: 6px; }
td.pieces { white-space: normal; font-size: 12px; line-height: 1.35; }
td .piece { white-space: nowrap; }
svg.scatter { display: block; overflow: visible; }
svg.scatter text { font: 11px system-ui, sans-serif; fill: #475569; }
</style>`;

export interface ScatterOptions {
  readonly xLabel: string;
  readonly yLabel: string;
  /** A fitted line y = intercept + slope · x, drawn across the x range. */
  readonly line?: { readonly slope: number; readonly intercept: number };
  /** Height of the whole picture in px (default 320); its width is its box's. */
  readonly height?: number;
}

/** Room around the plot for the ticks and axis names, in CSS px. */
const PAD = { l: 56, r: 12, t: 10, b: 40 };

const tick = (v: number): string => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(2));

/** A position as a percentage of the plot's width or height. */
const pct = (f: number): string => `${(100 * f).toFixed(2)}%`;

/**
 * Points (x, y) as an SVG scatter with axes through the range, zero lines dashed, and an optional
 * fit line. The plot is its box's width less the room for the axis text, `height` − 50 px tall;
 * the points sit at percentages of it and the text is in CSS px, so the text reads at 11 px at any
 * width (a picture scaled by its viewBox had 8-px text on a 390-px phone: probe r69d F5).
 */
export function scatterSvg(x: ArrayLike<number>, y: ArrayLike<number>, o: ScatterOptions): string {
  const plotHeight = (o.height ?? 320) - PAD.t - PAD.b;
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
  const px = (v: number): string => pct((v - x0) / (x1 - x0));
  const py = (v: number): string => pct(1 - (v - y0) / (y1 - y0));
  // Thousands of combinations: draw at most ~4,000 points (every k-th), the fit uses them all.
  const step = Math.max(1, Math.ceil(xs.length / 4000));
  const dots: string[] = [];
  for (let k = 0; k < xs.length; k += step) dots.push(`<circle cx="${px(xs[k])}" cy="${py(ys[k])}" r="2.2"/>`);
  const zero = [
    x0 < 0 && x1 > 0 ? `<line x1="${px(0)}" x2="${px(0)}" y1="0" y2="100%" stroke="#94a3b8" stroke-dasharray="3 3"/>` : '',
    y0 < 0 && y1 > 0 ? `<line x1="0" x2="100%" y1="${py(0)}" y2="${py(0)}" stroke="#94a3b8" stroke-dasharray="3 3"/>` : '',
  ].join('');
  const fit = o.line && Number.isFinite(o.line.slope) ? `<line x1="0" y1="${py(o.line.intercept + o.line.slope * x0)}" x2="100%" y2="${py(o.line.intercept + o.line.slope * x1)}" stroke="#dc2626" stroke-width="1.5"/>` : '';
  const ticks = [0, 0.5, 1]
    .map((f) => {
      // The last x tick ends at the plot's right edge: centred there it would run past the picture.
      return `<text x="${pct(f)}" y="${plotHeight + 14}" text-anchor="${f === 1 ? 'end' : 'middle'}">${tick(x0 + f * (x1 - x0))}</text><text x="-6" y="${pct(1 - f)}" dy="4" text-anchor="end">${tick(y0 + f * (y1 - y0))}</text>`;
    })
    .join('');
  // The outer picture is the plot (its margins hold the text, drawn outside it); the inner one clips the points and the fit line to it.
  return `<svg class="scatter" height="${plotHeight}" style="width: calc(100% - ${PAD.l + PAD.r}px); margin: ${PAD.t}px ${PAD.r}px ${PAD.b}px ${PAD.l}px" role="img" aria-label="${escapeHtml(`${o.yLabel} against ${o.xLabel}`)}">
<rect width="100%" height="100%" fill="none" stroke="#e2e8f0"/><svg width="100%" height="100%">${zero}
<g fill="#2563eb" fill-opacity="0.35">${dots.join('')}</g>${fit}</svg>${ticks}
<text x="50%" y="${plotHeight + PAD.b - 6}" text-anchor="middle">${escapeHtml(o.xLabel)}</text>
<text transform="translate(${14 - PAD.l} ${plotHeight / 2}) rotate(-90)" text-anchor="middle">${escapeHtml(o.yLabel)}</text>
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
