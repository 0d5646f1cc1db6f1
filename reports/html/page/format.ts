// Number formats for the report's tables (the inline chart script mirrors them for axes and
// tooltips). Fixed en-US grouping so a report reads the same on every machine; ASCII minus so
// numbers copy cleanly into spreadsheets.

import type { MetricFigure } from '../model.ts';
import { metricInfo, type MetricKind, periodCountUnit } from '../metricCatalog.ts';
import { decimals } from './decimals.ts';

// Rounded as the terminal rounds (decimals.ts); 'negative' drops the sign of values that round to zero ("0.00%", never "-0.00%").
/** x with `digits` decimals and en-US thousands separators, rounded as the terminal rounds: 1234.5 → "1,234.50" at 2. */
export const grouped = (x: number, digits: number): string => decimals(x, digits, { grouping: true });
const signed = (x: number, digits: number): string => decimals(x, digits, { grouping: true, sign: 'exceptZero' });

/** A fraction as a percent: 0.12345 → "12.35%". */
export function formatPercent(x: number, digits = 2): string {
  return `${grouped(x * 100, digits)}%`;
}

/** A signed figure with `digits` decimals and a typographic minus: "+0.42", "−0.10", "0.00" for what rounds to zero (never "−0.00"). */
export function formatSignedGap(x: number, digits = 2): string {
  return signed(x, digits).replace('-', '−');
}

/** A dimensionless ratio with two decimals: "1.23". */
export function formatRatio(x: number): string {
  return grouped(x, 2);
}

/** Currency with thousands separators; cents only for small amounts. */
export function formatCurrency(x: number): string {
  return grouped(x, Math.abs(x) >= 1_000 ? 0 : 2);
}

/** Counts and averages of counts: "12" or "12.3". */
export function formatCount(x: number): string {
  return grouped(x, Number.isInteger(x) ? 0 : 1);
}

/** A value of `kind`; a count of periods ('sessions') names the period of P (periodCountUnit). */
function formatValue(value: number, kind: MetricKind, periodsPerYear = 252): string {
  switch (kind) {
    case 'percent':
      return formatPercent(value);
    case 'ratio':
      return formatRatio(value);
    case 'currency':
      return formatCurrency(value);
    case 'sessions':
      return `${formatCount(value)} ${periodCountUnit(periodsPerYear)}`;
    case 'count':
      return formatCount(value);
  }
}

/** A metric's value, or why it has none (always with its sample size); counts of periods in the periods of P. */
export function formatMetric(metric: MetricFigure, periodsPerYear = 252): string {
  if (metric.value === null) return `${metric.note ?? 'insufficient data'} (n = ${grouped(metric.n, 0)})`;
  return formatValue(metric.value, metricInfo(metric.name).kind, periodsPerYear);
}

/** The difference b − a in the metric's unit: percentage points for percents, periods of P for counts of periods. */
export function formatDelta(name: string, a: number, b: number, periodsPerYear = 252): string {
  const kind = metricInfo(name).kind;
  const d = b - a;
  if (kind === 'percent') return `${signed(d * 100, 2)} pp`;
  const text = formatValue(d, kind, periodsPerYear);
  return d > 0 && text !== formatValue(0, kind, periodsPerYear) ? `+${text}` : text;
}
