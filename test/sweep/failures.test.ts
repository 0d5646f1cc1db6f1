// A trial that fails for the user's reason (its strategy throws) is recorded as failed with its
// message, left out of the statistics and listed by the sweep, while the other trials go on; and
// `--resume` does not run it again — in another sweep that plans it either, where it is that
// sweep's failure too. A sweep none of whose trials produced a result fails; a walk-forward test
// says which in-sample trials failed, and a failed trial stored later is none. Local worker
// threads, a real results file.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../data/errors.ts';
import { escapeHtml } from '../../reports/html/page/escape.ts';
import type { TrialFailure } from '../../reports/store/index.ts';
import { renderSweepPage } from '../../reports/html/sweep/sweepPage.ts';
import { loadStudyFile, parseStudy } from '../../study/index.ts';
import { noResultError, runSweep, runWalkForward } from '../../study/sweep/index.ts';
import { sweepPageData } from '../../study/sweep/publish.ts';
import { breadth, expectOk, scratch, write } from '../cli/helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'breadth-failures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The study of cursedTilt.ts over `tilts`, counting its failing runs in `tallyFile`. */
const cursedStudy = (tallyFile: string, tilts: number[]): string =>
  [
    'title: cursed',
    'data: sample',
    'sample: { stocks: 20, years: 3 }',
    'benchmark: "@largeCap"',
    'runs:',
    '  - name: cursed',
    `    strategy: ${resolve(import.meta.dirname, 'fixtures', 'cursedTilt.ts')}`,
    `    params: { tally: ${JSON.stringify(tallyFile)} }`,
    `    sweep: { params: { tilt: [${tilts.join(', ')}] } }`,
    '',
  ].join('\n');

const tally = join(dir, 'tally.txt');
const study = join(dir, 'cursed.yaml');
writeFileSync(tally, '');
writeFileSync(study, cursedStudy(tally, [0, 0.25, 0.5, 0.75, 1]));

describe('a trial whose strategy throws', () => {
  const db = join(dir, 'cursed.db');

  it('is recorded as failed with its message; the other trials are stored and ranked', async () => {
    const outcome = await runSweep(loadStudyFile(study), { where: study, db, workers: 2, keep: 0 });
    expect(outcome.ran).toBe(4);
    expect(outcome.interrupted).toBe(false);
    expect(outcome.failed).toHaveLength(1);
    expect(outcome.failed[0]).toMatchObject({ name: 'cursed[tilt=0.5]', kind: 'user' });
    expect(outcome.failed[0]?.message).toMatch(/^strategy "cursed-tilt" failed on \d{4}-\d\d-\d\d: half a tilt is cursed/);
    expect(outcome.failed[0]?.message).not.toContain('\n');
    expect(outcome.trials.map((t) => (t.params as { tilt: number }).tilt).sort()).toEqual([0, 0.25, 0.75, 1]);
    expect(readFileSync(tally, 'utf8')).toBe('x');
    const d = new Database(db, { readonly: true });
    expect(d.prepare('SELECT name, kind FROM trial_failures').all()).toEqual([{ name: 'cursed[tilt=0.5]', kind: 'user' }]);
    d.close();
  });

  it('is not run again by --resume (and is still listed)', async () => {
    const outcome = await runSweep(loadStudyFile(study), { where: study, db, workers: 2, keep: 0, resume: true });
    expect(outcome.ran).toBe(0);
    // 4 stored, 1 failed before.
    expect(outcome.skipped).toBe(4);
    expect(outcome.failedBefore).toBe(1);
    expect(outcome.interrupted).toBe(false);
    expect(outcome.failed.map((f) => f.name)).toEqual(['cursed[tilt=0.5]']);
    expect(readFileSync(tally, 'utf8')).toBe('x');
  });
});

