// Where a series and a benchmark given as returns files start (probe r72a F2): a run's exported
// returns begin with a blank start row (`2024-01-02,`), and a benchmark file whose first return is
// on the next date starts with it — both from 2024-01-02 — so no coverage warning is due (it said
// "benchmark … starts on 2024-01-02, 1 period after" the series, a date not in the benchmark's
// file, which begins on 2024-01-03). A benchmark file that does start later is said with the row
// its file begins on beside the day its first return is earned from.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadReturnsFile } from '../../data/returnSeries.ts';
import { analyseSeries } from '../../reports/seriesAnalysis.ts';

const dir = mkdtempSync(join(tmpdir(), 'breadth-blank-start-bench-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, rows: readonly (readonly [string, string])[]): string => {
  const file = join(dir, name);
  writeFileSync(file, `date,return\n${rows.map(([d, r]) => `${d},${r}`).join('\n')}\n`);
  return file;
};

// Weekdays 2024-01-02 … 2024-01-09: the series' start (blank), then five returns.
const DATES = ['2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08', '2024-01-09'];
const series = loadReturnsFile(write('ret.csv', [['2024-01-02', ''], ...DATES.map((d, k) => [d, String([0.01, -0.02, 0.03, -0.01, 0.02][k])] as const)]));
const bench = (from: number): string => write(`bret${from}.csv`, DATES.slice(from).map((d, k) => [d, String([0.004, -0.01, 0.02, -0.005, 0.01][from + k])] as const));

describe('a returns file with a blank start row against a benchmark returns file', () => {
  it('the benchmark starting on the next row starts with the series: 5 paired intervals, no coverage warning', () => {
    const a = analyseSeries(series, { benchmark: loadReturnsFile(bench(0)), periodsPerYear: 252 });
    expect(a.metrics.pairing?.intervals).toBe(5);
    expect(a.caveats.filter((c) => c.code === 'benchmark').map((c) => c.message)).toEqual([]);
  });

  it('a benchmark file beginning on 2024-01-05 starts on 2024-01-04, the day its first return is earned from, 2 periods after the series, and the message says both', () => {
    const a = analyseSeries(series, { benchmark: loadReturnsFile(bench(2)), periodsPerYear: 252 });
    // Paired: 01-04 → 01-05, 01-05 → 01-08, 01-08 → 01-09; the series' returns of 01-03 and 01-04 are not.
    expect(a.metrics.pairing?.intervals).toBe(3);
    const starts = a.caveats.filter((c) => c.code === 'benchmark' && c.message.includes('starts on'));
    expect(starts).toHaveLength(1);
    expect(starts[0].message).toContain('starts on 2024-01-04 (its file\'s first row, 2024-01-05, is a return earned since then), 2 periods after');
  });
});
