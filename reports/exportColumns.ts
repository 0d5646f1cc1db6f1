// The documented columns of `breadth export` (name, unit, meaning) per table: what the command's
// --help lists and what reports/export.ts writes, kept apart so the help loads nothing else.

import { DAILY_COLUMNS, snakeCase } from '../engine/result.ts';

/** What a monthly or yearly benchmark_return is, and when it is empty. */
const BENCHMARK_PERIOD_RETURN = "the benchmark's return over the same sessions: its level on the period's last session over its level on the session the period's first return starts from (empty where it has no level on either: a return from another day would span a longer period)";

export const EXPORT_TABLES = ['daily', 'monthly', 'yearly', 'drawdowns', 'positions', 'fills', 'metrics', 'caveats'] as const;
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

const DAILY_MEANING: Record<string, [unit: string, meaning: string]> = {
  nav: ['currency', 'net asset value at the close'],
  cash: ['currency', 'cash balance (negative when borrowing)'],
  long_value: ['currency', 'value of long positions'],
  short_value: ['currency', 'value of short positions'],
  long_count: ['count', 'long positions held'],
  short_count: ['count', 'short positions held'],
  traded_notional: ['currency', 'Σ |traded notional| of the session, forced exits (delisting, data end, cash in lieu) included'],
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
  nav_carried: ['flag', '1 where no position held into the close had a bar: the NAV only carried earlier closes, and is not paired with the benchmark there'],
};

/** Every table's columns, for `--help`, the README and the JSON output. */
export const EXPORT_COLUMNS: Record<ExportTable, readonly ColumnDoc[]> = {
  daily: [
    col('date', 'date', 'session date'),
    col('nav_return', 'fraction', 'NAV_t / NAV_t−1 − 1 (empty on the first session)'),
    col('benchmark_level', 'number', 'the benchmark index level (empty where it has none)'),
    col('benchmark_return', 'fraction', 'the benchmark\'s return over the same session as nav_return (empty where it has no level on the session or the one before: relative metrics pair over benchmark_level)'),
    col('risk_free_return', 'fraction', 'risk-free return earned over the period'),
    col('gross_exposure', 'fraction', '(long + |short|) / NAV'),
    col('net_exposure', 'fraction', '(long − |short|) / NAV'),
    ...DAILY_COLUMNS.map((c) => {
      const name = snakeCase(c);
      const [unit, meaning] = DAILY_MEANING[name] ?? ['number', name];
      return col(name, unit, meaning);
    }),
  ],
  monthly: [col('month', 'text', 'YYYY-MM'), col('return', 'fraction', 'compounded NAV return of the month'), col('benchmark_return', 'fraction', BENCHMARK_PERIOD_RETURN), col('sessions', 'count', 'returns in the month')],
  yearly: [col('year', 'text', 'YYYY'), col('return', 'fraction', 'compounded NAV return of the year'), col('benchmark_return', 'fraction', BENCHMARK_PERIOD_RETURN), col('sessions', 'count', 'returns in the year'), col('from', 'date', 'first session of the year in the run'), col('to', 'date', 'last session of the year in the run')],
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
    col('quantity', 'shares', 'signed shares as traded on that date, not restated for later splits (negative = sell)'),
    col('price', 'currency', 'fill price, slippage included'),
    col('reference_price', 'currency', 'price before slippage'),
    col('commission', 'currency', 'commission charged'),
    col('slippage', 'currency', 'slippage and impact charged'),
    col('order_id', 'count', 'order the fill belongs to'),
    col('reason', 'text', 'order, delisting, data-end or split-cash'),
  ],
  metrics: [
    col('name', 'text', 'METRICS.md name; after the metrics, one row named caveat per caveat of the run, most severe first'),
    col('value', 'number', 'the value (empty when it cannot be computed); on a caveat row its size, in the unit --what caveats gives (empty where it has none)'),
    col('n', 'count', 'sample size (empty on a caveat row)'),
    col('note', 'text', 'why it is empty, or a caveat; on a caveat row its severity, code and message ("high stale-marks: positions marked …")'),
  ],
  caveats: [
    col('severity', 'text', 'high, medium or low: how much it can change the reading of the run'),
    col('code', 'text', 'what kind of caveat (stale-marks, look-ahead, late-start, data-note, …)'),
    col('size', 'number', 'how large it is, in unit (empty where it has none)'),
    col('unit', 'text', 'nav-share (a fraction of NAV), sessions, days, weekdays, count or currency'),
    col('symbols', 'text', 'the symbols it concerns, separated by a space'),
    col('message', 'text', 'what it says, as the tear sheet and runs show say it'),
  ],
};
