// A stored run as plain tables for `breadth export`: each table has documented columns (name,
// unit, meaning) and rows of numbers, text or null (NaN and missing values). Numbers are the
// store's own values, unrounded, so a CSV or JSON round trip gives them back exactly.

import { DAILY_COLUMNS } from '../engine/result.ts';
import { levelChange, periodReturns } from './metrics/index.ts';
import { snakeCase } from './runMetrics.ts';
import type { StoredRun } from './store/index.ts';
import { parseIsoDay } from '../data/dates.ts';

export const EXPORT_TABLES = ['daily', 'monthly', 'yearly', 'drawdowns', 'positions', 'fills', 'metrics'] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

export interface ColumnDoc {
  name: string;
  /** 'date', 'text', 'currency', 'fraction' (0.012 = 1.2 %), 'shares', 'count', 'flag' (0/1) or 'number'. */
  unit: string;
  meaning: string;
}

export type Cell = string | number | null;

export interface ExportedTable {
  columns: readonly ColumnDoc[];
  rows: Cell[][];
}

const col = (name: string, unit: string, meaning: string): ColumnDoc => ({ name, unit, meaning });
const num = (x: number | null | undefined): number | null => (x === null || x === undefined || Number.isNaN(x) ? null : x);

const DAILY_MEANING: Record<string, [unit: string, meaning: string]> = {
  nav: ['currency', 'net asset value at the close'],
  cash: ['currency', 'cash balance (negative when borrowing)'],
  long_value: ['currency', 'value of long positions'],
  short_value: ['currency', 'value of short positions'],
  long_count: ['count', 'long positions held'],
  short_count: ['count', 'short positions held'],
  traded_notional: ['currency', 'Σ |traded notional| of the session'],
  long_pnl: ['currency', 'price P&L of the long book'],
  short_pnl: ['currency', 'price P&L of the short book'],
  dividends: ['currency', 'dividends received on longs'],
  interest_received: ['currency', 'interest earned on cash'],
  borrow_rebate: ['currency', 'rebate on short proceeds'],
  commission: ['currency', 'commission charged'],
  slippage: ['currency', 'slippage and impact charged'],
  borrow_fee: ['currency', 'borrow fee on shorts'],
  short_dividends: ['currency', 'dividends paid on shorts'],
  interest_paid: ['currency', 'interest paid on debit cash'],
  stale_value: ['currency', 'Σ |value| of positions marked at a stale price'],
};

/** Every table's columns, for `--help`, the README and the JSON output. */
export const EXPORT_COLUMNS: Record<ExportTable, readonly ColumnDoc[]> = {
  daily: [
    col('date', 'date', 'session date'),
    col('nav_return', 'fraction', 'NAV_t / NAV_t−1 − 1 (empty on the first session)'),
    col('benchmark_level', 'number', 'the benchmark index level (empty where it has none)'),
    col('benchmark_return', 'fraction', 'the benchmark\'s return since its previous level'),
    col('risk_free_return', 'fraction', 'risk-free return earned over the period'),
    col('gross_exposure', 'fraction', '(long + |short|) / NAV'),
    col('net_exposure', 'fraction', '(long − |short|) / NAV'),
    ...DAILY_COLUMNS.map((c) => {
      const name = snakeCase(c);
      const [unit, meaning] = DAILY_MEANING[name] ?? ['number', name];
      return col(name, unit, meaning);
    }),
  ],
  monthly: [col('month', 'text', 'YYYY-MM'), col('return', 'fraction', 'compounded NAV return of the month'), col('benchmark_return', 'fraction', 'the benchmark\'s return over the same sessions'), col('sessions', 'count', 'returns in the month')],
  yearly: [col('year', 'text', 'YYYY'), col('return', 'fraction', 'compounded NAV return of the year'), col('benchmark_return', 'fraction', 'the benchmark\'s return over the same sessions'), col('sessions', 'count', 'returns in the year'), col('from', 'date', 'first session of the year in the run'), col('to', 'date', 'last session of the year in the run')],
  drawdowns: [
    col('peak_date', 'date', 'last high before the fall'),
    col('trough_date', 'date', 'lowest point'),
    col('recovery_date', 'date', 'first date back at the peak (empty while open)'),
    col('depth', 'fraction', 'trough / peak − 1 (negative)'),
    col('length', 'count', 'sessions from peak to recovery (to the end while open)'),
    col('time_to_trough', 'count', 'sessions from peak to trough'),
    col('open', 'flag', '1 while not recovered at the end of the run'),
  ],
  positions: [
    col('date', 'date', 'decision session (holdings at its close, before its orders)'),
    col('symbol', 'text', 'symbol'),
    col('shares', 'shares', 'signed shares held (negative = short)'),
    col('price', 'currency', 'close used to value the holding'),
    col('value', 'currency', 'shares × price'),
    col('weight', 'fraction', 'value / NAV'),
    col('target_weight', 'fraction', 'weight the decision targeted (empty for share targets or orders)'),
  ],
  fills: [
    col('date', 'date', 'fill session'),
    col('symbol', 'text', 'symbol'),
    col('quantity', 'shares', 'signed shares (negative = sell)'),
    col('price', 'currency', 'fill price, slippage included'),
    col('reference_price', 'currency', 'price before slippage'),
    col('commission', 'currency', 'commission charged'),
    col('slippage', 'currency', 'slippage and impact charged'),
    col('order_id', 'count', 'order the fill belongs to'),
    col('reason', 'text', 'order, delisting, data-end or split-cash'),
  ],
  metrics: [col('name', 'text', 'METRICS.md name'), col('value', 'number', 'the value (empty when it cannot be computed)'), col('n', 'count', 'sample size'), col('note', 'text', 'why it is empty, or a caveat')],
};

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
      const levels = Array.from(d.benchmarkLevel, (v) => (Number.isNaN(v) ? null : v));
      const periods = periodReturns(days, d.navReturn.subarray(1), what === 'monthly' ? 'month' : 'year');
      return {
        columns,
        rows: periods.map((p) => {
          const row: Cell[] = [p.period, p.value, levelChange(levels, p.start, p.end), p.n];
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
      return { columns, rows: stored.metrics.map((m) => [m.name, num(m.value), m.n, m.note ?? null]) };
  }
}