describe('a trial whose strategy throws a value that is not an Error, or whose decision throws as breadth reads it', () => {
  it('is the user\'s error too: recorded as failed with the value, the getter\'s line or the strategy file, while the other trials run (probe r48b F1, r49b F4: the sweep stopped, exit 70)', async () => {
    const strayTally = join(dir, 'stray-tally.txt');
    writeFileSync(strayTally, '');
    const file = resolve(import.meta.dirname, 'fixtures', 'cursedTilt.ts');
    const stray = parseStudy({
      data: 'sample',
      sample: { stocks: 20, years: 3 },
      runs: [{ name: 'stray', strategy: file, params: { tally: strayTally }, sweep: { params: { tilt: [0, 0.5], thrown: ['string', 'object', 'getter', 'revoked'] } } }],
    });
    const outcome = await runSweep(stray, { where: 'test', db: join(dir, 'stray.db'), workers: 2, keep: 0 });
    expect(outcome.interrupted).toBe(false);
    expect(outcome.ran).toBe(4);
    expect(outcome.failed.map((f) => [f.name, f.kind]).sort()).toEqual([
      ['stray[tilt=0.5 thrown=getter]', 'user'],
      ['stray[tilt=0.5 thrown=object]', 'user'],
      ['stray[tilt=0.5 thrown=revoked]', 'user'],
      ['stray[tilt=0.5 thrown=string]', 'user'],
    ]);
    const message = (thrown: string) => outcome.failed.find((f) => f.name === `stray[tilt=0.5 thrown=${thrown}]`)?.message;
    expect(message('string')).toMatch(new RegExp(`^strategy "cursed-tilt" failed on \\d{4}-\\d\\d-\\d\\d: it threw the string "half a tilt is cursed", not an Error \\(in ${file}\\)$`));
    expect(message('object')).toMatch(/: it threw the object \{"cursed":0\.5\}, not an Error \(in /);
    expect(message('getter')).toMatch(new RegExp(`^strategy "cursed-tilt" failed on \\d{4}-\\d\\d-\\d\\d: reading the weight of @smallCap: half a tilt is cursed \\(at ${file}:\\d+:\\d+\\)$`));
    expect(message('revoked')).toMatch(new RegExp(`: reading its weights: Cannot perform 'getPrototypeOf' on a proxy that has been revoked \\(in ${file}\\)$`));
    expect(readFileSync(strayTally, 'utf8')).toBe('xxxx');
  });
});

describe('the sweep page', () => {
  it('names each failed or refused trial with its reason, as the terminal does (probe r46c F5: "Trials 3 of 6 planned", nothing more)', async () => {
    // tilt 0.5 throws (cursedTilt.ts); sma-crossover refuses fast 20 ≥ slow 20 before running.
    const cursed = await runSweep(loadStudyFile(study), { where: study, db: join(dir, 'page.db'), workers: 1, keep: 0 });
    const page = renderSweepPage(sweepPageData(cursed, 'cursed'));
    expect(page).toContain('4 of 5 planned; 1 failed or refused');
    expect(page).toContain(`<li><strong>cursed[tilt=0.5]</strong>: ${escapeHtml(cursed.failed[0]?.message ?? '')}</li>`);
    expect(cursed.failed[0]?.message).toMatch(/half a tilt is cursed/);
    const sma = parseStudy({ data: 'sample', sample: { stocks: 20, years: 3 }, runs: [{ name: 'sma', strategy: 'sma-crossover', sweep: { params: { fast: [10, 20], slow: [20] } } }] });
    const refused = renderSweepPage(sweepPageData(await runSweep(sma, { where: 'test', db: join(dir, 'refused.db'), workers: 1, keep: 0 }), 'sma'));
    expect(refused).toContain('1 of 2 planned; 1 failed or refused');
    expect(refused).toMatch(/<li><strong>sma\[fast=20 slow=20\]<\/strong>: [^<]*must be shorter than slow/);
    expect(refused).toContain(escapeHtml("1 of them is a grid point the strategy's parameter check refused (never run)."));
  });
});

/** The tally of the tests below (cursedTilt appends to it), apart from the one the first tests count. */
const laterTally = join(dir, 'later-tally.txt');
writeFileSync(laterTally, '');

describe('a sweep none of whose trials produced a result (probe r48d F3: exit 0, "0 trials … 2 trials failed")', () => {
  it('fails with exit 2 and one line naming the first failure, after the summary that lists them', async () => {
    const cwd = scratch('breadth-no-result-');
    write(cwd, 'study.yaml', cursedStudy(laterTally, [0.5]));
    const o = await breadth(['sweep', 'study.yaml', '--db', 'b.db', '--workers', '1', '--no-report'], { cwd });
    expect(o.status, o.stderr).toBe(2);
    expect(o.stdout).toContain('0 trials (0 run now, 0 already stored) of 1 planned');
    expect(o.stdout).toMatch(/1 trial failed \(not in the statistics above\):\n {2}cursed\[tilt=0\.5\]: strategy "cursed-tilt" failed on /);
    expect(o.stderr).toMatch(/^breadth: no trial of sweep 1 produced a result: its one trial failed — cursed\[tilt=0\.5\]: strategy "cursed-tilt" failed on \d{4}-\d\d-\d\d: half a tilt is cursed[^\n]*\n$/);
  });

  it('while a sweep with a result and a failed trial exits 0 and says so', async () => {
    const cwd = scratch('breadth-no-result-');
    write(cwd, 'study.yaml', cursedStudy(laterTally, [0, 0.5]));
    const o = await breadth(['sweep', 'study.yaml', '--db', 'b.db', '--workers', '1', '--no-report', '--keep', '0'], { cwd });
    expectOk(o);
    expect(o.stdout).toContain('\n1 trial (1 run now, 0 already stored) of 2 planned'); // one trial, not "1 trials"
    expect(o.stdout).toContain('1 trial failed (not in the statistics above):');
    expect(o.stderr).toBe('');
  });

  it('is the user\'s error (exit 2) when every failure is — a strategy\'s fault, attempts past --trial-timeout — else breadth\'s (exit 70)', () => {
    const failure = (kind: TrialFailure['kind'], message: string, name = 'a[x=1]'): TrialFailure => ({ key: name, name, group: 'a', seq: 0, message, kind });
    const thrown = failure('user', 'strategy "a" failed on 2024-01-02: boom');
    const timedOut = failure('exhausted', 'failed 3 times: trial b[x=2] ran longer than 0.5 s', 'b[x=2]');
    const crashed = failure('exhausted', 'failed 3 times: job stalled more than allowable limit', 'c[x=3]');
    const user = noResultError('sweep 4', [thrown, timedOut]);
    expect(user).toBeInstanceOf(UserError);
    expect(user.message).toBe('no trial of sweep 4 produced a result: all 2 failed — a[x=1]: strategy "a" failed on 2024-01-02: boom (and 1 more)');
    const internal = noResultError('sweep 4', [timedOut, crashed]);
    expect(internal).not.toBeInstanceOf(UserError);
    expect(internal.message).toBe('no trial of sweep 4 produced a result: all 2 failed — b[x=2]: failed 3 times: trial b[x=2] ran longer than 0.5 s (and 1 more)');
  });
});

/** The one line of a walk-forward test whose run `k` has a window where the one trial, `<run>[tilt=0.5]`, threw. */
const noWindowResult = (k: number, run: string): RegExp =>
  new RegExp(
    `^no trial of test: runs\\[${k}\\]\\.walkForward's in-sample window (\\d{4}-\\d\\d-\\d\\d)\\.\\.(\\d{4}-\\d\\d-\\d\\d) produced a result: its one trial failed — ${run}\\[tilt=0\\.5\\] IS \\1\\.\\.\\2: strategy "cursed-tilt" failed on \\d{4}-\\d\\d-\\d\\d: half a tilt is cursed`,
  );

describe('a walk-forward test whose in-sample trials fail', () => {
  /** cursedTilt over the sample's 3 years: 1-year in-sample windows, stepped by 6 months. */
  const walkForward = (tilts: number[]) =>
    parseStudy({
      data: 'sample',
      sample: { stocks: 20, years: 3 },
      runs: [{ name: 'cursed', strategy: resolve(import.meta.dirname, 'fixtures', 'cursedTilt.ts'), params: { tally: laterTally }, sweep: { params: { tilt: tilts } }, walkForward: { inSample: '1y', outOfSample: '6m', mode: 'rolling' } }],
    });

  it('says which failed: never a choice, each listed (before: nothing said, the windows chose among the rest)', async () => {
    const [outcome] = await runWalkForward(walkForward([0, 0.5]), { where: 'test', db: join(dir, 'wf-some.db'), workers: 1 });
    // Every window tries tilt 0 and 0.5; 0.5 throws in each: one failure per window, tilt 0 chosen.
    expect(outcome.windows.length).toBeGreaterThan(1);
    expect(outcome.failed).toHaveLength(outcome.windows.length);
    expect(outcome.failed.every((f) => f.kind === 'user' && /^cursed\[tilt=0\.5\] IS /.test(f.name) && /half a tilt is cursed/.test(f.message))).toBe(true);
    expect(outcome.windows.every((w) => w.values.tilt === 0)).toBe(true);
  });

  it('fails in one line naming the window and its first failure when none of a window\'s trials produced a result', async () => {
    const failed = runWalkForward(walkForward([0.5]), { where: 'test', db: join(dir, 'wf-none.db'), workers: 1 });
    await expect(failed).rejects.toBeInstanceOf(UserError);
    await expect(failed).rejects.toThrow(noWindowResult(0, 'cursed'));
  });
});

describe('trials that failed in another sweep or walk-forward run (probe r50a F1, F2: linked to nothing, so unsaid)', () => {
  const beforeTally = join(dir, 'before-tally.txt');
  writeFileSync(beforeTally, '');
  const ranHalf = (): number => readFileSync(beforeTally, 'utf8').length;

  it('are the failures of a sweep run with --resume that plans them: listed, not run again, and exit 2 when none had a result (before: exit 0, failed [], "1 already stored")', async () => {
    const cwd = scratch('breadth-failed-before-');
    write(cwd, 'two.yaml', cursedStudy(beforeTally, [0, 0.5]).replace('title: cursed', 'title: cursed two'));
    write(cwd, 'one.yaml', cursedStudy(beforeTally, [0.5]));
    expectOk(await breadth(['sweep', 'two.yaml', '--db', 'a.db', '--workers', '1', '--no-report', '--keep', '0'], { cwd }));
    expect(ranHalf()).toBe(1);
    const o = await breadth(['sweep', 'one.yaml', '--db', 'a.db', '--workers', '1', '--no-report', '--resume'], { cwd });
    // Sweep 2's one trial is sweep 1's tilt 0.5, which threw: 0 trials, 1 failed (before), not run again.
    expect(o.status, o.stderr).toBe(2);
    expect(ranHalf()).toBe(1);
    expect(o.stdout).toContain('0 trials (0 run now, 0 already stored, 1 failed before) of 1 planned');
    expect(o.stdout).toMatch(/1 trial failed \(not in the statistics above\):\n {2}cursed\[tilt=0\.5\]: strategy "cursed-tilt" failed on \d{4}-\d\d-\d\d: half a tilt is cursed/);
    expect(o.stderr).toMatch(/^breadth: no trial of sweep 2 produced a result: its one trial failed — cursed\[tilt=0\.5\]: strategy "cursed-tilt" failed on [^\n]*half a tilt is cursed[^\n]*\n$/);
  });

  /** Two walk-forward runs of cursedTilt over the sample's 3 years, sharing the in-sample trials of tilt 0.5 (the run's name is not in a trial key). */
  const twoRuns = (b: number[]) =>
    parseStudy({
      data: 'sample',
      sample: { stocks: 20, years: 3 },
      runs: (
        [
          ['a', [0.5, 1]],
          ['b', b],
        ] as const
      ).map(([name, tilt]) => ({ name, strategy: resolve(import.meta.dirname, 'fixtures', 'cursedTilt.ts'), params: { tally: beforeTally }, walkForward: { inSample: '1y', outOfSample: '6m', mode: 'rolling', params: { tilt: [...tilt] } } })),
    });

  it("make a walk-forward run's window whose every trial failed the user's error, naming its own trial (before: TypeError, exit 70)", async () => {
    const failed = runWalkForward(twoRuns([0.5]), { where: 'test', db: join(dir, 'wf-before-none.db'), workers: 1 });
    await expect(failed).rejects.toBeInstanceOf(UserError);
    await expect(failed).rejects.toThrow(noWindowResult(1, 'b'));
  });

  it("are listed by each walk-forward run that shares them (before: run b said nothing of its 4)", async () => {
    const before = ranHalf();
    const [a, b] = await runWalkForward(twoRuns([0.5, 0.75]), { where: 'test', db: join(dir, 'wf-before-some.db'), workers: 1 });
    // 3 sample years, 1-year in-sample spans stepped by 6 months: out-of-sample spans from months
    // 12, 18, 24 and 30 — 4 windows, each with one tilt-0.5 trial that throws, run once (by a).
    expect(a.windows).toHaveLength(4);
    expect(b.windows).toHaveLength(4);
    expect(ranHalf() - before).toBe(4);
    expect(a.failed.map((f) => f.name.replace(/ IS .*/, ''))).toEqual(Array(4).fill('a[tilt=0.5]'));
    expect(b.failed.map((f) => [f.name.replace(/ IS .*/, ''), f.kind])).toEqual(Array(4).fill(['b[tilt=0.5]', 'user']));
    expect(b.failed.map((f) => f.key)).toEqual(a.failed.map((f) => f.key));
    expect(b.failed.every((f) => /half a tilt is cursed/.test(f.message))).toBe(true);
    expect(b.windows.every((w) => w.values.tilt === 0.75)).toBe(true);
  });

  it("are none once the registry holds them: a walk-forward's chosen trials whose attempts had run out are not said to have failed (probe r50a F4)", async () => {
    const db = join(dir, 'wf-superseded.db');
    const study = parseStudy({
      data: 'sample',
      sample: { stocks: 20, years: 3 },
      runs: [{ name: 'st', strategy: resolve(import.meta.dirname, 'fixtures', 'cursedTilt.ts'), params: { tally: beforeTally }, walkForward: { inSample: '1y', outOfSample: '1y', mode: 'rolling', params: { tilt: [0.25, 0.75] } } }],
    });
    const [first] = await runWalkForward(study, { where: 'test', db, workers: 1 });
    // 3 sample years, 1-year spans: 2 windows × 2 tilts = 4 in-sample trials, all stored.
    // As a queue left them: each in-sample trial timed out on its attempts (a failure row), then a
    // --resume with a longer --trial-timeout stored it.
    const d = new Database(db);
    const insert = d.prepare("INSERT INTO trial_failures (sweep_id, trial_key, seq, name, grp, message, kind, failed_at) SELECT sweep_id, trial_key, seq, 'x', grp, 'failed 1 times: ran longer than 0.02 s', 'exhausted', '2026-01-01' FROM sweep_trials WHERE sweep_id = ?");
    expect(insert.run(first.sweepId).changes).toBe(4);
    d.close();
    const [again] = await runWalkForward(study, { where: 'test', db, workers: 1, resume: true });
    expect(again.windows.map((w) => w.trialKey)).toEqual(first.windows.map((w) => w.trialKey));
    expect(again.failed).toEqual([]);
  });
});
