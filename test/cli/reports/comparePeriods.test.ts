// breadth compare says in the terminal what the page says of the common period: that it is short
// (probe r72d F3) or that there is none (F4), each as a `breadth: warning:` line.

import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { breadth, expectOk, scratch } from '../helpers.ts';

describe('breadth compare on runs over different periods', () => {
  let dir: string;
  let db: string;

  beforeAll(async () => {
    dir = scratch();
    db = join(dir, 'p.db');
    // The sample universe trades every weekday: early 2020-01-02 … 01-10, late 2020-01-06 … 03-31,
    // apart 2020-04-01 … 04-30 (no date shared with either).
    for (const [label, from, to] of [['early', '2020-01-02', '2020-01-10'], ['late', '2020-01-06', '2020-03-31'], ['apart', '2020-04-01', '2020-04-30']]) {
      expectOk(await breadth(['run', '--strategy', 'buy-and-hold', '--from', from, '--to', to, '--label', label, '--db', db], { cwd: dir }));
    }
  }, 120_000);

  it('warns of a short common period: 2020-01-06 → 2020-01-10, 4 days and 4 intervals', async () => {
    // Shared weekdays Mon 01-06 … Fri 01-10: 5 dates, 4 intervals, 4 days — under a year and under 30.
    const o = await breadth(['compare', db, 'early', 'late', '--out', join(dir, 'short.html')], { cwd: dir });
    expectOk(o);
    expect(o.stderr).toContain('breadth: warning: Short common period: 2020-01-06 → 2020-01-10 spans 4 days and 4 intervals between the dates every run shares, under a year: annualized figures over it (CAGR, volatility, Sharpe) extrapolate; under 30 intervals: the Sharpe test withholds z and p\n');
    const full = await breadth(['compare', db, 'early', 'late', '--full-period', '--out', join(dir, 'full.html')], { cwd: dir });
    expectOk(full);
    expect(full.stderr).not.toContain('Short common period');
  });

  it('warns that runs sharing no date are each measured over their own full period', async () => {
    // late ends 2020-03-31, apart starts 2020-04-01: no shared date. The old terminal printed the page's path alone.
    const o = await breadth(['compare', db, 'late', 'apart', '--out', join(dir, 'apart.html')], { cwd: dir });
    expectOk(o);
    expect(o.stderr).toContain('breadth: warning: The runs share no date (late 2020-01-06 → 2020-03-31, apart 2020-04-01 → 2020-04-30): there is no common period, so each run is measured over its own full period, as with --full-period\n');
    const full = await breadth(['compare', db, 'late', 'apart', '--full-period', '--out', join(dir, 'apart-full.html')], { cwd: dir });
    expectOk(full);
    expect(full.stderr).not.toContain('share no date');
  });
});
