// The sample's three fund series, computed from the stocks (never simulated on their own):
// - SYN_LARGE:  cap-weighted, the largest 20% of listed stocks by market cap;
// - SYN_SMALL:  cap-weighted, the other 80% (the "Russell 2000" of the sample);
// - SYN_QSMALL: the SYN_SMALL universe, its worst 10% by a quality score screened out and the
//               rest tilted to quality: weight ∝ cap × exp(QUALITY_TILT × score).
// Membership is fixed each year from the caps at the last close of the previous year (session 0's
// close for the first year), and weights are the members' caps at the previous close, so
// index return_t = Σ m_i cap_i,t-1 r_i,t / Σ m_i cap_i,t-1 with r the total return
// (close·split + dividend) / previous close − 1, or the delisting return on the session after a
// member's last trade. Levels start at 100.

import type { EventTable } from '../market.ts';
import type { Fundamentals } from '../fundamentals.ts';
import { sharesAfterSplit, type PriceColumns } from './prices.ts';

export const SAMPLE_FUNDS = { smallCap: 'SYN_SMALL', qualitySmallCap: 'SYN_QSMALL', largeCap: 'SYN_LARGE' } as const;
/** Symbol order of the funds after the stocks. */
export const SAMPLE_FUND_ORDER = [SAMPLE_FUNDS.smallCap, SAMPLE_FUNDS.qualitySmallCap, SAMPLE_FUNDS.largeCap] as const;

export const LARGE_CAP_SHARE = 0.2;
const QUALITY_SCREEN_SHARE = 0.1;
const QUALITY_TILT = 0.4;
const Z_LIMIT = 3;
const START_LEVEL = 100;
const FUND_VOLUME = 1e8;

export interface IndexInputs {
  readonly columns: PriceColumns;
  readonly stocks: number;
  readonly dates: Int32Array;
  readonly splits: EventTable;
  readonly dividends: EventTable;
  readonly delistReturn: Float64Array;
  readonly sharesAtListing: Float64Array;
  readonly listedFrom: Int32Array;
  readonly reconstitutions: readonly number[];
  readonly fundamentals: Fundamentals;
}

/** Fills the fund columns (symbols stocks .. stocks+2) of `inputs.columns`. */
export function computeSampleIndices(inputs: IndexInputs): void {
  const { columns, stocks: n, dates } = inputs;
  const { open, close, volume, stride } = columns;
  const sessions = dates.length;
  const shares = new Float64Array(n);
  const cap = new Float64Array(n); // at the previous close
  const ret = new Float64Array(n);
  const openRet = new Float64Array(n);
  const splitRatio = new Float64Array(n).fill(1);
  const dividend = new Float64Array(n);
  const weights = SAMPLE_FUND_ORDER.map(() => new Float64Array(n));
  const level = SAMPLE_FUND_ORDER.map(() => START_LEVEL);
  const reconstitutions = new Set(inputs.reconstitutions);

  for (let t = 0; t < sessions; t++) {
    const row = t * stride;
    for (let i = 0; i < n; i++) if (t === inputs.listedFrom[i]) shares[i] = inputs.sharesAtListing[i];
    if (t > 0) {
      forEachEvent(inputs.splits, t, (i, v) => (splitRatio[i] = v));
      forEachEvent(inputs.dividends, t, (i, v) => (dividend[i] = v));
      for (let i = 0; i < n; i++) {
        const before = close[row - stride + i];
        const now = close[row + i];
        if (Number.isNaN(before)) ret[i] = openRet[i] = NaN;
        else if (Number.isNaN(now)) ret[i] = openRet[i] = inputs.delistReturn[i];
        else {
          ret[i] = (now * splitRatio[i] + dividend[i]) / before - 1;
          openRet[i] = (open[row + i] * splitRatio[i] + dividend[i]) / before - 1;
        }
      }
      for (let f = 0; f < SAMPLE_FUND_ORDER.length; f++) {
        const before = level[f];
        level[f] = before * (1 + weightedMean(weights[f], cap, ret));
        writeFundBar(columns, row + n + f, before * (1 + weightedMean(weights[f], cap, openRet)), level[f]);
      }
      for (let i = 0; i < n; i++) {
        shares[i] = sharesAfterSplit(shares[i], splitRatio[i]);
        splitRatio[i] = 1;
        dividend[i] = 0;
      }
    } else {
      for (let f = 0; f < SAMPLE_FUND_ORDER.length; f++) writeFundBar(columns, row + n + f, START_LEVEL, START_LEVEL);
    }
    for (let i = 0; i < n; i++) cap[i] = shares[i] * close[row + i]; // NaN when not listed
    if (t === 0 || reconstitutions.has(t + 1)) reconstitute(inputs, cap, dates[t], weights);
  }
  for (let f = 0; f < SAMPLE_FUND_ORDER.length; f++) {
    for (let t = 0; t < sessions; t++) volume[t * stride + n + f] = FUND_VOLUME;
  }
}

