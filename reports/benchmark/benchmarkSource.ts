// What the market says about a run's benchmark when the benchmark is one of its symbols, whoever
// built the levels (runMetrics from a name, as `breadth run --benchmark` does, or a library user):
//   - the data caveats of its own series: a run scopes its data caveats to what it traded or read,
//     so a benchmark it never held was measured against silently (probe r46a);
//   - levels that follow the symbol's closes where its total return differs (a raw series with
//     dividends or splits): a price index, against which every relative metric leaves the
//     distributions out (probe r56a: raw closes through a 2 % dividend read alpha +349 %/yr).

import { adjustmentSteps } from '../../data/adjustedCloses.ts';
import { isoDay } from '../../data/dates.ts';
import { type Market, PriceKind } from '../../data/market.ts';
import { type Caveat, caveat, pct } from '../../engine/caveats/caveats.ts';
import type { Result } from '../../engine/result.ts';
import { seriesCaveats } from '../../engine/caveats/warnings.ts';
import { type BenchmarkLevels, totalReturnLevels } from './benchmark.ts';

/** Two levels agree in proportion to this relative difference (float rounding of a division). */
const SAME = 1e-9;

/**
 * The caveats of the benchmark's source over the run's sessions, when its name is a symbol of
 * `market`: its series' data caveats (engine/caveats/warnings.ts seriesCaveats as the benchmark:
 * "benchmark: BM.csv: Close only …", a split-sized move, a bad print that reverts) less those the
 * run's own caveats already say (it held the symbol), and whether its levels are a price index
 * (priceIndexCaveats). [] without a benchmark, a market or a session.
 */
export function benchmarkSourceCaveats(benchmark: BenchmarkLevels | undefined, result: Result, market: Market | undefined): Caveat[] {
  const symbol = benchmark === undefined || market === undefined ? -1 : market.symbols.indexOf(benchmark.name);
  if (symbol < 0 || result.sessions.length === 0) return [];
  const [first, last] = [result.sessions[0], result.sessions[result.sessions.length - 1]];
  const said = new Set(result.caveats.map((c) => c.message));
  const data = seriesCaveats(market!, symbol, first, last, 'benchmark').filter((c) => !said.has(c.message.replace(/^benchmark: /, '')));
  return [...data, ...priceIndexCaveats(benchmark!, market!, symbol, first, last)];
}

/**
 * A caveat when `benchmark.levels` (one per market session first..last) are in proportion to the
 * closes of raw symbol `symbol` while its total-return level (totalReturnLevels) is not: the levels
 * leave out its dividends and splits inside the run. Sized by the ex-dates left out (count); high
 * when one is a split (a close halving is read as a −50 % return), else medium.
 */
function priceIndexCaveats(benchmark: BenchmarkLevels, market: Market, symbol: number, first: number, last: number): Caveat[] {
  if (market.priceKind[symbol] !== PriceKind.raw) return [];
  const n = market.symbols.length;
  const closes = Float64Array.from({ length: last - first + 1 }, (_, k) => market.close[(first + k) * n + symbol]);
  const total = totalReturnLevels(market, symbol, first, last);
  if (!proportional(benchmark.levels, closes) || proportional(total, closes)) return [];
  const left = adjustmentSteps(market, symbol).filter((s) => s.session > first && s.session <= last);
  if (left.length === 0) return [];
  let [from, to] = [0, closes.length - 1];
  while (Number.isNaN(closes[from])) from++;
  while (Number.isNaN(closes[to])) to--;
  const name = benchmark.name;
  const events = `${left.length} ex-date${left.length === 1 ? '' : 's'} of dividends or splits inside the run (${left.length === 1 ? 'on' : 'the first on'} ${isoDay(market.dates[left[0].session])})`;
  const message =
    `benchmark ${name}: its levels follow its closes, a price index that leaves out its ${events}: its total return over the run is ${pct(total[to] / total[from] - 1)}, its closes' ${pct(closes[to] / closes[from] - 1)}, and every relative metric measures against the closes; ` +
    `levels must be total-return (runMetrics(result, { market, benchmark: '${name}' }) measures it as breadth run --benchmark ${name} does)`;
  const severity = left.some((s) => s.splitRatio !== 1) ? 'high' : 'medium';
  return [caveat('benchmark', severity, message, { value: left.length, unit: 'count' }, [name])];
}

/** Whether a and b (same length) are in proportion on the two or more rows where both have a value. */
function proportional(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  let ratio = NaN;
  let rows = 0;
  for (let k = 0; k < a.length; k++) {
    if (Number.isNaN(a[k]) || Number.isNaN(b[k])) continue;
    if (rows++ === 0) ratio = a[k] / b[k];
    else if (!(Math.abs(a[k] - ratio * b[k]) <= SAME * Math.abs(a[k]))) return false;
  }
  return rows >= 2;
}
