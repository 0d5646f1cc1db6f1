// A run's benchmark as value levels on the run's own sessions: the benchmark is the index itself,
// not a simulated buy-and-hold that starts a day late and carries cash drag and costs.
//   - a symbol: its total-return level. Total-return series (adjusted closes) are their own level;
//     a raw series is adjusted for its splits and cash dividends by data/adjustedCloses.ts (the
//     factor `metrics --prices` and the strategies' history use, Yahoo's adjusted-close
//     convention), so a file with Close and Adj Close, its Adj Close alone and `metrics` on it
//     all give the same index.
//   - `cash`: the per-period risk-free return compounded (for market-neutral books).
// Sessions where the benchmark has no close stay NaN: relative metrics pair returns over the
// intervals both series cover (METRICS.md "Inputs"), never a 0 for the missing day.
// runBenchmark reads runMetrics' `benchmark` option: the CLI, studies and a library user name a
// symbol the same way, and get the same levels, reach and caveats (probe r56a).

import { adjustedCloses } from '../../data/adjustedCloses.ts';
import { UserError } from '../../data/errors.ts';
import { PriceKind, type Market } from '../../data/market.ts';
import { symbolHintIn } from '../../data/nearestName.ts';
import type { Result } from '../../engine/result.ts';
import type { BenchmarkReach } from './benchmarkCoverage.ts';

/** The benchmark name that means "the risk-free series, compounded". */
export const CASH_BENCHMARK = 'cash';
/** The benchmark name that means "no benchmark" (a study's `benchmark: none`, `--benchmark none`). */
export const NO_BENCHMARK = 'none';

/**
 * A benchmark as value levels on a run's sessions: `levels[k]` its total-return value (dividends
 * reinvested, splits adjusted; any scale) on the run's k-th session, NaN where it has none;
 * `reach`, whether it has values before the run's first session and after its last (absent: not
 * known, and the caveats say only what the levels show).
 */
export interface BenchmarkLevels {
  readonly name: string;
  readonly levels: Float64Array;
  readonly reach?: BenchmarkReach;
}

/**
 * Total-return level of market symbol `i` on sessions first..last (market indices), 1 on the first
 * session with a close; NaN before it and wherever the symbol has no close.
 */
export function totalReturnLevels(market: Market, i: number, first: number, last: number): Float64Array {
  const n = market.symbols.length;
  const adjusted = market.priceKind[i] === PriceKind.raw ? adjustedCloses(market, i) : undefined;
  const price = (t: number): number => (adjusted === undefined ? market.close[t * n + i] : adjusted[t]);
  const out = new Float64Array(last - first + 1).fill(NaN);
  let base = NaN;
  for (let t = first; t <= last; t++) {
    const p = price(t);
    if (Number.isNaN(p)) continue;
    if (Number.isNaN(base)) base = p;
    out[t - first] = p / base;
  }
  return out;
}

/** The cash benchmark's level: 1 on the first session, then Π(1 + rf) with rf per return row (NaN → 0). */
export function cashLevels(riskFreeReturns: ArrayLike<number>): Float64Array {
  const out = new Float64Array(riskFreeReturns.length + 1);
  out[0] = 1;
  for (let k = 0; k < riskFreeReturns.length; k++) out[k + 1] = out[k] * (1 + (Number.isNaN(riskFreeReturns[k]) ? 0 : riskFreeReturns[k]));
  return out;
}

/**
 * The levels of a symbol (or role, `@smallCap`) benchmark over the sessions of `result`, and
 * whether it has closes before and after them (BenchmarkReach: in the market, or past a selection's
 * end, Market.continuesAfter). Throws a UserError
 * naming the symbol when the market does not have it.
 */
export function symbolBenchmark(market: Market, result: Result, symbolOrRole: string): Required<BenchmarkLevels> {
  const name = symbolOrRole.startsWith('@') ? market.roles[symbolOrRole.slice(1)] : symbolOrRole;
  const i = name === undefined ? -1 : market.symbols.indexOf(name);
  if (i < 0) {
    const roles = Object.entries(market.roles).map(([r, s]) => `@${r} (${s})`);
    const hint = symbolOrRole.startsWith('@') ? '' : symbolHintIn(symbolOrRole, market);
    throw new UserError(`benchmark: no symbol "${symbolOrRole}" in ${market.name}${hint}${roles.length ? `; roles here: ${roles.join(', ')}` : ''}; or use "${CASH_BENCHMARK}" or "${NO_BENCHMARK}"`);
  }
  const sessions = result.sessions;
  if (sessions.length === 0) return { name: name as string, levels: new Float64Array(0), reach: { before: false, after: false } };
  const [first, last] = [sessions[0], sessions[sessions.length - 1]];
  const n = market.symbols.length;
  const closeIn = (from: number, to: number): boolean => {
    for (let t = from; t < to; t++) if (!Number.isNaN(market.close[t * n + i])) return true;
    return false;
  };
  return { name: name as string, levels: totalReturnLevels(market, i, first, last), reach: { before: closeIn(0, first), after: closeIn(last + 1, market.dates.length) || market.continuesAfter?.[i] === 1 } };
}

/**
 * The benchmark a run is measured against, from runMetrics' `benchmark` option (see
 * RunMetricsOptions): undefined or `'none'`: none; `'cash'`: cashLevels of `riskFreeReturns` (one
 * per return of the run); any other name: the symbol or role of `market` (symbolBenchmark, as
 * `breadth run --benchmark` measures); levels: as given, once checked to have one per session.
 * @throws UserError when a name is given without `market`, names no symbol of it, or the levels
 *   are not one per session of `result`.
 */
export function runBenchmark(benchmark: string | BenchmarkLevels | undefined, result: Result, market: Market | undefined, riskFreeReturns: Float64Array): BenchmarkLevels | undefined {
  if (benchmark === undefined || benchmark === NO_BENCHMARK) return undefined;
  if (benchmark === CASH_BENCHMARK) return { name: CASH_BENCHMARK, levels: cashLevels(riskFreeReturns) };
  if (typeof benchmark === 'string') {
    if (market === undefined) throw new UserError(`runMetrics: benchmark "${benchmark}" names a symbol: give the market the run was backtested on too (runMetrics(result, { market, benchmark: '${benchmark}' })), or levels ({ name, levels })`);
    try {
      return symbolBenchmark(market, result, benchmark);
    } catch (err) {
      throw err instanceof UserError ? new UserError(`runMetrics: ${err.message}`) : err;
    }
  }
  if (benchmark.levels.length !== result.dates.length) {
    throw new UserError(`runMetrics: benchmark ${benchmark.name} has ${benchmark.levels.length} levels for the result's ${result.dates.length} sessions: give one level per session of the result (NaN where it has none)`);
  }
  return benchmark;
}
