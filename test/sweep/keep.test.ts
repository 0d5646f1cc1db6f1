// --keep stores the best trials in full — only trials with a value of the ranking metric: one that
// never invested has no Sharpe ratio and is no "best" (probe r28c: a random sweep's third kept run
// was a trial that never invested, stored with a tear sheet as sweep-1-best-3).

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadStudyFile } from '../../study/index.ts';
import { runSweep } from '../../study/sweep/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'breadth-keep-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Weekdays of January and February 2024: AAA on all of them, BBB from February only. */
function writeData(): string {
  const data = join(dir, 'prices');
  mkdirSync(data);
  const days: string[] = [];
  for (let d = new Date(Date.UTC(2024, 0, 2)); d < new Date(Date.UTC(2024, 2, 1)); d.setUTCDate(d.getUTCDate() + 1)) {
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) days.push(d.toISOString().slice(0, 10));
  }
  const rows = (from: string) => days.filter((d) => d >= from).map((d, k) => `${d},${(100 + 3 * Math.sin(k) + k / 4).toFixed(2)}`);
  writeFileSync(join(data, 'AAA.csv'), ['Date,Close', ...rows('2024-01-02')].join('\n') + '\n');
  writeFileSync(join(data, 'BBB.csv'), ['Date,Close', ...rows('2024-02-01')].join('\n') + '\n');
  return data;
}

describe('--keep ranks only trials with a value of the metric', () => {
  it('of two trials over January only the AAA one invested (BBB lists in February): 1 kept of 3, and the sweep says why', async () => {
    writeData();
    const study = join(dir, 'keep.yaml');
    writeFileSync(
      study,
      ['title: keep', 'data: prices', 'benchmark: none', 'runs:', '  - name: bh', '    strategy: buy-and-hold', '    params: { weights: { AAA: 1 } }', '    sweep:', '      params:', '        weights: [{ AAA: 1 }, { BBB: 1 }]', '      periods: [{ from: "2024-01-02", to: "2024-01-31" }]', ''].join('\n'),
    );
    const outcome = await runSweep(loadStudyFile(study), { where: study, db: join(dir, 'keep.db'), workers: 1, keep: 3, metric: 'sharpe' });
    expect(outcome.trials).toHaveLength(2);
    expect(outcome.kept.map((k) => k.name)).toEqual([outcome.best?.trial.name]);
    expect(outcome.kept[0]?.name).toMatch(/AAA/);
    expect(outcome.notes).toContain('kept 1 of --keep 3: 1 trial has no sharpe (never invested, or undefined) and is not ranked');
  });
});
