// `breadth sweep` and `breadth walk-forward` as separate processes: a grid point the strategy's
// parameter check refuses (sma-crossover's fast ≥ slow) is a failed trial and the rest run; pages
// follow --db as `breadth run`'s do; a finished walk-forward resumed stores nothing more.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../reports/store/index.ts';
import { monthEndsFolder } from '../../sweep/fixtures/walkForwardData.ts';
import { breadth, expectBadInput, expectOk, scratch, write } from '../helpers.ts';

const smaGrid = (fast: number[], slow: number[], extra = '') =>
  `title: grid\ndata: sample\nsample: { stocks: 20, years: 2 }\nruns:\n  - name: sma\n    strategy: sma-crossover\n    sweep: { params: { fast: [${fast.join(', ')}], slow: [${slow.join(', ')}] } }\n${extra}`;

describe.concurrent('sweep grid points the strategy refuses', () => {
  it('fast [5, 100] × slow [50, 200]: 100 ≥ 50 is one failed trial with its reason, the other 3 run', async () => {
    const dir = scratch();
    write(dir, 'grid.yaml', smaGrid([5, 100], [50, 200]));
    const o = await breadth(['sweep', 'grid.yaml', '--workers', '1', '--keep', '0', '--json'], { cwd: dir, timeoutMs: 120_000 });
    expectOk(o);
    const summary = JSON.parse(o.stdout);
    expect([summary.trials, summary.planned, summary.refused, summary.ran]).toEqual([3, 4, 1, 3]);
    expect(summary.failed).toHaveLength(1);
    expect(summary.failed[0]).toMatchObject({ name: 'sma[fast=100 slow=50]', kind: 'user' });
    expect(summary.failed[0].message).toBe('grid.yaml (trial sma[fast=100 slow=50]): runs[0].params: sma-crossover: fast must be shorter than slow, got 100');
    // The terminal says it too; --resume finds the point failed and runs nothing.
    const again = await breadth(['sweep', 'grid.yaml', '--workers', '1', '--keep', '0', '--resume'], { cwd: dir, timeoutMs: 120_000 });
    expectOk(again);
    expect(again.stdout).toContain('3 trials (0 run now, 3 already stored) of 4 planned');
    expect(again.stdout).toContain("1 trial failed (not in the statistics above; 1 of them grid point the strategy's parameter check refused, not run):\n  sma[fast=100 slow=50]: grid.yaml (trial sma[fast=100 slow=50]): runs[0].params: sma-crossover: fast must be shorter than slow, got 100\n");
  });

  it('a study without a sweep: block is refused in one line with the fix, nothing stored (probe r67b: one trial of each run, exit 0)', async () => {
    const dir = scratch();
    write(dir, 'plain.yaml', 'title: plain\ndata: sample\nsample: { stocks: 20, years: 2 }\nruns:\n  - name: sma\n    strategy: sma-crossover\n');
    const o = await breadth(['sweep', 'plain.yaml', '--workers', '1'], { cwd: dir });
    expectBadInput(o);
    expect(o.stderr).toBe('breadth: plain.yaml: no run has a sweep: block, so there is nothing to sweep — add one at the top of the study or under a run (see examples/sweep.yaml), or use `breadth run plain.yaml` for one backtest of each run\n');
    expect(readdirSync(dir)).toEqual(['plain.yaml']);
  });

  it('a grid with no valid point is refused in one line, before any trial', async () => {
    const dir = scratch();
    write(dir, 'none.yaml', smaGrid([100, 300], [50]));
    expectBadInput(await breadth(['sweep', 'none.yaml', '--workers', '1'], { cwd: dir }), /^breadth: none\.yaml \(trial sma\[fast=100 slow=50\]\): runs\[0\]\.params: sma-crossover: fast must be shorter than slow, got 100$/);
  });

  it('walk-forward: the refused point is left out of every window\'s choice and said once', async () => {
    const dir = scratch();
    write(dir, 'wf.yaml', smaGrid([5, 100], [50, 200], '    walkForward: { inSample: 9m, outOfSample: 6m, metric: annual_return }\n'));
    const o = await breadth(['walk-forward', 'wf.yaml', '--workers', '1', '--no-report'], { cwd: dir, timeoutMs: 120_000 });
    expectOk(o);
    // 2 years: windows out of sample from months 9, 15 and 21 (the last cut short): 3 windows × 3 valid points, 1 refused in each.
    expect(o.stdout).toContain('sma: 3 rolling windows, chosen by in-sample annual_return among 9 trials');
    expect(o.stdout).toMatch(/\n3 in-sample points the strategy's parameter check refused, not run: wf\.yaml \(trial sma\[fast=100 slow=50\]\): runs\[0\]\.params: sma-crossover: fast must be shorter than slow, got 100 \(and others: --json lists them\)\n/);
  });
});

// Probe K1 F3: README promised exit 2 for a misspelt parameter key in a sweep's grid, SWEEPS.md a failed trial and exit 0. Both hold, for different grids.
describe.concurrent('a misspelt parameter key in a grid (nested in an object parameter)', () => {
  const levered = [
    "import { defineStrategy, schedules, z } from 'breadth';",
    'export default defineStrategy({',
    "  name: 'levered', description: 'The small-cap index at half a leverage.', dataNeeds: 'ETF prices',",
    '  params: z.object({ opts: z.object({ lev: z.number().min(0).max(2).default(1) }).default({ lev: 1 }) }),',
    "  create: ({ opts }) => ({ schedule: schedules.monthStart, decide: () => ({ weights: { '@smallCap': 0.5 * opts.lev } }) }),",
    '});',
    '',
  ].join('\n');
  const study = (run: string) => `title: lev\ndata: sample\nsample: { stocks: 20, years: 2 }\nruns:\n  - name: lv\n    strategy: ./levered.ts\n${run}`;
  const typo = 'runs[0].params: levered: unknown parameter "levv" in opts: did you mean lev? (known: lev)';

  it('in every point (every value of the axis, or the run\'s own params) the run is refused before any trial runs, exit 2; sweep and walk-forward alike', async () => {
    const dir = scratch();
    write(dir, 'levered.ts', levered);
    write(dir, 'every.yaml', study('    sweep: { params: { opts: [{ levv: 1 }, { levv: 2 }] } }\n'));
    write(dir, 'own.yaml', study('    params: { opts: { levv: 1 } }\n    sweep: { engine: { commission: [{ kind: bps, bps: 0 }, { kind: bps, bps: 2 }] } }\n'));
    write(dir, 'wf.yaml', study('    walkForward: { inSample: 9m, outOfSample: 6m, params: { opts: [{ levv: 1 }, { levv: 2 }] } }\n'));
    const refused = await Promise.all([
      breadth(['sweep', 'every.yaml', '--workers', '1', '--db', 'every.db'], { cwd: dir }),
      breadth(['sweep', 'own.yaml', '--workers', '1', '--db', 'own.db'], { cwd: dir }),
      breadth(['walk-forward', 'wf.yaml', '--workers', '1', '--db', 'wf.db'], { cwd: dir }),
    ]);
    expectBadInput(refused[0], `breadth: every.yaml (trial lv[opts=levv:1]): ${typo}`);
    expectBadInput(refused[1], `breadth: own.yaml (trial lv[commission=bps 0]): ${typo}`);
    expectBadInput(refused[2], `breadth: wf.yaml (trial lv[opts=levv:1]): ${typo}`);
    expect(readdirSync(dir).filter((f) => f.endsWith('.db'))).toEqual([]);
  });

  it('in some values of an axis those points are failed trials with their reason, the others run, exit 0', async () => {
    const dir = scratch();
    write(dir, 'levered.ts', levered);
    write(dir, 'some.yaml', study('    sweep: { params: { opts: [{ lev: 1 }, { levv: 2 }] } }\n'));
    const o = await breadth(['sweep', 'some.yaml', '--workers', '1', '--keep', '0', '--json'], { cwd: dir, timeoutMs: 120_000 });
    expectOk(o);
    const summary = JSON.parse(o.stdout);
    expect([summary.planned, summary.refused, summary.ran]).toEqual([2, 1, 1]);
    expect(summary.failed).toEqual([expect.objectContaining({ name: 'lv[opts=levv:2]', kind: 'user', message: `some.yaml (trial lv[opts=levv:2]): ${typo}` })]);
  });
});

describe.concurrent('options refused before any trial runs (probe r46c F7: the whole sweep ran, then exited 2)', () => {
  it('a mistyped --metric, with the nearest name; --blocks CSCV cannot use (7, 0, 30): no trial, not even a database', async () => {
    const dir = scratch();
    write(dir, 'grid.yaml', smaGrid([5], [50, 200]));
    const sweep = (...args: string[]) => breadth(['sweep', 'grid.yaml', '--workers', '1', '--db', 'r.db', ...args], { cwd: dir });
    expectBadInput(await sweep('--metric', 'sharp'), /^breadth: --metric: "sharp" is not a metric of these trials \(did you mean sharpe\?\); use a METRICS\.md name such as total_return, /);
    for (const blocks of ['7', '0', '30']) expectBadInput(await sweep('--blocks', blocks), new RegExp(`^breadth: --blocks: PBO needs an even number of blocks between 2 and 24, got ${blocks}$`));
    expect(existsSync(join(dir, 'r.db'))).toBe(false);
  });

  it('walk-forward: a grid with no valid point is refused before its --db exists (it left a schema-only store: probe r60c)', async () => {
    const dir = scratch();
    write(dir, 'none.yaml', smaGrid([100, 300], [50], '    walkForward: { inSample: 9m, outOfSample: 6m }\n'));
    expectBadInput(await breadth(['walk-forward', 'none.yaml', '--workers', '1', '--db', 'r.db'], { cwd: dir }), /^breadth: none\.yaml \(trial sma\[fast=100 slow=50\]\): runs\[0\]\.params: sma-crossover: fast must be shorter than slow, got 100$/);
    expect(readdirSync(dir).filter((f) => f.startsWith('r.db'))).toEqual([]);
  });

  it('walk-forward: a mistyped metric in the file, at its key path', async () => {
    const dir = scratch();
    write(dir, 'wf.yaml', smaGrid([5], [50, 200], '    walkForward: { inSample: 9m, outOfSample: 6m, metric: annual_retrun }\n'));
    expectBadInput(await breadth(['walk-forward', 'wf.yaml', '--workers', '1', '--db', 'r.db'], { cwd: dir }), /^breadth: wf\.yaml: runs\[0\]\.walkForward\.metric: "annual_retrun" is not a metric of these trials \(did you mean annual_return\?\); /);
    expect(existsSync(join(dir, 'r.db'))).toBe(false);
  });
});

describe.concurrent('where sweep and walk-forward pages go', () => {
  it('beside --db without --out, named after the database: two stores in one folder keep their own sweep 1 (probe r36b)', async () => {
    const dir = scratch();
    write(dir, 'grid.yaml', smaGrid([5], [50, 200]));
    const runs = await Promise.all(['s', 't'].map((store) => breadth(['sweep', 'grid.yaml', '--workers', '1', '--keep', '1', '--db', `a/${store}.db`], { cwd: dir, timeoutMs: 120_000 })));
    runs.forEach((o) => expectOk(o));
    expect(readdirSync(join(dir, 'a', 'reports')).sort()).toEqual(['s-sweep-1-best-1.html', 's-sweep-1.html', 't-sweep-1-best-1.html', 't-sweep-1.html']);
    expect(runs[1].stdout).toContain('sweep page: a/reports/t-sweep-1.html\n');
    expect(runs[1].stdout).toMatch(/: tear sheet a\/reports\/t-sweep-1-best-1\.html\n/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    // --out still wins; the default database keeps the plain names.
    expectOk(await breadth(['sweep', 'grid.yaml', '--workers', '1', '--keep', '0', '--db', 'c/s.db', '--out', 'pages'], { cwd: dir, timeoutMs: 120_000 }));
    expect(readdirSync(join(dir, 'pages', 'reports'))).toEqual(['s-sweep-1.html']);
    expectOk(await breadth(['sweep', 'grid.yaml', '--workers', '1', '--keep', '0', '--db', 'd/breadth.db'], { cwd: dir, timeoutMs: 120_000 }));
    expect(readdirSync(join(dir, 'd', 'reports'))).toEqual(['sweep-1.html']);
  });

  it('walk-forward: pages beside --db; --resume after it finished says so and stores no second stitched run', async () => {
    const dir = scratch();
    write(dir, 'wf.yaml', smaGrid([5], [20, 40], '    walkForward: { inSample: 9m, outOfSample: 6m }\n'));
    const first = await breadth(['walk-forward', 'wf.yaml', '--workers', '1', '--db', 'w/w.db'], { cwd: dir, timeoutMs: 120_000 });
    expectOk(first);
    expect(readdirSync(join(dir, 'w', 'reports')).sort()).toEqual(['w-sma-walk-forward-1.html', 'w-walk-forward-1.html']);
    const runs = (): number => {
      const store = openStore(join(dir, 'w', 'w.db'));
      try {
        return store.db.prepare('SELECT COUNT(*) FROM runs').pluck().get() as number;
      } finally {
        store.close();
      }
    };
    expect(runs()).toBe(1);
    const resumed = await breadth(['walk-forward', 'wf.yaml', '--workers', '1', '--db', 'w/w.db', '--resume'], { cwd: dir, timeoutMs: 120_000 });
    expectOk(resumed);
    expect(resumed.stdout).toContain('complete already: w/w.db holds this walk-forward and its stitched run 1; nothing was stored now');
    // The same figures as the first time, from the store.
    const line = (text: string) => text.split('\n').find((l) => l.startsWith('stitched out of sample'));
    expect(line(resumed.stdout)).toBe(line(first.stdout));
    expect(runs()).toBe(1);
    // Without --resume: the walk-forward, not a sweep, holds its trials (3 windows × 2 points).
    expectBadInput(await breadth(['walk-forward', 'wf.yaml', '--workers', '1', '--db', 'w/w.db'], { cwd: dir }), 'w/w.db holds 6 of the 6 trials of this walk-forward already: --resume skips them');
    // A second walk-forward of the same run into the same database is walk-forward 2: its stitched
    // tear sheet is its own, and the first page still links the first's, which is still there.
    write(dir, 'wf2.yaml', smaGrid([6], [25, 30], '    walkForward: { inSample: 9m, outOfSample: 6m }\n'));
    const second = await breadth(['walk-forward', 'wf2.yaml', '--workers', '1', '--db', 'w/w.db'], { cwd: dir, timeoutMs: 120_000 });
    expectOk(second);
    const id = /walk-forward page: w\/reports\/w-walk-forward-(\d+)\.html\n/.exec(second.stdout)?.[1];
    expect(Number(id)).toBeGreaterThan(1);
    expect(second.stdout).toContain(`tear sheet: w/reports/w-sma-walk-forward-${id}.html\n`);
    expect(readdirSync(join(dir, 'w', 'reports')).sort()).toEqual(['w-sma-walk-forward-1.html', `w-sma-walk-forward-${id}.html`, 'w-walk-forward-1.html', `w-walk-forward-${id}.html`]);
    expect(readFileSync(join(dir, 'w', 'reports', 'w-walk-forward-1.html'), 'utf8')).toContain('href="w-sma-walk-forward-1.html"');
    expect(readFileSync(join(dir, 'w', 'reports', `w-walk-forward-${id}.html`), 'utf8')).toContain(`href="w-sma-walk-forward-${id}.html"`);
  });
});

describe.concurrent('what a walk-forward says beside its table (probe r57b F1, F2)', () => {
  it('the stitched run\'s high caveats as `breadth run` prints them (a period the data does not cover), the cut window, the same again from the store; --json\'s caveats and notes', async () => {
    const dir = scratch();
    monthEndsFolder(dir, 'm');
    const study = 'title: m\ndata: m\nbenchmark: BBB\nengine: { initialCash: 1000000, from: "2020-06-30", to: "2025-06-30" }\nruns:\n  - name: hold\n    strategy: fixed-weights\n    params: { weights: { AAA: 1 }, schedule: month-end }\n    walkForward: { inSample: 1y, outOfSample: 1y, mode: rolling, params: { weights: [ { AAA: 1 }, { BBB: 1 } ] } }\n';
    write(dir, 'wf.yaml', study);
    const first = await breadth(['walk-forward', 'wf.yaml', '--workers', '1', '--db', 'wf.db', '--no-report'], { cwd: dir, timeoutMs: 120_000 });
    expectOk(first);
    // 213 days from 2020-06-30 to the first bar, 368 weekdays from the last bar to 2025-06-30 (test/sweep/walkForward.test.ts): both high, `!`, first.
    const said = [
      '  ! requested 2020-06-30, data starts 2021-01-29 (213 days later)\n  ! asked to 2025-06-30, the data ends 2024-01-31 (368 weekdays short)\n',
      "│ 3      │ 2024-01-31 → 2024-01-31 (cut short) │",
      "note: window 3's out of sample, 2024-01-31 → 2024-01-31, is cut short by the data's end: 1 session of an outOfSample span of 1y; its annualised figures extrapolate from 1 return (P = 12)\n",
    ];
    for (const text of said) expect(first.stdout).toContain(text);
    expect(first.stdout).toMatch(/\nstitched out of sample \(run 1\): annual return [^\n]*; \d+ caveats \(2 high\)\n  ! requested/);
    const resumed = await breadth(['walk-forward', 'wf.yaml', '--workers', '1', '--db', 'wf.db', '--no-report', '--resume'], { cwd: dir, timeoutMs: 120_000 });
    expectOk(resumed);
    expect(resumed.stdout).toContain('complete already');
    for (const text of said) expect(resumed.stdout).toContain(text);
    const json = await breadth(['walk-forward', 'wf.yaml', '--workers', '1', '--db', 'wf.db', '--no-report', '--resume', '--json'], { cwd: dir, timeoutMs: 120_000 });
    expectOk(json);
    const [o] = JSON.parse(json.stdout);
    expect(o.caveats.slice(0, 2)).toEqual([
      { code: 'late-start', severity: 'high', message: 'requested 2020-06-30, data starts 2021-01-29 (213 days later)' },
      { code: 'early-end', severity: 'high', message: 'asked to 2025-06-30, the data ends 2024-01-31 (368 weekdays short)' },
    ]);
    expect(o.notes[0]).toBe(said[2].slice('note: '.length, -1));
    expect(o.windows.map((w: { cut: boolean }) => w.cut)).toEqual([false, false, true]);
  });
});
