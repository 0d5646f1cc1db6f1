// A stored run as plain tables for `breadth export`: each table has documented columns (name,
// unit, meaning) and rows of numbers, text or null (NaN and missing values); the run's caveats are
// a table of their own and follow the metrics in theirs. Numbers are the
// store's own values, unrounded, so a CSV or JSON round trip gives them back exactly.

import { stringify } from 'csv-stringify/sync';
import { parseIsoDay } from '../data/dates.ts';
import { DAILY_COLUMNS } from '../engine/result.ts';
import { type Cell, EXPORT_COLUMNS, type ExportedTable, type ExportTable } from './exportColumns.ts';
import { levelChange, periodReturns, withholdTreynor } from './metrics/index.ts';
import type { StoredRun } from './store/index.ts';

export { EXPORT_COLUMNS, EXPORT_TABLES, type ExportTable } from './exportColumns.ts';

/** A store number for a table cell: NaN and missing values are null. */
const num = (x: number | null | undefined): number | null => (x === null || x === undefined || Number.isNaN(x) ? null : x);

/** One table of a stored run. */
export function exportTable(stored: StoredRun, what: ExportTable): ExportedTable {
  const columns = EXPORT_COLUMNS[what];
  const d = stored.daily;
  switch (what) {
    case 'daily':
      return {
        columns,
        rows: d.dates.map((date, t) => [date, num(d.navReturn[t]), num(d.benchmarkLevel[t]), num(d.benchmarkReturn[t]), num(d.riskFreeReturn[t]), num(d.grossExposure[t]), num(d.netExposure[t]), ...DAILY_COLUMNS.map((c) => num(d.columns[c][t]))]),
      };
    case 'monthly':
    case 'yearly': {
      const days = Int32Array.from(d.dates.slice(1), parseIsoDay);
      const periods = periodReturns(days, d.navReturn.subarray(1), what === 'monthly' ? 'month' : 'year');
      return {
        columns,
        rows: periods.map((p) => {
          const row: Cell[] = [p.period, p.value, levelChange(d.benchmarkLevel, p.start, p.end), p.n];
          return what === 'yearly' ? [...row, p.start === 0 ? d.dates[0] : d.dates[p.start + 1], d.dates[p.end]] : row;
        }),
      };
    }
    case 'drawdowns':
      return { columns, rows: stored.drawdowns.map((e) => [e.peakDate, e.troughDate, e.recoveryDate, e.depth, e.length, e.timeToTrough, e.open ? 1 : 0]) };
    case 'positions':
      return { columns, rows: stored.positions.map((p) => [p.date, p.symbol, p.shares, num(p.price), num(p.value), num(p.weight), num(p.targetWeight)]) };
    case 'fills':
      return { columns, rows: stored.fills.map((f) => [f.date, f.symbol, f.quantity, f.price, f.referencePrice, f.commission, f.slippage, f.orderId, f.reason]) };
    case 'metrics':
      // The caveats after the metrics, so a metrics file of a look-ahead-prone or stale-marked run
      // says so itself (probe r57b F5: it was indistinguishable from a sound one).
      return {
        columns,
        rows: [...withholdTreynor(stored.metrics).map((m): Cell[] => [m.name, num(m.value), m.n, m.note ?? null]), ...stored.caveats.map((c): Cell[] => ['caveat', num(c.size), null, `${c.severity} ${c.code}: ${c.message}`])],
      };
    case 'caveats':
      return { columns, rows: stored.caveats.map((c) => [c.severity, c.code, num(c.size), c.unit, c.symbols.join(' '), c.message]) };
  }
}

/** CSV with a header row (csv-stringify: RFC 4180 quoting); null is an empty field. */
export function toCsv(table: ExportedTable): string {
  // Numbers are written by String(): the shortest text that reads back as the same double.
  return stringify([table.columns.map((c) => c.name), ...table.rows.map((row) => row.map((v) => (v === null ? '' : v)))], { cast: { number: (v) => String(v) } });
}

/** JSON: an array of records, one per row, keyed by column name. */
export function toJson(table: ExportedTable): string {
  const records = table.rows.map((row) => Object.fromEntries(table.columns.map((c, k) => [c.name, row[k] as Cell])));
  return `${JSON.stringify(records, null, 1)}\n`;
}
