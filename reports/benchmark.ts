// A run's benchmark as value levels on the run's own sessions: the benchmark is the index itself,
// not a simulated buy-and-hold that starts a day late and carries cash drag and costs.
//   - a symbol: its total-return level. Total-return series (adjusted closes) are their own level;
//     a raw series compounds close-to-close with splits and cash dividends reinvested at the close
//     they are paid (the CRSP / Yahoo adjusted-close convention), so both kinds give the same index.
//   - `cash`: the per-period risk-free return compounded (for market-neutral books).
// Sessions where the benchmark has no close stay NaN: relative metrics pair returns over the
// intervals both series cover (METRICS.md "Inputs"), never a 0 for the missing day.

import { UserError } from '../data/errors.ts';
import { PriceKind, type Market } from '../data/market.ts';
import type { Result } from '../engine/result.ts';

/** The benchmark name that means "the risk-free series, compounded". */
export const CASH_BENCHMARK = 'cash';

/**
 * Total-return level of market symbol `i` on sessions first..last (market indices), 1 on the first
 * session with a close; NaN before it and wherever the symbol has no close.
 */
export function totalReturnLevels(market: Market, i: number, first: number, last: number): Float64Array {
  const n = market.symbols.length;
  const out = new Float64Array(last - first + 1).fill(NaN);
  const raw = market.priceKind[i] === PriceKind.raw;
  let previous = -1;
  let level = NaN;
  for (let t = first; t <= last; t++) {
    const close = market.close[t * n + i];
    if (Number.isNaN(close)) continue;
    if (previous < 0) level = 1;
    else level *= raw ? heldGrowth(market, i, previous, t) : close / market.close[previous * n + i];
    out[t - first] = level;
    previous = t;
  }
  return out;
}

/** Value at t's close of one share held at s's close, splits applied and dividends kept as cash, over close_s. */
function heldGrowth(market: Market, i: number, s: number, t: number): number {
  const n = market.symbols.length;
  let shares = 1;
  let cash = 0;
  // Events of (s, t], in session order: a split scales the shares, a dividend pays on them.
  const { splits, dividends } = market;
  for (let u = s + 1; u <= t; u++) {
    for (let e = splits.sessionStart[u]; e < splits.sessionStart[u + 1]; e++) if (splits.symbol[e] === i) shares *= splits.value[e];
    for (let e = dividends.sessionStart[u]; e < dividends.sessionStart[u + 1]; e++) if (dividends.symbol[e] === i) cash += shares * dividends.value[e];
  }
  return (shares * market.close[t * n + i] + cash) / market.close[s * n + i];
}

/** The cash benchmark's level: 1 on the first session, then Π(1 + rf) with rf per return row (NaN → 0). */
export function cashLevels(riskFreeReturns: ArrayLike<number>): Float64Array {
  const out = new Float64Array(riskFreeReturns.length + 1);
  out[0] = 1;
  for (let k = 0; k < riskFreeReturns.length; k++) out[k + 1] = out[k] * (1 + (Number.isNaN(riskFreeReturns[k]) ? 0 : riskFreeReturns[k]));
  return out;
}

/**
 * The levels of a symbol (or role, `@smallCap`) benchmark over the sessions of `result`. Throws a
 * UserError naming the symbol when the market does not have it.
 */
export function symbolBenchmark(market: Market, result: Result, symbolOrRole: string): { name: string; levels: Float64Array } {
  const name = symbolOrRole.startsWith('@') ? market.roles[symbolOrRole.slice(1)] : symbolOrRole;
  const i = name === undefined ? -1 : market.symbols.indexOf(name);
  if (i < 0) {
    const roles = Object.entries(market.roles).map(([r, s]) => `@${r} (${s})`);
    throw new UserError(`benchmark: no symbol "${symbolOrRole}" in ${market.name}${roles.length ? `; roles here: ${roles.join(', ')}` : ''}; or use "${CASH_BENCHMARK}" or "none"`);
  }
  const sessions = result.sessions;
  if (sessions.length === 0) return { name: name as string, levels: new Float64Array(0) };
  return { name: name as string, levels: totalReturnLevels(market, i, sessions[0], sessions[sessions.length - 1]) };
}
