// On the real ETF files: a run's benchmark is the index over the run's own sessions. Its total
// return equals the benchmark file's over the same sessions to 1e-12, and a buy-and-hold of the
// index itself tracks it (no day-late start, no costs, no cash drag in the benchmark).

import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isoDay } from '../../data/dates.ts';
import { openStudyMarket, parseStudy, runStudyRuns } from '../../study/index.ts';

const etf = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'etf', 'adjclose');
const present = existsSync(etf);
if (!present) console.warn(`skipping real-data benchmark tests: ${etf} is absent`);

/** The file's AdjClose by ISO date. */
function adjClose(symbol: string): Map<string, number> {
  const rows = readFileSync(join(etf, `${symbol}.csv`), 'utf8').trim().split('\n').slice(1);
  return new Map(rows.map((r) => r.split(',')).map(([d, p]) => [d, Number(p)]));
}

describe.skipIf(!present)('benchmarks on the real ETF data', async () => {
  const config = parseStudy({
    data: etf,
    symbols: ['IWM', 'SMLF', 'SPY'],
    runs: [
      { name: 'iwm-hold', strategy: 'buy-and-hold', params: { weights: { IWM: 1 } }, benchmark: 'IWM', engine: { from: '2016-03-01' } },
      { name: 'smlf-hold', strategy: 'buy-and-hold', params: { weights: { SMLF: 1 } }, benchmark: 'SPY', engine: { from: '2019-06-03', to: '2024-12-31' } },
    ],
  });
  // skipIf skips the tests, not this body: without the data it must load nothing (a clone without ../shared failed here).
  const study = present ? await runStudyRuns(config, await openStudyMarket(config), 'test') : { runs: [] };

  it.each([
    ['iwm-hold', 'IWM'],
    ['smlf-hold', 'SPY'],
  ])("%s: the benchmark's total return is %s's over the run's sessions, to 1e-12", (name, symbol) => {
    const run = study.runs.find((r) => r.name === name)!;
    const levels = run.metrics.benchmarkLevels!;
    const file = adjClose(symbol);
    const first = isoDay(run.result.dates[0]);
    const last = isoDay(run.result.dates[run.result.dates.length - 1]);
    expect(levels[levels.length - 1] / levels[0] - 1).toBeCloseTo(file.get(last)! / file.get(first)! - 1, 12);
    expect(run.metrics.benchmark).toBe(symbol);
  });

  it('holding the index itself: beta 1 and correlation 1 to 3 decimals; the excess is only the fill lag and whole shares', () => {
    const run = study.runs.find((r) => r.name === 'iwm-hold')!;
    const get = (n: string) => run.metrics.metrics.find((m) => m.name === n)!.value!;
    expect(get('beta')).toBeCloseTo(1, 2);
    expect(get('correlation')).toBeCloseTo(1, 3);
    expect(Math.abs(get('annual_return') - (run.metrics.benchmarkLevels!.at(-1)! ** (252 / (run.result.dates.length - 1)) - 1))).toBeLessThan(0.002);
  });
});