function writeFundBar(columns: PriceColumns, at: number, openLevel: number, closeLevel: number): void {
  // An index has no traded intraday range: high and low are the extremes of open and close.
  columns.open[at] = openLevel;
  columns.close[at] = closeLevel;
  columns.high[at] = Math.max(openLevel, closeLevel);
  columns.low[at] = Math.min(openLevel, closeLevel);
}

/** Σ m·cap·r / Σ m·cap over stocks with a return (0 when nothing is held). */
function weightedMean(multiplier: Float64Array, cap: Float64Array, r: Float64Array): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < multiplier.length; i++) {
    const w = multiplier[i] * cap[i];
    if (w > 0 && !Number.isNaN(r[i])) {
      num += w * r[i];
      den += w;
    }
  }
  return den > 0 ? num / den : 0;
}

function forEachEvent(table: EventTable, t: number, apply: (symbol: number, value: number) => void): void {
  for (let k = table.sessionStart[t]; k < table.sessionStart[t + 1]; k++) apply(table.symbol[k], table.value[k]);
}

/** New membership multipliers from the caps at the close of `day`. */
function reconstitute(inputs: IndexInputs, cap: Float64Array, day: number, weights: Float64Array[]): void {
  const [small, quality, large] = weights;
  const listed: number[] = [];
  for (let i = 0; i < inputs.stocks; i++) if (cap[i] > 0) listed.push(i);
  listed.sort((a, b) => cap[b] - cap[a] || a - b);
  const largeCount = Math.ceil(LARGE_CAP_SHARE * listed.length);
  small.fill(0);
  large.fill(0);
  quality.fill(0);
  listed.forEach((i, rank) => (rank < largeCount ? (large[i] = 1) : (small[i] = 1)));

  const members = listed.slice(largeCount);
  const score = qualityScores(inputs.fundamentals, members, day);
  const cutoff = [...score].sort((a, b) => a - b)[Math.floor(QUALITY_SCREEN_SHARE * score.length)];
  members.forEach((i, k) => {
    if (score[k] >= cutoff) quality[i] = Math.exp(QUALITY_TILT * score[k]);
  });
}

/**
 * Quality score from filings known on `day`: mean of z(ROA), z(FCF / assets) and −z(debt / assets),
 * each winsorised at ±3 across `members`; a missing part counts as 0 (average).
 */
export function qualityScores(fundamentals: Fundamentals, members: readonly number[], day: number): Float64Array {
  const netIncome = fundamentals.asOf('netIncome', day);
  const cashFlow = fundamentals.asOf('operatingCashFlow', day);
  const capex = fundamentals.asOf('capex', day);
  const assets = fundamentals.asOf('totalAssets', day);
  const debt = fundamentals.asOf('totalDebt', day);
  const parts = [
    members.map((i) => netIncome[i] / assets[i]),
    members.map((i) => (cashFlow[i] + capex[i]) / assets[i]),
    members.map((i) => -debt[i] / assets[i]),
  ].map(zScores);
  return Float64Array.from(members, (_, k) => (parts[0][k] + parts[1][k] + parts[2][k]) / 3);
}

function zScores(values: number[]): number[] {
  const finite = values.filter(Number.isFinite);
  if (finite.length < 2) return values.map(() => 0);
  const mean = finite.reduce((a, b) => a + b, 0) / finite.length;
  const sd = Math.sqrt(finite.reduce((a, b) => a + (b - mean) ** 2, 0) / (finite.length - 1));
  return values.map((v) => (Number.isFinite(v) && sd > 0 ? Math.max(-Z_LIMIT, Math.min(Z_LIMIT, (v - mean) / sd)) : 0));
}
